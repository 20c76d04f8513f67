//! `f64` to decimal text, the same text as std's `{}`, `{:.N}`, `{:+}`,
//! `{:e}` and `{:.Ne}`: the shortest digits that read back as the same
//! double (the nearest such when there is a choice), or the value correctly
//! rounded to N digits, ties to even.
//!
//! Written here because std's float formatting (Grisu with a Dragon
//! fallback, their tables and bignums) weighs about 9 kB of the page's
//! gzipped wasm, almost 4 % of its weight budget. This one always computes
//! exactly: the shortest digits of numbers from about 10^−5 to 2^53 in
//! 128-bit integers (about 3× std's time), everything else with the big
//! integers of [`crate::float_parse`] (Steele and White's digit
//! generation, the unoptimised form of Dragon4; about 25× std's time). The
//! tests compare it with std's output. Every `f64` the page's wasm turns into
//! text goes through [`Float`] (one `{}` on an `f64` anywhere it reaches
//! brings std's code back); the CLI may use std's.

use std::cmp::Ordering;
use std::fmt;

use crate::float_parse::Big;

/// An `f64` that formats as std formats an `f64` with `{}`, `{:.N}`, `{:+}`,
/// `{:e}` and `{:.Ne}` (sign, precision; width, fill and `#` are not
/// supported).
#[derive(Clone, Copy)]
pub struct Float(pub f64);

impl fmt::Display for Float {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = f.precision().map_or(Mode::Shortest, Mode::Decimals);
        write(f, self.0, mode, false)
    }
}

impl fmt::LowerExp for Float {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = f
            .precision()
            .map_or(Mode::Shortest, |p| Mode::Significant(p + 1));
        write(f, self.0, mode, true)
    }
}

/// Which digits to write.
#[derive(Clone, Copy)]
enum Mode {
    /// The fewest that read back as the same double.
    Shortest,
    /// This many significant digits (at least 1).
    Significant(usize),
    /// This many after the decimal point.
    Decimals(usize),
}

/// Writes `x` in `mode`, as a decimal or (`exponent`) as d.ddd`e`k.
fn write(f: &mut fmt::Formatter<'_>, x: f64, mode: Mode, exponent: bool) -> fmt::Result {
    if x.is_nan() {
        return f.write_str("NaN");
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    } else if f.sign_plus() {
        out.push('+');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return f.write_str(&out);
    }
    let (digits, k) = if x == 0.0 {
        (Vec::new(), 1)
    } else {
        decimal_digits(x.abs(), mode)
    };
    // The value is 0.d₁d₂…·10^k; missing digits are zeros.
    let digit = |i: i32| {
        let d = usize::try_from(i).ok().and_then(|i| digits.get(i));
        char::from(b'0' + d.copied().unwrap_or(0))
    };
    let len = digits.len() as i32;
    if exponent {
        let shown = match mode {
            Mode::Significant(n) => n as i32,
            _ => len.max(1),
        };
        out.push(digit(0));
        if shown > 1 {
            out.push('.');
            out.extend((1..shown).map(digit));
        }
        out.push('e');
        out.push_str(&(k - 1).to_string());
    } else {
        let decimals = match mode {
            Mode::Decimals(n) => n as i32,
            _ => (len - k).max(0),
        };
        if k <= 0 {
            out.push('0');
        } else {
            out.extend((0..k).map(digit));
        }
        if decimals > 0 {
            out.push('.');
            out.extend((k..k + decimals).map(digit));
        }
    }
    f.write_str(&out)
}

/// A finite `x > 0` as m·2^e (m < 2^53; below 2^52 only for subnormals).
struct Binary {
    m: u64,
    e: i32,
    /// x is a power of two above the least normal, so the double below it
    /// is twice as close as the one above.
    closer_below: bool,
}

fn binary(x: f64) -> Binary {
    let bits = x.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    Binary {
        m,
        e,
        closer_below: fraction == 0 && biased > 1,
    }
}

/// The shortest digits of a finite `x > 0` and their power of ten `k`, as
/// [`decimal_digits`] gives them, computed in 128-bit integers when that
/// can be done exactly: for x = m/2^s below 2^53 whose shortest digits end
/// at most 22 places after the decimal point (every number the page shows
/// or writes in bulk, from about 10^−5 up, and most below). None otherwise.
///
/// Why it is the same: with q decimals, the candidate nearest to x is
/// n = round(m·10^q/2^s), and n/10^q reads back as x exactly when it lies
/// in x's rounding interval, i.e. when r = m·10^q − n·2^s satisfies
/// 2|r| < 10^q (4r < 10^q below a power of two, whose lower neighbour is
/// twice as close). Equality cannot arise before a match: a point halfway
/// between doubles needs more than s decimals, and x itself has s. The
/// least such q gives the fewest digits, and the nearest candidate is the
/// one std chooses (the upper one when two are equally near).
fn shortest_u128(x: f64) -> Option<(Vec<u8>, i32)> {
    let Binary { m, e, closer_below } = binary(x);
    if m < 1 << 52 || !(-120..0).contains(&e) {
        return None; // subnormal, 2^52 and up (no fraction bits), or tiny
    }
    let (m, s) = (u128::from(m), e.unsigned_abs()); // x = m/2^s, 1 ≤ s ≤ 120
    let half = 1u128 << (s - 1);
    let mask = (1u128 << s) - 1;
    let mut ten_q = 1u128;
    for q in 0..=22 {
        let p = m * ten_q; // < 2^53·10^22 < 2^127
        let (mut n, rest) = (p >> s, p & mask);
        // r = p − n·2^s after rounding n to nearest (up at exactly half).
        let (r_below, r_above) = if rest >= half {
            n += 1;
            (0, (1u128 << s) - rest)
        } else {
            (rest, 0)
        };
        let fits = |scaled: u128| scaled < ten_q;
        let below_ok = if closer_below {
            fits(4 * r_below) // r_below < 2^119
        } else {
            fits(2 * r_below)
        };
        if n > 0 && below_ok && fits(2 * r_above) {
            let mut n = n as u64;
            let mut digits = Vec::new();
            while n > 0 {
                digits.push((n % 10) as u8);
                n /= 10;
            }
            let k = digits.len() as i32 - q;
            digits.reverse();
            while digits.last() == Some(&0) {
                digits.pop();
            }
            return Some((digits, k));
        }
        ten_q *= 10;
    }
    None
}

/// The decimal digits of a finite `x > 0` in `mode` and the power of ten
/// `k` with x ≈ 0.d₁d₂…·10^k (trailing zeros may be left out; no digits
/// at all means 0).
fn decimal_digits(x: f64, mode: Mode) -> (Vec<u8>, i32) {
    if let Some(short) = matches!(mode, Mode::Shortest)
        .then(|| shortest_u128(x))
        .flatten()
    {
        return short;
    }
    let Binary { m, e, closer_below } = binary(x);
    // x = m·2^e. In units of 2^(e−2), with x = r/s: x = 4m, and the points
    // halfway to the neighbouring doubles are 2 above and 2 below (1 below
    // when x is a power of two, the doubles below being twice as dense).
    let mut r = Big::from_u64(4 * m);
    let mut s = Big::from_u64(1);
    let mut high = Big::from_u64(2);
    let mut low = Big::from_u64(if closer_below { 1 } else { 2 });
    if e >= 2 {
        for b in [&mut r, &mut high, &mut low] {
            b.shl((e - 2) as u32);
        }
    } else {
        s.shl((2 - e) as u32);
    }
    // Halfway points read back as x when m is even (ties to even).
    let inclusive = m % 2 == 0;
    let shortest = matches!(mode, Mode::Shortest);
    // k: the least with x < 10^k, or for the shortest digits with the
    // whole interval below 10^k. Estimated low from the binary exponent,
    // then raised.
    let bit_len = 64 - m.leading_zeros() as i32;
    let mut k = (f64::from(e + bit_len - 1) * std::f64::consts::LOG10_2).ceil() as i32 - 1;
    if k >= 0 {
        s.mul_pow10(k as u32);
    } else {
        for b in [&mut r, &mut high, &mut low] {
            b.mul_pow10(k.unsigned_abs());
        }
    }
    loop {
        let top = if shortest { sum(&r, &high) } else { r.clone() };
        let reached = match top.cmp(&s) {
            Ordering::Less => false,
            Ordering::Equal => !shortest || inclusive,
            Ordering::Greater => true,
        };
        if !reached {
            break;
        }
        s.mul_add_small(10, 0);
        k += 1;
    }
    let mut digits = Vec::new();
    let count = match mode {
        Mode::Shortest => usize::MAX,
        Mode::Significant(n) => n.max(1),
        Mode::Decimals(n) => match usize::try_from(k + n as i32) {
            Ok(count) => count,
            // Below a tenth of the last decimal's unit: rounds to zero.
            Err(_) => return (digits, k),
        },
    };
    // Each step: one more digit, r the rest below it (0 ≤ r < s).
    let mut round_up = loop {
        if digits.len() == count {
            // Round the rest: up beyond half a unit, to even at exactly half.
            let twice = sum(&r, &r);
            break match twice.cmp(&s) {
                Ordering::Less => false,
                Ordering::Equal => digits.last().is_some_and(|d| d % 2 == 1),
                Ordering::Greater => true,
            };
        }
        r.mul_add_small(10, 0);
        let mut d = 0;
        while r.cmp(&s) != Ordering::Less {
            r.sub(&s);
            d += 1;
        }
        digits.push(d);
        if shortest {
            high.mul_add_small(10, 0);
            low.mul_add_small(10, 0);
            // Whether the digits so far, or one more in the last place,
            // read back as x: the first time either does, they are the
            // shortest; the nearer one is taken, the upper one at a tie.
            let below = match r.cmp(&low) {
                Ordering::Less => true,
                Ordering::Equal => inclusive,
                Ordering::Greater => false,
            };
            let above = match sum(&r, &high).cmp(&s) {
                Ordering::Less => false,
                Ordering::Equal => inclusive,
                Ordering::Greater => true,
            };
            if below || above {
                break above && (!below || sum(&r, &r).cmp(&s) != Ordering::Less);
            }
        }
    };
    // Adding one in the last place carries through trailing nines.
    while round_up {
        match digits.pop() {
            Some(9) => {}
            Some(d) => {
                digits.push(d + 1);
                round_up = false;
            }
            None => {
                digits.push(1);
                k += 1;
                round_up = false;
            }
        }
    }
    (digits, k)
}

fn sum(a: &Big, b: &Big) -> Big {
    let mut total = a.clone();
    total.add(b);
    total
}

#[cfg(test)]
#[path = "float_format_tests.rs"]
mod tests;
