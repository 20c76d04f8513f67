use super::*;
use crate::impedance::Model;

/// ∂Z/∂ln p by central differences of the plain evaluation, p > 0.
fn difference(line: &TwoRailLine, j: usize, omega: f64) -> Complex64 {
    let h: f64 = 1e-5;
    let base = line.params();
    let at = |factor: f64| {
        let mut v = base.clone();
        v[j] *= factor;
        let mut l = *line;
        l.set_params(&v).unwrap();
        l.impedance(omega)
    };
    (at(h.exp()) - at((-h).exp())) / (2.0 * h)
}

#[test]
fn gradient_matches_central_differences() {
    let mut worst: f64 = 0.0;
    for layout in Layout::ALL {
        for &(ri, re) in &[(100.0, 0.3), (0.7, 50.0), (10.0, 1e3), (1e3, 1e3)] {
            for interface in [
                Interface::Capacitor { c_dl_f: 1e-6 },
                Interface::Cpe { q: 1e-5, n: 0.8 },
            ] {
                let line = TwoRailLine::new(layout, ri, re, interface, 5.0).unwrap();
                let values = line.params();
                let mut grad = vec![Complex64::new(0.0, 0.0); values.len()];
                // ω·S·C from 1e-7 to 1e5: both sides of SERIES_BELOW.
                for k in 0..=48 {
                    let omega = 10f64.powf(-4.0 + 0.25 * k as f64);
                    let z = line.impedance_and_gradient(omega, &mut grad).unwrap();
                    assert!((z - line.impedance(omega)).norm() <= 1e-12 * z.norm());
                    for (j, &p) in values.iter().enumerate() {
                        let error = (grad[j] * p - difference(&line, j, omega)).norm() / z.norm();
                        worst = worst.max(error);
                    }
                }
            }
        }
    }
    assert!(worst < 1e-7, "largest error relative to |Z|: {worst:e}");
}

#[test]
fn wrong_gradient_length_is_refused() {
    let line = TwoRailLine::new(
        Layout::IonIon,
        1.0,
        1.0,
        Interface::Capacitor { c_dl_f: 1e-6 },
        0.0,
    )
    .unwrap();
    assert!(line
        .impedance_and_gradient(1.0, &mut [Complex64::new(0.0, 0.0); 5])
        .is_none());
}
