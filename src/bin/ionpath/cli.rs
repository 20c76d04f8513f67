//! Flag parsing and dispatch to one module per subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Delivered capacity at a list of currents (Eq. 19), as CSV
    ///
    /// Kato's reaction-zone model, clamped to what the electrodes hold.
    /// Prints current_ma_cm2,capacity_mah_cm2,limit with limit one of ohmic,
    /// cathode-full, anode-full, none-delivered. Without --q-a/--sigma-a the
    /// cell is a half cell against Li metal.
    Capacity(crate::capacity::CapacityArgs),
    /// Discharge curves of a composite cathode against Li metal (1D homogenised model), CSV or JSON
    ///
    /// Prints current_ma_cm2,time_s,capacity_mah_cm2,voltage_v, one block of rows
    /// per current, to the cut-off. --format json adds Eq. 19's capacity for the
    /// same design, the gap, the failing assumption and the final profile.
    Discharge(Box<crate::discharge::DischargeArgs>),
    /// Impedance of a two-rail line or a circuit at given frequencies, as CSV.
    Simulate(crate::simulate::SimulateArgs),
    /// The materials library and reference data (Table 1, presets, τ–ε series), with sources
    Materials(crate::materials::MaterialsArgs),
    /// Stack energy density (Wh/kg, Wh/L) at the delivered capacity, vs the SET-Plan targets
    Energy(Box<crate::energy::EnergyArgs>),
    /// Read impedance files of any supported format and print them as CSV.
    Convert(crate::convert::ConvertArgs),
    /// Fit the two-rail transmission line to impedance spectra (JSON lines or CSV).
    Fit(crate::fit::FitArgs),
    /// Lin-KK check of impedance spectra (series L and C, μ criterion): pass/fail, residuals, points outside the noise band
    Kk(crate::kk::KkArgs),
    /// Distribution of relaxation times (Tikhonov + non-negativity, λ by GCV or L-curve) with its peaks
    Drt(crate::drt::DrtArgs),
    /// Fit Arrhenius (Eq. 1 or plain) or VTF to σ(T) tables: E_A, σ_0 (and T_0), JSON lines or CSV
    FitConductivity(crate::fit_conductivity::FitConductivityArgs),
    /// Fit τ = k·ε^(−α) to (ε, τ) tables: Bruggeman α and k, JSON lines or CSV
    FitTortuosity(crate::fit_tortuosity::FitTortuosityArgs),
    /// Fit σ_eff (τ), D_s and i0 of the discharge model to measured discharge curves, with 95 % profile intervals
    FitDischarge(Box<crate::fit_discharge::FitDischargeArgs>),
    /// Fit Eq. 19 to rate-capability tables (current, capacity): σ_eff of one electrode (and τ)
    FitRate(Box<crate::fit_rate::FitRateArgs>),
    /// 3D microstructures: τ per phase and axis, structure metrics, generated electrodes
    Micro(crate::micro::MicroArgs),
}

/// A failure to report: one line, no backtrace.
pub type CliResult = Result<(), String>;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return report_clap_error(err),
    };
    let outcome: CliResult = match cli.command {
        Command::Capacity(args) => crate::capacity::run(args),
        Command::Discharge(args) => crate::discharge::run(*args),
        Command::FitDischarge(args) => crate::fit_discharge::run(*args),
        Command::Simulate(args) => crate::simulate::run(args),
        Command::Materials(args) => crate::materials::run(args),
        Command::Energy(args) => crate::energy::run(*args),
        Command::Convert(args) => crate::convert::run(args),
        Command::Fit(args) => crate::fit::run(args),
        Command::Kk(args) => crate::kk::run(args),
        Command::Drt(args) => crate::drt::run(args),
        Command::FitConductivity(args) => crate::fit_conductivity::run(args),
        Command::FitTortuosity(args) => crate::fit_tortuosity::run(args),
        Command::FitRate(args) => crate::fit_rate::run(*args),
        Command::Micro(args) => crate::micro::run(args),
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
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let rendered = err.render().to_string();
            // The first paragraph, on one line: it names the flags at fault
            // (clap puts missing ones on the lines after the first).
            let first: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .take_while(|l| !l.is_empty())
                .collect();
            let first = if first.is_empty() {
                "invalid arguments".to_string()
            } else {
                first.join(" ")
            };
            eprintln!("{first}");
            ExitCode::from(2)
        }
    }
}
