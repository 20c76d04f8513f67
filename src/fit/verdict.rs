//! A verdict on a fit — good, questionable, or the model does not describe
//! the spectrum — with the reasons, from the fit's residuals measured against
//! the noise the Kramers–Kronig check implies; and the rule for offering
//! the quantities derived from R_ion.
//!
//! The residuals are relative, r = (Ẑ − Z)/|Z| for Re and Im of each point,
//! whatever weighting the fit used. Three measures (docs/IMPEDANCE.md has
//! their calibration):
//! - χ²/dof = Σ r²/σ² / (2N − p), σ the KK noise level (at least
//!   [`NOISE_FLOOR`]): about 1 when the model leaves only noise;
//! - runs: the Wald–Wolfowitz z of the signs of Re and of Im along the
//!   frequency axis ([`runs_test_z`]); long same-signed stretches (z ≪ 0)
//!   mean the model misses a feature;
//! - systematic miss S: the largest mean of the residuals over
//!   [`WINDOW`] neighbouring frequencies (Re or Im), the size of a miss a
//!   person sees on the plot.
//!
//! Rules: **good** when the residuals are noise (χ²/dof ≤ [`CHI2_GOOD`] and
//! both runs z ≥ [`RUNS_Z`]) or too small to matter (S ≤ [`MISS_SMALL`]);
//! **does not describe** when the model misses the data by far more than
//! the noise (χ²/dof > [`CHI2_BAD`]) and visibly (S > [`MISS_LARGE`]);
//! **questionable** otherwise. A fit that did not converge, or a spectrum
//! with points outside the KK check's noise band (drift, outliers), is at
//! best questionable: the fit may describe an artefact. (A spectrum that
//! fails KK only for being too noisy is not downgraded: the reasons say so.)

use num_complex::Complex64;
use serde::{Deserialize, Serialize};

use super::derived::{derive, Derived, Geometry};
use super::kk::{frequency_order, runs_test_z, KkResult, RunsZ};
use super::result::FitResult;
use crate::error::{Error, Result};
use crate::precision::significant;
use crate::spectrum::Spectrum;

/// χ²/dof at or below this: the residuals are noise.
pub const CHI2_GOOD: f64 = 2.0;
/// χ²/dof above this (rms ≈ 3.2 × the noise) and a miss above
/// [`MISS_LARGE`]: the model does not describe the spectrum.
pub const CHI2_BAD: f64 = 10.0;
/// Runs z below this on Re or Im: ordered residuals.
pub const RUNS_Z: f64 = -3.0;
/// A systematic miss at or below this (1 % of |Z|, the accuracy potentiostats
/// specify over most of their range) does not matter.
pub const MISS_SMALL: f64 = 0.01;
/// A systematic miss above this (3 % of |Z|) is plain on any plot.
pub const MISS_LARGE: f64 = 0.03;
/// Smallest noise level used as the reference (0.1 %): no instrument's
/// spectrum is known better, and it keeps χ² finite on exact data.
pub const NOISE_FLOOR: f64 = 0.001;
/// Neighbouring points averaged for the systematic miss.
pub const WINDOW: usize = 5;

/// The three verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Good,
    Questionable,
    /// The model does not describe this spectrum.
    DoesNotDescribe,
}

impl Verdict {
    /// The verdict as in JSON and CSV: `good`, `questionable`, `does_not_describe`.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Questionable => "questionable",
            Verdict::DoesNotDescribe => "does_not_describe",
        }
    }

    /// The verdict as people read it.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Questionable => "questionable",
            Verdict::DoesNotDescribe => "the model does not describe this spectrum",
        }
    }
}

/// What the residuals say, with the measures behind it; in a fit report
/// its fields are `verdict`, `verdict_reasons` and `verdict_measures`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judgement {
    pub verdict: Verdict,
    /// Sentences for people, the deciding one first.
    #[serde(rename = "verdict_reasons")]
    pub reasons: Vec<String>,
    #[serde(rename = "verdict_measures")]
    pub measures: Measures,
}

/// The measures a [`Judgement`] is made from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    /// Root mean square of the relative residuals.
    pub rms: f64,
    /// The reference noise level σ (the KK check's, at least [`NOISE_FLOOR`]).
    pub noise: f64,
    /// Σ r²/σ² / (2N − p).
    pub chi2_per_dof: f64,
    /// Runs-test z of the Re and Im residuals.
    pub runs_z: RunsZ,
    /// The systematic miss S.
    pub systematic: f64,
    /// Frequency (Hz) at the middle of the window of the largest miss.
    pub systematic_at_hz: f64,
    /// Whether the spectrum passes the Kramers–Kronig check.
    pub kk_pass: bool,
}

/// Judges a fit of `spectrum` whose model gives `model_ohm` at the data's
/// frequencies, with `free` parameters fitted and the spectrum's KK check
/// `kk`; `converged` is the optimiser's.
pub fn judge(
    spectrum: &Spectrum,
    model_ohm: &[Complex64],
    free: usize,
    converged: bool,
    kk: &KkResult,
) -> Result<Judgement> {
    let n = spectrum.len();
    if model_ohm.len() != n || n == 0 {
        return Err(Error::Inconsistent(format!(
            "{}: {} model values for {n} points",
            spectrum.label,
            model_ohm.len()
        )));
    }
    let order = frequency_order(&spectrum.freq_hz);
    let residuals: Vec<(f64, f64)> = order
        .iter()
        .map(|&k| {
            let z = spectrum.z_ohm[k];
            let d = (model_ohm[k] - z) / z.norm().max(f64::MIN_POSITIVE);
            (d.re, d.im)
        })
        .collect();
    if residuals
        .iter()
        .any(|(a, b)| !(a.is_finite() && b.is_finite()))
    {
        return Err(Error::Numerical(format!(
            "{}: the model is not finite at every frequency",
            spectrum.label
        )));
    }
    let sum: f64 = residuals.iter().map(|(a, b)| a * a + b * b).sum();
    let rms = (sum / (2 * n) as f64).sqrt();
    let noise = kk.noise.max(NOISE_FLOOR);
    let dof = (2 * n).saturating_sub(free).max(1) as f64;
    let chi2_per_dof = sum / (noise * noise) / dof;
    let re: Vec<f64> = residuals.iter().map(|r| r.0).collect();
    let im: Vec<f64> = residuals.iter().map(|r| r.1).collect();
    let runs_z = RunsZ {
        re: runs_test_z(&re),
        im: runs_test_z(&im),
    };
    let (miss_re, at_re) = largest_running_mean(&re);
    let (miss_im, at_im) = largest_running_mean(&im);
    let (systematic, at) = if miss_re >= miss_im {
        (miss_re, at_re)
    } else {
        (miss_im, at_im)
    };
    let systematic_at_hz = spectrum.freq_hz[order[at]];
    let percent = |x: f64| format!("{:.2} %", 100.0 * x);
    let ordered = runs_z.re < RUNS_Z || runs_z.im < RUNS_Z;
    let noise_like = chi2_per_dof <= CHI2_GOOD && !ordered;
    let mut reasons = Vec::new();
    let mut verdict = if noise_like || systematic <= MISS_SMALL {
        reasons.push(if noise_like {
            format!(
                "The residuals ({} rms) are at the noise level the KK check finds ({}): χ²/dof = {:.2}.",
                percent(rms),
                percent(noise),
                chi2_per_dof
            )
        } else {
            format!(
                "The model misses the data by {} at most, too little to matter (noise {}, χ²/dof = {:.1}).",
                percent(systematic),
                percent(noise),
                chi2_per_dof
            )
        });
        Verdict::Good
    } else if chi2_per_dof > CHI2_BAD && systematic > MISS_LARGE {
        reasons.push(format!(
            "The model misses the data by {} around {} Hz, far beyond the noise ({}; χ²/dof = {:.0}).",
            percent(systematic),
            significant(systematic_at_hz, 3),
            percent(noise),
            chi2_per_dof
        ));
        Verdict::DoesNotDescribe
    } else {
        reasons.push(format!(
            "The residuals ({} rms) exceed the noise ({}; χ²/dof = {:.1}) and the model misses the data by {} around {} Hz.",
            percent(rms),
            percent(noise),
            chi2_per_dof,
            percent(systematic),
            significant(systematic_at_hz, 3)
        ));
        Verdict::Questionable
    };
    if ordered && verdict != Verdict::Good {
        reasons.push(format!(
            "The residuals run in long stretches of one sign along the frequency axis (runs test z = {:.1} for Re, {:.1} for Im): the model misses a feature, not noise.",
            runs_z.re, runs_z.im
        ));
    }
    if !kk.pass {
        // Points outside the KK band (drift, outliers) put the data in
        // doubt; a spectrum that is merely too noisy to show consistency
        // is fitted as well as it can be.
        let disturbed = !kk.outside.is_empty();
        reasons.push(format!(
            "The spectrum itself fails the Kramers–Kronig check ({}){} {}",
            percent(kk.max_residual),
            if disturbed {
                ", so even a close fit may describe an artefact."
            } else {
                "."
            },
            kk.summary
        ));
        if disturbed && verdict == Verdict::Good {
            verdict = Verdict::Questionable;
        }
    }
    if !converged {
        reasons.push("The optimiser stopped before converging.".into());
        if verdict == Verdict::Good {
            verdict = Verdict::Questionable;
        }
    }
    Ok(Judgement {
        verdict,
        reasons,
        measures: Measures {
            rms,
            noise,
            chi2_per_dof,
            runs_z,
            systematic,
            systematic_at_hz,
            kk_pass: kk.pass,
        },
    })
}

/// The largest |mean| of [`WINDOW`] consecutive values (all of them when
/// fewer), and the index of the window's middle.
fn largest_running_mean(values: &[f64]) -> (f64, usize) {
    let w = WINDOW.min(values.len()).max(1);
    values
        .windows(w)
        .enumerate()
        .map(|(start, window)| {
            let mean = window.iter().sum::<f64>() / w as f64;
            (mean.abs(), start + w / 2)
        })
        .fold(
            (0.0, 0),
            |best, next| if next.0 > best.0 { next } else { best },
        )
}

/// σ_eff, τ and α from the rail `ionic` of `fit`, or the sentence saying
/// why they are not offered. They are offered only when the model describes
/// the spectrum (`verdict` not [`Verdict::DoesNotDescribe`]), the rail is
/// determined (or held by the user; an open end of its profile interval
/// leaves it not determined), and the result is physically possible: τ ≥ 1
/// somewhere in the 95 % interval of R_ion — the same condition as
/// σ_eff ≤ ε·σ_i (Eq. 17).
pub fn offer_derived(
    fit: &FitResult,
    ionic: &str,
    verdict: Verdict,
    geometry: &Geometry,
) -> std::result::Result<Derived, String> {
    if verdict == Verdict::DoesNotDescribe {
        return Err(
            "σ_eff, τ and α are not given: the model does not describe this spectrum, so its R_ion means nothing."
                .into(),
        );
    }
    let Some(rail) = fit.param(ionic) else {
        return Err(format!(
            "σ_eff, τ and α are not given: the fitted model has no {ionic}."
        ));
    };
    if !(rail.fixed || rail.determined) {
        return Err(format!(
            "σ_eff, τ and α are not given: {ionic} is not determined by this spectrum ({}).",
            rail.reason
                .as_deref()
                .unwrap_or("the fit hardly changes when it moves")
        ));
    }
    let derived =
        derive(rail.value, rail.stderr, rail.ci95, geometry).map_err(|e| e.to_string())?;
    // τ ∝ R_ion (Eq. 17 with Eq. 3): its largest plausible value comes from
    // the top of R_ion's interval.
    let r_high = rail
        .ci95
        .and_then(|c| c.hi)
        .map_or(rail.value, |hi| hi.max(rail.value));
    let tau_high = derived.tortuosity.value * r_high / rail.value;
    if tau_high < 1.0 || tau_high.is_nan() {
        let sigma_ms = 1e3 * derived.sigma_eff_s_per_cm.value;
        let bound_ms = 1e3 * geometry.epsilon * geometry.sigma_i_s_per_cm;
        return Err(format!(
            "σ_eff, τ and α are not given: they would be τ = {} (at most {} within the 95 % interval), below 1, i.e. σ_eff = {} mS/cm above ε·σ_i = {} mS/cm, which no composite can have (Eq. 17). The rail taken as ionic, ε, σ_i or the thickness is wrong, or the fit put the ionic resistance elsewhere.",
            significant(derived.tortuosity.value, 3),
            significant(tau_high, 3),
            significant(sigma_ms, 3),
            significant(bound_ms, 3)
        ));
    }
    Ok(derived)
}

#[cfg(test)]
mod tests;
