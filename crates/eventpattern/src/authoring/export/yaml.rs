//! A pattern as a YAML block: every string double-quoted, numbers and
//! literals as written, so a YAML reader yields the same JSON value.

use super::quote::{yaml, yaml_key};
use super::tree::{Json, Member};

/// Writes `members` as mapping entries at `indent`; the first entry goes on
/// the current line when `inline` (after a `- `).
pub(crate) fn mapping(members: &[Member<'_>], indent: usize, inline: bool, out: &mut String) {
    for (i, m) in members.iter().enumerate() {
        if i > 0 || !inline {
            pad(out, indent);
        }
        out.push_str(&yaml_key(&m.key));
        out.push(':');
        after_key(&m.value, indent, out);
    }
}

/// The value of a mapping entry whose key is at `indent`.
fn after_key(v: &Json<'_>, indent: usize, out: &mut String) {
    match v {
        Json::Object(m) if !m.is_empty() => {
            out.push('\n');
            mapping(m, indent + 2, false, out);
        }
        Json::Array(items) if !items.is_empty() => {
            out.push('\n');
            sequence(items, indent + 2, false, out);
        }
        scalar => {
            out.push(' ');
            out.push_str(&flow(scalar));
            out.push('\n');
        }
    }
}

fn sequence(items: &[Json<'_>], indent: usize, inline: bool, out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline {
            pad(out, indent);
        }
        out.push_str("- ");
        match item {
            Json::Object(m) if !m.is_empty() => mapping(m, indent + 2, true, out),
            Json::Array(items) if !items.is_empty() => sequence(items, indent + 2, true, out),
            scalar => {
                out.push_str(&flow(scalar));
                out.push('\n');
            }
        }
    }
}

/// A scalar or an empty container on one line.
fn flow(v: &Json<'_>) -> String {
    match v {
        Json::Str(s, _) => yaml(s),
        Json::Num(t) => (*t).to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Null => "null".into(),
        Json::Object(_) => "{}".into(),
        Json::Array(_) => "[]".into(),
    }
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Whether a YAML 1.1 reader (PyYAML, SnakeYAML) takes this number text for
/// a number too: 1.1 wants a dot in a float and a sign in its exponent.
pub(crate) fn yaml11_number(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    match exp {
        None => true,
        Some(e) => mantissa.contains('.') && (e.starts_with('+') || e.starts_with('-')),
    }
}
