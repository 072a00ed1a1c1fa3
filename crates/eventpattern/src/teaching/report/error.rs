//! Errors as data: AWS's words, the place, the path and plain words.

use crate::event::EventError;
use crate::pattern::{PathSegment, PatternError};
use crate::plain::{event_error_sentence, pattern_error_sentence};
use crate::quickfix::{quick_fixes, QuickFix};
use crate::span::Encoding;

/// An invalid pattern.
///
/// ```
/// use eventpattern::{report::ErrorReport, Encoding, Pattern};
///
/// let text = r#"{"source": "aws.ec2"}"#;
/// let r = ErrorReport::new(text, &Pattern::parse(text).unwrap_err(), Encoding::Chars);
/// assert_eq!(r.kind, "field-not-object-or-array");
/// assert_eq!((r.line, r.column), (1, 12));
/// assert_eq!(r.message, format!("Event pattern is not valid. Reason: {}", r.reason));
/// assert_eq!(r.fixes[0].pattern, r#"{"source": ["aws.ec2"]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ErrorReport {
    /// AWS's reason text.
    pub reason: String,
    /// AWS's whole message: `Event pattern is not valid. Reason: …`.
    pub message: String,
    /// The error's kind ([`crate::ErrorKind::name`]), e.g. `syntax`.
    pub kind: &'static str,
    /// Line of the offending token, from 1.
    pub line: u32,
    /// Its column, from 1, in the report's encoding.
    pub column: u32,
    /// Where in the pattern: keys (strings) and list indices (numbers).
    pub path: Vec<PathSegment>,
    /// The error in one plain sentence.
    pub plain: String,
    /// Whole fixed patterns, each checked valid.
    pub fixes: Vec<QuickFix>,
}

impl ErrorReport {
    /// The report of `e`, the error of `pattern_text`; positions in `encoding`.
    ///
    /// ```
    /// use eventpattern::{report::ErrorReport, Encoding, Pattern};
    ///
    /// let text = "{\"😀\": 1}";
    /// let e = Pattern::parse(text).unwrap_err();
    /// assert_eq!(ErrorReport::new(text, &e, Encoding::Utf16).column, 8);
    /// assert_eq!(ErrorReport::new(text, &e, Encoding::Chars).column, 7);
    /// ```
    pub fn new(pattern_text: &str, e: &PatternError, encoding: Encoding) -> ErrorReport {
        let at = e.position(pattern_text, encoding);
        ErrorReport {
            reason: e.reason.clone(),
            message: e.aws_message(),
            kind: e.kind.name(),
            line: at.line,
            column: at.column,
            path: e.path.clone(),
            plain: pattern_error_sentence(pattern_text, e, encoding),
            fixes: quick_fixes(pattern_text, e),
        }
    }
}

/// An event that cannot be read (not JSON, too deep, too long).
///
/// ```
/// use eventpattern::{report::EventErrorReport, Encoding, Pattern};
///
/// let event = "{\"a\":\n tru}";
/// let e = Pattern::parse(r#"{"a": ["x"]}"#).unwrap().matches(event).unwrap_err();
/// let r = EventErrorReport::new(event, &e, Encoding::Chars);
/// assert_eq!((r.input, r.line, r.column), ("event", 2, 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EventErrorReport {
    /// The reader's reason (Jackson's wording, as AWS reports it).
    pub reason: String,
    /// Always `event`: which input is wrong.
    #[cfg_attr(feature = "serde", serde(rename = "in"))]
    pub input: &'static str,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in the report's encoding.
    pub column: u32,
    /// The error in one plain sentence.
    pub plain: String,
}

impl EventErrorReport {
    /// The report of `e`, the error of `event_text`; positions in `encoding`.
    ///
    /// ```
    /// use eventpattern::{report::EventErrorReport, Encoding, Pattern};
    ///
    /// let e = Pattern::parse(r#"{"a": ["x"]}"#).unwrap().matches("[").unwrap_err();
    /// assert!(!EventErrorReport::new("[", &e, Encoding::Utf16).plain.is_empty());
    /// ```
    pub fn new(event_text: &str, e: &EventError, encoding: Encoding) -> EventErrorReport {
        let at = e.position(event_text, encoding);
        EventErrorReport {
            reason: e.message.clone(),
            input: "event",
            line: at.line,
            column: at.column,
            plain: event_error_sentence(event_text, e, encoding),
        }
    }
}
