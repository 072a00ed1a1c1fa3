//! String literals for each target language. Every function returns text
//! that the target reads back as exactly `s`.

use std::fmt::Write;

/// A word for a POSIX shell: single quotes, each `'` written as `'\''`.
pub(crate) fn shell(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Characters that a YAML or code reader could take for a line break or
/// that editors hide: always escaped.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A YAML double-quoted scalar (valid in YAML 1.1 and 1.2): the same
/// backslash escapes as JavaScript and Python.
pub(crate) fn yaml(s: &str) -> String {
    backslash_quoted(s, '"')
}

/// A YAML mapping key: plain when it cannot be read as anything but that
/// string (YAML 1.1 reads `on`, `yes`, `n`… as booleans), else quoted.
pub(crate) fn yaml_key(s: &str) -> String {
    const WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        s.to_string()
    } else {
        yaml(s)
    }
}

/// A JavaScript/TypeScript single-quoted string.
pub(crate) fn js(s: &str) -> String {
    backslash_quoted(s, '\'')
}

/// A string in `quote`s with the backslash escapes JavaScript, Python, YAML
/// and HCL share (invisible characters as `\uXXXX`).
fn backslash_quoted(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if invisible(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A JavaScript object key: a bare identifier when possible. `__proto__`
/// is written as a computed key, the only form that makes it an own field.
pub(crate) fn js_key(s: &str) -> String {
    if s == "__proto__" {
        return "['__proto__']".into();
    }
    let ident = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        s.to_string()
    } else {
        js(s)
    }
}

/// A Python double-quoted string.
pub(crate) fn python(s: &str) -> String {
    backslash_quoted(s, '"')
}

/// An HCL (Terraform) quoted string: `${` and `%{` would start a template,
/// so they are written `$${` and `%%{`; the rest is escaped as in JSON.
pub(crate) fn hcl(s: &str) -> String {
    backslash_quoted(&s.replace("${", "$${").replace("%{", "%%{"), '"')
}

/// An HCL object key: a bare name when it is a plain identifier, else quoted.
pub(crate) fn hcl_key(s: &str) -> String {
    const WORDS: &[&str] = &["true", "false", "null", "for", "in", "if"];
    let ident = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !WORDS.contains(&s);
    if ident {
        s.to_string()
    } else {
        hcl(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_what_each_language_needs() {
        assert_eq!(shell("it's"), r"'it'\''s'");
        assert_eq!(yaml("a\"b\\c\u{2028}"), r#""a\"b\\c\u2028""#);
        assert_eq!(yaml_key("detail-type"), "detail-type");
        assert_eq!(yaml_key("on"), "\"on\"");
        assert_eq!(yaml_key("$or"), "\"$or\"");
        assert_eq!(js("it's\n"), r"'it\'s\n'");
        assert_eq!(js_key("detail-type"), "'detail-type'");
        assert_eq!(js_key("__proto__"), "['__proto__']");
        assert_eq!(python("a\"\u{0}"), r#""a\"\u0000""#);
        assert_eq!(hcl("${x} %{y} $z"), r#""$${x} %%{y} $z""#);
        assert_eq!(hcl_key("detail-type"), "\"detail-type\"");
        assert_eq!(hcl_key("null"), "\"null\"");
    }
}
