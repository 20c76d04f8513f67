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
        at_bound: None,
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

#[test]
fn a_value_at_its_bound_says_so_instead_of_an_error_bar() {
    use crate::fit::{AtBound, BoundSide};
    // n fitted 6 × 10⁻¹² below its bound 1, the profile reaching 0.9975.
    let mut p = estimate(1.0 - 6e-12, 0.9975, 1.0);
    p.at_bound = Some(AtBound {
        side: BoundSide::Upper,
        value: 1.0,
    });
    p.stderr = None;
    p.reason = Some("it sits at its bound".into());
    let text = interval_text(&p);
    assert!(text.starts_with("at its bound (n ≤ 1)"), "{text}");
    assert!(text.contains("≥ 0.997"), "{text}");
    assert!(
        !text.contains("asymmetric") && !text.contains('+'),
        "{text}"
    );
    // The value is the bound, with the digits the far end allows.
    assert_eq!(value_text(&p), "1.0000");
    assert!(status_text(&p).starts_with("AT ITS BOUND"));
    // A lower bound with a unit.
    let mut r = estimate(10.0 + 1e-9, 10.0, 14.0);
    r.name = "r_ion".into();
    r.unit = "Ω".into();
    r.at_bound = Some(AtBound {
        side: BoundSide::Lower,
        value: 10.0,
    });
    let text = interval_text(&r);
    assert!(
        text.starts_with("at its bound (r_ion ≥ 10 Ω), 95 % ≤ 14"),
        "{text}"
    );
}
