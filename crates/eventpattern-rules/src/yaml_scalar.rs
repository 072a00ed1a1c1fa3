//! A YAML scalar's JSON type (YAML 1.2 core schema for plain scalars) and
//! the source offset of each byte of its value: the scalar's text is read
//! again (quotes, escapes, folding, block indentation) and the result is
//! used only when it decodes to the parser's value, else every byte points
//! at the scalar's start.

use crate::map::SourceMap;
use crate::tree::{Kind, Text};
use yaml_rust2::parser::Tag;
use yaml_rust2::scanner::TScalarStyle;

/// A scalar's JSON kind (YAML 1.2 core schema for plain scalars) and, for a
/// string, the source offset of each byte.
pub fn scalar(
    text: &str,
    value: String,
    style: TScalarStyle,
    start: usize,
    tag: Option<&Tag>,
) -> Kind {
    let plain = style == TScalarStyle::Plain && tag.is_none_or(|t| t.handle == "!");
    if plain {
        match value.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
            "true" | "True" | "TRUE" => return Kind::Bool(true),
            "false" | "False" | "FALSE" => return Kind::Bool(false),
            v if is_json_number(v) => return Kind::Number(value),
            _ => {}
        }
    }
    let map = match mapped(text, style, start) {
        Some((decoded, map)) if decoded == value => map,
        _ => {
            let mut m = SourceMap::default();
            m.produced(0, start);
            m
        }
    };
    Kind::Str(Text { value, map, start })
}

fn is_json_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == 0 || (b[0] == b'0' && int_len > 1) {
        return false;
    }
    let mut rest = &b[int_len..];
    if let Some(r) = rest.strip_prefix(b".") {
        let n = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &r[n..];
    }
    if let Some(r) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let r = r
            .strip_prefix(b"+")
            .or_else(|| r.strip_prefix(b"-"))
            .unwrap_or(r);
        let n = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &r[n..];
    }
    rest.is_empty()
}

/// The scalar written at `start` decoded again, with its source map.
fn mapped(text: &str, style: TScalarStyle, start: usize) -> Option<(String, SourceMap)> {
    let rest = &text[start..];
    match style {
        TScalarStyle::Plain => flow(text, start, None),
        TScalarStyle::SingleQuoted => {
            flow(text, start + 1, Some('\'')).filter(|_| rest.starts_with('\''))
        }
        TScalarStyle::DoubleQuoted => {
            flow(text, start + 1, Some('"')).filter(|_| rest.starts_with('"'))
        }
        TScalarStyle::Literal | TScalarStyle::Folded => {
            block(text, start, style == TScalarStyle::Folded)
        }
    }
}

/// A plain or quoted (flow) scalar: lines folded (one line break → a space),
/// escapes decoded (double quotes), `''` → `'` (single quotes).
fn flow(text: &str, from: usize, quote: Option<char>) -> Option<(String, SourceMap)> {
    let mut value = String::new();
    let mut map = SourceMap::default();
    let mut copying = false;
    let mut i = from;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next()?;
        match (quote, c) {
            (Some('"'), '"') | (Some('\''), '\'')
                if !(quote == Some('\'') && text[i + 1..].starts_with('\'')) =>
            {
                return Some((value, map));
            }
            (Some('\''), '\'') => {
                map.produced(value.len(), i);
                value.push('\'');
                copying = false;
                i += 2;
            }
            (Some('"'), '\\') => {
                let next = text[i + 1..].chars().next()?;
                if next == '\n' || next == '\r' {
                    // An escaped line break: the break and the next line's indentation vanish.
                    i = skip_break_and_indent(text, i + 1);
                    copying = false;
                    continue;
                }
                let (ch, len) = yaml_escape(&text[i..])?;
                map.produced(value.len(), i);
                value.push(ch);
                copying = false;
                i += len;
            }
            (_, '\n' | '\r') => {
                // Folding: trailing blanks are dropped, one break is a space,
                // more are line breaks less one.
                let kept = value.trim_end_matches([' ', '\t']).len();
                value.truncate(kept);
                let mut breaks = 0;
                let mut j = i;
                while j < text.len() {
                    let after = skip_break_and_indent(text, j);
                    if after == j {
                        break;
                    }
                    breaks += 1;
                    j = after;
                    if !matches!(bytes.get(j), Some(b'\n' | b'\r')) {
                        break;
                    }
                }
                map.produced(value.len(), i);
                if breaks == 1 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', breaks - 1));
                }
                copying = false;
                i = j;
                if quote.is_none() && !plain_continues(text, i) {
                    break;
                }
            }
            (None, '#') if value.ends_with([' ', '\t']) => break,
            (None, ':')
                if matches!(bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r' | b'\t')) =>
            {
                break
            }
            _ => {
                if !copying {
                    map.copied(value.len(), i);
                    copying = true;
                }
                value.push(c);
                i += c.len_utf8();
            }
        }
    }
    if quote.is_some() {
        return None;
    }
    let kept = value.trim_end().len();
    value.truncate(kept);
    Some((value, map))
}

/// A plain scalar is continued on the next line unless that line is a
/// comment, a key or a sequence entry; the verification against the
/// parser's value catches the rest.
fn plain_continues(text: &str, at: usize) -> bool {
    let line = &text[at..];
    let line = line.split('\n').next().unwrap_or("");
    !(line.starts_with('#')
        || line.starts_with("- ")
        || line.contains(": ")
        || line.trim().is_empty())
}

/// Past one line break and the blanks that indent the next line.
fn skip_break_and_indent(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let after_break = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with(['\n', '\r']) {
        1
    } else {
        return at;
    };
    let next = &rest[after_break..];
    at + after_break + (next.len() - next.trim_start_matches([' ', '\t']).len())
}

/// One YAML double-quoted escape: the character and the escape's length.
fn yaml_escape(s: &str) -> Option<(char, usize)> {
    let c = s[1..].chars().next()?;
    let hex = |n: usize| {
        let h = s.get(2..2 + n)?;
        char::from_u32(u32::from_str_radix(h, 16).ok()?).map(|c| (c, 2 + n))
    };
    Some(match c {
        'x' => hex(2)?,
        'u' => hex(4)?,
        'U' => hex(8)?,
        '0' => ('\0', 2),
        'a' => ('\u{7}', 2),
        'b' => ('\u{8}', 2),
        't' | '\t' => ('\t', 2),
        'n' => ('\n', 2),
        'v' => ('\u{b}', 2),
        'f' => ('\u{c}', 2),
        'r' => ('\r', 2),
        'e' => ('\u{1b}', 2),
        ' ' => (' ', 2),
        'N' => ('\u{85}', 2),
        '_' => ('\u{a0}', 2),
        'L' => ('\u{2028}', 2),
        'P' => ('\u{2029}', 2),
        '"' | '/' | '\\' => (c, 2),
        _ => return None,
    })
}

/// A literal (`|`) or folded (`>`) block scalar whose content starts at
/// `content` (the parser's mark; the header is on a line before it): each
/// content line copied from its indentation on.
fn block(text: &str, content: usize, folded: bool) -> Option<(String, SourceMap)> {
    let start = text[..content].rfind(['|', '>'])?;
    let header_end = text[start..].find('\n').map(|n| start + n + 1)?;
    let header = &text[start..header_end];
    let explicit = header
        .chars()
        .find(|c| c.is_ascii_digit())
        .and_then(|c| c.to_digit(10));
    let mut indent: Option<usize> = None;
    let mut value = String::new();
    let mut map = SourceMap::default();
    let mut at = header_end;
    // Line breaks seen since the last content line.
    let mut pending: Vec<usize> = Vec::new();
    let mut last_more_indented = false;
    let mut first = true;
    for line in text[header_end..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let spaces = content.len() - content.trim_start_matches(' ').len();
        if content.trim().is_empty() {
            pending.push(at + content.len());
            at += line.len();
            continue;
        }
        let n = *indent.get_or_insert_with(|| {
            explicit.map_or(spaces, |e| e as usize + base_indent(text, start))
        });
        if spaces < n {
            break;
        }
        let more_indented = spaces > n || content[n..].starts_with('\t');
        if !first {
            // The break ending the previous content line, then blank lines.
            let fold = folded && pending.len() == 1 && !more_indented && !last_more_indented;
            let breaks = pending.len();
            map.produced(value.len(), pending[0]);
            if fold {
                value.push(' ');
            } else if folded && !more_indented && !last_more_indented {
                value.extend(std::iter::repeat_n('\n', breaks - 1));
            } else {
                value.extend(std::iter::repeat_n('\n', breaks));
            }
        } else {
            for &b in &pending {
                map.produced(value.len(), b);
                value.push('\n');
            }
        }
        pending.clear();
        first = false;
        last_more_indented = more_indented;
        map.copied(value.len(), at + n);
        value.push_str(&content[n..]);
        pending.push(at + content.len());
        at += line.len();
    }
    // Chomping: keep (`+`) keeps every trailing break, strip (`-`) none, clip one.
    if !first {
        if header.contains('+') {
            map.produced(value.len(), pending[0]);
            value.extend(std::iter::repeat_n('\n', pending.len()));
        } else if !header.contains('-') {
            map.produced(value.len(), pending[0]);
            value.push('\n');
        }
    }
    Some((value, map))
}

/// The indentation of the line holding `at` (for an explicit indentation indicator).
fn base_indent(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = &text[line_start..];
    line.len() - line.trim_start_matches(' ').len()
}
