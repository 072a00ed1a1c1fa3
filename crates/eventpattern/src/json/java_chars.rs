//! Which characters Jackson counts as part of a word when it reports an
//! unrecognized token (`tru\u{0}e`, `NaNx`): Java's identifier characters,
//! which include letters, digits, `_`, `$`, currency signs, and the
//! "ignorable" control and format characters. Java reads UTF-16 units, so a
//! character beyond the Basic Multilingual Plane ends a word.

/// Java's `Character.isIdentifierIgnorable`: C0 controls other than white
/// space, C1 controls, and the common format characters.
fn ignorable(c: u32) -> bool {
    matches!(c,
        0x00..=0x08 | 0x0E..=0x1B | 0x7F..=0x9F | 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F
        | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB)
}

/// Currency signs (Unicode Sc) and connector punctuation (Pc).
fn currency_or_connector(c: u32) -> bool {
    matches!(c,
        0x24 | 0x5F | 0xA2..=0xA5 | 0x58F | 0x60B | 0x7FE..=0x7FF | 0x9F2..=0x9F3 | 0x9FB | 0xAF1
        | 0xBF9 | 0xE3F | 0x17DB | 0x203F..=0x2040 | 0x2054 | 0x20A0..=0x20C0 | 0xA838 | 0xFDFC
        | 0xFE33..=0xFE34 | 0xFE4D..=0xFE4F | 0xFE69 | 0xFF04 | 0xFF3F | 0xFFE0..=0xFFE1
        | 0xFFE5..=0xFFE6)
}

/// The common combining marks (Unicode Mn/Mc) that are not alphabetic.
fn combining_mark(c: u32) -> bool {
    matches!(c,
        0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x5BF | 0x5C1..=0x5C2 | 0x5C4..=0x5C5
        | 0x5C7 | 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6DC | 0x6DF..=0x6E4
        | 0x6E7..=0x6E8 | 0x6EA..=0x6ED | 0x900..=0x903 | 0x93A..=0x94F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x20D0..=0x20F0 | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// Whether a literal word (`true`, `NaN`, …) ends before `next`: Jackson
/// ends it at any character below `0`, at `]` and `}`, and at anything that
/// is not an identifier character.
pub(super) fn ends_word(next: Option<char>) -> bool {
    next.is_none_or(|c| (c as u32) < 0x30 || c == ']' || c == '}' || !identifier_part(c))
}

/// Java's `Character.isJavaIdentifierStart`, for characters in the BMP.
pub(super) fn identifier_start(c: char) -> bool {
    (c as u32) <= 0xFFFF && (c.is_alphabetic() || currency_or_connector(c as u32))
}

/// Java's `Character.isJavaIdentifierPart`, for characters in the BMP.
pub(super) fn identifier_part(c: char) -> bool {
    let u = c as u32;
    u <= 0xFFFF
        && (c.is_alphabetic()
            || currency_or_connector(u)
            || ignorable(u)
            || combining_mark(u)
            || crate::operators::is_decimal_digit(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_java() {
        for c in [
            'a', 'É', 'ж', '_', '$', '€', '7', '٣', '\u{0}', '\u{7f}', '\u{85}', '\u{feff}',
        ] {
            assert!(identifier_part(c), "{c:?}");
        }
        for c in [' ', '\t', '\n', ',', ']', '}', '"', '²', '😀', '-', '+'] {
            assert!(!identifier_part(c), "{c:?}");
        }
        assert!(identifier_start('N') && identifier_start('$') && !identifier_start('7'));
        assert!(!identifier_start('\u{0}'));
        assert!(identifier_part('\u{300}'));
        assert!(ends_word(Some('\u{0}')) && ends_word(Some(',')) && ends_word(None));
        assert!(!ends_word(Some('\u{7f}')) && !ends_word(Some('x')));
    }
}
