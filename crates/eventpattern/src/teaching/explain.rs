//! The trace: for the alternative that matched (or came closest), what each
//! pattern field found in the event, with spans into both texts. It is data;
//! [`crate::render`] and the web app turn it into words.

pub use super::outcome::{FieldOutcome, ValueRef};
use crate::condition::accepts;
use crate::event::{flatten, EventLeaf, FlatEvent};
use crate::hints::{hints_for, key_rename, Candidates, EventFacts, Hint};
use crate::marks::{demote, refine_matched, value_marks};
pub use crate::marks::{ValueMark, ValueState};
use crate::matcher::{consistent, field_options, FieldOptions};
use crate::pattern::{ConditionKind, LeafId};
use crate::{EventError, Pattern};

/// The three states a field is shown in.
///
/// ```
/// use eventpattern::{FieldStatus, Pattern};
///
/// let p = Pattern::parse(r#"{"a": ["1"], "b": ["2"], "c": ["3"]}"#).unwrap();
/// let trace = p.explain(r#"{"a": "1", "b": "x"}"#).unwrap();
/// let states: Vec<FieldStatus> = trace.fields.iter().map(|f| f.status).collect();
/// assert_eq!(states, [FieldStatus::Matched, FieldStatus::Failed, FieldStatus::Missing]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldStatus {
    /// The field's conditions are met.
    Matched,
    /// The event has the path, but no value meets a condition.
    Failed,
    /// The event has no value at the path.
    Missing,
}

impl FieldStatus {
    /// `matched`, `failed` or `missing`.
    ///
    /// ```
    /// assert_eq!(eventpattern::FieldStatus::Failed.name(), "failed");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            FieldStatus::Matched => "matched",
            FieldStatus::Failed => "failed",
            FieldStatus::Missing => "missing",
        }
    }
}

/// One pattern field of the shown alternative.
///
/// ```
/// use eventpattern::{FieldOutcome, Pattern};
///
/// let p = Pattern::parse(r#"{"detail": {"state": ["stopped"]}}"#).unwrap();
/// let f = &p.explain(r#"{"detail": {"state": "running"}}"#).unwrap().fields[0];
/// assert_eq!(f.path, "detail.state");
/// assert!(matches!(&f.outcome, FieldOutcome::NoConditionMet { values } if values[0].text == "\"running\""));
/// assert_eq!(f.values.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FieldTrace {
    /// The pattern leaf.
    pub leaf: LeafId,
    /// Its joined path.
    pub path: String,
    /// Matched, failed or missing.
    pub status: FieldStatus,
    /// The details.
    pub outcome: FieldOutcome,
    /// Suggestions that are certain to be relevant.
    pub hints: Vec<Hint>,
    /// Every event value at the field's path, in document order, with how
    /// the field fared on each (one mark per array element).
    pub values: Vec<ValueMark>,
}

/// The explanation of one verdict.
///
/// ```
/// use eventpattern::Pattern;
///
/// let p = Pattern::parse(r#"{"$or": [{"a": ["1"]}, {"b": ["2"]}]}"#).unwrap();
/// let trace = p.explain(r#"{"b": "2"}"#).unwrap();
/// assert!(trace.matched);
/// assert_eq!((trace.rule, trace.alternatives), (1, 2));
/// assert_eq!(trace.inactive.len(), 1); // the other branch's field
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The verdict, equal to [`Pattern::matches`].
    pub matched: bool,
    /// Index of the alternative shown (the first that matched, else the closest).
    pub rule: usize,
    /// How many alternatives `$or` produced.
    pub alternatives: usize,
    /// `$or` branches the shown alternative took: `(or id, branch)`.
    pub branches: Vec<(usize, usize)>,
    /// One entry per field of the shown alternative, in pattern order.
    pub fields: Vec<FieldTrace>,
    /// Pattern leaves outside the shown alternative (other `$or` branches,
    /// or an earlier duplicate key that a later one replaced).
    pub inactive: Vec<LeafId>,
}

const SHOWN_VALUES: usize = 5;

pub(crate) fn value_ref(event: &str, leaf: &EventLeaf<'_>, path: &str) -> ValueRef {
    let raw = &event[leaf.span.range()];
    let text = if raw.chars().count() > 200 {
        let cut: String = raw.chars().take(200).collect();
        format!("{cut}…")
    } else {
        raw.to_string()
    };
    ValueRef {
        path: path.to_string(),
        span: leaf.span,
        text,
        type_name: leaf.value.type_name(),
    }
}

pub(crate) fn explain(p: &Pattern, event: &str) -> Result<Trace, EventError> {
    let flat = flatten(event, Some(p.selector()))?;
    let by_path = crate::matcher::group_by_path(&flat, p.selector().len());
    let leaves = &p.tree().leaves;
    let mut best: Option<(usize, usize, Vec<FieldTrace>)> = None;
    for (ri, rule) in p.rules().iter().enumerate() {
        let mut order: Vec<LeafId> = rule.leaves.clone();
        crate::sort::sort(&mut order);
        let fields = trace_rule(p, &order, &flat, &by_path, event)?;
        let failures = fields
            .iter()
            .filter(|f| f.status != FieldStatus::Matched)
            .count();
        if failures == 0 {
            best = Some((ri, 0, fields));
            break;
        }
        if best.as_ref().is_none_or(|b| failures < b.1) {
            best = Some((ri, failures, fields));
        }
    }
    let (rule, failures, mut fields) = best.expect("a pattern has at least one alternative");
    // Facts about the whole event, read only when a hint needs them (more passes).
    let needs_facts = fields.iter().any(|f| {
        matches!(
            f.outcome,
            FieldOutcome::Missing | FieldOutcome::NotALeaf { .. }
        )
    });
    let facts = if needs_facts {
        EventFacts::read(event)?
    } else {
        EventFacts::default()
    };
    for f in &mut fields {
        f.hints = hints_for(
            &leaves[f.leaf],
            &f.outcome,
            &flat,
            &by_path[p.leaf_path()[f.leaf] as usize],
            &facts,
        );
    }
    // Key renames, checked against the event's values in one more pass.
    let similar: Vec<String> = fields
        .iter()
        .flat_map(|f| &f.hints)
        .filter_map(|h| match h {
            Hint::DidYouMean { paths, .. } => Some(paths.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    if let Some(candidates) = (!similar.is_empty())
        .then(|| Candidates::read(event, similar.iter().map(String::as_str)))
        .flatten()
    {
        for f in &mut fields {
            for h in &mut f.hints {
                if let Hint::DidYouMean { paths, suggestion } = h {
                    *suggestion = key_rename(p, &leaves[f.leaf], paths, &candidates);
                }
            }
        }
    }
    // A hint that repeats a note on the pattern (same field, same fix) is left to the note.
    let mut notes = None;
    for f in &mut fields {
        if f.hints.iter().any(|h| h.suggestion().is_some()) {
            let notes = notes.get_or_insert_with(|| crate::lint::lint(p));
            f.hints.retain(|h| {
                h.suggestion().is_none_or(|s| {
                    !notes
                        .iter()
                        .any(|n| n.leaf == f.leaf && n.suggestion.as_ref() == Some(s))
                })
            });
        }
    }
    let shown = &p.rules()[rule];
    let inactive = (0..leaves.len())
        .filter(|l| !shown.leaves.contains(l))
        .collect();
    Ok(Trace {
        matched: failures == 0,
        rule,
        alternatives: p.rules().len(),
        branches: shown.branches.clone(),
        fields,
        inactive,
    })
}

fn trace_rule(
    p: &Pattern,
    order: &[LeafId],
    flat: &FlatEvent<'_>,
    by_path: &crate::matcher::ByPath,
    event: &str,
) -> Result<Vec<FieldTrace>, crate::matcher::TooComplex> {
    let leaves = &p.tree().leaves;
    let mut fields = Vec::with_capacity(order.len());
    // Fields that can be met, for the array-consistency check: (position in `fields`, options).
    let mut options: Vec<(usize, FieldOptions)> = Vec::new();
    for &id in order {
        let leaf = &leaves[id];
        let values = &by_path[p.leaf_path()[id] as usize];
        let opts = field_options(leaf, values, flat);
        let (status, outcome) = match &opts {
            Some(o) if o.positive.is_empty() && values.is_empty() => {
                (FieldStatus::Matched, FieldOutcome::AbsentAsRequired)
            }
            Some(o) if o.positive.is_empty() => (
                // Present, but possibly absent in the matched array element;
                // settled by the consistency check below.
                FieldStatus::Matched,
                FieldOutcome::AbsentAsRequired,
            ),
            Some(o) => {
                let first = &flat.leaves[o.positive[0] as usize];
                let condition = leaf
                    .conditions
                    .iter()
                    .position(|cond| accepts(&cond.kind, &first.value))
                    .unwrap_or(0);
                (
                    FieldStatus::Matched,
                    FieldOutcome::Matched {
                        condition,
                        value: value_ref(event, first, &leaf.joined),
                    },
                )
            }
            None if values.is_empty() => {
                match flat.containers.iter().find(|c| c.path == leaf.joined) {
                    Some(c) => (
                        FieldStatus::Failed,
                        FieldOutcome::NotALeaf {
                            span: c.span,
                            is_object: c.is_object,
                        },
                    ),
                    None => (FieldStatus::Missing, FieldOutcome::Missing),
                }
            }
            None => (
                FieldStatus::Failed,
                no_condition_met(leaf, values, flat, event),
            ),
        };
        let mut marks = value_marks(leaf, values, flat);
        if outcome == FieldOutcome::AbsentAsRequired {
            demote(&mut marks);
        }
        if let Some(o) = opts {
            options.push((fields.len(), o));
        }
        fields.push(FieldTrace {
            leaf: id,
            path: leaf.joined.clone(),
            status,
            outcome,
            hints: Vec::new(),
            values: marks,
        });
    }
    // Add fields one by one; the first that cannot join a consistent pick is
    // reported: a present value for `exists: false`, else an array conflict.
    // Without `exists: false` a longer prefix is never easier, so the first
    // failing prefix is found by bisection (a few joins, not one per field).
    let prefix_ok = |n: usize| -> Result<bool, crate::matcher::TooComplex> {
        let prefix: Vec<FieldOptions> = options[..n].iter().map(|(_, o)| o.clone()).collect();
        consistent(&prefix, flat)
    };
    // When the whole set is consistent nothing failed. (AWS judges an absence
    // against the fields before it in path order, so with `exists: false` a
    // prefix can fail where the whole succeeds.)
    let len = options.len();
    let mut first = 1;
    if prefix_ok(len)? {
        first = len + 1;
    } else if options.iter().all(|(_, o)| o.absent.is_none()) {
        // The first failing prefix length lies in lo..=hi.
        let (mut lo, mut hi) = (1, len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if prefix_ok(mid)? {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        first = lo;
    }
    for n in first..=options.len() {
        if prefix_ok(n)? {
            continue;
        }
        let (pos, o) = &options[n - 1];
        let leaf = &leaves[fields[*pos].leaf];
        fields[*pos].status = FieldStatus::Failed;
        if o.positive.is_empty() {
            let values = o.absent.as_deref().unwrap_or(&[]);
            fields[*pos].outcome = no_condition_met(leaf, values, flat, event);
        } else {
            let mut other = fields[options[0].0].path.clone();
            for (i, oo) in options[..n - 1].iter().rev() {
                if !consistent(&[oo.clone(), o.clone()], flat)? {
                    other = fields[*i].path.clone();
                    break;
                }
            }
            let value = value_ref(event, &flat.leaves[o.positive[0] as usize], &leaf.joined);
            fields[*pos].outcome = FieldOutcome::ArrayConflict { value, with: other };
            demote(&mut fields[*pos].values);
        }
        break;
    }
    if fields.iter().all(|f| f.status == FieldStatus::Matched) {
        // Every field has options here, in field order.
        let mut marks: Vec<Vec<ValueMark>> = fields
            .iter_mut()
            .map(|f| std::mem::take(&mut f.values))
            .collect();
        let mut pairs: Vec<(&FieldOptions, &mut Vec<ValueMark>)> = options
            .iter()
            .map(|(_, o)| o)
            .zip(marks.iter_mut())
            .collect();
        refine_matched(&mut pairs, flat);
        for (f, m) in fields.iter_mut().zip(marks) {
            f.values = m;
            show_usable_value(f, &leaves[f.leaf], flat, event);
        }
    }
    Ok(fields)
}

/// A matched field shows a value the match can use (the first accepted
/// value may lie in an array element that the other fields rule out).
fn show_usable_value(
    f: &mut FieldTrace,
    leaf: &crate::pattern::Leaf,
    flat: &FlatEvent<'_>,
    event: &str,
) {
    let FieldOutcome::Matched { condition, value } = &mut f.outcome else {
        return;
    };
    let Some(usable) = f.values.iter().find(|m| m.state == ValueState::Matched) else {
        return;
    };
    if usable.span == value.span {
        return;
    }
    if let Some(l) = flat.leaves.iter().find(|l| l.span == usable.span) {
        *condition = leaf
            .conditions
            .iter()
            .position(|c| accepts(&c.kind, &l.value))
            .unwrap_or(0);
        *value = value_ref(event, l, &f.path);
    }
}

fn no_condition_met(
    leaf: &crate::pattern::Leaf,
    values: &[u32],
    flat: &FlatEvent<'_>,
    event: &str,
) -> FieldOutcome {
    let mut vals: Vec<&EventLeaf<'_>> = values.iter().map(|&i| &flat.leaves[i as usize]).collect();
    crate::sort::sort_by_cached_key(&mut vals, |v| closeness(leaf, v));
    vals.truncate(SHOWN_VALUES);
    FieldOutcome::NoConditionMet {
        values: vals
            .into_iter()
            .map(|v| value_ref(event, v, &leaf.joined))
            .collect(),
    }
}

/// Sort key: values most like the field's first plain string come first.
fn closeness(leaf: &crate::pattern::Leaf, v: &EventLeaf<'_>) -> usize {
    let target = leaf.conditions.iter().find_map(|c| match &c.kind {
        ConditionKind::Exact(s, _) | ConditionKind::Prefix(s, _) | ConditionKind::Suffix(s, _) => {
            Some(s.as_str())
        }
        ConditionKind::EqualsIgnoreCase(s, _) | ConditionKind::Wildcard(s, _) => Some(s.as_str()),
        _ => None,
    });
    match (target, &v.value) {
        (Some(t), crate::Value::Str(x)) => crate::hints::edit_distance(t, x, 64),
        (Some(_), _) => usize::MAX,
        _ => 0,
    }
}
