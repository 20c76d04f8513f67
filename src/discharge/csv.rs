//! Discharge curves as CSV, `current_ma_cm2,time_s,capacity_mah_cm2,voltage_v`
//! with one block of rows per current: what `ionpath discharge` prints and
//! the page exports, and what `ionpath fit-discharge` and the page's
//! measured-curve reader (`crate::io::quantities`) read back. Display units
//! (mA/cm², mAh/cm²) are written here, at the edge.

use super::simulate::CurvePoint;
use crate::io::csv::{number, push_row};
use crate::units::{a_to_ma, coulomb_to_mah};

/// The header line's columns.
pub const COLUMNS: [&str; 4] = ["current_ma_cm2", "time_s", "capacity_mah_cm2", "voltage_v"];

/// The CSV of `curves`, each a current in A/cm² and its points.
pub fn curves_csv<'a>(curves: impl IntoIterator<Item = (f64, &'a [CurvePoint])>) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS);
    for (current, points) in curves {
        let current = number(a_to_ma(current));
        for p in points {
            push_row(
                &mut out,
                [
                    current.clone(),
                    number(p.time_s),
                    number(coulomb_to_mah(p.capacity_c_per_cm2)),
                    number(p.voltage_v),
                ],
            );
        }
    }
    out
}
