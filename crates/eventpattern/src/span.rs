//! Byte spans into a source text, and line/column positions computed on request.
//!
//! Spans are stored as byte offsets only; a [`LineIndex`] turns an offset into a
//! one-based line and column in the caller's encoding (UTF-16 for the browser,
//! characters for a terminal), so nothing pays for positions it never shows.

/// Half-open byte range `start..end` into the text that was parsed.
///
/// ```
/// use eventpattern::{Pattern, Span};
///
/// let text = r#"{"a": [{"prefix": 5}]}"#;
/// let err = Pattern::parse(text).unwrap_err();
/// assert_eq!(err.span, Span::new(18, 19));
/// assert_eq!(&text[err.span.range()], "5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    ///
    /// ```
    /// let s = eventpattern::Span::new(2, 5);
    /// assert_eq!((s.start, s.end), (2, 5));
    /// ```
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// An empty span at `at` (used for "end of input").
    ///
    /// ```
    /// let s = eventpattern::Span::empty(7);
    /// assert_eq!(s.range(), 7..7);
    /// ```
    pub fn empty(at: usize) -> Self {
        Span::new(at, at)
    }

    /// The span as a `usize` range, for slicing the source text.
    ///
    /// ```
    /// assert_eq!(&"abcdef"[eventpattern::Span::new(1, 3).range()], "bc");
    /// ```
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    ///
    /// ```
    /// use eventpattern::Span;
    ///
    /// assert_eq!(Span::new(4, 6).cover(Span::new(1, 2)), Span::new(1, 6));
    /// ```
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// The longest text spans can address: offsets are `u32`, so a longer text
/// is refused with a clear error rather than read with wrapped offsets (which
/// gave a wrong verdict for an event over 4 GiB).
///
/// ```
/// assert_eq!(eventpattern::span::MAX_TEXT_LEN, 4_294_967_295);
/// ```
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

/// Whether a text of `len` bytes can be read with [`Span`]s.
///
/// ```
/// use eventpattern::span::{addressable, MAX_TEXT_LEN};
///
/// assert!(addressable(1 << 20));
/// assert!(!addressable(MAX_TEXT_LEN + 1));
/// ```
pub fn addressable(len: usize) -> bool {
    // Compared as u64: on 32-bit targets (Wasm) every length fits.
    len as u64 <= u64::from(u32::MAX)
}

/// How columns are counted.
///
/// ```
/// use eventpattern::{Encoding, LineIndex};
///
/// let idx = LineIndex::new("é = x");
/// let x = 5; // byte offset of `x` (é is two bytes)
/// assert_eq!(idx.line_col(x, Encoding::Chars).column, 5);
/// assert_eq!(idx.line_col(x, Encoding::Utf8).column, 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Unicode scalar values (what a terminal shows).
    Chars,
    /// UTF-16 code units (JavaScript string indices, textarea selections).
    Utf16,
    /// Bytes of UTF-8.
    Utf8,
}

/// A one-based line and column.
///
/// ```
/// use eventpattern::{Encoding, LineCol, LineIndex};
///
/// assert_eq!(LineIndex::new("a\nbc").line_col(3, Encoding::Chars), LineCol { line: 2, column: 2 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number, starting at 1, in the requested [`Encoding`].
    pub column: u32,
}

/// Start offsets of every line of a text, built once per text.
///
/// ```
/// use eventpattern::{Encoding, LineIndex};
///
/// let idx = LineIndex::new("{\n  \"a\": 1\n}");
/// let at = idx.line_col(4, Encoding::Utf16);
/// assert_eq!((at.line, at.column), (2, 3));
/// assert_eq!(idx.line_text(2), "  \"a\": 1");
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text` (lines end at `\n`; a preceding `\r` belongs to the line).
    ///
    /// ```
    /// let idx = eventpattern::LineIndex::new("one\r\ntwo");
    /// assert_eq!(idx.line_text(1), "one");
    /// ```
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineIndex { text, line_starts }
    }

    /// Line and column of byte `offset` (clamped to the text, moved back to a char boundary).
    ///
    /// ```
    /// use eventpattern::{Encoding, LineIndex};
    ///
    /// let idx = LineIndex::new("😀x");
    /// assert_eq!(idx.line_col(4, Encoding::Utf16).column, 3);
    /// assert_eq!(idx.line_col(99, Encoding::Chars).column, 3); // clamped to the end
    /// ```
    pub fn line_col(&self, offset: u32, encoding: Encoding) -> LineCol {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.line_starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let prefix = &self.text[start..offset];
        let column = match encoding {
            Encoding::Chars => prefix.chars().count(),
            Encoding::Utf16 => prefix.encode_utf16().count(),
            Encoding::Utf8 => prefix.len(),
        };
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// The text of line `line` (one-based), without its line break.
    ///
    /// ```
    /// let idx = eventpattern::LineIndex::new("a\nb\n");
    /// assert_eq!(idx.line_text(2), "b");
    /// assert_eq!(idx.line_text(3), "");
    /// ```
    pub fn line_text(&self, line: u32) -> &'a str {
        let i = (line.max(1) - 1) as usize;
        let start = self.line_starts.get(i).copied().unwrap_or(0) as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map(|&e| e as usize - 1)
            .unwrap_or(self.text.len());
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_differ_by_encoding() {
        let text = "{\n \"😀\": x}";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        assert_eq!(
            idx.line_col(x, Encoding::Utf8),
            LineCol {
                line: 2,
                column: 10
            }
        );
        assert_eq!(
            idx.line_col(x, Encoding::Chars),
            LineCol { line: 2, column: 7 }
        );
        assert_eq!(
            idx.line_col(x, Encoding::Utf16),
            LineCol { line: 2, column: 8 }
        );
        assert_eq!(idx.line_text(2), " \"😀\": x}");
    }

    #[test]
    fn texts_past_four_gib_are_not_addressable() {
        assert!(addressable(MAX_TEXT_LEN));
        assert!(!addressable(MAX_TEXT_LEN + 1));
        assert_eq!(
            Span::new(MAX_TEXT_LEN, MAX_TEXT_LEN).end as usize,
            MAX_TEXT_LEN
        );
    }

    #[test]
    fn offset_past_end_is_clamped() {
        let idx = LineIndex::new("ab");
        assert_eq!(
            idx.line_col(99, Encoding::Chars),
            LineCol { line: 1, column: 3 }
        );
    }
}
