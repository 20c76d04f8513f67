//! The profile of R_ion drawn under the parameter table: the statistic
//! (χ²_profile − χ²_min)/s² the 95 % interval thresholds, against R_ion on
//! a log axis, from the points the profile walk kept
//! ([`crate::fit::ParamEstimate::profile`], docs/INTERVALS.md).

use crate::fit::{FitResult, ParamEstimate};
use crate::plot::{Axis, Figure, MarkedPoint, Marker, RefLine, RefPos, Series, Style};
use crate::precision::significant;

/// The figure's size before the page measures its box (small: it sits
/// under the table).
const SIZE_PX: (f64, f64) = (420.0, 260.0);

/// The profile of parameter `name` (the ionic rail) of `fit`: its kept
/// points joined, the 95 % threshold as a reference line, the interval's
/// ends marked on it, an open end marked at the last point walked with
/// "no bound within 10⁶×", and another minimum below the threshold marked.
/// None when the parameter was not profiled (fixed, or no points kept).
pub fn profile_figure(fit: &FitResult, name: &str) -> Option<Figure> {
    let p = fit.param(name)?;
    let threshold = fit.profile_threshold?;
    let positive: Vec<(f64, f64)> = p.profile.iter().copied().filter(|q| q.0 > 0.0).collect();
    if positive.len() < 2 || threshold.is_nan() || threshold <= 0.0 {
        return None;
    }
    let label = axis_name(p);
    let mut fig = Figure::new(
        format!("Profile of {label}"),
        Axis::log(format!("{label} / {}", p.unit)),
        Axis::linear("Δχ² / s² (F statistic)"),
    )
    .with_id("profile")
    .with_size(SIZE_PX.0, SIZE_PX.1);
    let highest = positive.iter().map(|q| q.1).fold(0.0, f64::max);
    fig.y.range = Some((0.0, highest.clamp(1.5 * threshold, 4.0 * threshold)));
    let (x, y) = positive.iter().copied().unzip();
    fig.series.push(Series::new(
        format!("profile of {label}"),
        x,
        y,
        Style::LineMarkers(Marker::Circle),
    ));
    fig.ref_lines.push(RefLine {
        label: format!("95 %: F = {}", significant(threshold, 3)),
        pos: RefPos::Horizontal(threshold),
    });
    let (first, last) = (positive[0].0, positive[positive.len() - 1].0);
    let ci = p.ci95?;
    for (end, open_at, side) in [(ci.lo, first, "lower"), (ci.hi, last, "upper")] {
        fig.marks.push(match end {
            Some(v) => MarkedPoint {
                label: format!("{side} end {} {}", significant(v, 3), p.unit),
                x: v,
                y: threshold,
            },
            None => MarkedPoint {
                label: format!(
                    "{} no {side} bound within 10⁶×",
                    if side == "lower" { "←" } else { "→" }
                ),
                x: open_at,
                y: 0.5 * threshold,
            },
        });
    }
    if let Some(s) = p.second_minimum.filter(|s| s.value > 0.0) {
        fig.marks.push(MarkedPoint {
            label: format!("second minimum {} {}", significant(s.value, 3), p.unit),
            x: s.value,
            y: s.excess_chi2_per_dof.max(0.0),
        });
    }
    Some(fig)
}

/// `r_ion` → R_ion, `r_e` → R_e (the table's names otherwise).
fn axis_name(p: &ParamEstimate) -> String {
    match p.name.split_once('_') {
        Some((head, tail)) => format!("{}_{tail}", head.to_uppercase()),
        None => p.name.clone(),
    }
}

#[cfg(test)]
mod tests;
