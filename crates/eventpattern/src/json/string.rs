//! Decoding of JSON string literals whose syntax the reader has already checked.

use super::text::Text;
use std::borrow::Cow;

/// Decodes the literal `raw` (including its quotes) for display. Borrowed
/// when there is no escape. A lone surrogate escape becomes U+FFFD, since Rust
/// strings are UTF-8 (matching reads values with [`decode_text`] and field
/// names with [`decode_key`]).
///
/// ```
/// use eventpattern::json::decode_string;
///
/// assert_eq!(decode_string(r#""tab\there""#), "tab\there");
/// assert_eq!(decode_string(r#""\ud800""#), "\u{fffd}");
/// ```
pub fn decode_string(raw: &str) -> Cow<'_, str> {
    decode_with(raw, &mut |out, _| out.push('\u{FFFD}'))
}

/// Decodes a string value as AWS's engine compares it: `?` for each lone
/// surrogate, which the [`Text`] remembers (docs/SEMANTICS.md, "Lone
/// surrogates").
///
/// ```
/// assert_eq!(eventpattern::json::decode_text(r#""\u00e9""#).as_str(), "é");
/// ```
pub fn decode_text(raw: &str) -> Text<'_> {
    let mut lone = Vec::new();
    let text = decode_with(raw, &mut |out, unit| {
        lone.push((out.len() as u32, unit));
        out.push('?');
    });
    Text::new(text, lone)
}

/// Decodes a field name. AWS's engine compares names as Java strings, so a
/// lone surrogate must stay distinct from every other: it is written as
/// U+FFFD followed by its four hex digits (`"\ud800"` reads as `�d800`).
///
/// ```
/// assert_eq!(eventpattern::json::decode_key(r#""a\u002eb""#), "a.b");
/// ```
pub fn decode_key(raw: &str) -> Cow<'_, str> {
    decode_with(raw, &mut |out, unit| {
        out.push('\u{FFFD}');
        for shift in [12, 8, 4, 0] {
            out.extend(char::from_digit(u32::from(unit >> shift) & 15, 16));
        }
    })
}

/// Decodes `raw`, handing each lone surrogate to `lone` (one copy of the
/// loop in the page, whatever the caller does with them).
fn decode_with<'a>(raw: &'a str, lone: &mut dyn FnMut(&mut String, u16)) -> Cow<'a, str> {
    // A malformed literal (cut short, as in an error's span) decodes as far as it goes.
    let open = raw.strip_prefix('"').unwrap_or(raw);
    let inner = if raw.len() >= 2 {
        open.strip_suffix('"').unwrap_or(open)
    } else {
        open
    };
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hi = hex4(&mut chars);
                if (0xD800..0xDC00).contains(&hi) {
                    let rest = chars.as_str();
                    if let Some(after) = rest.strip_prefix("\\u") {
                        let mut look = after.chars();
                        let lo = hex4(&mut look);
                        if (0xDC00..0xE000).contains(&lo) {
                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            chars = look;
                            continue;
                        }
                    }
                    lone(&mut out, hi as u16);
                } else {
                    match char::from_u32(hi) {
                        Some(c) => out.push(c),
                        None => lone(&mut out, hi as u16),
                    }
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
///
/// ```
/// assert_eq!(eventpattern::json::quote("say \"hi\"\n"), r#""say \"hi\"\n""#);
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn hex4(chars: &mut std::str::Chars<'_>) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_pairs() {
        assert_eq!(decode_string(r#""plain""#), "plain");
        assert_eq!(decode_string(r#""a\"b\\c\/\n""#), "a\"b\\c/\n");
        assert_eq!(decode_string(r#""\u00e9\ud83d\ude00""#), "é😀");
        assert_eq!(decode_string(r#""\ud83dx""#), "\u{FFFD}x");
        assert_eq!(decode_string("\"5"), "5");
        assert_eq!(decode_string("\""), "");
        assert_eq!(decode_string(r#""a\"#), "a");
    }

    #[test]
    fn lone_surrogates_read_as_aws_engine_compares_them() {
        let t = decode_text(r#""a\ud800b\udc00\ud83d\ude00""#);
        assert_eq!(t.as_str(), "a?b?😀");
        assert_eq!(t.lone(), &[(1, 0xD800), (3, 0xDC00)]);
        assert!(decode_text(r#""?""#).lone().is_empty());
        assert_eq!(decode_key(r#""\ud800""#), "\u{FFFD}d800");
        assert_ne!(decode_key(r#""\ud800""#), decode_key(r#""\ud801""#));
        assert_eq!(decode_string(r#""\udc00x""#), "\u{FFFD}x");
    }

    #[test]
    fn quote_round_trips() {
        for s in ["plain", "a\"b\\c", "line\nbreak\u{1}", "é😀"] {
            assert_eq!(decode_string(&quote(s)), s);
        }
    }
}
