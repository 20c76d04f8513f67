use super::*;
use crate::app::impedance::plots::{plots, Extras};
use crate::spectrum::Spectrum;
use num_complex::Complex64;

/// A semicircle of 100 Ω after 10 Ω, 31 points, 1 MHz … 1 Hz.
fn arc() -> Spectrum {
    let freq_hz: Vec<f64> = (0..=30).map(|k| 10f64.powf(6.0 - 0.2 * k as f64)).collect();
    let z_ohm = freq_hz
        .iter()
        .map(|f| {
            let jwrc = Complex64::new(0.0, std::f64::consts::TAU * f * 100.0 * 1e-6);
            Complex64::new(10.0, 0.0) + 100.0 / (1.0 + jwrc)
        })
        .collect();
    Spectrum {
        label: "arc".into(),
        freq_hz,
        z_ohm,
    }
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
