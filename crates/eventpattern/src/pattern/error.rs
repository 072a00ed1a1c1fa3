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

/// Where AWS's compiler had read to when it gave up: its parser (Jackson)
/// names this place in the ` at [Source: …; line: L, column: C]` lines that
/// AWS appends to the reasons it raises while reading the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParserStop {
    /// Byte offset of the place named: mostly the first character Jackson
    /// had not yet consumed, often past the offending token (Jackson reads a
    /// field's name together with the start of its value, and a string to
    /// its closing quote only once its text is asked for).
    pub offset: u32,
    /// The character before the offsets is a line break Jackson consumed as
    /// an illegal character inside a string: it does not count it as a new line.
    pub raw_break: bool,
    /// A second location line, at this byte offset: AWS's compiler catches
    /// what goes wrong while it reads the items of an `anything-but` list
    /// and raises it again, adding where its parser then stands.
    pub again: Option<u32>,
}

impl ParserStop {
    /// Jackson's one-based line and column of the first location in `pattern`.
    pub fn line_col(&self, pattern: &str) -> (u32, u32) {
        self.line_col_at(pattern, self.offset)
    }

    fn line_col_at(&self, pattern: &str, offset: u32) -> (u32, u32) {
        let offset = offset as usize;
        let after_break =
            offset > 0 && matches!(pattern.as_bytes().get(offset - 1), Some(b'\n' | b'\r'));
        if self.raw_break && after_break {
            let (line, column) = crate::json::jackson_line_col(pattern, offset - 1);
            (line, column + 1)
        } else {
            crate::json::jackson_line_col(pattern, offset)
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
    /// Where AWS's parser stopped, for the location lines of AWS's message;
    /// `None` for reasons AWS gives without one (CIDR errors, a single
    /// `anything-but` number that cannot be compared, and the checks AWS
    /// makes outside its compiler).
    pub stop: Option<ParserStop>,
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
            stop: None,
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

    /// The message as AWS's `InvalidEventPatternException` words it, without
    /// the parser's location lines (see [`PatternError::aws_full_message`]).
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

    /// AWS's whole message, byte for byte: [`PatternError::aws_message`] and,
    /// where AWS adds it, the parser's location once or twice, e.g.
    /// `Event pattern is not valid. Reason: Filter is not an object` +
    /// `\n at [Source: (String)"[1]"; line: 1, column: 2]`. `pattern` is the
    /// text this error came from.
    pub fn aws_full_message(&self, pattern: &str) -> String {
        let mut out = self.aws_message();
        if let Some(stop) = self.stop {
            for offset in std::iter::once(stop.offset).chain(stop.again) {
                let (line, column) = stop.line_col_at(pattern, offset);
                out.push_str("\n at ");
                out.push_str(&crate::json::jackson_source(pattern, line, column));
            }
        }
        out
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

#[cfg(test)]
mod tests {
    use crate::pattern::parse;

    fn full(text: &str) -> String {
        parse(text).expect_err("invalid").aws_full_message(text)
    }

    #[test]
    fn aws_adds_the_parsers_location() {
        // Both answered so by AWS's TestEventPattern.
        assert_eq!(
            full(r#"["not", "a", "dict", "but valid json"]"#),
            "Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)\"[\"not\", \"a\", \"dict\", \"but valid json\"]\"; line: 1, column: 2]"
        );
        assert_eq!(
            full("this is valid json but not a dict"),
            "Event pattern is not valid. Reason: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"this is valid json but not a dict\"; line: 1, column: 5]"
        );
    }

    #[test]
    fn the_location_is_where_jackson_stands() {
        let at = |text: &str| {
            parse(text)
                .expect_err("invalid")
                .stop
                .map(|s| s.line_col(text))
        };
        // Past a key, Jackson has read the start of its value too.
        assert_eq!(at(r#"{"a": [{"prefx": 12}]}"#), Some((1, 20)));
        // A string value not yet asked for: only its opening quote.
        assert_eq!(at(r#"{"a": "xyz"}"#), Some((1, 8)));
        // Lines break at \n, \r and \r\n alike.
        assert_eq!(at("{\r\n\"a\":\r5}"), Some((3, 2)));
        // CIDR errors are raised past the parser: no location.
        assert_eq!(at(r#"{"a": [{"cidr": "1.2.3.4"}]}"#), None);
    }

    #[test]
    fn errors_inside_anything_but_lists_carry_it_twice() {
        let text = r#"{"a": [{"anything-but": [true]}]}"#;
        let m = full(text);
        assert_eq!(m.matches("\n at [Source: (String)").count(), 2, "{m}");
        assert!(m.ends_with("line: 1, column: 30]"), "{m}");
    }
}
