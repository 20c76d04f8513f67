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

#[test]
fn a_value_alone_is_rounded_where_its_error_would_put_it() {
    // The value's digits of "12.35 ± 0.23" and "(1.234 ± 0.023) × 10⁻⁵".
    assert_eq!(rounded_like(12.3456, Some(0.234)), "12.35");
    assert_eq!(rounded_like(1.2345e-5, Some(2.34e-7)), "1.234 × 10⁻⁵");
    assert_eq!(rounded_like(12.3456, None), "12.35");
    assert_eq!(rounded_like(12.3456, Some(f64::NAN)), "12.35");
}

/// Significant digits of a mantissa as written ("0.3330" → 4).
fn digits_written(text: &str) -> usize {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').len()
}

#[test]
fn a_tiny_error_gives_no_more_digits_than_an_f64_holds() {
    // Two digits of these errors would ask for 17-18 significant digits.
    for &(v, e) in &[
        (1.0 / 3.0, 3.3e-17),
        (1.2, 1.2e-16),
        (-30.0, 1e-16),
        (9.999_999_999_999_999, 1e-17),
        (4.2e-9, 1e-30),
    ] {
        let r = round_to_error(v, e).unwrap();
        assert!(digits_written(&r.value) <= 15, "{v} ± {e} → {r:?}");
        let unit = 10f64.powi(r.exponent);
        let back = r.value.parse::<f64>().unwrap() * unit;
        assert!((back - v).abs() <= 1e-14 * v.abs(), "{v} → {r:?}");
        // The error is not written as 0: at least one unit of the last digit.
        let error = r.error.parse::<f64>().unwrap() * unit;
        assert!(error > 0.0 && error >= e, "{e} → {r:?}");
        assert_eq!(
            r.value.split('.').nth(1).map_or(0, str::len),
            r.error.split('.').nth(1).map_or(0, str::len),
            "{r:?}"
        );
    }
    assert_eq!(
        plus_minus(1.0 / 3.0, Some(3.3e-17), ""),
        "0.333333333333333 ± 0.000000000000001"
    );
    assert_eq!(rounded_like(1.2, Some(1.2e-16)), "1.20000000000000");
    // An ordinary error is unaffected.
    assert_eq!(plus_minus(12.345, Some(0.067), ""), "12.345 ± 0.067");
}
