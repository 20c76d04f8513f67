//! Uncertainties from the Jacobian at the solution, in transformed space:
//! covariance s²·(JᵀJ)⁺ with s² = χ²/(2m − n), standard errors, 95 %
//! intervals, correlations, and which parameters the data cannot determine
//! (a near-null direction of J, or a standard error larger than the value's
//! own scale).

use nalgebra::DMatrix;
use num_complex::Complex64;

use super::lm::Problem;
use super::{FitOptions, Setup, Weighting};
use crate::error::{Error, Result};
use crate::impedance::Model;

/// Singular values below this fraction of the largest mark a direction of
/// parameter space that the spectrum does not see.
pub const RELATIVE_SINGULAR_TOLERANCE: f64 = 1e-7;
/// A parameter moving along a null direction by more than this share is
/// not determined.
const NULL_COMPONENT: f64 = 0.01;
/// A standard error of u above this (a factor e in a log-mapped value) is
/// too large to report the value as determined.
pub const MAX_STDERR_U: f64 = 1.0;
/// Two-sided 95 % quantile of the normal distribution.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Uncertainty of the free parameters in transformed space.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Standard error of each transformed free value; None when not determined.
    pub stderr_u: Vec<Option<f64>>,
    /// Correlation matrix of the free values (pseudo-inverse based).
    pub correlation: Vec<Vec<f64>>,
    /// Which free values the data determine.
    pub determined: Vec<bool>,
    /// Smallest over largest singular value of J (0 when J is zero).
    pub relative_condition: f64,
}

impl Analysis {
    /// The analysis when no Jacobian could be formed: nothing determined.
    pub fn nothing_determined(n: usize) -> Analysis {
        Analysis {
            stderr_u: vec![None; n],
            correlation: (0..n)
                .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
                .collect(),
            determined: vec![false; n],
            relative_condition: 0.0,
        }
    }
}

/// Analyses the Jacobian `jac` (2m × n, transformed space) at a solution
/// with residual sum of squares `chi2`.
pub fn analyse(jac: &DMatrix<f64>, chi2: f64) -> Analysis {
    analyse_with_limit(jac, chi2, MAX_STDERR_U)
}

/// [`analyse`] with another limit on the standard error of a determined
/// value (`f64::INFINITY` for parameters in natural units).
pub fn analyse_with_limit(jac: &DMatrix<f64>, chi2: f64, max_stderr: f64) -> Analysis {
    let n = jac.ncols();
    let dof = jac.nrows().saturating_sub(n).max(1) as f64;
    let s2 = if chi2.is_finite() { chi2 / dof } else { 0.0 };
    let svd = jac.clone().svd_unordered(false, true);
    let sigma = &svd.singular_values;
    let v_t = svd.v_t.unwrap_or_else(|| DMatrix::identity(n, n));
    let sigma_max = sigma.iter().cloned().fold(0.0, f64::max);
    let tol = sigma_max * RELATIVE_SINGULAR_TOLERANCE;
    let mut determined = vec![sigma_max > 0.0; n];
    let mut cov = DMatrix::<f64>::zeros(n, n);
    for (k, &s) in sigma.iter().enumerate() {
        let row = v_t.row(k);
        if s > tol && s > 0.0 {
            for i in 0..n {
                for j in 0..n {
                    cov[(i, j)] += row[i] * row[j] / (s * s);
                }
            }
        } else {
            for (i, flag) in determined.iter_mut().enumerate() {
                if row[i].abs() > NULL_COMPONENT {
                    *flag = false;
                }
            }
        }
    }
    let sigma_min = sigma.iter().cloned().fold(f64::INFINITY, f64::min);
    let relative_condition = if sigma_max > 0.0 {
        sigma_min / sigma_max
    } else {
        0.0
    };
    let mut stderr_u = Vec::with_capacity(n);
    for i in 0..n {
        let se = (s2 * cov[(i, i)]).max(0.0).sqrt();
        if !se.is_finite() || se > max_stderr {
            determined[i] = false;
        }
        stderr_u.push(determined[i].then_some(se));
    }
    let correlation = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let d = (cov[(i, i)] * cov[(j, j)]).sqrt();
                    if i == j {
                        1.0
                    } else if d > 0.0 && d.is_finite() {
                        (cov[(i, j)] / d).clamp(-1.0, 1.0)
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    Analysis {
        stderr_u,
        correlation,
        determined,
        relative_condition,
    }
}

/// Cramér–Rao bound of each parameter of `model` (at its current values,
/// the truth) for a spectrum at `freq_hz` with complex Gaussian noise of
/// standard deviation `relative_noise`·|Z| in each part, modulus weighting
/// and the parameters in `fixed` held: the smallest standard error any
/// unbiased estimator can reach. None for fixed or unidentifiable ones.
pub fn cramer_rao<M: Model + Clone>(
    model: &M,
    freq_hz: &[f64],
    relative_noise: f64,
    fixed: &[(String, f64)],
) -> Result<Vec<Option<f64>>> {
    let options = FitOptions {
        fixed: fixed.to_vec(),
        ..FitOptions::default()
    };
    let setup = Setup::new(model.param_specs(), &options)?;
    let truth = setup.apply(model.params(), &options, false);
    let mut at_truth = model.clone();
    at_truth.set_params(&truth)?;
    let omega: Vec<f64> = freq_hz.iter().map(|f| std::f64::consts::TAU * f).collect();
    let z: Vec<Complex64> = omega.iter().map(|&w| at_truth.impedance(w)).collect();
    let weights: Vec<(f64, f64)> = z.iter().map(|&zk| Weighting::Modulus.weights(zk)).collect();
    let u: Vec<f64> = setup
        .free
        .iter()
        .zip(&setup.transforms)
        .map(|(&i, t)| t.to_internal(truth[i]))
        .collect::<Result<_>>()?;
    let problem = Problem::new(
        &at_truth,
        truth.clone(),
        &setup.free,
        &setup.transforms,
        &omega,
        &z,
        &weights,
        &u,
    );
    let jac = problem
        .jacobian_at(&u)
        .ok_or_else(|| Error::Numerical("model not finite at the truth".into()))?;
    // analyse() scales by χ²/dof; give it σ²·dof so the scale is σ².
    let dof = jac.nrows().saturating_sub(jac.ncols()).max(1) as f64;
    let analysis = analyse(&jac, relative_noise * relative_noise * dof);
    let mut out = vec![None; truth.len()];
    for (k, &i) in setup.free.iter().enumerate() {
        out[i] = analysis.stderr_u[k].map(|se| setup.transforms[k].derivative(u[k]).abs() * se);
    }
    Ok(out)
}

/// Two-sided 95 % quantile of Student's t with `dof` degrees of freedom
/// (None for 0): the interval half-width in standard errors for a fit with
/// few points. Solves A(t|ν) = 0.95 by bisection, with A the probability
/// |T| < t in the closed forms for whole ν (Abramowitz & Stegun 26.7.3–4);
/// above 1000 degrees of freedom the first Cornish–Fisher term suffices.
pub fn student_t95(dof: usize) -> Option<f64> {
    if dof == 0 {
        return None;
    }
    let nu = dof as f64;
    if dof > 1000 {
        return Some(Z95 + (Z95.powi(3) + Z95) / (4.0 * nu));
    }
    let inside = |t: f64| -> f64 {
        let theta = (t / nu.sqrt()).atan();
        let (s, c) = theta.sin_cos();
        if dof % 2 == 1 {
            let (mut term, mut sum) = (c, if dof > 1 { c } else { 0.0 });
            for k in (3..dof.saturating_sub(1)).step_by(2) {
                term *= c * c * (k - 1) as f64 / k as f64;
                sum += term;
            }
            std::f64::consts::FRAC_2_PI * (theta + s * sum)
        } else {
            let (mut term, mut sum) = (1.0, 1.0);
            for k in (2..dof.saturating_sub(1)).step_by(2) {
                term *= c * c * (k - 1) as f64 / k as f64;
                sum += term;
            }
            s * sum
        }
    };
    let (mut lo, mut hi) = (0.0, 100.0);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if inside(mid) < 0.95 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests;
