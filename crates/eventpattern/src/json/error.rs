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
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}
