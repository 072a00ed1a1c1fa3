//! Results as self-contained data, for front ends that print or send them
//! rather than draw them: every span turned into a line, a column and
//! offsets in the caller's [`Encoding`], every kind into a stable
//! kebab-case name, every sentence written out. The CLI's `--json`, the npm
//! package and the Python wheel all serialise these types, so they say the
//! same thing in the same shape.
//!
//! With the `serde` feature (off by default) each type implements
//! `serde::Serialize`. Keys are `snake_case` (`conflicts_with`), names of
//! kinds and states are `kebab-case` (`no-condition-met`); an absent
//! optional value is `null`. Lines and columns are one-based; `start` and
//! `end` are zero-based offsets (end exclusive) in the same encoding, so
//! UTF-16 offsets index a JavaScript string directly.
//!
//! ```
//! use eventpattern::report::TraceReport;
//! use eventpattern::{Encoding, Pattern};
//!
//! let pattern_text = r#"{"detail": {"state": ["stopped"]}}"#;
//! let event_text = r#"{"detail": {"state": "running"}}"#;
//! let pattern = Pattern::parse(pattern_text).unwrap();
//! let trace = pattern.explain(event_text).unwrap();
//! let report = TraceReport::new(&pattern, pattern_text, event_text, &trace, Encoding::Utf16);
//! assert!(!report.matched);
//! assert_eq!(report.fields[0].status, "failed");
//! assert_eq!(report.fields[0].pattern.line, 1);
//! ```

mod error;
mod note;
mod trace;

pub use error::{ErrorReport, EventErrorReport};
pub use note::{notes, NoteReport};
pub use trace::{FieldReport, HintReport, OutcomeReport, Place, TraceReport, ValueReport};

use crate::span::{Encoding, Span};

/// Line, column and offsets of byte positions in one text, in one
/// encoding; the encoded offset of every line start is counted once.
pub(crate) struct Positions<'a> {
    text: &'a str,
    encoding: Encoding,
    /// Per line: its first byte and its offset in `encoding`.
    lines: Vec<(u32, u32)>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str, encoding: Encoding) -> Self {
        let mut lines = vec![(0, 0)];
        let mut encoded = 0u32;
        for (i, c) in text.char_indices() {
            encoded += units(c, encoding);
            if c == '\n' {
                lines.push((i as u32 + 1, encoded));
            }
        }
        Positions {
            text,
            encoding,
            lines,
        }
    }

    /// Line, column (both one-based) and offset of byte `at`.
    fn locate(&self, at: u32) -> (u32, u32, u32) {
        let mut at = (at as usize).min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let line = match self.lines.binary_search_by_key(&(at as u32), |l| l.0) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (start, encoded) = self.lines[line];
        let column: u32 = self.text[start as usize..at]
            .chars()
            .map(|c| units(c, self.encoding))
            .sum();
        (line as u32 + 1, column + 1, encoded + column)
    }

    /// Where `span` lies.
    pub(crate) fn place(&self, span: Span) -> Place {
        let (line, column, start) = self.locate(span.start);
        let end = if span.end == span.start {
            start
        } else {
            self.locate(span.end).2
        };
        Place {
            line,
            column,
            start,
            end,
        }
    }
}

/// Code units of `c` in `encoding`.
fn units(c: char, encoding: Encoding) -> u32 {
    match encoding {
        Encoding::Chars => 1,
        Encoding::Utf16 => c.len_utf16() as u32,
        Encoding::Utf8 => c.len_utf8() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_the_encoding() {
        let text = "{\n \"😀\": xy}";
        let x = text.find('x').unwrap();
        let span = Span::new(x, x + 2);
        let p = |e| Positions::new(text, e).place(span);
        assert_eq!(
            (p(Encoding::Chars).column, p(Encoding::Chars).start),
            (7, 8)
        );
        assert_eq!(
            (p(Encoding::Utf16).column, p(Encoding::Utf16).start),
            (8, 9)
        );
        assert_eq!(p(Encoding::Utf16).end, 11);
        assert_eq!(p(Encoding::Utf8).start as usize, x);
        let units16: Vec<u16> = text.encode_utf16().collect();
        let at = p(Encoding::Utf16);
        assert_eq!(
            String::from_utf16(&units16[at.start as usize..at.end as usize]).unwrap(),
            "xy"
        );
    }

    #[test]
    fn columns_agree_with_the_line_index() {
        let text = "ab\r\nçd\n\n😀e";
        let idx = crate::LineIndex::new(text);
        for (i, _) in text.char_indices() {
            for e in [Encoding::Chars, Encoding::Utf16, Encoding::Utf8] {
                let lc = idx.line_col(i as u32, e);
                let place = Positions::new(text, e).place(Span::empty(i));
                assert_eq!(
                    (place.line, place.column),
                    (lc.line, lc.column),
                    "{i} {e:?}"
                );
            }
        }
    }
}
