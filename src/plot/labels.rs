//! Tick-label text in one consistent style.
//!
//! - Plain decimals while the numbers are moderate (1e-3 ≤ |v| < 1e5):
//!   `0.01`, `2.5`, `1500`.
//! - Otherwise a mantissa and a power of ten with Unicode superscripts:
//!   `2.5×10⁻⁴`, and on log axes the bare decade `10⁻³`.
//! - A typographic minus sign (U+2212) everywhere.

use std::fmt::Write;

/// Unicode superscript for an integer exponent: `-3` → `⁻³`.
pub fn superscript(exp: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut s = String::new();
    if exp < 0 {
        s.push('⁻');
    }
    for b in exp.unsigned_abs().to_string().bytes() {
        s.push(DIGITS[(b - b'0') as usize]);
    }
    s
}

/// Label of a decade tick on a log axis: `10ⁿ`.
pub fn decade_label(exp: i32) -> String {
    format!("10{}", superscript(exp))
}

/// Labels for linear ticks spaced `step` apart, all in the same style and
/// with just enough decimals to tell neighbours apart.
pub fn linear_labels(ticks: &[f64], step: f64) -> Vec<String> {
    let max_abs = ticks.iter().fold(0.0_f64, |m, t| m.max(t.abs()));
    if !(step.is_finite() && step > 0.0) || max_abs == 0.0 {
        return ticks.iter().map(|_| "0".to_string()).collect();
    }
    let step_exp = step.log10().floor() as i32;
    let plain = (1e-3..1e5).contains(&max_abs) && step_exp >= -6;
    ticks
        .iter()
        .map(|&t| {
            if t == 0.0 || t.abs() < step * 1e-6 {
                "0".to_string()
            } else if plain {
                let decimals = (-step_exp).max(0) as usize;
                with_minus(&format!("{:.decimals$}", t))
            } else {
                let e = max_abs.log10().floor() as i32;
                let decimals = (e - step_exp).clamp(0, 15) as usize;
                let mantissa = t / 10f64.powi(e);
                format!(
                    "{}×10{}",
                    with_minus(&format!("{:.decimals$}", mantissa)),
                    superscript(e)
                )
            }
        })
        .collect()
}

/// A number for a read-out or legend with `digits` significant digits, in
/// the same style as tick labels (`0.0123`, `4.56×10⁸`).
pub fn format_value(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let digits = digits.clamp(1, 15);
    let e = v.abs().log10().floor() as i32;
    if (-3..5).contains(&e) {
        let decimals = (digits as i32 - 1 - e).max(0) as usize;
        with_minus(&format!("{:.decimals$}", v))
    } else {
        let mut s = String::new();
        let mantissa = v / 10f64.powi(e);
        let _ = write!(s, "{:.*}", digits - 1, mantissa);
        format!("{}×10{}", with_minus(&s), superscript(e))
    }
}

fn with_minus(s: &str) -> String {
    s.replace('-', "−")
}

#[cfg(test)]
mod tests;
