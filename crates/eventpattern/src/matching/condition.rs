//! Whether one condition accepts one event value — the operator semantics of
//! docs/SEMANTICS.md, shared by the fast matcher and the explainer so they cannot differ.

use crate::event::Value;
use crate::number::numbers_equal;
use crate::operators::ip::parse_addr;
use crate::pattern::{AnythingBut, ConditionKind, Range};

/// Whether `cond` accepts the leaf value `v`. `exists: false` accepts no
/// value: it is met only by the absence of values, which the caller checks.
///
/// ```
/// use eventpattern::{condition::accepts, event::flatten, pattern::parse};
///
/// let tree = parse(r#"{"a": [{"prefix": "ab"}]}"#).unwrap();
/// let flat = flatten(r#"{"a": "abc"}"#, None).unwrap();
/// assert!(accepts(&tree.leaves[0].conditions[0].kind, &flat.leaves[0].value));
/// ```
pub fn accepts(cond: &ConditionKind, v: &Value<'_>) -> bool {
    use ConditionKind as C;
    match (cond, v) {
        (C::Exact(s, None), Value::Str(x)) | (C::Exactly(s), Value::Str(x)) => s == x.as_str(),
        (C::Exact(s, Some(lone)), Value::Str(x)) => x.identical(s, lone),
        (C::ExactIp(s, addr), Value::Str(x)) => s == x.as_str() || parse_addr(x) == Some(*addr),
        (C::Number { text, value }, Value::Num { text: t, value: x }) => {
            numbers_equal(text, *value, t, *x)
        }
        (C::Bool(b), Value::Bool(x)) => b == x,
        (C::Null, Value::Null) => true,
        (C::Prefix(p, None), Value::Str(x)) => x.starts_with(p.as_str()),
        (C::Prefix(_, Some(f)), Value::Str(x)) => f.is_prefix_of(x),
        (C::Suffix(p, None), Value::Str(x)) => x.ends_with(p.as_str()),
        (C::Suffix(_, Some(f)), Value::Str(x)) => f.is_suffix_of(x),
        (C::EqualsIgnoreCase(_, f), Value::Str(x)) => f.equals(x),
        (C::Wildcard(_, w), Value::Str(x)) => w.matches(x),
        (C::AnythingBut(ab), v) => !ab.is_empty() && !excluded(ab, v),
        (C::Numeric(r), Value::Num { value: Some(x), .. }) => in_range(r, *x),
        (C::Exists(present), _) => *present,
        (C::Cidr(_, c), Value::Str(x)) => c.contains(x),
        _ => false,
    }
}

/// Whether `anything-but` excludes `v`. Values of another type (and `null`)
/// are never excluded, nor is a number that is not comparable: AWS's engine
/// matches it as text, which equals no excluded number (docs/SEMANTICS.md,
/// "anything-but").
///
/// ```
/// use eventpattern::{condition::excluded, event::flatten, pattern::{parse, ConditionKind}};
///
/// let tree = parse(r#"{"a": [{"anything-but": ["x"]}]}"#).unwrap();
/// let ConditionKind::AnythingBut(ab) = &tree.leaves[0].conditions[0].kind else { unreachable!() };
/// let flat = flatten(r#"{"a": "x", "b": 5}"#, None).unwrap();
/// assert!(excluded(ab, &flat.leaves[0].value));
/// assert!(!excluded(ab, &flat.leaves[1].value)); // another type is never excluded
/// ```
pub fn excluded(ab: &AnythingBut, v: &Value<'_>) -> bool {
    match (ab, v) {
        (AnythingBut::Strings(list), Value::Str(x)) => list.iter().any(|s| s == x.as_str()),
        (AnythingBut::Numbers(list), Value::Num { value: Some(x), .. }) => {
            list.iter().any(|(_, n)| n == x)
        }
        (AnythingBut::Prefixes(list), Value::Str(x)) => {
            list.iter().any(|p| x.starts_with(p.as_str()))
        }
        (AnythingBut::Suffixes(list), Value::Str(x)) => {
            list.iter().any(|p| x.ends_with(p.as_str()))
        }
        (AnythingBut::IgnoreCase(list), Value::Str(x)) => list.iter().any(|(_, f)| f.equals(x)),
        (AnythingBut::Wildcards(list), Value::Str(x)) => list.iter().any(|(_, w)| w.matches(x)),
        _ => false,
    }
}

/// Whether `x` lies in the range.
///
/// ```
/// use eventpattern::{condition::in_range, pattern::{parse, ConditionKind}};
///
/// let tree = parse(r#"{"a": [{"numeric": [">", 0, "<=", 5]}]}"#).unwrap();
/// let ConditionKind::Numeric(r) = &tree.leaves[0].conditions[0].kind else { unreachable!() };
/// assert!(in_range(r, 5.0) && !in_range(r, 0.0));
/// ```
pub fn in_range(r: &Range, x: f64) -> bool {
    let above = r.lower.as_ref().is_none_or(|b| {
        if b.inclusive {
            x >= b.value
        } else {
            x > b.value
        }
    });
    let below = r.upper.as_ref().is_none_or(|b| {
        if b.inclusive {
            x <= b.value
        } else {
            x < b.value
        }
    });
    above && below
}
