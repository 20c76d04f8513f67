//! `ionpath fit-conductivity`: Arrhenius (Eq. 1 and the plain form) or VTF
//! fitted to σ(T) tables → E_A, σ_0 (and B, T_0).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ionpath::fit::derived::Estimate;
use ionpath::fit::scalar::{fit_arrhenius, fit_vtf, ArrheniusForm};
use ionpath::units::{ev_to_kj_per_mol, BOLTZMANN_EV_PER_K};

use crate::cli::CliResult;
use crate::fit_report::{run_files, FormatArg, ParamOut, Report};
use crate::table::{read_columns, Quantity};

#[derive(Args)]
pub struct FitConductivityArgs {
    /// Tables with a header: a temperature column (temperature_c or
    /// temperature_k) and a conductivity column (sigma_s_per_cm or
    /// sigma_ms_per_cm; `T (°C)`, `sigma (mS/cm)` and the like also work).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Law to fit: arrhenius is Eq. 1, σ = (σ0/T)·exp(−E_A/k_BT);
    /// arrhenius-plain σ = σ0·exp(−E_A/k_BT); vtf σ = A·T^(−½)·exp(−B/(T − T0)).
    #[arg(long, value_enum, default_value_t = ModelArg::Arrhenius)]
    model: ModelArg,
    /// Unit of activation energies in the output.
    #[arg(long, value_enum, default_value_t = EnergyUnit::Ev)]
    energy_unit: EnergyUnit,
    /// Output format: one JSON object per file per line, or CSV with a header.
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ModelArg {
    Arrhenius,
    ArrheniusPlain,
    Vtf,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum EnergyUnit {
    Ev,
    KjPerMol,
}

/// E_A (core: eV) in the chosen display unit.
fn energy(estimate: &Estimate, unit: EnergyUnit) -> ParamOut {
    match unit {
        EnergyUnit::Ev => ParamOut::fitted("activation_energy", "eV", "ev", estimate, 1.0),
        EnergyUnit::KjPerMol => ParamOut::fitted(
            "activation_energy",
            "kJ/mol",
            "kj_per_mol",
            estimate,
            ev_to_kj_per_mol(1.0),
        ),
    }
}

/// S → mS, for prefactors in S/cm, S·K/cm or S·K^½/cm.
const MS_PER_S: f64 = 1e3;

fn fit_file(path: &Path, model: ModelArg, unit: EnergyUnit) -> Result<Report, String> {
    let columns = read_columns(path, &[Quantity::Temperature, Quantity::Conductivity])?;
    let (t_k, sigma) = (&columns[0], &columns[1]);
    let name = path.display().to_string();
    let fail = |e: ionpath::error::Error| format!("{name}: {e}");
    let mut notes = Vec::new();
    let (model_name, dof, chi2, residuals, params) = match model {
        ModelArg::Arrhenius | ModelArg::ArrheniusPlain => {
            let (form, model_name, unit_text, slug) = if model == ModelArg::Arrhenius {
                (
                    ArrheniusForm::InverseT,
                    "arrhenius",
                    "mS·K/cm",
                    "ms_k_per_cm",
                )
            } else {
                (
                    ArrheniusForm::Plain,
                    "arrhenius-plain",
                    "mS/cm",
                    "ms_per_cm",
                )
            };
            let fit = fit_arrhenius(t_k, sigma, form).map_err(fail)?;
            let params = vec![
                energy(&fit.activation_energy_ev, unit),
                ParamOut::fitted("sigma_0", unit_text, slug, &fit.sigma_0, MS_PER_S),
            ];
            (model_name, fit.dof, fit.chi2, fit.log_residuals, params)
        }
        ModelArg::Vtf => {
            let fit = fit_vtf(t_k, sigma).map_err(fail)?;
            let ea = Estimate {
                value: fit.b_k.value * BOLTZMANN_EV_PER_K,
                stderr: fit.b_k.stderr.map(|s| s * BOLTZMANN_EV_PER_K),
                ci95: fit
                    .b_k
                    .ci95
                    .map(|c| c.map(|b| b * BOLTZMANN_EV_PER_K, true)),
                at_bound: None,
            };
            let params = vec![
                ParamOut::fitted("a", "mS·K^½/cm", "ms_k05_per_cm", &fit.a, MS_PER_S),
                ParamOut::fitted("b", "K", "k", &fit.b_k, 1.0),
                ParamOut::fitted("t0", "K", "k", &fit.t0_k, 1.0),
                energy(&ea, unit),
            ];
            // T0 on an end of [0, T_min − 1 K].
            notes.extend(params.iter().filter_map(ParamOut::bound_note));
            ("vtf", fit.dof, fit.chi2, fit.log_residuals, params)
        }
    };
    Ok(Report {
        file: name,
        model: model_name,
        points: t_k.len(),
        dof,
        chi2,
        residual_of: "ln σ",
        params,
        residuals,
        notes,
    })
}

pub fn run(args: FitConductivityArgs) -> CliResult {
    run_files(&args.files, args.format, |path| {
        fit_file(path, args.model, args.energy_unit)
    })
}
