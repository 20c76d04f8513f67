//! `ionpath fit-rate`: Eq. 19 (Kato et al.'s reaction-zone model) fitted to
//! rate-capability tables (current, capacity) → σ_eff of the cathode or the
//! anode, the rest of the cell given, and τ = ε·σ_i/σ_eff with ε and σ_i.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ionpath::fit::rate::{fit_eq19, Unknown};
use ionpath::physics::capacity::{Cell, Electrode};
use ionpath::units::{coulomb_to_mah, mah_to_coulomb, ms_to_s, s_to_ms};

use crate::capacity::{finite, non_negative, positive};
use crate::cli::CliResult;
use crate::fit_report::{run_files, FormatArg, ParamOut, Report};
use crate::table::{read_columns, Quantity};

#[derive(Args)]
pub struct FitRateArgs {
    /// Tables with a header: current_ma_cm2 and capacity_mah_cm2 (or
    /// `current (mA/cm²)`, `capacity (mAh/cm²)`, C/cm², A/cm²). Every point
    /// must be rate-limited (below what the electrodes hold).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Which electrode's σ_eff to fit (Eq. 19 sees only 1/(q_c·σ_c) + 1/(q_a·σ_a), so one at a time).
    #[arg(long, value_enum, default_value_t = Side::Cathode)]
    fit: Side,
    /// Cathode capacity density q_c, in mAh/cm³ (> 0)
    #[arg(
        long = "q-c",
        value_name = "MAH_PER_CM3",
        allow_negative_numbers = true
    )]
    q_c: f64,
    /// Cathode σ_eff in mS/cm (> 0), known; required with --fit anode
    #[arg(
        long = "sigma-c",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_c: Option<f64>,
    /// Anode capacity density q_a, in mAh/cm³ (> 0); omit for a half cell against Li metal
    #[arg(
        long = "q-a",
        value_name = "MAH_PER_CM3",
        allow_negative_numbers = true
    )]
    q_a: Option<f64>,
    /// Anode σ_eff in mS/cm (> 0), known; required with --q-a when fitting the cathode
    #[arg(
        long = "sigma-a",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_a: Option<f64>,
    /// Cathode potential U_c, in V
    #[arg(long = "u-c", value_name = "V", allow_negative_numbers = true)]
    u_c: f64,
    /// Anode potential U_a, in V (0 for Li metal)
    #[arg(long = "u-a", value_name = "V", allow_negative_numbers = true)]
    u_a: f64,
    /// Discharge cut-off voltage V_cutoff, in V
    #[arg(long = "v-cutoff", value_name = "V", allow_negative_numbers = true)]
    v_cutoff: f64,
    /// Resistance outside the composite electrodes R_0, in Ω·cm² (≥ 0)
    #[arg(long = "r0", value_name = "OHM_CM2", allow_negative_numbers = true)]
    r0: f64,
    /// SE volume fraction ε of the fitted electrode (0–1); with --sigma-i-ms-per-cm adds τ
    #[arg(long, allow_negative_numbers = true)]
    epsilon: Option<f64>,
    /// Ionic conductivity of the pure SE in mS/cm; with --epsilon adds τ = ε·σ_i/σ_eff
    #[arg(long, value_name = "MS_PER_CM", allow_negative_numbers = true)]
    sigma_i_ms_per_cm: Option<f64>,
    /// Output format: one JSON object per file per line, or CSV with a header.
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Side {
    Cathode,
    Anode,
}

/// The fitted side's σ is a placeholder: `fit_eq19` ignores it.
const PLACEHOLDER_S_PER_CM: f64 = 1.0;

fn cell_from(args: &FitRateArgs) -> Result<Cell, String> {
    let sigma = |flag: &str, value: Option<f64>, fitted: bool| -> Result<f64, String> {
        match (value, fitted) {
            (Some(_), true) => Err(format!(
                "{flag} is the σ_eff being fitted: leave it out (or fit the other electrode)"
            )),
            (None, true) => Ok(PLACEHOLDER_S_PER_CM),
            (Some(v), false) => Ok(ms_to_s(positive(flag, v)?)),
            (None, false) => Err(format!(
                "{flag} is required: give the σ_eff of the electrode that is not fitted"
            )),
        }
    };
    let anode = match args.q_a {
        Some(q_a) => Some(Electrode {
            capacity_c_per_cm3: positive("--q-a", mah_to_coulomb(positive("--q-a", q_a)?))?,
            sigma_eff_s_per_cm: sigma("--sigma-a", args.sigma_a, args.fit == Side::Anode)?,
            thickness_cm: None,
        }),
        None if args.fit == Side::Anode => {
            return Err("--fit anode needs an anode: give --q-a (without it the cell is a half cell against Li metal)".into())
        }
        None if args.sigma_a.is_some() => return Err("--sigma-a needs --q-a".into()),
        None => None,
    };
    Ok(Cell {
        cathode: Electrode {
            capacity_c_per_cm3: positive("--q-c", mah_to_coulomb(positive("--q-c", args.q_c)?))?,
            sigma_eff_s_per_cm: sigma("--sigma-c", args.sigma_c, args.fit == Side::Cathode)?,
            thickness_cm: None,
        },
        anode,
        u_c_v: finite("--u-c", args.u_c)?,
        u_a_v: finite("--u-a", args.u_a)?,
        v_cutoff_v: finite("--v-cutoff", args.v_cutoff)?,
        r0_ohm_cm2: non_negative("--r0", args.r0)?,
    })
}

/// (ε, σ_i in S/cm) when both are given.
fn tau_inputs(args: &FitRateArgs) -> Result<Option<(f64, f64)>, String> {
    match (args.epsilon, args.sigma_i_ms_per_cm) {
        (None, None) => Ok(None),
        (Some(e), Some(s)) => {
            if !(e > 0.0 && e <= 1.0) {
                return Err(format!(
                    "--epsilon: expected a volume fraction in (0, 1], got {e}"
                ));
            }
            Ok(Some((e, ms_to_s(positive("--sigma-i-ms-per-cm", s)?))))
        }
        _ => Err("--epsilon and --sigma-i-ms-per-cm go together: give both for τ".into()),
    }
}

fn fit_file(
    path: &Path,
    cell: &Cell,
    side: Side,
    tau: Option<(f64, f64)>,
) -> Result<Report, String> {
    let columns = read_columns(path, &[Quantity::Current, Quantity::Capacity])?;
    let name = path.display().to_string();
    let unknown = match side {
        Side::Cathode => Unknown::Cathode,
        Side::Anode => Unknown::Anode,
    };
    let fit =
        fit_eq19(&columns[0], &columns[1], cell, unknown).map_err(|e| format!("{name}: {e}"))?;
    let sigma = ParamOut::fitted(
        "sigma_eff",
        "mS/cm",
        "ms_per_cm",
        &fit.sigma_s_per_cm,
        s_to_ms(1.0),
    );
    let mut params = Vec::new();
    if let Some((epsilon, sigma_i)) = tau {
        // τ = ε·σ_i/σ_eff: the same relative error, the interval inverted.
        let scale = epsilon * sigma_i;
        let value = scale / fit.sigma_s_per_cm.value;
        params.push(ParamOut {
            name: "tau",
            unit: "1",
            unit_slug: "",
            value,
            stderr: fit
                .sigma_s_per_cm
                .stderr
                .map(|s| value * s / fit.sigma_s_per_cm.value),
            ci95: sigma.ci95.map(|c| c.map(|s| scale / ms_to_s(s), false)),
            fixed: false,
            at_bound: None,
        });
    }
    params.insert(0, sigma);
    let mah = coulomb_to_mah(1.0);
    let mut notes = Vec::new();
    if fit.dof == 0 {
        notes.push(
            "one point fixes σ_eff exactly: no degree of freedom left for a standard error".into(),
        );
    }
    Ok(Report {
        file: name,
        model: match side {
            Side::Cathode => "eq19-cathode",
            Side::Anode => "eq19-anode",
        },
        points: columns[0].len(),
        dof: fit.dof,
        chi2: fit.chi2_c2_per_cm4 * mah * mah,
        residual_of: "capacity, mAh/cm²",
        params,
        residuals: fit.residuals_c_per_cm2.iter().map(|r| r * mah).collect(),
        notes,
    })
}

pub fn run(args: FitRateArgs) -> CliResult {
    let cell = cell_from(&args)?;
    let tau = tau_inputs(&args)?;
    run_files(&args.files, args.format, |path| {
        fit_file(path, &cell, args.fit, tau)
    })
}
