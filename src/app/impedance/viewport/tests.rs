use super::*;
use crate::app::impedance::plots::{plots, Extras};
use crate::spectrum::Spectrum;

/// An ion–electron line (R_bulk 10 Ω, R_ion 100 Ω, 1 µF), 1 MHz … 10 mHz.
fn arc() -> Spectrum {
    let state = crate::app::url::decode("zmodel=line&layout=ion-electron&iface=c").0;
    crate::app::impedance::model::line_spectrum(
        &state,
        &[10.0, 100.0, 0.1, 1e-6],
        &crate::numerics::grid::log_space(1e-2, 1e6, 41),
        "arc",
    )
    .expect("a line")
}

fn figure(id: &str, fit: Option<&Spectrum>) -> Figure {
    let data = [arc()];
    let extras = Extras {
        model: fit,
        ..Extras::default()
    };
    plots(&data, extras)
        .into_iter()
        .find(|p| p.id == id)
        .and_then(|p| p.figure)
        .expect("figure")
}

#[test]
fn a_view_set_is_shown_again_after_a_fit_and_reset_restores_the_automatic_one() {
    let mut views = Viewports::default();
    for id in ZOOMABLE {
        let auto = figure(id, None);
        let (w, h) = auto.size_px();
        let zoomed = auto
            .moved_view((15.0, -5.0), (w / 3.0, h / 2.0), 0.5)
            .expect("zoomable");
        views.set(id, Some(zoomed));
        assert!(views.zoomed(id));
        // A re-render with a fit drawn keeps the user's ranges.
        let fit = arc();
        let mut again = figure(id, Some(&fit));
        views.apply(id, &mut again);
        let shown = again.view();
        let near = |a: (f64, f64), b: (f64, f64)| {
            (a.0 - b.0).abs() + (a.1 - b.1).abs() <= 1e-9 * (a.0.abs() + a.1.abs())
        };
        assert!(near(shown.x, zoomed.x), "{id}: {shown:?} {zoomed:?}");
        assert!(near(shown.y, zoomed.y), "{id}: {shown:?} {zoomed:?}");
        assert_ne!(shown, auto.view());
    }
    views.reset();
    for id in ZOOMABLE {
        assert!(!views.zoomed(id));
        let mut fig = figure(id, None);
        views.apply(id, &mut fig);
        assert_eq!(fig.view(), figure(id, None).view(), "{id}");
    }
}

#[test]
fn only_the_nyquist_and_bode_plots_zoom() {
    let mut views = Viewports::default();
    let view = figure("nyquist", None).view();
    views.set("residuals", Some(view));
    assert!(!views.zoomed("residuals"));
    views.set("nyquist", Some(view));
    views.set("nyquist", None);
    assert!(!views.zoomed("nyquist"));
}
