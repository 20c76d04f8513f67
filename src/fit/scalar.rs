//! Fits of scalar data series: Arrhenius (Eq. 1, both forms) and VTF to
//! σ(T), Bruggeman's τ = k·ε^(−α) (Eq. 18) to an (ε, τ) series; the
//! rate-capability fit (Eq. 19) is in [`super::rate`].
//!
//! These fits are linear (or, for VTF, linear at each trial T_0) in
//! transformed data, so they need no evaluation of the laws themselves; their
//! tests generate data with [`crate::physics::conductivity`] and [`crate::physics::tortuosity`].
//! Their 95 % intervals are Student's t where the model is linear in the
//! parameter (Arrhenius, Bruggeman; a prefactor fitted as its logarithm gets
//! exp of the t interval of the logarithm) and profile-likelihood intervals
//! for VTF, which is not linear in T_0 and so in none of its parameters
//! jointly ([`super::profile`]).

use nalgebra::DMatrix;
use serde::Serialize;

use super::derived::Estimate;
use super::profile::{physical, scalar_intervals, ClosureResiduals, Span};
use super::result::AtBound;
use super::uncertainty::{analyse_with_limit, student_t95};
use super::Interval;
use crate::error::{require_positive, Error, Result};
use crate::units::BOLTZMANN_EV_PER_K;

pub use crate::physics::conductivity::ArrheniusForm;

/// Fitted Arrhenius parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArrheniusFit {
    /// Activation energy E_A, eV.
    pub activation_energy_ev: Estimate,
    /// Prefactor σ_0 (S·K/cm for [`ArrheniusForm::InverseT`], else S/cm).
    pub sigma_0: Estimate,
    /// Root mean square of the residuals of ln σ.
    pub rms_log_residual: f64,
    /// Sum of the squared residuals of ln σ, and its degrees of freedom.
    pub chi2: f64,
    pub dof: usize,
    /// Measured minus fitted ln σ per point.
    pub log_residuals: Vec<f64>,
}

/// Fitted Vogel–Tammann–Fulcher parameters, σ = A·T^(−1/2)·exp(−B/(T − T_0)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VtfFit {
    /// Prefactor A, S·K^(1/2)/cm.
    pub a: Estimate,
    /// Pseudo-activation temperature B, K (E_A = k_B·B).
    pub b_k: Estimate,
    /// Ideal glass-transition temperature T_0, K, fitted in [0, T_min − 1 K]
    /// (`at_bound` when on either end).
    pub t0_k: Estimate,
    pub rms_log_residual: f64,
    /// Sum of the squared residuals of ln σ, and its degrees of freedom.
    pub chi2: f64,
    pub dof: usize,
    /// Measured minus fitted ln σ per point.
    pub log_residuals: Vec<f64>,
}

/// Fitted τ = k·ε^(−α).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BruggemanFit {
    pub alpha: Estimate,
    /// The prefactor; stderr None when it was held.
    pub k: Estimate,
    pub rms_log_residual: f64,
    /// Sum of the squared residuals of ln τ, and its degrees of freedom.
    pub chi2: f64,
    pub dof: usize,
    /// Measured minus fitted ln τ per point.
    pub log_residuals: Vec<f64>,
}

/// An estimate of a parameter the model is linear in (or in its logarithm,
/// `log`), with its Student-t 95 % interval at `dof`: symmetric for a value
/// fitted as itself, exp(ln v ± t·s/v) for one fitted as its logarithm (the
/// standard error being the propagated s). No interval when there is no
/// standard error or no degree of freedom left.
fn linear_estimate(value: f64, stderr: Option<f64>, dof: usize, log: bool) -> Estimate {
    let ci95 = stderr.zip(student_t95(dof)).map(|(se, t)| {
        if log {
            let half = t * se / value;
            Interval::closed(value * (-half).exp(), value * half.exp())
        } else {
            Interval::closed(value - t * se, value + t * se)
        }
    });
    Estimate {
        value,
        stderr,
        ci95,
        at_bound: None,
    }
}

/// Checks paired series: equal length, at least `min` points, finite and > 0.
pub(crate) fn check_series(
    x_name: &'static str,
    x: &[f64],
    y_name: &'static str,
    y: &[f64],
    min: usize,
) -> Result<()> {
    if x.len() != y.len() {
        return Err(Error::Inconsistent(format!(
            "{} {x_name} values but {} {y_name} values",
            x.len(),
            y.len()
        )));
    }
    if x.len() < min {
        return Err(Error::Inconsistent(format!(
            "{} points are too few: this fit needs at least {min}",
            x.len()
        )));
    }
    for (&a, &b) in x.iter().zip(y) {
        require_positive(x_name, a)?;
        require_positive(y_name, b)?;
    }
    Ok(())
}

/// A linear least-squares solution: parameters, their standard errors, the
/// rms residual and the residuals (measured − fitted).
struct LinearFit {
    p: Vec<f64>,
    se: Vec<Option<f64>>,
    rms: f64,
    residuals: Vec<f64>,
}

/// Least squares y ≈ Σ_j p_j·basis_j(k) with standard errors.
fn linear_fit(
    rows: usize,
    cols: usize,
    basis: impl Fn(usize, usize) -> f64,
    y: &[f64],
) -> Result<LinearFit> {
    let a = DMatrix::from_fn(rows, cols, &basis);
    let b = nalgebra::DVector::from_column_slice(y);
    let x = a
        .clone()
        .svd_unordered(true, true)
        .solve(&b, 1e-14)
        .map_err(|e| Error::Numerical(format!("least squares failed: {e}")))?;
    let residual = &a * &x - b;
    let chi2 = residual.norm_squared();
    let analysis = analyse_with_limit(&a, chi2, f64::INFINITY);
    let rms = (chi2 / rows as f64).sqrt();
    Ok(LinearFit {
        p: x.iter().copied().collect(),
        se: analysis.stderr_u,
        rms,
        residuals: residual.iter().map(|r| -r).collect(),
    })
}

/// Eq. 1 fitted to σ(T) (T in K, σ in S/cm) by linear least squares on
/// ln(σ·T) (or ln σ) against 1/T: slope −E_A/k_B, intercept ln σ_0.
pub fn fit_arrhenius(
    temperature_k: &[f64],
    sigma_s_per_cm: &[f64],
    form: ArrheniusForm,
) -> Result<ArrheniusFit> {
    check_series(
        "temperature_k",
        temperature_k,
        "sigma_s_per_cm",
        sigma_s_per_cm,
        3,
    )?;
    let y: Vec<f64> = temperature_k
        .iter()
        .zip(sigma_s_per_cm)
        .map(|(t, s)| match form {
            ArrheniusForm::InverseT => (s * t).ln(),
            ArrheniusForm::Plain => s.ln(),
        })
        .collect();
    let LinearFit {
        p,
        se,
        rms,
        residuals,
    } = linear_fit(
        y.len(),
        2,
        |k, j| if j == 0 { 1.0 } else { 1.0 / temperature_k[k] },
        &y,
    )?;
    let sigma_0 = p[0].exp();
    let dof = y.len() - 2;
    Ok(ArrheniusFit {
        activation_energy_ev: linear_estimate(
            -p[1] * BOLTZMANN_EV_PER_K,
            se[1].map(|s| s * BOLTZMANN_EV_PER_K),
            dof,
            false,
        ),
        sigma_0: linear_estimate(sigma_0, se[0].map(|s| s * sigma_0), dof, true),
        rms_log_residual: rms,
        chi2: rms * rms * y.len() as f64,
        dof,
        log_residuals: residuals,
    })
}

/// VTF fitted to σ(T): for each trial T_0 below the lowest T the model is
/// linear in (ln A, B) on ln(σ·√T); T_0 is found by a grid then golden-section
/// search on the residual sum, and the standard errors come from the full
/// three-parameter Jacobian at the optimum. A T_0 on a bound of [0, T_min −
/// 1 K] (Arrhenius-like data at 0; data bending more steeply than any VTF
/// law below T_min at the top) carries `at_bound`: no standard error, a
/// one-sided interval, and (ln A, B) with their errors at T_0 held there.
pub fn fit_vtf(temperature_k: &[f64], sigma_s_per_cm: &[f64]) -> Result<VtfFit> {
    check_series(
        "temperature_k",
        temperature_k,
        "sigma_s_per_cm",
        sigma_s_per_cm,
        4,
    )?;
    let y: Vec<f64> = temperature_k
        .iter()
        .zip(sigma_s_per_cm)
        .map(|(t, s)| (s * t.sqrt()).ln())
        .collect();
    let t_min = temperature_k.iter().copied().fold(f64::INFINITY, f64::min);
    let profile = |t0: f64| -> Result<LinearFit> {
        linear_fit(
            y.len(),
            2,
            |k, j| {
                if j == 0 {
                    1.0
                } else {
                    -1.0 / (temperature_k[k] - t0)
                }
            },
            &y,
        )
    };
    // T_0 in [0, T_min − 1 K): grid, then golden section around the best.
    let hi = (t_min - 1.0).max(0.0);
    let grid = 60;
    let mut best = (0.0, f64::INFINITY);
    for g in 0..grid {
        let t0 = hi * g as f64 / grid as f64;
        let rms = profile(t0)?.rms;
        if rms < best.1 {
            best = (t0, rms);
        }
    }
    let step = hi / grid as f64;
    let (mut a, mut b) = ((best.0 - step).max(0.0), (best.0 + step).min(hi));
    let ratio = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..60 {
        let (c, d) = (b - ratio * (b - a), a + ratio * (b - a));
        if profile(c)?.rms < profile(d)?.rms {
            b = d;
        } else {
            a = c;
        }
    }
    let t0 = 0.5 * (a + b);
    let t0_max = hi;
    let t0_at_bound = AtBound::of_range(t0, 0.0, t0_max);
    let LinearFit {
        p,
        se: se_held,
        rms,
        residuals,
    } = profile(t0)?;
    let (ln_a, b_k) = (p[0], p[1]);
    let se = if t0_at_bound.is_some() {
        // T_0 on its bound is set by the bound: held there, (ln A, B) are
        // the linear fit's, and T_0 has no standard error.
        vec![se_held[0], se_held[1], None]
    } else {
        // Jacobian of r = ln A − B/(T − T0) − y in (ln A, B, T0).
        let jac = DMatrix::from_fn(y.len(), 3, |k, j| {
            let dt = temperature_k[k] - t0;
            match j {
                0 => 1.0,
                1 => -1.0 / dt,
                _ => -b_k / (dt * dt),
            }
        });
        analyse_with_limit(&jac, rms * rms * y.len() as f64, f64::INFINITY).stderr_u
    };
    let a_value = ln_a.exp();
    // Profile intervals in (ln A, B, T_0), T_0 kept in the fit's range [0, T_min − 1 K].
    let residuals_of = ClosureResiduals {
        rows: y.len(),
        eval: |u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>| {
            let [ln_a, b, t0] = [u[0], u[1], u[2]];
            if !(0.0..=t0_max).contains(&t0) {
                return false;
            }
            for (k, (&t, &yk)) in temperature_k.iter().zip(&y).enumerate() {
                let dt = t - t0;
                r[k] = ln_a - b / dt - yk;
                jac[(k, 0)] = 1.0;
                jac[(k, 1)] = -1.0 / dt;
                jac[(k, 2)] = -b / (dt * dt);
            }
            true
        },
    };
    let b_reach = 1e6 * b_k.abs().max(1.0);
    let spans = [
        Span::log(ln_a),
        Span::linear(b_k - b_reach, b_k + b_reach, false),
        Span::linear(0.0, t0_max, true),
    ];
    let ci = scalar_intervals(&residuals_of, &[ln_a, b_k, t0], &spans);
    let ci = |k: usize, to_physical: fn(f64) -> f64| {
        ci.as_ref().map(|c| physical(c[k].0, c[k].1, to_physical))
    };
    Ok(VtfFit {
        a: Estimate {
            value: a_value,
            stderr: se[0].map(|s| s * a_value),
            ci95: ci(0, f64::exp),
            at_bound: None,
        },
        b_k: Estimate {
            value: b_k,
            stderr: se[1],
            ci95: ci(1, |b| b),
            at_bound: None,
        },
        t0_k: Estimate {
            value: t0,
            stderr: se[2],
            // One-sided at a bound: that end is the bound itself.
            ci95: ci(2, |t| t).map(|c| t0_at_bound.map_or(c, |bound| bound.closing(c)).holding(t0)),
            at_bound: t0_at_bound,
        },
        rms_log_residual: rms,
        chi2: rms * rms * y.len() as f64,
        dof: y.len() - 3,
        log_residuals: residuals,
    })
}

/// Eq. 18 generalised, τ = k·ε^(−α), fitted by linear least squares on
/// ln τ = ln k − α·ln ε. With `fixed_k` the prefactor is held (Some(1.0):
/// Bruggeman proper) and only α is fitted.
pub fn fit_bruggeman(
    epsilon: &[f64],
    tortuosity: &[f64],
    fixed_k: Option<f64>,
) -> Result<BruggemanFit> {
    check_series(
        "epsilon",
        epsilon,
        "tortuosity",
        tortuosity,
        if fixed_k.is_some() { 2 } else { 3 },
    )?;
    if let Some(k) = fixed_k {
        require_positive("k", k)?;
    }
    if let Some(&e) = epsilon.iter().find(|&&e| e >= 1.0) {
        return Err(Error::invalid(
            "epsilon",
            e,
            "a fraction < 1 (ε = 1 carries no information on α)",
        ));
    }
    let ln_eps: Vec<f64> = epsilon.iter().map(|e| e.ln()).collect();
    if let Some(k) = fixed_k {
        let y: Vec<f64> = tortuosity.iter().map(|t| (t / k).ln()).collect();
        let LinearFit {
            p,
            se,
            rms,
            residuals,
        } = linear_fit(y.len(), 1, |j, _| -ln_eps[j], &y)?;
        let dof = y.len() - 1;
        return Ok(BruggemanFit {
            alpha: linear_estimate(p[0], se[0], dof, false),
            k: Estimate {
                value: k,
                stderr: None,
                ci95: None,
                at_bound: None,
            },
            rms_log_residual: rms,
            chi2: rms * rms * y.len() as f64,
            dof,
            log_residuals: residuals,
        });
    }
    let y: Vec<f64> = tortuosity.iter().map(|t| t.ln()).collect();
    let LinearFit {
        p,
        se,
        rms,
        residuals,
    } = linear_fit(y.len(), 2, |k, j| if j == 0 { 1.0 } else { -ln_eps[k] }, &y)?;
    let k = p[0].exp();
    let dof = y.len() - 2;
    Ok(BruggemanFit {
        alpha: linear_estimate(p[1], se[1], dof, false),
        k: linear_estimate(k, se[0].map(|s| s * k), dof, true),
        rms_log_residual: rms,
        chi2: rms * rms * y.len() as f64,
        dof,
        log_residuals: residuals,
    })
}

#[cfg(test)]
mod tests;
