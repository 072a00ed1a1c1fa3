//! Whether a decimal is the text Java prints for a double — decided with the
//! parser and, in rare near-ties, exact arithmetic, never by formatting the
//! double (the standard library's float printing is ~10 KB of the page).
//!
//! Java prints the shortest digits that read back as the double, the nearest
//! such when several have that length; one-digit subnormals get a second digit
//! (module docs of `number`).

use super::exact;
use std::cmp::Ordering;

/// `digits × 10^exp` (no leading or trailing zeros) is how Java prints the
/// positive finite `x`.
pub fn is_java_spelling(x: f64, digits: &str, exp: i64) -> bool {
    if digits.len() > 17 {
        return false;
    }
    if x < f64::MIN_POSITIVE {
        if let Some((d, e)) = one_digit_subnormal(x) {
            return d == digits && e == exp;
        }
    }
    is_shortest(x, digits, exp) && is_nearest(x, digits, exp)
}

/// `digits × 10^exp` reads back as `x`.
fn reads_as(x: f64, digits: &str, exp: i64) -> bool {
    format!("{digits}e{exp}").parse::<f64>() == Ok(x)
}

/// No decimal with fewer digits reads back as `x`. The decimals that read as
/// `x` form an interval around this one, so if any shorter one does, so does
/// one of the two nearest on the grid one digit coarser (a power of ten
/// between them and this one lies on that grid too).
fn is_shortest(x: f64, digits: &str, exp: i64) -> bool {
    if digits.len() < 2 {
        return true;
    }
    let Ok(down) = digits[..digits.len() - 1].parse::<u64>() else {
        return false;
    };
    !reads_as(x, &down.to_string(), exp + 1) && !reads_as(x, &(down + 1).to_string(), exp + 1)
}

/// No other decimal of as many digits that reads back as `x` is nearer to it.
/// Only the neighbours on the same grid can be (below `1`, the grid is ten
/// times finer: `9` one place down). A tie goes to the larger decimal, as
/// the standard library's shortest formatting decides it (checked against it
/// in the tests); Java 19+ would pick the even digit, and AWS's Java is not
/// known, so ties (`2138389708628431.25`) keep the behaviour this had.
fn is_nearest(x: f64, digits: &str, exp: i64) -> bool {
    let Ok(v) = digits.parse::<u64>() else {
        return false;
    };
    let above_wins = reads_as(x, &(v + 1).to_string(), exp)
        && exact::compare(x, 1, 2 * v + 1, exp) != Ordering::Less;
    let below_wins = if v == 1 {
        reads_as(x, "9", exp - 1) && exact::compare(x, 1, 19, exp - 1) == Ordering::Less
    } else {
        reads_as(x, &(v - 1).to_string(), exp)
            && exact::compare(x, 1, 2 * v - 1, exp) == Ordering::Less
    };
    !above_wins && !below_wins
}

/// Powers of ten through the subnormal range, as doubles.
const SUBNORMAL_DECADES: [f64; 17] = [
    1e-324, 1e-323, 1e-322, 1e-321, 1e-320, 1e-319, 1e-318, 1e-317, 1e-316, 1e-315, 1e-314, 1e-313,
    1e-312, 1e-311, 1e-310, 1e-309, 1e-308,
];

/// What Java prints for a subnormal whose shortest spelling has one digit:
/// the double rounded to two digits at that digit's place (`4.9e-324` for
/// `5e-324`) unless that changes its decade (`1e-323` stays, not `9.9e-324`).
/// `None` when the shortest spelling is longer.
fn one_digit_subnormal(x: f64) -> Option<(String, i64)> {
    // The decade of x; off by one only for x next to a power of ten, where
    // either decade rounds to that power.
    let lead = SUBNORMAL_DECADES.iter().rposition(|&p| x >= p).unwrap_or(0) as i64 - 324;
    let (d, e) = match exact::subnormal_rounded(x, lead) {
        0 => return None,
        10 => (1, lead + 1),
        d => (d, lead),
    };
    if !reads_as(x, &d.to_string(), e) {
        return None;
    }
    let two = exact::subnormal_rounded(x, e - 1);
    let (two_digits, two_exp) = match two {
        100 => (1, e + 1),
        t if t % 10 == 0 => (t / 10, e),
        t => (t, e - 1),
    };
    let two_len = if two_digits >= 10 { 2 } else { 1 };
    Some(if two_exp + two_len - 1 == e {
        (two_digits.to_string(), two_exp)
    } else {
        (d.to_string(), e)
    })
}
