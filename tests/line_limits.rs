//! The two-rail line against every limit in MODELS.md and against the
//! table's formulas written naively (textbook sinh/cosh/tanh) at moderate
//! |x|, where the naive forms are accurate.

mod common;

use common::{log_grid, rel};
use ionpath::impedance::{Interface, Layout, TwoRailLine};
use num_complex::Complex64;
use proptest::prelude::*;

const CAP: Interface = Interface::Capacitor { c_dl_f: 1e-6 };
const RAILS: [(f64, f64); 3] = [(100.0, 1.0), (50.0, 50.0), (10.0, 1000.0)];

fn z(layout: Layout, r_ion: f64, r_e: f64, interface: Interface, omega: f64) -> Complex64 {
    TwoRailLine::new(layout, r_ion, r_e, interface, 0.0)
        .unwrap()
        .impedance(omega)
}

fn i() -> Complex64 {
    Complex64::i()
}

#[test]
fn high_frequency_limit_is_the_rails_in_parallel() {
    // At ω = 1e22 rad/s, |x| = √(S·ω·C) ≥ √(1e16) = 1e8; the leftover term
    // is ((R_ion² + R_e²)/S)/x, at most 1e6/1010/1e8 ≈ 1e-5 Ω, i.e. below
    // 1e-6 of R_ion·R_e/S (≥ 0.99 Ω) for every set here.
    for layout in Layout::ALL {
        for (r_ion, r_e) in RAILS {
            for interface in [CAP, Interface::Cpe { q: 1e-6, n: 0.95 }] {
                let parallel = Complex64::new(r_ion * r_e / (r_ion + r_e), 0.0);
                let got = z(layout, r_ion, r_e, interface, 1e22);
                assert!(rel(got, parallel) < 1e-6, "{layout:?} {r_ion} {r_e}: {got}");
            }
        }
    }
}

#[test]
fn low_frequency_limits() {
    for (r_ion, r_e) in RAILS {
        let s = r_ion + r_e;
        let c = 1e-6;
        // |x|² = S·ω·C = 1e-6: corrections are O(S·|x|²).
        let omega = 1e-6 / (s * c);
        let ie = z(Layout::IonElectron, r_ion, r_e, CAP, omega);
        let width = ie - (i() * omega * c).inv();
        assert!(rel(width, Complex64::new(s / 3.0, 0.0)) < 1e-5, "{width}");
        let ii = z(Layout::IonIon, r_ion, r_e, CAP, omega);
        assert!(rel(ii, Complex64::new(r_ion, 0.0)) < 1e-5, "{ii}");
        let ee = z(Layout::ElectronElectron, r_ion, r_e, CAP, omega);
        assert!(rel(ee, Complex64::new(r_e, 0.0)) < 1e-5, "{ee}");
    }
}

/// Omegas at which x = √(R_ion·iωC) has modulus 0.1 … 10.
fn moderate_omegas(r: f64, c: f64) -> Vec<f64> {
    log_grid(0.01 / (r * c), 100.0 / (r * c), 9)
}

#[test]
fn electronic_rail_to_zero_gives_eq_8_in_ion_electron() {
    let (r_ion, c) = (100.0, 1e-6);
    for omega in moderate_omegas(r_ion, c) {
        let x = (r_ion * i() * omega * c).sqrt();
        let eq8 = (r_ion / (i() * omega * c)).sqrt() * x.cosh() / x.sinh();
        assert!(rel(z(Layout::IonElectron, r_ion, 0.0, CAP, omega), eq8) < 1e-12);
        // and continuously: R_e = 1e-9·R_ion differs by about R_e.
        assert!(rel(z(Layout::IonElectron, r_ion, 1e-7, CAP, omega), eq8) < 1e-7);
    }
}

#[test]
fn electronic_rail_to_zero_gives_eq_6_in_ion_ion() {
    let (r_ion, c) = (100.0, 1e-6);
    let beta = r_ion * c / 4.0;
    for omega in moderate_omegas(r_ion, c) {
        let u = (i() * omega * beta).sqrt();
        let eq6 = r_ion * u.tanh() / u;
        assert!(rel(z(Layout::IonIon, r_ion, 0.0, CAP, omega), eq6) < 1e-12);
        assert!(rel(z(Layout::IonIon, r_ion, 1e-7, CAP, omega), eq6) < 1e-7);
    }
}

#[test]
fn table_formulas_written_naively_agree() {
    for (r_ion, r_e) in RAILS {
        let s = r_ion + r_e;
        for interface in [CAP, Interface::Cpe { q: 2e-6, n: 0.75 }] {
            let c_scale = 1e-6;
            for omega in moderate_omegas(s, c_scale) {
                let y = match interface {
                    Interface::Capacitor { c_dl_f } => i() * omega * c_dl_f,
                    Interface::Cpe { q, n } => (i() * omega).powf(n) * q,
                };
                let x = (s * y).sqrt();
                let p = r_ion * r_e / s;
                let ie = p * (1.0 + 2.0 / (x * x.sinh()))
                    + (r_ion * r_ion + r_e * r_e) / s * (x.cosh() / x.sinh()) / x;
                let ii = p + 2.0 * r_ion * r_ion / s * (x / 2.0).tanh() / x;
                let ee = p + 2.0 * r_e * r_e / s * (x / 2.0).tanh() / x;
                for (layout, naive) in [
                    (Layout::IonElectron, ie),
                    (Layout::IonIon, ii),
                    (Layout::ElectronElectron, ee),
                ] {
                    let got = z(layout, r_ion, r_e, interface, omega);
                    assert!(
                        rel(got, naive) < 1e-11,
                        "{layout:?} ω={omega}: {got} vs {naive}"
                    );
                }
            }
        }
    }
}

fn decades(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e: f64| 10f64.powf(e))
}

proptest! {
    #[test]
    fn ion_electron_is_symmetric_in_the_rails(
        r_ion in decades(-3.0, 6.0), r_e in decades(-3.0, 6.0),
        c in decades(-12.0, 0.0), f in decades(-3.0, 8.0),
    ) {
        let omega = std::f64::consts::TAU * f;
        let interface = Interface::Capacitor { c_dl_f: c };
        let a = z(Layout::IonElectron, r_ion, r_e, interface, omega);
        let b = z(Layout::IonElectron, r_e, r_ion, interface, omega);
        prop_assert!(rel(a, b) < 1e-12);
    }

    #[test]
    fn ion_ion_mirrors_electron_electron(
        r_ion in decades(-3.0, 6.0), r_e in decades(-3.0, 6.0),
        q in decades(-12.0, 0.0), n in 0.3..=1.0f64, f in decades(-3.0, 8.0),
    ) {
        let omega = std::f64::consts::TAU * f;
        let interface = Interface::Cpe { q, n };
        let a = z(Layout::IonIon, r_ion, r_e, interface, omega);
        let b = z(Layout::ElectronElectron, r_e, r_ion, interface, omega);
        prop_assert!(rel(a, b) < 1e-12);
    }
}
