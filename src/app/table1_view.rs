//! The review's Table 1 as a browsable table: one text row per
//! [`TABLE1`] entry, its columns as the review prints them, the flags the
//! transcription raised, and the id that [`super::presets::apply`] loads.

use crate::materials::table1::{Table1Row, TABLE1};

use super::format::number;

/// Column headings, in the order of [`Table1Entry::cells`].
pub const COLUMNS: [&str; 8] = [
    "Cell",
    "Composite cathode",
    "Capacity",
    "Temperature",
    "Loading",
    "Thickness",
    "Process",
    "Ref.",
];

/// One row of the table as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table1Entry {
    /// Id for [`super::presets::apply`] (`t1:k`).
    pub id: String,
    /// One string per entry of [`COLUMNS`].
    pub cells: Vec<String>,
    /// What the transcription had to resolve (garbled text).
    pub flags: Vec<String>,
    /// `None` if "Load" works, else why the row cannot be loaded.
    pub not_loadable: Option<String>,
}

/// A (min, max) range as text with a unit; "—" when absent.
fn range(r: Option<(f64, f64)>, unit: &str) -> String {
    match r {
        Some((lo, hi)) if lo == hi => format!("{} {unit}", number(lo)),
        Some((lo, hi)) => format!("{}–{} {unit}", number(lo), number(hi)),
        None => "—".into(),
    }
}

fn entry(k: usize, row: &Table1Row) -> Table1Entry {
    let temperature = row
        .temperature_c
        .map_or_else(|| "RT".to_string(), |t| format!("{} °C", number(t)));
    Table1Entry {
        id: format!("t1:{k}"),
        cells: vec![
            row.cell.to_string(),
            row.composition_text.to_string(),
            row.capacity_text.to_string(),
            temperature,
            range(row.loading_mg_per_cm2, "mg/cm²"),
            range(row.thickness_um, "µm"),
            row.process.to_string(),
            format!("[{}] {}", row.reference, row.citation),
        ],
        flags: row.flags.iter().map(|f| f.to_string()).collect(),
        not_loadable: row.design().err().map(|e| e.to_string()),
    }
}

/// Every row of the review's Table 1, in the review's order.
pub fn entries() -> Vec<Table1Entry> {
    TABLE1
        .iter()
        .enumerate()
        .map(|(k, r)| entry(k, r))
        .collect()
}

#[cfg(test)]
mod tests;
