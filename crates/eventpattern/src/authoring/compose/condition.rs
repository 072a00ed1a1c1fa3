//! The conditions a clicked event value can become, as pattern text. Each is
//! built from the value itself (a prefix of the whole string, a lower bound
//! at the number, the /24 or /64 network of an address…) for the user to adjust,
//! and each is valid on its own.

use crate::json::{decode_string, quote, Reader, TokenKind};
use crate::number::comparable;
use crate::operators::ip::parse_addr;

/// The operators offered for a clicked value. [`Op::id`] is the page's `data-op`.
///
/// ```
/// use eventpattern::compose::{condition, ops_for, Op};
///
/// assert!(ops_for("\"10.0.0.1\"").contains(&Op::Cidr));
/// assert_eq!(condition(Op::Prefix, "\"stopped\"").as_deref(), Some(r#"{"prefix": "stopped"}"#));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// The value itself: `"running"`, `5`, `true`, `null`.
    Exact,
    /// `{"prefix": "…"}` (strings).
    Prefix,
    /// `{"suffix": "…"}` (strings).
    Suffix,
    /// `{"equals-ignore-case": "…"}` (strings).
    EqualsIgnoreCase,
    /// `{"anything-but": …}` (strings and comparable numbers).
    AnythingBut,
    /// `{"exists": true}` (any value).
    Exists,
    /// `{"exists": false}` (any value).
    NotExists,
    /// `{"numeric": [">=", n]}` (comparable numbers; AWS wants a range's bounds apart).
    Numeric,
    /// `{"cidr": "…"}` (IP addresses: their /24 or /64 network).
    Cidr,
    /// `{"wildcard": "…"}` (strings; after the last `/` or `:`, a `*`).
    Wildcard,
}

impl Op {
    /// Every operator, in menu order.
    ///
    /// ```
    /// assert_eq!(eventpattern::compose::Op::ALL.len(), 10);
    /// ```
    pub const ALL: [Op; 10] = [
        Op::Exact,
        Op::Prefix,
        Op::Suffix,
        Op::EqualsIgnoreCase,
        Op::AnythingBut,
        Op::Exists,
        Op::NotExists,
        Op::Numeric,
        Op::Cidr,
        Op::Wildcard,
    ];

    /// `exact`, `prefix`, `suffix`, `equals-ignore-case`, `anything-but`,
    /// `exists` (both [`Op::Exists`] and [`Op::NotExists`]), `numeric`, `cidr`, `wildcard`.
    ///
    /// ```
    /// use eventpattern::compose::Op;
    ///
    /// assert_eq!((Op::Exists.id(), Op::NotExists.id()), ("exists", "exists"));
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Op::Exact => "exact",
            Op::Prefix => "prefix",
            Op::Suffix => "suffix",
            Op::EqualsIgnoreCase => "equals-ignore-case",
            Op::AnythingBut => "anything-but",
            Op::Exists | Op::NotExists => "exists",
            Op::Numeric => "numeric",
            Op::Cidr => "cidr",
            Op::Wildcard => "wildcard",
        }
    }
}

/// A clicked value, from its JSON text in the event.
enum Clicked<'a> {
    /// Decoded content and the literal.
    Str(String, &'a str),
    /// The number's text.
    Num(&'a str),
    /// `true`, `false` or `null` as written.
    Word(&'a str),
}

fn clicked(value_json: &str) -> Option<Clicked<'_>> {
    let mut r = Reader::new(value_json, 1);
    let t = r.next_token().ok()?;
    if r.next_token().ok()?.kind != TokenKind::End {
        return None;
    }
    let raw = r.slice(t.span);
    Some(match t.kind {
        TokenKind::String => Clicked::Str(decode_string(raw).into_owned(), raw),
        TokenKind::Number => Clicked::Num(raw),
        TokenKind::True | TokenKind::False | TokenKind::Null => Clicked::Word(raw),
        _ => return None,
    })
}

/// The condition `op` makes of the event value whose JSON text is
/// `value_json` (a string, number, boolean or null: the event's text at the
/// value's span, not an outline's shortened text), or `None` when the
/// operator does not apply to it.
///
/// ```
/// use eventpattern::compose::{condition, Op};
///
/// assert_eq!(condition(Op::NotExists, "5").as_deref(), Some(r#"{"exists": false}"#));
/// assert_eq!(condition(Op::Prefix, "5"), None); // prefix takes strings
/// ```
pub fn condition(op: Op, value_json: &str) -> Option<String> {
    let v = clicked(value_json.trim())?;
    let text = match (op, &v) {
        (Op::Exact, Clicked::Str(_, raw) | Clicked::Num(raw) | Clicked::Word(raw)) => {
            raw.to_string()
        }
        (Op::Prefix, Clicked::Str(s, raw)) => match leading_part(s) {
            Some(part) => format!("{{\"prefix\": {}}}", quote(part)),
            None => format!("{{\"prefix\": {raw}}}"),
        },
        (Op::Suffix, Clicked::Str(s, raw)) => match extension(s) {
            Some(part) => format!("{{\"suffix\": {}}}", quote(part)),
            None => format!("{{\"suffix\": {raw}}}"),
        },
        (Op::EqualsIgnoreCase, Clicked::Str(_, raw)) => {
            format!("{{\"equals-ignore-case\": {raw}}}")
        }
        (Op::AnythingBut, Clicked::Str(_, raw)) => format!("{{\"anything-but\": {raw}}}"),
        (Op::AnythingBut, Clicked::Num(n)) if comparable(n).is_some() => {
            format!("{{\"anything-but\": {n}}}")
        }
        (Op::Exists, _) => "{\"exists\": true}".into(),
        (Op::NotExists, _) => "{\"exists\": false}".into(),
        (Op::Numeric, Clicked::Num(n)) if comparable(n).is_some() => {
            format!("{{\"numeric\": [\">=\", {n}]}}")
        }
        (Op::Cidr, Clicked::Str(s, _)) => format!("{{\"cidr\": {}}}", quote(&network(s)?)),
        (Op::Wildcard, Clicked::Str(s, _)) => format!("{{\"wildcard\": {}}}", quote(&wildcard(s))),
        _ => return None,
    };
    // Every offer must be a valid condition on its own.
    crate::Pattern::parse(&format!("{{\"x\": [{text}]}}")).ok()?;
    Some(text)
}

/// The operators that apply to the value, in menu order.
///
/// ```
/// use eventpattern::compose::{ops_for, Op};
///
/// assert!(ops_for("42").contains(&Op::Numeric));
/// assert!(!ops_for("42").contains(&Op::Prefix));
/// ```
pub fn ops_for(value_json: &str) -> Vec<Op> {
    Op::ALL
        .into_iter()
        .filter(|&op| condition(op, value_json).is_some())
        .collect()
}

/// The /24 (IPv4) or /64 (IPv6) network of an address.
fn network(s: &str) -> Option<String> {
    parse_addr(s)?;
    if !s.contains(':') {
        let parts: Vec<&str> = s.split('.').collect();
        return Some(format!("{}.{}.{}.0/24", parts[0], parts[1], parts[2]));
    }
    // IPv6: keep the first four groups (expanding `::`).
    let (head, tail) = s.split_once("::").unwrap_or((s, ""));
    let head: Vec<&str> = head.split(':').filter(|g| !g.is_empty()).collect();
    let tail: Vec<&str> = tail.split(':').filter(|g| !g.is_empty()).collect();
    let missing = 8usize.checked_sub(head.len() + tail.len())?;
    let groups: Vec<&str> = head
        .iter()
        .copied()
        .chain(std::iter::repeat_n("0", missing))
        .chain(tail.iter().copied())
        .collect();
    Some(format!("{}::/64", groups.get(..4)?.join(":")))
}

/// The value up to its last `/` or `:` followed by `*` (the whole value,
/// escaped, when it has neither), e.g. `arn:aws:s3:::bucket/*`.
/// A prefix worth offering: up to the last `/` or `:` (`arn:aws:s3:::bucket/`),
/// else the last `-` or `_` (`i-`, `prod-web-`); `None` keeps the whole value.
fn leading_part(s: &str) -> Option<&str> {
    let cut = s.rfind(['/', ':']).or_else(|| s.rfind(['-', '_']))?;
    (cut > 0 && cut + 1 < s.len()).then(|| &s[..=cut])
}

/// A suffix worth offering: a file extension (`.png`); `None` keeps the whole value.
fn extension(s: &str) -> Option<&str> {
    let dot = s.rfind('.')?;
    let ext = &s[dot..];
    (dot > 0 && ext.len() > 1 && ext.len() <= 10 && !ext.contains(['/', ':', ' '])).then_some(ext)
}

fn wildcard(s: &str) -> String {
    let escaped = |t: &str| t.replace('\\', "\\\\").replace('*', "\\*");
    match s.rfind(['/', ':']) {
        Some(i) if i + 1 < s.len() => format!("{}*", escaped(&s[..=i])),
        _ => escaped(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_from_values() {
        assert_eq!(
            condition(Op::Exact, "\"a\\u0041\"").unwrap(),
            "\"a\\u0041\""
        );
        assert_eq!(
            condition(Op::Prefix, "\"it's\"").unwrap(),
            "{\"prefix\": \"it's\"}"
        );
        // A useful part of the value, where it has one.
        assert_eq!(
            condition(Op::Prefix, "\"i-0abc123\"").unwrap(),
            "{\"prefix\": \"i-\"}"
        );
        assert_eq!(
            condition(Op::Prefix, "\"arn:aws:s3:::bucket/key\"").unwrap(),
            "{\"prefix\": \"arn:aws:s3:::bucket/\"}"
        );
        assert_eq!(
            condition(Op::Suffix, "\"photos/cat.jpg\"").unwrap(),
            "{\"suffix\": \".jpg\"}"
        );
        assert_eq!(
            condition(Op::Suffix, "\"stopped\"").unwrap(),
            "{\"suffix\": \"stopped\"}"
        );
        assert_eq!(
            condition(Op::Numeric, "1e2").unwrap(),
            "{\"numeric\": [\">=\", 1e2]}"
        );
        assert_eq!(condition(Op::Numeric, "\"5\""), None);
        assert_eq!(condition(Op::AnythingBut, "true"), None);
        assert_eq!(
            condition(Op::Cidr, "\"10.1.2.3\"").unwrap(),
            "{\"cidr\": \"10.1.2.0/24\"}"
        );
        assert_eq!(
            condition(Op::Cidr, "\"2001:db8::1\"").unwrap(),
            "{\"cidr\": \"2001:db8:0:0::/64\"}"
        );
        assert_eq!(condition(Op::Cidr, "\"host\""), None);
        assert_eq!(
            condition(Op::Wildcard, "\"arn:aws:s3:::b/k*.png\"").unwrap(),
            "{\"wildcard\": \"arn:aws:s3:::b/*\"}"
        );
        assert_eq!(
            condition(Op::Wildcard, "\"a*b\"").unwrap(),
            "{\"wildcard\": \"a\\\\*b\"}"
        );
        assert_eq!(condition(Op::Exists, "null").unwrap(), "{\"exists\": true}");
        assert_eq!(
            ops_for("\"10.0.0.1\"")
                .iter()
                .map(|o| o.id())
                .collect::<Vec<_>>(),
            [
                "exact",
                "prefix",
                "suffix",
                "equals-ignore-case",
                "anything-but",
                "exists",
                "exists",
                "cidr",
                "wildcard"
            ]
        );
        assert_eq!(
            ops_for("5").iter().map(|o| o.id()).collect::<Vec<_>>(),
            ["exact", "anything-but", "exists", "exists", "numeric"]
        );
        assert_eq!(condition(Op::Exact, "{\"a\": 1}"), None);
    }
}
