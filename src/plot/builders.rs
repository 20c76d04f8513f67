//! Ready-made figures for the page and the CLI. Inputs are in the core's
//! units; conversion to display units (µm, mA/cm², mAh/cm², %) happens here,
//! at the edge, with [`crate::units`].

use crate::error::{Error, Result};
use crate::spectrum::Spectrum;
use crate::units;

use super::figure::{Figure, Legend, MarkedPoint, Marker, RefLine, RefPos, Series, Style};
use super::heatmap::{Grid, Heatmap};
use super::scale::Axis;

/// A labelled curve y(x).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Curve {
    pub label: String,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// One published measurement for [`tau_vs_epsilon`]; points with the same
/// `source` share a colour and a legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LitPoint {
    pub source: String,
    pub eps: f64,
    pub tau: f64,
    /// Half-width of the error bar on τ, if reported.
    pub tau_err: Option<f64>,
}

const DESIGN: &str = "current design";

/// Phase angle −φ = −atan2(Z″, Z′) in degrees (positive for capacitive
/// behaviour, where Z″ < 0).
pub fn minus_phase_deg(z: num_complex::Complex64) -> f64 {
    -z.im.atan2(z.re).to_degrees()
}

/// Nyquist plot: −Z″ against Z′ in Ω with equal Ω per pixel on both axes;
/// measured spectra as open circles, the fitted model as a line.
pub fn nyquist(data: &[Spectrum], fit: Option<&Spectrum>) -> Figure {
    let mut fig = Figure::new(
        "Nyquist plot",
        Axis::linear("Z′ / Ω"),
        Axis::linear("−Z″ / Ω"),
    )
    .with_id("nyquist");
    fig.equal_aspect = true;
    for (i, s) in data.iter().enumerate() {
        let (x, y) = s.z_ohm.iter().map(|z| (z.re, -z.im)).unzip();
        fig.series
            .push(Series::new(s.label.clone(), x, y, Style::Markers(Marker::Circle)).color(i));
    }
    if let Some(f) = fit {
        let (x, y) = f.z_ohm.iter().map(|z| (z.re, -z.im)).unzip();
        fig.series
            .push(Series::new(fit_name(f), x, y, Style::Line { dashed: false }).color(data.len()));
    }
    fig
}

fn fit_name(f: &Spectrum) -> String {
    if f.label.is_empty() {
        "fit".into()
    } else {
        f.label.clone()
    }
}

/// Bode plot: |Z| (log, left axis) and −φ (linear, right axis) against
/// frequency (log). Data as markers (circles |Z|, crosses −φ), the fit as
/// lines (solid |Z|, dashed −φ).
pub fn bode(data: &[Spectrum], fit: Option<&Spectrum>) -> Figure {
    let mut fig =
        Figure::new("Bode plot", Axis::log("f / Hz"), Axis::log("|Z| / Ω")).with_id("bode");
    fig.y2 = Some(Axis::linear("−φ / °"));
    let mut add = |label: &str, s: &Spectrum, color: usize, styles: [Style; 2]| {
        let mag = s.z_ohm.iter().map(|z| z.norm()).collect();
        let phase = s.z_ohm.iter().map(|&z| minus_phase_deg(z)).collect();
        fig.series.push(
            Series::new(format!("{label} |Z|"), s.freq_hz.clone(), mag, styles[0]).color(color),
        );
        fig.series.push(
            Series::new(format!("{label} −φ"), s.freq_hz.clone(), phase, styles[1])
                .color(color)
                .on_right(),
        );
    };
    for (i, s) in data.iter().enumerate() {
        add(
            &s.label,
            s,
            i,
            [
                Style::Markers(Marker::Circle),
                Style::Markers(Marker::Cross),
            ],
        );
    }
    if let Some(f) = fit {
        add(
            &fit_name(f),
            f,
            data.len(),
            [Style::Line { dashed: false }, Style::Line { dashed: true }],
        );
    }
    fig
}

/// Residuals of a fit against frequency, relative to |Z| of the data:
/// ΔZ′/|Z| = (Z′_data − Z′_fit)/|Z_data| and ΔZ″/|Z| likewise, in %.
/// `fit` must be evaluated at the same frequencies as `data`.
pub fn residuals(data: &Spectrum, fit: &Spectrum) -> Result<Figure> {
    if data.len() != fit.len() || data.z_ohm.len() != fit.z_ohm.len() {
        return Err(Error::Inconsistent(format!(
            "residuals need the fit at the data's {} frequencies, got {}",
            data.len(),
            fit.len()
        )));
    }
    let mut fig = Figure::new(
        "Fit residuals",
        Axis::log("f / Hz"),
        Axis::linear("residual / %"),
    )
    .with_id("residuals");
    let (mut re, mut im) = (
        Vec::with_capacity(data.len()),
        Vec::with_capacity(data.len()),
    );
    for (d, f) in data.z_ohm.iter().zip(&fit.z_ohm) {
        let scale = 100.0 / d.norm();
        re.push((d.re - f.re) * scale);
        im.push((d.im - f.im) * scale);
    }
    fig.series.push(
        Series::new(
            "ΔZ′/|Z|",
            data.freq_hz.clone(),
            re,
            Style::LineMarkers(Marker::Circle),
        )
        .color(0),
    );
    fig.series.push(
        Series::new(
            "ΔZ″/|Z|",
            data.freq_hz.clone(),
            im,
            Style::LineMarkers(Marker::Square),
        )
        .color(1),
    );
    fig.ref_lines.push(RefLine {
        label: String::new(),
        pos: RefPos::Horizontal(0.0),
    });
    Ok(fig)
}

/// Delivered capacity against current density, log–log, one line per
/// curve. Curves hold x = current density in A/cm² and y = capacity in
/// C/cm²; `design` is (A/cm², C/cm²); `full_c_per_cm2` draws the capacity
/// the electrode holds as a reference line. Shown in mA/cm² and mAh/cm².
pub fn capacity_vs_current(
    curves: &[Curve],
    design: Option<(f64, f64)>,
    full_c_per_cm2: Option<f64>,
) -> Figure {
    // Whole decades: the axes stay put while a what-if moves the curves.
    let mut fig = Figure::new(
        "Delivered capacity against current density (Eq. 19)",
        Axis::log("i / (mA/cm²)").in_whole_decades(),
        Axis::log("C / (mAh/cm²)").in_whole_decades(),
    )
    .with_id("capacity");
    for (k, c) in curves.iter().enumerate() {
        let x = c.x.iter().map(|&v| units::a_to_ma(v)).collect();
        let y = c.y.iter().map(|&v| units::coulomb_to_mah(v)).collect();
        fig.series
            .push(Series::new(c.label.clone(), x, y, Style::Line { dashed: false }).color(k));
    }
    if let Some(full) = full_c_per_cm2 {
        let label = "full capacity".to_string();
        fig.ref_lines.push(RefLine {
            label,
            pos: RefPos::Horizontal(units::coulomb_to_mah(full)),
        });
    }
    if let Some((i, c)) = design {
        fig.marks.push(MarkedPoint {
            label: DESIGN.into(),
            x: units::a_to_ma(i),
            y: units::coulomb_to_mah(c),
        });
    }
    cap_log_y(&mut fig, LIVE_LOG_DECADES);
    fig
}

/// Decades a live log-log plot shows below the top of its data.
pub const LIVE_LOG_DECADES: f64 = 3.0;

/// Fixes the y range of a log plot to whole decades from the one above the
/// data's top (series and horizontal reference lines) down to at most
/// `decades` below it (not below the data's bottom, and far enough to keep
/// every marked point): a curve plunging
/// towards zero capacity neither squeezes the rest of the plot nor moves
/// the axis as the inputs change.
pub fn cap_log_y(fig: &mut Figure, decades: f64) {
    let lines = fig.ref_lines.iter().filter_map(|r| match r.pos {
        RefPos::Horizontal(v) => Some(v),
        RefPos::Vertical(_) => None,
    });
    let values: Vec<f64> = fig
        .series
        .iter()
        .flat_map(|s| s.y.iter().copied())
        .chain(lines)
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(f64::log10)
        .collect();
    let logs = || values.iter().copied();
    let (Some(top), Some(bottom)) = (logs().reduce(f64::max), logs().reduce(f64::min)) else {
        return;
    };
    let hi = top.ceil().max(top.floor() + 1.0);
    let mut lo = (hi - decades).max(bottom.floor()).min(hi - 1.0);
    for m in &fig.marks {
        if m.y.is_finite() && m.y > 0.0 {
            lo = lo.min(m.y.log10().floor());
        }
    }
    fig.y.range = Some((10f64.powf(lo), 10f64.powf(hi)));
}

/// Utilisation map: a heatmap over thickness (x, cm in the grid, shown in
/// µm) and SE fraction ε (y), with values the delivered fraction of the
/// full capacity (0…1, shown in %). `design` is (thickness_cm, ε).
pub fn utilisation_map(grid: &Grid, design: Option<(f64, f64)>) -> Result<Figure> {
    let shown = Grid::new(
        (units::cm_to_um(grid.x_min), units::cm_to_um(grid.x_max)),
        (grid.y_min, grid.y_max),
        grid.nx,
        grid.ny,
        grid.values.iter().map(|v| v * 100.0).collect(),
    )?;
    let mut fig = Figure::new(
        "Utilisation over cathode thickness and ε",
        Axis::linear("L / µm"),
        Axis::linear("ε"),
    )
    .with_id("utilisation");
    fig.heatmap = Some(Heatmap {
        grid: shown,
        label: "utilisation / %".into(),
        range: Some((0.0, 100.0)),
    });
    fig.legend = Legend::None;
    if let Some((l_cm, eps)) = design {
        fig.marks.push(MarkedPoint {
            label: DESIGN.into(),
            x: units::cm_to_um(l_cm),
            y: eps,
        });
    }
    Ok(fig)
}

/// Tortuosity factor τ against SE fraction ε: the model curve as a line
/// and published points as markers (with error bars where reported).
pub fn tau_vs_epsilon(
    model: &Curve,
    literature: &[LitPoint],
    design: Option<(f64, f64)>,
) -> Figure {
    let mut fig = Figure::new(
        "Tortuosity factor against SE fraction",
        Axis::linear("ε"),
        Axis::linear("τ"),
    )
    .with_id("tau");
    fig.series.push(Series::new(
        model.label.clone(),
        model.x.clone(),
        model.y.clone(),
        Style::Line { dashed: false },
    ));
    let mut sources: Vec<&str> = Vec::new();
    for p in literature {
        if !sources.contains(&p.source.as_str()) {
            sources.push(&p.source);
        }
    }
    let shapes = [Marker::Square, Marker::Circle, Marker::Dot, Marker::Cross];
    for (k, src) in sources.iter().enumerate() {
        let pts: Vec<&LitPoint> = literature.iter().filter(|p| p.source == *src).collect();
        let mut s = Series::new(
            *src,
            pts.iter().map(|p| p.eps).collect(),
            pts.iter().map(|p| p.tau).collect(),
            Style::Markers(shapes[k % shapes.len()]),
        )
        .color(k + 1);
        if pts.iter().any(|p| p.tau_err.is_some()) {
            s.y_err = Some(pts.iter().map(|p| p.tau_err.unwrap_or(f64::NAN)).collect());
        }
        fig.series.push(s);
    }
    if let Some((eps, tau)) = design {
        fig.marks.push(MarkedPoint {
            label: DESIGN.into(),
            x: eps,
            y: tau,
        });
    }
    fig
}

/// Ragone plot: specific energy (Wh/kg) against specific power (W/kg),
/// log–log, one line as the current varies; `design` is (W/kg, Wh/kg) of
/// the current design; `target` = (label, Wh/kg) draws a horizontal
/// reference line (e.g. the SET-Plan target).
pub fn ragone_plot(
    curve: &Curve,
    design: Option<(f64, f64)>,
    target: Option<(&str, f64)>,
) -> Figure {
    let mut fig = Figure::new(
        "Stack energy against power (Ragone plot)",
        Axis::log("P / (W/kg)").in_whole_decades(),
        Axis::log("E / (Wh/kg)").in_whole_decades(),
    )
    .with_id("ragone");
    fig.series.push(Series::new(
        curve.label.clone(),
        curve.x.clone(),
        curve.y.clone(),
        Style::Line { dashed: false },
    ));
    if let Some((label, wh_per_kg)) = target {
        fig.ref_lines.push(RefLine {
            label: label.to_string(),
            pos: RefPos::Horizontal(wh_per_kg),
        });
    }
    if let Some((x, y)) = design {
        fig.marks.push(MarkedPoint {
            label: DESIGN.into(),
            x,
            y,
        });
    }
    cap_log_y(&mut fig, LIVE_LOG_DECADES);
    fig
}
