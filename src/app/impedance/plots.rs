//! The impedance workspace's plots: Nyquist (equal axes, −Z″ up), Bode
//! (|Z| and −φ against log f) and the fit's residuals, from [`crate::plot`].
//! A spectrum of more than [`MAX_DRAWN`] points is drawn thinned (every
//! k-th point and the last), so a million-row file draws as fast as a
//! small one; the figure says so.

use std::borrow::Cow;

use crate::plot::{bode, nyquist, residuals};
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

/// Nyquist, Bode and (with a fit) residual plots of `data` and `model`.
pub fn plots(
    data: &[Spectrum],
    model: Option<&Spectrum>,
    fitted: Option<(&Spectrum, &Spectrum)>,
) -> Vec<PlotView> {
    let drawn: Vec<(Cow<Spectrum>, usize)> = data.iter().map(|s| thinned(s, MAX_DRAWN)).collect();
    let stride = drawn.iter().map(|d| d.1).max().unwrap_or(1);
    let data: Vec<Spectrum> = drawn.into_iter().map(|d| d.0.into_owned()).collect();
    let model = model.map(|m| thinned(m, MAX_DRAWN).0);
    let fitted = fitted.map(|(d, m)| (thinned(d, MAX_DRAWN).0, thinned(m, MAX_DRAWN).0));
    let mut plots = vec![
        plot_view("nyquist", Ok(nyquist(&data, model.as_deref()))),
        plot_view("bode", Ok(bode(&data, model.as_deref()))),
    ];
    match &fitted {
        Some((d, m)) => plots.push(plot_view("residuals", residuals(d, m))),
        None => plots.push(PlotView {
            id: "residuals",
            why: Some("residuals appear after a fit".into()),
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

#[cfg(test)]
mod tests;
