//! Column tables of scalar quantities — the CLI's scalar fits
//! (`fit-conductivity`, `fit-tortuosity`, `fit-rate`, `fit-discharge`) and
//! the page's measured discharge curves: a header naming each column and its
//! unit, then rows of numbers. Units are converted to the core's (K, S/cm,
//! A/cm², C/cm², V) as the table is read; every bad cell is an
//! [`Error::Read`] naming the file, the line and the column.
//!
//! A header cell is a quantity name with its unit as a suffix or in
//! brackets: `temperature_c`, `T (K)`, `sigma_ms_per_cm`, `conductivity
//! [S/cm]`, `current_ma_cm2`, `capacity (mAh/cm²)`, `epsilon`, `tau`.
//! Columns of other quantities are ignored. Cells are split and numbers read
//! by the impedance readers' rules ([`super::split_cells`]: commas,
//! semicolons, tabs or spaces, decimal commas); lines starting with `#` are
//! comments.

use crate::error::{Error, Result};
use crate::units::{COULOMB_PER_MAH, ZERO_CELSIUS_K};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Temperature, read in K or °C, returned in K.
    Temperature,
    /// Conductivity, read in S/cm, mS/cm, µS/cm or S/m, returned in S/cm.
    Conductivity,
    /// SE volume fraction ε, read as a fraction or in %, returned as a fraction.
    Epsilon,
    /// Tortuosity factor τ (dimensionless).
    Tortuosity,
    /// Current density, read in mA/cm², A/cm² or µA/cm², returned in A/cm².
    Current,
    /// Areal capacity, read in mAh/cm², µAh/cm² or C/cm², returned in C/cm² (≥ 0).
    Capacity,
    /// Cell voltage, read in V or mV, returned in V.
    Voltage,
}

impl Quantity {
    /// Names a header may use, longest first where one is a prefix of another.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Quantity::Temperature => &["temperature", "temp", "t"],
            Quantity::Conductivity => &["conductivity", "sigma", "σ"],
            Quantity::Epsilon => &["epsilon", "eps", "ε"],
            Quantity::Tortuosity => &["tortuosity", "tau", "τ"],
            Quantity::Current => &["current_density", "current", "i"],
            Quantity::Capacity => &["capacity", "q"],
            Quantity::Voltage => &["voltage", "potential"],
        }
    }

    /// Example header cell, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Quantity::Temperature => "temperature_c or temperature_k",
            Quantity::Conductivity => "sigma_s_per_cm or sigma_ms_per_cm",
            Quantity::Epsilon => "epsilon",
            Quantity::Tortuosity => "tau",
            Quantity::Current => "current_ma_cm2",
            Quantity::Capacity => "capacity_mah_cm2",
            Quantity::Voltage => "voltage_v",
        }
    }

    /// (scale, offset) from the unit written (normalised) to the core's unit.
    fn unit(self, unit: &str) -> Option<Conversion> {
        let scale = |s: f64| Some((s, 0.0));
        match (self, unit) {
            (Quantity::Temperature, "k") => scale(1.0),
            (Quantity::Temperature, "c" | "degc") => Some((1.0, ZERO_CELSIUS_K)),
            (Quantity::Conductivity, "s/cm" | "scm-1") => scale(1.0),
            (Quantity::Conductivity, "ms/cm" | "mscm-1") => scale(1e-3),
            (Quantity::Conductivity, "us/cm" | "uscm-1") => scale(1e-6),
            (Quantity::Conductivity, "s/m" | "sm-1") => scale(1e-2),
            (Quantity::Epsilon, "" | "1" | "-" | "fraction") => scale(1.0),
            (Quantity::Epsilon, "%" | "percent" | "pct") => scale(1e-2),
            (Quantity::Tortuosity, "" | "1" | "-") => scale(1.0),
            (Quantity::Current, "ma/cm2" | "macm-2") => scale(1e-3),
            (Quantity::Current, "a/cm2" | "acm-2") => scale(1.0),
            (Quantity::Current, "ua/cm2" | "uacm-2") => scale(1e-6),
            (Quantity::Capacity, "mah/cm2" | "mahcm-2") => scale(COULOMB_PER_MAH),
            (Quantity::Capacity, "uah/cm2" | "uahcm-2") => scale(COULOMB_PER_MAH * 1e-3),
            (Quantity::Capacity, "c/cm2" | "ccm-2") => scale(1.0),
            (Quantity::Voltage, "v") => scale(1.0),
            (Quantity::Voltage, "mv") => scale(1e-3),
            _ => None,
        }
    }

    /// Why a converted value is out of range, if it is.
    fn check(self, value: f64) -> Option<&'static str> {
        match self {
            Quantity::Temperature if value <= 0.0 => Some("is at or below absolute zero"),
            Quantity::Epsilon if !(value > 0.0 && value < 1.0) => {
                Some("is not a volume fraction strictly between 0 and 1")
            }
            Quantity::Capacity if value < 0.0 => Some("must be >= 0"),
            Quantity::Temperature | Quantity::Epsilon | Quantity::Capacity | Quantity::Voltage => {
                None
            }
            _ if value <= 0.0 => Some("must be > 0"),
            _ => None,
        }
    }
}

/// Normalises a unit as written: lower case, no spaces, `²`→2, `µ`→u, `_per_`→`/`.
fn normalise_unit(unit: &str) -> String {
    unit.trim()
        .trim_matches(|c| c == '(' || c == ')' || c == '[' || c == ']')
        .to_lowercase()
        .replace(['µ', 'μ'], "u")
        .replace('²', "2")
        .replace("⁻¹", "-1")
        .replace("⁻²", "-2")
        .replace(['°', ' ', '·', '⋅'], "")
        .replace("_per_", "/")
        .replace('_', "/")
}

/// (scale, offset) from a unit as written to the core's unit.
type Conversion = (f64, f64);

/// Reads a header cell as its quantity and unit conversion; Err when the
/// name is known but the unit is not; None for other columns.
fn header_cell(cell: &str) -> Option<std::result::Result<(Quantity, Conversion), String>> {
    let cell = cell.trim().trim_matches('"').trim().to_lowercase();
    for quantity in [
        Quantity::Temperature,
        Quantity::Conductivity,
        Quantity::Epsilon,
        Quantity::Tortuosity,
        Quantity::Current,
        Quantity::Capacity,
        Quantity::Voltage,
    ] {
        for alias in quantity.aliases() {
            let Some(rest) = cell.strip_prefix(alias) else {
                continue;
            };
            if !(rest.is_empty() || rest.starts_with(['_', ' ', '(', '[', '/'])) {
                continue;
            }
            let written = rest.trim_start_matches(['_', ' ', '/']).trim();
            let unit = normalise_unit(written);
            return Some(match quantity.unit(&unit) {
                Some(conversion) => Ok((quantity, conversion)),
                None if unit.is_empty() => {
                    Err(format!("has no unit: name it like {}", quantity.example()))
                }
                None => Err(format!(
                    "has a unit {written:?} this reader does not know (e.g. {})",
                    quantity.example()
                )),
            });
        }
    }
    None
}

/// Reads the table `text` (from `source`, named in errors) and returns, for
/// each of `wanted`, its column in core units (row order kept).
pub fn read_columns(text: &str, source: &str, wanted: &[Quantity]) -> Result<Vec<Vec<f64>>> {
    let columns = read_columns_with(text, source, wanted, &[])?;
    Ok(columns.into_iter().flatten().collect())
}

/// As [`read_columns`], with `optional` quantities after the wanted ones:
/// one entry per quantity of `wanted` then of `optional`, `None` for an
/// optional column the header does not have. Every failure is an
/// [`Error::Read`] naming `source`, and the line and column where there is one.
pub fn read_columns_with(
    text: &str,
    source: &str,
    wanted: &[Quantity],
    optional: &[Quantity],
) -> Result<Vec<Option<Vec<f64>>>> {
    let error = |line: Option<usize>, message: String| Error::Read {
        source: source.to_string(),
        line,
        message,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(k, l)| (k + 1, l.trim().trim_start_matches('\u{feff}')))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let (header_line, header) = lines
        .next()
        .ok_or_else(|| error(None, "the file holds no header and no data".into()))?;
    let (header, header_decimal_comma) = super::split_cells(header);
    let header: Vec<String> = header.into_iter().map(str::to_string).collect();
    let all: Vec<Quantity> = wanted.iter().chain(optional).copied().collect();
    let mut found: Vec<Option<(usize, Conversion)>> = vec![None; all.len()];
    for (col, cell) in header.iter().enumerate() {
        let Some(parsed) = header_cell(cell) else {
            continue;
        };
        let (quantity, conversion) = parsed.map_err(|why| {
            error(
                Some(header_line),
                format!("column {} ({cell:?}) {why}", col + 1),
            )
        })?;
        if let Some(slot) = all.iter().position(|&w| w == quantity) {
            if found[slot].is_some() {
                return Err(error(
                    Some(header_line),
                    format!(
                        "column {} ({cell:?}): a second {} column; keep one",
                        col + 1,
                        quantity.example()
                    ),
                ));
            }
            found[slot] = Some((col, conversion));
        }
    }
    for (slot, quantity) in found.iter().zip(wanted) {
        if slot.is_some() {
            continue;
        }
        let numbers = header
            .iter()
            .all(|c| super::parse_cell(c, header_decimal_comma).is_some());
        let message = if numbers {
            let names: Vec<&str> = wanted
                .iter()
                .map(|q| q.example().split(' ').next().unwrap_or(""))
                .collect();
            format!(
                "the first line is numbers; the file needs a header naming each column with its unit, e.g. {}",
                names.join(",")
            )
        } else {
            format!(
                "no {} column in the header {:?}",
                quantity.example(),
                header.join(",")
            )
        };
        return Err(error(Some(header_line), message));
    }
    let mut out: Vec<Option<Vec<f64>>> = found.iter().map(|f| f.map(|_| Vec::new())).collect();
    for (line_no, line) in lines {
        let (row, decimal_comma) = super::split_cells(line);
        for (k, slot) in found.iter().enumerate() {
            let Some((col, (scale, offset))) = *slot else {
                continue;
            };
            let label = &header[col];
            let at = |message: String| error(Some(line_no), message);
            let cell = row.get(col).ok_or_else(|| {
                at(format!(
                    "{} cells, but column {} ({label}) is needed",
                    row.len(),
                    col + 1
                ))
            })?;
            let value = super::parse_cell(cell, decimal_comma).ok_or_else(|| {
                at(format!(
                    "column {} ({label}): {cell:?} is not a number",
                    col + 1
                ))
            })?;
            let converted = value * scale + offset;
            if !converted.is_finite() {
                return Err(at(format!(
                    "column {} ({label}): {cell:?} is not a finite number",
                    col + 1
                )));
            }
            if let Some(why) = all[k].check(converted) {
                return Err(at(format!("column {} ({label}): {cell} {why}", col + 1)));
            }
            if let Some(column) = out[k].as_mut() {
                column.push(converted);
            }
        }
    }
    if out
        .first()
        .is_none_or(|c| c.as_ref().is_none_or(Vec::is_empty))
    {
        return Err(error(None, "no data rows after the header".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
