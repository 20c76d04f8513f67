//! The output of the scalar fits (`fit-conductivity`, `fit-tortuosity`,
//! `fit-rate`): per file, the values in display units with standard errors
//! and 95 % intervals, χ² and residuals, as one JSON object per line or one
//! CSV row per file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use ionpath::fit::derived::Estimate;
use ionpath::fit::{at_bound_clause, AtBound, BoundSide, Interval};
use ionpath::io::csv::push_row;
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::cli::CliResult;

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum FormatArg {
    Json,
    Csv,
}

/// One reported parameter, in display units.
pub struct ParamOut {
    pub name: &'static str,
    /// Unit as shown in JSON, and as a suffix of the CSV column name.
    pub unit: &'static str,
    pub unit_slug: &'static str,
    pub value: f64,
    /// Standard error (Jacobian, first order).
    pub stderr: Option<f64>,
    /// 95 % interval; an end None when open.
    pub ci95: Option<Interval>,
    /// Held at its value by a flag, not fitted.
    pub fixed: bool,
    /// The bound of its range the fitted value sits on, in display units.
    pub at_bound: Option<AtBound>,
}

impl ParamOut {
    /// A fitted value from a core estimate (in core units, with its 95 %
    /// interval: Student's t or profile, as the core fit chose), scaled by
    /// `to_display` (> 0).
    pub fn fitted(
        name: &'static str,
        unit: &'static str,
        unit_slug: &'static str,
        estimate: &Estimate,
        to_display: f64,
    ) -> ParamOut {
        ParamOut {
            name,
            unit,
            unit_slug,
            value: estimate.value * to_display,
            stderr: estimate.stderr.map(|s| s * to_display),
            ci95: estimate.ci95.map(|c| c.map(|x| x * to_display, true)),
            fixed: false,
            at_bound: estimate.at_bound.map(|b| AtBound {
                value: b.value * to_display,
                ..b
            }),
        }
    }

    /// The note on a value at its bound, in the words of the impedance fits'
    /// ([`at_bound_clause`]); None for a value inside its range.
    pub fn bound_note(&self) -> Option<String> {
        self.at_bound.map(|bound| {
            format!(
                "{} {}; try another model.",
                self.name,
                at_bound_clause(self.name, self.unit, bound, "the data")
            )
        })
    }

    /// A value held by a flag.
    pub fn held(
        name: &'static str,
        unit: &'static str,
        unit_slug: &'static str,
        value: f64,
    ) -> ParamOut {
        ParamOut {
            name,
            unit,
            unit_slug,
            value,
            stderr: None,
            ci95: None,
            fixed: true,
            at_bound: None,
        }
    }
}

/// One file's fit.
pub struct Report {
    pub file: String,
    pub model: &'static str,
    pub points: usize,
    /// Degrees of freedom: points − fitted parameters.
    pub dof: usize,
    /// Sum of squared residuals of `residual_of`, and per degree of freedom.
    pub chi2: f64,
    pub residual_of: &'static str,
    pub params: Vec<ParamOut>,
    /// Residual per point (measured − fitted), in `residual_of`'s unit.
    pub residuals: Vec<f64>,
    pub notes: Vec<String>,
}

impl Report {
    fn reduced_chi2(&self) -> Option<f64> {
        (self.dof > 0).then(|| self.chi2 / self.dof as f64)
    }
}

/// One parameter's JSON object, fields in this order.
#[derive(Serialize)]
struct ParamJson {
    value: f64,
    stderr: Option<f64>,
    ci95: Option<Interval>,
    unit: &'static str,
    fixed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    at_bound: Option<AtBound>,
}

struct ParamsJson<'a>(&'a [ParamOut]);

impl Serialize for ParamsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for p in self.0 {
            map.serialize_entry(
                p.name,
                &ParamJson {
                    value: p.value,
                    stderr: p.stderr,
                    ci95: p.ci95,
                    unit: p.unit,
                    fixed: p.fixed,
                    at_bound: p.at_bound,
                },
            )?;
        }
        map.end()
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("file", &self.file)?;
        map.serialize_entry("model", self.model)?;
        map.serialize_entry("points", &self.points)?;
        map.serialize_entry("dof", &self.dof)?;
        map.serialize_entry("chi2", &self.chi2)?;
        map.serialize_entry("reduced_chi2", &self.reduced_chi2())?;
        map.serialize_entry("residual_of", self.residual_of)?;
        map.serialize_entry("params", &ParamsJson(&self.params))?;
        map.serialize_entry("residuals", &self.residuals)?;
        map.serialize_entry("notes", &self.notes)?;
        map.end()
    }
}

/// Per parameter (in the order of the first report's), whether any report
/// has it at a bound: those get the CSV columns `*_at_bound_side`, `*_at_bound`.
fn bound_columns(reports: &[Report]) -> Vec<bool> {
    let count = reports.first().map_or(0, |r| r.params.len());
    (0..count)
        .map(|i| {
            reports
                .iter()
                .any(|r| r.params.get(i).is_some_and(|p| p.at_bound.is_some()))
        })
        .collect()
}

fn csv_header(report: &Report, bounds: &[bool]) -> Vec<String> {
    let mut cols: Vec<String> = ["file", "model", "points", "dof", "chi2", "reduced_chi2"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (p, &bound) in report.params.iter().zip(bounds) {
        let base = if p.unit_slug.is_empty() {
            p.name.to_string()
        } else {
            format!("{}_{}", p.name, p.unit_slug)
        };
        cols.extend([
            base.clone(),
            format!("{base}_stderr"),
            format!("{base}_ci95_lo"),
            format!("{base}_ci95_hi"),
        ]);
        if bound {
            cols.extend([format!("{base}_at_bound_side"), format!("{base}_at_bound")]);
        }
    }
    cols
}

fn csv_row(report: &Report, bounds: &[bool]) -> Vec<String> {
    let number = |x: Option<f64>| x.map(ionpath::io::csv::number).unwrap_or_default();
    let mut cells = vec![
        report.file.clone(),
        report.model.to_string(),
        report.points.to_string(),
        report.dof.to_string(),
        number(Some(report.chi2)),
        number(report.reduced_chi2()),
    ];
    for (p, &bound) in report.params.iter().zip(bounds) {
        cells.extend([
            number(Some(p.value)),
            number(p.stderr),
            number(p.ci95.and_then(|c| c.lo)),
            number(p.ci95.and_then(|c| c.hi)),
        ]);
        if bound {
            let side = p.at_bound.map(|b| match b.side {
                BoundSide::Lower => "lower".to_string(),
                BoundSide::Upper => "upper".to_string(),
            });
            cells.extend([
                side.unwrap_or_default(),
                number(p.at_bound.map(|b| b.value)),
            ]);
        }
    }
    cells
}

/// Fits every file with `fit_one` and prints the reports; the first
/// failure ends the run with nothing printed.
pub fn run_files(
    files: &[PathBuf],
    format: FormatArg,
    fit_one: impl Fn(&Path) -> Result<Report, String>,
) -> CliResult {
    let reports = files
        .iter()
        .map(|f| fit_one(f))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = String::new();
    let bounds = bound_columns(&reports);
    if format == FormatArg::Csv {
        if let Some(first) = reports.first() {
            push_row(&mut out, csv_header(first, &bounds));
        }
    }
    for report in &reports {
        match format {
            FormatArg::Json => {
                out.push_str(
                    &serde_json::to_string(report).map_err(|e| format!("{}: {e}", report.file))?,
                );
                out.push('\n');
            }
            FormatArg::Csv => push_row(&mut out, csv_row(report, &bounds)),
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}
