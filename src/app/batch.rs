//! The results table of a batch: one row per loaded spectrum with what its
//! fit found (the verdict, R_ion, R_e, R_bulk, the interface, χ², what is
//! not determined, σ_eff and τ from the state's geometry when the verdict
//! allows), as text cells for the page and as CSV with the units in the
//! column names (there with each value's 95 % profile interval too).
//!
//! Values come straight from each spectrum's [`FitResult`] and from
//! [`derived_for`] (Eq. 3, 17), so the table and the single-spectrum view
//! always agree.

use crate::fit::{FitResult, Interval, ParamEstimate};
use crate::precision::plus_minus;
use crate::units::s_to_ms;

use super::format::{exact, number};
use super::impedance::estimates::{interval_text, value_text};
use super::impedance::model::{derived_for, Loaded};
use super::state::State;
use crate::io::csv::push_row;

/// One spectrum's line of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    /// Index into the loaded spectra (what a click selects).
    pub loaded: usize,
    /// Text cells for the page, in the order of [`BatchTable::header`].
    pub cells: Vec<String>,
    /// CSV fields, in the order of [`CSV_COLUMNS`].
    pub csv: Vec<String>,
}

/// The table of every loaded spectrum.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchTable {
    pub header: Vec<String>,
    pub rows: Vec<BatchRow>,
    /// Index into the loaded spectra of the one shown in the plots.
    pub selected: usize,
}

/// Column names of the CSV export (units in the names; empty field: no
/// value). Each parameter and σ_eff, τ have their value, Jacobian standard
/// error and 95 % profile interval (an open end is an empty field).
pub const CSV_COLUMNS: [&str; 41] = [
    "file",
    "spectrum",
    "label",
    "model",
    "verdict",
    "r_ion_ohm",
    "r_ion_stderr_ohm",
    "r_ion_ci95_lo_ohm",
    "r_ion_ci95_hi_ohm",
    "r_e_ohm",
    "r_e_stderr_ohm",
    "r_e_ci95_lo_ohm",
    "r_e_ci95_hi_ohm",
    "r_bulk_ohm",
    "r_bulk_stderr_ohm",
    "r_bulk_ci95_lo_ohm",
    "r_bulk_ci95_hi_ohm",
    "c_dl_f",
    "c_dl_stderr_f",
    "c_dl_ci95_lo_f",
    "c_dl_ci95_hi_f",
    "q_f_s_n_minus_1",
    "q_stderr_f_s_n_minus_1",
    "q_ci95_lo_f_s_n_minus_1",
    "q_ci95_hi_f_s_n_minus_1",
    "n",
    "n_stderr",
    "n_ci95_lo",
    "n_ci95_hi",
    "chi2",
    "reduced_chi2",
    "sigma_eff_s_per_cm",
    "sigma_eff_stderr_s_per_cm",
    "sigma_eff_ci95_lo_s_per_cm",
    "sigma_eff_ci95_hi_s_per_cm",
    "tau",
    "tau_stderr",
    "tau_ci95_lo",
    "tau_ci95_hi",
    "undetermined",
    "status",
];

/// Page columns.
const HEADER: [&str; 12] = [
    "file",
    "#",
    "model",
    "verdict",
    "R_ion / Ω",
    "R_e / Ω",
    "R_bulk / Ω",
    "C_dl / F or Q, n",
    "χ² / reduced χ²",
    "determined",
    "σ_eff / (mS/cm)",
    "τ",
];

/// The table for `loaded` under `state` (`selected` is marked).
///
/// The ionic rail is the one [`derived_for`] takes (so with interchangeable
/// rails the user's choice decides which fitted rail is R_ion).
pub fn batch_table(state: &State, loaded: &[Loaded], selected: usize) -> BatchTable {
    let rows = loaded
        .iter()
        .enumerate()
        .map(|(k, item)| row(state, k, item))
        .collect();
    BatchTable {
        header: HEADER.map(String::from).to_vec(),
        rows,
        selected,
    }
}

impl BatchTable {
    /// The table as CSV (header line, one line per spectrum, `\n` endings).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_row(&mut out, CSV_COLUMNS);
        for row in &self.rows {
            push_row(&mut out, &row.csv);
        }
        out
    }
}

fn row(state: &State, k: usize, item: &Loaded) -> BatchRow {
    let mut cells = vec![item.file.clone(), item.index.to_string()];
    let mut csv = vec![
        item.file.clone(),
        item.index.to_string(),
        item.spectrum.label.clone(),
    ];
    let report = match &item.outcome {
        Some(Ok(o)) => {
            let model = o.report.model.clone();
            let verdict = o.report.judgement.verdict;
            cells.extend([model.clone(), verdict.text().to_string()]);
            csv.extend([model, verdict.key().to_string()]);
            &o.report
        }
        other => {
            let status = match other {
                Some(Err(why)) => format!("fit failed: {why}"),
                _ => "not fitted yet".to_string(),
            };
            cells.push(status.clone());
            cells.resize(HEADER.len(), String::new());
            csv.resize(CSV_COLUMNS.len() - 1, String::new());
            csv.push(status);
            return BatchRow {
                loaded: k,
                cells,
                csv,
            };
        }
    };
    let fit = &report.fit;
    let (ionic, derived) = derived_for(state, report);
    let electronic = if ionic == "r_ion" { "r_e" } else { "r_ion" };
    let names = [ionic, electronic, "r_bulk", "c_dl", "q", "n"];
    let params = names.map(|name| fit.param(name));
    // Numbers in CSV_COLUMNS order, from r_ion_ohm to tau_ci95_hi.
    let group = |value: Option<f64>, stderr: Option<f64>, ci95: Option<Interval>| {
        [
            value,
            stderr,
            ci95.and_then(|c| c.lo),
            ci95.and_then(|c| c.hi),
        ]
    };
    let mut numbers: Vec<Option<f64>> = params
        .iter()
        .flat_map(|p| {
            group(
                p.map(|p| p.value),
                p.and_then(|p| p.stderr),
                p.and_then(|p| p.ci95),
            )
        })
        .collect();
    numbers.extend([Some(fit.chi2), Some(fit.reduced_chi2)]);
    let (derived_cells, status) = match &derived {
        Ok(d) => {
            let (s, t) = (d.sigma_eff_s_per_cm, d.tortuosity);
            numbers.extend(group(Some(s.value), s.stderr, s.ci95));
            numbers.extend(group(Some(t.value), t.stderr, t.ci95));
            (
                [
                    estimate(s_to_ms(s.value), s.stderr.map(s_to_ms)),
                    estimate(t.value, t.stderr),
                ],
                String::new(),
            )
        }
        Err(why) => {
            numbers.extend([None; 8]);
            (["—".into(), "—".into()], why.clone())
        }
    };
    csv.extend(numbers.into_iter().map(|x| x.map_or(String::new(), exact)));
    let undetermined = undetermined_names(fit, ionic);
    csv.push(undetermined.join(" "));
    csv.push(status);
    cells.extend(params[..3].iter().map(|p| cell(*p)));
    cells.push(match params {
        [_, _, _, Some(c), _, _] => cell(Some(c)),
        [_, _, _, None, Some(q), Some(n)] => {
            format!("Q = {}, n = {}", cell(Some(q)), cell(Some(n)))
        }
        _ => "—".into(),
    });
    cells.push(format!(
        "{} / {}",
        number(fit.chi2),
        number(fit.reduced_chi2)
    ));
    cells.push(if undetermined.is_empty() {
        "all".into()
    } else {
        format!("not determined: {}", undetermined.join(", "))
    });
    cells.extend(derived_cells);
    BatchRow {
        loaded: k,
        cells,
        csv,
    }
}

/// Names of the free parameters the fit could not determine, with the
/// ionic rail called `r_ion` whichever fitted rail it is.
fn undetermined_names(fit: &FitResult, ionic: &str) -> Vec<String> {
    fit.params
        .iter()
        .filter(|p| !p.fixed && !p.determined)
        .map(|p| {
            let name = match (ionic, p.name.as_str()) {
                ("r_e", "r_e") => "r_ion",
                ("r_e", "r_ion") => "r_e",
                (_, name) => name,
            };
            match p.at_bound {
                Some(_) => format!("{name} (at its bound)"),
                None => name.to_string(),
            }
        })
        .collect()
}

/// A parameter as "value [95 % interval]" with the digits its error
/// allows, "value (held)" or "value (not determined: interval)".
fn cell(p: Option<&ParamEstimate>) -> String {
    let Some(p) = p else { return "—".into() };
    if p.fixed {
        format!("{} (held)", value_text(p))
    } else if p.at_bound.is_some() {
        format!("{} ({})", value_text(p), interval_text(p))
    } else if !p.determined {
        format!("{} (not determined: {})", value_text(p), interval_text(p))
    } else {
        format!("{} [{}]", value_text(p), interval_text(p))
    }
}

/// "value ± error" with two significant digits of the error ([`plus_minus`]).
fn estimate(value: f64, stderr: Option<f64>) -> String {
    match stderr {
        Some(se) if se.is_finite() && se > 0.0 => plus_minus(value, Some(se), ""),
        _ => number(value),
    }
}

#[cfg(test)]
mod tests;
