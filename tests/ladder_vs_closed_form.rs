//! The closed forms of the two-rail line against the discretised ladder of
//! `common::ladder` (Kirchhoff's laws only), for all three layouts, double
//! layer and CPE interfaces, with R_bulk, over 1 mHz–10 MHz and
//! R_e/R_ion from 0.01 to 100.

mod common;

use common::ladder::{ladder_extrapolated, ladder_impedance, Terminals};
use common::{log_grid, rel};
use ionpath::impedance::{Interface, Layout, TwoRailLine};
use num_complex::Complex64;
use std::f64::consts::TAU;

fn terminals(layout: Layout) -> Terminals {
    match layout {
        Layout::IonElectron => Terminals::IonElectron,
        Layout::IonIon => Terminals::IonIon,
        Layout::ElectronElectron => Terminals::ElectronElectron,
    }
}

/// Y_total written out here: iωC, or Q·(iω)^n by complex power.
fn admittance(interface: Interface, omega: f64) -> Complex64 {
    match interface {
        Interface::Capacitor { c_dl_f } => Complex64::new(0.0, omega * c_dl_f),
        Interface::Cpe { q, n } => Complex64::new(0.0, omega).powf(n) * q,
    }
}

/// (R_ion, R_e, interfaces, R_bulk): R_e/R_ion = 0.01, 1 and 100, with the
/// rail-interface time constant S·C placed so that the transition from
/// capacitive to distributed behaviour lies inside the band for each.
fn parameter_sets() -> Vec<(f64, f64, [Interface; 2], f64)> {
    vec![
        (
            100.0,
            1.0,
            [
                Interface::Capacitor { c_dl_f: 1e-8 },
                Interface::Cpe { q: 1e-7, n: 0.8 },
            ],
            3.0,
        ),
        (
            50.0,
            50.0,
            [
                Interface::Capacitor { c_dl_f: 1e-6 },
                Interface::Cpe { q: 3e-6, n: 0.9 },
            ],
            0.5,
        ),
        (
            10.0,
            1000.0,
            [
                Interface::Capacitor { c_dl_f: 1e-9 },
                Interface::Cpe { q: 1e-8, n: 0.7 },
            ],
            20.0,
        ),
    ]
}

#[test]
fn closed_forms_agree_with_the_ladder_for_every_layout() {
    let freqs = log_grid(1e-3, 1e7, 41);
    let mut worst = 0.0_f64;
    for (r_ion, r_e, interfaces, r_bulk) in parameter_sets() {
        for interface in interfaces {
            for layout in Layout::ALL {
                let line = TwoRailLine::new(layout, r_ion, r_e, interface, r_bulk).unwrap();
                for &f in &freqs {
                    let omega = TAU * f;
                    let y = admittance(interface, omega);
                    let ladder = ladder_extrapolated(terminals(layout), r_ion, r_e, y, r_bulk, 400);
                    let err = rel(line.impedance(omega), ladder);
                    worst = worst.max(err);
                    assert!(
                        err <= 1e-4,
                        "{layout:?} {interface:?} R_ion={r_ion} R_e={r_e} f={f}: rel. error {err:e}"
                    );
                }
            }
        }
    }
    // The extrapolated ladder should in fact be far closer than required.
    assert!(worst < 1e-6, "worst {worst:e}");
}

#[test]
fn plain_ladder_converges_at_second_order() {
    // Without extrapolation: N = 4000 is within about 1e-5 (MODELS.md), and
    // doubling N divides the error by about 4.
    let (r_ion, r_e, c) = (80.0, 20.0, 1e-6);
    for layout in Layout::ALL {
        let line =
            TwoRailLine::new(layout, r_ion, r_e, Interface::Capacitor { c_dl_f: c }, 0.0).unwrap();
        for f in [10.0, 1e3, 1e5] {
            let omega = TAU * f;
            let y = Complex64::new(0.0, omega * c);
            let exact = line.impedance(omega);
            let e1 = rel(
                ladder_impedance(terminals(layout), r_ion, r_e, y, 0.0, 2000),
                exact,
            );
            let e2 = rel(
                ladder_impedance(terminals(layout), r_ion, r_e, y, 0.0, 4000),
                exact,
            );
            assert!(e2 < 2e-5, "{layout:?} f={f}: {e2:e}");
            if e1 > 1e-10 {
                let ratio = e1 / e2;
                assert!(
                    (3.5..4.5).contains(&ratio),
                    "{layout:?} f={f}: ratio {ratio}"
                );
            }
        }
    }
}
