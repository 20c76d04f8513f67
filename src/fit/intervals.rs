//! Profile-likelihood intervals of an impedance fit ([`super::profile`]):
//! for every free parameter of a [`FitResult`] its 95 % interval (ends open
//! or at a bound when the data do not reach them) and another minimum of χ²
//! below the threshold, written into its [`ParamEstimate`]s with plain notes.

use nalgebra::DMatrix;

use super::lm::Problem;
use super::profile::{
    physical, End, Outcome, ParamProfile, Profiler, Residuals, Span, LOGISTIC_EDGE,
};
use super::result::{BoundSide, FitResult, ParamEstimate, SecondMinimum};
use super::transform::Transform;
use super::{omega_and_weights, FitOptions, Setup};
use crate::error::Result;
use crate::impedance::Model;
use crate::spectrum::Spectrum;

impl<M: Model + Clone> Residuals for Problem<'_, M> {
    fn rows(&self) -> usize {
        self.residual_count()
    }
    fn eval(&self, u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>) -> bool {
        self.residuals_and_jacobian(u, r, jac)
    }
}

/// The least χ² taken as noise, relative to the weighted data's Σ|w·Z|²:
/// residuals of 1e-10 of the data are rounding, not a fit that pins values.
const CHI2_FLOOR_RELATIVE: f64 = 1e-20;

/// What [`attach`] did.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Attached {
    /// Intervals written.
    Done,
    /// A point (all parameter values) with a lower χ² than the fit's: refit
    /// from it and profile again.
    Lower(Vec<f64>),
}

/// The span a parameter of map `t` at `u` is followed over; it always
/// holds `u` (a value fitted at its bound lies beyond ±[`LOGISTIC_EDGE`]).
fn span(t: Transform, u: f64) -> Span {
    match t {
        Transform::Log => Span::log(u),
        Transform::Logistic { .. } | Transform::LogLogistic { .. } => {
            Span::linear(u.min(-LOGISTIC_EDGE), u.max(LOGISTIC_EDGE), true)
        }
    }
}

/// Profiles every free parameter of `result` (a fit of `model` to
/// `spectrum` under `options`) and writes its `ci95`, its `second_minimum`
/// and, for open ends, `determined = false` with the reason. `others` are
/// other minima (all parameter values) found by the fit's starts; `rails`
/// names two interchangeable parameters whose order the fit fixed (the
/// profile of the larger keeps it the larger). With `allow_lower`, a point
/// below the fit's χ² ends the profiling and is returned.
pub(crate) fn attach<M: Model + Clone>(
    model: &M,
    spectrum: &Spectrum,
    options: &FitOptions,
    result: &mut FitResult,
    others: &[Vec<f64>],
    rails: Option<(&str, &str)>,
    allow_lower: bool,
) -> Result<Attached> {
    let setup = Setup::new(model.param_specs(), options)?;
    let full = result.values();
    let to_u = |values: &[f64]| -> Option<Vec<f64>> {
        setup
            .free
            .iter()
            .zip(&setup.transforms)
            .map(|(&i, t)| t.to_internal(*values.get(i)?).ok())
            .collect()
    };
    let Some(u) = to_u(&full) else {
        return Ok(Attached::Done);
    };
    let (omega, weights) = omega_and_weights(spectrum, options.weighting);
    let problem = Problem::new(
        model,
        full,
        &setup.free,
        &setup.transforms,
        &omega,
        &spectrum.z_ohm,
        &weights,
        &u,
    );
    let spans: Vec<Span> = setup
        .transforms
        .iter()
        .zip(&u)
        .map(|(&t, &u)| span(t, u))
        .collect();
    let free_index = |name: &str| setup.free.iter().position(|&i| setup.specs[i].name == name);
    // The pair's order is the fit's: larger first (same map, so u orders as p).
    let tie = rails.and_then(|(a, b)| {
        let (a, b) = (free_index(a)?, free_index(b)?);
        (setup.transforms[a] == setup.transforms[b]).then_some(if u[a] >= u[b] {
            (a, b)
        } else {
            (b, a)
        })
    });
    let dof = (2 * spectrum.len()).saturating_sub(u.len());
    // Rounding leaves weighted residuals of ~1e-10 of the weighted data.
    let data2: f64 = spectrum
        .z_ohm
        .iter()
        .zip(&weights)
        .map(|(z, (wr, wi))| (wr * z.re).powi(2) + (wi * z.im).powi(2))
        .sum();
    let floor = CHI2_FLOOR_RELATIVE * data2;
    let Some(mut profiler) =
        Profiler::new(&problem, result.chi2, floor, dof, spans, tie, allow_lower)
    else {
        return Ok(Attached::Done);
    };
    let anchors: Vec<Vec<f64>> = others.iter().filter_map(|v| to_u(v)).collect();
    let outcome = profiler.run(&u, &anchors);
    result.evaluations += profiler.evaluations.get();
    let profiles = match outcome {
        None => return Ok(Attached::Done),
        Some(Outcome::Lower(lower)) => return Ok(Attached::Lower(problem.physical(&lower))),
        Some(Outcome::Done(profiles)) => profiles,
    };
    result.profile_threshold = Some(profiler.threshold());
    let mut second_names = Vec::new();
    let mut second_excess = f64::INFINITY;
    for ((&i, &t), profile) in setup.free.iter().zip(&setup.transforms).zip(&profiles) {
        let estimate = &mut result.params[i];
        write(estimate, t, profile, &mut result.notes);
        if let Some(s) = estimate.second_minimum {
            second_names.push(format!(
                "{} = {} {}",
                estimate.name,
                sig(s.value),
                estimate.unit
            ));
            second_excess = second_excess.min(s.excess_chi2_per_dof);
        }
    }
    if !second_names.is_empty() {
        result.notes.push(format!(
            "χ² has a second minimum below the 95 % threshold (χ² higher by {} × χ²/dof) at {}: \
             the 95 % intervals span both minima, with worse fits in between.",
            sig(second_excess),
            second_names.join(", ")
        ));
    }
    result.determined = result.params.iter().all(|p| p.fixed || p.determined);
    Ok(Attached::Done)
}

/// Writes one parameter's profile (fit-space map `t`) into its estimate,
/// with a note for open ends or ends at a bound.
fn write(
    estimate: &mut ParamEstimate,
    t: Transform,
    profile: &ParamProfile,
    notes: &mut Vec<String>,
) {
    let interval = physical(profile.lo, profile.hi, |u| t.to_physical(u));
    // A value at its bound: that end is the bound itself.
    let interval = estimate
        .at_bound
        .map_or(interval, |bound| bound.closing(interval))
        .holding(estimate.value);
    estimate.ci95 = Some(interval);
    estimate.second_minimum = profile.second.map(|s| SecondMinimum {
        value: t.to_physical(s.t),
        excess_chi2_per_dof: s.excess,
    });
    estimate.profile = profile
        .points
        .iter()
        .map(|&(u, statistic)| (t.to_physical(u), statistic))
        .collect();
    let (name, unit) = (&estimate.name, &estimate.unit);
    let open = match (interval.lo, interval.hi) {
        (Some(_), Some(_)) => None,
        (Some(lo), None) => Some(format!(
            "{name} ≥ {} {unit}, no upper bound within 10⁶× the fitted value",
            sig(lo)
        )),
        (None, Some(hi)) => Some(format!(
            "{name} ≤ {} {unit}, no lower bound down to 10⁻⁶× the fitted value",
            sig(hi)
        )),
        (None, None) => Some(format!(
            "{name}: no bound within 10⁻⁶ to 10⁶× the fitted value"
        )),
    };
    if let Some(open) = open {
        let sentence = format!("{open} (95 % profile): not fully determined.");
        estimate.determined = false;
        estimate.reason = Some(match estimate.reason.take() {
            Some(r) => format!("{r} {sentence}"),
            None => sentence.clone(),
        });
        notes.push(sentence);
    }
    let at = estimate.at_bound.map(|b| b.side);
    for (end, side, which) in [
        (profile.lo, "lower", BoundSide::Lower),
        (profile.hi, "upper", BoundSide::Upper),
    ] {
        // A value at its bound has its own note ([`super::result`]).
        if at == Some(which) {
            continue;
        }
        if let End::Bound(u) = end {
            notes.push(format!(
                "The 95 % interval of {name} reaches its {side} bound, {} {unit}.",
                sig(t.to_physical(u))
            ));
        }
    }
}

/// `x` with four significant digits, in plain or scientific notation.
pub(crate) fn sig(x: f64) -> String {
    let magnitude = x.abs();
    if magnitude != 0.0 && !(1e-3..1e5).contains(&magnitude) {
        return format!("{x:.3e}");
    }
    let decimals = if magnitude == 0.0 {
        0
    } else {
        (3 - magnitude.log10().floor() as i32).max(0) as usize
    };
    format!("{x:.decimals$}")
}

#[cfg(test)]
mod tests;
