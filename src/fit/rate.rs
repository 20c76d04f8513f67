//! Eq. 19 (the reaction-zone model of Kato et al.) fitted to rate-capability
//! data — (current, capacity) points — for the σ_eff of one electrode, the
//! rest of the cell given. Predictions come from [`crate::physics::capacity`].

use nalgebra::DMatrix;
use serde::Serialize;

use super::derived::Estimate;
use super::lm::DIFF_STEP;
use super::profile::{physical, scalar_intervals, ClosureResiduals, Span};
use super::scalar::check_series;
use super::uncertainty::analyse_with_limit;
use crate::error::{Error, Result};
use crate::physics::capacity::{reaction_zone_capacity_c_per_cm2, Cell};

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
            at_bound: None,
        },
        residuals_c_per_cm2: residuals,
        chi2_c2_per_cm4: rss,
        dof: n - 1,
    })
}

#[cfg(test)]
mod tests;
