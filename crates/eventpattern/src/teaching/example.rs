//! An event that matches a pattern: for each field, a value its first usable
//! condition accepts, nested by the pattern's keys, inside the usual envelope.
//! Every result is checked with the matcher; when no candidate works (e.g.
//! `equals-ignore-case` on an emoji, which AWS's engine never matches) the
//! answer is `None`.

use crate::condition::accepts;
use crate::event::Value;
use crate::json::quote;
use crate::pattern::{AnythingBut, Condition, ConditionKind, Leaf, Range};
use crate::Pattern;

/// The envelope fields added when the pattern does not name them.
const ENVELOPE: &[(&str, &str)] = &[
    ("version", "\"0\""),
    ("id", "\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\""),
    ("detail-type", "\"Example Event\""),
    ("source", "\"example.source\""),
    ("account", "\"123456789012\""),
    ("time", "\"2026-01-01T00:00:00Z\""),
    ("region", "\"us-east-1\""),
    ("resources", "[]"),
    ("detail", "{}"),
];

enum Node {
    Value(String),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Puts `value` at `path`, creating objects on the way; `None` when the
    /// path is taken by a value or already holds one. A loop, not recursion:
    /// paths can be about 820 keys long.
    fn insert(&mut self, path: &[String], value: String) -> Option<()> {
        let (last, steps) = path.split_last()?;
        let mut node = self;
        for step in steps {
            let Node::Object(members) = node else {
                return None;
            };
            let i = match members.iter().position(|(k, _)| k == step) {
                Some(i) => i,
                None => {
                    members.push((step.clone(), Node::Object(Vec::new())));
                    members.len() - 1
                }
            };
            node = &mut members[i].1;
        }
        let Node::Object(members) = node else {
            return None;
        };
        if members.iter().any(|(k, _)| k == last) {
            return None;
        }
        members.push((last.clone(), Node::Value(value)));
        Some(())
    }

    /// Compact JSON, written with an explicit stack of open objects.
    fn write(&self, out: &mut String) {
        let Node::Object(members) = self else {
            if let Node::Value(v) = self {
                out.push_str(v);
            }
            return;
        };
        out.push('{');
        // Each open object: its remaining members, and whether one was written.
        let mut stack = vec![(members.iter(), false)];
        while let Some((open, any)) = stack.last_mut() {
            let Some((k, v)) = open.next() else {
                out.push('}');
                stack.pop();
                continue;
            };
            if std::mem::replace(any, true) {
                out.push(',');
            }
            out.push_str(&quote(k));
            out.push(':');
            match v {
                Node::Value(text) => out.push_str(text),
                Node::Object(inner) => {
                    out.push('{');
                    stack.push((inner.iter(), false));
                }
            }
        }
    }
}

/// A short number inside the range: the point picked below, rounded to the
/// coarsest power of ten that keeps it inside and comparable. Spelt from an
/// integer and an exponent, so the page carries no float formatting (~10 KB).
fn in_range_text(r: &Range) -> Option<String> {
    let target = in_range_example(r);
    let inside = |v: f64| {
        r.lower
            .as_ref()
            .is_none_or(|l| v > l.value || (l.inclusive && v == l.value))
            && r.upper
                .as_ref()
                .is_none_or(|u| v < u.value || (u.inclusive && v == u.value))
    };
    (-330..=310).rev().find_map(|p| {
        let q = (target / 10f64.powi(p)).round();
        if !q.is_finite() || q.abs() >= 1e15 {
            return None;
        }
        let text = decimal_text(q as i64, p);
        crate::number::comparable(&text)
            .filter(|&v| inside(v))
            .map(|_| text)
    })
}

/// `q × 10^p` as JSON number text: plain digits where that stays short.
fn decimal_text(mut q: i64, mut p: i32) -> String {
    if q == 0 {
        return "0".into();
    }
    while q % 10 == 0 {
        q /= 10;
        p += 1;
    }
    let sign = if q < 0 { "-" } else { "" };
    let digits = q.unsigned_abs().to_string();
    let places = p.unsigned_abs() as usize;
    match p {
        0..=20 => format!("{sign}{digits}{}", "0".repeat(places)),
        -20..=-1 if places < digits.len() => {
            let (int, frac) = digits.split_at(digits.len() - places);
            format!("{sign}{int}.{frac}")
        }
        -20..=-1 => format!("{sign}0.{}{digits}", "0".repeat(places - digits.len())),
        _ => format!("{sign}{digits}e{p}"),
    }
}

fn in_range_example(r: &Range) -> f64 {
    match (&r.lower, &r.upper) {
        (Some(l), Some(u)) if l.value == u.value => l.value,
        (Some(l), Some(u)) => l.value + (u.value - l.value) / 2.0,
        (Some(l), None) => {
            if l.inclusive {
                l.value
            } else {
                l.value + l.value.abs().max(1.0)
            }
        }
        (None, Some(u)) => {
            if u.inclusive {
                u.value
            } else {
                u.value - u.value.abs().max(1.0)
            }
        }
        (None, None) => 0.0,
    }
}

/// Candidate JSON values for one condition, best first.
fn candidates(c: &ConditionKind) -> Vec<String> {
    use ConditionKind as C;
    match c {
        // A value compared as the Java string with lone surrogates: JSON text
        // can carry it, but no example is offered (kept small for the page).
        C::Exact(_, Some(lone)) if !lone.is_empty() => Vec::new(),
        C::Exact(s, _) | C::ExactIp(s, _) | C::Exactly(s) | C::EqualsIgnoreCase(s, _) => {
            vec![quote(s)]
        }
        C::Number { text, .. } => vec![text.clone()],
        C::Bool(b) => vec![b.to_string()],
        C::Null => vec!["null".into()],
        C::Prefix(p, None) => vec![quote(&format!("{p}example"))],
        C::Prefix(p, Some(_)) | C::Suffix(p, Some(_)) => vec![quote(p)],
        C::Suffix(p, None) => vec![quote(&format!("example{p}"))],
        C::Wildcard(_, w) => vec![quote(&w.example("x")), quote(&w.example(""))],
        C::Numeric(r) => in_range_text(r).into_iter().collect(),
        C::Exists(true) => vec!["\"example\"".into()],
        C::Exists(false) => Vec::new(),
        C::Cidr(_, c) => vec![quote(&c.first_address())],
        C::AnythingBut(AnythingBut::Numbers(list)) => {
            (0..=list.len() as i64 + 1).map(|n| n.to_string()).collect()
        }
        C::AnythingBut(_) => ["example", "other-value", "zz-unused"]
            .iter()
            .map(|s| quote(s))
            .collect(),
    }
}

fn value_of(json: &str) -> Value<'_> {
    match json.as_bytes().first() {
        Some(b'"') => Value::Str(crate::json::decode_text(json)),
        Some(b't') => Value::Bool(true),
        Some(b'f') => Value::Bool(false),
        Some(b'n') => Value::Null,
        _ => Value::Num {
            text: json,
            value: crate::number::comparable(json),
        },
    }
}

/// A value for a field, or `None` when the field should be left out.
fn field_value(conditions: &[Condition]) -> Option<Option<String>> {
    for c in conditions {
        if matches!(c.kind, ConditionKind::Exists(false)) {
            return Some(None);
        }
        for v in candidates(&c.kind) {
            if accepts(&c.kind, &value_of(&v)) {
                return Some(Some(v));
            }
        }
    }
    None
}

/// An event (compact JSON) that the pattern matches, if one can be built.
///
/// ```
/// use eventpattern::{example::example_event, Pattern};
///
/// let p = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"cpu": [{"numeric": [">", 90]}]}}"#).unwrap();
/// let event = example_event(&p).unwrap();
/// assert!(p.matches(&event).unwrap());
/// ```
pub fn example_event(p: &Pattern) -> Option<String> {
    let leaves = &p.tree().leaves;
    'rules: for rule in p.rules() {
        let mut order = rule.leaves.clone();
        crate::sort::sort(&mut order);
        let mut root = Node::Object(Vec::new());
        for &id in &order {
            let leaf: &Leaf = &leaves[id];
            match field_value(&leaf.conditions) {
                Some(Some(v)) => {
                    if root.insert(&leaf.path, v).is_none() {
                        continue 'rules;
                    }
                }
                Some(None) => {}
                None => continue 'rules,
            }
        }
        let named = |key: &str| {
            leaves.iter().any(|l| {
                l.path.first().is_some_and(|k| k == key) || l.joined.starts_with(&format!("{key}."))
            })
        };
        let mut full = Node::Object(Vec::new());
        let Node::Object(mine) = root else { continue };
        let Node::Object(members) = &mut full else {
            continue;
        };
        for (key, default) in ENVELOPE {
            if !mine.iter().any(|(k, _)| k == key) && !named(key) {
                members.push((key.to_string(), Node::Value(default.to_string())));
            }
        }
        // The pattern's own fields, placed where the envelope order puts them.
        for (k, v) in mine {
            match members.iter().position(|(m, _)| m == &k) {
                Some(i) => members[i].1 = v,
                None => {
                    let slot = ENVELOPE.iter().position(|(e, _)| *e == k);
                    let at = slot
                        .map(|s| {
                            members
                                .iter()
                                .filter(|(m, _)| ENVELOPE[..s].iter().any(|(e, _)| e == m))
                                .count()
                        })
                        .unwrap_or(members.len());
                    members.insert(at, (k, v));
                }
            }
        }
        let mut out = String::new();
        full.write(&mut out);
        if p.matches(&out).unwrap_or(false) {
            return Some(out);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(pattern: &str) -> Option<String> {
        example_event(&Pattern::parse(pattern).unwrap())
    }

    #[test]
    fn builds_matching_events() {
        for pattern in [
            r#"{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["stopped", "terminated"]}}"#,
            r#"{"detail": {"eventName": [{"prefix": "UpdateEventSourceMapping"}], "errorCode": [{"exists": false}]}}"#,
            r#"{"detail": {"n": [{"numeric": [">", 0, "<=", 5]}], "ip": [{"cidr": "10.0.0.0/24"}], "w": [{"wildcard": "a*b*c"}]}}"#,
            r#"{"detail": {"a": [{"anything-but": ["example", "other-value"]}], "b": [{"anything-but": [0, 1]}], "c": [{"suffix": {"equals-ignore-case": ".PNG"}}]}}"#,
            r#"{"$or": [{"a": [{"numeric": ["<", -5]}]}, {"b": [null]}], "c.d": [true]}"#,
        ] {
            let ev = example(pattern).unwrap_or_else(|| panic!("no example for {pattern}"));
            assert!(
                Pattern::parse(pattern).unwrap().matches(&ev).unwrap(),
                "{ev}"
            );
            assert!(ev.starts_with("{\"version\":\"0\""), "{ev}");
        }
    }

    #[test]
    fn numbers_are_short_and_inside_the_range() {
        for (range, want) in [
            (r#"[">", 0, "<", 100]"#, "50"),
            (r#"[">=", 1.5]"#, "2"),
            (r#"[">", 0.1, "<", 0.2]"#, "0.15"),
            (r#"[">", 0.1, "<", 0.15]"#, "0.13"),
            (r#"["<", -5]"#, "-10"),
            (r#"["=", 3.25]"#, "3.25"),
            (r#"[">", 1e300]"#, "2e300"),
            (r#"[">", 0, "<", 1e-300]"#, "5e-301"),
            (r#"[">", 123456.7, "<", 123456.8]"#, "123456.75"),
        ] {
            let pattern = format!(r#"{{"n": [{{"numeric": {range}}}]}}"#);
            let ev = example(&pattern).unwrap_or_else(|| panic!("no example for {range}"));
            assert!(ev.ends_with(&format!(r#""n":{want}}}"#)), "{range}: {ev}");
            assert!(
                Pattern::parse(&pattern).unwrap().matches(&ev).unwrap(),
                "{ev}"
            );
        }
    }

    #[test]
    fn dotted_keys_and_unmatchable_values() {
        let ev = example(r#"{"a": ["x"], "a.b": ["y"]}"#).unwrap();
        assert!(ev.ends_with(r#""a":"x","a.b":"y"}"#), "{ev}");
        assert_eq!(example(r#"{"a": [{"equals-ignore-case": "😀"}]}"#), None);
    }
}
