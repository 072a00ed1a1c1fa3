//! Syntax errors of the JSON reader.

use crate::span::Span;
use std::fmt;

/// What went wrong while reading JSON text.
///
/// ```
/// use eventpattern::json::{JsonErrorKind, Reader};
///
/// let mut r = Reader::new("{'a': 1}", 10);
/// r.next_token().unwrap();
/// assert_eq!(r.next_token().unwrap_err().kind, JsonErrorKind::UnexpectedCharacter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// A character that cannot stand here, e.g. `'` in `{'a': 1}`.
    UnexpectedCharacter,
    /// A word that is not `true`, `false` or `null`, e.g. `this`.
    UnrecognizedToken,
    /// The text ends inside a string, object or array.
    UnexpectedEnd,
    /// `}` closes an array or `]` an object.
    MismatchedClose,
    /// A backslash escape JSON does not have, e.g. `\d`.
    BadEscape,
    /// A raw control character inside a string.
    ControlCharacter,
    /// A malformed number, e.g. `01` or `1.`.
    BadNumber,
    /// Nesting deeper than the reader allows.
    TooDeep,
}

/// A syntax error: its kind, the message (Jackson's wording) and where it is.
///
/// ```
/// use eventpattern::json::format;
///
/// let e = format("[1, 2").unwrap_err();
/// assert!(e.message.starts_with("Unexpected end-of-input"));
/// assert_eq!(e.related.map(|s| s.start), Some(0)); // where the array opened
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The category.
    pub kind: JsonErrorKind,
    /// The message, worded as Jackson words it (AWS shows Jackson's text).
    pub message: String,
    /// The offending character or token; empty at the end of the input.
    pub span: Span,
    /// The opening mark (`{`, `[` or `"`) of the container or string that
    /// this error leaves unclosed, when there is one.
    pub related: Option<Span>,
}

impl JsonError {
    /// The same error, remembering where the unclosed thing opened.
    pub(crate) fn opened_at(mut self, offset: usize) -> Self {
        self.related = Some(Span::new(offset, offset + 1));
        self
    }

    /// Where AWS's parser (Jackson 2.17 or later) says this error is: a byte
    /// offset in `text`, and whether the character just before it is a line
    /// break Jackson consumed as an illegal character of a string (which it
    /// does not count as a new line). See [`JsonError::jackson_cursor`]; for
    /// an unexpected character, an illegal one in a string, a bad escape or
    /// a mismatched close marker, Jackson (since 2.17) names the place one
    /// character before its cursor: the offending character itself (AWS
    /// answers `{'a': 1}` at column 2).
    pub fn jackson_stop(&self, text: &str) -> (usize, bool) {
        const NAMED_BEFORE_CURSOR: [&str; 4] = [
            "Unexpected character (",
            "Illegal unquoted character (",
            "Unrecognized character escape ",
            "Unexpected close marker ",
        ];
        let (at, raw_break) = self.jackson_cursor(text);
        if NAMED_BEFORE_CURSOR
            .iter()
            .any(|p| self.message.starts_with(p))
        {
            let before = text[..at.min(text.len())].chars().next_back();
            return (at - before.map_or(0, char::len_utf8), raw_break);
        }
        (at, raw_break)
    }

    /// Jackson's read position when it raises this error (what it reported
    /// for every error before 2.17, and still reports when AWS's compiler
    /// raises the error again): usually after the offending character or token; before
    /// the character that ends a malformed number (looked at, not consumed),
    /// except after a lone minus sign or when the text ends inside the
    /// number; one character after a leading `+` (read to word the message).
    pub fn jackson_cursor(&self, text: &str) -> (usize, bool) {
        let (start, end) = (self.span.start as usize, self.span.end as usize);
        let at = |i: usize| text.as_bytes().get(i).copied();
        match self.kind {
            JsonErrorKind::BadNumber if at(start) == Some(b'+') => {
                let next = text.get(end..).and_then(|r| r.chars().next());
                (end + next.map_or(0, char::len_utf8), false)
            }
            JsonErrorKind::BadNumber
                if self.message.contains(") in numeric value: ")
                    && !self
                        .message
                        .ends_with("to follow minus sign, for valid numeric value")
                    && !(end == text.len()
                        && matches!(at(start), Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'-'))) =>
            {
                (start, false)
            }
            JsonErrorKind::ControlCharacter | JsonErrorKind::BadEscape
                if end > 0 && matches!(at(end - 1), Some(b'\n' | b'\r')) =>
            {
                (end, true)
            }
            _ => (end, false),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}
