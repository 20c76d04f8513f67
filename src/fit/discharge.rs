//! Fit of the homogenised discharge model ([`crate::discharge`]) to measured
//! discharge curves at several currents: σ_i,eff (equivalently τ), D_s and
//! i0,ref by least squares on V(Q), with profile-likelihood intervals.
//!
//! Residuals: for every measured point (Q, V) of the curve at current I,
//! V_model(Q) − V, V_model read off the computed curve by linear
//! interpolation between its steps. The model runs to a cut-off 0.05 V below
//! the lowest measured voltage so that it covers the data; where a model
//! curve still ends before a measured Q, it is continued with a slope of
//! 1 V per 1 % of the largest measured capacity (a steep, continuous
//! penalty). Parameters move as their logarithms; the Jacobian is by
//! forward differences. Levenberg–Marquardt is the `levenberg-marquardt`
//! crate's.
//!
//! Profile likelihood (Venzon & Moolgavkar 1988; Raue et al.,
//! *Bioinformatics* 25 (2009) 1923): one parameter is held on a grid in
//! ln p around the optimum and the others refitted; the 95 % interval is
//! where χ²(p) ≤ χ²_min·(1 + F_{1,ν}(0.95)/ν), ν = points − parameters
//! (the noise level being unknown), with F_{1,ν}(0.95) = t_{ν}(0.975)².
//! The grid step is the linearised standard error of ln p (capped), and the
//! crossings are interpolated linearly in √(χ² − χ²_min), which is exact for
//! a quadratic profile.

use levenberg_marquardt::{LeastSquaresProblem, LevenbergMarquardt};
use nalgebra::{storage::Owned, DMatrix, DVector, Dyn};
use serde::{Deserialize, Serialize};

use super::uncertainty::student_t95;
use crate::discharge::{discharge, CellParams, SolverOptions};
use crate::error::{Error, Result};
use crate::physics::tortuosity::Microstructure;

/// A parameter the fit may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DischargeParam {
    /// σ_i,eff of the cathode, S/cm (τ = ε·σ_i/σ_i,eff follows).
    SigmaEff,
    /// D_s of the cathode's active material, cm²/s.
    Diffusivity,
    /// i0,ref of the cathode, A/cm².
    ExchangeCurrent,
}

impl DischargeParam {
    /// The name the CLI uses.
    pub fn name(self) -> &'static str {
        match self {
            DischargeParam::SigmaEff => "sigma-eff",
            DischargeParam::Diffusivity => "diffusivity",
            DischargeParam::ExchangeCurrent => "i0",
        }
    }

    /// Parses [`DischargeParam::name`].
    pub fn from_name(name: &str) -> Option<DischargeParam> {
        [
            DischargeParam::SigmaEff,
            DischargeParam::Diffusivity,
            DischargeParam::ExchangeCurrent,
        ]
        .into_iter()
        .find(|p| p.name() == name)
    }

    /// The parameter's value in `cell` (core units).
    pub fn get(self, cell: &CellParams) -> Result<f64> {
        let c = &cell.cathode;
        Ok(match self {
            DischargeParam::SigmaEff => {
                c.sigma_i_eff_s_per_cm(cell.sigma_i_at_temperature_s_per_cm()?)?
            }
            DischargeParam::Diffusivity => c.diffusivity_cm2_per_s,
            DischargeParam::ExchangeCurrent => c.i0_ref_a_per_cm2,
        })
    }

    /// Sets the parameter in `cell` (σ_i,eff through τ = ε·σ_i/σ_i,eff).
    pub fn set(self, cell: &mut CellParams, value: f64) -> Result<()> {
        match self {
            DischargeParam::SigmaEff => {
                let sigma_i = cell.sigma_i_at_temperature_s_per_cm()?;
                let epsilon = cell.cathode.epsilon();
                cell.cathode.microstructure = Microstructure::Tortuosity {
                    epsilon,
                    tau: epsilon * sigma_i / value,
                };
            }
            DischargeParam::Diffusivity => cell.cathode.diffusivity_cm2_per_s = value,
            DischargeParam::ExchangeCurrent => cell.cathode.i0_ref_a_per_cm2 = value,
        }
        Ok(())
    }
}

/// One measured discharge curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasuredCurve {
    pub current_a_per_cm2: f64,
    /// Q, C/cm², and V, V, point by point.
    pub capacity_c_per_cm2: Vec<f64>,
    pub voltage_v: Vec<f64>,
}

/// A fitted value with its 95 % profile-likelihood interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FittedValue {
    pub param: DischargeParam,
    pub value: f64,
    /// Interval ends; None where the profile stays below the threshold
    /// over the whole grid (the parameter is not bounded on that side).
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// One parameter's profile: ln-grid values and the refitted χ².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileLikelihood {
    pub param: DischargeParam,
    pub values: Vec<f64>,
    pub chi2: Vec<f64>,
}

/// The outcome of [`fit_discharge`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DischargeFit {
    pub values: Vec<FittedValue>,
    /// τ = ε·σ_i/σ_i,eff at the optimum.
    pub tau: f64,
    /// Σ(V_model − V)², V².
    pub chi2: f64,
    pub dof: usize,
    /// √(χ²/points), V.
    pub rms_v: f64,
    /// The χ² threshold of the 95 % intervals.
    pub threshold_chi2: f64,
    pub profiles: Vec<ProfileLikelihood>,
}

/// Settings of the fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DischargeFitOptions {
    pub solver: SolverOptions,
    /// Grid step of the profiles in ln p.
    pub profile_step_ln: f64,
    /// Grid points on each side of the optimum, at most.
    pub profile_points: usize,
    /// Residual evaluations allowed per Levenberg–Marquardt run, per parameter.
    pub patience: usize,
}

impl Default for DischargeFitOptions {
    fn default() -> Self {
        DischargeFitOptions {
            solver: SolverOptions {
                rtol: 1e-7,
                ..SolverOptions::default()
            },
            profile_step_ln: 0.15,
            profile_points: 12,
            patience: 40,
        }
    }
}

/// Forward-difference step in ln p.
const FD_STEP: f64 = 1e-4;

struct Problem<'a> {
    cell: CellParams,
    data: &'a [MeasuredCurve],
    free: Vec<DischargeParam>,
    solver: SolverOptions,
    u: DVector<f64>,
    points: usize,
    /// Penalty slope beyond a model curve's end, V per C/cm².
    slope: f64,
}

impl Problem<'_> {
    fn residuals_at(&self, u: &[f64]) -> Option<Vec<f64>> {
        let mut cell = self.cell.clone();
        for (p, ui) in self.free.iter().zip(u) {
            p.set(&mut cell, ui.exp()).ok()?;
        }
        let mut out = Vec::with_capacity(self.points);
        for curve in self.data {
            let v_min = curve
                .voltage_v
                .iter()
                .copied()
                .fold(f64::INFINITY, f64::min);
            cell.v_cutoff_v = v_min - 0.05;
            let d = discharge(&cell, curve.current_a_per_cm2, &self.solver, &[]).ok()?;
            let pts = &d.points;
            let last = pts.last()?;
            for (&q, &v) in curve.capacity_c_per_cm2.iter().zip(&curve.voltage_v) {
                let model = if q >= last.capacity_c_per_cm2 {
                    last.voltage_v - self.slope * (q - last.capacity_c_per_cm2)
                } else {
                    let k = pts.partition_point(|p| p.capacity_c_per_cm2 <= q).max(1);
                    let (a, b) = (&pts[k - 1], &pts[k]);
                    let f =
                        (q - a.capacity_c_per_cm2) / (b.capacity_c_per_cm2 - a.capacity_c_per_cm2);
                    a.voltage_v + f * (b.voltage_v - a.voltage_v)
                };
                out.push(model - v);
            }
        }
        out.iter().all(|r| r.is_finite()).then_some(out)
    }
}

impl LeastSquaresProblem<f64, Dyn, Dyn> for Problem<'_> {
    type ResidualStorage = Owned<f64, Dyn>;
    type JacobianStorage = Owned<f64, Dyn, Dyn>;
    type ParameterStorage = Owned<f64, Dyn>;

    fn set_params(&mut self, u: &DVector<f64>) {
        self.u.copy_from(u);
    }
    fn params(&self) -> DVector<f64> {
        self.u.clone()
    }
    fn residuals(&self) -> Option<DVector<f64>> {
        self.residuals_at(self.u.as_slice()).map(DVector::from_vec)
    }
    fn jacobian(&self) -> Option<DMatrix<f64>> {
        let u = self.u.as_slice();
        let base = self.residuals_at(u)?;
        let mut jac = DMatrix::zeros(self.points, u.len());
        let mut shifted = u.to_vec();
        for col in 0..u.len() {
            shifted[col] = u[col] + FD_STEP;
            let plus = self.residuals_at(&shifted)?;
            shifted[col] = u[col];
            for (row, (p, b)) in plus.iter().zip(&base).enumerate() {
                jac[(row, col)] = (p - b) / FD_STEP;
            }
        }
        Some(jac)
    }
}

/// Runs LM from `u0` over the parameters `free` (others as in `cell`);
/// returns the end point and its χ².
fn minimise(
    cell: &CellParams,
    data: &[MeasuredCurve],
    free: &[DischargeParam],
    u0: &[f64],
    options: &DischargeFitOptions,
    slope: f64,
    points: usize,
) -> Option<(Vec<f64>, f64)> {
    let problem = Problem {
        cell: cell.clone(),
        data,
        free: free.to_vec(),
        solver: options.solver,
        u: DVector::from_column_slice(u0),
        points,
        slope,
    };
    let (problem, report) = LevenbergMarquardt::new()
        .with_ftol(1e-10)
        .with_xtol(1e-8)
        .with_patience(options.patience)
        .minimize(problem);
    let chi2 = 2.0 * report.objective_function;
    chi2.is_finite()
        .then(|| (problem.u.as_slice().to_vec(), chi2))
}

/// Fits the parameters `free` of `cell`'s cathode to `data`, starting from
/// the values in `cell`.
pub fn fit_discharge(
    cell: &CellParams,
    data: &[MeasuredCurve],
    free: &[DischargeParam],
    options: &DischargeFitOptions,
) -> Result<DischargeFit> {
    cell.validate()?;
    if free.is_empty() {
        return Err(Error::Inconsistent("no parameter to fit".into()));
    }
    let points: usize = data.iter().map(|c| c.voltage_v.len()).sum();
    if data.is_empty() || points <= free.len() {
        return Err(Error::Inconsistent(format!(
            "{points} measured points are too few to fit {} parameters",
            free.len()
        )));
    }
    let mut q_max: f64 = 0.0;
    for curve in data {
        if curve.capacity_c_per_cm2.len() != curve.voltage_v.len() || curve.voltage_v.is_empty() {
            return Err(Error::Inconsistent(
                "a curve has no points, or different numbers of capacities and voltages".into(),
            ));
        }
        crate::error::require_positive("current_a_per_cm2", curve.current_a_per_cm2)?;
        for (&q, &v) in curve.capacity_c_per_cm2.iter().zip(&curve.voltage_v) {
            crate::error::require_non_negative("capacity_c_per_cm2", q)?;
            if !v.is_finite() {
                return Err(Error::invalid("voltage_v", v, "a finite voltage"));
            }
            q_max = q_max.max(q);
        }
    }
    let slope = 1.0 / (0.01 * q_max.max(1e-12));
    let u0: Vec<f64> = free
        .iter()
        .map(|p| p.get(cell).map(f64::ln))
        .collect::<Result<_>>()?;
    let (u, chi2) = minimise(cell, data, free, &u0, options, slope, points).ok_or_else(|| {
        Error::Numerical("the discharge model could not be evaluated during the fit".into())
    })?;
    let dof = points - free.len();
    let f95 = student_t95(dof).map_or(3.84, |t| t * t);
    let threshold = chi2 * (1.0 + f95 / dof as f64);
    // Grid steps from the linearised standard errors in ln p (s²·(JᵀJ)⁻¹),
    // so that a well-determined parameter is profiled on a fine grid.
    let problem = Problem {
        cell: cell.clone(),
        data,
        free: free.to_vec(),
        solver: options.solver,
        u: DVector::from_column_slice(&u),
        points,
        slope,
    };
    let steps: Vec<f64> = match problem.jacobian() {
        Some(j) => {
            let s2 = chi2 / dof as f64;
            let cov = (j.transpose() * &j).try_inverse();
            (0..free.len())
                .map(|k| {
                    cov.as_ref()
                        .map(|c| (s2 * c[(k, k)]).sqrt())
                        .filter(|s| s.is_finite() && *s > 0.0)
                        .map_or(options.profile_step_ln, |s| {
                            s.clamp(1e-3, options.profile_step_ln)
                        })
                })
                .collect()
        }
        None => vec![options.profile_step_ln; free.len()],
    };
    let mut values = Vec::new();
    let mut profiles = Vec::new();
    for (i, &param) in free.iter().enumerate() {
        let others: Vec<DischargeParam> = free
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .map(|(_, p)| *p)
            .collect();
        let mut grid = vec![(u[i], chi2)];
        let mut ends = [None, None];
        for (side, dir) in [-1.0f64, 1.0].into_iter().enumerate() {
            let mut warm: Vec<f64> = u
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, v)| *v)
                .collect();
            let mut prev = (u[i], chi2);
            for step in 1..=options.profile_points {
                let held = u[i] + dir * steps[i] * step as f64;
                let mut held_cell = cell.clone();
                param.set(&mut held_cell, held.exp())?;
                let c2 = if others.is_empty() {
                    let problem = Problem {
                        cell: held_cell,
                        data,
                        free: vec![],
                        solver: options.solver,
                        u: DVector::zeros(0),
                        points,
                        slope,
                    };
                    problem
                        .residuals_at(&[])
                        .map(|r| r.iter().map(|x| x * x).sum::<f64>())
                } else {
                    minimise(&held_cell, data, &others, &warm, options, slope, points).map(
                        |(w, c2)| {
                            warm = w;
                            c2
                        },
                    )
                };
                let Some(c2) = c2 else { break };
                grid.push((held, c2));
                if c2 >= threshold {
                    // √(χ² − χ²_min) is linear in ln p for a quadratic profile.
                    let root = |c: f64| (c - chi2).max(0.0).sqrt();
                    let f = (root(threshold) - root(prev.1)) / (root(c2) - root(prev.1));
                    ends[side] = Some((prev.0 + f * (held - prev.0)).exp());
                    break;
                }
                prev = (held, c2);
            }
        }
        grid.sort_by(|a, b| a.0.total_cmp(&b.0));
        profiles.push(ProfileLikelihood {
            param,
            values: grid.iter().map(|g| g.0.exp()).collect(),
            chi2: grid.iter().map(|g| g.1).collect(),
        });
        values.push(FittedValue {
            param,
            value: u[i].exp(),
            lower: ends[0],
            upper: ends[1],
        });
    }
    let mut fitted = cell.clone();
    for v in &values {
        v.param.set(&mut fitted, v.value)?;
    }
    let tau = fitted.cathode.microstructure.tortuosity()?;
    Ok(DischargeFit {
        values,
        tau,
        chi2,
        dof,
        rms_v: (chi2 / points as f64).sqrt(),
        threshold_chi2: threshold,
        profiles,
    })
}

#[cfg(test)]
mod tests;
