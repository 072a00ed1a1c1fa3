//! The event envelope `TestEventPattern` requires: a JSON object with the
//! fields `id`, `account`, `source`, `time`, `region` and `detail-type`. AWS
//! answers anything else with `ValidationException: Parameter Event is not
//! valid.` (docs/SEMANTICS.md, "Inputs"). `resources`, which the API
//! reference also lists, is not required: AWS evaluates events without it.

use eventpattern::json::{Reader, TokenKind};

/// The top-level fields AWS requires.
pub const REQUIRED_FIELDS: [&str; 6] = ["id", "account", "source", "time", "region", "detail-type"];

/// Whether `event` is well-formed JSON whose top level is an object with
/// every field of [`REQUIRED_FIELDS`]. Read with the engine's reader (the
/// one that reads events for matching), without building a tree; nesting is
/// not bounded (the reader does not recurse).
pub fn has_envelope(event: &str) -> bool {
    let mut r = Reader::new(event, usize::MAX);
    match r.next_token() {
        Ok(t) if t.kind == TokenKind::BeginObject => {}
        _ => return false,
    }
    let mut seen = [false; REQUIRED_FIELDS.len()];
    loop {
        let Ok(t) = r.next_token() else {
            return false;
        };
        match t.kind {
            TokenKind::EndObject => break,
            TokenKind::Key => {
                let name = r.key_content(t);
                if let Some(i) = REQUIRED_FIELDS.iter().position(|f| *f == name) {
                    seen[i] = true;
                }
                let Ok(value) = r.next_token() else {
                    return false;
                };
                if r.skip_value(value).is_err() {
                    return false;
                }
            }
            _ => return false,
        }
    }
    seen.iter().all(|&s| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str =
        r#"{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"}"#;

    #[test]
    fn the_six_fields_are_required() {
        assert!(has_envelope(FULL));
        assert!(has_envelope(
            r#"{"version":"0","id":"1","detail-type":"d","source":"s","account":"1","time":"t","region":"r","detail":{"a":[1,{"b":2}]}}"#
        ));
        for field in REQUIRED_FIELDS {
            let without = FULL.replace(&format!("\"{field}\":"), "\"other\":");
            assert!(!has_envelope(&without), "{without}");
        }
    }

    #[test]
    fn anything_but_a_well_formed_object_is_refused() {
        for text in [
            "",
            "x",
            "[]",
            "\"event\"",
            "null",
            r#"{"testEvent":"value"}"#,
            &FULL[..FULL.len() - 1],
        ] {
            assert!(!has_envelope(text), "{text:?}");
        }
        // A nested field of the same name does not count.
        assert!(!has_envelope(
            r#"{"detail":{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"}}"#
        ));
        // Deep nesting is read without recursion.
        let deep = format!(
            "{},\"d\":{}1{}}}",
            &FULL[..FULL.len() - 1],
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(has_envelope(&deep));
    }
}
