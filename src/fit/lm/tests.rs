use super::*;
use crate::impedance::{Interface, Layout, TwoRailLine};

#[test]
fn analytic_jacobian_matches_central_differences_in_fit_space() {
    // A CPE line (log and logistic transforms), r_e held, data off the model.
    let line = TwoRailLine::new(
        Layout::IonElectron,
        300.0,
        20.0,
        Interface::Cpe { q: 2e-6, n: 0.85 },
        12.0,
    )
    .unwrap();
    let omega: Vec<f64> = (0..30)
        .map(|k| 10f64.powf(-1.0 + 0.25 * k as f64))
        .collect();
    let data: Vec<Complex64> = omega
        .iter()
        .map(|&w| line.impedance(w) * Complex64::new(1.01, 0.02))
        .collect();
    let weights: Vec<(f64, f64)> = data
        .iter()
        .map(|z| (1.0 / z.norm(), 1.0 / z.norm()))
        .collect();
    let free = [0, 1, 3, 4];
    let transforms = [
        Transform::Log,
        Transform::LogLogistic { lo: 1.0, hi: 1e4 },
        Transform::Log,
        Transform::Logistic { lo: 0.0, hi: 1.0 },
    ];
    let u: Vec<f64> = free
        .iter()
        .zip(&transforms)
        .map(|(&i, t)| t.to_internal(line.params()[i]).unwrap())
        .collect();
    let problem = Problem::new(
        &line,
        line.params(),
        &free,
        &transforms,
        &omega,
        &data,
        &weights,
        &u,
    );
    assert!(problem.analytic);
    let jac = problem.jacobian_at(&u).unwrap();
    let rows = problem.residual_count();
    let (mut plus, mut minus) = (vec![0.0; rows], vec![0.0; rows]);
    for j in 0..u.len() {
        let mut shifted = u.clone();
        shifted[j] = u[j] + DIFF_STEP;
        assert!(problem.fill_residuals(&shifted, &mut plus));
        shifted[j] = u[j] - DIFF_STEP;
        assert!(problem.fill_residuals(&shifted, &mut minus));
        for r in 0..rows {
            let central = (plus[r] - minus[r]) / (2.0 * DIFF_STEP);
            assert!(
                (jac[(r, j)] - central).abs() < 1e-7,
                "row {r} column {j}: {} vs {central}",
                jac[(r, j)]
            );
        }
    }
}
