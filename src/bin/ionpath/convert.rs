//! `ionpath convert FILE...`: read any supported impedance export and print
//! what was read as CSV `freq_hz,z_re_ohm,z_im_ohm` (a leading `spectrum`
//! column when there are several spectra), Im(Z) negative for capacitive
//! behaviour.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ionpath::io::{read_path_with, to_csv, Format, ImColumn, ReadOptions};

use crate::cli::CliResult;

/// Flags of `ionpath convert`.
#[derive(Args)]
pub struct ConvertArgs {
    /// Impedance files (CSV/text, Gamry .DTA, EC-Lab .mpt, ZPlot .z, VersaStudio .par, Ivium, …).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read as this format instead of detecting it: delimited, gamry, biologic, zplot, versastudio, parstat, ivium.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// What the imaginary column holds when the file does not say (or to override it).
    #[arg(long, value_enum, default_value_t = ImArg::FromHeader)]
    im_column: ImArg,
}

/// `--im-column` values.
#[derive(Clone, Copy, ValueEnum)]
enum ImArg {
    /// As the header says (Im(Z) when it says nothing).
    FromHeader,
    /// Im(Z), negative for capacitive behaviour.
    Im,
    /// −Im(Z), positive for capacitive behaviour.
    NegIm,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Runs `convert`.
pub fn run(args: ConvertArgs) -> CliResult {
    let im_column = match args.im_column {
        ImArg::FromHeader => ImColumn::FromHeader,
        ImArg::Im => ImColumn::Im,
        ImArg::NegIm => ImColumn::NegIm,
    };
    let options = ReadOptions {
        format: args.format,
        im_column,
    };
    let mut spectra = Vec::new();
    for file in &args.files {
        let reading = read_path_with(file, &options).map_err(|e| e.to_string())?;
        spectra.extend(reading.spectra);
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(to_csv(&spectra).as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}
