//! `ionpath kk`: the Lin-KK check of each spectrum (Schönleber et al. 2014,
//! with series L and C and the μ criterion), one JSON object per file with
//! the verdict of the pass/fail rule, or CSV residuals per point.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ionpath::fit::kk::{kk_check, KkFit, KkOptions, KkResult, Selection};
use ionpath::io::csv::{number, push_row};
use serde_json::json;

use crate::cli::CliResult;
use crate::fit_report::FormatArg;
use crate::spectra::{for_each_file, SeriesArgs};

#[derive(Args)]
pub struct KkArgs {
    /// Impedance files of any supported format (the first spectrum of each).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// How the number of Voigt elements is chosen: the μ criterion guarded by
    /// a residual plateau (default), Schönleber's plain rule, or the lowest residuals.
    #[arg(long, value_enum, default_value_t = SelectionArg::MuPlateau)]
    selection: SelectionArg,
    /// μ cut-off c.
    #[arg(long, default_value_t = 0.85)]
    mu_cutoff: f64,
    /// Parts fitted: both together (Schönleber Eq. 14) or the real part only.
    #[arg(long, value_enum, default_value_t = PartsArg::Complex)]
    fit: PartsArg,
    #[command(flatten)]
    series: SeriesArgs,
    /// Output: one JSON object per file, or CSV with one row per point
    /// (file, freq_hz, residual_re, residual_im, outside).
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum SelectionArg {
    MuPlateau,
    Mu,
    Lowest,
}

#[derive(Clone, Copy, ValueEnum)]
enum PartsArg {
    Complex,
    Real,
}

pub fn run(args: KkArgs) -> CliResult {
    if !(args.mu_cutoff > 0.0 && args.mu_cutoff <= 1.0) {
        return Err(format!(
            "--mu-cutoff {}: expected a number in (0, 1]",
            args.mu_cutoff
        ));
    }
    let options = KkOptions {
        mu_cutoff: args.mu_cutoff,
        selection: match args.selection {
            SelectionArg::MuPlateau => Selection::MuPlateau,
            SelectionArg::Mu => Selection::Mu,
            SelectionArg::Lowest => Selection::LowestResidual,
        },
        fit: match args.fit {
            PartsArg::Complex => KkFit::Complex,
            PartsArg::Real => KkFit::Real,
        },
        series_inductance: !args.series.no_inductance,
        series_capacitance: args.series.capacitance.choice(),
        ..KkOptions::default()
    };
    for_each_file(
        &args.files,
        args.format,
        &["file", "freq_hz", "residual_re", "residual_im", "outside"],
        |name, spectrum| {
            let kk = kk_check(spectrum, &options).map_err(|e| e.to_string())?;
            Ok(match args.format {
                FormatArg::Json => json_line(name, &spectrum.freq_hz, &kk),
                FormatArg::Csv => csv_rows(name, &spectrum.freq_hz, &kk),
            })
        },
    )
}

fn json_line(name: &str, freq_hz: &[f64], kk: &KkResult) -> String {
    let residuals: Vec<_> = freq_hz
        .iter()
        .zip(&kk.residuals)
        .map(|(f, (re, im))| json!({"freq_hz": f, "re": re, "im": im}))
        .collect();
    let outside: Vec<_> = kk
        .outside
        .iter()
        .map(|&k| json!({"index": k, "freq_hz": freq_hz[k]}))
        .collect();
    json!({
        "file": name, "pass": kk.pass, "summary": kk.summary, "elements": kk.elements, "mu": kk.mu,
        "noise": kk.noise, "band": kk.band, "max_residual": kk.max_residual,
        "rms_residual": kk.rms_residual, "runs_z": kk.runs_z, "outside": outside,
        "r_series_ohm": kk.r_series_ohm, "inductance_h": kk.inductance_h,
        "series_capacitance_f": kk.series_capacitance_f, "residuals": residuals,
    })
    .to_string()
        + "\n"
}

fn csv_rows(name: &str, freq_hz: &[f64], kk: &KkResult) -> String {
    let mut out = String::new();
    for (k, (f, (re, im))) in freq_hz.iter().zip(&kk.residuals).enumerate() {
        let outside = kk.outside.contains(&k).to_string();
        push_row(
            &mut out,
            [
                name.to_string(),
                number(*f),
                number(*re),
                number(*im),
                outside,
            ],
        );
    }
    out
}
