//! The impedance workspace's plots: Nyquist (equal axes, −Z″ up), Bode
//! (|Z| and −φ against log f) and the fit's residuals, from [`crate::plot`].

use crate::plot::{bode, nyquist, residuals};
use crate::spectrum::Spectrum;

use super::view::{plot_view, PlotView};

/// Nyquist, Bode and (with a fit) residual plots of `data` and `model`.
pub fn plots(
    data: &[Spectrum],
    model: Option<&Spectrum>,
    fitted: Option<(&Spectrum, &Spectrum)>,
) -> Vec<PlotView> {
    let mut plots = vec![
        plot_view("nyquist", Ok(nyquist(data, model))),
        plot_view("bode", Ok(bode(data, model))),
    ];
    match fitted {
        Some((d, m)) => plots.push(plot_view("residuals", residuals(d, m))),
        None => plots.push(PlotView {
            id: "residuals",
            why: Some("residuals appear after a fit".into()),
            ..PlotView::default()
        }),
    }
    plots
}
