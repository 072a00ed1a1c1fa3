//! Integers as Java's `Integer.parseInt` reads them, which is how AWS's engine
//! reads a CIDR mask: an optional `+` or `-`, then one or more decimal digits
//! of any script (`١` is 1), within the range of a 32-bit signed integer.

/// The first code point of each run of ten Unicode decimal digits (general
/// category Nd) known to Java 17; each run holds the digits 0 to 9 in order.
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16B50, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Whether `c` is a decimal digit of any script (Unicode Nd, as Java 17 knows it).
///
/// ```
/// use eventpattern::operators::is_decimal_digit;
///
/// assert!(is_decimal_digit('7') && is_decimal_digit('٣') && !is_decimal_digit('x'));
/// ```
pub fn is_decimal_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The value of a decimal digit of any script.
fn digit_value(c: char) -> Option<i64> {
    let c = c as u32;
    let i = DIGIT_ZEROS.partition_point(|&z| z <= c);
    let zero = *DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    (c - zero < 10).then(|| i64::from(c - zero))
}

/// `text` as a Java `int`, or `None` where `Integer.parseInt` would throw.
pub fn parse_java_int(text: &str) -> Option<i32> {
    let (negative, digits) = match text.chars().next()? {
        '-' => (true, &text[1..]),
        '+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for c in digits.chars() {
        n = n * 10 + digit_value(c)?;
        if n > 1 << 31 {
            return None;
        }
    }
    let n = if negative { -n } else { n };
    i32::try_from(n).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_java() {
        assert_eq!(parse_java_int("24"), Some(24));
        assert_eq!(parse_java_int("+8"), Some(8));
        assert_eq!(parse_java_int("-0"), Some(0));
        assert_eq!(parse_java_int("-2147483648"), Some(i32::MIN));
        assert_eq!(parse_java_int("2147483648"), None);
        assert_eq!(parse_java_int("99999999999"), None);
        assert_eq!(parse_java_int("١٦"), Some(16));
        assert_eq!(parse_java_int("\u{FF18}"), Some(8));
        for bad in ["", "+", "-", "x", "1 ", " 1", "1.0", "\u{2167}", "²"] {
            assert_eq!(parse_java_int(bad), None, "{bad:?}");
        }
    }
}
