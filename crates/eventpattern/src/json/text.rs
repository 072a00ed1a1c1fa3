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
///
/// ```
/// let text = eventpattern::json::decode_text(r#""a\ud800""#);
/// assert_eq!(text.lone(), [(1, 0xd800)]);
/// ```
pub type Lone = [(u32, u16)];

/// A decoded string value (see the module documentation).
///
/// ```
/// use eventpattern::json::decode_text;
///
/// let plain = decode_text(r#""abc""#);
/// assert_eq!((plain.as_str(), plain.lone().len()), ("abc", 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'a> {
    text: Cow<'a, str>,
    /// Boxed twice so that ordinary text pays one pointer (a slice box is
    /// two): an event may hold a million strings.
    #[allow(clippy::box_collection)]
    lone: Option<Box<Vec<(u32, u16)>>>,
}

impl<'a> Text<'a> {
    /// A text and its lone surrogates (none for ordinary text).
    ///
    /// ```
    /// use eventpattern::json::Text;
    ///
    /// let t = Text::new("x?".into(), vec![(1, 0xdc00)]);
    /// assert!(t.identical("x?", &[(1, 0xdc00)]));
    /// ```
    pub fn new(text: Cow<'a, str>, lone: Vec<(u32, u16)>) -> Self {
        Text {
            text,
            lone: (!lone.is_empty()).then(|| Box::new(lone)),
        }
    }

    /// The text as the engine's byte-level operators see it (`?` for each
    /// lone surrogate).
    ///
    /// ```
    /// assert_eq!(eventpattern::json::decode_text(r#""\ud800x""#).as_str(), "?x");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The lone surrogates; empty for ordinary text.
    ///
    /// ```
    /// assert!(eventpattern::json::decode_text(r#""x""#).lone().is_empty());
    /// ```
    pub fn lone(&self) -> &Lone {
        self.lone.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Whether this is the same Java string as `text` with `lone`.
    ///
    /// ```
    /// use eventpattern::json::decode_text;
    ///
    /// let a = decode_text(r#""\ud800""#);
    /// assert!(!a.identical("?", &[])); // a lone surrogate is not a question mark
    /// ```
    pub fn identical(&self, text: &str, lone: &Lone) -> bool {
        self.text == text && self.lone() == lone
    }

    /// The same text, owning its characters.
    ///
    /// ```
    /// let owned = eventpattern::json::decode_text(&String::from(r#""x""#)).into_owned();
    /// assert_eq!(owned.as_str(), "x");
    /// ```
    pub fn into_owned(self) -> Text<'static> {
        Text {
            text: Cow::Owned(self.text.into_owned()),
            lone: self.lone,
        }
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
        Text::new(Cow::Borrowed(text), Vec::new())
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text::new(Cow::Owned(text), Vec::new())
    }
}
