//! The pull reader: one token per call, no recursion, spans on every token.

use super::error::{JsonError, JsonErrorKind};
use super::java_chars::{ends_word, identifier_part, identifier_start};
use crate::span::{Encoding, LineIndex, Span};

/// The kind of a token.
///
/// ```
/// use eventpattern::json::{Reader, TokenKind};
///
/// let mut r = Reader::new(r#"{"a": [true, null]}"#, 10);
/// let mut kinds = Vec::new();
/// loop {
///     let t = r.next_token().unwrap();
///     kinds.push(t.kind);
///     if t.kind == TokenKind::End { break; }
/// }
/// use TokenKind::*;
/// assert_eq!(kinds, [BeginObject, Key, BeginArray, True, Null, EndArray, EndObject, End]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `{`
    BeginObject,
    /// `}`
    EndObject,
    /// `[`
    BeginArray,
    /// `]`
    EndArray,
    /// An object key (the span covers its quotes).
    Key,
    /// A string value (the span covers its quotes).
    String,
    /// A number (the span is its exact text).
    Number,
    /// `true`
    True,
    /// `false`
    False,
    /// `null`
    Null,
    /// The end of the top-level value, or of an empty text.
    End,
}

/// A token and where it is.
///
/// ```
/// use eventpattern::json::Reader;
///
/// let mut r = Reader::new("  42", 10);
/// let t = r.next_token().unwrap();
/// assert_eq!(r.slice(t.span), "42");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is in the text.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expect {
    Root,
    Done,
    ValueOrEndArray,
    CommaOrEndArray,
    KeyOrEndObject,
    CommaOrEndObject,
    /// After a key and its colon.
    ObjectValue,
}

/// A pull reader over JSON text. After the top-level value it returns
/// [`TokenKind::End`] and ignores whatever follows, as Jackson does.
///
/// ```
/// use eventpattern::json::{Reader, TokenKind};
///
/// let mut r = Reader::new(r#"{"k": "v"} trailing"#, 10);
/// assert_eq!(r.next_token().unwrap().kind, TokenKind::BeginObject);
/// let key = r.next_token().unwrap();
/// assert_eq!(r.key_content(key), "k");
/// let value = r.next_token().unwrap();
/// assert_eq!(r.string_content(value), "v");
/// r.next_token().unwrap();
/// assert_eq!(r.next_token().unwrap().kind, TokenKind::End); // text after the value is ignored
/// ```
pub struct Reader<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
    pub(super) expect: Expect,
    /// Open containers: `true` for an object, with the offset of its opening mark.
    pub(super) stack: Vec<(bool, u32)>,
    pub(super) max_depth: usize,
    /// A value token Jackson would already have read together with the key before it.
    pub(super) pending: Option<Token>,
    /// The span of the last string literal that contained a backslash escape.
    pub(super) last_escaped: Span,
    /// A malformed string value and its error: like Jackson, the reader
    /// reports it only when the value's text is asked for
    /// ([`Reader::string_error`]) or the next token is read.
    pub(super) deferred: Option<(u32, JsonError)>,
}

const VALID_VALUES: &str =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

impl<'a> Reader<'a> {
    /// A reader over `text` that refuses nesting deeper than `max_depth`.
    ///
    /// ```
    /// use eventpattern::json::{JsonErrorKind, Reader};
    ///
    /// let mut r = Reader::new("[[1]]", 1);
    /// r.next_token().unwrap();
    /// assert_eq!(r.next_token().unwrap_err().kind, JsonErrorKind::TooDeep);
    /// ```
    pub fn new(text: &'a str, max_depth: usize) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            expect: Expect::Root,
            stack: Vec::new(),
            max_depth,
            pending: None,
            last_escaped: Span::new(usize::MAX, usize::MAX),
            deferred: None,
        }
    }

    /// The text being read.
    ///
    /// ```
    /// assert_eq!(eventpattern::json::Reader::new("[]", 2).text(), "[]");
    /// ```
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Byte offset of the next unread character.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new("[1]", 2);
    /// r.next_token().unwrap();
    /// assert_eq!(r.offset(), 1);
    /// ```
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// How many containers are open.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new("[[1]]", 5);
    /// r.next_token().unwrap();
    /// r.next_token().unwrap();
    /// assert_eq!(r.depth(), 2);
    /// ```
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The text of a token's span.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new(r#"["x"]"#, 2);
    /// r.next_token().unwrap();
    /// let s = r.next_token().unwrap();
    /// assert_eq!(r.slice(s.span), "\"x\"");
    /// ```
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    /// The decoded content of the string or key token just read; borrowed
    /// when it has no escape. Ask before reading the next string.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new(r#"["a\u0041"]"#, 2);
    /// r.next_token().unwrap();
    /// let s = r.next_token().unwrap();
    /// assert_eq!(r.string_content(s), "aA");
    /// ```
    pub fn string_content(&self, t: Token) -> std::borrow::Cow<'a, str> {
        if self.string_error(t).is_some() {
            return std::borrow::Cow::Borrowed("");
        }
        if t.span == self.last_escaped {
            super::decode_string(self.slice(t.span))
        } else {
            std::borrow::Cow::Borrowed(
                &self.text[t.span.start as usize + 1..t.span.end as usize - 1],
            )
        }
    }

    /// The string value token just read, as AWS's engine compares it (see
    /// [`super::Text`]); borrowed when it has no escape.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new(r#"["\ud800"]"#, 2);
    /// r.next_token().unwrap();
    /// let s = r.next_token().unwrap();
    /// let text = r.string_text(s);
    /// assert_eq!((text.as_str(), text.lone().len()), ("?", 1));
    /// ```
    pub fn string_text(&self, t: Token) -> super::Text<'a> {
        if self.string_error(t).is_none() && t.span == self.last_escaped {
            super::decode_text(self.slice(t.span))
        } else {
            super::Text::new(self.string_content(t), Vec::new())
        }
    }

    /// The key token just read, as a field name (see [`super::decode_key`]).
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new(r#"{"\ud800": 1}"#, 2);
    /// r.next_token().unwrap();
    /// let k = r.next_token().unwrap();
    /// assert_eq!(r.key_content(k), "\u{fffd}d800");
    /// ```
    pub fn key_content(&self, t: Token) -> std::borrow::Cow<'a, str> {
        if self.string_error(t).is_none() && t.span == self.last_escaped {
            super::decode_key(self.slice(t.span))
        } else {
            self.string_content(t)
        }
    }

    /// The error of a string value that is not well formed, which Jackson
    /// reports when the value's text is first asked for.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new(r#"["\q"]"#, 2);
    /// r.next_token().unwrap();
    /// let s = r.next_token().unwrap();
    /// assert!(r.string_error(s).is_some());
    /// ```
    pub fn string_error(&self, t: Token) -> Option<&JsonError> {
        match &self.deferred {
            Some((start, e)) if *start == t.span.start && t.kind == TokenKind::String => Some(e),
            _ => None,
        }
    }

    /// Reads the next token.
    ///
    /// ```
    /// let mut r = eventpattern::json::Reader::new("[1,]", 2);
    /// r.next_token().unwrap();
    /// r.next_token().unwrap();
    /// assert!(r.next_token().is_err());
    /// ```
    pub fn next_token(&mut self) -> Result<Token, JsonError> {
        if let Some((_, e)) = self.deferred.take() {
            return Err(e);
        }
        if let Some(t) = self.pending.take() {
            return Ok(t);
        }
        if self.expect == Expect::Done {
            // Whatever follows the top-level value is not read.
            self.skip_ws();
            return Ok(self.end_token());
        }
        let Some(c) = self.token_start()? else {
            return self.end_of_input();
        };
        match self.expect {
            Expect::Done => Ok(self.end_token()),
            Expect::Root => {
                if c == b']' || c == b'}' {
                    // Jackson words a close marker at the top level as a
                    // mismatch against the "root" context, at column 0.
                    let want = if c == b'}' { ']' } else { '}' };
                    let at = self.source_excerpt(1, 0);
                    return Err(self.err(
                        JsonErrorKind::MismatchedClose,
                        format!(
                            "Unexpected close marker '{}': expected '{want}' (for root starting at {at})",
                            c as char
                        ),
                        Span::new(self.pos, self.pos + 1),
                    ));
                }
                self.value(c)
            }
            Expect::ObjectValue => self.value(c),
            Expect::ValueOrEndArray | Expect::KeyOrEndObject => {
                if c == b']' || c == b'}' {
                    return self.close(c);
                }
                if self.expect == Expect::KeyOrEndObject {
                    self.key(c)
                } else {
                    self.value(c)
                }
            }
            Expect::CommaOrEndArray | Expect::CommaOrEndObject => {
                if c == b']' || c == b'}' {
                    return self.close(c);
                }
                let in_object = self.expect == Expect::CommaOrEndObject;
                if c != b',' {
                    let what = if in_object { "Object" } else { "Array" };
                    return Err(self.unexpected_char(&format!(
                        "was expecting comma to separate {what} entries"
                    )));
                }
                self.pos += 1;
                let Some(c) = self.token_start()? else {
                    return Err(self.eof_between_entries(in_object));
                };
                if in_object {
                    self.key(c)
                } else {
                    self.value(c)
                }
            }
        }
    }

    fn end_token(&self) -> Token {
        Token {
            kind: TokenKind::End,
            span: Span::empty(self.pos),
        }
    }

    pub(super) fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Skips white space and returns the byte that starts the next token
    /// (`None` at the end of the text). Jackson refuses a `/` (a comment) and
    /// a control character here with messages of their own.
    fn token_start(&mut self) -> Result<Option<u8>, JsonError> {
        self.skip_ws();
        let Some(&c) = self.bytes.get(self.pos) else {
            return Ok(None);
        };
        let here = Span::new(self.pos, self.pos + 1);
        if c == b'/' {
            return Err(self.err(
                JsonErrorKind::UnexpectedCharacter,
                "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)".into(),
                here,
            ));
        }
        if c < 0x20 {
            return Err(self.err(
                JsonErrorKind::UnexpectedCharacter,
                format!(
                    "Illegal character ((CTRL-CHAR, code {c})): only regular white space (\\r, \\n, \\t) is allowed between tokens"
                ),
                here,
            ));
        }
        Ok(Some(c))
    }

    /// The end of the text after a comma, or inside an object after a key.
    fn eof_between_entries(&self, in_object: bool) -> JsonError {
        let what = if in_object { "Object" } else { "Array" };
        let e = self.err(
            JsonErrorKind::UnexpectedEnd,
            format!("Unexpected end-of-input within/between {what} entries"),
            Span::empty(self.pos),
        );
        match self.stack.last() {
            Some(&(_, start)) => e.opened_at(start as usize),
            None => e,
        }
    }

    pub(super) fn after_value(&mut self) {
        self.expect = match self.stack.last() {
            None => Expect::Done,
            Some((true, _)) => Expect::CommaOrEndObject,
            Some((false, _)) => Expect::CommaOrEndArray,
        };
    }

    fn close(&mut self, c: u8) -> Result<Token, JsonError> {
        let (is_object, start) = *self.stack.last().expect("close only inside a container");
        let ok = (c == b'}') == is_object;
        if !ok {
            let (want, what) = if is_object {
                ('}', "Object")
            } else {
                (']', "Array")
            };
            let at = self.source_location(start as usize);
            return Err(self
                .err(
                    JsonErrorKind::MismatchedClose,
                    format!(
                    "Unexpected close marker '{}': expected '{want}' (for {what} starting at {at})",
                    c as char
                ),
                    Span::new(self.pos, self.pos + 1),
                )
                .opened_at(start as usize));
        }
        self.stack.pop();
        let span = Span::new(self.pos, self.pos + 1);
        self.pos += 1;
        self.after_value();
        Ok(Token {
            kind: if is_object {
                TokenKind::EndObject
            } else {
                TokenKind::EndArray
            },
            span,
        })
    }

    fn key(&mut self, c: u8) -> Result<Token, JsonError> {
        if c != b'"' {
            return Err(self.unexpected_char("was expecting double-quote to start field name"));
        }
        let span = self.string(true)?;
        match self.token_start()? {
            None => return Err(self.eof_between_entries(true)),
            Some(b':') => self.pos += 1,
            Some(_) => {
                return Err(
                    self.unexpected_char("was expecting a colon to separate field name and value")
                )
            }
        }
        self.expect = Expect::ObjectValue;
        // Jackson reads the start of the value together with the key, so its
        // errors come before anything the compiler would say about the key.
        match self.token_start()? {
            None => return Err(self.eof_between_entries(true)),
            Some(b'"') => {}
            Some(v) => {
                let t = self.value(v)?;
                self.pending = Some(t);
            }
        }
        Ok(Token {
            kind: TokenKind::Key,
            span,
        })
    }

    fn value(&mut self, c: u8) -> Result<Token, JsonError> {
        let start = self.pos;
        let kind = match c {
            b'{' | b'[' => {
                if self.stack.len() >= self.max_depth {
                    return Err(self.err(
                        JsonErrorKind::TooDeep,
                        format!(
                            "Document nesting depth ({}) exceeds the maximum allowed ({}, from `StreamReadConstraints.getMaxNestingDepth()`)",
                            self.max_depth + 1,
                            self.max_depth
                        ),
                        Span::new(start, start + 1),
                    ));
                }
                let is_object = c == b'{';
                self.stack.push((is_object, start as u32));
                self.pos += 1;
                self.expect = if is_object {
                    Expect::KeyOrEndObject
                } else {
                    Expect::ValueOrEndArray
                };
                return Ok(Token {
                    kind: if is_object {
                        TokenKind::BeginObject
                    } else {
                        TokenKind::BeginArray
                    },
                    span: Span::new(start, start + 1),
                });
            }
            b'"' => {
                let span = match self.string(false) {
                    Ok(span) => span,
                    Err(e) => {
                        let span = Span::new(start, (e.span.start as usize).max(start + 1));
                        self.deferred = Some((start as u32, e));
                        span
                    }
                };
                self.after_value();
                return Ok(Token {
                    kind: TokenKind::String,
                    span,
                });
            }
            b'-' if self.bytes.get(start + 1) == Some(&b'I') => {
                return Err(self.signed_infinity(start));
            }
            b'+' => return Err(self.plus_sign(start)),
            b'-' | b'0'..=b'9' => {
                self.number()?;
                if self.stack.is_empty() {
                    self.root_space_after_number()?;
                }
                TokenKind::Number
            }
            b'N' | b'I' => {
                let word = if c == b'N' { "NaN" } else { "Infinity" };
                if self.text[start..].starts_with(word)
                    && ends_word(self.text[start + word.len()..].chars().next())
                {
                    return Err(self.non_numeric_number(start, word.len()));
                }
                return Err(self.unrecognized_token(start));
            }
            b'}' => return Err(self.unexpected_char("expected a value")),
            b't' => {
                self.literal("true")?;
                TokenKind::True
            }
            b'f' => {
                self.literal("false")?;
                TokenKind::False
            }
            b'n' => {
                self.literal("null")?;
                TokenKind::Null
            }
            _ => {
                if self.text[self.pos..]
                    .chars()
                    .next()
                    .is_some_and(identifier_start)
                {
                    return Err(self.unrecognized_token(start));
                }
                return Err(self.unexpected_char(&format!("expected a valid value {VALID_VALUES}")));
            }
        };
        self.after_value();
        Ok(Token {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    pub(super) fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        let start = self.pos;
        if self.text[start..].starts_with(word)
            && ends_word(self.text[start + word.len()..].chars().next())
        {
            self.pos += word.len();
            return Ok(());
        }
        Err(self.unrecognized_token(start))
    }

    fn unrecognized_token(&self, start: usize) -> JsonError {
        let first = self.text[start..].chars().next().map_or(1, char::len_utf8);
        self.invalid_token(start, first)
    }

    /// Jackson's "Unrecognized token": the `matched` bytes from `start`, then
    /// every identifier character after them, cut at 256 UTF-16 units with
    /// `...`.
    fn invalid_token(&self, start: usize, matched: usize) -> JsonError {
        const MAX_UNITS: usize = 256;
        let first = self.text[start..start + matched].encode_utf16().count();
        let mut end = start + matched;
        let mut cut = false;
        for (units, c) in (first..).zip(self.text[end..].chars()) {
            if units >= MAX_UNITS {
                cut = true;
                break;
            }
            if !identifier_part(c) {
                break;
            }
            end += c.len_utf8();
        }
        let word = &self.text[start..end];
        let more = if cut { "..." } else { "" };
        self.err(
            JsonErrorKind::UnrecognizedToken,
            format!("Unrecognized token '{word}{more}': was expecting {VALID_VALUES}"),
            Span::new(start, end),
        )
    }

    pub(super) fn number(&mut self) -> Result<(), JsonError> {
        if self.bytes[self.pos] == b'-' {
            self.pos += 1;
            if self.pos == self.bytes.len() {
                return Err(self.eof_in_number("No digit following minus sign"));
            }
            if !self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                return self.number_error(
                    "expected digit (0-9) to follow minus sign, for valid numeric value",
                );
            }
        }
        if self.bytes[self.pos] == b'0'
            && self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
        {
            return Err(self.err(
                JsonErrorKind::BadNumber,
                "Invalid numeric value: Leading zeroes not allowed".into(),
                Span::new(self.pos, self.pos + 1),
            ));
        }
        self.digits();
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                if self.pos == self.bytes.len() {
                    // At the end of the text Jackson names the point itself.
                    self.pos -= 1;
                }
                return self.number_error("Decimal point not followed by a digit");
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.pos == self.bytes.len() {
                return Err(self.eof_in_number("expected a digit for number exponent"));
            }
            if self.digits() == 0 {
                return self.number_error("Exponent indicator not followed by a digit");
            }
        }
        Ok(())
    }

    /// Jackson's end-of-input inside a number, glued to its detail without a separator.
    fn eof_in_number(&self, detail: &str) -> JsonError {
        self.err(
            JsonErrorKind::UnexpectedEnd,
            format!("Unexpected end-of-input{detail}"),
            Span::empty(self.pos),
        )
    }

    /// After a number at the top level, Jackson wants white space or the end.
    fn root_space_after_number(&self) -> Result<(), JsonError> {
        match self.text[self.pos..].chars().next() {
            None | Some(' ' | '\t' | '\n' | '\r') => Ok(()),
            Some(_) => Err(self.unexpected_char("Expected space separating root-level values")),
        }
    }

    /// `NaN`, `Infinity`, `-Infinity` or `+Infinity`, which Jackson names apart.
    fn non_numeric_number(&self, start: usize, len: usize) -> JsonError {
        self.err(
            JsonErrorKind::UnrecognizedToken,
            format!(
                "Non-standard token '{}': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
                &self.text[start..start + len]
            ),
            Span::new(start, start + len),
        )
    }

    /// A sign followed by `I`: `-Infinity`/`+Infinity`, the end of the text
    /// inside it, or an unrecognized word.
    fn signed_infinity(&self, start: usize) -> JsonError {
        const WORD: &str = "Infinity";
        let rest = &self.text[start + 1..];
        if rest.len() < WORD.len() && WORD.starts_with(rest) {
            return self.err(
                JsonErrorKind::UnexpectedEnd,
                "Unexpected end-of-input in a Number value".into(),
                Span::empty(self.text.len()),
            );
        }
        if rest.starts_with(WORD) && ends_word(rest[WORD.len()..].chars().next()) {
            return self.non_numeric_number(start, WORD.len() + 1);
        }
        self.invalid_token(start, 1)
    }

    /// A leading `+`, which JSON does not allow (`+Infinity` aside).
    fn plus_sign(&self, start: usize) -> JsonError {
        match self.bytes.get(start + 1) {
            None => self.err(
                JsonErrorKind::UnexpectedEnd,
                "Unexpected end-of-input in a Number value".into(),
                Span::empty(self.text.len()),
            ),
            Some(b'I') => self.signed_infinity(start),
            Some(_) => self.err(
                JsonErrorKind::BadNumber,
                "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow".into(),
                Span::new(start, start + 1),
            ),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number_error(&self, what: &str) -> Result<(), JsonError> {
        match self.text[self.pos..].chars().next() {
            None => Err(self.err(
                JsonErrorKind::UnexpectedEnd,
                format!("Unexpected end-of-input in numeric value: {what}"),
                Span::empty(self.pos),
            )),
            Some(c) => Err(self.err(
                JsonErrorKind::BadNumber,
                format!(
                    "Unexpected character ({}) in numeric value: {what}",
                    char_desc(c)
                ),
                Span::new(self.pos, self.pos + c.len_utf8()),
            )),
        }
    }

    /// Reads a string literal starting at the opening quote; returns its span.
    /// `in_name` says it is an object key (Jackson words its errors apart).
    pub(super) fn string(&mut self, in_name: bool) -> Result<Span, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            // Fast run over ordinary bytes, eight at a time.
            while let Some(chunk) = self.bytes.get(self.pos..self.pos + 16) {
                let a = special_bytes(u64::from_le_bytes(
                    chunk[..8].try_into().expect("eight bytes"),
                ));
                let b = special_bytes(u64::from_le_bytes(
                    chunk[8..].try_into().expect("eight bytes"),
                ));
                if a | b != 0 {
                    self.pos += if a != 0 {
                        (a.trailing_zeros() / 8) as usize
                    } else {
                        8 + (b.trailing_zeros() / 8) as usize
                    };
                    break;
                }
                self.pos += 16;
            }
            if let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
                let hits =
                    special_bytes(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
                self.pos += if hits != 0 {
                    (hits.trailing_zeros() / 8) as usize
                } else {
                    8
                };
            }
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            match self.bytes.get(self.pos) {
                None => return Err(self.err(
                    JsonErrorKind::UnexpectedEnd,
                    if in_name {
                        "Unexpected end-of-input in field name"
                    } else {
                        "Unexpected end-of-input: was expecting closing quote for a string value"
                    }
                    .into(),
                    Span::empty(self.pos),
                )
                .opened_at(start)),
                Some(b'"') => {
                    self.pos += 1;
                    if escaped {
                        self.last_escaped = Span::new(start, self.pos);
                    }
                    return Ok(Span::new(start, self.pos));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    escaped = true;
                    // Input that ends inside an escape leaves the string unclosed too.
                    self.escape().map_err(|e| match e.kind {
                        JsonErrorKind::UnexpectedEnd => e.opened_at(start),
                        _ => e,
                    })?;
                }
                Some(&b) => {
                    let what = if in_name { "name" } else { "string value" };
                    return Err(self.err(
                        JsonErrorKind::ControlCharacter,
                        format!(
                            "Illegal unquoted character ((CTRL-CHAR, code {b})): has to be escaped using backslash to be included in {what}"
                        ),
                        Span::new(self.pos, self.pos + 1),
                    ));
                }
            }
        }
    }

    fn escape(&mut self) -> Result<(), JsonError> {
        let Some(c) = self.text[self.pos..].chars().next() else {
            return Err(self.err(
                JsonErrorKind::UnexpectedEnd,
                "Unexpected end-of-input in character escape sequence".into(),
                Span::empty(self.pos),
            ));
        };
        match c {
            '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => {
                self.pos += 1;
                Ok(())
            }
            'u' => {
                self.pos += 1;
                for _ in 0..4 {
                    match self.text[self.pos..].chars().next() {
                        Some(h) if h.is_ascii_hexdigit() => self.pos += 1,
                        Some(h) => {
                            return Err(self.err(
                                JsonErrorKind::BadEscape,
                                format!(
                                    "Unexpected character ({}): expected a hex-digit for character escape sequence",
                                    char_desc(h)
                                ),
                                Span::new(self.pos, self.pos + h.len_utf8()),
                            ))
                        }
                        None => {
                            return Err(self.err(
                                JsonErrorKind::UnexpectedEnd,
                                "Unexpected end-of-input in character escape sequence".into(),
                                Span::empty(self.pos),
                            ))
                        }
                    }
                }
                Ok(())
            }
            other => Err(self.err(
                JsonErrorKind::BadEscape,
                format!("Unrecognized character escape {}", char_desc(other)),
                Span::new(self.pos - 1, self.pos + other.len_utf8()),
            )),
        }
    }

    fn end_of_input(&self) -> Result<Token, JsonError> {
        match self.stack.last() {
            None => Ok(self.end_token()),
            Some(&(is_object, start)) => {
                let what = if is_object { "Object" } else { "Array" };
                Err(self.err(
                    JsonErrorKind::UnexpectedEnd,
                    format!(
                        "Unexpected end-of-input: expected close marker for {what} (start marker at {})",
                        self.source_location(start as usize)
                    ),
                    Span::empty(self.pos),
                )
                .opened_at(start as usize))
            }
        }
    }

    fn unexpected_char(&self, what: &str) -> JsonError {
        match self.text[self.pos..].chars().next() {
            None => self.err(
                JsonErrorKind::UnexpectedEnd,
                format!("Unexpected end-of-input: {what}"),
                Span::empty(self.pos),
            ),
            Some(c) => self.err(
                JsonErrorKind::UnexpectedCharacter,
                format!("Unexpected character ({}): {what}", char_desc(c)),
                Span::new(self.pos, self.pos + c.len_utf8()),
            ),
        }
    }

    fn err(&self, kind: JsonErrorKind, message: String, span: Span) -> JsonError {
        JsonError {
            kind,
            message,
            span,
            related: None,
        }
    }

    /// Jackson's `[Source: (String)"…"; line: L, column: C]`, used inside some
    /// of its messages to point at where a container started.
    fn source_location(&self, offset: usize) -> String {
        let pos = LineIndex::new(self.text).line_col(offset as u32, Encoding::Utf16);
        self.source_excerpt(pos.line, pos.column)
    }

    /// The `[Source: …]` text for a line and column: the first 500 UTF-16
    /// units of the text, control characters other than line breaks written
    /// as `\uXXXX`.
    fn source_excerpt(&self, line: u32, column: u32) -> String {
        const MAX: usize = 500;
        let units = self.text.encode_utf16().count();
        let shown = if units > MAX {
            let cut: String = self
                .text
                .chars()
                .scan(0, |n, c| {
                    *n += c.len_utf16();
                    (*n <= MAX).then_some(c)
                })
                .collect();
            format!(
                "\"{}\"[truncated {} chars]",
                escape_controls(&cut),
                units - cut.encode_utf16().count()
            )
        } else {
            format!("\"{}\"", escape_controls(self.text))
        };
        format!("[Source: (String){shown}; line: {line}, column: {column}]")
    }
}

/// The high bit of each byte of `w` that is `"`, `\\` or a control
/// character (< 0x20); exact, so the first hit is `trailing_zeros / 8`.
fn special_bytes(w: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |x: u64| !(((x & LOW7) + LOW7) | x | LOW7);
    let quote = zero(w ^ (ONES * u64::from(b'"')));
    let backslash = zero(w ^ (ONES * u64::from(b'\\')));
    let control = !((w & LOW7) + ONES * 0x60) & !w & HIGH;
    quote | backslash | control
}

/// Control characters (C0 and C1) other than `\n` and `\r` as `\uXXXX`, as
/// Jackson shows them in a `[Source: …]` excerpt.
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| c.is_control() && c != '\n' && c != '\r';
    if !text.chars().any(shown) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if shown(c) {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Jackson's description of a character in its messages.
fn char_desc(c: char) -> String {
    let code = c as u32;
    if c.is_control() {
        format!("(CTRL-CHAR, code {code})")
    } else if code > 255 {
        format!("'{c}' (code {code} / 0x{code:x})")
    } else {
        format!("'{c}' (code {code})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_byte_scan_is_exact() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[at] = b;
                let hits = special_bytes(u64::from_le_bytes(bytes));
                let want = b == b'"' || b == b'\\' || b < 0x20;
                assert_eq!(hits != 0, want, "byte {b} at {at}");
                if want {
                    assert_eq!(hits.trailing_zeros() / 8, at as u32);
                }
            }
        }
    }

    fn tokens(text: &str) -> Result<Vec<TokenKind>, String> {
        let mut r = Reader::new(text, 100);
        let mut out = Vec::new();
        loop {
            let t = r.next_token().map_err(|e| e.message)?;
            if t.kind == TokenKind::End {
                return Ok(out);
            }
            out.push(t.kind);
        }
    }

    #[test]
    fn reads_nested_values() {
        use TokenKind::*;
        assert_eq!(
            tokens(r#"{"a": [1, "x", true, null, {}], "b": false}"#).unwrap(),
            vec![
                BeginObject,
                Key,
                BeginArray,
                Number,
                String,
                True,
                Null,
                BeginObject,
                EndObject,
                EndArray,
                Key,
                False,
                EndObject
            ]
        );
    }

    #[test]
    fn jackson_messages() {
        assert_eq!(
            tokens(r#"{"detail": {"s": ["a"],}}"#).unwrap_err(),
            "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"
        );
        assert_eq!(
            tokens("[1, 2 3]").unwrap_err(),
            "Unexpected character ('3' (code 51)): was expecting comma to separate Array entries"
        );
        assert_eq!(
            tokens(r#"{"a": [ { "b": ["1", "2" } } ] }"#).unwrap_err(),
            "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"{\"a\": [ { \"b\": [\"1\", \"2\" } } ] }\"; line: 1, column: 16])"
        );
        assert_eq!(
            tokens("[this]").unwrap_err(),
            "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        );
        assert_eq!(
            tokens(r#"["a\d"]"#).unwrap_err(),
            "Unrecognized character escape 'd' (code 100)"
        );
        assert_eq!(
            tokens("[01]").unwrap_err(),
            "Invalid numeric value: Leading zeroes not allowed"
        );
        assert_eq!(
            tokens(r#"{"a": }"#).unwrap_err(),
            "Unexpected character ('}' (code 125)): expected a value"
        );
    }

    #[test]
    fn jackson_messages_for_non_json_extensions() {
        assert_eq!(
            tokens("{\"a\":[-Infinity]}").unwrap_err(),
            "Non-standard token '-Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
        );
        assert!(tokens("[+1]").unwrap_err().contains("plus signs"));
        assert!(tokens("[1 /* c */]")
            .unwrap_err()
            .contains("maybe a (non-standard) comment?"));
        assert_eq!(
            tokens("[1,\u{1}2]").unwrap_err(),
            "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens"
        );
        assert_eq!(
            tokens("1}").unwrap_err(),
            "Unexpected character ('}' (code 125)): Expected space separating root-level values"
        );
        assert_eq!(
            tokens("{\"a\"").unwrap_err(),
            "Unexpected end-of-input within/between Object entries"
        );
        assert_eq!(
            tokens("{\"a").unwrap_err(),
            "Unexpected end-of-input in field name"
        );
        assert_eq!(
            tokens("[\t1").unwrap_err(),
            "Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)\"[\\u00091\"; line: 1, column: 1])"
        );
    }

    #[test]
    fn trailing_text_is_ignored_and_depth_is_bounded() {
        assert!(tokens(r#"{"a":["b"]} junk"#).is_ok());
        let deep = "[".repeat(200);
        let mut r = Reader::new(&deep, 100);
        let err = loop {
            match r.next_token() {
                Ok(_) => continue,
                Err(e) => break e,
            }
        };
        assert_eq!(err.kind, JsonErrorKind::TooDeep);
        assert_eq!(err.span, Span::new(100, 101));
    }
}
