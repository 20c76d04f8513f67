use super::*;

fn rel(a: Complex64, b: Complex64) -> f64 {
    (a - b).norm() / b.norm()
}

#[test]
fn lumped_elements_match_textbook_forms() {
    let w = 2.0 * std::f64::consts::PI * 50.0;
    let j = Complex64::i();
    assert_eq!(resistor_impedance(12.5), Complex64::new(12.5, 0.0));
    assert!(rel(capacitor_impedance(2e-6, w), 1.0 / (j * w * 2e-6)) < 1e-15);
    assert!(rel(inductor_impedance(3e-7, w), j * w * 3e-7) < 1e-15);
    // CPE by complex power: 1/(Q·(iω)^n).
    let naive = 1.0 / ((j * w).powf(0.8) * 4e-5);
    assert!(rel(cpe_impedance(4e-5, 0.8, w), naive) < 1e-13);
    // n = 1 is a capacitor, and its phase is −nπ/2 for any n.
    assert!(rel(cpe_impedance(2e-6, 1.0, w), capacitor_impedance(2e-6, w)) < 1e-15);
    assert!((cpe_impedance(1e-3, 0.6, w).arg() + 0.3 * std::f64::consts::PI).abs() < 1e-15);
}

#[test]
fn warburgs_match_naive_forms_and_limits() {
    let (r_w, tau) = (40.0, 2.5);
    for w in [0.05, 1.0, 7.0] {
        let u = (Complex64::i() * w * tau).sqrt();
        let short = r_w * u.tanh() / u;
        let open = r_w * (u.cosh() / u.sinh()) / u;
        assert!(rel(warburg_short_impedance(r_w, tau, w), short) < 1e-12);
        assert!(rel(warburg_open_impedance(r_w, tau, w), open) < 1e-12);
    }
    // ω → 0: short → R_w; open → R_w/3 + 1/(iωC) with C = τ/R_w.
    let w = 1e-9;
    assert!(
        rel(
            warburg_short_impedance(r_w, tau, w),
            Complex64::new(r_w, 0.0)
        ) < 1e-8
    );
    let open = warburg_open_impedance(r_w, tau, w);
    assert!((open.re - r_w / 3.0).abs() < 1e-6);
    assert!(rel(open, 1.0 / (Complex64::i() * w * tau / r_w)) < 1e-8);
    // ω → ∞: both → R_w/√(iωτ), a 45° line.
    let w = 1e12;
    let semi = r_w / (Complex64::i() * w * tau).sqrt();
    assert!(rel(warburg_short_impedance(r_w, tau, w), semi) < 1e-14);
    assert!(rel(warburg_open_impedance(r_w, tau, w), semi) < 1e-14);
}

#[test]
fn element_params_round_trip_and_are_checked() {
    let cpe = Element::Cpe { q: 1e-5, n: 0.9 };
    assert_eq!(cpe.with_params(&cpe.params()), Ok(cpe));
    assert!(cpe.with_params(&[1.0]).is_err());
    assert!(Element::Cpe { q: 1e-5, n: 1.01 }.validate().is_err());
    assert!(Element::Resistor { r_ohm: -1.0 }.validate().is_err());
    assert!(Element::WarburgOpen {
        r_w_ohm: 1.0,
        tau_w_s: f64::NAN
    }
    .validate()
    .is_err());
    assert!(Element::Inductor { l_h: 1e-6 }.validate().is_ok());
}
