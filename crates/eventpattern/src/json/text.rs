//! A JSON string as AWS's engine holds it: a Java string, UTF-16 code units
//! that may include a lone surrogate (`"\ud800"`), which a Rust string cannot
//! hold (docs/SEMANTICS.md, "Lone surrogates").
//!
//! The engine compares most operands as UTF-8 bytes, and Java's UTF-8 encoder
//! writes `?` for a lone surrogate: so the text here has `?` in its place, and
//! prefix, suffix, wildcard, `equals-ignore-case` and `anything-but` compare
//! it as it is. An exact value the engine reaches by its own string, and a
//! field name, compare the Java string itself: [`Text::lone`] keeps which
//! surrogates the `?` were, so that `"\ud800"` differs from `"\ud801"` and
//! from `"?"` there.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// The lone surrogates of a text: each `?` that stands for one, as its byte
/// offset in the text and the UTF-16 unit it was.
pub type Lone = [(u32, u16)];

/// A decoded string value (see the module documentation).
#[derive(Debug, Clone)]
pub struct Text<'a>(Repr<'a>);

/// Ordinary text borrowed or owned; text with lone surrogates boxed, so a
/// `Text` is no larger than a `String` (an event may hold a million).
#[derive(Debug, Clone)]
enum Repr<'a> {
    Borrowed(&'a str),
    Owned(String),
    WithLone(Box<(String, Vec<(u32, u16)>)>),
}

impl<'a> Text<'a> {
    /// A text and its lone surrogates (none for ordinary text).
    pub fn new(text: Cow<'a, str>, lone: Vec<(u32, u16)>) -> Self {
        Text(match (text, lone.is_empty()) {
            (Cow::Borrowed(t), true) => Repr::Borrowed(t),
            (Cow::Owned(t), true) => Repr::Owned(t),
            (t, false) => Repr::WithLone(Box::new((t.into_owned(), lone))),
        })
    }

    /// The text as the engine's byte-level operators see it (`?` for each
    /// lone surrogate).
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Borrowed(t) => t,
            Repr::Owned(t) => t,
            Repr::WithLone(b) => &b.0,
        }
    }

    /// The lone surrogates; empty for ordinary text.
    pub fn lone(&self) -> &Lone {
        match &self.0 {
            Repr::WithLone(b) => &b.1,
            _ => &[],
        }
    }

    /// Whether this is the same Java string as `text` with `lone`.
    pub fn identical(&self, text: &str, lone: &Lone) -> bool {
        self.as_str() == text && self.lone() == lone
    }

    /// The same text, owning its characters.
    pub fn into_owned(self) -> Text<'static> {
        Text(match self.0 {
            Repr::Borrowed(t) => Repr::Owned(t.to_string()),
            Repr::Owned(t) => Repr::Owned(t),
            Repr::WithLone(b) => Repr::WithLone(b),
        })
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        other.identical(self.as_str(), self.lone())
    }
}

impl Eq for Text<'_> {}

impl Default for Text<'_> {
    fn default() -> Self {
        Text(Repr::Borrowed(""))
    }
}

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text(Repr::Borrowed(text))
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text(Repr::Owned(text))
    }
}

/// `text` as a JSON string literal that writes each lone surrogate back as
/// its `\uXXXX` escape, so reading it again gives the same Java string.
pub fn quote_text(text: &str, lone: &Lone) -> String {
    let mut out = String::with_capacity(text.len() + 6 * lone.len() + 2);
    out.push('"');
    let mut from = 0;
    for &(at, unit) in lone {
        push_quoted(&mut out, &text[from..at as usize]);
        out.push_str(&format!("\\u{unit:04x}"));
        from = at as usize + 1;
    }
    push_quoted(&mut out, &text[from..]);
    out.push('"');
    out
}

/// `s` escaped as inside a JSON string literal.
fn push_quoted(out: &mut String, s: &str) {
    let quoted = super::quote(s);
    out.push_str(&quoted[1..quoted.len() - 1]);
}
