//! A fitted parameter written for people: its value with the digits its
//! error allows, its 95 % profile interval said plainly, its status. Shared
//! by the parameter table ([`super::rows`]) and the batch table
//! (`app::batch`); imports only the core, so neither depends on the other.

use crate::fit::{BoundSide, ParamEstimate};
use crate::precision::{rounded_like, significant};

/// The error that sets a parameter's printed digits: the nearer end of its
/// closed 95 % profile interval over 1.96 (a standard-error equivalent;
/// the farther end for a value at its bound, where the nearer is the
/// bound), else its Jacobian standard error.
fn digits_error(p: &ParamEstimate) -> Option<f64> {
    let from_ci = p.ci95.and_then(|c| match (c.lo, c.hi) {
        (Some(lo), Some(hi)) if p.at_bound.is_some() => {
            Some((p.value - lo).max(hi - p.value) / 1.96)
        }
        (Some(lo), Some(hi)) => Some((p.value - lo).min(hi - p.value) / 1.96),
        _ => None,
    });
    from_ci
        .filter(|e| e.is_finite() && *e > 0.0)
        .or(p.stderr.filter(|e| e.is_finite() && *e > 0.0))
}

/// A parameter's value with as many digits as its error allows; a value
/// at its bound is the bound.
pub fn value_text(p: &ParamEstimate) -> String {
    rounded_like(p.at_bound.map_or(p.value, |b| b.value), digits_error(p))
}

/// A parameter's 95 % profile interval said plainly: "12.1 … 12.6",
/// "≥ 12.1, no upper bound within 10⁶×", an asymmetric one marked so,
/// "at its bound (n ≤ 1), 95 % ≥ 0.97" for a value at a bound of its range
/// (never as an error bar), "held" for a fixed parameter, "not computed"
/// without a profile.
pub fn interval_text(p: &ParamEstimate) -> String {
    if p.fixed {
        return "held (not fitted)".into();
    }
    if let Some(bound) = p.at_bound {
        let at = format!("at its bound ({})", bound.range_text(&p.name, &p.unit));
        let e = digits_error(p);
        let other = p.ci95.map(|c| match bound.side {
            BoundSide::Upper => c.lo.map_or("no lower bound within 10⁶×".into(), |lo| {
                format!("95 % ≥ {}", rounded_like(lo, e))
            }),
            BoundSide::Lower => c.hi.map_or("no upper bound within 10⁶×".into(), |hi| {
                format!("95 % ≤ {}", rounded_like(hi, e))
            }),
        });
        return match other {
            Some(other) => format!("{at}, {other}"),
            None => at,
        };
    }
    // An end a hair on the wrong side of the value (rounding) is the value
    // itself: never "+-".
    let Some(c) = p.ci95.map(|c| c.holding(p.value)) else {
        return "not computed".into();
    };
    let e = digits_error(p);
    let end = |x: f64| rounded_like(x, e);
    let mut text = match (c.lo, c.hi) {
        (Some(lo), Some(hi)) => {
            let (below, above) = (p.value - lo, hi - p.value);
            let ratio = below.max(above) / below.min(above).max(f64::MIN_POSITIVE);
            if ratio > 1.5 {
                format!(
                    "{} … {} (asymmetric: −{} / +{})",
                    end(lo),
                    end(hi),
                    significant(below, 2),
                    significant(above, 2)
                )
            } else {
                format!("{} … {}", end(lo), end(hi))
            }
        }
        (Some(lo), None) => format!("≥ {}, no upper bound within 10⁶×", end(lo)),
        (None, Some(hi)) => format!("≤ {}, no lower bound within 10⁶×", end(hi)),
        (None, None) => "open both ways".into(),
    };
    if let Some(m) = p.second_minimum {
        text.push_str(&format!(
            "; a second minimum at {}",
            significant(m.value, 3)
        ));
    }
    text
}

/// A parameter's status: held, at its bound, determined, or NOT
/// DETERMINED with why.
pub fn status_text(p: &ParamEstimate) -> String {
    if p.fixed {
        "held".into()
    } else if p.at_bound.is_some() {
        match &p.reason {
            Some(why) => format!("AT ITS BOUND: {why}"),
            None => "AT ITS BOUND".into(),
        }
    } else if p.determined {
        "determined".into()
    } else {
        match &p.reason {
            Some(why) => format!("NOT DETERMINED: {why}"),
            None => "NOT DETERMINED".into(),
        }
    }
}

#[cfg(test)]
mod tests;
