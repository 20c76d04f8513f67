//! The impedance workspace's DRT panel: the distribution of relaxation
//! times of the shown spectrum (its unmasked points), asked for by the
//! user and computed in the page worker ([`run`], with the core's
//! [`crate::fit::drt`]), then drawn: γ against τ with the peaks marked, the
//! λ used and how it was chosen, and the spectrum the DRT implies as a
//! layer of the Nyquist plot. The page's wasm holds only the view
//! ([`Panel`], [`add_to_view`]); [`run`] is called by the worker.

use crate::fit::drt::{DrtPeak, LambdaChoice};
use crate::plot::{Axis, Figure, MarkedPoint, Series, Style};
use crate::precision::significant;
use crate::spectrum::Spectrum;

use super::super::choices::Choice;
pub use super::super::choices::DrtLambda;
use super::super::view::{plot_view, PlotView, Row, View};
use super::asked::Asked;
use super::model::Loaded;

/// What the worker sends back: the core's DRT, with the spectrum it
/// implies at the data's frequencies as (Re, Im) pairs in Ω. It crosses
/// as one array of numbers ([`DrtAnswer::to_flat`]), whose decoder costs
/// the page's wasm far less than a serde one.
#[derive(Debug, Clone, PartialEq)]
pub struct DrtAnswer {
    pub by: DrtLambda,
    /// λ used, and λ by GCV and by the L-curve.
    pub lambda: f64,
    pub lambda_gcv: f64,
    pub lambda_lcurve: f64,
    /// Series resistance R_∞, Ω.
    pub r_inf_ohm: f64,
    /// τ of the output grid, s, and γ(τ) there, Ω.
    pub tau_s: Vec<f64>,
    pub gamma_ohm: Vec<f64>,
    pub peaks: Vec<DrtPeak>,
    /// ∫ γ d ln τ, Ω.
    pub polarisation_ohm: f64,
    /// RMS of the relative residuals (Z − Ẑ)/|Z|.
    pub rms_residual: f64,
    /// The spectrum the DRT implies at the data's frequencies, (Re, Im) Ω.
    pub fitted_ohm: Vec<(f64, f64)>,
    /// The panel's row ([`summary`]) and each peak's label, one per line:
    /// written in the worker, so the page's wasm holds no formatting of them.
    pub text: String,
}

/// Scalars at the head of [`DrtAnswer::to_flat`]: the choice, λ (3),
/// R_∞, ∫γ, the residual, and the lengths of the grid, peaks and fit.
const HEAD: usize = 10;

impl DrtAnswer {
    /// The answer as numbers: [`HEAD`] scalars, then τ, γ, the peaks
    /// (τ, f, γ, R each) and the implied spectrum's (Re, Im) pairs.
    pub fn to_flat(&self) -> Vec<f64> {
        let mut out = vec![
            f64::from(u8::from(self.by == DrtLambda::Gcv)),
            self.lambda,
            self.lambda_gcv,
            self.lambda_lcurve,
            self.r_inf_ohm,
            self.polarisation_ohm,
            self.rms_residual,
            self.tau_s.len() as f64,
            self.peaks.len() as f64,
            self.fitted_ohm.len() as f64,
        ];
        out.extend(&self.tau_s);
        out.extend(&self.gamma_ohm);
        for p in &self.peaks {
            out.extend([p.tau_s, p.frequency_hz, p.gamma_ohm, p.resistance_ohm]);
        }
        for &(re, im) in &self.fitted_ohm {
            out.extend([re, im]);
        }
        out
    }

    /// An answer read back from [`DrtAnswer::to_flat`]'s numbers and its
    /// `text`, or why not.
    pub fn from_flat(v: &[f64], text: String) -> Result<DrtAnswer, String> {
        let bad = || "No DRT: the worker's answer is malformed".to_string();
        let head = v.get(..HEAD).ok_or_else(bad)?;
        let [n, peaks, fitted] = [head[7], head[8], head[9]].map(|x| x as usize);
        let mut rest = v.get(HEAD..).ok_or_else(bad)?;
        if rest.len() != 2 * n + 4 * peaks + 2 * fitted {
            return Err(bad());
        }
        let mut take = |k: usize| {
            let (a, b) = rest.split_at(k);
            rest = b;
            a
        };
        Ok(DrtAnswer {
            by: if head[0] == 1.0 {
                DrtLambda::Gcv
            } else {
                DrtLambda::LCurve
            },
            lambda: head[1],
            lambda_gcv: head[2],
            lambda_lcurve: head[3],
            r_inf_ohm: head[4],
            polarisation_ohm: head[5],
            rms_residual: head[6],
            tau_s: take(n).to_vec(),
            gamma_ohm: take(n).to_vec(),
            peaks: take(4 * peaks)
                .chunks_exact(4)
                .map(|p| DrtPeak {
                    tau_s: p[0],
                    frequency_hz: p[1],
                    gamma_ohm: p[2],
                    resistance_ohm: p[3],
                })
                .collect(),
            fitted_ohm: take(2 * fitted)
                .chunks_exact(2)
                .map(|z| (z[0], z[1]))
                .collect(),
            text,
        })
    }
}

/// The DRT of `spectrum` with λ chosen `by` (run in the worker), or the
/// one line saying why there is none.
pub fn run(spectrum: &Spectrum, by: DrtLambda) -> Result<DrtAnswer, String> {
    if !spectrum.z_ohm.iter().any(|z| z.im < 0.0) {
        return Err(
            "No DRT: every point is inductive (Z″ ≥ 0), so there is no relaxation to resolve."
                .into(),
        );
    }
    let options = crate::fit::drt::DrtOptions {
        lambda: match by {
            DrtLambda::Gcv => LambdaChoice::Gcv,
            DrtLambda::LCurve => LambdaChoice::LCurve,
        },
        ..Default::default()
    };
    let r = crate::fit::drt::drt(spectrum, &options).map_err(|e| format!("No DRT: {e}"))?;
    if !r.gamma_ohm.iter().any(|&g| g > 0.0) {
        return Err("No DRT: γ is zero everywhere, the spectrum shows no relaxation.".into());
    }
    let mut answer = DrtAnswer {
        by,
        lambda: r.lambda,
        lambda_gcv: r.lambda_gcv,
        lambda_lcurve: r.lambda_lcurve,
        r_inf_ohm: r.r_inf_ohm,
        tau_s: r.tau_s,
        gamma_ohm: r.gamma_ohm,
        peaks: r.peaks,
        polarisation_ohm: r.polarisation_ohm,
        rms_residual: r.rms_residual,
        fitted_ohm: r.fitted_ohm.iter().map(|z| (z.re, z.im)).collect(),
        text: String::new(),
    };
    answer.text = summary(&answer);
    for p in &answer.peaks {
        answer.text.push_str(&format!(
            "\nτ = {}, R = {} Ω",
            tau_text(p.tau_s),
            significant(p.resistance_ohm, 3)
        ));
    }
    Ok(answer)
}

/// Which spectrum a DRT belongs to: its file, its place in the file and
/// the points masked when it was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    file: String,
    index: usize,
    masked: Vec<usize>,
}

impl Key {
    pub fn of(item: &Loaded) -> Key {
        Key {
            file: item.file.clone(),
            index: item.index,
            masked: item.masked.clone(),
        }
    }
}

/// The panel's bookkeeping: the DRT asked for (job id) and the last one
/// that arrived. A DRT is shown only with the spectrum and mask it was
/// computed for.
pub type Panel = Asked<Key, DrtAnswer>;

impl Asked<Key, DrtAnswer> {
    /// The DRT asked for will not come (the worker is gone): it fails with `why`.
    pub fn lost(&mut self, why: &str) {
        if let Some((_, key)) = self.asked.take() {
            self.done = Some((key, Err(format!("No DRT: {why}."))));
        }
    }

    /// True while the DRT of `item` is being computed.
    pub fn pending(&self, item: &Loaded) -> bool {
        self.asked
            .as_ref()
            .is_some_and(|(_, k)| *k == Key::of(item))
    }

    /// The DRT of `item` as it is now, if one arrived.
    pub fn result(&self, item: &Loaded) -> Option<&Result<DrtAnswer, String>> {
        self.done
            .as_ref()
            .filter(|(k, _)| *k == Key::of(item))
            .map(|(_, r)| r)
    }
}

/// Palette index of the DRT's layer on the Nyquist plot.
const DRT_COLOR: usize = 4;

/// τ as people read it: s, ms or µs.
fn tau_text(tau_s: f64) -> String {
    if tau_s >= 1.0 {
        format!("{} s", significant(tau_s, 3))
    } else if tau_s >= 1e-3 {
        format!("{} ms", significant(tau_s * 1e3, 3))
    } else {
        format!("{} µs", significant(tau_s * 1e6, 3))
    }
}

/// The figure of γ(τ) (log τ axis) with each peak marked by its τ and
/// resistance.
pub fn figure(answer: &DrtAnswer) -> crate::Result<Figure> {
    if answer.tau_s.len() != answer.gamma_ohm.len() || answer.tau_s.len() < 2 {
        return Err(crate::Error::Inconsistent(
            "the worker's DRT has no curve".into(),
        ));
    }
    let mut fig = Figure::new(
        format!(
            "DRT (λ = {} by {})",
            significant(answer.lambda, 2),
            answer.by.label()
        ),
        Axis::log("τ / s"),
        Axis::linear("γ / Ω"),
    );
    fig.series.push(Series::new(
        "γ(τ)",
        answer.tau_s.clone(),
        answer.gamma_ohm.clone(),
        Style::Line { dashed: false },
    ));
    fig.marks = answer
        .peaks
        .iter()
        .zip(answer.text.split('\n').skip(1))
        .map(|(p, label)| MarkedPoint {
            label: label.to_string(),
            x: p.tau_s,
            y: p.gamma_ohm,
        })
        .collect();
    Ok(fig)
}

/// The spectrum the DRT implies, at `freq_hz` (the DRT's own points).
pub fn implied(answer: &DrtAnswer, freq_hz: &[f64]) -> Option<Spectrum> {
    (answer.fitted_ohm.len() == freq_hz.len()).then(|| Spectrum {
        label: "DRT".into(),
        freq_hz: freq_hz.to_vec(),
        z_ohm: answer
            .fitted_ohm
            .iter()
            .map(|&(re, im)| num_complex::Complex64::new(re, im))
            .collect(),
    })
}

/// The DRT row's value: λ and its choice, the peaks, R_∞ and the residual.
fn summary(answer: &DrtAnswer) -> String {
    let peaks = if answer.peaks.is_empty() {
        "no peak".to_string()
    } else {
        answer
            .peaks
            .iter()
            .map(|p| {
                format!(
                    "τ = {} (f = {} Hz, R = {} Ω)",
                    tau_text(p.tau_s),
                    significant(p.frequency_hz, 3),
                    significant(p.resistance_ohm, 3)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    format!(
        "λ = {} by {} (GCV: {}, L-curve: {}). Peaks: {peaks}. R_∞ = {} Ω, ∫γ d ln τ = {} Ω, residual {} % RMS of |Z|.",
        significant(answer.lambda, 2),
        answer.by.label(),
        significant(answer.lambda_gcv, 2),
        significant(answer.lambda_lcurve, 2),
        significant(answer.r_inf_ohm, 3),
        significant(answer.polarisation_ohm, 3),
        significant(100.0 * answer.rms_residual, 2),
    )
}

/// Adds the shown spectrum's DRT to `view`, if one was asked for: its row
/// and plot (or the one line why there is none, or that it is being
/// computed), and the spectrum it implies on the Nyquist plot.
pub fn add_to_view(view: &mut View, item: &Loaded, panel: &Panel) {
    if panel.pending(item) {
        view.messages.push("Computing the DRT…".into());
        return;
    }
    let Some(result) = panel.result(item) else {
        return;
    };
    match result {
        Err(why) => view.plots.push(PlotView {
            id: "drt",
            figure: None,
            why: Some(why.clone()),
        }),
        Ok(answer) => {
            view.rows.push(Row::new(
                "zdrt",
                "DRT (Tikhonov, Gaussian RBF, γ ≥ 0, series R and L)",
                answer
                    .text
                    .split('\n')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                None,
            ));
            let fitted = item.fitted_part();
            if let (Some(s), Some(ny)) =
                (implied(answer, &fitted.freq_hz), view.figure_mut("nyquist"))
            {
                let (x, y) = s.z_ohm.iter().map(|z| (z.re, -z.im)).unzip();
                ny.series.push(
                    Series::new("DRT’s spectrum", x, y, Style::Line { dashed: true })
                        .color(DRT_COLOR),
                );
            }
            view.plots.push(plot_view("drt", figure(answer)));
        }
    }
}

#[cfg(test)]
mod tests;
