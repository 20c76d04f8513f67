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
