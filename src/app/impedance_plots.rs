//! The impedance workspace's plots: Nyquist (equal axes, −Z″ up), Bode
//! (|Z| and −φ against log f) and the fit's residuals, from [`crate::plot`].

use crate::plot::{bode, nyquist, residuals, Figure};
use crate::spectrum::Spectrum;

use super::view::PlotView;

fn plot_view(id: &'static str, figure: crate::Result<Figure>) -> PlotView {
    match figure {
        Ok(mut figure) => {
            figure.id = id.to_string();
            PlotView {
                id,
                svg: figure.to_svg(),
                figure: Some(figure),
                why: None,
            }
        }
        Err(e) => PlotView {
            id,
            svg: String::new(),
            figure: None,
            why: Some(e.to_string()),
        },
    }
}

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
