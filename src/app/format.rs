//! Numbers for people: a fixed number of significant digits, scientific
//! notation with a real minus and superscripts when very large or small, and
//! a dash instead of NaN or infinity (which the page must never show).

/// `x` with 4 significant digits; "—" if it is not finite.
pub fn number(x: f64) -> String {
    sig(x, 4)
}

/// `x` with `digits` significant digits (1 ≤ digits ≤ 17), trailing zeros
/// removed; scientific (`1.2 × 10⁻⁵`) below 10⁻³ and from 10⁵ on.
pub fn sig(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let digits = digits.clamp(1, 17);
    let magnitude = x.abs().log10().floor();
    if (-3.0..5.0).contains(&magnitude) {
        let decimals = (digits as i32 - 1 - magnitude as i32).max(0) as usize;
        let text = format!("{:.decimals$}", x);
        minus(&trim_zeros(&text))
    } else {
        let text = format!("{:.*e}", digits - 1, x);
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        format!(
            "{} × 10{}",
            minus(&trim_zeros(mantissa)),
            superscript(exponent)
        )
    }
}

/// `x` and its unit, separated by a narrow no-break space ("0.73 mS/cm").
pub fn with_unit(x: f64, unit: &str) -> String {
    if unit.is_empty() || !x.is_finite() {
        number(x)
    } else {
        format!("{}\u{202f}{unit}", number(x))
    }
}

/// Removes trailing zeros after a decimal point (and the point itself).
fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

/// ASCII hyphen-minus → typographic minus.
fn minus(text: &str) -> String {
    text.replace('-', "−")
}

/// An integer exponent written in superscript digits.
fn superscript(exponent: &str) -> String {
    exponent
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            other => other,
        })
        .collect()
}

/// The shortest text that parses back to exactly `x` (for URLs and storage).
pub fn exact(x: f64) -> String {
    let plain = x.to_string();
    let sci = format!("{:e}", x);
    if sci.len() < plain.len() {
        sci
    } else {
        plain
    }
}

#[cfg(test)]
mod tests;
