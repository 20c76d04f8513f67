//! Column tables for the scalar fits (`fit-conductivity`, `fit-tortuosity`,
//! `fit-rate`, `fit-discharge`): a header naming each column and its unit, then rows of
//! numbers. Units are converted to the core's (K, S/cm, A/cm², C/cm²) here,
//! at the edge; every bad cell is reported with its file, line and column.
//!
//! A header cell is a quantity name with its unit as a suffix or in
//! brackets: `temperature_c`, `T (K)`, `sigma_ms_per_cm`, `conductivity
//! [S/cm]`, `current_ma_cm2`, `capacity (mAh/cm²)`, `epsilon`, `tau`.
//! Columns of other quantities are ignored. Cells are split and numbers read
//! by the impedance readers' rules (`ionpath::io::split_cells`: commas,
//! semicolons, tabs or spaces, decimal commas); lines starting with `#` are
//! comments.

use std::path::Path;

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
            (Quantity::Temperature, "c" | "degc") => Some((1.0, ionpath::units::ZERO_CELSIUS_K)),
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
            (Quantity::Capacity, "mah/cm2" | "mahcm-2") => scale(ionpath::units::COULOMB_PER_MAH),
            (Quantity::Capacity, "uah/cm2" | "uahcm-2") => {
                scale(ionpath::units::COULOMB_PER_MAH * 1e-3)
            }
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
fn header_cell(cell: &str) -> Option<Result<(Quantity, Conversion), String>> {
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

/// Reads `path` and returns, for each of `wanted`, its column in core units
/// (row order kept). Every failure is one message naming the file, and the
/// line and column where there is one.
pub fn read_columns(path: &Path, wanted: &[Quantity]) -> Result<Vec<Vec<f64>>, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(k, l)| (k + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let (header_line, header) = lines
        .next()
        .ok_or_else(|| format!("{name}: the file holds no header and no data"))?;
    let (header, header_decimal_comma) = ionpath::io::split_cells(header);
    let header: Vec<String> = header.into_iter().map(str::to_string).collect();
    let mut found: Vec<Option<(usize, Conversion)>> = vec![None; wanted.len()];
    for (col, cell) in header.iter().enumerate() {
        let Some(parsed) = header_cell(cell) else {
            continue;
        };
        let (quantity, conversion) = parsed
            .map_err(|why| format!("{name}:{header_line}, column {} ({cell:?}) {why}", col + 1))?;
        if let Some(slot) = wanted.iter().position(|&w| w == quantity) {
            if found[slot].is_some() {
                return Err(format!(
                    "{name}:{header_line}, column {} ({cell:?}): a second {} column; keep one",
                    col + 1,
                    quantity.example()
                ));
            }
            found[slot] = Some((col, conversion));
        }
    }
    let mut columns = Vec::with_capacity(wanted.len());
    for (slot, quantity) in found.iter().zip(wanted) {
        match slot {
            Some(c) => columns.push(*c),
            None if header.iter().all(|c| ionpath::io::parse_cell(c, header_decimal_comma).is_some()) => {
                return Err(format!(
                    "{name}:{header_line}: the first line is numbers; the file needs a header naming each column with its unit, e.g. {}",
                    wanted.iter().map(|q| q.example().split(' ').next().unwrap_or("")).collect::<Vec<_>>().join(",")
                ))
            }
            None => {
                return Err(format!(
                    "{name}:{header_line}: no {} column in the header {:?}",
                    quantity.example(),
                    header.join(",")
                ))
            }
        }
    }
    let mut out: Vec<Vec<f64>> = vec![Vec::new(); wanted.len()];
    for (line_no, line) in lines {
        let (row, decimal_comma) = ionpath::io::split_cells(line);
        for (k, &(col, (scale, offset))) in columns.iter().enumerate() {
            let label = &header[col];
            let cell = row.get(col).ok_or_else(|| {
                format!(
                    "{name}:{line_no}: {} cells, but column {} ({label}) is needed",
                    row.len(),
                    col + 1
                )
            })?;
            let value = ionpath::io::parse_cell(cell, decimal_comma).ok_or_else(|| {
                format!(
                    "{name}:{line_no}, column {} ({label}): {cell:?} is not a number",
                    col + 1
                )
            })?;
            let converted = value * scale + offset;
            if !converted.is_finite() {
                return Err(format!(
                    "{name}:{line_no}, column {} ({label}): {cell:?} is not a finite number",
                    col + 1
                ));
            }
            if let Some(why) = wanted[k].check(converted) {
                return Err(format!(
                    "{name}:{line_no}, column {} ({label}): {cell} {why}",
                    col + 1
                ));
            }
            out[k].push(converted);
        }
    }
    if out.first().is_none_or(|c| c.is_empty()) {
        return Err(format!("{name}: no data rows after the header"));
    }
    Ok(out)
}
