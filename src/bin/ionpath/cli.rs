//! Flag parsing and dispatch to one module per subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[path = "capacity.rs"]
mod capacity;

/// ionpath: composite electrodes of all-solid-state batteries — impedance,
/// tortuosity, effective conductivity and delivered capacity.
#[derive(Parser)]
#[command(name = "ionpath", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fit the two-rail transmission line to impedance spectra.
    Fit(crate::fit::FitArgs),
    /// Delivered capacity at a list of currents (Eq. 19), as CSV
    ///
    /// Kato's reaction-zone model, clamped to what the electrodes hold.
    /// Prints current_ma_cm2,capacity_mah_cm2,limit with limit one of ohmic,
    /// cathode-full, anode-full, none-delivered. Without --q-a/--sigma-a the
    /// cell is a half cell against Li metal.
    Capacity(capacity::CapacityArgs),
}

/// A failure to report: one line, no backtrace.
pub type CliResult = Result<(), String>;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return report_clap_error(err),
    };
    let outcome: CliResult = match cli.command {
        Command::Fit(args) => crate::fit::run(args),
        Command::Capacity(args) => capacity::run(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Help and version go to stdout in full; parse errors become one line.
fn report_clap_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let rendered = err.render().to_string();
            let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines.next().unwrap_or("invalid arguments");
            // "…were not provided:" names the flags on the next line: keep it.
            match lines.next().filter(|_| first.ends_with(':')) {
                Some(detail) => eprintln!("{first} {detail}"),
                None => eprintln!("{first}"),
            }
            ExitCode::from(2)
        }
    }
}
