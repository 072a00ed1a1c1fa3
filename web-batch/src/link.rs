//! The batch in a share link (`batch.html#b1.<data>`) and in saved work: the
//! rules' file name, the rules and the events, framed as the single view
//! frames its texts. Tested natively; the compression is the browser's.

use eventpattern_web::share::{frame, unframe};

/// Prefix of batch links.
pub const VERSION: &str = "b1";

/// Links longer than this are not made: browsers and chat tools cut them.
pub const MAX_LINK_CHARS: usize = 100_000;

/// Past this length a link still works in a browser, but tools it is pasted into may cut it.
pub const WARN_LINK_CHARS: usize = 8_000;

/// What a batch link or save holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    /// The name the rules were read as (a dropped file's, or pasted).
    pub rules_file: String,
    /// The rules' text.
    pub rules: String,
    /// The events' text.
    pub events: String,
}

/// The bytes a link compresses (and the saved form).
pub fn to_payload(b: &Batch) -> Vec<u8> {
    frame(&[&b.rules_file, &b.rules, &b.events])
}

/// Reads [`to_payload`]'s bytes back.
pub fn from_payload(payload: &[u8]) -> Result<Batch, String> {
    let mut f = unframe(payload, 3)?.into_iter();
    let mut next = || f.next().unwrap_or_default();
    Ok(Batch {
        rules_file: next(),
        rules: next(),
        events: next(),
    })
}

/// The `localStorage` key of the batch page's saved work.
pub const STORAGE_KEY: &str = "eventpattern-playground.batch.v1";

/// Prefix of the saved form.
const SAVE_VERSION: &str = "bs1";

/// Saved work as text: `bs1.<file bytes>.<rules bytes>.` then the three texts.
pub fn to_saved(b: &Batch) -> String {
    format!(
        "{SAVE_VERSION}.{}.{}.{}{}{}",
        b.rules_file.len(),
        b.rules.len(),
        b.rules_file,
        b.rules,
        b.events
    )
}

/// Reads saved work; `None` when it is in another format (or damaged).
pub fn from_saved(text: &str) -> Option<Batch> {
    let rest = text.strip_prefix(SAVE_VERSION)?.strip_prefix('.')?;
    let (f, rest) = rest.split_once('.')?;
    let (r, rest) = rest.split_once('.')?;
    let (f, r): (usize, usize) = (f.parse().ok()?, r.parse().ok()?);
    Some(Batch {
        rules_file: rest.get(..f)?.into(),
        rules: rest.get(f..f.checked_add(r)?)?.into(),
        events: rest.get(f + r..)?.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_round_trips_and_refuses_damage() {
        let b = Batch {
            rules_file: "template.yaml".into(),
            rules: "Resources: {}".into(),
            events: "{\"a\": \"é\"}\n".into(),
        };
        assert_eq!(from_saved(&to_saved(&b)).as_ref(), Some(&b));
        assert_eq!(from_saved("bs1.99.0.x"), None);
        let bytes = to_payload(&b);
        assert_eq!(from_payload(&bytes), Ok(b));
        assert!(from_payload(&bytes[..bytes.len() - 1]).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(from_payload(&longer).is_err());
    }
}
