//! Exact arithmetic on doubles and decimals, for the few questions a parser
//! cannot answer: which of two decimals is nearer a double, and a subnormal's
//! rounding to two digits.
//!
//! Hand-written rather than the standard library's float formatting: that is
//! ~10 KB of the page's gzip budget for these rare cases, and a big-integer
//! crate would cost more than these few lines.

use std::cmp::Ordering;

/// A non-negative integer in 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    fn mul_small(&mut self, by: u32) {
        let mut carry = 0u64;
        for limb in self.0.iter_mut() {
            let v = u64::from(*limb) * u64::from(by) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// Multiplies by 10^n, nine digits per pass.
    fn mul_pow10(&mut self, mut n: u64) {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n as u32));
    }

    /// Multiplies by 2^n.
    fn shl(&mut self, n: u64) {
        let (words, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            self.mul_small(1 << bits);
        }
        self.0.splice(0..0, std::iter::repeat_n(0, words));
    }

    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    fn significant_limbs(&self) -> &[u32] {
        let end = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        &self.0[..end]
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let (a, b) = (self.significant_limbs(), other.significant_limbs());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}

/// A finite positive double as `m × 2^k` with an integer `m`.
fn parts(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    }
}

/// Compares `x × 2^twice` (`twice` is 0 or 1) with `c × 10^p`, exactly.
pub fn compare(x: f64, twice: u64, c: u64, p: i64) -> Ordering {
    let (m, k) = parts(x);
    let k = k + twice as i64;
    let (mut left, mut right) = (Big::from_u64(m), Big::from_u64(c));
    if k >= 0 {
        left.shl(k as u64);
    } else {
        right.shl(k.unsigned_abs());
    }
    if p >= 0 {
        right.mul_pow10(p as u64);
    } else {
        left.mul_pow10(p.unsigned_abs());
    }
    left.cmp(&right)
}

/// A subnormal `x` (a multiple of 2^-1074) divided by 10^e (e ≤ 0) and
/// rounded half to even to an integer — for e at most two below `x`'s
/// leading digit, a number below 1,000.
pub fn subnormal_rounded(x: f64, e: i64) -> u64 {
    let (m, _) = parts(x);
    let mut n = Big::from_u64(m);
    n.mul_pow10((-e).max(0) as u64);
    // Quotient by 2^1074 (the bits from 1074 up), then round half to even.
    let q = (1074..n.0.len() * 32)
        .rev()
        .fold(0u64, |q, i| (q << 1) | u64::from(n.bit(i)));
    let half = n.bit(1073);
    let below = (0..1073).any(|i| n.bit(i));
    if half && (below || q % 2 == 1) {
        q + 1
    } else {
        q
    }
}
