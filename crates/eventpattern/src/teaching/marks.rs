//! Per event value, how a pattern field fared on it, so a view can mark
//! exactly the array elements that matched rather than every value at the
//! field's path.

use crate::condition::accepts;
use crate::event::FlatEvent;
use crate::matcher::{consistent, FieldOptions};
use crate::pattern::Leaf;
use crate::span::Span;

/// How one event value at a field's path fared.
///
/// ```
/// use eventpattern::{explain::ValueState, Pattern};
///
/// let p = Pattern::parse(r#"{"tags": ["prod"]}"#).unwrap();
/// let f = &p.explain(r#"{"tags": ["dev", "prod"]}"#).unwrap().fields[0];
/// let states: Vec<ValueState> = f.values.iter().map(|m| m.state).collect();
/// assert_eq!(states, [ValueState::Failed, ValueState::Matched]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueState {
    /// A condition accepts it, and (when the alternative matches) a match
    /// of the whole alternative can use it.
    Matched,
    /// A condition accepts it, but it cannot take part: it lies in another
    /// element of an array than the values the other fields need, or the
    /// field is met by the value's absence (`exists: false`) in the matched element.
    Unused,
    /// No condition accepts it.
    Failed,
}

impl ValueState {
    /// `matched`, `unused` or `failed`.
    ///
    /// ```
    /// assert_eq!(eventpattern::explain::ValueState::Unused.name(), "unused");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ValueState::Matched => "matched",
            ValueState::Unused => "unused",
            ValueState::Failed => "failed",
        }
    }
}

/// One event value a pattern field looked at.
///
/// ```
/// use eventpattern::Pattern;
///
/// let event = r#"{"tags": ["dev", "prod"]}"#;
/// let f = &Pattern::parse(r#"{"tags": ["prod"]}"#).unwrap().explain(event).unwrap().fields[0];
/// assert_eq!(&event[f.values[1].span.range()], "\"prod\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueMark {
    /// The value's text in the event (an [`crate::outline::OutlineNode::span`]).
    pub span: Span,
    /// How the field fared on it.
    pub state: ValueState,
}

/// The marks of one field's values (`values` are indexes into `flat.leaves`,
/// in document order): accepted or not.
pub(crate) fn value_marks(leaf: &Leaf, values: &[u32], flat: &FlatEvent<'_>) -> Vec<ValueMark> {
    values
        .iter()
        .map(|&i| {
            let l = &flat.leaves[i as usize];
            let ok = leaf.conditions.iter().any(|c| accepts(&c.kind, &l.value));
            ValueMark {
                span: l.span,
                state: if ok {
                    ValueState::Matched
                } else {
                    ValueState::Failed
                },
            }
        })
        .collect()
}

/// Accepted values become [`ValueState::Unused`] (a field that failed on an
/// array conflict, or that is met by absence).
pub(crate) fn demote(marks: &mut [ValueMark]) {
    for m in marks {
        if m.state == ValueState::Matched {
            m.state = ValueState::Unused;
        }
    }
}

/// Accepted values up to which a matching alternative's values are told
/// apart (one consistency check each); past it, every accepted value stays
/// [`ValueState::Matched`], so a trace on a big event stays fast.
const MAX_REFINED: usize = 64;

/// In a matching alternative, marks [`ValueState::Unused`] the accepted
/// values that no match of the whole alternative can use. `fields` pairs each
/// field's options with its marks.
pub(crate) fn refine_matched(
    fields: &mut [(&FieldOptions, &mut Vec<ValueMark>)],
    flat: &FlatEvent<'_>,
) {
    let in_arrays = fields.iter().any(|(o, _)| {
        o.positive
            .iter()
            .any(|&i| !flat.trail(&flat.leaves[i as usize]).is_empty())
    });
    let accepted: usize = fields.iter().map(|(o, _)| o.positive.len()).sum();
    if !in_arrays || fields.len() < 2 || accepted > MAX_REFINED {
        return;
    }
    let all: Vec<FieldOptions> = fields.iter().map(|(o, _)| (*o).clone()).collect();
    for (f, (options, marks)) in fields.iter_mut().enumerate() {
        for &v in &options.positive {
            let mut only = all.clone();
            only[f].positive = vec![v];
            only[f].absent = None;
            // Past the search limit the value stays marked matched: unknown, not wrong.
            if consistent(&only, flat) == Ok(false) {
                let span = flat.leaves[v as usize].span;
                if let Some(m) = marks.iter_mut().find(|m| m.span == span) {
                    m.state = ValueState::Unused;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::FieldOutcome;
    use crate::outline::{outline, Limits};
    use crate::Pattern;

    /// `(value text, state)` of each field's marks.
    fn marks(pattern: &str, event: &str) -> (bool, Vec<Vec<(String, ValueState)>>) {
        let p = Pattern::parse(pattern).unwrap();
        let t = p.explain(event).unwrap();
        let o = outline(event, p.selector(), Limits::default()).unwrap();
        let fields = t
            .fields
            .iter()
            .map(|f| {
                f.values
                    .iter()
                    .map(|m| {
                        // Every mark lands on a row of the event view.
                        assert!(o.node_at(m.span.start).is_some(), "{:?}", m.span);
                        (event[m.span.range()].to_string(), m.state)
                    })
                    .collect()
            })
            .collect();
        (t.matched, fields)
    }

    use ValueState::*;

    #[test]
    fn one_element_matches_and_another_does_not() {
        let (matched, fields) = marks(
            r#"{"detail": {"items": {"state": ["on"]}}}"#,
            r#"{"detail": {"items": [{"state": "off"}, {"state": "on"}, {"other": 1}]}}"#,
        );
        assert!(matched);
        assert_eq!(
            fields,
            [vec![("\"off\"".into(), Failed), ("\"on\"".into(), Matched)]]
        );
    }

    const EMPLOYEES: &str = r#"{"employees": [{"firstName": "Anna", "lastName": "Smith"}, {"firstName": "Peter", "lastName": "Jones"}]}"#;

    #[test]
    fn values_the_match_cannot_use_are_unused() {
        let p = r#"{"employees": {"firstName": ["Anna", "Peter"], "lastName": ["Jones"]}}"#;
        let (matched, fields) = marks(p, EMPLOYEES);
        assert!(matched);
        assert_eq!(
            fields,
            [
                vec![("\"Anna\"".into(), Unused), ("\"Peter\"".into(), Matched)],
                vec![("\"Smith\"".into(), Failed), ("\"Jones\"".into(), Matched)],
            ]
        );
        // The trace shows the value the match used.
        let t = Pattern::parse(p).unwrap().explain(EMPLOYEES).unwrap();
        match &t.fields[0].outcome {
            FieldOutcome::Matched { condition, value } => {
                assert_eq!(value.text, "\"Peter\"");
                assert_eq!(*condition, 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_array_conflict_leaves_the_value_unused() {
        let (matched, fields) = marks(
            r#"{"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}"#,
            EMPLOYEES,
        );
        assert!(!matched);
        assert_eq!(
            fields,
            [
                vec![("\"Anna\"".into(), Matched), ("\"Peter\"".into(), Failed)],
                vec![("\"Smith\"".into(), Failed), ("\"Jones\"".into(), Unused)],
            ]
        );
    }

    #[test]
    fn a_container_where_a_value_was_wanted_is_found_by_its_start() {
        let p = Pattern::parse(r#"{"detail": {"state": ["x"]}}"#).unwrap();
        let event = r#"{"detail": {"state": {"a": 1}}}"#;
        let t = p.explain(event).unwrap();
        let FieldOutcome::NotALeaf { span, .. } = t.fields[0].outcome else {
            panic!("{:?}", t.fields[0].outcome)
        };
        let o = outline(event, p.selector(), Limits::default()).unwrap();
        let node = &o.nodes[o.node_at(span.start).unwrap()];
        assert_eq!(node.path.as_deref(), Some("detail.state"));
        assert_eq!(&event[node.span.range()], r#"{"a": 1}"#);
        assert!(t.fields[0].values.is_empty());
    }

    #[test]
    fn big_arrays_are_not_refined() {
        let items: Vec<String> = (0..100)
            .map(|i| format!("{{\"a\": \"x\", \"b\": {}}}", i))
            .collect();
        let event = format!("{{\"e\": [{}]}}", items.join(","));
        let (matched, fields) = marks(r#"{"e": {"a": ["x"], "b": [99]}}"#, &event);
        assert!(matched);
        // 101 accepted values: past the limit, all stay matched.
        assert!(fields[0].iter().all(|(_, s)| *s == Matched));
        let small = r#"{"e": [{"a": "x", "b": 1}, {"a": "x", "b": 99}]}"#;
        let (_, fields) = marks(r#"{"e": {"a": ["x"], "b": [99]}}"#, small);
        assert_eq!(
            fields[0],
            [("\"x\"".into(), Unused), ("\"x\"".into(), Matched)]
        );
    }

    #[test]
    fn absence_in_the_matched_element() {
        let (matched, fields) = marks(
            // `e.a` comes before `e.ids` in AWS's path order, so the absence is
            // judged in Anna's element (docs/SEMANTICS.md, "Arrays").
            r#"{"e": {"a": ["Anna"], "ids": [{"exists": false}]}}"#,
            r#"{"e": [{"a": "Anna"}, {"a": "Bob", "ids": 1}]}"#,
        );
        assert!(matched);
        assert_eq!(
            fields,
            [
                vec![("\"Anna\"".into(), Matched), ("\"Bob\"".into(), Failed)],
                vec![("1".into(), Failed)],
            ]
        );
    }
}
