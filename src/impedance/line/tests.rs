use super::*;

#[test]
fn refuses_both_rails_zero_and_bad_cpe() {
    let cap = Interface::Capacitor { c_dl_f: 1e-6 };
    assert!(TwoRailLine::new(Layout::IonIon, 0.0, 0.0, cap, 0.0).is_err());
    assert!(TwoRailLine::new(
        Layout::IonIon,
        1.0,
        0.0,
        Interface::Cpe { q: 1e-6, n: 1.2 },
        0.0
    )
    .is_err());
    assert!(TwoRailLine::new(Layout::IonIon, f64::NAN, 1.0, cap, 0.0).is_err());
}

/// The textbook forms with num-complex's own sqrt, sinh, cosh and tanh:
/// accurate wherever sinh does not overflow (|x| up to a few hundred).
fn naive(line: &TwoRailLine, omega: f64) -> Complex64 {
    let (ri, re) = (line.r_ion_ohm, line.r_e_ohm);
    let s = ri + re;
    let x = (line.interface.admittance(omega) * s).sqrt();
    let z = match line.layout {
        Layout::IonElectron => {
            ri * re / s * (1.0 + 2.0 / (x * x.sinh()))
                + (ri * ri + re * re) / s * x.cosh() / (x.sinh() * x)
        }
        Layout::IonIon => ri * re / s + 2.0 * ri * ri / s * (x / 2.0).tanh() / x,
        Layout::ElectronElectron => ri * re / s + 2.0 * re * re / s * (x / 2.0).tanh() / x,
    };
    z + line.r_bulk_ohm
}

#[test]
fn fast_evaluation_matches_the_textbook_forms_over_a_wide_grid() {
    // |x|² = ω·S·C (or S·Q·ω^n) spans 1e-9 … 1e5, both sides of SERIES_BELOW.
    let mut worst: f64 = 0.0;
    for layout in Layout::ALL {
        for &(ri, re) in &[
            (100.0, 0.0),
            (0.0, 50.0),
            (10.0, 1e3),
            (1e3, 1e3),
            (3e4, 2.0),
        ] {
            for &c in &[1e-9, 1e-6, 1e-3] {
                for interface in [
                    Interface::Capacitor { c_dl_f: c },
                    Interface::Cpe { q: c, n: 0.85 },
                    Interface::Cpe { q: c, n: 0.5 },
                ] {
                    let line = TwoRailLine::new(layout, ri, re, interface, 7.0).unwrap();
                    for k in 0..=60 {
                        let omega = 10f64.powf(-3.0 + 0.2 * k as f64);
                        let (x, _) = line.interface.propagation(ri + re, omega);
                        if x.norm() > 300.0 || x.norm() < 1e-5 {
                            continue;
                        }
                        let (a, b) = (line.impedance(omega), naive(&line, omega));
                        worst = worst.max((a - b).norm() / b.norm());
                    }
                }
            }
        }
    }
    assert!(worst < 1e-12, "largest relative difference {worst:e}");
}

#[test]
fn propagation_is_the_square_root_of_s_times_y() {
    for interface in [
        Interface::Capacitor { c_dl_f: 2e-6 },
        Interface::Cpe { q: 3e-5, n: 0.7 },
    ] {
        for omega in [1e-2, 1.0, 1e5] {
            let (x, norm) = interface.propagation(250.0, omega);
            let direct = (interface.admittance(omega) * 250.0).sqrt();
            assert!((x - direct).norm() <= 1e-14 * direct.norm());
            assert!((norm - direct.norm()).abs() <= 1e-14 * direct.norm());
        }
    }
}

#[test]
fn extreme_parameters_give_the_finite_limit() {
    // R_ion and C_dl near the optimiser's log-space limit (e^690 ≈ 1e299):
    // R_ion·R_e, R_ion² and ω·C·S overflow f64, Z does not. With R_ion ≫ R_e
    // the arc vanishes: Z → R_bulk + R_e (electron–electron), R_bulk + R_e
    // (ion–electron high-frequency limit P = R_ion·R_e/S → R_e).
    for layout in [Layout::ElectronElectron, Layout::IonElectron] {
        let line = TwoRailLine::new(
            layout,
            1e299,
            5.0,
            Interface::Capacitor { c_dl_f: 1e299 },
            7.0,
        )
        .unwrap();
        for omega in [1e-3, 1.0, 1e6] {
            let z = line.impedance(omega);
            assert!(
                (z - Complex64::new(12.0, 0.0)).norm() < 1e-9,
                "{layout:?} {omega}: {z}"
            );
            let mut grad = [Complex64::new(0.0, 0.0); 4];
            let zg = line.impedance_and_gradient(omega, &mut grad).unwrap();
            assert!(
                (zg - z).norm() < 1e-9 && grad.iter().all(|g| g.re.is_finite() && g.im.is_finite())
            );
        }
    }
}
