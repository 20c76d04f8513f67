//! The impedance workspace's plots: Nyquist (equal axes, −Z″ up), Bode
//! (|Z| and −φ against log f) and the fit's residuals, from [`crate::plot`].
//! A spectrum of more than [`MAX_DRAWN`] points is drawn thinned (every
//! k-th point and the last), so a million-row file draws as fast as a
//! small one; the figure says so.

use std::borrow::Cow;

use crate::fit::kk::KkResult;
use crate::plot::{
    bode, nyquist, residuals, Axis, Band, Figure, MarkedPoint, Marker, Series, Style,
};
use crate::precision::significant;

use super::super::choices::ZView;
use crate::spectrum::Spectrum;

use super::super::view::{plot_view, PlotView};

/// Most points drawn per spectrum.
pub const MAX_DRAWN: usize = 4000;

/// Every k-th point of `s` (and its last) when it has more than `max`;
/// the stride k is returned (1: all points).
pub fn thinned(s: &Spectrum, max: usize) -> (Cow<'_, Spectrum>, usize) {
    if s.len() <= max || max < 2 {
        return (Cow::Borrowed(s), 1);
    }
    let stride = s.len().div_ceil(max - 1);
    let mut keep: Vec<usize> = (0..s.len()).step_by(stride).collect();
    if keep.last() != Some(&(s.len() - 1)) {
        keep.push(s.len() - 1);
    }
    let out = Spectrum {
        label: s.label.clone(),
        freq_hz: keep.iter().map(|&k| s.freq_hz[k]).collect(),
        z_ohm: keep.iter().map(|&k| s.z_ohm[k]).collect(),
    };
    (Cow::Owned(out), stride)
}

/// What the plots of the shown spectrum draw besides the data.
#[derive(Default)]
pub struct Extras<'a> {
    /// The fitted model at the fitted points.
    pub model: Option<&'a Spectrum>,
    /// The points fitted (the first of `data`, less its masked points) and
    /// the model there, for the residuals.
    pub fitted: Option<(&'a Spectrum, &'a Spectrum)>,
    /// The shown spectrum's masked points, drawn hollow in grey.
    pub masked: Option<&'a Spectrum>,
    /// The Kramers–Kronig check of the fitted points.
    pub kk: Option<(&'a Spectrum, &'a KkResult)>,
    /// The Nyquist plot's view.
    pub view: ZView,
}

/// Points at a phase −φ above this (degrees) are the capacitive tail,
/// which the first Nyquist view leaves out of its frame.
pub const TAIL_DEGREES: f64 = 65.0;

/// The Nyquist region a fit cares about: the points of `s` before its
/// capacitive tail (−φ below [`TAIL_DEGREES`]; inductive points count),
/// as (Re range, −Im range) with 5 % margins; None when that is every
/// point, fewer than 3, or not much smaller (under 2× in both) than all.
pub fn nyquist_frame(s: &Spectrum) -> Option<((f64, f64), (f64, f64))> {
    let phase = |z: &num_complex::Complex64| (-z.im).atan2(z.re).to_degrees();
    let inside: Vec<_> = s.z_ohm.iter().filter(|z| phase(z) < TAIL_DEGREES).collect();
    if inside.len() < 3 || inside.len() == s.len() {
        return None;
    }
    let span = |v: &mut dyn Iterator<Item = f64>| {
        v.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        })
    };
    let x = span(&mut inside.iter().map(|z| z.re));
    let y = span(&mut inside.iter().map(|z| -z.im));
    let all_x = span(&mut s.z_ohm.iter().map(|z| z.re));
    let all_y = span(&mut s.z_ohm.iter().map(|z| -z.im));
    let (w, h) = (x.1 - x.0, y.1.max(0.0) - y.0.min(0.0));
    if !(w > 0.0 && h >= 0.0)
        || ((all_x.1 - all_x.0) < 2.0 * w && (all_y.1 - all_y.0) < 2.0 * h.max(w))
    {
        return None;
    }
    let m = 0.05 * w.max(h);
    Some(((x.0 - m, x.1 + m), (y.0.min(0.0) - m, y.1.max(0.0) + m)))
}

/// Fixes `fig`'s Nyquist axes on [`nyquist_frame`] of `s`, widened so that
/// both keep the same ohms per pixel (equal axes).
fn frame_nyquist(fig: &mut Figure, s: &Spectrum) {
    if let Some((x, y)) = nyquist_frame(s) {
        fig.show(&crate::plot::View { x, y, y2: None });
    }
}

/// Colour index of masked points (grey, `--ip-c6`).
const MASKED_COLOR: usize = 6;

/// Nyquist, Bode and (with a fit) residual and Lin-KK plots of `data` (the
/// shown spectrum first) and what `extras` adds. Data are filled dots,
/// masked points hollow circles.
pub fn plots(data: &[Spectrum], extras: Extras) -> Vec<PlotView> {
    let drawn: Vec<(Cow<Spectrum>, usize)> = data.iter().map(|s| thinned(s, MAX_DRAWN)).collect();
    let stride = drawn.iter().map(|d| d.1).max().unwrap_or(1);
    let data: Vec<Spectrum> = drawn.into_iter().map(|d| d.0.into_owned()).collect();
    let model = extras.model.map(|m| thinned(m, MAX_DRAWN).0);
    let fitted = extras
        .fitted
        .map(|(d, m)| (thinned(d, MAX_DRAWN).0, thinned(m, MAX_DRAWN).0));
    let mut ny = nyquist(&data, model.as_deref());
    let mut bo = bode(&data, model.as_deref());
    for s in ny.series.iter_mut().take(data.len()) {
        s.style = Style::Markers(Marker::Dot);
    }
    if let Some(m) = extras.masked.filter(|m| !m.is_empty()) {
        let name = format!("masked ({})", m.len());
        let (x, y) = m.z_ohm.iter().map(|z| (z.re, -z.im)).unzip();
        ny.series.push(
            Series::new(name.clone(), x, y, Style::Markers(Marker::Circle)).color(MASKED_COLOR),
        );
        let mag = m.z_ohm.iter().map(|z| z.norm()).collect();
        bo.series.push(
            Series::new(name, m.freq_hz.clone(), mag, Style::Markers(Marker::Circle))
                .color(MASKED_COLOR),
        );
    }
    match extras.view {
        ZView::Frame => {
            if let Some(first) = data.first() {
                frame_nyquist(&mut ny, first);
            }
        }
        ZView::All => {}
        ZView::Free => ny.equal_aspect = false,
    }
    let mut plots = vec![plot_view("nyquist", Ok(ny)), plot_view("bode", Ok(bo))];
    match &fitted {
        Some((d, m)) => plots.push(plot_view("residuals", residuals(d, m))),
        None => plots.push(PlotView {
            id: "residuals",
            why: Some("residuals appear after a fit".into()),
            ..PlotView::default()
        }),
    }
    match extras.kk {
        Some((s, kk)) => plots.push(plot_view("kk", kk_figure(s, kk))),
        None => plots.push(PlotView {
            id: "kk",
            why: Some("the Kramers–Kronig residuals appear after a fit".into()),
            ..PlotView::default()
        }),
    }
    if stride > 1 {
        for p in plots.iter_mut().filter(|p| p.figure.is_some()) {
            p.why = Some(format!("1 point in {stride} drawn"));
        }
    }
    plots
}

/// Lin-KK residuals of `s` (Re and Im, % of |Z|) against frequency with
/// the ±band of the check's rule shaded; the points outside it marked.
pub fn kk_figure(s: &Spectrum, kk: &KkResult) -> crate::Result<Figure> {
    if kk.residuals.len() != s.len() {
        return Err(crate::Error::Inconsistent(format!(
            "the Kramers–Kronig residuals ({}) do not match the spectrum's {} points",
            kk.residuals.len(),
            s.len()
        )));
    }
    let mut fig = Figure::new(
        "Lin-KK residuals",
        Axis::log("f / Hz"),
        Axis::linear("KK residual / % of |Z|"),
    )
    .with_id("kk");
    let (re, im): (Vec<f64>, Vec<f64>) = kk
        .residuals
        .iter()
        .map(|&(a, b)| (100.0 * a, 100.0 * b))
        .unzip();
    let (f_lo, f_hi) = s
        .freq_hz
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &f| (a.min(f), b.max(f)));
    let band = 100.0 * kk.band;
    fig.bands.push(Band {
        name: format!("±{} % (noise band)", significant(band, 2)),
        x: vec![f_lo, f_hi],
        lo: vec![-band, -band],
        hi: vec![band, band],
        color: 2,
    });
    fig.series.push(
        Series::new(
            "ΔZ′/|Z|",
            s.freq_hz.clone(),
            re.clone(),
            Style::LineMarkers(Marker::Circle),
        )
        .color(0),
    );
    fig.series.push(
        Series::new(
            "ΔZ″/|Z|",
            s.freq_hz.clone(),
            im.clone(),
            Style::LineMarkers(Marker::Square),
        )
        .color(1),
    );
    for &k in &kk.outside {
        let worst = if re[k].abs() >= im[k].abs() {
            re[k]
        } else {
            im[k]
        };
        fig.marks.push(MarkedPoint {
            label: "outside".into(),
            x: s.freq_hz[k],
            y: worst,
        });
    }
    Ok(fig)
}

#[cfg(test)]
mod tests;
