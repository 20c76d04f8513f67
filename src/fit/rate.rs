//! Eq. 19 (the reaction-zone model of Kato et al.) fitted to rate-capability
//! data — (current, capacity) points — for the σ_eff of one electrode, the
//! rest of the cell given. Predictions come from [`crate::capacity`].

use nalgebra::DMatrix;
use serde::Serialize;

use super::derived::Estimate;
use super::lm::DIFF_STEP;
use super::profile::{physical, scalar_intervals, ClosureResiduals, Span};
use super::scalar::check_series;
use super::uncertainty::analyse_with_limit;
use crate::capacity::{reaction_zone_capacity_c_per_cm2, Cell};
use crate::error::{Error, Result};

/// Which electrode's σ_eff is fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    Cathode,
    Anode,
}

/// Fitted σ_eff from rate-capability data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eq19Fit {
    /// The fitted electrode's σ_eff, S/cm.
    pub sigma_s_per_cm: Estimate,
    /// Measured minus fitted capacity per point, C/cm².
    pub residuals_c_per_cm2: Vec<f64>,
    /// Sum of the squared residuals, (C/cm²)², and its degrees of freedom
    /// (points − 1); σ was fitted as ln σ.
    pub chi2_c2_per_cm4: f64,
    pub dof: usize,
}

/// Search range for ln σ_eff (S/cm): 1e-12 … 1e3 S/cm.
const LN_SIGMA_RANGE: (f64, f64) = (-27.63, 6.91);

/// Fits σ_eff of one electrode to (current, capacity) points by least
/// squares on the capacity, the rest of `cell` given (the fitted side's σ is
/// ignored). Predictions come from [`reaction_zone_capacity_c_per_cm2`]
/// (Eq. 19 unclamped), so points must lie below what the electrodes hold.
/// Eq. 19 sees only 1/(q_c·σ_c) + 1/(q_a·σ_a), so both σ cannot be fitted
/// at once. The χ² is unimodal in ln σ (the capacity grows monotonically
/// with σ), so a golden-section search finds it; the standard error comes
/// from the derivative of the predictions at the optimum, the 95 % interval
/// from the profile likelihood (χ² in ln σ, F(1, points − 1) threshold).
pub fn fit_eq19(
    current_a_per_cm2: &[f64],
    capacity_c_per_cm2: &[f64],
    cell: &Cell,
    unknown: Unknown,
) -> Result<Eq19Fit> {
    check_series(
        "current_a_per_cm2",
        current_a_per_cm2,
        "capacity_c_per_cm2",
        capacity_c_per_cm2,
        1,
    )?;
    if unknown == Unknown::Anode && cell.anode.is_none() {
        return Err(Error::Inconsistent(
            "a half cell has no anode σ to fit".into(),
        ));
    }
    let with_sigma = |ln_sigma: f64| -> Cell {
        let mut c = *cell;
        match (unknown, c.anode.as_mut()) {
            (Unknown::Anode, Some(a)) => a.sigma_eff_s_per_cm = ln_sigma.exp(),
            _ => c.cathode.sigma_eff_s_per_cm = ln_sigma.exp(),
        }
        c
    };
    let predict = |ln_sigma: f64| -> Result<Vec<f64>> {
        let c = with_sigma(ln_sigma);
        current_a_per_cm2
            .iter()
            .map(|&i| reaction_zone_capacity_c_per_cm2(&c, i))
            .collect()
    };
    if let Some(k) = predict(0.0)?.iter().position(|&c| c <= 0.0) {
        return Err(Error::Inconsistent(format!(
            "point {}: R_0·i takes the whole voltage window, so Eq. 19 gives no capacity",
            k + 1
        )));
    }
    let chi2 = |ln_sigma: f64| -> Result<f64> {
        Ok(predict(ln_sigma)?
            .iter()
            .zip(capacity_c_per_cm2)
            .map(|(p, c)| (p - c) * (p - c))
            .sum())
    };
    let (mut a, mut b) = LN_SIGMA_RANGE;
    let ratio = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..120 {
        let (c, d) = (b - ratio * (b - a), a + ratio * (b - a));
        if chi2(c)? < chi2(d)? {
            b = d;
        } else {
            a = c;
        }
    }
    let ln_sigma = 0.5 * (a + b);
    if ln_sigma > LN_SIGMA_RANGE.1 - 0.1 {
        return Err(Error::Numerical(
            "the data need more capacity than any σ gives: the other electrode's σ (or R_0) is too limiting".into(),
        ));
    }
    let fitted = predict(ln_sigma)?;
    let residuals: Vec<f64> = capacity_c_per_cm2
        .iter()
        .zip(&fitted)
        .map(|(c, p)| c - p)
        .collect();
    let n = residuals.len();
    let rss: f64 = residuals.iter().map(|r| r * r).sum();
    let stderr = if n > 1 {
        let (up, down) = (
            predict(ln_sigma + DIFF_STEP)?,
            predict(ln_sigma - DIFF_STEP)?,
        );
        let jac = DMatrix::from_fn(n, 1, |k, _| (up[k] - down[k]) / (2.0 * DIFF_STEP));
        analyse_with_limit(&jac, rss, f64::INFINITY).stderr_u[0].map(|se| se * ln_sigma.exp())
    } else {
        None
    };
    // Eq. 19 is not linear in σ: its profile interval (one parameter, so the
    // profile is χ² itself) in ln σ.
    let residuals_of = ClosureResiduals {
        rows: n,
        eval: |u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>| {
            let (Ok(at), Ok(up), Ok(down)) = (
                predict(u[0]),
                predict(u[0] + DIFF_STEP),
                predict(u[0] - DIFF_STEP),
            ) else {
                return false;
            };
            for k in 0..n {
                r[k] = at[k] - capacity_c_per_cm2[k];
                jac[(k, 0)] = (up[k] - down[k]) / (2.0 * DIFF_STEP);
            }
            true
        },
    };
    let ci95 = scalar_intervals(&residuals_of, &[ln_sigma], &[Span::log(ln_sigma)])
        .map(|c| physical(c[0].0, c[0].1, f64::exp));
    Ok(Eq19Fit {
        sigma_s_per_cm: Estimate {
            value: ln_sigma.exp(),
            stderr,
            ci95,
        },
        residuals_c_per_cm2: residuals,
        chi2_c2_per_cm4: rss,
        dof: n - 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::Electrode;

    fn rel(a: f64, b: f64) -> f64 {
        (a - b).abs() / b.abs()
    }

    /// Kato et al.'s cell from MODELS.md, cathode σ as given.
    fn kato(sigma_c: f64) -> Cell {
        let cell = crate::capacity::tests::kato(None, None);
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
        let (lo, hi) = crate::fit::profile::grid_interval(&grid, &values, 4, 2.7764);
        assert!(lo > grid[0] && hi < grid[grid.len() - 1], "[{lo}, {hi}]");

        crate::fit::profile::assert_ends_match(fit.sigma_s_per_cm.ci95.unwrap(), lo, hi);
    }
}
