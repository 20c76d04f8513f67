//! What a fit returns: values with standard errors and 95 % intervals,
//! correlations, χ², residuals per point, how the optimiser stopped, and
//! plain statements about what the data cannot determine.

use num_complex::Complex64;
use serde::{Deserialize, Serialize};

use super::lm::{Problem, Run};
use super::profile::Interval;
use super::uncertainty::{analyse, Analysis};
use super::Setup;
use crate::error::{Error, Result};
use crate::impedance::Model;
use crate::spectrum::Spectrum;

/// One parameter of a fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamEstimate {
    pub name: String,
    pub unit: String,
    pub value: f64,
    /// The Jacobian standard error: first order, s·√((JᵀJ)⁻¹) at the minimum
    /// mapped to the parameter; a local, symmetric picture kept for those
    /// who want it (the interval is `ci95`). None when fixed or when the
    /// Jacobian does not determine the parameter.
    pub stderr: Option<f64>,
    /// 95 % profile-likelihood interval (docs/INTERVALS.md): may be
    /// asymmetric, and an end is None when open (no bound within 10⁶× the
    /// value). None when fixed or when no profile was computed.
    pub ci95: Option<Interval>,
    pub fixed: bool,
    /// False when the spectrum cannot pin this value down (by the Jacobian,
    /// the layout, or an open end of `ci95`).
    pub determined: bool,
    /// Why, when not determined.
    pub reason: Option<String>,
    /// Another minimum of χ² below the 95 % threshold, with the profile of
    /// this parameter rising above the threshold between it and the fit: the
    /// 95 % set is two pieces and `ci95` spans both.
    pub second_minimum: Option<SecondMinimum>,
    /// The bound of its range the fitted value sits on (a CPE exponent at
    /// 1, a value at a bound the user set): the data would take it past the
    /// bound, so the bound, not the spectrum, sets the value; then
    /// `determined` is false, `stderr` None and `ci95`'s end on that side
    /// is the bound. None for a value inside its range.
    pub at_bound: Option<AtBound>,
    /// The profile behind `ci95`: points `[value, statistic]` the walk
    /// visited, ordered by value, at most [`super::profile::MAX_KEPT`];
    /// the statistic is (χ²_profile − χ²_min)/s², compared with
    /// [`FitResult::profile_threshold`]. Empty when fixed or not profiled.
    pub profile: Vec<(f64, f64)>,
}

/// Which end of its range a parameter sits on (`"lower"`, `"upper"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundSide {
    Lower,
    Upper,
}

/// A fitted value at a bound of its range ([`ParamEstimate::at_bound`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AtBound {
    pub side: BoundSide,
    /// The bound, in the parameter's unit.
    pub value: f64,
}

/// A value within this share of its range from a bound sits on it: the
/// tolerance of [`super::transform::Transform::at_bound`] (|u| ≥
/// [`super::profile::LOGISTIC_EDGE`] puts a logistic map's p within ~10⁻⁶
/// of the range from its bound), for values fitted in their own units.
const AT_BOUND_SHARE: f64 = 1e-6;

impl AtBound {
    /// The bound of [`lo`, `hi`] that `value` sits on (within
    /// [`AT_BOUND_SHARE`] of the range from it), the lower first; None inside.
    pub fn of_range(value: f64, lo: f64, hi: f64) -> Option<AtBound> {
        let tolerance = AT_BOUND_SHARE * (hi - lo);
        if value <= lo + tolerance {
            Some(AtBound {
                side: BoundSide::Lower,
                value: lo,
            })
        } else if value >= hi - tolerance {
            Some(AtBound {
                side: BoundSide::Upper,
                value: hi,
            })
        } else {
            None
        }
    }

    /// `interval` with its end on this bound's side at the bound: a value at
    /// its bound has a one-sided interval, the other end the profile's.
    pub fn closing(self, interval: Interval) -> Interval {
        match self.side {
            BoundSide::Lower => Interval {
                lo: Some(self.value),
                ..interval
            },
            BoundSide::Upper => Interval {
                hi: Some(self.value),
                ..interval
            },
        }
    }

    /// "n ≤ 1", "r_ion ≥ 10 Ω": the range the bound closes, for people.
    pub fn range_text(&self, name: &str, unit: &str) -> String {
        let relation = match self.side {
            BoundSide::Lower => '≥',
            BoundSide::Upper => '≤',
        };
        let unit = match unit {
            "" | "–" | "-" => String::new(),
            unit => format!(" {unit}"),
        };
        // Six digits, trailing zeros dropped: "1", "0.5", "2.5 × 10⁻⁹".
        let digits = crate::precision::significant(self.value, 6);
        let (mantissa, power) = match digits.split_once(' ') {
            Some((m, rest)) => (m, format!(" {rest}")),
            None => (digits.as_str(), String::new()),
        };
        let mantissa = match mantissa.contains('.') {
            true => mantissa.trim_end_matches('0').trim_end_matches('.'),
            false => mantissa,
        };
        format!("{name} {relation} {mantissa}{power}{unit}")
    }
}

/// A second minimum of a parameter's profile (see
/// [`ParamEstimate::second_minimum`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SecondMinimum {
    /// The parameter's value there.
    pub value: f64,
    /// Its χ² minus the fit's, in units of χ²/dof.
    pub excess_chi2_per_dof: f64,
}

/// The outcome of a fit. Every output (the CLI's JSON and CSV, `api.js`,
/// the page worker's messages) serialises this type through
/// [`super::report::FitReport`], so a field added here reaches all of them;
/// `docs/FIT-REPORT.md` lists the fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitResult {
    /// The spectrum's label.
    pub label: String,
    pub params: Vec<ParamEstimate>,
    /// Correlations of the free parameters (in transformed space).
    pub correlation: Correlation,
    /// Σ r² of the weighted residuals.
    pub chi2: f64,
    /// χ² / (2·points − free parameters).
    pub reduced_chi2: f64,
    /// Weighted residuals per point: Re and Im of w·(Z_model − Z_data).
    pub residuals: Vec<(f64, f64)>,
    /// Residual evaluations over all starts.
    pub evaluations: usize,
    /// Starts tried by the multi-start.
    pub starts_tried: usize,
    /// Why the optimiser stopped on the kept start.
    pub stop_reason: String,
    pub converged: bool,
    /// True when every free parameter is determined.
    pub determined: bool,
    /// Smallest over largest singular value of the Jacobian.
    pub relative_condition: f64,
    /// True when R_ion and R_e could be swapped without changing the fit
    /// (ion–electron layout): the user must say which rail is ionic.
    pub rails_interchangeable: bool,
    /// Plain sentences for people (identifiability, symmetry, warnings).
    pub notes: Vec<String>,
    /// The threshold of the profiles' statistic for the 95 % intervals,
    /// F₀.₉₅(1, ν) (docs/INTERVALS.md); None when nothing was profiled.
    pub profile_threshold: Option<f64>,
    /// A second solution the spectrum cannot rule out, when one was sought
    /// and found (ion–electron fits with R_bulk free); reported with its
    /// parameters' names by [`super::report::FitReport::rival`].
    #[serde(skip)]
    pub rival: Option<Rival>,
}

/// The correlation matrix of a fit's free parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Correlation {
    /// Names of the free parameters, the order of rows and columns.
    pub names: Vec<String>,
    pub matrix: Vec<Vec<f64>>,
}

/// A second solution of a fit, as different from it as the noise allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rival {
    /// Parameter values in the order of [`FitResult::params`].
    pub values: Vec<f64>,
    /// Its χ² minus the fit's, in units of the fit's χ²/dof.
    pub excess_chi2_per_dof: f64,
}

impl FitResult {
    /// The estimate named `name`, if the model has it.
    pub fn param(&self, name: &str) -> Option<&ParamEstimate> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Parameter values in model order.
    pub fn values(&self) -> Vec<f64> {
        self.params.iter().map(|p| p.value).collect()
    }

    /// Marks `names` as not determined, with a note saying why.
    pub fn mark_undetermined(&mut self, names: &[&str], note: &str) {
        for p in self
            .params
            .iter_mut()
            .filter(|p| names.contains(&p.name.as_str()) && !p.fixed)
        {
            // The profile interval stays: it is what the data allow.
            p.determined = false;
            p.stderr = None;
            p.reason = Some(note.to_string());
        }
        self.determined = self.params.iter().all(|p| p.fixed || p.determined);
        self.notes.push(note.to_string());
    }

    /// The same fit with the two rails exchanged (R_ion ↔ R_e, with their
    /// errors and correlations). Only meaningful when
    /// `rails_interchangeable`; otherwise an error.
    pub fn swap_rails(&self) -> Result<FitResult> {
        if !self.rails_interchangeable {
            return Err(Error::Inconsistent(
                "the rails are not interchangeable in this layout".into(),
            ));
        }
        let mut out = self.clone();
        let (Some(i), Some(e)) = (
            out.params.iter().position(|p| p.name == "r_ion"),
            out.params.iter().position(|p| p.name == "r_e"),
        ) else {
            return Err(Error::Inconsistent(
                "this model has no r_ion and r_e to swap".into(),
            ));
        };
        let (ion, el) = (out.params[i].clone(), out.params[e].clone());
        out.params[i] = ParamEstimate {
            name: ion.name.clone(),
            unit: ion.unit.clone(),
            ..el.clone()
        };
        out.params[e] = ParamEstimate {
            name: el.name,
            unit: el.unit,
            ..ion
        };
        let c = &mut out.correlation;
        let fi = c.names.iter().position(|n| n == "r_ion");
        let fe = c.names.iter().position(|n| n == "r_e");
        match (fi, fe) {
            (Some(fi), Some(fe)) => {
                c.matrix.swap(fi, fe);
                for row in c.matrix.iter_mut() {
                    row.swap(fi, fe);
                }
            }
            (Some(k), None) => c.names[k] = "r_e".into(),
            (None, Some(k)) => c.names[k] = "r_ion".into(),
            (None, None) => {}
        }
        Ok(out)
    }
}

/// What an impedance fit was fitted to, for [`at_bound_clause`].
const SPECTRUM: &str = "the spectrum";

/// Why a free parameter is not determined, from the Jacobian's analysis.
pub const UNDETERMINED: &str =
    "the spectrum does not pin it down: the fit hardly changes when it moves \
     (alone or together with others), or its standard error is larger than the value's own scale";

/// What a parameter at a bound of its range does, after its subject ("it",
/// or its name in the fit's notes), `data` naming what was fitted ("the
/// spectrum", "the data"): the one sentence behind its reason and its note,
/// for the impedance fits and the scalar fits ([`super::scalar`]) alike.
pub fn at_bound_clause(name: &str, unit: &str, bound: AtBound, data: &str) -> String {
    format!(
        "sits at its bound ({}): the fit would take it past the bound, so the bound sets its value, not {data}",
        bound.range_text(name, unit)
    )
}

/// Builds the result at the kept solution.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble<M: Model + Clone>(
    model: &M,
    setup: &Setup,
    full: Vec<f64>,
    run: Run,
    evaluations: usize,
    starts_tried: usize,
    omega: &[f64],
    spectrum: &Spectrum,
    weights: &[(f64, f64)],
) -> Result<FitResult> {
    let problem = Problem::new(
        model,
        full.clone(),
        &setup.free,
        &setup.transforms,
        omega,
        &spectrum.z_ohm,
        weights,
        &run.u,
    );
    let m = spectrum.len();
    let mut stacked = vec![0.0; 2 * m];
    if !problem.fill_residuals(&run.u, &mut stacked) {
        return Err(Error::Numerical(format!(
            "{}: the fitted model cannot be evaluated",
            spectrum.label
        )));
    }
    let chi2: f64 = stacked.iter().map(|r| r * r).sum();
    // A model that cannot be evaluated next to the solution determines nothing there.
    let analysis = match problem.jacobian_at(&run.u) {
        Some(jac) => analyse(&jac, chi2),
        None => Analysis::nothing_determined(setup.free.len()),
    };
    let dof = (2 * m).saturating_sub(setup.free.len()).max(1);
    let mut params = Vec::with_capacity(full.len());
    for (i, spec) in setup.specs.iter().enumerate() {
        let mut estimate = ParamEstimate {
            name: spec.name.clone(),
            unit: spec.unit.to_string(),
            value: full[i],
            stderr: None,
            ci95: None,
            fixed: setup.fixed[i],
            determined: true,
            reason: None,
            second_minimum: None,
            at_bound: None,
            profile: Vec::new(),
        };
        if let Some(k) = setup.free.iter().position(|&f| f == i) {
            let t = setup.transforms[k];
            let u = run.u[k];
            estimate.at_bound = t.at_bound(u);
            if let Some(bound) = estimate.at_bound {
                // dp/du vanishes there: the Jacobian says nothing of p.
                estimate.determined = false;
                let clause = at_bound_clause(&estimate.name, &estimate.unit, bound, SPECTRUM);
                estimate.reason = Some(format!("it {clause}"));
            } else {
                estimate.determined = analysis.determined[k];
                if !estimate.determined {
                    estimate.reason = Some(UNDETERMINED.into());
                }
                if let Some(se) = analysis.stderr_u[k] {
                    estimate.stderr = Some(t.derivative(u).abs() * se);
                }
            }
        }
        params.push(estimate);
    }
    let determined = params.iter().all(|p| p.fixed || p.determined);
    let mut notes = Vec::new();
    let names: Vec<&str> = params
        .iter()
        .filter(|p| !p.fixed && !p.determined && p.at_bound.is_none())
        .map(|p| p.name.as_str())
        .collect();
    if !names.is_empty() {
        notes.push(format!(
            "The spectrum does not determine {}: fix one of them or measure it separately.",
            names.join(", ")
        ));
    }
    for p in &params {
        if let Some(bound) = p.at_bound {
            notes.push(format!(
                "{} {}; hold it there or try another model.",
                p.name,
                at_bound_clause(&p.name, &p.unit, bound, SPECTRUM)
            ));
        }
    }
    if !run.converged {
        notes.push(format!(
            "The optimiser did not converge: {}.",
            run.stop_reason
        ));
    }
    Ok(FitResult {
        label: spectrum.label.clone(),
        params,
        correlation: Correlation {
            names: setup
                .free
                .iter()
                .map(|&i| setup.specs[i].name.clone())
                .collect(),
            matrix: analysis.correlation,
        },
        chi2,
        reduced_chi2: chi2 / dof as f64,
        residuals: (0..m).map(|k| (stacked[k], stacked[m + k])).collect(),
        evaluations,
        starts_tried,
        stop_reason: run.stop_reason,
        converged: run.converged,
        determined,
        relative_condition: analysis.relative_condition,
        rails_interchangeable: false,
        notes,
        profile_threshold: None,
        rival: None,
    })
}

/// Unweighted model impedance at the spectrum's frequencies for `values`.
pub fn model_impedance<M: Model + Clone>(
    model: &M,
    values: &[f64],
    spectrum: &Spectrum,
) -> Result<Vec<Complex64>> {
    let mut m = model.clone();
    m.set_params(values)?;
    Ok(spectrum
        .freq_hz
        .iter()
        .map(|f| m.impedance(std::f64::consts::TAU * f))
        .collect())
}
