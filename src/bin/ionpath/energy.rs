//! `ionpath energy`: stack-level Wh/kg and Wh/L of a cell designed from
//! library materials, at the capacity delivered at a current, against the
//! EU SET-Plan targets; `--ragone` prints the series as current varies.

use clap::{Args, ValueEnum};

use ionpath::physics::energy::{
    discharge_from_cell, log_spaced_currents, stack_energy, Anode, Discharge, Layer, Stack,
    StackEnergy,
};
use ionpath::units::{ma_to_a, mah_to_coulomb, um_to_cm};

use crate::cli::CliResult;
use crate::energy_design::Design;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// Stack energy density (Wh/kg, Wh/L) at the delivered capacity, vs the SET-Plan targets.
#[derive(Args)]
pub struct EnergyArgs {
    /// Cathode active material (library id or name, e.g. lco, nmc811).
    #[arg(long, default_value = "lco")]
    pub cathode: String,
    /// Solid electrolyte in the composites and the separator.
    #[arg(long, default_value = "lgps")]
    pub electrolyte: String,
    /// Carbon additive of the cathode.
    #[arg(long, default_value = "ab")]
    pub carbon: String,
    /// Cathode wt%: active/carbon/SE (three values) or active/SE (two).
    #[arg(long, default_value = "61/3/36")]
    pub composition: String,
    /// Porosity of the composites, %.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub porosity_pct: f64,
    /// Cathode thickness, µm.
    #[arg(long, default_value_t = 100.0, allow_negative_numbers = true)]
    pub thickness_um: f64,
    /// Override the cathode's specific capacity, mAh/g.
    #[arg(long, allow_negative_numbers = true)]
    pub capacity_mah_g: Option<f64>,
    /// SE separator thickness, µm.
    #[arg(long, default_value_t = 30.0, allow_negative_numbers = true)]
    pub separator_um: f64,
    /// Anode: `li` (Li metal) or a composite's active material (graphite, si, lto, …).
    #[arg(long, default_value = "li")]
    pub anode: String,
    /// Li-metal anode: Li foil beyond what the cathode supplies, µm.
    #[arg(long, default_value_t = 20.0, allow_negative_numbers = true)]
    pub li_excess_um: f64,
    /// Composite anode wt%: active/SE.
    #[arg(long, default_value = "46/54")]
    pub anode_composition: String,
    /// Composite anode thickness, µm (default: sized by --np-ratio).
    #[arg(long, allow_negative_numbers = true)]
    pub anode_thickness_um: Option<f64>,
    /// Composite anode: anode/cathode capacity ratio used to size it.
    #[arg(long, default_value_t = 1.1, allow_negative_numbers = true)]
    pub np_ratio: f64,
    /// Cathode current collector (Al) thickness, µm.
    #[arg(long, default_value_t = 12.0, allow_negative_numbers = true)]
    pub al_um: f64,
    /// Anode current collector (Cu) thickness, µm.
    #[arg(long, default_value_t = 8.0, allow_negative_numbers = true)]
    pub cu_um: f64,
    /// Discharge current density, mA/cm².
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub current_ma: f64,
    /// Pure SE conductivity, mS/cm (default: the library's 25 °C value).
    #[arg(long, allow_negative_numbers = true)]
    pub sigma_se_ms: Option<f64>,
    /// Cathode tortuosity τ (default: Bruggeman, ε^-0.5, with ε including voids).
    #[arg(long, allow_negative_numbers = true)]
    pub tau_c: Option<f64>,
    /// Composite-anode tortuosity τ (default: Bruggeman, ε^-0.5).
    #[arg(long, allow_negative_numbers = true)]
    pub tau_a: Option<f64>,
    /// Cathode potential U_c, V (default: the library's average potential).
    #[arg(long = "u-c", allow_negative_numbers = true)]
    pub u_c: Option<f64>,
    /// Anode potential U_a, V (default: the library's, 0 for Li metal).
    #[arg(long = "u-a", allow_negative_numbers = true)]
    pub u_a: Option<f64>,
    /// Discharge cut-off voltage, V.
    #[arg(
        long = "v-cutoff",
        default_value_t = 2.5,
        allow_negative_numbers = true
    )]
    pub v_cutoff: f64,
    /// Resistance outside the composites besides the separator (contacts), Ω·cm²;
    /// R_0 of Eq. 19 is this plus the separator's L/σ_SE.
    #[arg(long = "r0", default_value_t = 0.0, allow_negative_numbers = true)]
    pub r0: f64,
    /// Delivered capacity, mAh/cm², if measured: skips Eq. 19 (the voltage is
    /// then taken as constant, U_c − U_a − R_0·i).
    #[arg(long, allow_negative_numbers = true)]
    pub delivered_mah: Option<f64>,
    /// Ragone series: `min:max:n` currents in mA/cm², log-spaced.
    #[arg(long)]
    pub ragone: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: EnergyArgs) -> CliResult {
    let design = Design::from_args(&args)?;
    let stack = stack(&args, &design)?;
    let currents = match &args.ragone {
        Some(spec) => ragone_currents(spec)?,
        None => vec![positive("--current-ma", args.current_ma)?],
    };
    let mut points = Vec::with_capacity(currents.len());
    for &i_ma in &currents {
        let discharge = discharge_at(&args, &design, ma_to_a(i_ma))?;
        points.push(stack_energy(&stack, &discharge).map_err(|e| format!("stack: {e}"))?);
    }
    let text = match (args.format, args.ragone.is_some()) {
        (Format::Json, _) => {
            serde_json::to_string_pretty(&points).map_err(|e| e.to_string())? + "\n"
        }
        (Format::Csv, _) | (Format::Text, true) => csv(&points),
        (Format::Text, false) => text(&design, &points[0], args.r0 + design.separator_r_ohm_cm2),
    };
    print!("{text}");
    Ok(())
}

fn positive(flag: &str, v: f64) -> Result<f64, String> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(format!("{flag} = {v}: expected a number > 0"))
    }
}

fn non_negative(flag: &str, v: f64) -> Result<f64, String> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("{flag} = {v}: expected a number >= 0"))
    }
}

fn stack(args: &EnergyArgs, d: &Design) -> Result<Stack, String> {
    let layer = |flag: &str, um: f64, density: f64| -> Result<Layer, String> {
        Ok(Layer {
            thickness_cm: um_to_cm(non_negative(flag, um)?),
            density_g_per_cm3: density,
        })
    };
    let anode = match &d.anode {
        None => Anode::LiMetal {
            excess_thickness_cm: um_to_cm(non_negative("--li-excess-um", args.li_excess_um)?),
        },
        Some(a) => Anode::Composite(Layer {
            thickness_cm: a.thickness_cm,
            density_g_per_cm3: a.apparent_density_g_per_cm3,
        }),
    };
    Ok(Stack {
        cathode: Layer {
            thickness_cm: d.cathode.thickness_cm,
            density_g_per_cm3: d.cathode.apparent_density_g_per_cm3,
        },
        separator: layer(
            "--separator-um",
            args.separator_um,
            d.separator_density_g_per_cm3,
        )?,
        anode,
        cathode_collector: layer("--al-um", args.al_um, d.al_density_g_per_cm3)?,
        anode_collector: layer("--cu-um", args.cu_um, d.cu_density_g_per_cm3)?,
    })
}

/// The discharge at `i` A/cm²: Eq. 19 on the designed cell, or the given
/// capacity at constant voltage U_c − U_a − R_0·i.
fn discharge_at(args: &EnergyArgs, d: &Design, i: f64) -> Result<Discharge, String> {
    let cell = d.cell(args)?;
    match args.delivered_mah {
        None => discharge_from_cell(&cell, i).map_err(|e| format!("Eq. 19: {e}")),
        Some(q) => {
            let v = cell.u_c_v - cell.u_a_v - cell.r0_ohm_cm2 * i;
            if v <= 0.0 {
                return Err(format!(
                    "--r0: R_0·i leaves {v:.3} V, no voltage to deliver --delivered-mah at"
                ));
            }
            let c = mah_to_coulomb(non_negative("--delivered-mah", q)?);
            Ok(Discharge {
                current_a_per_cm2: i,
                capacity_c_per_cm2: c,
                start_voltage_v: v,
                end_voltage_v: v,
            })
        }
    }
}

fn ragone_currents(spec: &str) -> Result<Vec<f64>, String> {
    let bad = || format!("--ragone {spec}: expected min:max:n in mA/cm², e.g. 0.1:30:12");
    let parts: Vec<&str> = spec.split(':').collect();
    let [min, max, n] = parts.as_slice() else {
        return Err(bad());
    };
    let min: f64 = min.trim().parse().map_err(|_| bad())?;
    let max: f64 = max.trim().parse().map_err(|_| bad())?;
    let n: usize = n.trim().parse().map_err(|_| bad())?;
    log_spaced_currents(min, max, n).map_err(|e| format!("--ragone: {e}"))
}

fn csv(points: &[StackEnergy]) -> String {
    use ionpath::io::csv::{number, push_row};
    let mut out = String::new();
    push_row(
        &mut out,
        [
            "current_ma_per_cm2",
            "delivered_mah_per_cm2",
            "mean_voltage_v",
            "wh_per_kg",
            "wh_per_l",
            "w_per_kg",
            "w_per_l",
        ],
    );
    for p in points {
        push_row(
            &mut out,
            [
                p.current_a_per_cm2 * 1e3,
                p.delivered_mah_per_cm2,
                p.mean_voltage_v,
                p.wh_per_kg,
                p.wh_per_l,
                p.w_per_kg,
                p.w_per_l,
            ]
            .map(number),
        );
    }
    out
}

fn text(d: &Design, p: &StackEnergy, r0: f64) -> String {
    let yes = |b: bool| if b { "meets" } else { "below" };
    format!(
        "cathode: {} ({:.1} vol% SE, {:.1} mg/cm2 active, {:.2} mAh/cm2 full, sigma_eff {:.3} mS/cm)\n\
         anode: {}\n\
         delivered: {:.2} mAh/cm2 at {} mA/cm2, mean voltage {:.3} V\n\
         separator: {:.3} ohm cm2 (L/sigma_SE), R_0 = {:.3} ohm cm2\n\
         stack: {:.4} g/cm2, {:.1} um\n\
         energy: {:.0} Wh/kg, {:.0} Wh/L\n\
         power: {:.1} W/kg, {:.1} W/L\n\
         SET-Plan ({}): > {} Wh/kg {}, > {} Wh/L {}\n",
        d.cathode.label,
        d.cathode.epsilon * 100.0,
        d.cathode.loading_mg_per_cm2,
        d.cathode.full_capacity_c_per_cm2() / 3.6,
        d.cathode.sigma_eff_s_per_cm * 1e3,
        d.anode
            .as_ref()
            .map_or_else(|| "Li metal".to_string(), |a| a.label.clone()),
        p.delivered_mah_per_cm2,
        p.current_a_per_cm2 * 1e3,
        p.mean_voltage_v,
        d.separator_r_ohm_cm2,
        r0,
        p.areal_mass_g_per_cm2,
        p.stack_thickness_cm * 1e4,
        p.wh_per_kg,
        p.wh_per_l,
        p.w_per_kg,
        p.w_per_l,
        p.target.label,
        p.target.wh_per_kg,
        yes(p.meets_wh_per_kg),
        p.target.wh_per_l,
        yes(p.meets_wh_per_l),
    )
}
