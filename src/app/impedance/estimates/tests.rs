use super::*;
use crate::fit::profile::Interval;

/// An estimate of `value` with the profile interval [lo, hi].
fn estimate(value: f64, lo: f64, hi: f64) -> ParamEstimate {
    ParamEstimate {
        name: "n".into(),
        unit: String::new(),
        value,
        stderr: Some(1e-3),
        ci95: Some(Interval::closed(lo, hi)),
        fixed: false,
        determined: false,
        reason: None,
        second_minimum: None,
        profile: Vec::new(),
    }
}

#[test]
fn an_end_on_the_wrong_side_of_the_value_never_prints_a_double_sign() {
    // The case seen on a CPE fitted at n = 1: the upper end 8.3 × 10⁻⁷
    // below the value.
    let text = interval_text(&estimate(1.0, 1.0 - 7.6e-11, 1.0 - 8.3e-7));
    assert!(!text.contains("+-") && !text.contains("−-"), "{text}");
    let text = interval_text(&estimate(1.0, 1.0 + 2e-9, 1.5));
    assert!(!text.contains("+-") && !text.contains("−-"), "{text}");
}

#[test]
fn an_ordinary_interval_keeps_its_digits() {
    // Symmetric 12.21 … 12.48 about 12.345: error (12.48 − 12.345)/1.96 ≈ 0.069.
    let p = estimate(12.345, 12.21, 12.48);
    assert_eq!(value_text(&p), "12.345");
    assert_eq!(interval_text(&p), "12.210 … 12.480");
}
