use super::*;

#[test]
fn checks_reject_nan_and_out_of_range() {
    assert!(require_positive("x", f64::NAN).is_err());
    assert!(require_positive("x", 0.0).is_err());
    assert!(require_non_negative("x", -1e-300).is_err());
    assert_eq!(require_non_negative("x", 0.0), Ok(0.0));
    assert!(require_fraction("eps", 0.0).is_err());
    assert!(require_fraction("eps", 1.0 + 1e-12).is_err());
    let msg = require_positive("thickness_cm", -1.0)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("thickness_cm") && msg.contains("-1"), "{msg}");
}
