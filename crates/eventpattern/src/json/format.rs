//! Pretty-printing JSON text for the editors' "Format" action. Strings and
//! numbers are copied exactly as written, so formatting never changes what a
//! pattern means (`1.0E2` stays `1.0E2`).

use super::{JsonError, Reader, TokenKind};

/// Re-indents `text` with two spaces. Text after the top-level value is dropped.
pub fn format(text: &str) -> Result<String, JsonError> {
    let mut r = Reader::new(text, usize::MAX);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth = 0usize;
    // Whether the previous token opened a container (so a comma is not needed).
    let mut fresh = true;
    let mut after_key = false;
    let mut held = None;
    loop {
        let t = match held.take() {
            Some(t) => t,
            None => r.next_token()?,
        };
        let raw = r.slice(t.span);
        match t.kind {
            TokenKind::End => break,
            TokenKind::EndObject | TokenKind::EndArray => {
                depth -= 1;
                out.push('\n');
                push_indent(&mut out, depth);
                out.push_str(raw);
                fresh = false;
                after_key = false;
                continue;
            }
            _ => {}
        }
        if !after_key {
            if !fresh {
                out.push(',');
            }
            if depth > 0 {
                out.push('\n');
                push_indent(&mut out, depth);
            }
        }
        after_key = false;
        match t.kind {
            TokenKind::Key => {
                out.push_str(raw);
                out.push_str(": ");
                after_key = true;
                fresh = false;
            }
            TokenKind::BeginObject | TokenKind::BeginArray => {
                let next = r.next_token()?;
                if matches!(next.kind, TokenKind::EndObject | TokenKind::EndArray) {
                    out.push_str(raw);
                    out.push_str(r.slice(next.span));
                    fresh = false;
                } else {
                    out.push_str(raw);
                    depth += 1;
                    fresh = true;
                    held = Some(next);
                }
            }
            _ => {
                out.push_str(raw);
                fresh = false;
            }
        }
    }
    out.push('\n');
    Ok(out)
}

fn push_indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_keeps_literals() {
        assert_eq!(
            format(r#"{"a":[1.0E2,"x\u0041"],"b":{},"c":[],"d":{"e":null}}"#).unwrap(),
            "{\n  \"a\": [\n    1.0E2,\n    \"x\\u0041\"\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": {\n    \"e\": null\n  }\n}\n"
        );
        assert_eq!(format("[]").unwrap(), "[]\n");
        assert!(format(r#"{"a": }"#).is_err());
    }
}
