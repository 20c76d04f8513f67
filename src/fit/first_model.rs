//! The first model a loaded spectrum is fitted with: one that can
//! determine what it reports, chosen from the spectrum's shape.
//!
//! - A 45° start with a capacitive end and no arc: the ion–electron line
//!   (one terminal on each rail; the interface blocks DC), CPE interface,
//!   R_bulk held when its value (measured on the SE alone) is known, else
//!   free (the fit then names the rival solution the spectrum allows).
//!   A flat arc can merge into the rise without a top of its own: the
//!   line is set against R-p(R,CPE)-CPE and kept only if it misses the
//!   data not clearly more ([`fit_first`]).
//! - One arc that starts at 45° and closes on the real axis: a blocking
//!   layout (ion–ion), whose R_ion is determined only with R_bulk held:
//!   at the given value, else at the high-frequency intercept (R_bulk plus
//!   the rails in parallel, R_ion·R_e/S, small when one rail conducts far
//!   better) with a request for the measured value.
//! - Anything else (semicircles, several arcs, an arc and a tail, leads):
//!   an equivalent circuit, [L-]R-p(R,CPE)…[-CPE], one R‖CPE per arc, a
//!   series CPE for a tail, a series L for inductive points; no R_ion then.
//!   The tail's CPE is dropped when it does not lower the Bayesian
//!   information criterion (an unclosed last arc whose lowest points rise
//!   in the noise reads as a capacitive end).
//!   One arc and a capacitive end is what a line with a small R_bulk shows
//!   when noise raises a bump of −Im Z at high frequency: the ion–electron
//!   line is set against the circuit by the same rule and kept unless it
//!   misses the data clearly more ([`fit_first`]).

use num_complex::Complex64;
use serde::{Deserialize, Serialize};

use super::circuit_start::{circuit_minimum, CircuitMinimum};
use super::kk::{frequency_order, has_capacitive_tail, kk_check, KkOptions};
use super::result::model_impedance;
use super::start::{line_minimum, LineMinimum};
use super::{FitOptions, FitResult, InterfaceKind};
use crate::error::Result;
use crate::impedance::notation::parse_circuit;
use crate::impedance::Layout;
use crate::precision::significant;
use crate::spectrum::Spectrum;

/// A top of −Im Z counts as an arc when its prominence, the rise above the
/// higher of the lowest points on each side before −Im Z climbs above the
/// top again (or the spectrum ends), is at least this share of its own
/// height and [`NOISE_SIGMAS`] × the noise of the smoothed −Im Z there (so
/// a bump that noise raises, near the real axis, on a rising line or on the
/// fall of a higher arc, is no arc).
const ARC_PROMINENCE: f64 = 0.1;
/// How far (in noise σ of the quantity tested) an arc's top must stand
/// above its valley, and a capacitive end above the real axis.
const NOISE_SIGMAS: f64 = 4.0;
/// The noise level taken when Lin-KK cannot give one (1 % of |Z|).
const NOISE_FALLBACK: f64 = 0.01;
/// Below this angle (degrees) where the arc has gone a tenth of its width,
/// the spectrum starts like a transmission line (45°); a semicircle is at
/// 72° there, a ZARC with n = 0.8 at about 62°.
const LINE_START_DEGREES: f64 = 58.0;
/// Most R‖CPE groups in the circuit chosen.
const MAX_ARCS: usize = 3;

/// The model to fit first (in JSON `{"kind": "line", …}`:
/// [`super::report::FitReport::to_json`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstModel {
    /// The two-rail line of `layout`, R_bulk held when `r_bulk_ohm` is set.
    Line {
        layout: Layout,
        cpe_interface: bool,
        r_bulk_ohm: Option<f64>,
    },
    /// An equivalent circuit in the notation of [`crate::impedance::notation`].
    Circuit { notation: String },
}

/// The choice, why it was made, and what the user should supply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub model: FirstModel,
    /// The shape that led to it, in a sentence.
    pub why: String,
    /// A value the user should enter for the fit to mean more (e.g. R_bulk).
    pub ask: Option<String>,
}

/// What the spectrum's shape shows.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    /// Points with Im Z > 0 at the high-frequency end.
    inductive: usize,
    /// Arcs (prominent tops of −Im Z).
    arcs: usize,
    tail: bool,
    /// Angle (degrees) of Z − R_hf where the first arc has gone a tenth of
    /// the way to the low-frequency real part; None without a first arc.
    start_degrees: Option<f64>,
    r_hf_ohm: f64,
    /// The intercept extrapolated along 45° from the first capacitive
    /// point, Re Z + Im Z (a line's high-frequency region is at 45°).
    r_hf_45_ohm: f64,
}

/// The noise σ of `z` (in frequency order) relative to |Z| in each of Re
/// and Im: the lower of the Lin-KK check's robust noise level (raised by
/// a spectrum KK cannot follow) and the scatter of each point about the
/// mean of its neighbours, 1.4826·median|z_k − (z_k−1 + z_k+1)/2| / |z_k|
/// over Re and Im, divided by √1.5 (raised by curvature where points are
/// sparse).
fn noise_level(spectrum: &Spectrum, z: &[Complex64]) -> f64 {
    let kk = kk_check(spectrum, &KkOptions::default())
        .map(|kk| kk.noise)
        .ok()
        .filter(|n| n.is_finite());
    let mut scatter: Vec<f64> = z
        .windows(3)
        .flat_map(|w| {
            let d = (w[1] - 0.5 * (w[0] + w[2])) / w[1].norm().max(f64::MIN_POSITIVE);
            [d.re.abs(), d.im.abs()]
        })
        .collect();
    scatter.sort_by(f64::total_cmp);
    let local = scatter
        .get(scatter.len() / 2)
        .map(|m| 1.482_6 * m / 1.5f64.sqrt());
    match (kk, local) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(NOISE_FALLBACK),
    }
}

/// The spectrum's shape, its tests scaled by the noise present
/// ([`noise_level`]).
fn shape(spectrum: &Spectrum) -> Shape {
    let mut order = frequency_order(&spectrum.freq_hz);
    order.reverse(); // fastest first
    let z: Vec<Complex64> = order.iter().map(|&k| spectrum.z_ohm[k]).collect();
    let noise = noise_level(spectrum, &z);
    let inductive = z.iter().take_while(|z| z.im > 0.0).count();
    let capacitive = &z[inductive..];
    let r_hf_ohm = capacitive.first().map_or(0.0, |z| z.re);
    let r_hf_45_ohm = capacitive.first().map_or(0.0, |z| (z.re + z.im).max(0.0));
    // −Im Z smoothed over 3 points against noise.
    let minus_im: Vec<f64> = (0..capacitive.len())
        .map(|k| {
            let lo = k.saturating_sub(1);
            let hi = (k + 1).min(capacitive.len() - 1);
            -capacitive[lo..=hi].iter().map(|z| z.im).sum::<f64>() / (hi - lo + 1) as f64
        })
        .collect();
    let mut arcs = Vec::new();
    for k in 1..minus_im.len().saturating_sub(1) {
        if !(minus_im[k] > minus_im[k - 1] && minus_im[k] >= minus_im[k + 1]) {
            continue;
        }
        // Its prominence (as scipy.signal.peak_prominences): on each side
        // the lowest point before −Im Z rises above the top again (or the
        // end); the higher of the two is its valley. A bump on the fall of a
        // higher arc so rises only from the dip before it.
        let valley = col(minus_im[..k].iter().rev(), minus_im[k])
            .max(col(minus_im[k + 1..].iter(), minus_im[k]));
        // A mean of 3 points has noise σ/√3.
        let floor = NOISE_SIGMAS * noise / 3f64.sqrt() * capacitive[k].norm();
        if minus_im[k] - valley >= (ARC_PROMINENCE * minus_im[k]).max(floor) {
            arcs.push(k);
        }
    }
    // A capacitive end stands clear of the real axis by more than noise
    // (three points of noise about −Im Z = 0 rise one in twelve times).
    let tail = has_capacitive_tail(spectrum)
        && capacitive
            .last()
            .is_some_and(|a| -a.im > NOISE_SIGMAS * noise * a.norm());
    let start_degrees = arcs.first().and_then(|&peak| {
        let r_lf = capacitive.iter().fold(r_hf_ohm, |a, z| a.max(z.re));
        let tenth = r_hf_ohm + 0.1 * (r_lf - r_hf_ohm);
        capacitive[..=peak]
            .iter()
            .min_by(|a, b| (a.re - tenth).abs().total_cmp(&(b.re - tenth).abs()))
            .map(|z| (-z.im).atan2(z.re - r_hf_ohm).to_degrees())
    });
    Shape {
        inductive,
        arcs: arcs.len(),
        tail,
        start_degrees,
        r_hf_ohm,
        r_hf_45_ohm,
    }
}

/// The lowest of `side` (the points from a top outwards) before one rises
/// above `top`: the col on that side of the top's prominence.
fn col<'a>(side: impl Iterator<Item = &'a f64>, top: f64) -> f64 {
    side.take_while(|&&v| v <= top)
        .fold(f64::INFINITY, |a, &v| a.min(v))
}

/// The first model for `spectrum`; `r_bulk_ohm` is R_bulk measured on the
/// SE alone, when the user has it.
pub fn first_model(spectrum: &Spectrum, r_bulk_ohm: Option<f64>) -> Choice {
    choose(&shape(spectrum), r_bulk_ohm)
}

/// [`first_model`] from the spectrum's shape.
fn choose(s: &Shape, r_bulk_ohm: Option<f64>) -> Choice {
    let line_start = s.start_degrees.is_some_and(|d| d < LINE_START_DEGREES);
    if s.tail && s.arcs == 0 {
        return Choice {
            why: "The spectrum rises from its high-frequency intercept into a capacitive end without an arc: \
                  the ion–electron line (one terminal on each rail)."
                .into(),
            ..line_choice(r_bulk_ohm)
        };
    }
    if s.arcs == 1 && !s.tail && line_start {
        let held = r_bulk_ohm.unwrap_or(s.r_hf_45_ohm);
        return Choice {
            model: FirstModel::Line {
                layout: Layout::IonIon,
                cpe_interface: true,
                r_bulk_ohm: Some(held),
            },
            why: format!(
                "One arc that starts at {:.0}° (a transmission line starts at 45°) and closes on the real axis: \
                 a blocking layout (ion–ion), which determines R_ion only with R_bulk held.",
                s.start_degrees.unwrap_or(45.0)
            ),
            ask: r_bulk_ohm.is_none().then(|| {
                format!(
                    "R_bulk is held at the high-frequency intercept (extrapolated along 45°), {} Ω; enter the value measured on the SE alone.",
                    significant(held, 4)
                )
            }),
        };
    }
    let notation = circuit_for(s);
    let why = format!(
        "{} arc{}{}{}: an equivalent circuit, which gives no R_ion.",
        s.arcs,
        if s.arcs == 1 { "" } else { "s" },
        if s.tail { " and a capacitive end" } else { "" },
        if s.inductive >= 2 {
            ", inductive leads"
        } else {
            ""
        },
    );
    Choice {
        model: FirstModel::Circuit { notation },
        why,
        ask: None,
    }
}

/// The ion–electron line with a CPE interface, R_bulk held when given, else
/// free with a request for it (`why` to be filled by the caller).
fn line_choice(r_bulk_ohm: Option<f64>) -> Choice {
    Choice {
        model: FirstModel::Line {
            layout: Layout::IonElectron,
            cpe_interface: true,
            r_bulk_ohm,
        },
        why: String::new(),
        ask: r_bulk_ohm.is_none().then(|| {
            "Enter R_bulk measured on the SE alone to hold it: with it free the spectrum may allow a second solution."
                .to_string()
        }),
    }
}

/// [L-]R-p(R,CPE)…[-CPE]: one R‖CPE per arc, at least one (an arc can
/// hide in the rise into a tail; without one the circuit set against a
/// line would be R-CPE, the line's own limit R_ion → 0, which the line
/// never misses by more), a series CPE for a tail, L for inductive leads.
fn circuit_for(s: &Shape) -> String {
    circuit_with(s, s.arcs.clamp(1, MAX_ARCS))
}

/// The circuit of [`circuit_for`] with `arcs` R‖CPE groups.
fn circuit_with(s: &Shape, arcs: usize) -> String {
    let mut notation = String::new();
    if s.inductive >= 2 {
        notation.push_str("L-");
    }
    notation.push('R');
    for _ in 0..arcs {
        notation.push_str("-p(R,CPE)");
    }
    if s.tail {
        notation.push_str("-CPE");
    }
    notation
}

/// An arc hidden in a shoulder is added when it cuts the relative rms
/// residual by at least this factor …
const ARC_GAIN: f64 = 1.5;
/// … and the fit without it misses by more than this (0.3 % rms).
const ARC_WORTH: f64 = 0.003;

/// A line is kept only if its relative rms residual is at most this factor
/// of the circuit's (plus [`LINE_SLACK`]); else the circuit is fitted first.
const LINE_FACTOR: f64 = 1.5;
/// 0.2 % of |Z|.
const LINE_SLACK: f64 = 0.002;

/// A fit of the first model, with the model's impedance at the data.
#[derive(Debug, Clone)]
pub struct FirstFit {
    pub choice: Choice,
    pub fit: FitResult,
    pub model_ohm: Vec<Complex64>,
}

/// Chooses the first model ([`first_model`]) and fits it; `options.fixed`
/// gains R_bulk when the choice holds it. A line is also set against the
/// circuit the shape would otherwise get, with at least one R‖CPE arc
/// ([`circuit_for`]): when the line misses the data clearly more (relative
/// rms above 1.5 × the circuit's + 0.2 %), the circuit is kept (and grows
/// arcs while they pay) and the reason says why. Conversely, when the shape
/// gives one arc and a capacitive end (which a line with a small R_bulk
/// shows when noise raises a bump of −Im Z at high frequency), the
/// ion–electron line is set against that circuit by the same rule and
/// kept unless it misses clearly more. A circuit's tail CPE is then fitted
/// away and dropped when the circuit without it has the lower Bayesian
/// information criterion ([`bic_gain`]). The candidates are
/// compared without profile intervals; the model kept gets them (and its
/// rival and notes) when `options.profiles` asks, without fitting it again.
pub fn fit_first(
    spectrum: &Spectrum,
    r_bulk_ohm: Option<f64>,
    options: &FitOptions,
) -> Result<FirstFit> {
    let mut shape = shape(spectrum);
    let mut choice = choose(&shape, r_bulk_ohm);
    let mut best = fit_choice(&choice.model, spectrum, options)?;
    if matches!(choice.model, FirstModel::Line { .. }) {
        let alternative = FirstModel::Circuit {
            notation: circuit_for(&shape),
        };
        if let Ok(circuit) = fit_choice(&alternative, spectrum, options) {
            let (line_rms, circuit_rms, line_kept) = line_against(spectrum, &best.1, &circuit.1);
            if !line_kept {
                choice = Choice {
                    why: format!(
                        "{} But the line misses the data ({:.2} % rms) far more than an equivalent circuit ({:.2} %), which is fitted instead and gives no R_ion.",
                        choice.why,
                        100.0 * line_rms,
                        100.0 * circuit_rms
                    ),
                    model: alternative,
                    ask: None,
                };
                best = circuit;
            }
        }
    }
    // One arc and a capacitive end: a line with a small R_bulk looks so when
    // noise raises a bump of −Im Z at high frequency; the line is set
    // against the circuit by the same rule and kept unless it misses more.
    if shape.arcs == 1 && shape.tail {
        let line = line_choice(r_bulk_ohm);
        if let Ok(fitted) = fit_choice(&line.model, spectrum, options) {
            let (line_rms, circuit_rms, line_kept) = line_against(spectrum, &fitted.1, &best.1);
            if line_kept {
                choice = Choice {
                    why: format!(
                        "{} But the ion–electron line (one terminal on each rail) describes the data as well ({:.2} % rms against the circuit's {:.2} %) and is kept.",
                        choice.why,
                        100.0 * line_rms,
                        100.0 * circuit_rms
                    ),
                    ..line
                };
                best = fitted;
            }
        }
    }
    // A capacitive end that the arcs' own low-frequency fall explains: the
    // series CPE is dropped unless it lowers the Bayesian information
    // criterion ([`bic_gain`]).
    if let FirstModel::Circuit { notation } = &choice.model {
        if shape.tail {
            let arcs = notation.matches("p(R,CPE)").count();
            let without = Shape {
                tail: false,
                ..shape.clone()
            };
            let smaller = FirstModel::Circuit {
                notation: circuit_with(&without, arcs),
            };
            if let Ok(candidate) = fit_choice(&smaller, spectrum, options) {
                // A CPE has two parameters, Q and n.
                let gain = bic_gain(spectrum, &candidate.1, &best.1, 2);
                if gain <= 0.0 {
                    choice.why = format!(
                        "{} But the series CPE does not pay for its two parameters (the fit without it is {:.1} lower in the Bayesian information criterion): the end is the last arc's own fall, and the CPE is dropped.",
                        choice.why, -gain
                    );
                    choice.model = smaller;
                    best = candidate;
                    shape = without;
                }
            }
        }
    }
    // Arcs hidden in shoulders: add R‖CPE groups while each pays.
    if let FirstModel::Circuit { notation } = &choice.model {
        let mut arcs = notation.matches("p(R,CPE)").count();
        let mut rms = relative_rms(spectrum, &best.1);
        while arcs < MAX_ARCS && rms > ARC_WORTH {
            let bigger = FirstModel::Circuit {
                notation: circuit_with(&shape, arcs + 1),
            };
            let Ok(candidate) = fit_choice(&bigger, spectrum, options) else {
                break;
            };
            let new_rms = relative_rms(spectrum, &candidate.1);
            if new_rms * ARC_GAIN > rms {
                break;
            }
            choice.why = format!(
                "{} Another R‖CPE group cuts the residuals from {:.2} % to {:.2} % rms.",
                choice.why,
                100.0 * rms,
                100.0 * new_rms
            );
            choice.model = bigger;
            (best, rms, arcs) = (candidate, new_rms, arcs + 1);
        }
    }
    let (fit, model_ohm) = best.0.finish(spectrum)?;
    Ok(FirstFit {
        choice,
        fit,
        model_ohm,
    })
}

/// A line's and a circuit's relative rms residuals (models at the data),
/// and whether the line is kept: unless it misses the data clearly more,
/// by more than [`LINE_FACTOR`] × the circuit's + [`LINE_SLACK`].
fn line_against(
    spectrum: &Spectrum,
    line_ohm: &[Complex64],
    circuit_ohm: &[Complex64],
) -> (f64, f64, bool) {
    let (line, circuit) = (
        relative_rms(spectrum, line_ohm),
        relative_rms(spectrum, circuit_ohm),
    );
    (line, circuit, line <= LINE_FACTOR * circuit + LINE_SLACK)
}

/// The Bayesian information criterion's difference between a nested pair
/// of least-squares fits with Gaussian residuals of one unknown σ
/// (Schwarz 1978): BIC = M·ln(S/M) + p·ln M over the M = 2N residuals (Re
/// and Im of N points), S the sum of squared residuals relative to |Z|
/// ([`relative_rms`]), p the free parameters. Returned: the smaller
/// model's (`smaller_ohm`) BIC minus the larger's (`larger_ohm`), for
/// `extra` more parameters in the larger, M·ln(S₀/S₁) − extra·ln M; the
/// larger model is worth its parameters only when this is positive.
fn bic_gain(
    spectrum: &Spectrum,
    smaller_ohm: &[Complex64],
    larger_ohm: &[Complex64],
    extra: usize,
) -> f64 {
    let residuals = (2 * spectrum.len()) as f64;
    let (smaller, larger) = (
        relative_rms(spectrum, smaller_ohm),
        relative_rms(spectrum, larger_ohm),
    );
    // S ∝ rms², so M·ln(S₀/S₁) = 2M·ln(rms₀/rms₁).
    2.0 * residuals * (smaller / larger.max(f64::MIN_POSITIVE)).ln() - extra as f64 * residuals.ln()
}

/// √(mean |(Ẑ − Z)/Z|²/2) over the points.
fn relative_rms(spectrum: &Spectrum, model_ohm: &[Complex64]) -> f64 {
    let sum: f64 = spectrum
        .z_ohm
        .iter()
        .zip(model_ohm)
        .map(|(z, m)| ((m - z) / z.norm().max(f64::MIN_POSITIVE)).norm_sqr())
        .sum();
    (sum / (2 * spectrum.len().max(1)) as f64).sqrt()
}

/// A candidate fitted to its best minimum, before its profile intervals.
enum Minimum {
    Line(LineMinimum),
    Circuit(CircuitMinimum),
}

impl Minimum {
    /// The model at the data's frequencies, at the minimum.
    fn at_minimum(&self, spectrum: &Spectrum) -> Result<Vec<Complex64>> {
        match self {
            Minimum::Line(line) => model_impedance(&line.template, &line.result.values(), spectrum),
            Minimum::Circuit(c) => model_impedance(&c.circuit, &c.result.values(), spectrum),
        }
    }

    /// The fit (with the profile intervals, the rival and the notes when
    /// its options ask) and the model at the data's frequencies (profiling
    /// may have moved the fit to a lower minimum).
    fn finish(self, spectrum: &Spectrum) -> Result<(FitResult, Vec<Complex64>)> {
        match self {
            Minimum::Line(line) => {
                let model = line.template;
                let fit = line.finish(spectrum)?;
                let z = model_impedance(&model, &fit.values(), spectrum)?;
                Ok((fit, z))
            }
            Minimum::Circuit(c) => {
                let model = c.circuit.clone();
                let fit = c.finish(spectrum)?;
                let z = model_impedance(&model, &fit.values(), spectrum)?;
                Ok((fit, z))
            }
        }
    }
}

/// Fits `model` to its best minimum; returns it and the model at the
/// data's frequencies.
fn fit_choice(
    model: &FirstModel,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<(Minimum, Vec<Complex64>)> {
    let mut options = options.clone();
    let minimum = match model {
        FirstModel::Line {
            layout,
            cpe_interface,
            r_bulk_ohm,
        } => {
            if let Some(r) = r_bulk_ohm {
                options.fixed.retain(|(n, _)| n != "r_bulk");
                options.fixed.push(("r_bulk".into(), *r));
            }
            let kind = if *cpe_interface {
                InterfaceKind::Cpe
            } else {
                InterfaceKind::Capacitor
            };
            Minimum::Line(line_minimum(*layout, kind, spectrum, &options)?)
        }
        FirstModel::Circuit { notation } => {
            // A circuit has no r_bulk: a held R_bulk does not apply.
            options.fixed.retain(|(n, _)| n != "r_bulk");
            let circuit = parse_circuit(notation)?;
            Minimum::Circuit(circuit_minimum(&circuit, spectrum, &options)?)
        }
    };
    let z = minimum.at_minimum(spectrum)?;
    Ok((minimum, z))
}

#[cfg(test)]
mod tests;
