//! `ionpath drt`: the distribution of relaxation times of each spectrum
//! (Tikhonov regularisation with non-negativity, λ by GCV or the L-curve),
//! one JSON object per file with its peaks and the spectrum it implies, or
//! CSV γ(τ) per grid point.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ionpath::fit::drt::{drt, DrtOptions, DrtResult, LambdaChoice, Penalty};
use ionpath::fit::Weighting;
use ionpath::io::csv::{number, push_row};
use serde_json::json;

use crate::cli::CliResult;
use crate::fit_report::FormatArg;
use crate::spectra::{for_each_file, SeriesArgs};

#[derive(Args)]
pub struct DrtArgs {
    /// Impedance files of any supported format (the first spectrum of each).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// λ: `lcurve` (the corner of the L-curve of the non-negative
    /// solutions, the default: on pyDRTtools' example data it keeps the
    /// processes pyDRTtools finds, where GCV drops to the bottom of its
    /// range and adds peaks; see docs/IMPEDANCE.md), `gcv` (generalised
    /// cross-validation), or a number > 0.
    #[arg(long, default_value = "lcurve")]
    lambda: String,
    /// Derivative of γ the penalty measures.
    #[arg(long, value_enum, default_value_t = PenaltyArg::First)]
    penalty: PenaltyArg,
    /// Grid spacing over the basis functions' FWHM (DRTtools' "FWHM coefficient").
    #[arg(long, default_value_t = 0.5)]
    fwhm_coefficient: f64,
    /// Residual weighting (`unit` is DRTtools' choice).
    #[arg(long, value_enum, default_value_t = WeightArg::Modulus)]
    weight: WeightArg,
    #[command(flatten)]
    series: SeriesArgs,
    /// Output: one JSON object per file, or CSV γ(τ) (file, tau_s, gamma_ohm).
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum PenaltyArg {
    First,
    Second,
}

#[derive(Clone, Copy, ValueEnum)]
enum WeightArg {
    Modulus,
    Proportional,
    Unit,
}

pub fn run(args: DrtArgs) -> CliResult {
    let lambda = match args.lambda.as_str() {
        "gcv" => LambdaChoice::Gcv,
        "lcurve" => LambdaChoice::LCurve,
        text => match text.parse::<f64>() {
            Ok(v) if v > 0.0 && v.is_finite() => LambdaChoice::Fixed(v),
            _ => {
                return Err(format!(
                    "--lambda {text:?}: expected gcv, lcurve or a number > 0"
                ))
            }
        },
    };
    let options = DrtOptions {
        lambda,
        penalty: match args.penalty {
            PenaltyArg::First => Penalty::FirstDerivative,
            PenaltyArg::Second => Penalty::SecondDerivative,
        },
        fwhm_coefficient: args.fwhm_coefficient,
        weighting: match args.weight {
            WeightArg::Modulus => Weighting::Modulus,
            WeightArg::Proportional => Weighting::Proportional,
            WeightArg::Unit => Weighting::Unit,
        },
        inductance: !args.series.no_inductance,
        series_capacitance: args.series.capacitance.choice(),
        ..DrtOptions::default()
    };
    for_each_file(
        &args.files,
        args.format,
        &["file", "tau_s", "gamma_ohm"],
        |name, spectrum| {
            let d = drt(spectrum, &options).map_err(|e| e.to_string())?;
            Ok(match args.format {
                FormatArg::Json => json_line(name, &spectrum.freq_hz, &d),
                FormatArg::Csv => {
                    let mut out = String::new();
                    for (t, g) in d.tau_s.iter().zip(&d.gamma_ohm) {
                        push_row(&mut out, [name.to_string(), number(*t), number(*g)]);
                    }
                    out
                }
            })
        },
    )
}

/// The DRT as one JSON line, with the spectrum it implies at the data's
/// frequencies (`fitted`) and the relative residuals.
fn json_line(name: &str, freq_hz: &[f64], d: &DrtResult) -> String {
    let fitted: Vec<_> = freq_hz
        .iter()
        .zip(&d.fitted_ohm)
        .zip(&d.residuals)
        .map(|((f, z), (re, im))| {
            json!({"freq_hz": f, "z_re_ohm": z.re, "z_im_ohm": z.im, "residual_re": re, "residual_im": im})
        })
        .collect();
    json!({
        "file": name, "lambda": d.lambda, "lambda_gcv": d.lambda_gcv, "lambda_lcurve": d.lambda_lcurve,
        "r_inf_ohm": d.r_inf_ohm, "inductance_h": d.inductance_h,
        "series_capacitance_f": d.series_capacitance_f, "polarisation_ohm": d.polarisation_ohm,
        "peaks": d.peaks, "rms_residual": d.rms_residual, "tau_s": d.tau_s, "gamma_ohm": d.gamma_ohm,
        "fitted": fitted,
    })
    .to_string()
        + "\n"
}
