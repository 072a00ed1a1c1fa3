//! Near-miss suggestions, offered only where they are certain to apply: the
//! suggested change would make this field match this event.

use crate::condition::accepts;
use crate::event::{FlatEvent, Value};
use crate::explain::FieldOutcome;
use crate::json::quote;
use crate::operators::wildcard::Wildcard;
use crate::pattern::{ConditionKind, Leaf};

/// A replacement for one condition of a field that makes it match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the condition in the field's list.
    pub condition: usize,
    /// The condition to write instead, as JSON text.
    pub text: String,
}

impl Suggestion {
    /// The pattern text with the condition replaced.
    pub fn apply(&self, pattern_text: &str, leaf: &Leaf) -> Option<String> {
        let span = leaf.conditions.get(self.condition)?.span;
        let mut out = pattern_text.to_string();
        out.replace_range(span.range(), &self.text);
        Some(out)
    }
}

/// A suggestion for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Only the letter case differs; the suggestion ignores case.
    CaseDiffers {
        /// The event's value.
        value: String,
        /// e.g. `{"equals-ignore-case": "stopped"}`.
        suggestion: Suggestion,
    },
    /// The pattern has a string where the event has a number, or the reverse.
    TypeDiffers {
        /// `string` or `number` (or `boolean`), as in the event.
        event_type: &'static str,
        /// The event's value as JSON.
        value: String,
        /// A condition of the event's type.
        suggestion: Suggestion,
    },
    /// The CloudTrail `eventName` carries an API-version suffix.
    ApiVersionSuffix {
        /// e.g. `UpdateEventSourceMapping20150331`.
        value: String,
        /// e.g. `{"prefix": "UpdateEventSourceMapping"}`.
        suggestion: Suggestion,
    },
    /// A plain string with `*` that would match as a wildcard.
    LooksLikeWildcard {
        /// e.g. `{"wildcard": "arn:*"}`.
        suggestion: Suggestion,
    },
    /// `numeric` meets a number written as a string (`"5"`): it only tests JSON numbers.
    NumericOnString {
        /// The event's value as JSON.
        value: String,
    },
    /// The path is absent, but a similar one exists.
    DidYouMean {
        /// Existing event paths, nearest first.
        paths: Vec<String>,
    },
    /// The path holds an object: name a field inside it.
    NotALeaf {
        /// A few leaf paths under it.
        children: Vec<String>,
    },
    /// `anything-but` never matches an absent field (a common surprise).
    AbsentNeverMatches,
    /// Values match only in different elements of one array.
    ArrayElements,
    /// The verdict depends on a quirk of AWS's engine, explained in words.
    Quirk(Quirk),
    /// The pattern names a CloudTrail record field, but the event is not a
    /// CloudTrail event (its `detail-type` is given).
    NotFromCloudTrail {
        /// The event's `detail-type`.
        detail_type: String,
    },
}

/// Fields of the CloudTrail record (under `detail`) that only events
/// delivered "via CloudTrail" have.
const CLOUDTRAIL_FIELDS: &[&str] = &[
    "eventName",
    "eventSource",
    "userIdentity",
    "requestParameters",
    "responseElements",
    "errorCode",
    "errorMessage",
    "eventType",
    "sourceIPAddress",
    "awsRegion",
    "readOnly",
];

/// What the hints need to know about the whole event.
#[derive(Debug, Clone, Default)]
pub struct EventFacts {
    /// Every path in the event that holds a value, an object or an empty
    /// array, sorted, without repeats.
    pub paths: Vec<String>,
    /// The event's `detail-type`, when it is a string.
    pub detail_type: Option<String>,
}

impl EventFacts {
    /// Reads the whole event once (only done when a hint needs it).
    pub fn read(event: &str) -> Result<EventFacts, crate::EventError> {
        let flat = crate::event::flatten(event, None)?;
        let detail_type = flat.leaves.iter().find_map(|l| match &l.value {
            Value::Str(s) if l.path == "detail-type" => Some(s.to_string()),
            _ => None,
        });
        let mut paths: Vec<String> = flat
            .leaves
            .into_iter()
            .map(|l| l.path)
            .chain(flat.containers.into_iter().map(|c| c.path))
            .collect();
        paths.sort_unstable();
        paths.dedup();
        Ok(EventFacts { paths, detail_type })
    }
}

/// Behaviours of AWS's engine that surprise people; the playground follows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quirk {
    /// An address-like string matched another spelling of the same IP address.
    IpSpelling,
    /// A number matched another spelling of the same value (`300` and `3e2`).
    NumberSpelling,
    /// Case-insensitive operators never match characters outside the BMP (emoji).
    FoldingOutsideBmp,
}

/// Levenshtein distance; `limit + 1` stands for anything above `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().copied().unwrap_or(0) > limit {
            return limit + 1;
        }
        prev = cur;
    }
    prev[b.len()].min(limit + 1)
}

/// The hints for one field's outcome.
pub fn hints_for(
    leaf: &Leaf,
    outcome: &FieldOutcome,
    flat: &FlatEvent<'_>,
    values: &[u32],
    facts: &EventFacts,
) -> Vec<Hint> {
    let mut hints = Vec::new();
    match outcome {
        FieldOutcome::Missing => {
            let record_field = leaf.path.len() >= 2
                && leaf.path[0] == "detail"
                && CLOUDTRAIL_FIELDS.contains(&leaf.path[1].as_str());
            if let Some(dt) = facts
                .detail_type
                .as_ref()
                .filter(|d| record_field && !d.ends_with("via CloudTrail"))
            {
                hints.push(Hint::NotFromCloudTrail {
                    detail_type: dt.clone(),
                });
            }
            let mut near: Vec<(usize, &str)> = facts
                .paths
                .iter()
                .map(String::as_str)
                .filter_map(|p| {
                    let d = if p.eq_ignore_ascii_case(&leaf.joined) {
                        0
                    } else if p.ends_with(&format!(".{}", leaf.joined)) {
                        1
                    } else {
                        edit_distance(p, &leaf.joined, 2)
                    };
                    (d == 0
                        || (d == 1 && leaf.joined.len() >= 4)
                        || (d == 2 && leaf.joined.len() > 12))
                        .then_some((d, p))
                })
                .collect();
            near.sort();
            near.dedup_by(|a, b| a.1 == b.1);
            if !near.is_empty() {
                hints.push(Hint::DidYouMean {
                    paths: near
                        .into_iter()
                        .take(3)
                        .map(|(_, p)| p.to_string())
                        .collect(),
                });
            }
            if leaf
                .conditions
                .iter()
                .any(|c| matches!(c.kind, ConditionKind::AnythingBut(_)))
            {
                hints.push(Hint::AbsentNeverMatches);
            }
        }
        FieldOutcome::NotALeaf {
            is_object: true, ..
        } => {
            let prefix = format!("{}.", leaf.joined);
            let children: Vec<String> = facts
                .paths
                .iter()
                .filter(|p| p.starts_with(&prefix))
                .take(3)
                .map(|p| p.to_string())
                .collect();
            hints.push(Hint::NotALeaf { children });
        }
        FieldOutcome::ArrayConflict { .. } => hints.push(Hint::ArrayElements),
        FieldOutcome::Matched { condition, value } => {
            match leaf.conditions.get(*condition).map(|c| &c.kind) {
                Some(ConditionKind::ExactIp(s, _)) if value.text != quote(s) => {
                    hints.push(Hint::Quirk(Quirk::IpSpelling))
                }
                Some(ConditionKind::Number { text, .. }) if &value.text != text => {
                    hints.push(Hint::Quirk(Quirk::NumberSpelling))
                }
                _ => {}
            }
        }
        FieldOutcome::NoConditionMet { .. } => {
            if leaf.conditions.iter().any(|c| folds_outside_bmp(&c.kind)) {
                hints.push(Hint::Quirk(Quirk::FoldingOutsideBmp));
            }
            for &i in values.iter().take(20) {
                let v = &flat.leaves[i as usize].value;
                for (i, c) in leaf.conditions.iter().enumerate() {
                    if let Some(h) = value_hint(leaf, i, &c.kind, v) {
                        if !hints.contains(&h) {
                            hints.push(h);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    hints
}

/// A case-insensitive condition whose text has characters outside the BMP.
fn folds_outside_bmp(kind: &ConditionKind) -> bool {
    let wide = |s: &str| s.chars().any(|c| c as u32 > 0xFFFF);
    match kind {
        ConditionKind::EqualsIgnoreCase(s, _)
        | ConditionKind::Prefix(s, Some(_))
        | ConditionKind::Suffix(s, Some(_)) => wide(s),
        _ => false,
    }
}

fn value_hint(leaf: &Leaf, index: usize, cond: &ConditionKind, v: &Value<'_>) -> Option<Hint> {
    use ConditionKind as C;
    let fix = |text: String| Suggestion {
        condition: index,
        text,
    };
    match (cond, v) {
        (C::Exact(s), Value::Str(x)) if s != x.as_ref() => {
            if x.to_lowercase() == s.to_lowercase() {
                let suggestion = format!("{{\"equals-ignore-case\": {}}}", quote(s));
                return Some(Hint::CaseDiffers {
                    value: x.to_string(),
                    suggestion: fix(suggestion),
                });
            }
            if leaf.joined.ends_with("eventName") && !s.is_empty() {
                if let Some(rest) = x.strip_prefix(s.as_str()) {
                    if rest.len() >= 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                        return Some(Hint::ApiVersionSuffix {
                            value: x.to_string(),
                            suggestion: fix(format!("{{\"prefix\": {}}}", quote(s))),
                        });
                    }
                }
            }
            if s.contains('*') {
                if let Ok(w) = Wildcard::parse(s) {
                    if w.matches(x) {
                        return Some(Hint::LooksLikeWildcard {
                            suggestion: fix(format!("{{\"wildcard\": {}}}", quote(s))),
                        });
                    }
                }
            }
            None
        }
        (C::Exact(s), Value::Num { text, .. }) => {
            let as_number = C::Number {
                text: s.clone(),
                value: crate::number::comparable(s),
            };
            (s.parse::<f64>().is_ok() && accepts(&as_number, v)).then(|| Hint::TypeDiffers {
                event_type: "number",
                value: text.to_string(),
                suggestion: fix(s.clone()),
            })
        }
        (C::Exact(s), Value::Bool(b)) if s == if *b { "true" } else { "false" } => {
            Some(Hint::TypeDiffers {
                event_type: "boolean",
                value: s.clone(),
                suggestion: fix(s.clone()),
            })
        }
        (C::Number { text, .. }, Value::Str(x)) => {
            let as_string = C::Exact(x.to_string());
            let same = x.as_ref() == text.as_str()
                || crate::number::comparable(x)
                    .zip(crate::number::comparable(text))
                    .is_some_and(|(a, b)| a == b);
            let _ = as_string;
            same.then(|| Hint::TypeDiffers {
                event_type: "string",
                value: quote(x),
                suggestion: fix(quote(x)),
            })
        }
        (C::Bool(b), Value::Str(x)) if x.as_ref() == if *b { "true" } else { "false" } => {
            Some(Hint::TypeDiffers {
                event_type: "string",
                value: quote(x),
                suggestion: fix(quote(x)),
            })
        }
        (C::Numeric(_), Value::Str(x)) if crate::number::comparable(x.trim()).is_some() => {
            Some(Hint::NumericOnString { value: quote(x) })
        }
        (C::Prefix(p, None), Value::Str(x))
            if x.len() >= p.len()
                && x.is_char_boundary(p.len())
                && x[..p.len()].to_lowercase() == p.to_lowercase() =>
        {
            Some(Hint::CaseDiffers {
                value: x.to_string(),
                suggestion: fix(format!(
                    "{{\"prefix\": {{\"equals-ignore-case\": {}}}}}",
                    quote(p)
                )),
            })
        }
        (C::Suffix(p, None), Value::Str(x))
            if x.len() >= p.len()
                && x.is_char_boundary(x.len() - p.len())
                && x[x.len() - p.len()..].to_lowercase() == p.to_lowercase() =>
        {
            Some(Hint::CaseDiffers {
                value: x.to_string(),
                suggestion: fix(format!(
                    "{{\"suffix\": {{\"equals-ignore-case\": {}}}}}",
                    quote(p)
                )),
            })
        }
        _ => None,
    }
}

impl Hint {
    /// The condition replacement this hint proposes, if it proposes one.
    pub fn suggestion(&self) -> Option<&Suggestion> {
        match self {
            Hint::CaseDiffers { suggestion, .. }
            | Hint::TypeDiffers { suggestion, .. }
            | Hint::ApiVersionSuffix { suggestion, .. }
            | Hint::LooksLikeWildcard { suggestion } => Some(suggestion),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("detail.state", "detail.stat", 5), 1);
        assert_eq!(edit_distance("abc", "xyz", 2), 3);
        assert_eq!(edit_distance("detail-type", "detail.eventName", 2), 3);
        assert_eq!(edit_distance("detail.stat", "detail.stae", 2), 1);
        assert_eq!(edit_distance("same", "same", 2), 0);
    }
}

#[cfg(test)]
mod apply_tests {
    use crate::Pattern;

    #[test]
    fn applying_a_suggestion_makes_the_field_match() {
        let cases = [
            (
                r#"{"detail": {"state": ["Stopped"]}}"#,
                r#"{"detail": {"state": "stopped"}}"#,
            ),
            (
                r#"{"detail": {"eventName": ["UpdateEventSourceMapping"]}}"#,
                r#"{"detail": {"eventName": "UpdateEventSourceMapping20150331"}}"#,
            ),
            (r#"{"n": ["300"]}"#, r#"{"n": 300}"#),
            (r#"{"n": [300]}"#, r#"{"n": "300"}"#),
            (r#"{"arn": ["arn:aws:*"]}"#, r#"{"arn": "arn:aws:s3"}"#),
            (r#"{"k": [{"prefix": "AB"}]}"#, r#"{"k": "abc"}"#),
        ];
        for (pattern, event) in cases {
            let p = Pattern::parse(pattern).unwrap();
            let trace = p.explain(event).unwrap();
            assert!(!trace.matched, "{pattern}");
            let f = &trace.fields[0];
            let s = f
                .hints
                .iter()
                .find_map(|h| h.suggestion())
                .unwrap_or_else(|| panic!("no fix for {pattern}"));
            let fixed = s.apply(pattern, &p.tree().leaves[f.leaf]).unwrap();
            assert!(
                Pattern::parse(&fixed).unwrap().matches(event).unwrap(),
                "{fixed}"
            );
        }
    }
}
