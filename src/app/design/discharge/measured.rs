//! Measured discharge curves loaded into the page (a file picked or
//! dropped, or pasted text): a table read by `crate::io::quantities` with
//! the columns `ionpath fit-discharge` reads — capacity and voltage, and a
//! current column whose rows of equal current form one curve. Without a
//! current column the file is one curve at the design current, and says so.

use crate::error::{Error, Result};
use crate::fit::discharge::MeasuredCurve;
use crate::io::quantities::{read_columns_with, Quantity};

/// Most curves one file may hold.
pub const MAX_CURVES: usize = 20;
/// Most files kept at once.
pub const MAX_FILES: usize = 10;

/// The curves of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredFile {
    pub name: String,
    pub curves: Vec<MeasuredCurve>,
    /// The file had no current column: its curve is at the design current
    /// of when it was loaded.
    pub current_assumed: bool,
}

/// Reads measured curves from `text` (file `name`); a table without a
/// current column is one curve at `design_a_per_cm2`. Errors name the file
/// and, where there is one, the line.
pub fn read_measured(text: &str, name: &str, design_a_per_cm2: f64) -> Result<MeasuredFile> {
    let columns = read_columns_with(
        text,
        name,
        &[Quantity::Capacity, Quantity::Voltage],
        &[Quantity::Current],
    )?;
    let error = |message: String| Error::Read {
        source: name.to_string(),
        line: None,
        message,
    };
    let [Some(capacity), Some(voltage), current] = <[Option<Vec<f64>>; 3]>::try_from(columns)
        .map_err(|_| error("the reader returned the wrong number of columns".into()))?
    else {
        return Err(error("no capacity or voltage column".into()));
    };
    let current_assumed = current.is_none();
    let currents = current.unwrap_or_else(|| vec![design_a_per_cm2; capacity.len()]);
    let mut curves: Vec<MeasuredCurve> = Vec::new();
    for ((&i, &q), &v) in currents.iter().zip(&capacity).zip(&voltage) {
        let k = match curves.iter().position(|c| c.current_a_per_cm2 == i) {
            Some(k) => k,
            None => {
                if curves.len() == MAX_CURVES {
                    return Err(error(format!(
                        "more than {MAX_CURVES} different currents: rows of equal current form one curve, so the current column must repeat its values"
                    )));
                }
                curves.push(MeasuredCurve {
                    current_a_per_cm2: i,
                    capacity_c_per_cm2: Vec::new(),
                    voltage_v: Vec::new(),
                });
                curves.len() - 1
            }
        };
        curves[k].capacity_c_per_cm2.push(q);
        curves[k].voltage_v.push(v);
    }
    if let Some(c) = curves.iter().find(|c| c.voltage_v.len() < 2) {
        return Err(error(format!(
            "the curve at {} mA/cm² has one point; a curve needs two or more",
            crate::app::format::number(crate::units::a_to_ma(c.current_a_per_cm2))
        )));
    }
    Ok(MeasuredFile {
        name: name.to_string(),
        curves,
        current_assumed,
    })
}
