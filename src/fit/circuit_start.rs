//! Starting values for any equivalent circuit, read off the spectrum, so a
//! circuit can be fitted without guesses ([`fit_circuit`]); the user's own
//! starts, fixed values and bounds ([`FitOptions`]) still apply.
//!
//! The spectrum gives a high-frequency intercept R_hf, a low-frequency real
//! part R_lf (their difference, the polarisation, is shared out), the
//! frequencies of the tops of its arcs (local maxima of −Im Z), a capacitive
//! tail (−Im Z at the lowest frequency) and a lead inductance (Im Z > 0 at
//! the highest). A circuit's leaves get values from their place in it:
//! - resistors in the top-level series share R_hf; an inductor there takes
//!   the lead inductance; a capacitor or CPE there the tail; a Warburg or a
//!   transmission line there one share of the polarisation and one time
//!   constant;
//! - every parallel group is one relaxation: a share of the polarisation R
//!   and a time constant τ, which its elements turn into values (R for a
//!   resistor, τ/R for a capacitor, Q = τⁿ/R with n = 0.85 for a CPE, R and
//!   τ for a Warburg, a line's rails and double layer).
//!
//! Time constants are handed out in writing order, fastest first (the usual
//! way of writing a circuit, high frequency on the left): the arcs' tops when
//! the spectrum shows enough of them, else log-spaced across the measured
//! band. Several such start sets (arc tops, even spacing, the reverse order,
//! other shares and CPE exponents) are ranked by their misfit before any
//! optimisation, and the multi-start of [`super::fit_from_starts`] runs from
//! the best.

use num_complex::Complex64;

use super::{multi_start, with_profiles, FitOptions, FitResult, Setup};
use crate::error::{Error, Result};
use crate::impedance::circuit::Circuit;
use crate::impedance::elements::Element;
use crate::impedance::{Interface, Model};
use crate::spectrum::Spectrum;

/// CPE exponents tried for every CPE of a start set.
const CPE_EXPONENTS: [f64; 2] = [0.85, 0.7];

/// What the starts are read from.
#[derive(Debug, Clone)]
struct Features {
    r_hf: f64,
    polarisation: f64,
    omega_min: f64,
    omega_max: f64,
    /// ω of the tops of −Im Z, fastest first.
    peaks: Vec<f64>,
    /// Series capacitance of the low-frequency tail, F.
    c_tail: f64,
    /// Lead inductance, H.
    l_lead: f64,
}

fn features(spectrum: &Spectrum) -> Option<Features> {
    let mut points: Vec<(f64, Complex64)> = (0..spectrum.len())
        .map(|k| (spectrum.omega(k), spectrum.z_ohm[k]))
        .collect();
    // Fastest first.
    points.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (&(omega_max, hf), &(omega_min, lf)) = (points.first()?, points.last()?);
    let scale = points.iter().fold(0.0f64, |a, p| a.max(p.1.norm()));
    if scale <= 0.0 || scale.is_nan() {
        return None;
    }
    let tiny = 1e-6 * scale;
    // The smallest real part among the capacitive high-frequency points is
    // the intercept (inductive points sit left of or on it).
    let r_hf = points
        .iter()
        .take_while(|p| p.1.im >= 0.0)
        .chain(points.iter().find(|p| p.1.im < 0.0))
        .map(|p| p.1.re)
        .fold(f64::INFINITY, f64::min)
        .max(tiny);
    let r_lf_max = points.iter().fold(0.0f64, |a, p| a.max(p.1.re));
    let polarisation = (r_lf_max - r_hf).max(1e-3 * scale);
    // Tops of −Im Z: a point higher than its two neighbours on each side.
    let minus_im: Vec<f64> = points.iter().map(|p| -p.1.im).collect();
    let mut peaks = Vec::new();
    for k in 1..points.len().saturating_sub(1) {
        let lo = k.saturating_sub(2);
        let hi = (k + 2).min(points.len() - 1);
        let top = (lo..=hi).all(|j| j == k || minus_im[j] < minus_im[k]);
        if top && minus_im[k] > 0.02 * polarisation {
            peaks.push(points[k].0);
        }
    }
    let c_tail = 1.0 / (omega_min * (-lf.im).max(tiny));
    let l_lead = if hf.im > 0.0 {
        hf.im / omega_max
    } else {
        1e-3 * r_hf / omega_max
    };
    Some(Features {
        r_hf,
        polarisation,
        omega_min,
        omega_max,
        peaks,
        c_tail,
        l_lead,
    })
}

/// How one start set shares things out.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// Use the arc tops (else even log spacing).
    peaks: bool,
    /// Hand the time constants out slowest first.
    reversed: bool,
    /// Multiplies every share of the polarisation.
    share_scale: f64,
    cpe_n: f64,
}

/// Candidate starting vectors for `circuit` on `spectrum`, in the order of
/// [`Model::params`], unranked.
pub fn circuit_starts(circuit: &Circuit, spectrum: &Spectrum) -> Vec<Vec<f64>> {
    let Some(f) = features(spectrum) else {
        return Vec::new();
    };
    let relaxations = count_relaxations(circuit, true);
    let mut plans = Vec::new();
    for cpe_n in CPE_EXPONENTS {
        for (peaks, reversed) in [(true, false), (false, false), (false, true)] {
            if peaks && f.peaks.is_empty() {
                continue;
            }
            for share_scale in [1.0, 0.3] {
                plans.push(Plan {
                    peaks,
                    reversed,
                    share_scale,
                    cpe_n,
                });
            }
        }
    }
    plans
        .into_iter()
        .map(|plan| {
            let taus = time_constants(&f, relaxations, plan);
            let share = plan.share_scale * f.polarisation / relaxations.max(1) as f64;
            let series_rs = count_series_resistors(circuit).max(1) as f64;
            let mut values = Vec::new();
            let mut next_tau = 0;
            assign(
                circuit,
                &f,
                &plan,
                share,
                f.r_hf / series_rs,
                &taus,
                &mut next_tau,
                None,
                &mut values,
            );
            values
        })
        .collect()
}

/// Relaxations: parallel groups anywhere, and Warburgs and lines in the
/// top-level series.
fn count_relaxations(c: &Circuit, top: bool) -> usize {
    match c {
        Circuit::Parallel(_) => 1,
        Circuit::Series(parts) => parts.iter().map(|p| count_relaxations(p, top)).sum(),
        Circuit::Line(_) => usize::from(top),
        Circuit::Element(Element::WarburgShort { .. } | Element::WarburgOpen { .. }) => {
            usize::from(top)
        }
        Circuit::Element(_) => 0,
    }
}

fn count_series_resistors(c: &Circuit) -> usize {
    match c {
        Circuit::Element(Element::Resistor { .. }) => 1,
        Circuit::Series(parts) => parts.iter().map(count_series_resistors).sum(),
        _ => 0,
    }
}

/// `count` time constants, fastest first unless the plan says otherwise.
fn time_constants(f: &Features, count: usize, plan: Plan) -> Vec<f64> {
    let mut taus: Vec<f64> = if plan.peaks && f.peaks.len() >= count {
        // The `count` arcs whose tops are spread the most: evenly picked.
        (0..count)
            .map(|j| {
                let k = if count == 1 {
                    0
                } else {
                    j * (f.peaks.len() - 1) / (count - 1)
                };
                1.0 / f.peaks[k]
            })
            .collect()
    } else {
        let (lo, hi) = ((1.0 / f.omega_max).ln(), (1.0 / f.omega_min).ln());
        (0..count)
            .map(|j| (lo + (hi - lo) * (j + 1) as f64 / (count + 1) as f64).exp())
            .collect()
    };
    if plan.peaks && !f.peaks.is_empty() && f.peaks.len() < count {
        // Fewer tops than relaxations: keep them and fill in evenly.
        taus.sort_by(f64::total_cmp);
    }
    if plan.reversed {
        taus.reverse();
    }
    taus
}

/// Appends the start values of `c`'s parameters to `out`; `block` is the
/// (R, τ) of the enclosing parallel group, if any.
#[allow(clippy::too_many_arguments)]
fn assign(
    c: &Circuit,
    f: &Features,
    plan: &Plan,
    share: f64,
    series_r: f64,
    taus: &[f64],
    next_tau: &mut usize,
    block: Option<(f64, f64)>,
    out: &mut Vec<f64>,
) {
    let take_tau = |next: &mut usize| {
        let tau = taus
            .get(*next)
            .copied()
            .unwrap_or(1.0 / (f.omega_min * f.omega_max).sqrt());
        *next += 1;
        tau
    };
    match c {
        Circuit::Series(parts) => {
            for p in parts {
                assign(p, f, plan, share, series_r, taus, next_tau, block, out);
            }
        }
        Circuit::Parallel(branches) => {
            let here = match block {
                Some(b) => b,
                None => (share, take_tau(next_tau)),
            };
            for b in branches {
                assign(b, f, plan, share, series_r, taus, next_tau, Some(here), out);
            }
        }
        Circuit::Element(e) => {
            let (r, tau) = match (block, e) {
                (Some(b), _) => b,
                (None, Element::WarburgShort { .. } | Element::WarburgOpen { .. }) => {
                    (share, take_tau(next_tau))
                }
                (None, _) => (series_r, 1.0 / f.omega_min),
            };
            match e {
                Element::Resistor { .. } => out.push(if block.is_some() { r } else { series_r }),
                Element::Capacitor { .. } => {
                    out.push(if block.is_some() { tau / r } else { f.c_tail })
                }
                Element::Inductor { .. } => out.push(f.l_lead),
                Element::Cpe { .. } => {
                    let n = plan.cpe_n;
                    if block.is_some() {
                        out.push(tau.powf(n) / r);
                    } else {
                        // |Z| = 1/(Q·ω^n) at the lowest frequency.
                        out.push(f.c_tail * f.omega_min.powf(1.0 - n));
                    }
                    out.push(n);
                }
                Element::WarburgShort { .. } | Element::WarburgOpen { .. } => {
                    out.push(r);
                    out.push(tau);
                }
            }
        }
        Circuit::Line(line) => {
            let (r, tau) = block.unwrap_or_else(|| (share, take_tau(next_tau)));
            // Blocking layouts show R_ion/3 in Re Z; the ion–electron one about R/3 too.
            let r_ion = 3.0 * r;
            out.push(r_ion);
            out.push(0.01 * r_ion);
            match line.interface {
                Interface::Capacitor { .. } => out.push(tau / r_ion),
                Interface::Cpe { .. } => {
                    out.push(tau.powf(plan.cpe_n) / r_ion);
                    out.push(plan.cpe_n);
                }
            }
        }
    }
}

/// Fits `circuit` to `spectrum` from automatic starts ([`circuit_starts`],
/// ranked by their misfit before any optimisation), the user's guesses in
/// `options` first; then (with `options.profiles`) the profile interval of
/// every free parameter, walked from the other starts' minima too.
pub fn fit_circuit(
    circuit: &Circuit,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<FitResult> {
    circuit_minimum(circuit, spectrum, options)?.finish(spectrum)
}

/// A circuit fitted to its best minimum ([`circuit_minimum`]), before the
/// profile intervals that [`CircuitMinimum::finish`] adds (profiling moves
/// the fit only if it meets a lower χ²).
#[derive(Debug, Clone)]
pub(crate) struct CircuitMinimum {
    pub circuit: Circuit,
    options: FitOptions,
    pub result: FitResult,
    /// The minima of the other starts.
    minima: Vec<Vec<f64>>,
}

/// The multi-start of [`fit_circuit`].
pub(crate) fn circuit_minimum(
    circuit: &Circuit,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<CircuitMinimum> {
    let setup = Setup::new(circuit.param_specs(), options)?;
    super::check_spectrum(spectrum, setup.free.len())?;
    let starts = ranked_starts(circuit, &setup, options, spectrum);
    if starts.is_empty() {
        return Err(Error::Numerical(format!(
            "{}: no starting values could be read off the spectrum",
            spectrum.label
        )));
    }
    let mut minima = Vec::new();
    let result = multi_start(circuit, &starts, spectrum, options, &mut minima)?;
    Ok(CircuitMinimum {
        circuit: circuit.clone(),
        options: options.clone(),
        result,
        minima,
    })
}

impl CircuitMinimum {
    /// The fit, with the profile interval of every free parameter (walked
    /// from the other starts' minima too) when its options ask.
    pub(crate) fn finish(self, spectrum: &Spectrum) -> Result<FitResult> {
        let CircuitMinimum {
            circuit,
            options,
            mut result,
            mut minima,
        } = self;
        if options.profiles {
            minima.push(result.values());
            with_profiles(&circuit, spectrum, &options, &mut result, &mut minima, None)?;
        }
        Ok(result)
    }
}

/// The start [`fit_circuit`] tries first after the user's guesses: the
/// automatic start set with the lowest weighted misfit (fixed values of
/// `options` applied), or None when the spectrum gives none.
pub fn best_start(
    circuit: &Circuit,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<Option<Vec<f64>>> {
    let setup = Setup::new(circuit.param_specs(), options)?;
    Ok(ranked_starts(circuit, &setup, options, spectrum)
        .into_iter()
        .next())
}

/// The usable automatic starts (every value finite and > 0), best first.
fn ranked_starts(
    circuit: &Circuit,
    setup: &Setup,
    options: &FitOptions,
    spectrum: &Spectrum,
) -> Vec<Vec<f64>> {
    let mut starts = circuit_starts(circuit, spectrum);
    let count = circuit.params().len();
    starts.retain(|s| s.len() == count && s.iter().all(|v| v.is_finite() && *v > 0.0));
    rank_starts(circuit, setup, options, spectrum, &mut starts);
    starts
}

/// Orders `starts` by their weighted misfit (fixed values applied), best
/// first; starts the model refuses go last.
fn rank_starts(
    circuit: &Circuit,
    setup: &Setup,
    options: &FitOptions,
    spectrum: &Spectrum,
    starts: &mut Vec<Vec<f64>>,
) {
    let mut model = circuit.clone();
    let mut keyed: Vec<(f64, Vec<f64>)> = starts
        .drain(..)
        .map(|s| {
            let applied = setup.apply(s.clone(), options, false);
            let cost = if model.set_params(&applied).is_ok() {
                (0..spectrum.len())
                    .map(|k| {
                        let z = spectrum.z_ohm[k];
                        let (wr, wi) = options.weighting.weights(z);
                        let d = model.impedance(spectrum.omega(k)) - z;
                        (wr * d.re).powi(2) + (wi * d.im).powi(2)
                    })
                    .sum::<f64>()
            } else {
                f64::INFINITY
            };
            (
                if cost.is_finite() {
                    cost
                } else {
                    f64::INFINITY
                },
                s,
            )
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    starts.extend(keyed.into_iter().map(|(_, s)| s));
}

#[cfg(test)]
mod tests;
