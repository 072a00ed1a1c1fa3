//! Errors of invalid patterns: a kind, AWS's reason text, the byte span in the
//! pattern text, and the path inside the pattern.

use crate::json::JsonError;
use crate::span::{Encoding, LineCol, LineIndex, Span};
use std::fmt;

/// One step of a path inside the pattern: an object key or a list index
/// (serialised as a string or a number).
///
/// ```
/// use eventpattern::{pattern::PathSegment, Pattern};
///
/// let err = Pattern::parse(r#"{"a": [{"prefix": 5}]}"#).unwrap_err();
/// assert_eq!(err.path, [PathSegment::Key("a".into()), PathSegment::Index(0), PathSegment::Key("prefix".into())]);
/// assert_eq!(err.path[1].to_string(), "0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(untagged))]
pub enum PathSegment {
    /// An object key.
    Key(String),
    /// A position in an array.
    Index(usize),
}

impl fmt::Display for PathSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSegment::Key(k) => f.write_str(k),
            PathSegment::Index(i) => write!(f, "{i}"),
        }
    }
}

/// Why a pattern is invalid. Each variant names an input that triggers it.
///
/// ```
/// use eventpattern::{ErrorKind, Pattern};
///
/// assert_eq!(Pattern::parse("{}").unwrap_err().kind, ErrorKind::EmptyObject);
/// assert_eq!(Pattern::parse(r#"{"a": ['x']}"#).unwrap_err().kind, ErrorKind::Syntax);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Not JSON: `{"a": ['x']}`.
    Syntax,
    /// Valid JSON that is not an object: `["a"]`, `null`, empty text.
    NotAnObject,
    /// `{}` or `{"detail": {}}`.
    EmptyObject,
    /// `{"source": []}`.
    EmptyArray,
    /// `{"source": "aws.ec2"}`: a field's value must be an object or a list.
    FieldNotObjectOrArray,
    /// `{"a": [["x"]]}`: a list element must be a value or an operator object.
    MatchValueType,
    /// `{"a": [{}]}`.
    OperatorMissing,
    /// `{"a": [{"prefx": "x"}]}` (names are case-sensitive).
    OperatorUnknown,
    /// `{"a": [{"prefix": "x", "suffix": "y"}]}`.
    OperatorExtraKey,
    /// `{"a": [{"prefix": 5}]}`: the operand has the wrong type or shape.
    OperandInvalid,
    /// `{"a": [{"wildcard": "a**"}]}`.
    WildcardSyntax,
    /// `{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}` (AWS-side limit).
    WildcardTooComplex,
    /// `{"a": [{"numeric": [">", 5, "<", 1]}]}`.
    NumericRange,
    /// `{"a": [{"numeric": [">", 1e309]}]}`: not exactly representable.
    NumberNotComparable,
    /// `{"a": [{"cidr": "10.0.0.1/32"}]}`.
    Cidr,
    /// `{"$or": [{"a": ["1"]}]}`.
    OrShape,
    /// `{"$or": [{"prefix": ["1"]}, …]}`.
    OrReservedField,
    /// `$or` lists whose product exceeds 1000 (AWS-side limit).
    TooManyCombinations,
    /// Pattern text longer than 4096 characters (AWS request validation).
    TooLong,
    /// Objects and lists nested deeper than the reader allows.
    NestingTooDeep,
}

impl ErrorKind {
    /// Kebab-case name, stable for tests and JSON output.
    ///
    /// ```
    /// use eventpattern::ErrorKind;
    ///
    /// assert_eq!(ErrorKind::OperandInvalid.name(), "operand-invalid");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::NotAnObject => "not-an-object",
            ErrorKind::EmptyObject => "empty-object",
            ErrorKind::EmptyArray => "empty-array",
            ErrorKind::FieldNotObjectOrArray => "field-not-object-or-array",
            ErrorKind::MatchValueType => "match-value-type",
            ErrorKind::OperatorMissing => "operator-missing",
            ErrorKind::OperatorUnknown => "operator-unknown",
            ErrorKind::OperatorExtraKey => "operator-extra-key",
            ErrorKind::OperandInvalid => "operand-invalid",
            ErrorKind::WildcardSyntax => "wildcard-syntax",
            ErrorKind::WildcardTooComplex => "wildcard-too-complex",
            ErrorKind::NumericRange => "numeric-range",
            ErrorKind::NumberNotComparable => "number-not-comparable",
            ErrorKind::Cidr => "cidr",
            ErrorKind::OrShape => "or-shape",
            ErrorKind::OrReservedField => "or-reserved-field",
            ErrorKind::TooManyCombinations => "too-many-combinations",
            ErrorKind::TooLong => "too-long",
            ErrorKind::NestingTooDeep => "nesting-too-deep",
        }
    }
}

/// An invalid pattern.
///
/// ```
/// use eventpattern::{ErrorKind, Pattern};
///
/// let err = Pattern::parse(r#"{"a": [{"prefix": 5}]}"#).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::OperandInvalid);
/// assert_eq!(err.reason, "prefix match pattern must be a string");
/// assert_eq!((err.span.start, err.span.end), (18, 19));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The category.
    pub kind: ErrorKind,
    /// AWS's reason text (what follows `Event pattern is not valid. Reason: `).
    pub reason: String,
    /// The offending token or value in the pattern text.
    pub span: Span,
    /// A second place that matters: where the list, object or string that a
    /// syntax error leaves unclosed was opened.
    pub related: Option<Span>,
    /// Where inside the pattern, e.g. `["detail", "state", 0, "prefix"]`.
    pub path: Vec<PathSegment>,
}

impl PatternError {
    pub(crate) fn new(
        kind: ErrorKind,
        reason: impl Into<String>,
        span: Span,
        path: &[PathSegment],
    ) -> Self {
        PatternError {
            kind,
            reason: reason.into(),
            span,
            related: None,
            path: path.to_vec(),
        }
    }

    pub(crate) fn from_json(e: JsonError, path: &[PathSegment]) -> Self {
        let kind = if e.kind == crate::json::JsonErrorKind::TooDeep {
            ErrorKind::NestingTooDeep
        } else {
            ErrorKind::Syntax
        };
        PatternError {
            related: e.related,
            ..PatternError::new(kind, e.message, e.span, path)
        }
    }

    /// The whole message as AWS's `InvalidEventPatternException` words it.
    ///
    /// ```
    /// use eventpattern::Pattern;
    ///
    /// let err = Pattern::parse("{}").unwrap_err();
    /// assert_eq!(err.aws_message(), "Event pattern is not valid. Reason: Empty objects are not allowed");
    /// ```
    pub fn aws_message(&self) -> String {
        format!("Event pattern is not valid. Reason: {}", self.reason)
    }

    /// Where the error starts in `text` (the pattern this error came from).
    ///
    /// ```
    /// use eventpattern::{Encoding, Pattern};
    ///
    /// let text = "{\"😀\": \"x\"}";
    /// let err = Pattern::parse(text).unwrap_err();
    /// assert_eq!(err.position(text, Encoding::Chars).column, 7);
    /// assert_eq!(err.position(text, Encoding::Utf16).column, 8);
    /// ```
    pub fn position(&self, text: &str, encoding: Encoding) -> LineCol {
        LineIndex::new(text).line_col(self.span.start, encoding)
    }

    /// The path as a dotted string, e.g. `detail.state[0].prefix`.
    ///
    /// ```
    /// use eventpattern::Pattern;
    ///
    /// let err = Pattern::parse(r#"{"detail": {"state": [{"prefix": 5}]}}"#).unwrap_err();
    /// assert_eq!(err.path_display(), "detail.state[0].prefix");
    /// ```
    pub fn path_display(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                PathSegment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                PathSegment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for PatternError {}
