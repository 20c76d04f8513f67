//! `ionpath fit-tortuosity`: τ = k·ε^(−α) (Eq. 18 generalised) fitted to
//! an (ε, τ) table → the Bruggeman exponent α and the prefactor k.

use std::path::{Path, PathBuf};

use clap::Args;
use ionpath::fit::scalar::fit_bruggeman;

use crate::cli::CliResult;
use crate::fit_report::{run_files, FormatArg, ParamOut, Report};
use crate::table::{read_columns, Quantity};

#[derive(Args)]
pub struct FitTortuosityArgs {
    /// Tables with a header: an epsilon column (SE volume fraction, 0–1, or
    /// `epsilon (%)`) and a tau column (tortuosity factor).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Hold the prefactor k (e.g. --fix-k 1 for Bruggeman's τ = ε^(−α)); default: fit it.
    #[arg(long, value_name = "K", allow_negative_numbers = true)]
    fix_k: Option<f64>,
    /// Output format: one JSON object per file per line, or CSV with a header.
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
}

fn fit_file(path: &Path, fix_k: Option<f64>) -> Result<Report, String> {
    let columns = read_columns(path, &[Quantity::Epsilon, Quantity::Tortuosity])?;
    let name = path.display().to_string();
    let fit = fit_bruggeman(&columns[0], &columns[1], fix_k).map_err(|e| format!("{name}: {e}"))?;
    let k = match fix_k {
        Some(k) => ParamOut::held("k", "1", "", k),
        None => ParamOut::fitted("k", "1", "", &fit.k, 1.0),
    };
    Ok(Report {
        file: name,
        model: if fix_k.is_some() {
            "bruggeman-fixed-k"
        } else {
            "bruggeman"
        },
        points: columns[0].len(),
        dof: fit.dof,
        chi2: fit.chi2,
        residual_of: "ln τ",
        params: vec![ParamOut::fitted("alpha", "1", "", &fit.alpha, 1.0), k],
        residuals: fit.log_residuals,
        notes: Vec::new(),
    })
}

pub fn run(args: FitTortuosityArgs) -> CliResult {
    if let Some(k) = args.fix_k {
        if !(k.is_finite() && k > 0.0) {
            return Err(format!("--fix-k: expected a finite number > 0, got {k}"));
        }
    }
    run_files(&args.files, args.format, |path| fit_file(path, args.fix_k))
}
