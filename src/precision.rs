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
    // 12350 ± 230).
    let places = exponent - (lead - 1);
    let decimals = places.max(0) as usize;
    let scale = 10f64.powi(exponent);
    let (mut v, mut e) = (value / scale, error / scale);
    if places < 0 {
        let step = 10f64.powi(-places);
        v = (v / step).round() * step;
        e = (e / step).round() * step;
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
mod tests {
    use super::*;

    #[test]
    fn two_digits_of_the_error_set_the_value_s_last_digit() {
        assert_eq!(plus_minus(12.3456, Some(0.0234), "Ω"), "12.346 ± 0.023 Ω");
        assert_eq!(plus_minus(12.3456, Some(0.234), ""), "12.35 ± 0.23");
        assert_eq!(plus_minus(12.3456, Some(2.34), ""), "12.3 ± 2.3");
        assert_eq!(plus_minus(1234.5, Some(23.4), "Ω"), "1234 ± 23 Ω");
        // An error of 10 or more: its two digits sit left of the point.
        assert_eq!(plus_minus(12345.6, Some(234.0), ""), "12350 ± 230");
        assert_eq!(plus_minus(0.5, Some(1.2), ""), "0.5 ± 1.2");
    }

    #[test]
    fn an_error_rounding_up_to_a_new_decade_keeps_two_digits() {
        // 0.0996 → 0.10, so the value keeps two decimals.
        assert_eq!(plus_minus(2.61803, Some(0.0996), ""), "2.62 ± 0.10");
        assert_eq!(plus_minus(2.61803, Some(0.995), ""), "2.6 ± 1.0");
    }

    #[test]
    fn small_and_large_numbers_share_a_power_of_ten() {
        assert_eq!(
            plus_minus(1.2345e-5, Some(2.34e-7), "F"),
            "(1.234 ± 0.023) × 10⁻⁵ F"
        );
        assert_eq!(
            plus_minus(6.02e23, Some(1.1e21), ""),
            "(6.020 ± 0.011) × 10²³"
        );
        let r = round_to_error(-4.56e-9, 1.0e-10).unwrap();
        assert_eq!(
            (r.value.as_str(), r.error.as_str(), r.exponent),
            ("-4.56", "0.10", -9)
        );
    }

    #[test]
    fn rounded_digits_agree_with_the_numbers() {
        // Independent check: parse the text back; each is within half a
        // unit of its last digit of the exact number.
        for &(v, e) in &[
            (12.3456, 0.0234),
            (0.000123, 4.5e-6),
            (98765.0, 432.0),
            (-7.5, 0.05),
        ] {
            let r = round_to_error(v, e).unwrap();
            let unit = 10f64.powi(r.exponent);
            let vv: f64 = r.value.parse::<f64>().unwrap() * unit;
            let ee: f64 = r.error.parse::<f64>().unwrap() * unit;
            // The place of the error's second significant digit.
            let last = 10f64.powi(ee.log10().floor() as i32 - 1);
            assert!((vv - v).abs() <= 0.5 * last * 1.000001, "{v} → {r:?}");
            assert!((ee - e).abs() <= 0.5 * last * 1.000001, "{e} → {r:?}");
            let digits: String = r.error.chars().filter(char::is_ascii_digit).collect();
            let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
            assert!(significant <= 2 && (ee / last).round() >= 10.0, "{r:?}");
        }
    }

    #[test]
    fn no_usable_error_gives_four_significant_digits() {
        assert_eq!(plus_minus(12.3456, None, "Ω"), "12.35 Ω");
        assert_eq!(plus_minus(12.3456, Some(0.0), ""), "12.35");
        assert_eq!(plus_minus(12.3456, Some(f64::NAN), ""), "12.35");
        assert_eq!(plus_minus(-0.0004, Some(0.01), ""), "0.000 ± 0.010");
    }

    #[test]
    fn significant_digits_alone() {
        assert_eq!(significant(2523.04, 3), "2523");
        assert_eq!(significant(0.0123456, 3), "0.0123");
        assert_eq!(significant(9.996, 3), "10.0");
        assert_eq!(significant(3.2e-7, 2), "3.2 × 10⁻⁷");
        assert_eq!(significant(f64::INFINITY, 3), "∞");
        assert_eq!(significant(0.0, 3), "0");
    }
}
