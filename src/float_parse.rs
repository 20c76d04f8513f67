//! Decimal text to `f64`, correctly rounded (round half to even), with the
//! grammar of `str::parse::<f64>`: `[+-]` then `inf`, `infinity`, `nan`
//! (any case) or digits with an optional `.` and an optional `e`/`E`
//! exponent; no spaces.
//!
//! Written here because std's parser carries a 10 kB table of powers of five
//! (its Eisel–Lemire fast path) into the page's wasm, a twentieth of the
//! page weight budget. This one takes a short exact path (at most 15 digits
//! and |exponent| ≤ 22: one IEEE operation on exact operands), then an exact
//! one in u128 (at most 19 digits, 10^±26), and otherwise computes with big
//! integers: the value's leading 64 bits plus a sticky bit for everything
//! below are enough to round correctly. The tests compare it
//! bit for bit with std's parser.

use std::cmp::Ordering;

/// Significant digits kept. A tie between two doubles has at most 767
/// significant digits, so replacing the digits after the 800th by a single
/// nonzero one (when any is nonzero) never moves a value across one.
const MAX_DIGITS: usize = 800;

/// 10^k for k ≤ 22, all exact in f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses `text` as `str::parse::<f64>` does; None where it gives an error.
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let magnitude = parse_magnitude(rest)?;
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_magnitude(b: &[u8]) -> Option<f64> {
    if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        return Some(f64::INFINITY);
    }
    if b.eq_ignore_ascii_case(b"nan") {
        return Some(f64::NAN);
    }
    // Significant digits (no leading zeros) and the power of ten of the last.
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10: i64 = 0;
    let mut dropped_nonzero = false;
    let mut any_digit = false;
    let mut i = 0;
    let mut push = |d: u8, fraction: bool, digits: &mut Vec<u8>, exp10: &mut i64| {
        if digits.is_empty() && d == 0 {
            *exp10 -= i64::from(fraction);
        } else if digits.len() < MAX_DIGITS {
            digits.push(d);
            *exp10 -= i64::from(fraction);
        } else {
            dropped_nonzero |= d != 0;
            *exp10 += i64::from(!fraction);
        }
    };
    while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
        push(d - b'0', false, &mut digits, &mut exp10);
        any_digit = true;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            push(d - b'0', true, &mut digits, &mut exp10);
            any_digit = true;
            i += 1;
        }
    }
    if !any_digit {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            // Beyond 10^15 every value is 0 or ∞ whatever the digits.
            e = (e * 10 + i64::from(d - b'0')).min(1_000_000_000_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 = exp10.saturating_add(if negative { -e } else { e });
    }
    if i != b.len() {
        return None;
    }
    if dropped_nonzero {
        digits.push(1);
        exp10 -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    Some(convert(&digits, exp10))
}

/// The double nearest to digits × 10^exp10 (digits without leading zeros).
fn convert(digits: &[u8], exp10: i64) -> f64 {
    let n = digits.len() as i64;
    if n == 0 {
        return 0.0;
    }
    // value ≥ 10^(n + exp10 − 1) > f64::MAX, or < 10^(n + exp10) < 2^−1075.
    if n + exp10 > 310 {
        return f64::INFINITY;
    }
    if n + exp10 < -324 {
        return 0.0;
    }
    if n <= 19 {
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d));
        if n <= 15 && (-22..=22).contains(&exp10) {
            let (m, p) = (m as f64, POW10[exp10.unsigned_abs() as usize]);
            return if exp10 >= 0 { m * p } else { m / p };
        }
        // 10^e = 5^e·2^e, computed in u128: m < 2^64 times 5^e < 2^64, or
        // m·2^s ≥ 2^126 over 5^k < 2^61 (a quotient of at least 65 bits).
        let k = exp10.unsigned_abs() as u32;
        if (0..=27).contains(&exp10) {
            return round_u128(u128::from(m) * 5u128.pow(k), false, exp10);
        }
        if (-26..0).contains(&exp10) {
            let s = u128::from(m).leading_zeros() - 1;
            let x = u128::from(m) << s;
            let p = 5u128.pow(k);
            return round_u128(x / p, x % p != 0, exp10 - i64::from(s));
        }
    }
    let mut d = Big::from_digits(digits);
    if exp10 >= 0 {
        d.mul_pow10(exp10 as u32);
        let (top, sticky, e2) = d.top64();
        round(top, sticky, e2)
    } else {
        let mut p = Big::from_digits(&[1]);
        p.mul_pow10(exp10.unsigned_abs() as u32);
        // Scale so that the quotient has 65 or 66 bits: value = q·2^t.
        let t = d.bit_len() as i64 - p.bit_len() as i64 - 65;
        if t < 0 {
            d.shl((-t) as u32);
        } else {
            p.shl(t as u32);
        }
        let (q, rest_nonzero) = d.divide(&p);
        round_u128(q, rest_nonzero, t)
    }
}

/// [`round`] of (q + s)·2^e2, q > 0, with 0 < s < 1 when `sticky`, which
/// only a q ≥ 2^64 may have (its own low bits then hold the rounding).
fn round_u128(q: u128, sticky: bool, e2: i64) -> f64 {
    let bits = 128 - i64::from(q.leading_zeros());
    if bits <= 64 {
        let shift = 64 - bits;
        return round((q as u64) << shift, sticky, e2 - shift);
    }
    let drop = bits - 64;
    let sticky = sticky || q & ((1u128 << drop) - 1) != 0;
    round((q >> drop) as u64, sticky, e2 + drop)
}

/// The double nearest to (top + s)·2^e2, where top has bit 63 set and
/// 0 < s < 1 when `sticky` (s = 0 otherwise); ties to even.
fn round(top: u64, sticky: bool, e2: i64) -> f64 {
    // Exponent of the leading bit.
    let lead = e2 + 63;
    if lead > 1023 {
        return f64::INFINITY;
    }
    // Bits below the last one kept: 11 for normals (53 kept), more below 2^−1022.
    let drop = if lead >= -1022 { 11 } else { -1011 - lead };
    if drop > 64 {
        return 0.0;
    }
    let (kept, rest, half) = if drop == 64 {
        (0, top, 1u64 << 63)
    } else {
        (top >> drop, top & ((1u64 << drop) - 1), 1u64 << (drop - 1))
    };
    let up = rest > half || (rest == half && (sticky || kept & 1 == 1));
    let k = kept + u64::from(up);
    if lead < -1022 {
        // A subnormal; k = 2^52 is the smallest normal, the same bits.
        return f64::from_bits(k);
    }
    let (k, biased) = if k == 1 << 53 {
        (k >> 1, lead + 1024)
    } else {
        (k, lead + 1023)
    };
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (k & ((1 << 52) - 1)))
}

/// A nonnegative big integer, 32-bit limbs, least significant first (also
/// the exact arithmetic of [`crate::float_format`]).
#[derive(Clone)]
pub(crate) struct Big(Vec<u32>);

impl Big {
    pub(crate) fn from_u64(v: u64) -> Big {
        Big(vec![v as u32, (v >> 32) as u32])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            big.mul_add_small(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// self = self·m + a.
    pub(crate) fn mul_add_small(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in self.0.iter_mut() {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    pub(crate) fn mul_pow10(&mut self, mut k: u32) {
        while k >= 9 {
            self.mul_add_small(1_000_000_000, 0);
            k -= 9;
        }
        self.mul_add_small(10u32.pow(k), 0);
    }

    fn bit_len(&self) -> u32 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(top) => 32 * top as u32 + (32 - self.0[top].leading_zeros()),
            None => 0,
        }
    }

    pub(crate) fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut() {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let v = (*limb >> 1) | (carry << 31);
            carry = *limb & 1;
            *limb = v;
        }
    }

    pub(crate) fn cmp(&self, other: &Big) -> Ordering {
        let (a, b) = (self.bit_len(), other.bit_len());
        if a != b {
            return a.cmp(&b);
        }
        let n = a.div_ceil(32) as usize;
        for k in (0..n).rev() {
            let (x, y) = (
                self.0.get(k).copied().unwrap_or(0),
                other.0.get(k).copied().unwrap_or(0),
            );
            if x != y {
                return x.cmp(&y);
            }
        }
        Ordering::Equal
    }

    /// self += other.
    pub(crate) fn add(&mut self, other: &Big) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut carry = 0u64;
        for (k, limb) in self.0.iter_mut().enumerate() {
            let v = u64::from(*limb) + u64::from(other.0.get(k).copied().unwrap_or(0)) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// self −= other (other ≤ self).
    pub(crate) fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (k, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(k).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = v.rem_euclid(1 << 32) as u32;
        }
    }

    /// ⌊self / p⌋ (must be < 2^127) and whether a remainder is left.
    fn divide(mut self, p: &Big) -> (u128, bool) {
        let shift = self.bit_len().saturating_sub(p.bit_len());
        let mut step = p.clone();
        step.shl(shift);
        let mut q = 0u128;
        for _ in 0..=shift {
            q <<= 1;
            if self.cmp(&step) != Ordering::Less {
                self.sub(&step);
                q |= 1;
            }
            step.shr1();
        }
        (q, self.bit_len() > 0)
    }

    /// The leading 64 bits (bit 63 set), whether any bit below is set, and
    /// the power of two of the last: self ≈ top·2^e2. Self must not be 0.
    fn top64(&self) -> (u64, bool, i64) {
        let len = self.bit_len();
        // The 128 bits ending with the top limb, as one u128.
        let top_limb = (len.div_ceil(32) as usize).max(1) - 1;
        let limb = |k: usize| u128::from(self.0.get(k).copied().unwrap_or(0));
        let window = (limb(top_limb) << 96)
            | top_limb.checked_sub(1).map_or(0, |k| limb(k) << 64)
            | top_limb.checked_sub(2).map_or(0, |k| limb(k) << 32)
            | top_limb.checked_sub(3).map_or(0, limb);
        let sticky_limbs = self.0[..top_limb.saturating_sub(3)].iter().any(|&l| l != 0);
        // window·2^e2 = self without the limbs below the window.
        let e2 = 32 * (top_limb as i64 - 3);
        let bits = 128 - i64::from(window.leading_zeros());
        if bits <= 64 {
            let shift = 64 - bits;
            return ((window as u64) << shift, sticky_limbs, e2 - shift);
        }
        let drop = bits - 64;
        let sticky = sticky_limbs || window & ((1u128 << drop) - 1) != 0;
        ((window >> drop) as u64, sticky, e2 + drop)
    }
}

#[cfg(test)]
#[path = "float_parse_tests.rs"]
mod tests;
