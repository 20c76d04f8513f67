//! Complex nonlinear least squares for any impedance [`Model`]: residuals
//! stacked [Re; Im] with unit, modulus or proportional weights, parameters
//! moved in transformed space ([`transform`]), Levenberg–Marquardt from the
//! `levenberg-marquardt` crate ([`lm`]), automatic starting values and a
//! small multi-start ([`start`]), Jacobian uncertainties and identifiability
//! ([`uncertainty`]), profile-likelihood intervals ([`profile`], written into
//! fit results by `intervals`); plus the linear Kramers–Kronig check ([`kk`]),
//! quantities derived from a fitted R_ion ([`derived`]) and the fits of
//! conductivity and tortuosity series ([`scalar`]) and rate-capability data
//! ([`rate`]); the discharge-curve fit of the homogenised model ([`discharge`]).
//!
//! Entry points: [`fit_model`] (start from the model's own values or given
//! starts) and [`fit_line`] (the two-rail line, no guesses needed).

pub mod circuit_start;
pub mod derived;
pub mod discharge;
pub mod drt;
pub mod first_model;
mod intervals;
pub mod kk;
pub mod lm;
pub mod nnls;
pub mod profile;
pub mod rate;
pub mod report;
pub mod result;
pub mod scalar;
mod second_round;
pub mod start;
pub mod synth;
pub mod temperature;
pub mod transform;
pub mod uncertainty;
pub mod verdict;

use num_complex::Complex64;

use crate::error::{Error, Result};
use crate::impedance::{Domain, Model, ParamSpec};
use crate::spectrum::Spectrum;
pub use profile::Interval;
pub use report::{FitReport, IonicRail};
pub use result::{
    at_bound_clause, AtBound, BoundSide, Correlation, FitResult, ParamEstimate, Rival,
    SecondMinimum,
};
pub use start::{fit_line, InterfaceKind};
use transform::Transform;

/// How residuals are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// w = 1 (Ω): large impedances dominate.
    Unit,
    /// w = 1/|Z| for both parts: every point counts alike (the default).
    #[default]
    Modulus,
    /// w = 1/|Re Z| and 1/|Im Z| separately.
    Proportional,
}

impl Weighting {
    /// Name used in the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Weighting::Unit => "unit",
            Weighting::Modulus => "modulus",
            Weighting::Proportional => "proportional",
        }
    }

    /// Parses [`Weighting::name`].
    pub fn from_name(name: &str) -> Option<Weighting> {
        [Weighting::Unit, Weighting::Modulus, Weighting::Proportional]
            .into_iter()
            .find(|w| w.name() == name)
    }

    /// (w_re, w_im) for one data point `z`.
    pub(crate) fn weights(self, z: Complex64) -> (f64, f64) {
        // Floor so that a point with Re or Im exactly 0 cannot dominate.
        let floor = 1e-6 * z.norm().max(f64::MIN_POSITIVE);
        match self {
            Weighting::Unit => (1.0, 1.0),
            Weighting::Modulus => {
                let w = 1.0 / z.norm().max(f64::MIN_POSITIVE);
                (w, w)
            }
            Weighting::Proportional => (1.0 / z.re.abs().max(floor), 1.0 / z.im.abs().max(floor)),
        }
    }
}

/// Choices for one fit. Names refer to [`ParamSpec::name`].
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    pub weighting: Weighting,
    /// Parameters held at a value (0 allowed for non-negative ones).
    pub fixed: Vec<(String, f64)>,
    /// Bounds (lo, hi) for free parameters.
    pub bounds: Vec<(String, f64, f64)>,
    /// Starting values given by the user; tried first, before automatic ones.
    pub guesses: Vec<(String, f64)>,
    /// Levenberg–Marquardt evaluation budget per start, in units of (free + 1).
    pub patience: usize,
    /// Most starts tried by a multi-start.
    pub max_starts: usize,
    /// Fewest starts tried, even when an earlier one fits well.
    pub min_starts: usize,
    /// A start whose weighted RMS residual is below this ends the multi-start.
    pub good_rms: f64,
    /// Compute the 95 % profile-likelihood interval of every free parameter
    /// (the entry points [`fit_model`] and [`fit_line`]).
    pub profiles: bool,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            weighting: Weighting::Modulus,
            fixed: Vec::new(),
            bounds: Vec::new(),
            guesses: Vec::new(),
            patience: 60,
            max_starts: 6,
            min_starts: 1,
            good_rms: 0.015,
            profiles: true,
        }
    }
}

/// Checks a spectrum for fitting: finite values, ω > 0, and more residuals
/// (2 per point) than free parameters.
pub fn check_spectrum(spectrum: &Spectrum, free_count: usize) -> Result<()> {
    if spectrum.freq_hz.len() != spectrum.z_ohm.len() {
        return Err(Error::Inconsistent(format!(
            "{}: {} frequencies but {} impedances",
            spectrum.label,
            spectrum.freq_hz.len(),
            spectrum.z_ohm.len()
        )));
    }
    for (k, (f, z)) in spectrum.freq_hz.iter().zip(&spectrum.z_ohm).enumerate() {
        if !(f.is_finite() && *f > 0.0) {
            return Err(Error::Read {
                source: spectrum.label.clone(),
                line: None,
                message: format!(
                    "point {}: frequency {} Hz is not a finite number > 0",
                    k + 1,
                    *f
                ),
            });
        }
        if !(z.re.is_finite() && z.im.is_finite()) {
            return Err(Error::Read {
                source: spectrum.label.clone(),
                line: None,
                message: format!("point {}: impedance is NaN or infinite", k + 1),
            });
        }
    }
    if spectrum.z_ohm.iter().all(|z| z.norm() == 0.0) {
        return Err(Error::Read {
            source: spectrum.label.clone(),
            line: None,
            message: "the impedance is zero at every point".into(),
        });
    }
    if 2 * spectrum.len() <= free_count {
        return Err(Error::Inconsistent(format!(
            "{}: {} points give {} residuals, too few for {} free parameters",
            spectrum.label,
            spectrum.len(),
            2 * spectrum.len(),
            free_count
        )));
    }
    Ok(())
}

/// The fixed/free split and transforms of a model under `options`.
pub(crate) struct Setup {
    pub specs: Vec<ParamSpec>,
    pub fixed: Vec<bool>,
    pub free: Vec<usize>,
    pub transforms: Vec<Transform>,
}

impl Setup {
    pub fn new(specs: Vec<ParamSpec>, options: &FitOptions) -> Result<Setup> {
        for (name, _) in options.fixed.iter().chain(&options.guesses) {
            find(&specs, name)?;
        }
        let mut fixed = vec![false; specs.len()];
        for (name, value) in &options.fixed {
            let i = find(&specs, name)?;
            let ok = match specs[i].domain {
                Domain::Positive => *value > 0.0,
                Domain::NonNegative => *value >= 0.0,
                Domain::Exponent => *value > 0.0 && *value <= 1.0,
            };
            if !(ok && value.is_finite()) {
                return Err(Error::Inconsistent(format!(
                    "cannot fix {name} at {}: outside its domain",
                    *value
                )));
            }
            fixed[i] = true;
        }
        let mut free = Vec::new();
        let mut transforms = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            if fixed[i] {
                continue;
            }
            let bounds = options
                .bounds
                .iter()
                .find(|(n, _, _)| *n == spec.name)
                .map(|&(_, lo, hi)| (lo, hi));
            transforms.push(Transform::for_domain(spec.domain, bounds)?);
            free.push(i);
        }
        for (name, _, _) in &options.bounds {
            find(&specs, name)?;
        }
        Ok(Setup {
            specs,
            fixed,
            free,
            transforms,
        })
    }

    /// Applies fixed values and user guesses to a full parameter vector.
    pub fn apply(
        &self,
        mut values: Vec<f64>,
        options: &FitOptions,
        with_guesses: bool,
    ) -> Vec<f64> {
        let guesses = if with_guesses {
            options.guesses.as_slice()
        } else {
            &[]
        };
        for (name, value) in options.fixed.iter().chain(guesses) {
            if let Some(i) = self.specs.iter().position(|s| s.name == *name) {
                values[i] = *value;
            }
        }
        values
    }
}

fn find(specs: &[ParamSpec], name: &str) -> Result<usize> {
    specs.iter().position(|s| s.name == name).ok_or_else(|| {
        let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
        Error::Inconsistent(format!(
            "unknown parameter '{name}': this model has {}",
            names.join(", ")
        ))
    })
}

/// Fits `model` to `spectrum` starting from the model's own parameter
/// values (with `options.fixed` and `options.guesses` applied), then (with
/// `options.profiles`) profiles every free parameter.
pub fn fit_model<M: Model + Clone>(
    model: &M,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<FitResult> {
    let mut result = fit_from_starts(model, &[model.params()], spectrum, options)?;
    if options.profiles {
        with_profiles(model, spectrum, options, &mut result, &mut Vec::new(), None)?;
    }
    Ok(result)
}

/// Angular frequencies (rad/s) and the (Re, Im) weights of each point of
/// `spectrum`.
pub(crate) fn omega_and_weights(
    spectrum: &Spectrum,
    weighting: Weighting,
) -> (Vec<f64>, Vec<(f64, f64)>) {
    let omega = spectrum
        .freq_hz
        .iter()
        .map(|f| std::f64::consts::TAU * f)
        .collect();
    let weights = spectrum
        .z_ohm
        .iter()
        .map(|&z| weighting.weights(z))
        .collect();
    (omega, weights)
}

/// Profiles lower points a fit may restart from before its intervals are kept.
const MAX_RESTARTS: usize = 2;

/// Writes the profile intervals into `result` ([`intervals::attach`]); when
/// profiling meets a lower χ², refits from there (at most [`MAX_RESTARTS`]
/// times), keeps the better fit, adds the one left behind to `others` and
/// profiles again. `others` are other minima found by the starts.
pub(crate) fn with_profiles<M: Model + Clone>(
    model: &M,
    spectrum: &Spectrum,
    options: &FitOptions,
    result: &mut FitResult,
    others: &mut Vec<Vec<f64>>,
    rails: Option<(&str, &str)>,
) -> Result<()> {
    for round in 0..=MAX_RESTARTS {
        let lower = intervals::attach(
            model,
            spectrum,
            options,
            result,
            others,
            rails,
            round < MAX_RESTARTS,
        )?;
        let intervals::Attached::Lower(start) = lower else {
            return Ok(());
        };
        let left = result.values();
        let before = result.chi2;
        try_more_starts(result, model, &[start], spectrum, options);
        if result.chi2 >= before {
            // The refit did not keep the gain: profile without restarting.
            continue;
        }
        others.push(left);
    }
    Ok(())
}

/// Fits from each of `starts` on its own (no user guesses, no profiles) and
/// keeps the lowest χ² in `result`; evaluations and starts are added up.
/// Returns the minimum each start reached.
pub(crate) fn try_more_starts<M: Model + Clone>(
    result: &mut FitResult,
    model: &M,
    starts: &[Vec<f64>],
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Vec<FitResult> {
    let options = FitOptions {
        guesses: Vec::new(),
        min_starts: 1,
        max_starts: 1,
        ..options.clone()
    };
    let mut minima = Vec::new();
    for start in starts {
        let Ok(other) = fit_from_starts(model, std::slice::from_ref(start), spectrum, &options)
        else {
            continue;
        };
        result.evaluations += other.evaluations;
        result.starts_tried += other.starts_tried;
        if other.chi2 < result.chi2 {
            let (evaluations, tried) = (result.evaluations, result.starts_tried);
            *result = other.clone();
            result.evaluations = evaluations;
            result.starts_tried = tried;
        }
        minima.push(other);
    }
    minima
}

/// Fits from each start in turn (user guesses first), keeping the lowest χ²
/// and stopping early once a start fits to `options.good_rms`. No profile
/// intervals: `ci95` is None (see [`fit_model`]).
pub fn fit_from_starts<M: Model + Clone>(
    model: &M,
    starts: &[Vec<f64>],
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<FitResult> {
    multi_start(model, starts, spectrum, options, &mut Vec::new())
}

/// [`fit_from_starts`], adding the minimum (all parameter values) of every
/// start but the kept one to `minima`.
pub(crate) fn multi_start<M: Model + Clone>(
    model: &M,
    starts: &[Vec<f64>],
    spectrum: &Spectrum,
    options: &FitOptions,
    minima: &mut Vec<Vec<f64>>,
) -> Result<FitResult> {
    let setup = Setup::new(model.param_specs(), options)?;
    check_spectrum(spectrum, setup.free.len())?;
    let (omega, weights) = omega_and_weights(spectrum, options.weighting);
    let mut candidates: Vec<Vec<f64>> = Vec::new();
    if !options.guesses.is_empty() {
        if let Some(first) = starts.first() {
            candidates.push(setup.apply(first.clone(), options, true));
        }
    }
    candidates.extend(
        starts
            .iter()
            .map(|s| setup.apply(s.clone(), options, false)),
    );
    let mut best: Option<(lm::Run, Vec<f64>)> = None;
    // Each start run so far, with its run and minimum (all values).
    let mut runs: Vec<(&Vec<f64>, lm::Run, Vec<f64>)> = Vec::new();
    let mut total_evaluations = 0;
    let mut tried = 0;
    let mut last_error = None;
    for start in candidates.iter().take(options.max_starts.max(1)) {
        if start.len() != setup.specs.len() {
            return Err(Error::Inconsistent(format!(
                "a start has {} values, the model {}",
                start.len(),
                setup.specs.len()
            )));
        }
        let u0: Result<Vec<f64>> = setup
            .free
            .iter()
            .zip(&setup.transforms)
            .map(|(&i, t)| t.to_internal(start[i]))
            .collect();
        let u0 = match u0 {
            Ok(u0) => u0,
            Err(e) => {
                last_error = Some(e);
                continue;
            }
        };
        tried += 1;
        // A start equal to an earlier one (automatic start sets can repeat
        // one) ends where it did: its run is not repeated.
        let (run, full) = match runs.iter().find(|(earlier, _, _)| *earlier == start) {
            Some((_, run, full)) => (run.clone(), full.clone()),
            None => {
                let problem = lm::Problem::new(
                    model,
                    start.clone(),
                    &setup.free,
                    &setup.transforms,
                    &omega,
                    &spectrum.z_ohm,
                    &weights,
                    &u0,
                );
                let (problem, run) = lm::minimize(problem, options.patience);
                total_evaluations += run.evaluations;
                let full = problem.physical(&run.u);
                runs.push((start, run.clone(), full.clone()));
                (run, full)
            }
        };
        if !run.chi2.is_finite() {
            continue;
        }
        let rms = (run.chi2 / (2 * spectrum.len()) as f64).sqrt();
        let better = best.as_ref().is_none_or(|(b, _)| run.chi2 < b.chi2);
        if better {
            if let Some((_, left)) = best.replace((run, full)) {
                minima.push(left);
            }
        } else {
            minima.push(full);
        }
        if rms < options.good_rms && tried >= options.min_starts {
            break;
        }
    }
    let Some((run, full)) = best else {
        return Err(last_error.unwrap_or_else(|| {
            Error::Numerical(format!("{}: no start could be fitted", spectrum.label))
        }));
    };
    result::assemble(
        model,
        &setup,
        full,
        run,
        total_evaluations,
        tried,
        &omega,
        spectrum,
        &weights,
    )
}
