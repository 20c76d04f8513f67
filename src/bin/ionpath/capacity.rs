//! `ionpath capacity`: delivered areal capacity from Eq. 19 (reaction-zone
//! model) at a list of current densities, as CSV.

use std::io::Write;

use clap::Args;
use ionpath::io::csv::{number, push_row};
use ionpath::physics::capacity::{delivered_capacity, Cell, Electrode};
use ionpath::units::{coulomb_to_mah, ma_to_a, mah_to_coulomb, ms_to_s, um_to_cm};

use crate::cli::CliResult;

// The subcommand's help text is on its variant in cli.rs.
#[derive(Args, Debug)]
pub struct CapacityArgs {
    /// Cathode capacity density q_c, in mAh/cm³ (> 0)
    #[arg(
        long = "q-c",
        value_name = "MAH_PER_CM3",
        allow_negative_numbers = true
    )]
    q_c: f64,
    /// Cathode effective ionic conductivity σ_eff,c, in mS/cm (> 0)
    #[arg(
        long = "sigma-c",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_c: f64,
    /// Anode capacity density q_a, in mAh/cm³ (> 0; with --sigma-a)
    #[arg(
        long = "q-a",
        value_name = "MAH_PER_CM3",
        allow_negative_numbers = true
    )]
    q_a: Option<f64>,
    /// Anode effective ionic conductivity σ_eff,a, in mS/cm (> 0; with --q-a)
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
    /// Cathode thickness L_c, in µm (> 0; optional: bounds the capacity by q_c·L_c)
    #[arg(long = "l-c", value_name = "UM", allow_negative_numbers = true)]
    l_c: Option<f64>,
    /// Anode thickness L_a, in µm (> 0; optional: bounds the capacity by q_a·L_a)
    #[arg(long = "l-a", value_name = "UM", allow_negative_numbers = true)]
    l_a: Option<f64>,
    /// Current densities i, in mA/cm², comma-separated (each > 0), e.g. 1,3,6
    #[arg(
        long = "current",
        value_name = "MA_PER_CM2_LIST",
        allow_hyphen_values = true
    )]
    current: String,
}

pub fn run(args: CapacityArgs) -> CliResult {
    let cell = cell_from(&args)?;
    let currents = parse_currents(&args.current)?;
    let mut out = String::new();
    push_row(&mut out, ["current_ma_cm2", "capacity_mah_cm2", "limit"]);
    for current_ma in currents {
        let delivered = delivered_capacity(&cell, ma_to_a(current_ma))
            .map_err(|e| format!("--current {current_ma}: {e}"))?;
        let capacity_mah = coulomb_to_mah(delivered.capacity_c_per_cm2);
        push_row(
            &mut out,
            [
                number(current_ma),
                number(capacity_mah),
                delivered.limit.to_string(),
            ],
        );
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}

fn cell_from(args: &CapacityArgs) -> Result<Cell, String> {
    let anode = match (args.q_a, args.sigma_a) {
        (Some(q_a), Some(sigma_a)) => Some(Electrode {
            capacity_c_per_cm3: positive("--q-a", mah_to_coulomb(positive("--q-a", q_a)?))?,
            sigma_eff_s_per_cm: ms_to_s(positive("--sigma-a", sigma_a)?),
            thickness_cm: args
                .l_a
                .map(|l| positive("--l-a", l).map(um_to_cm))
                .transpose()?,
        }),
        (Some(_), None) => return Err(missing("--sigma-a", "--q-a")),
        (None, Some(_)) => return Err(missing("--q-a", "--sigma-a")),
        (None, None) => {
            if args.l_a.is_some() {
                return Err("--l-a needs an anode: give --q-a and --sigma-a too".into());
            }
            None
        }
    };
    Ok(Cell {
        cathode: Electrode {
            capacity_c_per_cm3: positive("--q-c", mah_to_coulomb(positive("--q-c", args.q_c)?))?,
            sigma_eff_s_per_cm: ms_to_s(positive("--sigma-c", args.sigma_c)?),
            thickness_cm: args
                .l_c
                .map(|l| positive("--l-c", l).map(um_to_cm))
                .transpose()?,
        },
        anode,
        u_c_v: finite("--u-c", args.u_c)?,
        u_a_v: finite("--u-a", args.u_a)?,
        v_cutoff_v: finite("--v-cutoff", args.v_cutoff)?,
        r0_ohm_cm2: non_negative("--r0", args.r0)?,
    })
}

fn parse_currents(list: &str) -> Result<Vec<f64>, String> {
    if list.trim().is_empty() {
        return Err("--current: the list is empty (expected e.g. 1,3,6 in mA/cm²)".into());
    }
    let mut currents = Vec::new();
    for item in list.split(',') {
        let item = item.trim();
        let value: f64 = item.parse().map_err(|_| {
            format!(
                "--current: '{item}' is not a number (expected a comma-separated list in mA/cm²)"
            )
        })?;
        currents.push(positive("--current", value)?);
    }
    Ok(currents)
}

fn missing(absent: &str, present: &str) -> String {
    format!("{absent} is required with {present} (omit both for a half cell against Li metal)")
}

/// Checks a value, also after a unit conversion (mAh → C can overflow).
pub(crate) fn positive(flag: &str, value: f64) -> Result<f64, String> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(format!(
            "{flag}: expected a finite number > 0 within range, got {value}"
        ))
    }
}

pub(crate) fn non_negative(flag: &str, value: f64) -> Result<f64, String> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(format!(
            "{flag}: expected a finite number >= 0, got {value}"
        ))
    }
}

pub(crate) fn finite(flag: &str, value: f64) -> Result<f64, String> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(format!("{flag}: expected a finite number, got {value}"))
    }
}
