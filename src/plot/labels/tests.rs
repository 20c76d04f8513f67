use super::*;

#[test]
fn superscripts() {
    assert_eq!(superscript(-12), "⁻¹²");
    assert_eq!(superscript(0), "⁰");
    assert_eq!(decade_label(3), "10³");
}

#[test]
fn plain_labels_use_step_precision() {
    assert_eq!(
        linear_labels(&[-0.02, 0.0, 0.02, 0.04], 0.02),
        ["−0.02", "0", "0.02", "0.04"]
    );
    assert_eq!(
        linear_labels(&[0.0, 500.0, 1000.0], 500.0),
        ["0", "500", "1000"]
    );
    assert_eq!(linear_labels(&[1.5, 2.0, 2.5], 0.5), ["1.5", "2.0", "2.5"]);
}

#[test]
fn large_and_small_labels_are_scientific() {
    assert_eq!(
        linear_labels(&[0.0, 2e5, 4e5], 2e5),
        ["0", "2×10⁵", "4×10⁵"]
    );
    assert_eq!(
        linear_labels(&[1e-4, 1.5e-4, 2e-4], 5e-5),
        ["1.0×10⁻⁴", "1.5×10⁻⁴", "2.0×10⁻⁴"]
    );
}

#[test]
fn values() {
    assert_eq!(format_value(0.012345, 3), "0.0123");
    assert_eq!(format_value(-4.56e8, 3), "−4.56×10⁸");
    assert_eq!(format_value(f64::NAN, 3), "–");
}
