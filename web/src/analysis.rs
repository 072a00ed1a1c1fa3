//! What the page shows for one (pattern, event) pair, computed by the engine:
//! the verdict, the problem (with its UTF-16 position for the editors), the
//! per-field lines of the explanation and the states of the event fields.

use crate::event_tree::{build_tree, EventNode};
use eventpattern::render::{alternatives_sentence, field_sentence, hint_sentence};
use eventpattern::{Encoding, FieldStatus, LineIndex, Pattern, Span};
use std::collections::HashMap;

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

/// Everything shown for one pair of texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The verdict.
    pub verdict: Verdict,
    /// The first problem, if any.
    pub problem: Option<Problem>,
    /// Explanation lines in pattern order.
    pub fields: Vec<FieldLine>,
    /// `$or` summary, when the pattern has alternatives.
    pub alternatives: Option<String>,
    /// Pattern fields that take no part in the shown alternative, and why.
    pub inactive: Vec<String>,
    /// Notes on the pattern (likely mistakes with CloudTrail events).
    pub notes: Vec<NoteLine>,
    /// Status of each pattern path (for the event view).
    pub states: HashMap<String, FieldStatus>,
    /// The event as a tree (when it is valid JSON).
    pub tree: Option<EventNode>,
    /// Whether the event is a CloudTrail record delivered through EventBridge.
    pub via_cloudtrail: bool,
    /// Time the engine took, filled in by the page (milliseconds).
    pub engine_ms: f64,
    /// Whether the event text is a CloudTrail record or log rather than an EventBridge event.
    pub cloudtrail_shape: eventpattern::cloudtrail::Shape,
}

fn problem(side: Side, text: &str, span: Span, message: String, path: String) -> Problem {
    let plain = message.clone();
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

/// Runs the engine on the two texts.
pub fn analyze(pattern_text: &str, event_text: &str) -> Analysis {
    let parsed = Pattern::parse(pattern_text);
    let no_paths = eventpattern::event::Selector::default();
    let wanted = parsed.as_ref().map_or(&no_paths, Pattern::selector);
    let tree = build_tree(event_text, wanted).ok();
    let via_cloudtrail = tree.as_ref().is_some_and(|t| {
        t.detail_type()
            .is_some_and(|d| d.ends_with("via CloudTrail"))
    });
    let mut a = Analysis {
        verdict: Verdict::Invalid,
        problem: None,
        fields: Vec::new(),
        alternatives: None,
        inactive: Vec::new(),
        notes: Vec::new(),
        states: HashMap::new(),
        tree,
        via_cloudtrail,
        engine_ms: 0.0,
        cloudtrail_shape: eventpattern::cloudtrail::shape(event_text),
    };
    let pattern = match parsed {
        Ok(p) => p,
        Err(e) => {
            let path = e.path_display();
            a.problem = Some(problem(Side::Pattern, pattern_text, e.span, e.reason, path));
            return a;
        }
    };
    let pidx = LineIndex::new(pattern_text);
    a.notes = eventpattern::lint::lint(&pattern)
        .into_iter()
        .map(|l| NoteLine {
            line: pidx.line_col(l.span.start, Encoding::Utf16).line,
            fixed_pattern: l
                .suggestion
                .as_ref()
                .and_then(|s| s.apply(pattern_text, &pattern.tree().leaves[l.leaf])),
            fix_label: l.suggestion.map(|s| s.text),
            text: l.message,
        })
        .collect();
    let trace = match pattern.explain(event_text) {
        Ok(t) => t,
        Err(e) => {
            a.problem = Some(problem(
                Side::Event,
                event_text,
                e.span,
                e.message,
                String::new(),
            ));
            return a;
        }
    };
    a.verdict = if trace.matched {
        Verdict::Match
    } else {
        Verdict::NoMatch
    };
    a.alternatives = alternatives_sentence(&pattern, pattern_text, &trace);
    let idx = LineIndex::new(pattern_text);
    let line_of = |span: Span| idx.line_col(span.start, Encoding::Utf16).line;
    let leaves = &pattern.tree().leaves;
    if let Some(span) = pattern.tree().trailing {
        a.inactive.push(format!(
            "The text after the pattern's closing brace (line {}) is ignored, as AWS's engine ignores it.",
            line_of(span)
        ));
    }
    for &l in &trace.inactive {
        let leaf = &leaves[l];
        let replaced_by = trace
            .fields
            .iter()
            .map(|f| &leaves[f.leaf])
            .find(|other| other.joined == leaf.joined);
        a.inactive.push(match replaced_by {
            Some(other) => format!(
                "`{}` on line {} is replaced by the same path on line {}: with repeated keys, AWS keeps only the last.",
                leaf.joined,
                line_of(leaf.key_span),
                line_of(other.key_span)
            ),
            None => format!(
                "`{}` on line {} belongs to another $or branch than the one shown.",
                leaf.joined,
                line_of(leaf.key_span)
            ),
        });
    }
    for f in &trace.fields {
        let leaf = &leaves[f.leaf];
        a.states.insert(f.path.clone(), f.status);
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
                    fix_label: h.suggestion().map(|s| s.text.clone()),
                })
                .collect(),
            pattern_line: line_of(leaf.key_span),
        });
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::find;

    #[test]
    fn verdicts_and_problems() {
        let t = find("ec2-state-change").unwrap();
        let a = analyze(t.pattern, t.event);
        assert_eq!(a.verdict, Verdict::Match);
        assert_eq!(a.states.get("detail.state"), Some(&FieldStatus::Matched));
        let running = t.event.replace("\"stopped\"", "\"running\"");
        let a = analyze(t.pattern, &running);
        assert_eq!(a.verdict, Verdict::NoMatch);
        assert!(a
            .fields
            .iter()
            .any(|f| f.path == "detail.state" && f.status == FieldStatus::Failed));
        let case = t.event.replace("\"stopped\"", "\"Stopped\"");
        let a = analyze(t.pattern, &case);
        let fix = a.fields[2].hints[0].fixed_pattern.clone().unwrap();
        assert_eq!(analyze(&fix, &case).verdict, Verdict::Match);
        let a = analyze("{\"a\": [\n {\"prefix\": 5}]}", t.event);
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
        let a = analyze(t.pattern, "{\"source\": }");
        assert_eq!(a.problem.unwrap().side, Side::Event);
        let a = analyze("{\"k\": [\"a\"],\n\"k\": [\"b\"]}", "{\"k\": \"b\"}");
        assert_eq!(a.verdict, Verdict::Match);
        assert_eq!(a.inactive, vec!["`k` on line 1 is replaced by the same path on line 2: with repeated keys, AWS keeps only the last.".to_string()]);
    }
}
