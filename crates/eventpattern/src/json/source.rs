//! Jackson's `[Source: (String)"…"; line: L, column: C]`: the text AWS's
//! messages quote, and the line and column Jackson counts.
//!
//! Jackson counts lines at `\n`, `\r` and `\r\n` (one break each) and columns
//! in UTF-16 units from the line's start, one-based. It quotes at most the
//! first 500 UTF-16 units of the text and says how many it left out.

use std::borrow::Cow;

/// Most UTF-16 units of the text Jackson quotes.
const MAX_QUOTED: usize = 500;

/// Jackson's one-based line and column of byte `offset` in `text` (clamped
/// to the text and moved back to a character boundary).
pub fn jackson_line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = text.as_bytes();
    let mut line = 1u32;
    let mut line_start = 0usize;
    let mut i = 0usize;
    while i < offset {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') && i + 1 < offset {
                    i += 1;
                }
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let column = text[line_start..offset].encode_utf16().count() as u32 + 1;
    (line, column)
}

/// `[Source: (String)"…"; line: L, column: C]` for `text`: its first 500
/// UTF-16 units (then `[truncated N chars]`), control characters other than
/// line breaks written as `\uXXXX`.
pub fn jackson_source(text: &str, line: u32, column: u32) -> String {
    let units = text.encode_utf16().count();
    let shown = if units > MAX_QUOTED {
        let cut: String = text
            .chars()
            .scan(0, |n, c| {
                *n += c.len_utf16();
                (*n <= MAX_QUOTED).then_some(c)
            })
            .collect();
        format!(
            "\"{}\"[truncated {} chars]",
            escape_controls(&cut),
            units - cut.encode_utf16().count()
        )
    } else {
        format!("\"{}\"", escape_controls(text))
    };
    format!("[Source: (String){shown}; line: {line}, column: {column}]")
}

/// Control characters (C0 and C1) other than `\n` and `\r` as `\uXXXX`, as
/// Jackson shows them in a `[Source: …]` excerpt.
fn escape_controls(text: &str) -> Cow<'_, str> {
    let shown = |c: char| c.is_control() && c != '\n' && c != '\r';
    if !text.chars().any(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if shown(c) {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_cr_lf_and_crlf_once_each() {
        assert_eq!(jackson_line_col("ab", 1), (1, 2));
        assert_eq!(jackson_line_col("a\nb", 2), (2, 1));
        assert_eq!(jackson_line_col("a\rb", 2), (2, 1));
        assert_eq!(jackson_line_col("a\r\nb", 3), (2, 1));
        assert_eq!(jackson_line_col("\r\n\r\nx", 4), (3, 1));
        // Columns are UTF-16 units: an emoji counts two.
        assert_eq!(jackson_line_col("😀x", 4), (1, 3));
    }

    #[test]
    fn long_texts_are_cut_at_500_units() {
        let text = "x".repeat(600);
        let s = jackson_source(&text, 1, 2);
        assert!(
            s.ends_with("\"[truncated 100 chars]; line: 1, column: 2]"),
            "{s}"
        );
        assert_eq!(s.matches('x').count(), 500);
        assert_eq!(
            jackson_source("a\u{1}b", 1, 1),
            "[Source: (String)\"a\\u0001b\"; line: 1, column: 1]"
        );
    }
}
