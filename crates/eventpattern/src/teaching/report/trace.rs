//! The trace as data: per field its state, outcome, places in both texts,
//! the sentence that explains it, and its hints with their fixes.

use super::Positions;
use crate::delivery::{delivery_notes, DeliveryNote};
use crate::explain::{FieldOutcome, FieldTrace, ValueRef};
use crate::hints::Hint;
use crate::render::{condition_text, field_sentence, hint_sentence, inactive_sentences};
use crate::span::Encoding;
use crate::{Pattern, Trace};

/// Where a span lies in its text: one-based `line` and `column`, zero-based
/// `start` and `end` offsets (end exclusive), all in the report's encoding.
///
/// ```
/// use eventpattern::{report::TraceReport, Encoding, Pattern};
///
/// let (p, e) = ("{\"😀\": [\"x\"]}", "{\"😀\": \"x\"}");
/// let pattern = Pattern::parse(p).unwrap();
/// let report = TraceReport::new(&pattern, p, e, &pattern.explain(e).unwrap(), Encoding::Utf16);
/// let key = report.fields[0].pattern;
/// assert_eq!((key.line, key.column, key.start, key.end), (1, 2, 1, 5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Place {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// Offset of the first unit, from 0.
    pub start: u32,
    /// Offset one past the last unit.
    pub end: u32,
}

/// Whether an event matched a pattern, and why, field by field.
///
/// ```
/// use eventpattern::{report::TraceReport, Encoding, Pattern};
///
/// let (p, e) = (r#"{"source": ["aws.ec2"]}"#, r#"{"source": "aws.ec2"}"#);
/// let pattern = Pattern::parse(p).unwrap();
/// let report = TraceReport::new(&pattern, p, e, &pattern.explain(e).unwrap(), Encoding::Chars);
/// assert!(report.matched);
/// assert_eq!((report.alternative, report.alternatives), (0, 1));
/// assert!(report.inactive.is_empty() && report.delivery.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TraceReport {
    /// The verdict (AWS's `Result`).
    pub matched: bool,
    /// Index of the `$or` alternative shown: the first that matched, else the closest.
    pub alternative: usize,
    /// How many alternatives the pattern's `$or`s produce (1 without `$or`).
    pub alternatives: usize,
    /// The fields of the shown alternative, in pattern order.
    pub fields: Vec<FieldReport>,
    /// One sentence per pattern field outside the shown alternative.
    pub inactive: Vec<String>,
    /// For a match: why AWS might still not deliver the event to the rule.
    pub delivery: Vec<DeliveryNote>,
}

/// One field of the shown alternative.
///
/// ```
/// use eventpattern::{report::{OutcomeReport, TraceReport}, Encoding, Pattern};
///
/// let (p, e) = (r#"{"state": ["stopped"]}"#, r#"{"state": "running"}"#);
/// let pattern = Pattern::parse(p).unwrap();
/// let f = &TraceReport::new(&pattern, p, e, &pattern.explain(e).unwrap(), Encoding::Chars).fields[0];
/// assert_eq!((f.path.as_str(), f.status), ("state", "failed"));
/// assert_eq!(f.explanation, r#"`state` is "running", which meets none of: "stopped"."#);
/// assert!(matches!(&f.outcome, OutcomeReport::NoConditionMet { values } if values.len() == 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FieldReport {
    /// The joined path, e.g. `detail.state`.
    pub path: String,
    /// `matched`, `failed` or `missing`.
    pub status: &'static str,
    /// The field's key in the pattern text.
    pub pattern: Place,
    /// One sentence on what the field found.
    pub explanation: String,
    /// Suggestions that are certain to apply.
    pub hints: Vec<HintReport>,
    /// What the field found (serialised as the `outcome` key and the
    /// variant's own keys beside the others).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub outcome: OutcomeReport,
}

/// What one field found, by kind (`outcome`: `matched`,
/// `absent-as-required`, `missing`, `not-a-leaf`, `no-condition-met`,
/// `array-conflict`).
///
/// ```
/// use eventpattern::{report::{OutcomeReport, TraceReport}, Encoding, Pattern};
///
/// let (p, e) = (r#"{"a": [{"prefix": "x"}], "b": ["1"]}"#, r#"{"a": "xy"}"#);
/// let pattern = Pattern::parse(p).unwrap();
/// let r = TraceReport::new(&pattern, p, e, &pattern.explain(e).unwrap(), Encoding::Chars);
/// assert!(matches!(&r.fields[0].outcome, OutcomeReport::Matched { condition, .. } if condition == r#"{"prefix": "x"}"#));
/// assert_eq!(r.fields[1].outcome, OutcomeReport::Missing);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(tag = "outcome", rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum OutcomeReport {
    /// A condition accepted a value.
    Matched {
        /// The condition's text in the pattern.
        condition: String,
        /// The value it accepted.
        value: ValueReport,
    },
    /// `exists: false` is met: the event has no value here.
    AbsentAsRequired,
    /// The event has no value at the path.
    Missing,
    /// The path holds an object or an empty array, which are not values.
    NotALeaf {
        /// `object` or `empty array`.
        holds: &'static str,
    },
    /// The event has values here; none meets a condition (closest first, at most five).
    NoConditionMet {
        /// The values tried.
        values: Vec<ValueReport>,
    },
    /// A value meets a condition, but only in another element of an array
    /// than the one the field `conflicts_with` took its value from.
    ArrayConflict {
        /// The value that would match on its own.
        value: ValueReport,
        /// The path of the other field.
        conflicts_with: String,
    },
}

/// An event value the trace refers to.
///
/// ```
/// use eventpattern::{report::{OutcomeReport, TraceReport}, Encoding, Pattern};
///
/// let (p, e) = (r#"{"n": [1]}"#, "{\"n\":\n 2}");
/// let pattern = Pattern::parse(p).unwrap();
/// let r = TraceReport::new(&pattern, p, e, &pattern.explain(e).unwrap(), Encoding::Chars);
/// let OutcomeReport::NoConditionMet { values } = &r.fields[0].outcome else { unreachable!() };
/// let v = &values[0];
/// assert_eq!((v.value.as_str(), v.type_name, v.line, v.column, v.start, v.end), ("2", "number", 2, 2, 7, 8));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ValueReport {
    /// Its joined path.
    pub path: String,
    /// Its JSON text (over 200 characters shortened with `…`).
    pub value: String,
    /// `string`, `number`, `boolean` or `null`.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub type_name: &'static str,
    /// Line of the value in the event, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// Offset of the value's first unit in the event, from 0.
    pub start: u32,
    /// Offset one past its last unit.
    pub end: u32,
}

/// A suggestion for one field.
///
/// ```
/// use eventpattern::{report::TraceReport, Encoding, Pattern};
///
/// let (p, e) = (r#"{"state": ["Stopped"]}"#, r#"{"state": "stopped"}"#);
/// let pattern = Pattern::parse(p).unwrap();
/// let r = TraceReport::new(&pattern, p, e, &pattern.explain(e).unwrap(), Encoding::Chars);
/// let h = &r.fields[0].hints[0];
/// assert_eq!((h.kind, h.edit), ("case-differs", Some("condition")));
/// assert_eq!(h.pattern.as_deref(), Some(r#"{"state": [{"equals-ignore-case": "Stopped"}]}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HintReport {
    /// Its kind: `case-typo`, `case-differs`, `type-differs`,
    /// `api-version-suffix`, `looks-like-wildcard`, `numeric-on-string`,
    /// `did-you-mean`, `not-a-leaf`, `absent-never-matches`,
    /// `array-elements`, `engine-quirk`, `not-from-cloudtrail`.
    pub kind: &'static str,
    /// The hint in one sentence.
    pub text: String,
    /// The replacement (a condition, or a quoted key), when the fix is certain.
    pub suggestion: Option<String>,
    /// What the suggestion replaces: `condition` or `key`.
    pub edit: Option<&'static str>,
    /// The whole pattern text with the suggestion applied.
    pub pattern: Option<String>,
}

impl TraceReport {
    /// The report of `trace`, which `pattern` (parsed from `pattern_text`)
    /// gave for `event_text`; positions in `encoding`.
    ///
    /// ```
    /// use eventpattern::{report::TraceReport, Encoding, Pattern};
    ///
    /// let (p, e) = (r#"{"a": ["1"]}"#, r#"{"a": "1"}"#);
    /// let pattern = Pattern::parse(p).unwrap();
    /// let trace = pattern.explain(e).unwrap();
    /// assert!(TraceReport::new(&pattern, p, e, &trace, Encoding::Utf16).matched);
    /// ```
    pub fn new(
        pattern: &Pattern,
        pattern_text: &str,
        event_text: &str,
        trace: &Trace,
        encoding: Encoding,
    ) -> TraceReport {
        let in_pattern = Positions::new(pattern_text, encoding);
        let in_event = Positions::new(event_text, encoding);
        let fields = trace
            .fields
            .iter()
            .map(|f| field(pattern, pattern_text, &in_pattern, &in_event, f))
            .collect();
        TraceReport {
            matched: trace.matched,
            alternative: trace.rule,
            alternatives: trace.alternatives,
            fields,
            inactive: inactive_sentences(pattern, pattern_text, trace),
            delivery: delivery_notes(event_text, trace),
        }
    }
}

fn field(
    pattern: &Pattern,
    pattern_text: &str,
    in_pattern: &Positions<'_>,
    in_event: &Positions<'_>,
    f: &FieldTrace,
) -> FieldReport {
    let leaf = &pattern.tree().leaves[f.leaf];
    let value = |v: &ValueRef| {
        let place = in_event.place(v.span);
        ValueReport {
            path: v.path.clone(),
            value: v.text.clone(),
            type_name: v.type_name,
            line: place.line,
            column: place.column,
            start: place.start,
            end: place.end,
        }
    };
    let outcome = match &f.outcome {
        FieldOutcome::Matched {
            condition,
            value: v,
        } => OutcomeReport::Matched {
            condition: condition_text(pattern_text, &leaf.conditions[*condition]),
            value: value(v),
        },
        FieldOutcome::AbsentAsRequired => OutcomeReport::AbsentAsRequired,
        FieldOutcome::Missing => OutcomeReport::Missing,
        FieldOutcome::NotALeaf { is_object, .. } => OutcomeReport::NotALeaf {
            holds: if *is_object { "object" } else { "empty array" },
        },
        FieldOutcome::NoConditionMet { values } => OutcomeReport::NoConditionMet {
            values: values.iter().map(value).collect(),
        },
        FieldOutcome::ArrayConflict { value: v, with } => OutcomeReport::ArrayConflict {
            value: value(v),
            conflicts_with: with.clone(),
        },
    };
    FieldReport {
        path: f.path.clone(),
        status: f.status.name(),
        pattern: in_pattern.place(leaf.key_span),
        explanation: field_sentence(pattern, pattern_text, f),
        hints: f
            .hints
            .iter()
            .map(|h| hint(pattern_text, leaf, h))
            .collect(),
        outcome,
    }
}

fn hint(pattern_text: &str, leaf: &crate::pattern::Leaf, h: &Hint) -> HintReport {
    let s = h.suggestion();
    HintReport {
        kind: h.name(),
        text: hint_sentence(h),
        suggestion: s.map(|s| s.text.clone()),
        edit: s.map(|s| s.edit.name()),
        pattern: s.and_then(|s| s.apply(pattern_text, leaf)),
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;
    use crate::report::{ErrorReport, EventErrorReport};
    use serde_json::{json, Value};

    fn keys(v: &Value) -> Vec<&str> {
        v.as_object().unwrap().keys().map(String::as_str).collect()
    }

    #[test]
    fn serialised_shape_is_the_documented_one() {
        let p = r#"{"detail": {"state": ["Stopped"], "size": ["1"], "gone": ["x"]}}"#;
        let e = r#"{"detail": {"state": "stopped", "size": 1}}"#;
        let pattern = Pattern::parse(p).unwrap();
        let trace = pattern.explain(e).unwrap();
        let v = serde_json::to_value(TraceReport::new(&pattern, p, e, &trace, Encoding::Utf16))
            .unwrap();
        assert_eq!(
            keys(&v),
            [
                "matched",
                "alternative",
                "alternatives",
                "fields",
                "inactive",
                "delivery"
            ]
        );
        let f = &v["fields"][0];
        assert_eq!(
            keys(f),
            [
                "path",
                "status",
                "pattern",
                "explanation",
                "hints",
                "outcome",
                "values"
            ]
        );
        assert_eq!(f["outcome"], "no-condition-met");
        assert_eq!(
            f["pattern"],
            json!({"line": 1, "column": 13, "start": 12, "end": 19})
        );
        assert_eq!(
            f["values"][0],
            json!({"path": "detail.state", "value": "\"stopped\"", "type": "string",
                   "line": 1, "column": 22, "start": 21, "end": 30})
        );
        assert_eq!(
            keys(&f["hints"][0]),
            ["kind", "text", "suggestion", "edit", "pattern"]
        );
        assert_eq!(f["hints"][0]["edit"], "condition");
        let fixed = f["hints"][0]["pattern"].as_str().unwrap();
        assert!(Pattern::parse(fixed).unwrap().matches(e).is_ok());
        let missing = v["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == "detail.gone")
            .unwrap();
        assert_eq!(missing["outcome"], "missing");
        assert_eq!(missing["status"], "missing");
    }

    #[test]
    fn errors_serialise_with_their_path_as_strings_and_numbers() {
        let p = "{\"a\": [{\"prefix\": 5}]}";
        let err = Pattern::parse(p).unwrap_err();
        let v = serde_json::to_value(ErrorReport::new(p, &err, Encoding::Utf16)).unwrap();
        assert_eq!(
            keys(&v),
            ["reason", "message", "kind", "line", "column", "path", "plain", "fixes"]
        );
        assert_eq!(v["path"], json!(["a", 0, "prefix"]));
        assert_eq!(keys(&v["fixes"][0]), ["label", "pattern"]);
        let e = "{\"a\": tru}";
        let err = Pattern::parse("{\"a\": [\"x\"]}")
            .unwrap()
            .matches(e)
            .unwrap_err();
        let v = serde_json::to_value(EventErrorReport::new(e, &err, Encoding::Chars)).unwrap();
        assert_eq!(keys(&v), ["reason", "in", "line", "column", "plain"]);
        assert_eq!(v["in"], "event");
    }
}
