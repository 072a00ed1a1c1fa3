//! Errors as data: AWS's words, the place, the path and plain words.

use crate::event::EventError;
use crate::pattern::{PathSegment, PatternError};
use crate::plain::{event_error_sentence, pattern_error_sentence};
use crate::quickfix::{quick_fixes, QuickFix};
use crate::span::Encoding;

/// An invalid pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
