//! Measured data on the design side, and the delivered capacity's interval.
//!
//! - Rate capability: (current density, delivered capacity) points, fitted
//!   to Eq. 19 for the cathode's σ_eff with the rest of the design's cell
//!   given (`crate::fit::rate`), and τ = ε·σ_i/σ_eff from it; drawn with the
//!   fitted curve on the capacity plot.
//! - Tortuosity: (ε, τ) points fitted to τ = k·ε^−α (Eq. 18,
//!   `crate::fit::scalar`); drawn with the fitted curve on the τ plot.
//! - The delivered capacity over the uncertainties the user gives for σ_i,
//!   τ (or α) and R_0: Eq. 19, clamped, is monotone in each (C grows with
//!   σ_eff = ε·σ_i/τ or σ_i·ε^(1+α)/k, ε < 1, and falls with R_0), so its
//!   range over the box of those intervals is spanned exactly by the two
//!   corners taken here — a worst case over the box, not a confidence
//!   level.

use crate::error::Result;
use crate::fit::derived::Estimate;
use crate::fit::rate::{fit_eq19, Eq19Fit, Unknown};
use crate::fit::scalar::{fit_bruggeman, BruggemanFit};
use crate::physics::capacity::{delivered_capacity, Delivered};
use crate::plot::{Band, Marker, Series, Style};
use crate::units::{a_to_ma, coulomb_to_mah, ma_to_a, mah_to_coulomb, s_to_ms};

use super::super::choices::TauMode;
use super::super::format::{number, with_unit};
use super::super::inputs::In;
use super::super::state::{parse_number, State};
use super::super::view::{Row, View};
use super::model::{build, capacity_curve, cell_with_thickness, Design};

/// Most points read from one paste or file.
pub const MAX_POINTS: usize = 2000;

/// The user's measurements, in display units: (mA/cm², mAh/cm²) and (ε, τ).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measured {
    pub rate: Vec<(f64, f64)>,
    pub tau: Vec<(f64, f64)>,
}

/// Reads two-column text: one point per line, the numbers separated by a
/// comma, semicolon, tab or spaces (with `;` or tabs a decimal comma is
/// read too); empty lines, `#` comments and a first line of column names
/// are skipped. Every value must be positive; `below_one` also requires the
/// first column to be below 1 (ε). Errors name the line.
pub fn parse_points(text: &str, below_one: bool) -> std::result::Result<Vec<(f64, f64)>, String> {
    let mut points = Vec::new();
    for (k, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = if line.contains([';', '\t']) {
            line.split([';', '\t']).collect()
        } else if line.contains(',') {
            line.split(',').collect()
        } else {
            line.split_whitespace().collect()
        };
        let numbers: Vec<Option<f64>> = fields
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .map(parse_number)
            .collect();
        let no_number = numbers.iter().all(Option::is_none);
        if no_number && points.is_empty() {
            continue; // column names
        }
        let (x, y) = match numbers[..] {
            [Some(x), Some(y)] => (x, y),
            _ => {
                return Err(format!(
                    "line {}: expected two numbers, found \"{}\"",
                    k + 1,
                    shorten(line)
                ))
            }
        };
        if !(x > 0.0 && y > 0.0) {
            return Err(format!("line {}: values must be positive", k + 1));
        }
        if below_one && x >= 1.0 {
            return Err(format!(
                "line {}: ε = {} is not a fraction below 1",
                k + 1,
                number(x)
            ));
        }
        if points.len() == MAX_POINTS {
            return Err(format!("more than {MAX_POINTS} points"));
        }
        points.push((x, y));
    }
    Ok(points)
}

fn shorten(text: &str) -> String {
    super::super::state::shorten(text, 32)
}

/// "v (95 %: lo to hi)", or v alone without an interval.
fn with_interval(value: f64, interval: Interval, unit: &str) -> String {
    match interval {
        Some((lo, hi)) => format!(
            "{} (95 %: {} to {})",
            with_unit(value, unit),
            number(lo),
            with_unit(hi, unit)
        ),
        None => with_unit(value, unit),
    }
}

/// Eq. 19 fitted to the rate points, and the τ it implies.
#[derive(Debug, Clone, PartialEq)]
pub struct RateFit {
    pub fit: Eq19Fit,
    /// 95 % interval of σ_eff, S/cm (the profile likelihood of the Eq. 19 fit).
    pub sigma_interval: Interval,
    /// τ = ε·σ_i/σ_eff and its interval (σ_eff's ends mapped).
    pub tau: f64,
    pub tau_interval: Interval,
    /// Points used, and points left out for reaching what the electrodes hold.
    pub used: usize,
    pub left_out: usize,
}

/// Fits the cathode's σ_eff of the design's cell to rate points (mA/cm²,
/// mAh/cm²). Eq. 19 is fitted unclamped, so points at or above what the
/// electrodes hold (q·L) carry no rate information and are left out.
pub fn rate_fit(d: &Design, points: &[(f64, f64)]) -> Result<RateFit> {
    let full = [
        d.cell.cathode.full_capacity_c_per_cm2(),
        d.cell.anode.and_then(|a| a.full_capacity_c_per_cm2()),
    ]
    .into_iter()
    .flatten()
    .fold(f64::INFINITY, f64::min);
    let (current, capacity): (Vec<f64>, Vec<f64>) = points
        .iter()
        .map(|&(i, c)| (ma_to_a(i), mah_to_coulomb(c)))
        .filter(|&(_, c)| c < 0.999 * full)
        .unzip();
    let fit = fit_eq19(&current, &capacity, &d.cell, Unknown::Cathode)?;
    let sigma_interval = closed95(&fit.sigma_s_per_cm);
    let tau_of = |sigma: f64| d.epsilon * d.sigma_i_s_per_cm / sigma;
    Ok(RateFit {
        tau: tau_of(fit.sigma_s_per_cm.value),
        tau_interval: sigma_interval.map(|(lo, hi)| (tau_of(hi), tau_of(lo))),
        sigma_interval,
        used: current.len(),
        left_out: points.len() - current.len(),
        fit,
    })
}

/// τ = k·ε^−α fitted to (ε, τ) points: with two points k is held at 1
/// (Bruggeman proper) and α fitted; with three or more both are fitted.
pub fn tau_fit(points: &[(f64, f64)]) -> Result<BruggemanFit> {
    let (eps, tau): (Vec<f64>, Vec<f64>) = points.iter().copied().unzip();
    let fixed_k = (points.len() < 3).then_some(1.0);
    fit_bruggeman(&eps, &tau, fixed_k)
}

/// A 95 % interval, if there is one.
pub type Interval = Option<(f64, f64)>;

/// The fit's 95 % interval of `e` when both ends are known (Student's t
/// for α and k, the profile likelihood for Eq. 19's σ).
pub fn closed95(e: &Estimate) -> Interval {
    e.ci95.and_then(|i| Some((i.lo?, i.hi?)))
}

/// 95 % intervals of α and k (k fitted as ln k).
pub fn tau_intervals(f: &BruggemanFit) -> (Interval, Interval) {
    (closed95(&f.alpha), closed95(&f.k))
}

/// The rows of the fits to the user's points.
pub fn rows(d: &Design, measured: &Measured) -> Vec<Row> {
    let mut rows = Vec::new();
    if !measured.rate.is_empty() {
        match rate_fit(d, &measured.rate) {
            Ok(r) => {
                let left = if r.left_out > 0 {
                    format!(", {} at what the electrodes hold left out", r.left_out)
                } else {
                    String::new()
                };
                rows.push(Row::new(
                    "rsig",
                    format!(
                        "σ_eff of the cathode fitted to your rate data ({} points{left})",
                        r.used
                    ),
                    with_interval(
                        s_to_ms(r.fit.sigma_s_per_cm.value),
                        r.sigma_interval.map(|(lo, hi)| (s_to_ms(lo), s_to_ms(hi))),
                        "mS/cm",
                    ),
                    Some("Eq. 19"),
                ));
                rows.push(Row::new(
                    "rtau",
                    "τ of the cathode from it, ε·σ_i/σ_eff",
                    with_interval(r.tau, r.tau_interval, ""),
                    Some("Eq. 17"),
                ));
                let rms = (r.fit.chi2_c2_per_cm4 / r.used as f64).sqrt();
                rows.push(Row::new(
                    "rrms",
                    "rms residual of that fit",
                    with_unit(coulomb_to_mah(rms), "mAh/cm²"),
                    None,
                ));
            }
            Err(e) => rows.push(Row::from_result(
                "rsig",
                "σ_eff of the cathode fitted to your rate data",
                Err(e),
                Some("Eq. 19"),
            )),
        }
    }
    if !measured.tau.is_empty() {
        match tau_fit(&measured.tau) {
            Ok(f) => {
                let (alpha, k) = tau_intervals(&f);
                rows.push(Row::new(
                    "balpha",
                    format!(
                        "Bruggeman α fitted to your {} (ε, τ) points",
                        measured.tau.len()
                    ),
                    with_interval(f.alpha.value, alpha, ""),
                    Some("Eq. 18"),
                ));
                rows.push(Row::new(
                    "bk",
                    "Bruggeman k of that fit",
                    match f.k.stderr {
                        None => format!("{} (held: two points fit α alone)", number(f.k.value)),
                        Some(_) => with_interval(f.k.value, k, ""),
                    },
                    Some("Eq. 18"),
                ));
            }
            Err(e) => rows.push(Row::from_result(
                "balpha",
                "Bruggeman α fitted to your (ε, τ) points",
                Err(e),
                Some("Eq. 18"),
            )),
        }
    }
    rows
}

/// The user's points and the fitted curves on the capacity and τ plots.
pub fn overlay(view: &mut View, d: &Design, measured: &Measured, currents_a_per_cm2: &[f64]) {
    const DATA: usize = 4;
    if let Some(fig) = view
        .figure_mut("capacity")
        .filter(|_| !measured.rate.is_empty())
    {
        if let Ok(r) = rate_fit(d, &measured.rate) {
            let mut cell = d.cell;
            cell.cathode.sigma_eff_s_per_cm = r.fit.sigma_s_per_cm.value;
            let (x, y) = capacity_curve(&cell, currents_a_per_cm2);
            fig.series.push(
                Series::new(
                    "Eq. 19 fitted to your data",
                    x.iter().map(|&i| a_to_ma(i)).collect(),
                    y.iter().map(|&c| coulomb_to_mah(c)).collect(),
                    Style::Line { dashed: true },
                )
                .color(DATA),
            );
        }
        let (x, y) = measured.rate.iter().copied().unzip();
        fig.series
            .push(Series::new("your data", x, y, Style::Markers(Marker::Dot)).color(DATA));
    }
    if let Some(fig) = view.figure_mut("tau").filter(|_| !measured.tau.is_empty()) {
        if let Ok(f) = tau_fit(&measured.tau) {
            let eps = crate::numerics::grid::lin_space(0.05, 1.0, 40);
            let tau = eps
                .iter()
                .map(|e| f.k.value * e.powf(-f.alpha.value))
                .collect();
            fig.series.push(
                Series::new(
                    format!(
                        "τ = {}·ε^−{} fitted to your points",
                        number(f.k.value),
                        number(f.alpha.value)
                    ),
                    eps,
                    tau,
                    Style::Line { dashed: true },
                )
                .color(DATA),
            );
        }
        let (x, y) = measured.tau.iter().copied().unzip();
        fig.series
            .push(Series::new("your (ε, τ) points", x, y, Style::Markers(Marker::Dot)).color(DATA));
    }
}

/// The uncertainties the user gave, as text for a label ("σ_i ± 10 %, R_0
/// ± 1 Ω·cm²"), or None when all are 0.
fn uncertainty_text(state: &State) -> Option<String> {
    let bruggeman = state.choice::<TauMode>() == TauMode::Bruggeman;
    let tau = if bruggeman {
        (In::AlphaUnc, "α")
    } else {
        (In::TauUnc, "τ")
    };
    let parts: Vec<String> = [(In::SigmaIUncPct, "σ_i"), tau, (In::R0Unc, "R_0")]
        .into_iter()
        .filter(|(input, _)| state.get(*input) > 0.0)
        .map(|(input, name)| {
            format!(
                "{name} ± {}",
                with_unit(state.get(input), input.spec().unit)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The two corners of the box of the user's uncertainties: (the state with
/// σ_i, τ (or α) and R_0 at their ends that lower the capacity, the state
/// at the ends that raise it), ends outside an input's range held at its
/// limit; None when no uncertainty is given.
pub fn corners(state: &State) -> Option<(State, State)> {
    uncertainty_text(state)?;
    let mut low = state.clone();
    let mut high = state.clone();
    let mut shift = |input: In, down: f64, up: f64| {
        let spec = input.spec();
        let v = state.get(input);
        let _ = low.set(input, (v + down).clamp(spec.min, spec.max));
        let _ = high.set(input, (v + up).clamp(spec.min, spec.max));
    };
    let sigma = state.get(In::SigmaIMs) * state.get(In::SigmaIUncPct) / 100.0;
    shift(In::SigmaIMs, -sigma, sigma);
    let tau = state.get(In::TauUnc);
    shift(In::TauMeasured, tau, -tau);
    let alpha = state.get(In::AlphaUnc);
    shift(In::Alpha, alpha, -alpha);
    let r0 = state.get(In::R0Unc);
    shift(In::R0, r0, -r0);
    Some((low, high))
}

/// The delivered capacity at the design's current at the two corners.
pub fn capacity_range(state: &State) -> Option<Result<(Delivered, Delivered)>> {
    let (low, high) = corners(state)?;
    Some((|| {
        let (dl, dh) = (build(&low)?, build(&high)?);
        Ok((
            delivered_capacity(&dl.cell, dl.current_a_per_cm2)?,
            delivered_capacity(&dh.cell, dh.current_a_per_cm2)?,
        ))
    })())
}

/// The row of the capacity's range, after the delivered capacity's.
pub fn range_row(state: &State) -> Option<Row> {
    let given = uncertainty_text(state)?;
    let range = capacity_range(state)?.map(|(lo, hi)| {
        format!(
            "{} to {}",
            number(coulomb_to_mah(lo.capacity_c_per_cm2)),
            with_unit(coulomb_to_mah(hi.capacity_c_per_cm2), "mAh/cm²")
        )
    });
    Some(Row::from_result(
        "capint",
        format!("Delivered capacity over {given} (Eq. 19 at the ends; it is monotone in each)"),
        range,
        Some("Eq. 19"),
    ))
}

/// The capacity's range over the currents of the capacity plot, for the
/// design's thickness, as a band.
pub fn range_band(view: &mut View, state: &State, currents_a_per_cm2: &[f64]) {
    let Some((low, high)) = corners(state) else {
        return;
    };
    let (Ok(dl), Ok(dh)) = (build(&low), build(&high)) else {
        return;
    };
    let Some(fig) = view.figure_mut("capacity") else {
        return;
    };
    let at = |d: &Design, i: f64| {
        let l = d.cell.cathode.thickness_cm.unwrap_or(f64::NAN);
        delivered_capacity(&cell_with_thickness(d, l), i)
            .map(|x| coulomb_to_mah(x.capacity_c_per_cm2))
            .unwrap_or(f64::NAN)
    };
    fig.bands.push(Band {
        name: "range over your uncertainties".into(),
        x: currents_a_per_cm2.iter().map(|&i| a_to_ma(i)).collect(),
        lo: currents_a_per_cm2.iter().map(|&i| at(&dl, i)).collect(),
        hi: currents_a_per_cm2.iter().map(|&i| at(&dh, i)).collect(),
        color: 0,
    });
}

/// Sets the state's τ (measured) and its uncertainty to the rate fit's: τ
/// and the larger half of its 95 % interval. The notice says what was set.
pub fn use_rate_fit(state: &mut State, measured: &Measured) -> std::result::Result<String, String> {
    let d = build(state).map_err(|e| e.to_string())?;
    let r = rate_fit(&d, &measured.rate).map_err(|e| e.to_string())?;
    let half = r
        .tau_interval
        .map_or(0.0, |(lo, hi)| (r.tau - lo).max(hi - r.tau));
    let mut next = state.clone();
    next.select(TauMode::Measured);
    next.set(In::TauMeasured, r.tau)?;
    next.set(In::TauUnc, half.min(In::TauUnc.spec().max))?;
    *state = next;
    Ok(format!(
        "τ = {} ± {} from your rate data is now the cathode's measured τ",
        number(r.tau),
        number(half)
    ))
}

/// Sets Bruggeman's α, k and α's uncertainty to the (ε, τ) fit's.
pub fn use_tau_fit(state: &mut State, measured: &Measured) -> std::result::Result<String, String> {
    let f = tau_fit(&measured.tau).map_err(|e| e.to_string())?;
    let half = tau_intervals(&f)
        .0
        .map_or(0.0, |(lo, hi)| (f.alpha.value - lo).max(hi - f.alpha.value));
    let mut next = state.clone();
    next.select(TauMode::Bruggeman);
    next.set(In::Alpha, f.alpha.value)?;
    next.set(In::BruggemanK, f.k.value)?;
    next.set(In::AlphaUnc, half.min(In::AlphaUnc.spec().max))?;
    *state = next;
    Ok(format!(
        "τ = {}·ε^−{} (α ± {}) from your points is now the design's tortuosity",
        number(f.k.value),
        number(f.alpha.value),
        number(half)
    ))
}

#[cfg(test)]
mod tests;
