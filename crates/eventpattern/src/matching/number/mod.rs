//! Numbers as AWS's engine sees them: the exact text, plus a double when, and
//! only when, the text is exactly what that double prints as.
//!
//! event-ruler accepts a number for numeric comparison iff `decimal(text) ==
//! decimal(Double.toString(double(text)))`: `0.1` and `1e300` qualify,
//! `0.30000000000000001`, `9007199254740993` and `1e309` do not. Other numbers
//! only ever equal the identical text (docs/SEMANTICS.md, "Numbers").
//!
//! Java prints at least two significant digits (`4.9E-324`, `1.0E-323`):
//! where the shortest spelling has one digit, Java's text is the double's
//! two-digit rounding at the same decimal exponent. That only changes the
//! answer for subnormal numbers: `4.9e-324` is comparable and `5e-324` is not.
//! (Java 17 prints a few other subnormals, and some large numbers such as
//! `1e23`, with more digits than needed; we keep the shortest spelling there.)

mod exact;
mod spelling;

/// The comparable double of a JSON number's text, if it has one.
///
/// ```
/// use eventpattern::number::comparable;
///
/// assert_eq!(comparable("3e2"), Some(300.0));
/// assert_eq!(comparable("1e309"), None); // not a finite double
/// ```
pub fn comparable(text: &str) -> Option<f64> {
    if let Some(x) = small_integer(text) {
        return Some(x);
    }
    let x: f64 = text.parse().ok()?;
    if !x.is_finite() {
        return None;
    }
    let (_, digits, exp) = normalize(text)?;
    if x == 0.0 {
        return digits.is_empty().then_some(x);
    }
    spelling::is_java_spelling(x.abs(), &digits, exp).then_some(x)
}

/// The common case without formatting (an event may hold a million numbers):
/// an integer of at most 15 digits is below 2^53, so it is exactly a double
/// and Java prints that same value.
fn small_integer(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut n = 0u64;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    // Exact: n < 10^15 < 2^53. `-0` stays negative zero, as parsing gives.
    let x = n as f64;
    Some(if negative { -x } else { x })
}

/// `(negative, significant digits without leading/trailing zeros, exponent of the last digit)`;
/// zero is `(false, "", 0)` whatever its sign.
fn normalize(text: &str) -> Option<(bool, String, i64)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int.chars().chain(frac.chars()).collect();
    let mut exp = exp - frac.len() as i64;
    let trimmed = digits.trim_start_matches('0').len();
    digits = digits[digits.len() - trimmed..].to_string();
    while digits.ends_with('0') {
        digits.pop();
        exp += 1;
    }
    if digits.is_empty() {
        return Some((false, digits, 0));
    }
    Some((negative, digits, exp))
}

/// Numeric equality of two number texts as AWS decides it: by value when both
/// are comparable, otherwise by identical text.
///
/// ```
/// use eventpattern::number::{comparable, numbers_equal};
///
/// let eq = |a: &str, b: &str| numbers_equal(a, comparable(a), b, comparable(b));
/// assert!(eq("300", "3.0e2"));
/// assert!(!eq("1e309", "1E309")); // not comparable: compared as text
/// ```
pub fn numbers_equal(a_text: &str, a: Option<f64>, b_text: &str, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => a_text == b_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written, with the standard library's formatting:
    /// the shortest spelling, and for a one-digit subnormal its two-digit
    /// rounding when that stays in the same decade.
    fn reference(text: &str) -> Option<f64> {
        let x: f64 = text.parse().ok()?;
        if !x.is_finite() {
            return None;
        }
        let mut printed = normalize(&format!("{x:e}"))?;
        if printed.1.len() == 1 && x.abs() < f64::MIN_POSITIVE {
            let two = normalize(&format!("{x:.1e}"))?;
            if two.2 + two.1.len() as i64 == printed.2 + 1 {
                printed = two;
            }
        }
        (normalize(text)? == printed).then_some(x)
    }

    /// Texts around a double: its shortest spelling, its 16- and 17-digit
    /// roundings, a two-digit rounding, and each one's neighbours in the
    /// last digit.
    fn texts_around(x: f64) -> Vec<String> {
        let mut out = Vec::new();
        for t in [
            format!("{x:e}"),
            format!("{x:.16e}"),
            format!("{x:.15e}"),
            format!("{x:.1e}"),
        ] {
            let (_, digits, exp) = normalize(&t).unwrap();
            let Ok(v) = digits.parse::<u64>() else {
                continue;
            };
            for w in [v.saturating_sub(1), v, v + 1] {
                out.push(format!("{w}e{exp}"));
            }
        }
        out
    }

    /// The formatter-free decision agrees with the standard library's
    /// formatting over random doubles (normal and subnormal), subnormals
    /// near every one-digit value, powers of ten and their neighbours.
    #[test]
    fn agrees_with_the_standard_formatter() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut doubles: Vec<f64> = (0..3_000).map(|_| f64::from_bits(next() >> 1)).collect();
        doubles.extend((0..1_000).map(|_| f64::from_bits(next() & ((1 << 52) - 1))));
        doubles.extend((1u64..1_000).map(f64::from_bits));
        for e in -324i32..=308 {
            let p: f64 = format!("1e{e}").parse().unwrap();
            for d in 1..=9u32 {
                let v = p * f64::from(d);
                let b = v.to_bits();
                doubles.extend((b.saturating_sub(1)..b + 2).map(f64::from_bits));
            }
        }
        let mut checked = 0;
        let mut comparable_count = 0;
        for x in doubles.into_iter().filter(|x| x.is_finite() && *x != 0.0) {
            for t in texts_around(x) {
                let want = reference(&t);
                assert_eq!(comparable(&t), want, "{t}");
                checked += 1;
                comparable_count += usize::from(want.is_some());
            }
        }
        assert!(checked > 200_000, "{checked}");
        assert!(comparable_count > 20_000, "{comparable_count}");
    }

    #[test]
    fn exactly_representable_numbers_are_comparable() {
        for t in [
            "0",
            "-0",
            "300",
            "300.0",
            "3e2",
            "3.0E2",
            "0.1",
            "1e300",
            "123456789012",
            "-4e-6",
            "1E-300",
            "4.9e-324",
            "1e-323",
            "2.5e-323",
            "4.9e-323",
        ] {
            assert!(comparable(t).is_some(), "{t}");
        }
        assert_eq!(comparable("3.0e2"), Some(300.0));
    }

    #[test]
    fn small_integers_agree_with_the_general_rule() {
        for t in [
            "0",
            "-0",
            "7",
            "-42",
            "007",
            "999999999999999",
            "-100000000000000",
        ] {
            let general = t.parse::<f64>().ok().filter(|_| {
                let x: f64 = t.parse().unwrap();
                normalize(&format!("{x:e}")) == normalize(t)
            });
            assert_eq!(small_integer(t), general, "{t}");
            assert_eq!(comparable(t), general, "{t}");
        }
        assert_eq!(small_integer("1234567890123456"), None);
        assert_eq!(small_integer("1.5"), None);
        assert_eq!(small_integer("-"), None);
    }

    #[test]
    fn inexact_or_overflowing_numbers_are_not() {
        for t in [
            "0.30000000000000001",
            "9007199254740993",
            "1e309",
            "2.0e422",
            "1E-325",
            "12345678901234567890",
            "5e-324",
            "9.9e-324",
            "5e-323",
        ] {
            assert!(comparable(t).is_none(), "{t}");
        }
    }

    #[test]
    fn equality_falls_back_to_text() {
        let big = "9007199254740993";
        assert!(numbers_equal(big, comparable(big), big, comparable(big)));
        let near = "9007199254740992";
        assert!(!numbers_equal(big, comparable(big), near, comparable(near)));
        assert!(numbers_equal("-0", comparable("-0"), "0", comparable("0")));
    }
}
