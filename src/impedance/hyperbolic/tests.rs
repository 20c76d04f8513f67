use super::*;

fn rel(a: Complex64, b: Complex64) -> f64 {
    (a - b).norm() / b.norm()
}

#[test]
fn series_and_closed_forms_meet_at_the_switch() {
    // Both branches evaluated at the same x on the switch circle agree.
    for arg in [0.0, 0.3, std::f64::consts::FRAC_PI_4] {
        let x = Complex64::from_polar(SERIES_BELOW, arg);
        let x2 = x * x;
        let e2 = (-2.0 * x).exp();
        let coth_closed = (1.0 + e2) / ((1.0 - e2) * x);
        assert!(rel(coth_over_x_regular(x2) + x2.inv(), coth_closed) < 1e-12);
        assert!(
            rel(
                two_over_x_sinh_x_regular(x2) + 2.0 * x2.inv(),
                two_over_x_sinh_x(x)
            ) < 1e-12
        );
        // Just inside the circle the series is used; compare it there.
        let inside = x * (1.0 - 1e-9);
        let e1 = (-inside).exp();
        let tanh_closed = (1.0 - e1) / ((1.0 + e1) * inside);
        assert!(rel(tanh_half_over_x(inside), tanh_closed) < 1e-12);
    }
}

#[test]
fn ratios_match_naive_forms_at_moderate_x() {
    // Where the textbook functions are accurate (|x| between 0.01 and 5),
    // the stable forms must equal them.
    for (re, im) in [
        (0.01, 0.0),
        (0.03, 0.03),
        (0.5, 0.5),
        (2.0, 1.0),
        (5.0, 5.0),
    ] {
        let x = Complex64::new(re, im);
        let coth = x.cosh() / x.sinh();
        assert!(rel(coth_over_x(x), coth / x) < 1e-12);
        assert!(rel(tanh_over_x(x), x.tanh() / x) < 1e-12);
        assert!(rel(tanh_half_over_x(x), (x / 2.0).tanh() / x) < 1e-12);
        if x.norm() >= SERIES_BELOW {
            assert!(rel(two_over_x_sinh_x(x), 2.0 / (x * x.sinh())) < 1e-12);
        }
    }
}

#[test]
fn large_arguments_stay_finite() {
    let x = Complex64::from_polar(1e9, 0.7);
    assert!(rel(coth_over_x(x), x.inv()) < 1e-15);
    assert!(rel(tanh_over_x(x), x.inv()) < 1e-15);
    assert_eq!(two_over_x_sinh_x(x), Complex64::new(0.0, 0.0));
}
