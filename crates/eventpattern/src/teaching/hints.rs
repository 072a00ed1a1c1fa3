//! Near-miss suggestions, offered only where they are certain to apply: the
//! suggested change would make this field match this event.

use super::outcome::FieldOutcome;
use crate::condition::accepts;
use crate::event::{FlatEvent, Value};
use crate::json::quote;
use crate::pattern::{ConditionKind, Leaf};

/// A change to one pattern field that makes it match (for hints) or that
/// is certain to be meant (for notes): a condition replaced, or the field's
/// key renamed. Hints build them only through checks that the change works.
///
/// ```
/// use eventpattern::{hints::Edit, Pattern};
///
/// let text = r#"{"state": ["Stopped"]}"#;
/// let p = Pattern::parse(text).unwrap();
/// let trace = p.explain(r#"{"state": "stopped"}"#).unwrap();
/// let s = trace.fields[0].hints[0].suggestion().unwrap();
/// assert_eq!((s.text.as_str(), s.edit), (r#"{"equals-ignore-case": "Stopped"}"#, Edit::Condition));
/// let fixed = s.apply(text, &p.tree().leaves[0]).unwrap();
/// assert!(Pattern::parse(&fixed).unwrap().matches(r#"{"state": "stopped"}"#).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the condition in the field's list (for [`Edit::Condition`]).
    pub condition: usize,
    /// The condition(s) to write instead, or the new key, as JSON text.
    pub text: String,
    /// What [`Suggestion::text`] replaces.
    pub edit: Edit,
}

/// What a suggestion replaces.
///
/// ```
/// use eventpattern::{hints::{Edit, Hint}, Pattern};
///
/// let p = Pattern::parse(r#"{"detail": {"stat": ["on"]}}"#).unwrap();
/// let trace = p.explain(r#"{"detail": {"state": "on"}}"#).unwrap();
/// let Hint::DidYouMean { suggestion: Some(s), .. } = &trace.fields[0].hints[0] else { unreachable!() };
/// assert_eq!((s.edit, s.text.as_str()), (Edit::Key, "\"state\""));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// One condition of the field's list.
    Condition,
    /// The field's key (its last path segment).
    Key,
}

impl Edit {
    /// `condition` or `key`, stable for JSON output.
    ///
    /// ```
    /// assert_eq!(eventpattern::hints::Edit::Key.name(), "key");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Edit::Condition => "condition",
            Edit::Key => "key",
        }
    }
}

impl Suggestion {
    /// A replacement for condition `condition`, if `text` is a valid
    /// condition list element (or several).
    pub(crate) fn condition(condition: usize, text: String) -> Option<Suggestion> {
        conditions_of(&text)?;
        Some(Suggestion {
            condition,
            text,
            edit: Edit::Condition,
        })
    }

    /// A new key for the field.
    pub(crate) fn rename_key(key: &str) -> Suggestion {
        Suggestion {
            condition: 0,
            text: quote(key),
            edit: Edit::Key,
        }
    }

    /// The pattern text with the change made.
    ///
    /// ```
    /// use eventpattern::Pattern;
    ///
    /// let text = r#"{"n": ["5"]}"#;
    /// let p = Pattern::parse(text).unwrap();
    /// let trace = p.explain(r#"{"n": 5}"#).unwrap();
    /// let s = trace.fields[0].hints[0].suggestion().unwrap();
    /// assert_eq!(s.apply(text, &p.tree().leaves[0]).unwrap(), r#"{"n": [5]}"#);
    /// ```
    pub fn apply(&self, pattern_text: &str, leaf: &Leaf) -> Option<String> {
        let span = match self.edit {
            Edit::Condition => leaf.conditions.get(self.condition)?.span,
            Edit::Key => leaf.key_span,
        };
        let mut out = pattern_text.to_string();
        out.get(span.range())?;
        out.replace_range(span.range(), &self.text);
        Some(out)
    }

    /// Words for a button: `{"prefix": "x"}`, or `rename the key to "state"`.
    ///
    /// ```
    /// use eventpattern::Pattern;
    ///
    /// let p = Pattern::parse(r#"{"detail": {"stat": ["on"]}}"#).unwrap();
    /// let trace = p.explain(r#"{"detail": {"state": "on"}}"#).unwrap();
    /// assert_eq!(trace.fields[0].hints[0].suggestion().unwrap().label(), "rename the key to \"state\"");
    /// ```
    pub fn label(&self) -> String {
        match self.edit {
            Edit::Condition => self.text.clone(),
            Edit::Key => format!("rename the key to {}", self.text),
        }
    }
}

/// The conditions `text` stands for, when it is valid inside a field's list.
fn conditions_of(text: &str) -> Option<Vec<ConditionKind>> {
    let tree = crate::pattern::parse(&format!("{{\"k\": [{text}]}}")).ok()?;
    let leaf = tree.leaves.into_iter().next()?;
    Some(leaf.conditions.into_iter().map(|c| c.kind).collect())
}

/// A condition replacement, kept only when the engine's own matching says
/// the new condition accepts `value`: offered fixes always work.
fn checked(condition: usize, text: String, value: &Value<'_>) -> Option<Suggestion> {
    let kinds = conditions_of(&text)?;
    kinds
        .iter()
        .any(|k| accepts(k, value))
        .then_some(Suggestion {
            condition,
            text,
            edit: Edit::Condition,
        })
}

/// A suggestion for one field.
///
/// ```
/// use eventpattern::{hints::Hint, Pattern};
///
/// let p = Pattern::parse(r#"{"detail": {"eventName": ["UpdateEventSourceMapping"]}}"#).unwrap();
/// let trace = p.explain(r#"{"detail": {"eventName": "UpdateEventSourceMapping20150331"}}"#).unwrap();
/// assert!(matches!(trace.fields[0].hints[0], Hint::ApiVersionSuffix { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Only the letter case differs, in a field whose values AWS spells one
    /// way (`source`, `detail-type`, …): the pattern has a typo; the
    /// suggestion writes the event's spelling.
    CaseTypo {
        /// The event's value.
        value: String,
        /// The event's value as a condition.
        suggestion: Suggestion,
    },
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
        /// The field's key renamed to the first path that makes it match.
        suggestion: Option<Suggestion>,
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
///
/// ```
/// use eventpattern::hints::EventFacts;
///
/// let facts = EventFacts::read(r#"{"detail-type": "x", "detail": {"a": 1}}"#).unwrap();
/// assert_eq!(facts.paths, ["detail", "detail-type", "detail.a"]);
/// assert_eq!(facts.detail_type.as_deref(), Some("x"));
/// ```
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
    ///
    /// ```
    /// assert!(eventpattern::hints::EventFacts::read("[").is_err());
    /// ```
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
        crate::sort::sort(&mut paths);
        paths.dedup();
        Ok(EventFacts { paths, detail_type })
    }
}

/// Behaviours of AWS's engine that surprise people; the playground follows them.
///
/// ```
/// use eventpattern::{hints::{Hint, Quirk}, Pattern};
///
/// let p = Pattern::parse(r#"{"n": [300]}"#).unwrap();
/// let trace = p.explain(r#"{"n": 3e2}"#).unwrap();
/// assert!(trace.matched);
/// assert_eq!(trace.fields[0].hints, [Hint::Quirk(Quirk::NumberSpelling)]);
/// ```
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
///
/// ```
/// use eventpattern::hints::edit_distance;
///
/// assert_eq!(edit_distance("stopped", "stoped", 3), 1);
/// assert_eq!(edit_distance("a", "zzzzzz", 2), 3); // above the limit
/// ```
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
///
/// ```
/// use eventpattern::Pattern;
///
/// // Called by `Pattern::explain` for every field; read the hints from the trace.
/// let p = Pattern::parse(r#"{"a": [{"numeric": [">", 1]}]}"#).unwrap();
/// let trace = p.explain(r#"{"a": "5"}"#).unwrap();
/// assert_eq!(trace.fields[0].hints[0].name(), "numeric-on-string");
/// ```
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
            crate::sort::sort(&mut near);
            near.dedup_by(|a, b| a.1 == b.1);
            if !near.is_empty() {
                hints.push(Hint::DidYouMean {
                    paths: near
                        .into_iter()
                        .take(3)
                        .map(|(_, p)| p.to_string())
                        .collect(),
                    suggestion: None,
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
                    for h in value_hints(leaf, i, &c.kind, v) {
                        // One hint per fix, whichever of the event's values led to it.
                        let same_fix = h.suggestion().is_some()
                            && hints.iter().any(|o| o.suggestion() == h.suggestion());
                        if !hints.contains(&h) && !same_fix {
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

/// Fields whose values AWS writes one way: a case difference there is a
/// typo in the pattern, best corrected rather than ignored.
const FIXED_SPELLING: &[&str] = &[
    "source",
    "detail-type",
    "detail.eventName",
    "detail.eventSource",
];

/// The hints for one condition and one event value. Every suggestion is
/// built by [`checked`], so it accepts the value.
fn value_hints(leaf: &Leaf, index: usize, cond: &ConditionKind, v: &Value<'_>) -> Vec<Hint> {
    use ConditionKind as C;
    let fix = |text: String| checked(index, text, v);
    // Per character (not `str::to_lowercase`, whose extra code the page
    // would carry for this one comparison); the offered fix is checked anyway.
    let same_letters = |a: &str, b: &str| {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    };
    let mut out = Vec::new();
    match (cond, v) {
        (C::Exact(s, _), Value::Str(x)) if s != x.as_ref() && same_letters(s, x) => {
            if FIXED_SPELLING.contains(&leaf.joined.as_str()) {
                if let Some(suggestion) = fix(quote(x)) {
                    out.push(Hint::CaseTypo {
                        value: x.to_string(),
                        suggestion,
                    });
                }
            }
            if let Some(suggestion) = fix(format!("{{\"equals-ignore-case\": {}}}", quote(s))) {
                out.push(Hint::CaseDiffers {
                    value: x.to_string(),
                    suggestion,
                });
            }
        }
        (C::Exact(s, _), Value::Str(x)) if s != x.as_ref() => {
            if leaf.joined.ends_with("eventName") && !s.is_empty() {
                if let Some(rest) = x.strip_prefix(s.as_str()) {
                    if rest.len() >= 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                        if let Some(suggestion) = fix(format!("{{\"prefix\": {}}}", quote(s))) {
                            out.push(Hint::ApiVersionSuffix {
                                value: x.to_string(),
                                suggestion,
                            });
                        }
                    }
                }
            }
            if s.contains('*') {
                if let Some(suggestion) = fix(format!("{{\"wildcard\": {}}}", quote(s))) {
                    out.push(Hint::LooksLikeWildcard { suggestion });
                }
            }
        }
        (C::Exact(s, _), Value::Num { text, .. }) => {
            if let Some(suggestion) = fix(s.clone()).filter(|_| s.parse::<f64>().is_ok()) {
                out.push(Hint::TypeDiffers {
                    event_type: "number",
                    value: text.to_string(),
                    suggestion,
                });
            }
        }
        (C::Exact(s, _), Value::Bool(_)) => {
            if let Some(suggestion) = fix(s.clone()) {
                out.push(Hint::TypeDiffers {
                    event_type: "boolean",
                    value: s.clone(),
                    suggestion,
                });
            }
        }
        (C::Number { text, .. }, Value::Str(x)) => {
            let same = x.as_ref() == text.as_str()
                || crate::number::comparable(x)
                    .zip(crate::number::comparable(text))
                    .is_some_and(|(a, b)| a == b);
            if let Some(suggestion) = fix(quote(x)).filter(|_| same) {
                out.push(Hint::TypeDiffers {
                    event_type: "string",
                    value: quote(x),
                    suggestion,
                });
            }
        }
        (C::Bool(b), Value::Str(x)) if x.as_ref() == if *b { "true" } else { "false" } => {
            if let Some(suggestion) = fix(quote(x)) {
                out.push(Hint::TypeDiffers {
                    event_type: "string",
                    value: quote(x),
                    suggestion,
                });
            }
        }
        (C::Numeric(_), Value::Str(x)) if crate::number::comparable(x.trim()).is_some() => {
            out.push(Hint::NumericOnString { value: quote(x) })
        }
        (C::Prefix(p, None), Value::Str(x))
            if x.len() >= p.len()
                && x.is_char_boundary(p.len())
                && same_letters(&x[..p.len()], p) =>
        {
            if let Some(suggestion) = fix(format!(
                "{{\"prefix\": {{\"equals-ignore-case\": {}}}}}",
                quote(p)
            )) {
                out.push(Hint::CaseDiffers {
                    value: x.to_string(),
                    suggestion,
                });
            }
        }
        (C::Suffix(p, None), Value::Str(x))
            if x.len() >= p.len()
                && x.is_char_boundary(x.len() - p.len())
                && same_letters(&x[x.len() - p.len()..], p) =>
        {
            if let Some(suggestion) = fix(format!(
                "{{\"suffix\": {{\"equals-ignore-case\": {}}}}}",
                quote(p)
            )) {
                out.push(Hint::CaseDiffers {
                    value: x.to_string(),
                    suggestion,
                });
            }
        }
        _ => {}
    }
    out
}

/// The event's values at the paths "did you mean" hints name, read in one
/// pass for all fields.
pub(crate) struct Candidates<'e> {
    selector: crate::event::Selector,
    flat: FlatEvent<'e>,
}

impl<'e> Candidates<'e> {
    /// Reads `event` for these paths.
    pub(crate) fn read<'p>(
        event: &'e str,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> Option<Candidates<'e>> {
        let selector = crate::event::Selector::new(paths);
        let flat = crate::event::flatten(event, Some(&selector)).ok()?;
        Some(Candidates { selector, flat })
    }

    /// Whether a value at `path` meets one of the field's conditions.
    fn meets(&self, path: &str, leaf: &Leaf) -> bool {
        let Some(id) = self.selector.id(path) else {
            return false;
        };
        self.flat
            .leaves
            .iter()
            .any(|l| l.path_id == id && leaf.conditions.iter().any(|c| accepts(&c.kind, &l.value)))
    }
}

/// For a field the event lacks: its key renamed to a sibling path the event
/// has (from `paths`, nearest first), when that makes the field match. The
/// rename is refused when the new key is already used in the pattern.
pub(crate) fn key_rename(
    p: &crate::Pattern,
    leaf: &Leaf,
    paths: &[String],
    event: &Candidates<'_>,
) -> Option<Suggestion> {
    let parent = leaf.path[..leaf.path.len().saturating_sub(1)].join(".");
    paths.iter().find_map(|path| {
        let key = if parent.is_empty() {
            path.as_str()
        } else {
            path.strip_prefix(&parent)?.strip_prefix('.')?
        };
        let taken = p
            .tree()
            .leaves
            .iter()
            .any(|l| l.joined == *path || l.joined.starts_with(&format!("{path}.")));
        if key.is_empty() || key.contains('.') || taken || !event.meets(path, leaf) {
            return None;
        }
        Some(Suggestion::rename_key(key))
    })
}

impl Hint {
    /// Kebab-case name of the hint, stable for JSON output and tests
    /// (`case-typo`, `did-you-mean`, …).
    ///
    /// ```
    /// use eventpattern::hints::Hint;
    ///
    /// assert_eq!(Hint::AbsentNeverMatches.name(), "absent-never-matches");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Hint::CaseTypo { .. } => "case-typo",
            Hint::CaseDiffers { .. } => "case-differs",
            Hint::TypeDiffers { .. } => "type-differs",
            Hint::ApiVersionSuffix { .. } => "api-version-suffix",
            Hint::LooksLikeWildcard { .. } => "looks-like-wildcard",
            Hint::NumericOnString { .. } => "numeric-on-string",
            Hint::DidYouMean { .. } => "did-you-mean",
            Hint::NotALeaf { .. } => "not-a-leaf",
            Hint::AbsentNeverMatches => "absent-never-matches",
            Hint::ArrayElements => "array-elements",
            Hint::Quirk(_) => "engine-quirk",
            Hint::NotFromCloudTrail { .. } => "not-from-cloudtrail",
        }
    }

    /// The change this hint proposes, if it proposes one.
    ///
    /// ```
    /// use eventpattern::hints::Hint;
    ///
    /// assert!(Hint::ArrayElements.suggestion().is_none());
    /// ```
    pub fn suggestion(&self) -> Option<&Suggestion> {
        match self {
            Hint::CaseTypo { suggestion, .. }
            | Hint::CaseDiffers { suggestion, .. }
            | Hint::TypeDiffers { suggestion, .. }
            | Hint::ApiVersionSuffix { suggestion, .. }
            | Hint::LooksLikeWildcard { suggestion } => Some(suggestion),
            Hint::DidYouMean { suggestion, .. } => suggestion.as_ref(),
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

#[cfg(test)]
mod teaching_tests {
    use crate::Pattern;

    /// (hint kind, fixed pattern) for every hint of every field.
    fn offered(pattern: &str, event: &str) -> Vec<(String, Option<String>)> {
        let p = Pattern::parse(pattern).unwrap();
        let trace = p.explain(event).unwrap();
        trace
            .fields
            .iter()
            .flat_map(|f| {
                let leaf = &p.tree().leaves[f.leaf];
                f.hints.iter().map(move |h| {
                    let kind = format!("{h:?}");
                    let kind = kind.split([' ', '{', '(']).next().unwrap_or("").to_string();
                    (kind, h.suggestion().and_then(|s| s.apply(pattern, leaf)))
                })
            })
            .collect()
    }

    #[test]
    fn a_case_typo_in_a_fixed_aws_value_is_corrected_first() {
        let pattern = r#"{"detail-type": ["EC2 Instance State-Change Notification"]}"#;
        let event = r#"{"detail-type": "EC2 Instance State-change Notification"}"#;
        let got = offered(pattern, event);
        assert_eq!(
            got,
            vec![
                (
                    "CaseTypo".to_string(),
                    Some(r#"{"detail-type": ["EC2 Instance State-change Notification"]}"#.to_string())
                ),
                (
                    "CaseDiffers".to_string(),
                    Some(r#"{"detail-type": [{"equals-ignore-case": "EC2 Instance State-Change Notification"}]}"#.to_string())
                ),
            ]
        );
        // Other fields keep the ignore-case fix alone.
        let got = offered(
            r#"{"detail": {"state": ["Stopped"]}}"#,
            r#"{"detail": {"state": "stopped"}}"#,
        );
        assert_eq!(
            got.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["CaseDiffers"]
        );
    }

    #[test]
    fn every_offered_fix_makes_the_event_match() {
        let cases = [
            (r#"{"source": ["AWS.EC2"]}"#, r#"{"source": "aws.ec2"}"#),
            (r#"{"k": ["Stopped"]}"#, r#"{"k": "stopped"}"#),
            (r#"{"k": ["😀A"]}"#, r#"{"k": "😀a"}"#),
            (r#"{"source": ["😀A"]}"#, r#"{"source": "😀a"}"#),
            (r#"{"k": [{"prefix": "😀A"}]}"#, r#"{"k": "😀abc"}"#),
            (r#"{"k": ["ǅ"]}"#, r#"{"k": "ǆ"}"#),
            (r#"{"n": ["300"]}"#, r#"{"n": 3e2}"#),
            (r#"{"b": ["true"]}"#, r#"{"b": true}"#),
            (r#"{"b": [true]}"#, r#"{"b": "true"}"#),
            (
                r#"{"detail": {"stat": ["x"]}}"#,
                r#"{"detail": {"state": "x"}}"#,
            ),
            (
                r#"{"detail": {"eventName": ["PutItem"]}}"#,
                r#"{"detail": {"eventName": "PutItem20120810"}}"#,
            ),
        ];
        for (pattern, event) in cases {
            for (kind, fixed) in offered(pattern, event) {
                if let Some(fixed) = fixed {
                    let matched = Pattern::parse(&fixed).unwrap().matches(event).unwrap();
                    assert!(matched, "{kind} on {pattern}: {fixed}");
                }
            }
        }
        // Emoji: the engine folds per UTF-16 unit, so ignoring case cannot help;
        // only the exact spelling is offered, and only for a fixed AWS value.
        assert_eq!(offered(r#"{"k": ["😀A"]}"#, r#"{"k": "😀a"}"#), vec![]);
        assert_eq!(
            offered(r#"{"source": ["😀A"]}"#, r#"{"source": "😀a"}"#),
            vec![(
                "CaseTypo".to_string(),
                Some(r#"{"source": ["😀a"]}"#.to_string())
            )]
        );
    }

    #[test]
    fn a_key_typo_is_renamed_when_that_makes_the_field_match() {
        assert_eq!(
            offered(
                r#"{"detail": {"stat": ["x"]}}"#,
                r#"{"detail": {"state": "x"}}"#
            ),
            vec![(
                "DidYouMean".to_string(),
                Some(r#"{"detail": {"state": ["x"]}}"#.to_string())
            )]
        );
        // The similar field holds another value: the hint stays, without a rename.
        assert_eq!(
            offered(
                r#"{"detail": {"stat": ["x"]}}"#,
                r#"{"detail": {"state": "y"}}"#
            ),
            vec![("DidYouMean".to_string(), None)]
        );
        // Another parent: a rename would move the field; not offered.
        assert_eq!(
            offered(r#"{"state": ["x"]}"#, r#"{"detail": {"state": "x"}}"#),
            vec![("DidYouMean".to_string(), None)]
        );
        // The key is already used in the pattern.
        assert_eq!(
            offered(
                r#"{"detail": {"stat": ["x"], "state": [{"exists": true}]}}"#,
                r#"{"detail": {"state": "x"}}"#
            ),
            vec![("DidYouMean".to_string(), None)]
        );
    }

    #[test]
    fn one_hint_per_fix_whatever_the_number_of_values() {
        let got = offered(
            r#"{"k": ["Stopped"]}"#,
            r#"{"k": ["stopped", "STOPPED", "sTopped"]}"#,
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn a_hint_that_repeats_a_note_is_left_to_the_note() {
        let pattern =
            r#"{"source": ["aws.lambda"], "detail": {"eventName": ["UpdateEventSourceMapping"]}}"#;
        let event = r#"{"source": "aws.lambda", "detail": {"eventName": "UpdateEventSourceMapping20150331"}}"#;
        assert_eq!(offered(pattern, event), vec![]);
        let p = Pattern::parse(pattern).unwrap();
        assert_eq!(crate::lint::lint(&p).len(), 1);
        // Without the note (not Lambda), the hint carries the fix.
        let pattern = r#"{"detail": {"eventName": ["UpdateEventSourceMapping"]}}"#;
        assert_eq!(offered(pattern, event).len(), 1);
    }
}
