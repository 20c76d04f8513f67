//! The composition sweep's plots: τ of the SE against ε with the
//! Bruggeman fit τ = k·ε^−α (Eq. 18, `fit::scalar`) and the literature's
//! τ–ε series, and the usable active material against the AM fraction
//! (Bielefeld et al. 2019).

use crate::error::{Error, Result};
use crate::fit::scalar::{fit_bruggeman, BruggemanFit};
use crate::numerics::grid::lin_space;
use crate::plot::{tau_vs_epsilon, Axis, Curve, Figure, Marker, Series, Style};

use super::super::design::data::closed95;
use super::super::design::plots::literature_points;
use super::super::format::number;
use super::super::view::{plot_view, PlotView, Row};
use super::model::SweepPoint;

/// The sweep's (ε, τ) pairs of points whose SE percolates.
fn tau_points(points: &[SweepPoint]) -> (Vec<f64>, Vec<f64>) {
    points.iter().filter_map(|p| Some((p.se, p.tau?))).unzip()
}

/// Bruggeman's τ = k·ε^−α fitted to the sweep (k and α both free).
pub fn bruggeman(points: &[SweepPoint]) -> Result<BruggemanFit> {
    let (eps, tau) = tau_points(points);
    fit_bruggeman(&eps, &tau, None)
}

/// "1.23 (95 %: 1.1 … 1.4)".
fn with_interval(value: f64, interval: Option<(f64, f64)>) -> String {
    match interval {
        Some((lo, hi)) => format!("{} (95 %: {} … {})", number(value), number(lo), number(hi)),
        None => number(value),
    }
}

/// The rows of the fit: α and k with their 95 % intervals.
pub fn fit_rows(points: &[SweepPoint]) -> Vec<Row> {
    if points.is_empty() {
        return Vec::new();
    }
    match bruggeman(points) {
        Ok(fit) => vec![
            Row::new(
                "malpha",
                "Bruggeman exponent α of the sweep",
                with_interval(fit.alpha.value, closed95(&fit.alpha)),
                Some("Eq. 18"),
            ),
            Row::new(
                "mk",
                "Bruggeman prefactor k of the sweep",
                with_interval(fit.k.value, closed95(&fit.k)),
                Some("Eq. 18"),
            ),
        ],
        Err(e) => vec![Row::from_result(
            "malpha",
            "Bruggeman fit of the sweep",
            Err(e),
            Some("Eq. 18"),
        )],
    }
}

/// τ against ε: the sweep's points, its Bruggeman fit and the literature.
pub fn tau_figure(points: &[SweepPoint]) -> Result<Figure> {
    let (eps, tau) = tau_points(points);
    if eps.is_empty() {
        return Err(Error::Numerical(
            "no point of the sweep has an SE that percolates along x".into(),
        ));
    }
    let line = match bruggeman(points) {
        Ok(fit) => {
            let lo = eps.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = eps.iter().copied().fold(0.0, f64::max);
            let x = lin_space(0.9 * lo, (1.1 * hi).min(1.0), 40);
            let y = x
                .iter()
                .map(|e| fit.k.value * e.powf(-fit.alpha.value))
                .collect();
            Curve {
                label: format!(
                    "Bruggeman fit, τ = {}·ε^−{}",
                    number(fit.k.value),
                    number(fit.alpha.value)
                ),
                x,
                y,
            }
        }
        Err(_) => Curve {
            label: "Bruggeman fit (needs 3 points)".into(),
            x: Vec::new(),
            y: Vec::new(),
        },
    };
    let mut fig = tau_vs_epsilon(&line, &literature_points(), None);
    fig.title = "τ of the SE along x against its volume fraction ε".into();
    fig.series.push(
        Series::new(
            "generated electrodes (this sweep)",
            eps,
            tau,
            Style::Markers(Marker::Dot),
        )
        .color(6),
    );
    Ok(fig)
}

/// The usable share of the active material against the AM fraction.
pub fn utilisation_figure(points: &[SweepPoint]) -> Result<Figure> {
    let (am, used): (Vec<f64>, Vec<f64>) = points
        .iter()
        .filter_map(|p| Some((p.am, p.utilisation?)))
        .unzip();
    if am.is_empty() {
        return Err(Error::Numerical(
            "no point of the sweep has both active material and SE".into(),
        ));
    }
    let mut fig = Figure::new(
        "Usable active material against the AM fraction",
        Axis::linear("AM volume fraction"),
        Axis::linear("usable AM share").with_range(0.0, 1.0),
    )
    .with_id("mutil");
    fig.series.push(Series::new(
        "wired to the collector and reached by SE",
        am,
        used,
        Style::LineMarkers(Marker::Dot),
    ));
    Ok(fig)
}

/// The sweep's two plots (none before a sweep).
pub fn plots(points: &[SweepPoint]) -> Vec<PlotView> {
    if points.is_empty() {
        return Vec::new();
    }
    vec![
        plot_view("mtau", tau_figure(points)),
        plot_view("mutil", utilisation_figure(points)),
    ]
}

#[cfg(test)]
mod tests;
