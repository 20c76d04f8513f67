//! Hyperbolic ratios that distributed elements need, evaluated stably for
//! every complex argument with Re x > 0 (the two-rail line, the finite
//! Warburg elements).
//!
//! For |x| ≥ [`SERIES_BELOW`] they are written with e^(−x), which never
//! overflows when Re x > 0 (so coth x → 1 and 1/sinh x → 2e^(−x) for large
//! |x| without special cases); below it the singular part is separated and
//! the rest summed from its Taylor series, so that no 1/x² − 1/x² cancels.

use num_complex::Complex64;

/// Below this |x| the ratios are summed from their series.
pub const SERIES_BELOW: f64 = 0.05;

/// coth(x)/x for Re x > 0 (singular at 0, where it is 1/x² + 1/3 + O(x²)).
pub fn coth_over_x(x: Complex64) -> Complex64 {
    if x.norm() < SERIES_BELOW {
        let x2 = x * x;
        x2.inv() + coth_over_x_regular(x2)
    } else {
        coth_and_two_csch_over_x(x).0
    }
}

/// (coth(x)/x, 2/(x·sinh x)) for Re x > 0, |x| ≥ [`SERIES_BELOW`], from one
/// exponential e = e^(−x): coth(x)/x = (1 + e²)/((1 − e²)·x) and
/// 2/(x·sinh x) = 4e/((1 − e²)·x).
pub fn coth_and_two_csch_over_x(x: Complex64) -> (Complex64, Complex64) {
    let e1 = (-x).exp();
    let e2 = e1 * e1;
    let d = ((1.0 - e2) * x).inv();
    ((1.0 + e2) * d, 4.0 * e1 * d)
}

/// coth(x)/x − 1/x² as a function of x², from its series (small |x| only).
pub fn coth_over_x_regular(x2: Complex64) -> Complex64 {
    horner(x2, &COTH_OVER_X_REGULAR)
}

/// coth(x)/x − 1/x² = 1/3 − x²/45 + 2x⁴/945 − x⁶/4725 + 2x⁸/93555 + …
const COTH_OVER_X_REGULAR: [f64; 5] = [
    1.0 / 3.0,
    -1.0 / 45.0,
    2.0 / 945.0,
    -1.0 / 4725.0,
    2.0 / 93555.0,
];

/// x²·d/d(x²) of [`coth_over_x_regular`] (small |x| only).
pub fn coth_over_x_regular_slope(x2: Complex64) -> Complex64 {
    horner_slope(x2, &COTH_OVER_X_REGULAR)
}

/// 2/(x·sinh x) for Re x > 0, |x| ≥ [`SERIES_BELOW`] (singular at 0).
pub fn two_over_x_sinh_x(x: Complex64) -> Complex64 {
    coth_and_two_csch_over_x(x).1
}

/// 2/(x·sinh x) − 2/x² as a function of x², from its series (small |x| only).
pub fn two_over_x_sinh_x_regular(x2: Complex64) -> Complex64 {
    horner(x2, &TWO_OVER_X_SINH_X_REGULAR)
}

/// 2/(x·sinh x) − 2/x² = −1/3 + 7x²/180 − 31x⁴/7560 + 127x⁶/302400 − 73x⁸/1710720 + …
const TWO_OVER_X_SINH_X_REGULAR: [f64; 5] = [
    -1.0 / 3.0,
    7.0 / 180.0,
    -31.0 / 7560.0,
    127.0 / 302400.0,
    -73.0 / 1710720.0,
];

/// x²·d/d(x²) of [`two_over_x_sinh_x_regular`] (small |x| only).
pub fn two_over_x_sinh_x_regular_slope(x2: Complex64) -> Complex64 {
    horner_slope(x2, &TWO_OVER_X_SINH_X_REGULAR)
}

/// x²·d/d(x²) of coth(x)/x and of 2/(x·sinh x) for |x| ≥ [`SERIES_BELOW`],
/// given their values `coth_over_x` (C) and `two_over_x_sinh_x` (T):
/// x·C′ = −C − (x·T/2)² (as x·csch x = x·T/2) and x·T′ = −T·(1 + x·coth x);
/// the slope in x² is half the slope in x.
pub fn coth_and_two_csch_over_x_slopes(
    x: Complex64,
    coth_over_x: Complex64,
    two_over_x_sinh_x: Complex64,
) -> (Complex64, Complex64) {
    // x·(x·C) = x·coth x rather than x²·C: x² may overflow where x·coth x does not.
    let half_xt = 0.5 * x * two_over_x_sinh_x;
    (
        -0.5 * (coth_over_x + half_xt * half_xt),
        -0.5 * two_over_x_sinh_x * (1.0 + x * (x * coth_over_x)),
    )
}

/// tanh(x/2)/x for Re x ≥ 0 (regular at 0, where it is 1/2).
pub fn tanh_half_over_x(x: Complex64) -> Complex64 {
    tanh_half_over_x_of_norm(x, x.norm())
}

/// [`tanh_half_over_x`] when |x| (`x_norm`) is already known.
pub fn tanh_half_over_x_of_norm(x: Complex64, x_norm: f64) -> Complex64 {
    if x_norm < SERIES_BELOW {
        horner(x * x, &TANH_HALF_OVER_X)
    } else {
        let e1 = (-x).exp();
        (1.0 - e1) / ((1.0 + e1) * x)
    }
}

/// tanh(x/2)/x = 1/2 − x²/24 + x⁴/240 − 17x⁶/40320 + 31x⁸/725760 + …
const TANH_HALF_OVER_X: [f64; 5] = [
    0.5,
    -1.0 / 24.0,
    1.0 / 240.0,
    -17.0 / 40320.0,
    31.0 / 725760.0,
];

/// H = tanh(x/2)/x and its slope x²·dH/d(x²) for Re x ≥ 0, |x| = `x_norm`:
/// x·H′ = sech²(x/2)/2 − H, with sech²(x/2) = 4e/(1 + e)², e = e^(−x).
pub fn tanh_half_over_x_and_slope(x: Complex64, x_norm: f64) -> (Complex64, Complex64) {
    if x_norm < SERIES_BELOW {
        let x2 = x * x;
        (
            horner(x2, &TANH_HALF_OVER_X),
            horner_slope(x2, &TANH_HALF_OVER_X),
        )
    } else {
        let e1 = (-x).exp();
        let one_plus = 1.0 + e1;
        let h = (1.0 - e1) / (one_plus * x);
        let sech2 = 4.0 * e1 / (one_plus * one_plus);
        (h, 0.5 * (0.5 * sech2 - h))
    }
}

/// tanh(x)/x for Re x ≥ 0 (regular at 0, where it is 1): 2·tanh(2x/2)/(2x).
pub fn tanh_over_x(x: Complex64) -> Complex64 {
    2.0 * tanh_half_over_x(2.0 * x)
}

/// Σ c_k·t^k by Horner's rule.
fn horner(t: Complex64, coefficients: &[f64]) -> Complex64 {
    coefficients
        .iter()
        .rev()
        .fold(Complex64::new(0.0, 0.0), |acc, &c| acc * t + c)
}

/// t·d/dt of Σ c_k·t^k, that is Σ k·c_k·t^k, by Horner's rule.
fn horner_slope(t: Complex64, coefficients: &[f64]) -> Complex64 {
    let inner = coefficients
        .iter()
        .enumerate()
        .skip(1)
        .rev()
        .fold(Complex64::new(0.0, 0.0), |acc, (k, &c)| {
            acc * t + k as f64 * c
        });
    inner * t
}

#[cfg(test)]
mod tests;
