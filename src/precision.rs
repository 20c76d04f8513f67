//! Numbers as people read them next to their uncertainty: the error with
//! two significant digits and the value rounded to the same decimal place
//! (the convention of the GUM, JCGM 100:2008 §7.2.6, and of most journals),
//! e.g. 12.3456 ± 0.0234 → "12.346 ± 0.023"; a common power of ten when the
//! numbers are very large or small, (1.234 ± 0.023) × 10⁻⁵. Every place
//! that prints a value ± error (the page, the CLI's sentences) calls
//! [`plus_minus`]; [`significant`] writes a number alone.

/// Values from 10⁻³ up to (not including) 10⁵ are written without a power
/// of ten.
const PLAIN_RANGE: std::ops::Range<f64> = 1e-3..1e5;

/// The most significant digits a value is written with: an f64 carries
/// 15 decimal digits safely (`f64::DIGITS`), more are rounding noise.
const MAX_DIGITS: i32 = f64::DIGITS as i32;

/// The decade of `x`'s leading digit once rounded to [`MAX_DIGITS`]
/// significant digits (0 for 0): 9.999…9 rounds up to the next one.
fn decade(x: f64) -> i32 {
    if x == 0.0 {
        return 0;
    }
    let lead = x.abs().log10().floor() as i32;
    let rounded = (x.abs() / 10f64.powi(lead - MAX_DIGITS + 1)).round();
    lead + i32::from(rounded >= 10f64.powi(MAX_DIGITS))
}

/// A value and its error rounded alike, written with a shared power of ten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounded {
    /// The value's digits, e.g. "1.234" or "-12.35".
    pub value: String,
    /// The error's digits (two significant), e.g. "0.023".
    pub error: String,
    /// The power of ten both are multiplied by (0 when none is needed).
    pub exponent: i32,
}

/// Rounds `value` and `error` (> 0, finite) as in the module's
/// documentation; None when the error is not a finite number > 0 or the
/// value is not finite.
pub fn round_to_error(value: f64, error: f64) -> Option<Rounded> {
    if !(value.is_finite() && error.is_finite() && error > 0.0) {
        return None;
    }
    // The error's leading decade after rounding it to two digits.
    let mut lead = error.log10().floor() as i32;
    if (error / 10f64.powi(lead - 1)).round() >= 100.0 {
        lead += 1;
    }
    let largest = value.abs().max(error);
    let exponent = if PLAIN_RANGE.contains(&largest) {
        0
    } else {
        largest.log10().floor() as i32
    };
    // Decimal places of the mantissas: the error's second digit; when that
    // digit lies left of the point, round there first (12345.6 ± 234 →
    // 12350 ± 230). The value keeps at most MAX_DIGITS significant digits:
    // an error below that is rounding noise of an f64, and is written as
    // at least one unit of the value's last digit.
    let places_of_error = exponent - (lead - 1);
    let places = places_of_error.min(MAX_DIGITS - 1 - (decade(value) - exponent));
    let decimals = places.max(0) as usize;
    let scale = 10f64.powi(exponent);
    let (mut v, mut e) = (value / scale, error / scale);
    if places < 0 {
        let step = 10f64.powi(-places);
        v = (v / step).round() * step;
        e = (e / step).round() * step;
    }
    if places < places_of_error {
        e = e.max(10f64.powi(-places));
    }
    let mut value_text = format!("{v:.decimals$}");
    if value_text.starts_with('-') && value_text[1..].chars().all(|c| c == '0' || c == '.') {
        value_text.remove(0);
    }
    Some(Rounded {
        value: value_text,
        error: format!("{e:.decimals$}"),
        exponent,
    })
}

/// "value ± error unit": "12.346 ± 0.023 Ω", "(1.234 ± 0.023) × 10⁻⁵ F";
/// without a usable error, the value with 4 significant digits. `unit` may
/// be empty.
pub fn plus_minus(value: f64, error: Option<f64>, unit: &str) -> String {
    let space = if unit.is_empty() { "" } else { " " };
    match error.and_then(|e| round_to_error(value, e)) {
        Some(r) if r.exponent == 0 => format!("{} ± {}{space}{unit}", r.value, r.error),
        Some(r) => format!(
            "({} ± {}) × 10{}{space}{unit}",
            r.value,
            r.error,
            superscript(r.exponent)
        ),
        None => format!("{}{space}{unit}", significant(value, 4)),
    }
}

/// `value` alone rounded to the decimal place [`plus_minus`] would give it
/// beside `error` ("12.346" for 12.3456 ± 0.0234, "1.234 × 10⁻⁵"); four
/// significant digits without a usable error.
pub fn rounded_like(value: f64, error: Option<f64>) -> String {
    match error.and_then(|e| round_to_error(value, e)) {
        Some(r) if r.exponent == 0 => r.value,
        Some(r) => format!("{} × 10{}", r.value, superscript(r.exponent)),
        None => significant(value, 4),
    }
}

/// `x` with `digits` (≥ 1) significant digits, a power of ten written as
/// × 10ⁿ outside 10⁻³ … 10⁵; "NaN", "∞" and "−∞" for the others.
pub fn significant(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "−∞" }.into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let digits = digits.max(1) as i32;
    let mut lead = x.abs().log10().floor() as i32;
    if (x.abs() / 10f64.powi(lead - digits + 1)).round() >= 10f64.powi(digits) {
        lead += 1;
    }
    if PLAIN_RANGE.contains(&x.abs()) {
        let decimals = (digits - 1 - lead).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        let decimals = (digits - 1) as usize;
        format!(
            "{:.decimals$} × 10{}",
            x / 10f64.powi(lead),
            superscript(lead)
        )
    }
}

/// An integer in superscript digits: −5 → "⁻⁵".
fn superscript(n: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::new();
    if n < 0 {
        out.push('⁻');
    }
    for c in n.unsigned_abs().to_string().chars() {
        out.push(DIGITS[c as usize - '0' as usize]);
    }
    out
}

#[cfg(test)]
mod tests;
