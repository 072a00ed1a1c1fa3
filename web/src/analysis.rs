//! What the page shows for one (pattern, event) pair, computed by the engine:
//! the verdict, the problem (in plain words, with AWS's reason, its UTF-16
//! position for the editors and its quick fixes), the per-field lines of the
//! explanation, delivery notes, and the event outline with each value's mark.

use crate::text::Text;
use eventpattern::explain::ValueState;
use eventpattern::outline::{outline, Limits, Outline};
use eventpattern::render::{
    alternatives_sentence, field_sentence, hint_sentence, inactive_sentences,
};
use eventpattern::{Encoding, FieldStatus, LineIndex, Pattern, Span};
use std::rc::Rc;

/// The verdict as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The pattern matches the event.
    Match,
    /// It does not.
    NoMatch,
    /// The pattern or the event is invalid.
    Invalid,
}

impl Verdict {
    /// Exactly `MATCH`, `NO MATCH` or `INVALID`.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Match => "MATCH",
            Verdict::NoMatch => "NO MATCH",
            Verdict::Invalid => "INVALID",
        }
    }
}

/// Which editor a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The pattern.
    Pattern,
    /// The event.
    Event,
}

/// An error to mark in an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub side: Side,
    /// AWS's reason text (or the JSON error for events).
    pub message: String,
    /// The problem in plain words (backquotes mark code).
    pub plain: String,
    /// One-based line.
    pub line: u32,
    /// One-based UTF-16 column.
    pub column: u32,
    /// UTF-16 offsets of the span, for selecting it in the textarea.
    pub utf16_range: (u32, u32),
    /// Byte offsets of the span in the text.
    pub byte_range: (usize, usize),
    /// Path inside the pattern, e.g. `detail.state[0].prefix`.
    pub path: String,
    /// One-click fixes: a label and the whole fixed pattern (valid).
    pub fixes: Vec<(String, String)>,
}

/// A hint, and the pattern text with its fix applied (when it proposes one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintLine {
    /// `Hint` for a suggestion, `Note` for an explanation of AWS's behaviour.
    pub label: &'static str,
    /// The hint in words.
    pub text: String,
    /// The whole pattern with the suggested condition in place.
    pub fixed_pattern: Option<String>,
    /// The suggested condition, for the button's label.
    pub fix_label: Option<String>,
}

/// A note on the pattern itself (AWS accepts it, but it likely misses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine {
    /// Line of the condition in the pattern.
    pub line: u32,
    /// The note in words.
    pub text: String,
    /// The pattern with the fix applied, when the fix is certain.
    pub fixed_pattern: Option<String>,
    /// The replacement condition, for the button's label.
    pub fix_label: Option<String>,
}

/// One line of the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLine {
    /// Joined path.
    pub path: String,
    /// Matched, failed or missing.
    pub status: FieldStatus,
    /// The plain-words explanation.
    pub sentence: String,
    /// Suggestions.
    pub hints: Vec<HintLine>,
    /// Line of the field's key in the pattern.
    pub pattern_line: u32,
}

/// A condition on delivery that applies to a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryLine {
    /// Stable id (`read-only`, `data-event`, …).
    pub kind: &'static str,
    /// The note in words.
    pub text: String,
    /// AWS's documentation page.
    pub doc: &'static str,
}

/// Everything shown for one pair of texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The event text analysed (the event view's menu reads values from it).
    pub event: Text,
    /// The verdict.
    pub verdict: Verdict,
    /// The first problem, if any.
    pub problem: Option<Problem>,
    /// The event's own syntax error when the pattern's error comes first
    /// (both editors then show theirs).
    pub event_problem: Option<Problem>,
    /// Explanation lines in pattern order.
    pub fields: Vec<FieldLine>,
    /// `$or` summary, when the pattern has alternatives.
    pub alternatives: Option<String>,
    /// Pattern fields that take no part in the shown alternative, and why.
    pub inactive: Vec<String>,
    /// Notes on the pattern (likely mistakes with CloudTrail events).
    pub notes: Vec<NoteLine>,
    /// What AWS delivers, beside a match.
    pub delivery: Vec<DeliveryLine>,
    /// Each marked event value's state, by the start of its span in the
    /// event, sorted (small sorted lists, not hash maps: less code in the page).
    pub marks: Vec<(u32, ValueState)>,
    /// The pattern paths some event value is marked for (containers at
    /// other pattern paths are marked themselves: an object where a value was wanted).
    pub marked_paths: Vec<String>,
    /// The paths the pattern names (a menu offers to replace their conditions).
    pub named_paths: Vec<String>,
    /// The event as shown (when it is valid JSON); shared with the next
    /// analysis while the event and the pattern's paths stay the same, so
    /// the event view redraws only the rows whose marks changed.
    pub outline: Option<Rc<Outline>>,
    /// Time the engine took, filled in by the page (milliseconds).
    pub engine_ms: f64,
    /// Whether the event text is a CloudTrail record or log rather than an EventBridge event.
    pub cloudtrail_shape: eventpattern::cloudtrail::Shape,
}

impl Analysis {
    /// The state of the event value whose span starts at `start`.
    pub fn mark_at(&self, start: u32) -> Option<ValueState> {
        let i = self.marks.partition_point(|m| m.0 < start);
        self.marks.get(i).filter(|m| m.0 == start).map(|m| m.1)
    }

    /// The status of the pattern field at `path` (the last one, as the trace lists them).
    pub fn status_of(&self, path: &str) -> Option<FieldStatus> {
        self.fields
            .iter()
            .rev()
            .find(|f| f.path == path)
            .map(|f| f.status)
    }

    /// Whether the event is a CloudTrail record delivered through EventBridge.
    pub fn via_cloudtrail(&self) -> bool {
        self.outline.as_ref().is_some_and(|o| o.via_cloudtrail)
    }
}

fn problem(
    side: Side,
    text: &str,
    span: Span,
    message: String,
    plain: String,
    path: String,
) -> Problem {
    let idx = LineIndex::new(text);
    let pos = idx.line_col(span.start, Encoding::Utf16);
    let utf16 = |o: u32| {
        text.get(..o as usize)
            .map(|t| t.encode_utf16().count() as u32)
            .unwrap_or(0)
    };
    Problem {
        side,
        message,
        plain,
        line: pos.line,
        column: pos.column,
        utf16_range: (utf16(span.start), utf16(span.end.max(span.start))),
        byte_range: (span.start as usize, span.end.max(span.start) as usize),
        path,
        fixes: Vec::new(),
    }
}

/// An analysis shared by the components; equal only to itself, so passing it
/// down never costs a deep comparison of a big event's tree.
#[derive(Debug, Clone)]
pub struct SharedAnalysis(pub std::rc::Rc<Analysis>);

impl PartialEq for SharedAnalysis {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedAnalysis {
    type Target = Analysis;

    fn deref(&self) -> &Analysis {
        &self.0
    }
}

/// What depends only on the event text and the pattern's paths, kept
/// between analyses (typing in the pattern rarely changes its paths).
#[derive(Default)]
pub struct EventCache {
    event: Option<Text>,
    paths: Vec<String>,
    outline: Option<Rc<Outline>>,
    shape: Option<eventpattern::cloudtrail::Shape>,
}

impl EventCache {
    fn get(
        &mut self,
        event: &Text,
        paths: Vec<String>,
        wanted: &eventpattern::event::Selector,
    ) -> (Option<Rc<Outline>>, eventpattern::cloudtrail::Shape) {
        let same_event = self.event.as_ref().is_some_and(|e| e == event);
        if !same_event {
            self.shape = None;
            self.outline = None;
        }
        if !same_event || self.paths != paths {
            self.outline = outline(event, wanted, Limits::default()).ok().map(Rc::new);
            self.paths = paths;
        }
        self.event = Some(event.clone());
        let shape = *self
            .shape
            .get_or_insert_with(|| eventpattern::cloudtrail::shape(event));
        (self.outline.clone(), shape)
    }
}

/// Runs the engine on the two texts.
pub fn analyze(pattern_text: &str, event_text: Text) -> Analysis {
    analyze_with(pattern_text, event_text, &mut EventCache::default())
}

/// An event error as the event editor shows it.
fn event_error(event_text: &str, e: eventpattern::EventError) -> Problem {
    let plain = eventpattern::plain::event_error_sentence(event_text, &e, Encoding::Utf16);
    problem(
        Side::Event,
        event_text,
        e.span,
        e.message,
        plain,
        String::new(),
    )
}

/// The event's error, read on its own (no pattern paths).
fn event_problem(event_text: &str) -> Option<Problem> {
    let none = eventpattern::event::Selector::default();
    eventpattern::event::flatten(event_text, Some(&none))
        .err()
        .map(|e| event_error(event_text, e))
}

/// [`analyze`], reusing what `cache` holds for the same event and paths.
pub fn analyze_with(pattern_text: &str, event_text: Text, cache: &mut EventCache) -> Analysis {
    let parsed = Pattern::parse(pattern_text);
    let no_paths = eventpattern::event::Selector::default();
    let wanted = parsed.as_ref().map_or(&no_paths, Pattern::selector);
    let paths = parsed
        .as_ref()
        .map(|p| p.tree().leaves.iter().map(|l| l.joined.clone()).collect())
        .unwrap_or_default();
    let (outline, cloudtrail_shape) = cache.get(&event_text, paths, wanted);
    let mut a = Analysis {
        verdict: Verdict::Invalid,
        problem: None,
        event_problem: None,
        fields: Vec::new(),
        alternatives: None,
        inactive: Vec::new(),
        notes: Vec::new(),
        delivery: Vec::new(),
        marks: Vec::new(),
        marked_paths: Vec::new(),
        named_paths: Vec::new(),
        outline,
        engine_ms: 0.0,
        cloudtrail_shape,
        event: event_text.clone(),
    };
    let pattern = match parsed {
        Ok(p) => p,
        Err(e) => {
            let plain =
                eventpattern::plain::pattern_error_sentence(pattern_text, &e, Encoding::Utf16);
            let mut p = problem(
                Side::Pattern,
                pattern_text,
                e.span,
                e.reason.clone(),
                plain,
                e.path_display(),
            );
            p.fixes = eventpattern::quickfix::quick_fixes(pattern_text, &e)
                .into_iter()
                .map(|f| (f.label, f.pattern))
                .collect();
            a.problem = Some(p);
            if a.outline.is_none() {
                a.event_problem = event_problem(&event_text);
            }
            return a;
        }
    };
    a.named_paths = pattern
        .tree()
        .leaves
        .iter()
        .map(|l| l.joined.clone())
        .collect();
    let pidx = LineIndex::new(pattern_text);
    a.notes = eventpattern::lint::lint(&pattern)
        .into_iter()
        .map(|l| NoteLine {
            line: pidx.line_col(l.span.start, Encoding::Utf16).line,
            fixed_pattern: l
                .suggestion
                .as_ref()
                .and_then(|s| s.apply(pattern_text, &pattern.tree().leaves[l.leaf])),
            fix_label: l.suggestion.map(|s| s.label()),
            text: l.message,
        })
        .collect();
    let trace = match pattern.explain(&event_text) {
        Ok(t) => t,
        Err(e) => {
            a.problem = Some(event_error(&event_text, e));
            return a;
        }
    };
    a.verdict = if trace.matched {
        Verdict::Match
    } else {
        Verdict::NoMatch
    };
    a.alternatives = alternatives_sentence(&pattern, pattern_text, &trace);
    a.inactive = inactive_sentences(&pattern, pattern_text, &trace);
    a.delivery = eventpattern::delivery::delivery_notes(&event_text, &trace)
        .into_iter()
        .map(|d| DeliveryLine {
            kind: d.kind,
            text: d.text,
            doc: d.doc,
        })
        .collect();
    let line_of = |span: Span| pidx.line_col(span.start, Encoding::Utf16).line;
    let leaves = &pattern.tree().leaves;
    for f in &trace.fields {
        let leaf = &leaves[f.leaf];
        if !f.values.is_empty() {
            a.marked_paths.push(f.path.clone());
        }
        a.marks
            .extend(f.values.iter().map(|v| (v.span.start, v.state)));
        a.fields.push(FieldLine {
            path: f.path.clone(),
            status: f.status,
            sentence: field_sentence(&pattern, pattern_text, f),
            hints: f
                .hints
                .iter()
                .map(|h| HintLine {
                    label: if matches!(h, eventpattern::hints::Hint::Quirk(_)) {
                        "Note"
                    } else {
                        "Hint"
                    },
                    text: hint_sentence(h),
                    fixed_pattern: h.suggestion().and_then(|s| s.apply(pattern_text, leaf)),
                    fix_label: h.suggestion().map(|s| s.label()),
                })
                .collect(),
            pattern_line: line_of(leaf.key_span),
        });
    }
    // By span; of two fields marking one value, the later one's state.
    eventpattern::sort::sort_by_key(&mut a.marks, |m| m.0);
    a.marks.reverse();
    a.marks.dedup_by_key(|m| m.0);
    a.marks.reverse();
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::find;

    #[test]
    fn verdicts_and_problems() {
        let t = find("ec2-state-change").unwrap();
        let (t_event, t_pattern) = t.texts.unwrap();
        let a = analyze(t_pattern, t_event.into());
        assert_eq!(a.verdict, Verdict::Match);
        assert_eq!(a.status_of("detail.state"), Some(FieldStatus::Matched));
        let running = t_event.replace("\"stopped\"", "\"running\"");
        let a = analyze(t_pattern, running.as_str().into());
        assert_eq!(a.verdict, Verdict::NoMatch);
        assert!(a
            .fields
            .iter()
            .any(|f| f.path == "detail.state" && f.status == FieldStatus::Failed));
        let case = t_event.replace("\"stopped\"", "\"Stopped\"");
        let a = analyze(t_pattern, case.as_str().into());
        let fix = a.fields[2].hints[0].fixed_pattern.clone().unwrap();
        assert_eq!(analyze(&fix, case.as_str().into()).verdict, Verdict::Match);
        let a = analyze("{\"a\": [\n {\"prefix\": 5}]}", t_event.into());
        assert_eq!(a.verdict, Verdict::Invalid);
        let p = a.problem.unwrap();
        assert_eq!(
            (p.side, p.line, p.column, p.message.as_str()),
            (
                Side::Pattern,
                2,
                13,
                "prefix match pattern must be a string"
            )
        );
        let a = analyze(t_pattern, "{\"source\": }".into());
        assert_eq!(a.problem.unwrap().side, Side::Event);
        let a = analyze("{\"k\": [\"a\"],\n\"k\": [\"b\"]}", "{\"k\": \"b\"}".into());
        assert_eq!(a.verdict, Verdict::Match);
        assert_eq!(a.inactive, vec!["`k` on line 1 is replaced by the same path on line 2: with repeated keys, AWS keeps only the last.".to_string()]);
    }
}
#[cfg(test)]
mod marks_tests {
    use super::*;

    #[test]
    fn both_texts_invalid_both_errors_shown() {
        let a = analyze("{\"source\": [\"x\"]", "{\"source\": \"x\"".into());
        assert_eq!(a.problem.as_ref().map(|p| p.side), Some(Side::Pattern));
        assert_eq!(a.event_problem.as_ref().map(|p| p.side), Some(Side::Event));
        let a = analyze("{\"source\": [\"x\"]", "{\"source\": \"x\"}".into());
        assert!(a.event_problem.is_none());
    }

    #[test]
    fn array_elements_are_marked_one_by_one() {
        let event = r#"{"detail": {"tags": ["a", "b"]}}"#;
        let a = analyze(r#"{"detail": {"tags": ["b"]}}"#, event.into());
        assert_eq!(
            a.marks,
            vec![(21, ValueState::Failed), (26, ValueState::Matched)]
        );
    }
}
