//! Share links and saved work. A link carries the whole state (event,
//! pattern, template) deflated and base64url-encoded into the URL fragment,
//! which browsers never send to a server: `v1.<data>`, the version letting
//! later formats coexist. The browser's own `CompressionStream`
//! (`deflate-raw`, see `crate::compress`) does the deflating, so the page
//! ships no compression code; this module only frames and encodes, and is
//! tested natively. Saved work (`localStorage`) is stored uncompressed as
//! `s1.`, read back without waiting; older saves in the link format still load.
//! A corrupt or hostile link is refused with a reason, never half-applied.

/// Prefix of the current link format.
pub const VERSION: &str = "v1";
/// Prefix of the saved-work format.
pub const SAVE_VERSION: &str = "s1";
/// Largest state a link may inflate to (a decompression bomb stops here).
pub const MAX_STATE_BYTES: usize = 16 << 20;

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// Event text.
    pub event: String,
    /// Pattern text.
    pub pattern: String,
    /// Template id ("" when edited freely).
    pub template: String,
}

/// The bytes a link compresses: each field as a little-endian `u32` length and its UTF-8.
pub fn to_payload(s: &Shared) -> Vec<u8> {
    frame(&[&s.template, &s.pattern, &s.event])
}

/// Reads the bytes a link inflated to.
pub fn from_payload(payload: &[u8]) -> Result<Shared, String> {
    let mut fields = unframe(payload, 3)?;
    let event = fields.pop().unwrap_or_default();
    let pattern = fields.pop().unwrap_or_default();
    let template = fields.pop().unwrap_or_default();
    Ok(Shared {
        event,
        pattern,
        template,
    })
}

/// Texts framed for a link: each as a little-endian `u32` length and its UTF-8.
pub fn frame(fields: &[&str]) -> Vec<u8> {
    let mut payload = Vec::with_capacity(fields.iter().map(|f| f.len() + 4).sum());
    for field in fields {
        payload.extend_from_slice(&(field.len() as u32).to_le_bytes());
        payload.extend_from_slice(field.as_bytes());
    }
    payload
}

/// Exactly `count` texts framed by [`frame`].
pub fn unframe(payload: &[u8], count: usize) -> Result<Vec<String>, String> {
    let mut fields = Vec::with_capacity(count);
    let mut rest = payload;
    for _ in 0..count {
        if rest.len() < 4 {
            return Err("the link's data is truncated".into());
        }
        let len = u32::from_le_bytes(rest[..4].try_into().expect("four bytes")) as usize;
        rest = &rest[4..];
        if len > rest.len() {
            return Err("the link's data is truncated".into());
        }
        let text = std::str::from_utf8(&rest[..len]).map_err(|_| "the link's text is not UTF-8")?;
        fields.push(text.to_string());
        rest = &rest[len..];
    }
    if !rest.is_empty() {
        return Err("the link has trailing data".into());
    }
    Ok(fields)
}

/// The fragment (without `#`) for compressed payload bytes.
pub fn link_from_compressed(compressed: &[u8]) -> String {
    fragment_with(VERSION, compressed)
}

/// The compressed bytes a fragment (with or without `#`) carries.
pub fn compressed_from_link(fragment: &str) -> Result<Vec<u8>, String> {
    bytes_of_fragment(VERSION, fragment)
}

/// A fragment (without `#`) in the format `version` (the single view's `v1`,
/// the batch view's own).
pub fn fragment_with(version: &str, compressed: &[u8]) -> String {
    format!("{version}.{}", base64url_encode(compressed))
}

/// The compressed bytes of a fragment in the format `version`.
pub fn bytes_of_fragment(expected: &str, fragment: &str) -> Result<Vec<u8>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some((version, data)) = fragment.split_once('.') else {
        return Err("the link has no version marker".into());
    };
    if version != expected {
        return Err(format!(
            "the link uses format `{}`, which this version does not know",
            short(version)
        ));
    }
    Ok(base64url_decode(data).ok_or("the link's data is not valid base64url")?)
}

/// Saved work as text: `s1.<template bytes>.<pattern bytes>.` then the three texts.
pub fn to_saved(s: &Shared) -> String {
    format!(
        "{SAVE_VERSION}.{}.{}.{}{}{}",
        s.template.len(),
        s.pattern.len(),
        s.template,
        s.pattern,
        s.event
    )
}

/// Reads saved work; `None` when it is in another format (or damaged).
pub fn from_saved(text: &str) -> Option<Shared> {
    let rest = text.strip_prefix(SAVE_VERSION)?.strip_prefix('.')?;
    let (t, rest) = rest.split_once('.')?;
    let (p, rest) = rest.split_once('.')?;
    let (t, p): (usize, usize) = (t.parse().ok()?, p.parse().ok()?);
    let template = rest.get(..t)?;
    let pattern = rest.get(t..t.checked_add(p)?)?;
    let event = rest.get(t + p..)?;
    Some(Shared {
        event: event.into(),
        pattern: pattern.into(),
        template: template.into(),
    })
}

fn short(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Shared {
        Shared {
            event: "{\"a\": \"é😀<img src=x onerror=alert(1)>\"}".into(),
            pattern: "{\"a\": [{\"prefix\": \"é\"}]}".into(),
            template: "ec2-state-change".into(),
        }
    }

    #[test]
    fn payload_and_saved_round_trip() {
        let s = sample();
        assert_eq!(from_payload(&to_payload(&s)).unwrap(), s);
        assert_eq!(from_saved(&to_saved(&s)).unwrap(), s);
        assert_eq!(from_saved("s1.3.2.abc{}x").unwrap().event, "x");
        assert_eq!(from_saved("s1.9.2.abc"), None);
        assert_eq!(from_saved("s1.1.9.é"), None);
        assert_eq!(from_saved("v1.AAAA"), None);
        let link = link_from_compressed(&[1, 2, 3, 250]);
        assert!(link.starts_with("v1."));
        assert!(link
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_'));
        assert_eq!(
            compressed_from_link(&format!("#{link}")).unwrap(),
            vec![1, 2, 3, 250]
        );
    }

    #[test]
    fn hostile_links_are_refused() {
        assert!(compressed_from_link("").is_err());
        assert!(compressed_from_link("#v9.AAAA").unwrap_err().contains("v9"));
        assert!(compressed_from_link("#v1.%%%").is_err());
        let mut bad = Vec::new();
        bad.extend_from_slice(&100u32.to_le_bytes());
        assert!(from_payload(&bad).is_err());
        let mut trailing = to_payload(&sample());
        trailing.push(0);
        assert!(from_payload(&trailing).is_err());
    }

    #[test]
    fn base64_lengths() {
        for n in 0..10 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37) as u8).collect();
            assert_eq!(base64url_decode(&base64url_encode(&data)).unwrap(), data);
        }
    }
}
