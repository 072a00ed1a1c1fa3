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

/// The comparable double of a JSON number's text, if it has one.
pub fn comparable(text: &str) -> Option<f64> {
    if let Some(x) = small_integer(text) {
        return Some(x);
    }
    let x: f64 = text.parse().ok()?;
    if !x.is_finite() {
        return None;
    }
    let shortest = format!("{x:e}");
    let mut printed = normalize(&shortest)?;
    // A normal double's two-digit rounding of a one-digit spelling is that
    // digit and 0 (its error is far below a tenth of the digit); only a
    // subnormal's can differ.
    if printed.1.len() == 1 && x.abs() < f64::MIN_POSITIVE {
        let (q, e) = (two_digits(x.abs(), printed.2), printed.2);
        let sign = if printed.0 { "-" } else { "" };
        let two = normalize(&format!("{sign}{}.{}e{e}", q / 10, q % 10))?;
        // Same decade: `4.9e-324` for `5e-324`, but `1e-323` stays (not `9.9e-324`).
        if two.2 + two.1.len() as i64 == printed.2 + 1 {
            printed = two;
        }
    }
    (normalize(text)? == printed).then_some(x)
}

/// The subnormal `x` (a multiple of 2^-1074) rounded to two digits at
/// decimal exponent `e`: `round(x × 10^(1-e))`, from 10 to 100, computed
/// exactly with a small big integer. (The standard library's fixed-precision
/// formatter would do, but it is several kilobytes of the page for this one
/// use.)
fn two_digits(x: f64, e: i64) -> u64 {
    // m × 10^(1-e) in 32-bit limbs, least significant first.
    let m = x.to_bits() & ((1 << 52) - 1);
    let mut limbs: Vec<u32> = vec![m as u32, (m >> 32) as u32];
    for _ in 0..(1 - e).max(0) {
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let v = u64::from(*l) * 10 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let bit = |i: usize| limbs.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1);
    // Quotient by 2^1074 (the bits from 1074 up), then round half to even.
    let q = (1074..limbs.len() * 32)
        .rev()
        .fold(0u64, |q, i| (q << 1) | u64::from(bit(i)));
    let half = bit(1073);
    let below = (0..1073).any(bit);
    if half && (below || q % 2 == 1) {
        q + 1
    } else {
        q
    }
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
pub fn numbers_equal(a_text: &str, a: Option<f64>, b_text: &str, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => a_text == b_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `two_digits` leads to the same spelling as the standard library's exact
    /// formatting on every subnormal whose shortest spelling has one digit,
    /// over a wide sample.
    #[test]
    fn two_digit_rounding_of_subnormals_is_exact() {
        let mut checked = 0;
        // Around every one-digit value d×10^e in the subnormal range, and a spread.
        let near = (-324i32..=-308).flat_map(|e| {
            (1..=9).flat_map(move |d| {
                let m = (f64::from(d) * 10f64.powi(e + 300) * 1e-300 / f64::from_bits(1)) as u64;
                m.saturating_sub(3)..m + 4
            })
        });
        let samples = (1u64..50_000)
            .chain((0..4_000u64).map(|i| i * 1_125_899_906_842 + 7))
            .chain(near);
        for m in samples {
            let x = f64::from_bits(m & ((1 << 52) - 1));
            if x == 0.0 {
                continue;
            }
            let shortest = normalize(&format!("{x:e}")).unwrap();
            if shortest.1.len() != 1 {
                continue;
            }
            // What Java prints, by the same-decade rule, from either rounding.
            let decide = |two: (bool, String, i64)| {
                if two.2 + two.1.len() as i64 == shortest.2 + 1 {
                    two
                } else {
                    shortest.clone()
                }
            };
            let q = two_digits(x, shortest.2);
            let ours = normalize(&format!("{}.{}e{}", q / 10, q % 10, shortest.2)).unwrap();
            let std = normalize(&format!("{x:.1e}")).unwrap();
            assert_eq!(decide(ours), decide(std), "{x:e}");
            checked += 1;
        }
        assert!(checked > 150, "{checked}");
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
