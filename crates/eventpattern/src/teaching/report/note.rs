//! Notes on likely mistakes in a valid pattern, as data.

use super::{Place, Positions};
use crate::lint::{lint, Lint};
use crate::span::Encoding;
use crate::Pattern;

/// A likely mistake in a valid pattern.
///
/// ```
/// use eventpattern::{report::notes, Encoding, Pattern};
///
/// let text = r#"{"source": ["s3.amazonaws.com"]}"#;
/// let n = &notes(&Pattern::parse(text).unwrap(), text, Encoding::Chars)[0];
/// assert_eq!((n.kind, n.line, n.column), ("source-is-event-source", 1, 13));
/// assert_eq!(&text[n.start as usize..n.end as usize], r#""s3.amazonaws.com""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NoteReport {
    /// Line of the condition the note is about, from 1.
    pub line: u32,
    /// Its column, from 1.
    pub column: u32,
    /// The note in words.
    pub note: String,
    /// The replacement condition, when the fix is certain.
    pub suggestion: Option<String>,
    /// Its kind ([`crate::lint::LintKind::name`]), e.g. `lambda-api-version`.
    pub kind: &'static str,
    /// Offset of the condition's first unit, from 0.
    pub start: u32,
    /// Offset one past its last unit.
    pub end: u32,
    /// The whole pattern text with the suggestion applied.
    pub pattern: Option<String>,
}

impl NoteReport {
    /// The report of `note`, made on `pattern` (parsed from `pattern_text`).
    ///
    /// ```
    /// use eventpattern::{lint::lint, report::NoteReport, Encoding, Pattern};
    ///
    /// let text = r#"{"source": ["s3.amazonaws.com"]}"#;
    /// let p = Pattern::parse(text).unwrap();
    /// let note = NoteReport::new(&p, text, &lint(&p)[0], Encoding::Utf16);
    /// assert_eq!(note.suggestion.as_deref(), Some(r#""aws.s3""#));
    /// ```
    pub fn new(
        pattern: &Pattern,
        pattern_text: &str,
        note: &Lint,
        encoding: Encoding,
    ) -> NoteReport {
        note_report(
            pattern,
            pattern_text,
            &Positions::new(pattern_text, encoding),
            note,
        )
    }
}

/// The notes on `pattern` (parsed from `pattern_text`), in pattern order.
///
/// ```
/// use eventpattern::{report::notes, Encoding, Pattern};
///
/// let text = r#"{"source": ["aws.lambda"], "detail": {"eventName": ["CreateFunction"]}}"#;
/// let notes = notes(&Pattern::parse(text).unwrap(), text, Encoding::Chars);
/// assert_eq!(notes[0].kind, "lambda-api-version");
/// assert_eq!(notes[0].suggestion.as_deref(), Some(r#"{"prefix": "CreateFunction"}"#));
/// ```
pub fn notes(pattern: &Pattern, pattern_text: &str, encoding: Encoding) -> Vec<NoteReport> {
    let at = Positions::new(pattern_text, encoding);
    lint(pattern)
        .iter()
        .map(|n| note_report(pattern, pattern_text, &at, n))
        .collect()
}

fn note_report(pattern: &Pattern, pattern_text: &str, at: &Positions<'_>, n: &Lint) -> NoteReport {
    let place: Place = at.place(n.span);
    let leaf = &pattern.tree().leaves[n.leaf];
    NoteReport {
        line: place.line,
        column: place.column,
        note: n.message.clone(),
        suggestion: n.suggestion.as_ref().map(|s| s.text.clone()),
        kind: n.kind.name(),
        start: place.start,
        end: place.end,
        pattern: n
            .suggestion
            .as_ref()
            .and_then(|s| s.apply(pattern_text, leaf)),
    }
}
