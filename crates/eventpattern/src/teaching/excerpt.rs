//! User text made safe and short for a terminal: control characters shown as
//! escapes (a key like `"k\u001b[2J"` must not clear the user's screen), and
//! a source line cut to a window around a column (a syntax error in a 10 MB
//! one-line event must not print 10 MB).

use std::borrow::Cow;

/// Characters shown around an error's column.
///
/// ```
/// let long = "x".repeat(1000);
/// let shown = eventpattern::excerpt::excerpt(&long, 500, 501).text;
/// assert!(shown.chars().count() <= eventpattern::excerpt::WINDOW + 2);
/// ```
pub const WINDOW: usize = 120;
/// Of those, how many come before the column.
const BEFORE: usize = 40;

/// How a character is shown: `None` when as itself.
fn escape(c: char) -> Option<String> {
    match c {
        '\t' => Some("\\t".into()),
        '\n' => Some("\\n".into()),
        '\r' => Some("\\r".into()),
        // C0, DEL and C1 controls; bidirectional marks, embeddings, overrides
        // and isolates (they reorder what the terminal shows); zero-width
        // characters and the byte-order mark (invisible).
        c if c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}') =>
        {
            Some(format!("\\u{:04X}", c as u32))
        }
        _ => None,
    }
}

/// `text` with every control or invisible character written as an escape
/// (`\u001B`, `\t`), so printing it cannot move the cursor, change colours
/// or the window title, or hide text.
///
/// ```
/// use eventpattern::excerpt::visible;
///
/// assert_eq!(visible("a\u{1b}[2Jb"), "a\\u001B[2Jb");
/// assert_eq!(visible("plain"), "plain");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| escape(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match escape(c) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A window of one source line, made [`visible`], with where to put carets.
///
/// ```
/// use eventpattern::excerpt::excerpt;
///
/// let e = excerpt("{\"a\": tru}", 6, 9);
/// assert_eq!((e.text.as_str(), e.pad.as_str(), e.carets), ("{\"a\": tru}", "      ", 3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The shown part of the line (`…` marks a cut).
    pub text: String,
    /// What goes under the text before the carets (spaces, tabs kept).
    pub pad: String,
    /// How many carets.
    pub carets: usize,
}

/// The part of `line` around the characters `start..end` (indexes in
/// characters, `end` may lie past the line): at most [`WINDOW`] characters.
///
/// ```
/// let e = eventpattern::excerpt::excerpt("\tx", 1, 2);
/// assert_eq!((e.pad.as_str(), e.carets), ("\t", 1));
/// ```
pub fn excerpt(line: &str, start: usize, end: usize) -> Excerpt {
    let from = start.saturating_sub(BEFORE);
    let to = from + WINDOW;
    let mut text = String::new();
    let mut pad = String::new();
    let mut carets = 0;
    if from > 0 {
        text.push('…');
        pad.push(' ');
    }
    for (i, c) in line.chars().enumerate().skip(from) {
        if i >= to {
            text.push('…');
            break;
        }
        let shown = match c {
            '\t' => Cow::Borrowed("\t"),
            c => escape(c).map_or(Cow::Owned(c.to_string()), Cow::Owned),
        };
        let width = shown.chars().count();
        if i < start {
            if c == '\t' {
                pad.push('\t');
            } else {
                pad.extend(std::iter::repeat_n(' ', width));
            }
        } else if i < end {
            carets += width;
        }
        text.push_str(&shown);
    }
    // An empty span (the end of the input) still gets a caret.
    Excerpt {
        text,
        pad,
        carets: carets.max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(visible("k\u{1b}[2J"), "k\\u001B[2J");
        assert_eq!(
            visible("a\tb\u{7}\u{202E}\u{FEFF}"),
            "a\\tb\\u0007\\u202E\\uFEFF"
        );
        assert!(matches!(visible("plain é 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(10_000), "b".repeat(10_000));
        let e = excerpt(&line, 10_000, 10_001);
        assert!(e.text.chars().count() <= WINDOW + 2, "{}", e.text);
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        let caret_at = e.pad.chars().count();
        assert_eq!(e.text.chars().nth(caret_at), Some('X'));
        assert_eq!(e.carets, 1);
    }

    #[test]
    fn carets_line_up_under_escapes() {
        let e = excerpt("\u{1b}x", 1, 2);
        assert_eq!(e.text, "\\u001Bx");
        assert_eq!(e.pad, "      ");
        assert_eq!(e.carets, 1);
    }
}
