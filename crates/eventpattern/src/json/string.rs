//! Decoding of JSON string literals whose syntax the reader has already checked.

use std::borrow::Cow;

/// Decodes the literal `raw` (including its quotes). Borrowed when there is
/// no escape. A lone surrogate escape becomes U+FFFD, since Rust strings are
/// UTF-8; that only changes how such text is shown.
pub fn decode_string(raw: &str) -> Cow<'_, str> {
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
                    out.push('\u{FFFD}');
                } else {
                    out.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
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
    fn quote_round_trips() {
        for s in ["plain", "a\"b\\c", "line\nbreak\u{1}", "é😀"] {
            assert_eq!(decode_string(&quote(s)), s);
        }
    }
}
