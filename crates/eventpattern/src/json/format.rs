//! Pretty-printing JSON text for the editors' "Format" action. Strings and
//! numbers are copied exactly as written, so formatting never changes what a
//! pattern means (`1.0E2` stays `1.0E2`).
//!
//! The output is linear in the input: containers nested deeper than
//! [`MAX_INDENTED_DEPTH`] are written on one line instead of being indented
//! further (indenting every level made a 40 KB event nested 20,000 deep into
//! 200 MB). [`format_within`] refuses output longer than a bound, so a caller
//! can keep a pattern within AWS's 4,096 characters or an editor usable.

use super::{JsonError, Reader, TokenKind};
use crate::span::Encoding;
use std::fmt;

/// Levels indented on their own lines; deeper containers stay on one line.
///
/// ```
/// let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
/// assert!(eventpattern::json::format(&deep).is_ok());
/// assert_eq!(eventpattern::json::MAX_INDENTED_DEPTH, 16);
/// ```
pub const MAX_INDENTED_DEPTH: usize = 16;

/// Why text was not formatted.
///
/// ```
/// use eventpattern::{json::{format_within, FormatError}, Encoding};
///
/// let r = format_within(r#"{"a": [1, 2, 3]}"#, 10, Encoding::Utf16);
/// assert!(matches!(r, Err(FormatError::TooLong { .. })));
/// assert!(matches!(format_within("{", 100, Encoding::Utf16), Err(FormatError::Syntax(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The text is not JSON.
    Syntax(JsonError),
    /// The formatted text would be longer than the limit given.
    TooLong {
        /// The limit, in the units asked for.
        limit: usize,
    },
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Syntax(e) => f.write_str(&e.message),
            FormatError::TooLong { limit } => write!(
                f,
                "the formatted text would be longer than {limit} characters"
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// Re-indents `text` with two spaces. Text after the top-level value is dropped.
///
/// ```
/// assert_eq!(eventpattern::json::format(r#"{"a":[1]}"#).unwrap(), "{\n  \"a\": [\n    1\n  ]\n}\n");
/// ```
pub fn format(text: &str) -> Result<String, JsonError> {
    match format_within(text, usize::MAX, Encoding::Utf8) {
        Ok(s) => Ok(s),
        Err(FormatError::Syntax(e)) => Err(e),
        // The output is at most a few times the input, far below usize::MAX.
        Err(FormatError::TooLong { .. }) => Ok(text.to_string()),
    }
}

/// [`format()`], refusing output longer than `limit` units of `unit` (e.g.
/// `format_within(pattern, 4096, Encoding::Utf16)` for AWS's pattern limit).
/// Stops writing as soon as the limit is passed.
///
/// ```
/// use eventpattern::{json::format_within, Encoding};
///
/// assert!(format_within(r#"{"a": 1}"#, 4096, Encoding::Utf16).is_ok());
/// ```
pub fn format_within(text: &str, limit: usize, unit: Encoding) -> Result<String, FormatError> {
    if !crate::span::addressable(text.len()) {
        return Err(FormatError::TooLong {
            limit: crate::span::MAX_TEXT_LEN,
        });
    }
    let mut out = Out {
        text: String::with_capacity(text.len().min(limit) + 64),
        len: 0,
        limit,
        unit,
    };
    write(text, &mut out)?;
    Ok(out.text)
}

/// The output and its length in the caller's unit.
struct Out {
    text: String,
    len: usize,
    limit: usize,
    unit: Encoding,
}

impl Out {
    fn push(&mut self, s: &str) -> Result<(), FormatError> {
        self.len += match self.unit {
            Encoding::Utf8 => s.len(),
            Encoding::Chars => s.chars().count(),
            Encoding::Utf16 => s.encode_utf16().count(),
        };
        if self.len > self.limit {
            return Err(FormatError::TooLong { limit: self.limit });
        }
        self.text.push_str(s);
        Ok(())
    }

    /// A line break and the indentation of `depth` (a space when inline).
    fn line(&mut self, depth: usize) -> Result<(), FormatError> {
        if depth > MAX_INDENTED_DEPTH {
            return self.push(" ");
        }
        self.push("\n")?;
        for _ in 0..depth {
            self.push("  ")?;
        }
        Ok(())
    }
}

fn write(text: &str, out: &mut Out) -> Result<(), FormatError> {
    let mut r = Reader::new(text, usize::MAX);
    let syntax = FormatError::Syntax;
    let mut depth = 0usize;
    // Whether the previous token opened a container (so a comma is not needed).
    let mut fresh = true;
    let mut after_key = false;
    let mut held = None;
    loop {
        let t = match held.take() {
            Some(t) => t,
            None => r.next_token().map_err(syntax)?,
        };
        let raw = r.slice(t.span);
        match t.kind {
            TokenKind::End => break,
            TokenKind::EndObject | TokenKind::EndArray => {
                depth -= 1;
                if depth >= MAX_INDENTED_DEPTH {
                    out.push(raw)?;
                } else {
                    out.line(depth)?;
                    out.push(raw)?;
                }
                fresh = false;
                after_key = false;
                continue;
            }
            _ => {}
        }
        if !after_key {
            if !fresh {
                out.push(",")?;
            }
            if depth > 0 && !(fresh && depth > MAX_INDENTED_DEPTH) {
                out.line(depth)?;
            }
        }
        after_key = false;
        match t.kind {
            TokenKind::Key => {
                out.push(raw)?;
                out.push(": ")?;
                after_key = true;
                fresh = false;
            }
            TokenKind::BeginObject | TokenKind::BeginArray => {
                let next = r.next_token().map_err(syntax)?;
                out.push(raw)?;
                if matches!(next.kind, TokenKind::EndObject | TokenKind::EndArray) {
                    out.push(r.slice(next.span))?;
                    fresh = false;
                } else {
                    depth += 1;
                    fresh = true;
                    held = Some(next);
                }
            }
            _ => {
                out.push(raw)?;
                fresh = false;
            }
        }
    }
    out.push("\n")
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

    #[test]
    fn deep_levels_stay_on_one_line() {
        let depth = MAX_INDENTED_DEPTH + 2;
        let text = format!(
            r#"{}{{"x":[1,{{}}]}}{}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let formatted = format(&text).unwrap();
        let deepest = format!(
            "\n{}[[{{\"x\": [1, {{}}]}}]]\n",
            "  ".repeat(MAX_INDENTED_DEPTH)
        );
        assert!(formatted.contains(&deepest), "{formatted}");
    }

    #[test]
    fn limit_is_counted_in_the_unit_asked_for() {
        let text = r#"{"k":"😀"}"#;
        let full = format(text).unwrap();
        let units = full.encode_utf16().count();
        assert_eq!(format_within(text, units, Encoding::Utf16).unwrap(), full);
        assert_eq!(
            format_within(text, units - 1, Encoding::Utf16),
            Err(FormatError::TooLong { limit: units - 1 })
        );
        assert!(format_within(text, full.len() - 1, Encoding::Utf8).is_err());
    }
}
