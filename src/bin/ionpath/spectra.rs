//! What `kk` and `drt` share: reading the first spectrum of each file,
//! printing one JSON line or CSV rows per file, and the capacitance flag.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ionpath::io::csv::push_row;
use ionpath::Spectrum;
use serde_json::json;

use crate::cli::CliResult;
use crate::fit_report::FormatArg;

/// The series terms `kk` and `drt` add besides R.
#[derive(Args)]
pub struct SeriesArgs {
    /// Leave out the series inductance.
    #[arg(long)]
    pub no_inductance: bool,
    /// Series capacitance: decided from the data (−Im Z rising at the low end), or always, or never.
    #[arg(long, value_enum, default_value_t = Capacitance::Auto)]
    pub capacitance: Capacitance,
}

/// A series capacitance: decided from the data, always, or never.
#[derive(Clone, Copy, ValueEnum)]
pub enum Capacitance {
    Auto,
    Yes,
    No,
}

impl Capacitance {
    /// None (auto) or the forced choice.
    pub fn choice(self) -> Option<bool> {
        match self {
            Capacitance::Auto => None,
            Capacitance::Yes => Some(true),
            Capacitance::No => Some(false),
        }
    }
}

/// Runs `each` on the first spectrum of every file and prints its text
/// (whole lines); a file that fails gets an error line (JSON) and the run
/// fails with the first error in one line. CSV output starts with `header`.
pub fn for_each_file(
    files: &[PathBuf],
    format: FormatArg,
    header: &[&str],
    each: impl Fn(&str, &Spectrum) -> Result<String, String>,
) -> CliResult {
    let mut failures = Vec::new();
    let mut out = String::new();
    if format == FormatArg::Csv {
        push_row(&mut out, header);
    }
    for path in files {
        let name = path.display().to_string();
        let outcome = ionpath::io::read_path(path)
            .map_err(|e| e.to_string())
            .and_then(|spectra| {
                let spectrum = spectra.first().ok_or("the file holds no spectrum")?;
                each(&name, spectrum)
            });
        match outcome {
            Ok(text) => out.push_str(&text),
            Err(message) => {
                let message = if message.starts_with(&name) {
                    message
                } else {
                    format!("{name}: {message}")
                };
                if format == FormatArg::Json {
                    out.push_str(&json!({"file": name, "error": message}).to_string());
                    out.push('\n');
                }
                failures.push(message);
            }
        }
    }
    print!("{out}");
    outcome_of(&failures, files.len())
}

/// Success, or one line: the only failure, or how many of `files` failed
/// and the first.
pub fn outcome_of(failures: &[String], files: usize) -> CliResult {
    match failures.first() {
        None => Ok(()),
        Some(first) if failures.len() == 1 => Err(first.clone()),
        Some(first) => Err(format!(
            "{} of {files} files failed; first: {first}",
            failures.len()
        )),
    }
}
