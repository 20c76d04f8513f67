//! A small, robust bracketing root finder for the solves that have no closed
//! form (temperature from an Arrhenius-with-1/T or VTF conductivity, and as an
//! independent check of the closed-form design solves).

use crate::error::{Error, Result};

/// Finds x in [`lo`, `hi`] with f(x) = 0 by bisection, for a continuous `f`
/// whose values at the two ends have opposite signs (or one is zero).
///
/// Stops when the bracket is narrower than `rel_tol`·max(|lo|, |hi|) (plus
/// a tiny absolute floor), or after 200 halvings (enough for any pair of
/// finite f64 ends). Bisection never leaves the bracket, so a monotone `f`
/// always gives its unique root.
///
/// Errors: a non-finite or reversed bracket, end values of the same sign
/// (no root bracketed), or `f` returning NaN.
pub fn bisect<F: FnMut(f64) -> f64>(mut f: F, lo: f64, hi: f64, rel_tol: f64) -> Result<f64> {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(Error::Numerical(format!(
            "root bracket [{lo}, {hi}] is not a finite interval"
        )));
    }
    let (mut a, mut b) = (lo, hi);
    let fa = f(a);
    let fb = f(b);
    if fa.is_nan() || fb.is_nan() {
        return Err(Error::Numerical(
            "function is undefined at the ends of the bracket".into(),
        ));
    }
    if fa == 0.0 {
        return Ok(a);
    }
    if fb == 0.0 {
        return Ok(b);
    }
    if (fa > 0.0) == (fb > 0.0) {
        return Err(Error::Numerical(format!(
            "no sign change on [{lo}, {hi}]: no root bracketed"
        )));
    }
    let a_positive = fa > 0.0;
    let tol = rel_tol.max(f64::EPSILON) * a.abs().max(b.abs()) + f64::MIN_POSITIVE;
    for _ in 0..200 {
        let mid = 0.5 * (a + b);
        if b - a <= tol || mid <= a || mid >= b {
            return Ok(mid);
        }
        let fm = f(mid);
        if fm.is_nan() {
            return Err(Error::Numerical(format!("function is undefined at {mid}")));
        }
        if fm == 0.0 {
            return Ok(mid);
        }
        if (fm > 0.0) == a_positive {
            a = mid;
        } else {
            b = mid;
        }
    }
    Ok(0.5 * (a + b))
}

#[cfg(test)]
mod tests;
