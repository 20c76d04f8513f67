//! The impedance workspace's rows and tables: the fitted parameters, σ_eff,
//! τ and α derived from R_ion, formatted for people.

use crate::error::Error;
use crate::fit::derived::Derived;
use crate::fit::{FitResult, ParamEstimate};
use crate::precision::{plus_minus, rounded_like, significant};
use crate::units::s_to_ms;

use super::super::format::with_unit;
use super::super::view::{Row, Table};

/// "value ± error unit" with two significant digits of the error ([`plus_minus`]).
fn estimate_text(value: f64, stderr: Option<f64>, unit: &str) -> String {
    match stderr {
        Some(se) if se.is_finite() && se > 0.0 => plus_minus(value, Some(se), unit),
        _ => with_unit(value, unit),
    }
}

/// The error that sets a parameter's printed digits: the nearer end of its
/// closed 95 % profile interval over 1.96 (a standard-error equivalent),
/// else its Jacobian standard error.
fn digits_error(p: &ParamEstimate) -> Option<f64> {
    let from_ci = p.ci95.and_then(|c| match (c.lo, c.hi) {
        (Some(lo), Some(hi)) => Some((p.value - lo).min(hi - p.value) / 1.96),
        _ => None,
    });
    from_ci
        .filter(|e| e.is_finite() && *e > 0.0)
        .or(p.stderr.filter(|e| e.is_finite() && *e > 0.0))
}

/// A parameter's value with as many digits as its error allows.
pub fn value_text(p: &ParamEstimate) -> String {
    rounded_like(p.value, digits_error(p))
}

/// A parameter's 95 % profile interval said plainly: "12.1 … 12.6",
/// "≥ 12.1, no upper bound within 10⁶×", an asymmetric one marked so,
/// "held" for a fixed parameter, "not computed" without a profile.
pub fn interval_text(p: &ParamEstimate) -> String {
    if p.fixed {
        return "held (not fitted)".into();
    }
    let Some(c) = p.ci95 else {
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

/// A parameter's status: held, determined, or NOT DETERMINED with why.
pub fn status_text(p: &ParamEstimate) -> String {
    if p.fixed {
        "held".into()
    } else if p.determined {
        "determined".into()
    } else {
        match &p.reason {
            Some(why) => format!("NOT DETERMINED: {why}"),
            None => "NOT DETERMINED".into(),
        }
    }
}

/// The fitted parameters as a table: the value with the digits its error
/// allows, the 95 % profile-likelihood interval, the Jacobian standard
/// error (labelled as such) and whether the spectrum determines it.
pub fn parameter_table(fit: &FitResult) -> Table {
    let header = [
        "parameter",
        "value",
        "95 % interval (profile likelihood)",
        "Jacobian standard error",
        "status",
    ]
    .map(String::from)
    .to_vec();
    let rows = fit
        .params
        .iter()
        .map(|p| {
            vec![
                format!("{} ({})", p.name, p.unit),
                value_text(p),
                interval_text(p),
                p.stderr
                    .map_or("—".into(), |se| format!("± {}", significant(se, 2))),
                status_text(p),
            ]
        })
        .collect();
    Table { header, rows }
}

/// Rows for derived σ_eff, τ and α.
pub fn derived_rows(
    derived: &std::result::Result<Derived, String>,
    rows: &mut Vec<Row>,
) -> Option<f64> {
    match derived {
        Ok(d) => {
            let sigma = d.sigma_eff_s_per_cm;
            rows.push(Row::new(
                "zsigeff",
                "σ_eff = L/(R_ion·A)",
                estimate_text(s_to_ms(sigma.value), sigma.stderr.map(s_to_ms), "mS/cm"),
                Some("Eq. 3"),
            ));
            rows.push(Row::new(
                "ztau",
                "τ = ε·σ_i/σ_eff",
                estimate_text(d.tortuosity.value, d.tortuosity.stderr, ""),
                Some("Eq. 17"),
            ));
            if let Some(a) = d.bruggeman_alpha {
                rows.push(Row::new(
                    "zalpha",
                    "Bruggeman α (τ = ε^−α)",
                    estimate_text(a.value, a.stderr, ""),
                    Some("Eq. 18"),
                ));
            }
            Some(d.tortuosity.value)
        }
        Err(why) => {
            let e = Error::Numerical(why.clone());
            rows.push(Row::from_result(
                "ztau",
                "τ = ε·σ_i/σ_eff",
                Err(e),
                Some("Eq. 17"),
            ));
            None
        }
    }
}
