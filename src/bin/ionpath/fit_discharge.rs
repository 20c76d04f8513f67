//! `ionpath fit-discharge`: σ_i,eff (and τ), D_s and i0,ref of a cathode
//! fitted to measured discharge curves at several currents, with 95 %
//! profile-likelihood intervals.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use ionpath::fit::discharge::{fit_discharge, DischargeFitOptions, DischargeParam, MeasuredCurve};
use serde::Serialize;

use crate::cli::CliResult;
use crate::discharge::DesignArgs;
use crate::fit_report::FormatArg;
use crate::table::{read_columns, Quantity};

#[derive(Args)]
pub struct FitDischargeArgs {
    /// Tables with a header: current_ma_cm2, capacity_mah_cm2, voltage_v (other
    /// columns, like time_s, are ignored); rows of equal current form one curve.
    /// `ionpath discharge` output reads back as is.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    design: DesignArgs,
    /// Parameters to fit, comma-separated: sigma-eff, diffusivity, i0 (the
    /// design flags give their starting values; the others are held)
    #[arg(
        long = "fit",
        value_name = "LIST",
        default_value = "sigma-eff,diffusivity,i0"
    )]
    fit: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
}

#[derive(Serialize)]
struct Row {
    parameter: &'static str,
    value: f64,
    lower_95: Option<f64>,
    upper_95: Option<f64>,
    unit: &'static str,
}

/// Display unit and scale from the core's unit.
fn display(p: DischargeParam) -> (&'static str, f64) {
    match p {
        DischargeParam::SigmaEff => ("mS/cm", 1e3),
        DischargeParam::Diffusivity => ("cm2/s", 1.0),
        DischargeParam::ExchangeCurrent => ("mA/cm2", 1e3),
    }
}

pub fn run(args: FitDischargeArgs) -> CliResult {
    let (cell, solver) = args.design.cell()?;
    let mut free = Vec::new();
    for name in args.fit.split(',').map(str::trim) {
        let p = DischargeParam::from_name(name).ok_or_else(|| {
            format!("--fit: '{name}' is not a parameter (sigma-eff, diffusivity, i0)")
        })?;
        if !free.contains(&p) {
            free.push(p);
        }
    }
    // One curve per current, in ascending current.
    let mut curves: BTreeMap<u64, MeasuredCurve> = BTreeMap::new();
    for path in &args.files {
        let columns = read_columns(
            path,
            &[Quantity::Current, Quantity::Capacity, Quantity::Voltage],
        )?;
        for ((&i, &q), &v) in columns[0].iter().zip(&columns[1]).zip(&columns[2]) {
            let curve = curves.entry(i.to_bits()).or_insert_with(|| MeasuredCurve {
                current_a_per_cm2: i,
                capacity_c_per_cm2: Vec::new(),
                voltage_v: Vec::new(),
            });
            curve.capacity_c_per_cm2.push(q);
            curve.voltage_v.push(v);
        }
    }
    let data: Vec<MeasuredCurve> = curves.into_values().collect();
    let options = DischargeFitOptions {
        solver: ionpath::discharge::SolverOptions {
            rtol: DischargeFitOptions::default().solver.rtol,
            ..solver
        },
        ..DischargeFitOptions::default()
    };
    let fit = fit_discharge(&cell, &data, &free, &options).map_err(|e| e.to_string())?;
    let mut rows: Vec<Row> = fit
        .values
        .iter()
        .map(|v| {
            let (unit, scale) = display(v.param);
            Row {
                parameter: v.param.name(),
                value: v.value * scale,
                lower_95: v.lower.map(|x| x * scale),
                upper_95: v.upper.map(|x| x * scale),
                unit,
            }
        })
        .collect();
    rows.push(Row {
        parameter: "tau",
        value: fit.tau,
        lower_95: None,
        upper_95: None,
        unit: "-",
    });
    rows.push(Row {
        parameter: "rms_residual",
        value: fit.rms_v,
        lower_95: None,
        upper_95: None,
        unit: "V",
    });
    let text = match args.format {
        FormatArg::Csv => {
            let cell = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v}"));
            let mut out = String::from("parameter,value,lower_95,upper_95,unit\n");
            for r in &rows {
                out.push_str(&format!(
                    "{},{},{},{},{}\n",
                    r.parameter,
                    r.value,
                    cell(r.lower_95),
                    cell(r.upper_95),
                    r.unit
                ));
            }
            out
        }
        FormatArg::Json => {
            let mut t = serde_json::to_string_pretty(&serde_json::json!({
                "parameters": rows,
                "chi2_v2": fit.chi2,
                "dof": fit.dof,
                "threshold_chi2_v2": fit.threshold_chi2,
                "curves": data.len(),
            }))
            .map_err(|e| format!("cannot write JSON: {e}"))?;
            t.push('\n');
            t
        }
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}
