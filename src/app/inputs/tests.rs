use super::*;

#[test]
fn table_is_in_enum_order_with_unique_keys_and_valid_defaults() {
    for (index, spec) in INPUTS.iter().enumerate() {
        assert_eq!(spec.id as usize, index, "{}", spec.key);
        assert!(spec.min < spec.max, "{}", spec.key);
        assert!(spec.check(spec.default).is_ok(), "{}", spec.key);
        if spec.scale == Scale::Log {
            assert!(spec.min > 0.0, "{}", spec.key);
        }
        assert_eq!(
            INPUTS.iter().filter(|s| s.key == spec.key).count(),
            1,
            "{}",
            spec.key
        );
        assert_eq!(In::from_key(spec.key), Some(spec.id));
    }
}

#[test]
fn check_explains_refusals() {
    let th = In::ThicknessUm.spec();
    let msg = th.check(-5.0).unwrap_err();
    assert!(
        msg.contains("Thickness") && msg.contains("−5") && msg.contains("µm"),
        "{msg}"
    );
    assert!(th.check(f64::NAN).unwrap_err().contains("enter a number"));
    assert_eq!(th.check(2000.0), Ok(2000.0));
}

#[test]
fn log_slider_ends_and_middle() {
    let s = In::CurrentMa.spec(); // 1e-3 … 1e3 mA/cm²: six decades
    assert_eq!(s.from_slider(0.0), 1e-3);
    assert_eq!(s.from_slider(LOG_SLIDER_STEPS), 1000.0);
    // Half-way in log space is 10^0 = 1.
    assert_eq!(s.from_slider(500.0), 1.0);
    assert_eq!(s.to_slider(1.0), 500.0);
    assert_eq!(s.to_slider(1e9), LOG_SLIDER_STEPS);
}

#[test]
fn round_sig_examples() {
    assert_eq!(round_sig(1.23456, 3), 1.23);
    assert_eq!(round_sig(0.0012345, 2), 0.0012);
    assert_eq!(round_sig(98765.0, 2), 99000.0);
}

proptest::proptest! {
    #[test]
    fn log_slider_round_trip_within_rounding(pos in 0u32..=1000) {
        for spec in INPUTS.iter().filter(|s| s.scale == Scale::Log) {
            let value = spec.from_slider(pos as f64);
            proptest::prop_assert!(spec.check(value).is_ok());
            // 3 significant digits move the position by at most ~0.5 % of a decade.
            let decades = (spec.max / spec.min).log10();
            let tolerance = 0.0025 * LOG_SLIDER_STEPS / decades + 1e-9;
            proptest::prop_assert!((spec.to_slider(value) - pos as f64).abs() <= tolerance);
        }
    }
}
