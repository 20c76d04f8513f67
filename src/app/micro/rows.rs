//! The microstructure workspace's rows and results table, formatted for
//! people: the volume, its fractions, the utilisation and reaction area,
//! τ per phase and axis ("none, does not percolate" rather than a huge
//! number), and the same table as CSV.

use crate::io::csv::{number as csv_number, push_row};

use super::super::format::{number, with_unit};
use super::super::view::Row;
use super::model::{PhaseRow, VolumeMeta};
use super::session::Session;

/// The results table: one row per phase and axis, in the order solved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultsTable {
    pub header: Vec<String>,
    pub rows: Vec<ResultRow>,
}

/// One row of the results table.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub cells: Vec<String>,
    /// The τ and ε the design workspace can take from this row.
    pub use_tau: Option<(f64, f64)>,
}

/// The column headings.
pub const HEADER: [&str; 8] = [
    "phase",
    "axis",
    "τ",
    "ε",
    "σ_eff/σ",
    "share percolating",
    "iterations",
    "final residual",
];

/// The τ cell of a row: the number, or why there is none.
pub fn tau_text(row: &PhaseRow) -> String {
    match row.tau {
        Some(tau) => number(tau),
        None if row.volume_fraction == 0.0 => "none, no voxel of it".into(),
        None => "none, does not percolate".into(),
    }
}

/// The rows that have arrived, in the order the phases are solved.
fn ordered<'a>(meta: &VolumeMeta, rows: &'a [PhaseRow]) -> Vec<&'a PhaseRow> {
    let order = meta.solve_order();
    let mut out: Vec<&PhaseRow> = rows.iter().collect();
    out.sort_by_key(|r| (order.iter().position(|&l| l == r.label), r.axis));
    out
}

/// The results table of the session (None before a volume).
pub fn results_table(session: &Session) -> Option<ResultsTable> {
    let (meta, _) = session.volume.as_ref()?;
    let rows = ordered(meta, &session.rows)
        .into_iter()
        .map(|r| {
            let solved = r.tau.is_some();
            let cells = vec![
                meta.phase_name(r.label),
                r.axis_name().to_string(),
                tau_text(r),
                number(r.volume_fraction),
                if solved {
                    number(r.relative_conductivity)
                } else {
                    "0".into()
                },
                format!("{} %", number(100.0 * r.percolating_fraction)),
                if solved {
                    r.iterations.to_string()
                } else {
                    "—".into()
                },
                if solved {
                    super::super::format::sig(r.residual, 2)
                } else {
                    "—".into()
                },
            ];
            ResultRow {
                cells,
                use_tau: r.tau.map(|t| (t, r.volume_fraction)),
            }
        })
        .collect();
    Some(ResultsTable {
        header: HEADER.map(String::from).to_vec(),
        rows,
    })
}

/// The results as CSV: one record per phase and axis, numbers exact, τ
/// empty when the phase does not percolate (with the reason).
pub fn results_csv(session: &Session) -> String {
    let mut out = String::new();
    push_row(
        &mut out,
        [
            "volume",
            "label",
            "phase",
            "axis",
            "tau",
            "volume_fraction",
            "relative_conductivity",
            "percolating_fraction",
            "iterations",
            "residual",
            "reason",
        ],
    );
    let Some((meta, _)) = session.volume.as_ref() else {
        return out;
    };
    for r in ordered(meta, &session.rows) {
        push_row(
            &mut out,
            [
                meta.name.clone(),
                r.label.to_string(),
                meta.phase_name(r.label),
                r.axis_name().to_string(),
                r.tau.map_or(String::new(), csv_number),
                csv_number(r.volume_fraction),
                csv_number(r.relative_conductivity),
                csv_number(r.percolating_fraction),
                r.iterations.to_string(),
                csv_number(r.residual),
                r.reason.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

/// The output rows: the volume, its fractions, τ of the SE along x, the
/// utilisation and the reaction area.
pub fn rows(session: &Session) -> Vec<Row> {
    let Some((meta, _)) = session.volume.as_ref() else {
        return Vec::new();
    };
    let [nx, ny, nz] = meta.shape;
    let mut rows = vec![
        Row::new(
            "mvol",
            "Volume",
            format!(
                "{nx}×{ny}×{nz} voxels of {}, {}",
                with_unit(meta.voxel_um, "µm"),
                meta.name
            ),
            None,
        ),
        Row::new(
            "mfrac",
            "Volume fractions",
            meta.present
                .iter()
                .map(|&(l, _)| {
                    format!(
                        "{} {} %",
                        meta.phase_name(l),
                        number(100.0 * meta.fraction(l))
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            None,
        ),
    ];
    if let Some(&first) = meta.solve_order().first() {
        if let Some(r) = session.row(first, 0) {
            rows.push(Row {
                id: "mtau",
                label: format!("τ of the {} along x", meta.phase_name(first)),
                value: tau_text(r),
                eq: Some("Eq. 17"),
                why: r.reason.clone(),
            });
        }
    }
    if let Some(m) = &session.metrics {
        if let Some([both, electronic, ionic]) = m.utilisation {
            rows.push(Row::new(
                "mutil",
                "Active material usable (Bielefeld et al. 2019)",
                format!(
                    "{} % (wired to the collector {} %, reached by SE from the separator {} %)",
                    number(100.0 * both),
                    number(100.0 * electronic),
                    number(100.0 * ionic)
                ),
                None,
            ));
        }
        if let Some(area) = m.am_se_per_cm {
            rows.push(Row::new(
                "marea",
                "AM|SE interface per volume (voxel faces)",
                with_unit(area * 1e-4, "µm²/µm³"),
                None,
            ));
        }
    }
    rows
}

#[cfg(test)]
mod tests;
