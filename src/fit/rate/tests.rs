use super::*;
use crate::physics::capacity::Electrode;

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

/// Kato et al.'s cell from MODELS.md, cathode σ as given.
fn kato(sigma_c: f64) -> Cell {
    let cell = crate::physics::capacity::tests::kato(None, None);
    Cell {
        cathode: Electrode {
            sigma_eff_s_per_cm: sigma_c,
            ..cell.cathode
        },
        ..cell
    }
}

#[test]
fn eq19_fit_recovers_the_cathode_sigma() {
    // Capacities written out from Eq. 19 by hand (MODELS.md): with
    // σ_c = 0.73 mS/cm, σ_a = 0.21 mS/cm, K = 1/(1/(953·σ_c) + 1/(1298·σ_a)),
    // C = K·(1.5 V − 8 Ω·cm²·i)/i; at 6 mA/cm² that is 13.2 mAh/cm².
    let k: f64 = 1.0 / (1.0 / (953.0 * 0.73e-3) + 1.0 / (1298.0 * 0.21e-3));
    assert!((k * (1.5 - 8.0 * 6e-3) / 6e-3 / 3.6 - 13.2).abs() < 0.05);
    let currents = [1e-3, 2e-3, 4e-3, 6e-3, 8e-3];
    let wobble = [1.01, 0.99, 1.0, 1.005, 0.995];
    let noisy: Vec<f64> = currents
        .iter()
        .zip(wobble)
        .map(|(&i, w)| w * k / i * (1.5 - 8.0 * i))
        .collect();
    let fit = fit_eq19(&currents, &noisy, &kato(1.0), Unknown::Cathode).unwrap();
    assert!(
        rel(fit.sigma_s_per_cm.value, 0.73e-3) < 0.05,
        "{:?}",
        fit.sigma_s_per_cm
    );
    assert!(fit.sigma_s_per_cm.stderr.unwrap() > 0.0);
    // Fitting the anode instead, with σ_c known, recovers 0.21 mS/cm.
    let exact: Vec<f64> = currents.iter().map(|&i| k / i * (1.5 - 8.0 * i)).collect();
    let fit = fit_eq19(&currents, &exact, &kato(0.73e-3), Unknown::Anode).unwrap();
    assert!(
        rel(fit.sigma_s_per_cm.value, 0.21e-3) < 1e-6,
        "{:?}",
        fit.sigma_s_per_cm
    );
    // R_0·i beyond the window is refused, not a NaN.
    assert!(fit_eq19(&[0.5], &[1.0], &kato(1.0), Unknown::Cathode).is_err());
}

#[test]
fn eq19_interval_matches_a_brute_force_profile() {
    // The capacities of the test above with 3 % scatter; χ² of Eq. 19 on
    // a dense grid of ln σ, crossing χ²_min·(1 + t²(4)/4).
    let currents = [1e-3, 2e-3, 4e-3, 6e-3, 8e-3];
    let k: f64 = 1.0 / (1.0 / (953.0 * 0.73e-3) + 1.0 / (1298.0 * 0.21e-3));
    let wobble = [1.03, 0.97, 1.0, 1.015, 0.985];
    let data: Vec<f64> = currents
        .iter()
        .zip(wobble)
        .map(|(&i, w)| w * k / i * (1.5 - 8.0 * i))
        .collect();
    let cell = kato(1.0);
    let fit = fit_eq19(&currents, &data, &cell, Unknown::Cathode).unwrap();
    let chi2 = |sigma: f64| -> f64 {
        let mut c = cell;
        c.cathode.sigma_eff_s_per_cm = sigma;
        currents
            .iter()
            .zip(&data)
            .map(|(&i, d)| (reaction_zone_capacity_c_per_cm2(&c, i).unwrap() - d).powi(2))
            .sum()
    };
    let grid: Vec<f64> = (0..40001)
        .map(|j| 0.73e-3 * (0.5f64.ln() + j as f64 * 2f64.ln() * 2.0 / 40000.0).exp())
        .collect();
    let values: Vec<f64> = grid.iter().map(|&s| chi2(s)).collect();
    // t₀.₉₇₅(4) = 2.7764 (statistics tables).
    let (lo, hi) = crate::fit::profile::tests::grid_interval(&grid, &values, 4, 2.7764);
    assert!(lo > grid[0] && hi < grid[grid.len() - 1], "[{lo}, {hi}]");

    crate::fit::profile::tests::assert_ends_match(fit.sigma_s_per_cm.ci95.unwrap(), lo, hi);
}
