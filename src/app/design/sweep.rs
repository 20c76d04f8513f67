//! A sweep of any design input as a table: the input stepped over a range
//! (log-spaced for a logarithmic input), every other input as it is, and
//! the design's main outputs at each step, written as CSV with
//! `crate::io::csv`.

use crate::io::csv::{number, push_row};
use crate::numerics::grid::{lin_space, log_space};
use crate::physics::capacity::delivered_capacity;
use crate::units::{coulomb_to_mah, s_to_ms};

use super::super::inputs::{In, Scale};
use super::super::state::State;
use super::data::capacity_range;
use super::model::build;

/// Most steps of one sweep.
pub const MAX_STEPS: usize = 2000;

/// The columns after the swept input's.
const COLUMNS: [&str; 11] = [
    "epsilon",
    "sigma_i_at_T_ms_per_cm",
    "tau",
    "sigma_eff_ms_per_cm",
    "q_c_mah_per_cm3",
    "areal_capacity_mah_per_cm2",
    "delivered_mah_per_cm2",
    "delivered_low_mah_per_cm2",
    "delivered_high_mah_per_cm2",
    "utilisation_pct",
    "limit",
];

/// The values of a sweep of `input` from `from` to `to` in `steps` steps:
/// log-spaced for a logarithmic input (both ends then > 0), else linear.
pub fn steps(input: In, from: f64, to: f64, steps: usize) -> Result<Vec<f64>, String> {
    let spec = input.spec();
    if !(2..=MAX_STEPS).contains(&steps) {
        return Err(format!("a sweep has 2 to {MAX_STEPS} steps"));
    }
    for end in [from, to] {
        spec.check(end)?;
    }
    Ok(match spec.scale {
        Scale::Log => log_space(from, to, steps),
        Scale::Linear => lin_space(from, to, steps),
    })
}

/// The CSV of a sweep of `input` over `values` from `state`: a header
/// (the input's key and unit, then [`COLUMNS`] and `note`), then one line
/// per value. A value the state refuses, or a design the core cannot
/// compute, gives a line with empty outputs and the reason in `note`.
pub fn csv(state: &State, input: In, values: &[f64]) -> String {
    let spec = input.spec();
    let unit = spec.unit.replace(['/', '·', ' '], "_");
    let head = if unit.is_empty() {
        spec.key.to_string()
    } else {
        format!("{}_{unit}", spec.key)
    };
    let mut out = String::new();
    push_row(
        &mut out,
        std::iter::once(head.as_str())
            .chain(COLUMNS)
            .chain(["note"]),
    );
    for &value in values {
        let mut s = state.clone();
        let mut fields = vec![number(value)];
        let outputs = s
            .set(input, value)
            .and_then(|()| build(&s).map_err(|e| e.to_string()))
            .and_then(|d| {
                let x =
                    delivered_capacity(&d.cell, d.current_a_per_cm2).map_err(|e| e.to_string())?;
                let range = capacity_range(&s).and_then(Result::ok);
                let ends = range.map_or((f64::NAN, f64::NAN), |(lo, hi)| {
                    (
                        coulomb_to_mah(lo.capacity_c_per_cm2),
                        coulomb_to_mah(hi.capacity_c_per_cm2),
                    )
                });
                Ok([
                    number(d.epsilon),
                    number(s_to_ms(d.sigma_i_s_per_cm)),
                    number(d.tau),
                    number(s_to_ms(d.sigma_eff_s_per_cm)),
                    number(coulomb_to_mah(d.cell.cathode.capacity_c_per_cm3)),
                    number(coulomb_to_mah(
                        d.cell.cathode.full_capacity_c_per_cm2().unwrap_or(f64::NAN),
                    )),
                    number(coulomb_to_mah(x.capacity_c_per_cm2)),
                    number(ends.0),
                    number(ends.1),
                    number(x.utilisation.map_or(f64::NAN, |u| 100.0 * u)),
                    x.limit.name().to_string(),
                ])
            });
        match outputs {
            Ok(values) => {
                fields.extend(values);
                fields.push(String::new());
            }
            Err(why) => {
                fields.extend(COLUMNS.iter().map(|_| String::new()));
                fields.push(why);
            }
        }
        push_row(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests;
