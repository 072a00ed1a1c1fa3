//! A pattern as an object literal in TypeScript, Python or HCL: objects one
//! member a line, lists of plain values on one line.

use super::quote;
use super::tree::Json;

/// How one language writes values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// TypeScript / JavaScript.
    Ts,
    /// Python.
    Py,
    /// HCL (Terraform), inside `jsonencode(…)`.
    Hcl,
}

impl Lang {
    fn indent(self) -> usize {
        match self {
            Lang::Py => 4,
            _ => 2,
        }
    }

    pub(crate) fn string(self, s: &str) -> String {
        match self {
            Lang::Ts => quote::js(s),
            Lang::Py => quote::python(s),
            Lang::Hcl => quote::hcl(s),
        }
    }

    fn key(self, s: &str) -> String {
        match self {
            Lang::Ts => quote::js_key(s),
            Lang::Py => quote::python(s),
            Lang::Hcl => quote::hcl_key(s),
        }
    }

    fn literal(self, v: &Json<'_>) -> String {
        match (self, v) {
            (_, Json::Str(s, _)) => self.string(s),
            (_, Json::Num(t)) => (*t).to_string(),
            (Lang::Py, Json::Bool(true)) => "True".into(),
            (Lang::Py, Json::Bool(false)) => "False".into(),
            (Lang::Py, Json::Null) => "None".into(),
            (_, Json::Bool(b)) => b.to_string(),
            (_, Json::Null) => "null".into(),
            (_, Json::Object(_)) => "{}".into(),
            (_, Json::Array(_)) => "[]".into(),
        }
    }
}

/// Writes `v` starting at the current position; nested lines are indented
/// from `level` (in the language's indent steps).
pub(crate) fn value(lang: Lang, v: &Json<'_>, level: usize, out: &mut String) {
    let step = lang.indent();
    match v {
        Json::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            for m in members {
                pad(out, (level + 1) * step);
                out.push_str(&lang.key(&m.key));
                out.push_str(if lang == Lang::Hcl { " = " } else { ": " });
                value(lang, &m.value, level + 1, out);
                if lang != Lang::Hcl {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, level * step);
            out.push('}');
        }
        Json::Array(items) if !items.is_empty() => {
            let flat = items.iter().all(|i| {
                !matches!(i, Json::Object(m) if !m.is_empty())
                    && !matches!(i, Json::Array(a) if !a.is_empty())
            });
            if flat {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&lang.literal(item));
                }
                out.push(']');
            } else {
                out.push_str("[\n");
                for item in items {
                    pad(out, (level + 1) * step);
                    value(lang, item, level + 1, out);
                    out.push_str(",\n");
                }
                pad(out, level * step);
                out.push(']');
            }
        }
        scalar => out.push_str(&lang.literal(scalar)),
    }
}

/// `v` as a literal whose nested lines start at `level`.
pub(crate) fn literal(lang: Lang, v: &Json<'_>, level: usize) -> String {
    let mut out = String::new();
    value(lang, v, level, &mut out);
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
