//! The impedance workspace's rows and tables: the fitted parameters, σ_eff,
//! τ and α derived from R_ion, formatted for people.

use crate::error::Error;
use crate::fit::derived::Derived;
use crate::fit::FitResult;
use crate::precision::{plus_minus, significant};

use super::estimates::{interval_text, status_text, value_text};
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
