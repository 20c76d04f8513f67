//! `ionpath discharge`: discharge curves of a composite cathode against Li
//! metal or a composite anode (`--anode-…` flags) from the 1D homogenised model, one block of CSV rows per current
//! (or JSON with Eq. 19 beside each curve and the diagnosis).

use std::io::Write;
use std::path::Path;

use clap::Args;
use ionpath::discharge::{
    discharge, read_ocp_csv, Anode, CellParams, Discharge, ElectrodeParams, Eq19Design, Mesh, Ocp,
    SolverOptions,
};
use ionpath::materials::ocp_data::{find_ocp, OCP_CURVES};
use ionpath::physics::tortuosity::Microstructure;
use ionpath::units::{
    a_to_ma, celsius_to_kelvin, cm_to_um, coulomb_to_mah, ma_to_a, ms_to_s, um_to_cm,
};
use serde::Serialize;

use crate::capacity::{finite, non_negative, positive};
use crate::cli::CliResult;
use crate::fit_report::FormatArg;

/// The design of a cell: the cathode, the separator, the anode (Li metal
/// unless `--anode-thickness-um`), the conditions.
#[derive(Args, Debug, Clone)]
pub struct DesignArgs {
    /// Cathode thickness L, in µm (> 0)
    #[arg(
        long = "thickness-um",
        value_name = "UM",
        allow_negative_numbers = true
    )]
    thickness_um: f64,
    /// SE volume fraction ε of the cathode (0 < ε ≤ 1)
    #[arg(
        long = "epsilon",
        value_name = "FRACTION",
        allow_negative_numbers = true
    )]
    epsilon: f64,
    /// Active-material volume fraction ε_AM (0 < ε_AM, ε + ε_AM ≤ 1)
    #[arg(
        long = "active-fraction",
        value_name = "FRACTION",
        allow_negative_numbers = true
    )]
    active_fraction: f64,
    /// Tortuosity factor τ of the SE (≥ 1 for real electrodes); or give --alpha and --k
    #[arg(long = "tau", value_name = "TAU", allow_negative_numbers = true, conflicts_with_all = ["alpha", "k"])]
    tau: Option<f64>,
    /// Bruggeman exponent α of τ = k·ε^(−α) (Eq. 18), with --k
    #[arg(long = "alpha", value_name = "ALPHA", allow_negative_numbers = true)]
    alpha: Option<f64>,
    /// Bruggeman prefactor k of τ = k·ε^(−α) (default 1)
    #[arg(
        long = "k",
        value_name = "K",
        allow_negative_numbers = true,
        requires = "alpha"
    )]
    k: Option<f64>,
    /// SE conductivity σ_i, in mS/cm (at 25 °C when --activation-energy-ev is given)
    #[arg(
        long = "sigma-i-ms-per-cm",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_i: f64,
    /// SE activation energy E_A in eV: σ_i(T) by Eq. 1 from σ_i at 25 °C
    #[arg(
        long = "activation-energy-ev",
        value_name = "EV",
        allow_negative_numbers = true
    )]
    activation_energy_ev: Option<f64>,
    /// Effective electronic conductivity σ_e,eff of the cathode, in mS/cm (> 0)
    #[arg(
        long = "sigma-e-eff-ms-per-cm",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_e_eff: f64,
    /// Active particle radius r, in µm (> 0)
    #[arg(long = "radius-um", value_name = "UM", allow_negative_numbers = true)]
    radius_um: f64,
    /// Solid diffusivity D_s of Li in the active material, in cm²/s (> 0)
    #[arg(
        long = "diffusivity-cm2-per-s",
        value_name = "CM2_PER_S",
        allow_negative_numbers = true
    )]
    diffusivity: f64,
    /// Maximum Li concentration c_max of the active material, in mol/L (> 0)
    #[arg(
        long = "c-max-mol-per-l",
        value_name = "MOL_PER_L",
        allow_negative_numbers = true
    )]
    c_max: f64,
    /// Stoichiometry θ0 = c/c_max at the start of the discharge (0 < θ0 < 1)
    #[arg(long = "theta0", value_name = "THETA", allow_negative_numbers = true)]
    theta0: f64,
    /// OCP: a CSV file `stoichiometry,potential_v`, or a library curve (nmc811, nmc532, lfp, lco, graphite, lto)
    #[arg(long = "ocp", value_name = "FILE.csv")]
    ocp: String,
    /// Exchange current density i0,ref at θ = ½, in mA/cm² of particle surface (> 0)
    #[arg(
        long = "i0-ma-per-cm2",
        value_name = "MA_PER_CM2",
        allow_negative_numbers = true
    )]
    i0: f64,
    /// Separator (SE layer) thickness, in µm (≥ 0)
    #[arg(
        long = "separator-um",
        value_name = "UM",
        allow_negative_numbers = true
    )]
    separator_um: f64,
    /// Separator conductivity in mS/cm (default: the SE's σ_i at the temperature)
    #[arg(
        long = "separator-sigma-ms-per-cm",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    separator_sigma: Option<f64>,
    /// Series resistance R_0 outside the cathode and separator, in Ω·cm² (≥ 0)
    #[arg(long = "r0", value_name = "OHM_CM2", allow_negative_numbers = true)]
    r0: f64,
    /// Discharge cut-off voltage, in V
    #[arg(long = "v-cutoff", value_name = "V", allow_negative_numbers = true)]
    v_cutoff: f64,
    /// Temperature, in °C (default 25)
    #[arg(
        long = "temperature-c",
        value_name = "C",
        allow_negative_numbers = true,
        default_value_t = 25.0
    )]
    temperature_c: f64,
    /// Cells across each electrode's thickness (default 20)
    #[arg(long = "cells", value_name = "N")]
    cells: Option<usize>,
    /// Shells in the particle radius (default 16)
    #[arg(long = "shells", value_name = "N")]
    shells: Option<usize>,
    #[command(flatten)]
    anode: AnodeArgs,
}

/// A composite anode (graphite, LTO, Si–SE…) in the cathode's form, for a
/// full cell: `--anode-thickness-um` turns it on and then every other
/// `--anode-…` flag but `--anode-sigma-i-ms-per-cm` is required; without
/// it the anode is Li metal.
#[derive(Args, Debug, Clone)]
pub struct AnodeArgs {
    /// Composite anode thickness, in µm (> 0); without it the anode is Li metal
    #[arg(
        id = "anode_thickness_um",
        long = "anode-thickness-um",
        value_name = "UM",
        allow_negative_numbers = true
    )]
    thickness_um: Option<f64>,
    /// SE volume fraction ε of the anode
    #[arg(
        id = "anode_epsilon",
        long = "anode-epsilon",
        value_name = "FRACTION",
        allow_negative_numbers = true
    )]
    epsilon: Option<f64>,
    /// Active-material volume fraction of the anode
    #[arg(
        id = "anode_active_fraction",
        long = "anode-active-fraction",
        value_name = "FRACTION",
        allow_negative_numbers = true
    )]
    active_fraction: Option<f64>,
    /// τ of the anode's SE; or --anode-alpha (and --anode-k)
    #[arg(id = "anode_tau", long = "anode-tau", value_name = "TAU", allow_negative_numbers = true, conflicts_with_all = ["anode_alpha", "anode_k"])]
    tau: Option<f64>,
    /// Bruggeman exponent of the anode's τ = k·ε^(−α) (Eq. 18)
    #[arg(
        id = "anode_alpha",
        long = "anode-alpha",
        value_name = "ALPHA",
        allow_negative_numbers = true
    )]
    alpha: Option<f64>,
    /// Bruggeman prefactor of the anode's τ (default 1)
    #[arg(
        id = "anode_k",
        long = "anode-k",
        value_name = "K",
        allow_negative_numbers = true,
        requires = "anode_alpha"
    )]
    k: Option<f64>,
    /// σ_i of the anode's SE in mS/cm (default: --sigma-i-ms-per-cm); enters as τ·σ_i/σ_i,anode
    #[arg(
        id = "anode_sigma_i_ms_per_cm",
        long = "anode-sigma-i-ms-per-cm",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_i: Option<f64>,
    /// Effective electronic conductivity of the anode, in mS/cm
    #[arg(
        id = "anode_sigma_e_eff_ms_per_cm",
        long = "anode-sigma-e-eff-ms-per-cm",
        value_name = "MS_PER_CM",
        allow_negative_numbers = true
    )]
    sigma_e_eff: Option<f64>,
    /// Anode particle radius, in µm
    #[arg(
        id = "anode_radius_um",
        long = "anode-radius-um",
        value_name = "UM",
        allow_negative_numbers = true
    )]
    radius_um: Option<f64>,
    /// Solid diffusivity in the anode's active material, in cm²/s
    #[arg(
        id = "anode_diffusivity_cm2_per_s",
        long = "anode-diffusivity-cm2-per-s",
        value_name = "CM2_PER_S",
        allow_negative_numbers = true
    )]
    diffusivity: Option<f64>,
    /// c_max of the anode's active material, in mol/L
    #[arg(
        id = "anode_c_max_mol_per_l",
        long = "anode-c-max-mol-per-l",
        value_name = "MOL_PER_L",
        allow_negative_numbers = true
    )]
    c_max: Option<f64>,
    /// Anode stoichiometry at the start of the discharge (lithiated: near 1)
    #[arg(
        id = "anode_theta0",
        long = "anode-theta0",
        value_name = "THETA",
        allow_negative_numbers = true
    )]
    theta0: Option<f64>,
    /// Anode OCP: a CSV file or a library curve (graphite, lto, …)
    #[arg(id = "anode_ocp", long = "anode-ocp", value_name = "FILE.csv")]
    ocp: Option<String>,
    /// Anode i0,ref at θ = ½, in mA/cm² of particle surface
    #[arg(
        id = "anode_i0_ma_per_cm2",
        long = "anode-i0-ma-per-cm2",
        value_name = "MA_PER_CM2",
        allow_negative_numbers = true
    )]
    i0: Option<f64>,
}

#[derive(Args)]
pub struct DischargeArgs {
    #[command(flatten)]
    design: DesignArgs,
    /// Current densities, in mA/cm², comma-separated (each > 0), e.g. 0.5,1,2
    #[arg(
        long = "current-ma-cm2",
        value_name = "MA_CM2_LIST",
        allow_hyphen_values = true
    )]
    current: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
}

/// The OCP named by `flag` (`--ocp`, `--anode-ocp`): an existing file, else a library curve.
fn ocp_from(flag: &str, arg: &str) -> Result<Ocp, String> {
    let path = Path::new(arg);
    if path.is_file() {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{flag} {arg}: cannot read: {e}"))?;
        return read_ocp_csv(&text, arg)
            .map(Ocp::Table)
            .map_err(|e| format!("{flag} {e}"));
    }
    match find_ocp(arg) {
        Some(curve) => Ok(Ocp::Fit(curve.fit)),
        None => Err(format!(
            "{flag} {arg}: no such file, and no library curve of that name ({})",
            OCP_CURVES
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

impl DesignArgs {
    /// The cell in core units; every bad value is named by its flag.
    pub fn cell(&self) -> Result<(CellParams, SolverOptions), String> {
        let cathode = Electrode {
            prefix: "--",
            thickness_um: self.thickness_um,
            epsilon: self.epsilon,
            active_fraction: self.active_fraction,
            tau: self.tau,
            alpha: self.alpha,
            k: self.k,
            sigma_e_eff: self.sigma_e_eff,
            radius_um: self.radius_um,
            diffusivity: self.diffusivity,
            c_max: self.c_max,
            theta0: self.theta0,
            ocp: &self.ocp,
            i0: self.i0,
        }
        .params()?;
        let sigma_i = positive("--sigma-i-ms-per-cm", self.sigma_i)?;
        let anode = self.anode.params(sigma_i)?;
        let temperature_k = celsius_to_kelvin(finite("--temperature-c", self.temperature_c)?);
        if temperature_k <= 0.0 {
            return Err(format!(
                "--temperature-c: {} °C is at or below absolute zero",
                self.temperature_c
            ));
        }
        let cell = CellParams {
            cathode,
            anode,
            sigma_i_s_per_cm: ms_to_s(sigma_i),
            activation_energy_ev: self
                .activation_energy_ev
                .map(|e| non_negative("--activation-energy-ev", e))
                .transpose()?,
            separator_thickness_cm: um_to_cm(non_negative("--separator-um", self.separator_um)?),
            separator_sigma_s_per_cm: self
                .separator_sigma
                .map(|s| positive("--separator-sigma-ms-per-cm", s).map(ms_to_s))
                .transpose()?,
            r0_ohm_cm2: non_negative("--r0", self.r0)?,
            v_cutoff_v: finite("--v-cutoff", self.v_cutoff)?,
            temperature_k,
        };
        cell.validate().map_err(|e| e.to_string())?;
        let mut mesh = Mesh::default();
        if let Some(n) = self.cells {
            mesh.cells = n;
        }
        if let Some(n) = self.shells {
            mesh.shells = n;
        }
        if !(2..=2000).contains(&mesh.cells) || !(2..=2000).contains(&mesh.shells) {
            return Err(format!(
                "--cells/--shells: each must be 2 to 2000, got {} and {}",
                mesh.cells, mesh.shells
            ));
        }
        Ok((
            cell,
            SolverOptions {
                cathode_mesh: mesh,
                anode_mesh: mesh,
                ..SolverOptions::default()
            },
        ))
    }
}

/// One electrode's flags, read with the same rules for the cathode
/// (`--epsilon`…) and the anode (`--anode-epsilon`…).
struct Electrode<'a> {
    prefix: &'static str,
    thickness_um: f64,
    epsilon: f64,
    active_fraction: f64,
    tau: Option<f64>,
    alpha: Option<f64>,
    k: Option<f64>,
    sigma_e_eff: f64,
    radius_um: f64,
    diffusivity: f64,
    c_max: f64,
    theta0: f64,
    ocp: &'a str,
    i0: f64,
}

impl Electrode<'_> {
    /// The electrode in core units; a bad value is named by its flag.
    fn params(&self) -> Result<ElectrodeParams, String> {
        let flag = |name: &str| format!("{}{name}", self.prefix);
        let epsilon = positive(&flag("epsilon"), self.epsilon)?;
        if epsilon > 1.0 {
            return Err(format!(
                "{}: expected a fraction in (0, 1], got {epsilon}",
                flag("epsilon")
            ));
        }
        let active = positive(&flag("active-fraction"), self.active_fraction)?;
        if epsilon + active > 1.0 + 1e-12 {
            return Err(format!(
                "{}: ε + ε_AM = {} exceeds 1",
                flag("active-fraction"),
                epsilon + active
            ));
        }
        let microstructure = match (self.tau, self.alpha) {
            (Some(tau), None) => Microstructure::Tortuosity {
                epsilon,
                tau: positive(&flag("tau"), tau)?,
            },
            (None, Some(alpha)) => Microstructure::Bruggeman {
                epsilon,
                alpha: non_negative(&flag("alpha"), alpha)?,
                k: positive(&flag("k"), self.k.unwrap_or(1.0))?,
            },
            _ => {
                return Err(format!(
                    "give the tortuosity as {} T, or as {} A (and {} K)",
                    flag("tau"),
                    flag("alpha"),
                    flag("k")
                ))
            }
        };
        let theta0 = self.theta0;
        if !(theta0 > 0.0 && theta0 < 1.0) {
            return Err(format!(
                "{}: expected a stoichiometry in (0, 1), got {theta0}",
                flag("theta0")
            ));
        }
        Ok(ElectrodeParams {
            thickness_cm: um_to_cm(positive(&flag("thickness-um"), self.thickness_um)?),
            microstructure,
            active_fraction: active,
            sigma_e_eff_s_per_cm: ms_to_s(positive(
                &flag("sigma-e-eff-ms-per-cm"),
                self.sigma_e_eff,
            )?),
            radius_cm: um_to_cm(positive(&flag("radius-um"), self.radius_um)?),
            diffusivity_cm2_per_s: positive(&flag("diffusivity-cm2-per-s"), self.diffusivity)?,
            c_max_mol_per_cm3: positive(&flag("c-max-mol-per-l"), self.c_max)? * 1e-3,
            theta0,
            i0_ref_a_per_cm2: ma_to_a(positive(&flag("i0-ma-per-cm2"), self.i0)?),
            ocp: ocp_from(&flag("ocp"), self.ocp)?,
        })
    }
}

impl AnodeArgs {
    /// Li metal without `--anode-thickness-um`, else the composite anode;
    /// its SE's σ_i (`sigma_i_ms`, the cathode's, unless given) enters as
    /// τ·σ_i/σ_i,anode, since the model has one σ_i.
    fn params(&self, sigma_i_ms: f64) -> Result<Anode, String> {
        let Some(thickness_um) = self.thickness_um else {
            return match self.any_other() {
                Some(name) => Err(format!(
                    "{name} needs --anode-thickness-um (a composite anode); without it the anode is Li metal"
                )),
                None => Ok(Anode::LiMetal),
            };
        };
        let need = |value: Option<f64>, name: &str| {
            value.ok_or_else(|| format!("--anode-{name} is required with --anode-thickness-um"))
        };
        let ocp = self
            .ocp
            .as_deref()
            .ok_or("--anode-ocp is required with --anode-thickness-um")?;
        let mut anode = Electrode {
            prefix: "--anode-",
            thickness_um,
            epsilon: need(self.epsilon, "epsilon")?,
            active_fraction: need(self.active_fraction, "active-fraction")?,
            tau: self.tau,
            alpha: self.alpha,
            k: self.k,
            sigma_e_eff: need(self.sigma_e_eff, "sigma-e-eff-ms-per-cm")?,
            radius_um: need(self.radius_um, "radius-um")?,
            diffusivity: need(self.diffusivity, "diffusivity-cm2-per-s")?,
            c_max: need(self.c_max, "c-max-mol-per-l")?,
            theta0: need(self.theta0, "theta0")?,
            ocp,
            i0: need(self.i0, "i0-ma-per-cm2")?,
        }
        .params()?;
        if let Some(own) = self.sigma_i {
            let scale = sigma_i_ms / positive("--anode-sigma-i-ms-per-cm", own)?;
            anode.microstructure = match anode.microstructure {
                Microstructure::Tortuosity { epsilon, tau } => Microstructure::Tortuosity {
                    epsilon,
                    tau: tau * scale,
                },
                Microstructure::Bruggeman { epsilon, alpha, k } => Microstructure::Bruggeman {
                    epsilon,
                    alpha,
                    k: k * scale,
                },
            };
        }
        Ok(Anode::Composite(anode))
    }

    /// The first `--anode-…` flag given, if any (thickness aside).
    fn any_other(&self) -> Option<&'static str> {
        [
            (self.epsilon.is_some(), "--anode-epsilon"),
            (self.active_fraction.is_some(), "--anode-active-fraction"),
            (self.tau.is_some(), "--anode-tau"),
            (self.alpha.is_some(), "--anode-alpha"),
            (self.sigma_i.is_some(), "--anode-sigma-i-ms-per-cm"),
            (self.sigma_e_eff.is_some(), "--anode-sigma-e-eff-ms-per-cm"),
            (self.radius_um.is_some(), "--anode-radius-um"),
            (self.diffusivity.is_some(), "--anode-diffusivity-cm2-per-s"),
            (self.c_max.is_some(), "--anode-c-max-mol-per-l"),
            (self.theta0.is_some(), "--anode-theta0"),
            (self.ocp.is_some(), "--anode-ocp"),
            (self.i0.is_some(), "--anode-i0-ma-per-cm2"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }
}

fn parse_currents(list: &str) -> Result<Vec<f64>, String> {
    let mut out = Vec::new();
    for item in list.split(',') {
        let item = item.trim();
        let value: f64 = item.parse().map_err(|_| {
            format!("--current-ma-cm2: '{item}' is not a number (expected e.g. 0.5,1,2 in mA/cm²)")
        })?;
        out.push(positive("--current-ma-cm2", value)?);
    }
    Ok(out)
}

#[derive(Serialize)]
struct PointOut {
    time_s: f64,
    capacity_mah_cm2: f64,
    voltage_v: f64,
}

/// One electrode across its thickness at the end of the discharge.
#[derive(Serialize)]
struct ProfileOut {
    capacity_mah_cm2: f64,
    /// From the electrode's separator face.
    x_um: Vec<f64>,
    reaction_ma_per_cm2: Vec<f64>,
    theta_surface: Vec<f64>,
    theta_mean: Vec<f64>,
    phi_e_v: Vec<f64>,
}

#[derive(Serialize)]
struct CurveOut {
    current_ma_cm2: f64,
    end: String,
    delivered_mah_cm2: f64,
    eq19_mah_cm2: f64,
    eq19_overestimate: Option<f64>,
    failing_assumption: ionpath::discharge::Assumption,
    diagnosis: String,
    points: Vec<PointOut>,
    final_profile: ProfileOut,
    /// The composite anode's, in a full cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    anode_final_profile: Option<ProfileOut>,
}

impl ProfileOut {
    fn of(e: &ionpath::discharge::ElectrodeProfile, delivered_c_per_cm2: f64) -> ProfileOut {
        ProfileOut {
            capacity_mah_cm2: coulomb_to_mah(delivered_c_per_cm2),
            x_um: e.x_cm.iter().map(|&x| cm_to_um(x)).collect(),
            reaction_ma_per_cm2: e.reaction_a_per_cm2.iter().map(|&j| a_to_ma(j)).collect(),
            theta_surface: e.theta_surface.clone(),
            theta_mean: e.theta_mean.clone(),
            phi_e_v: e.phi_e_v.clone(),
        }
    }
}

fn end_name(d: &Discharge) -> String {
    match &d.end {
        ionpath::discharge::End::CutOff => "cut-off".into(),
        ionpath::discharge::End::CathodeFull => "cathode-full".into(),
        ionpath::discharge::End::AnodeEmpty => "anode-empty".into(),
        ionpath::discharge::End::SolverStopped(why) => format!("solver-stopped: {why}"),
    }
}

/// Runs the model at each current; a solver failure is an error naming the current.
pub fn curves(
    cell: &CellParams,
    options: &SolverOptions,
    currents_ma: &[f64],
) -> Result<Vec<Discharge>, String> {
    currents_ma
        .iter()
        .map(|&i| {
            let d = discharge(cell, ma_to_a(i), options, &[])
                .map_err(|e| format!("--current-ma-cm2 {i}: {e}"))?;
            if let ionpath::discharge::End::SolverStopped(why) = &d.end {
                return Err(format!(
                    "--current-ma-cm2 {i}: the solver stopped at {} mAh/cm²: {why}",
                    coulomb_to_mah(d.delivered_c_per_cm2)
                ));
            }
            Ok(d)
        })
        .collect()
}

pub fn run(args: DischargeArgs) -> CliResult {
    let (cell, options) = args.design.cell()?;
    let currents = parse_currents(&args.current)?;
    let results = curves(&cell, &options, &currents)?;
    let out = match args.format {
        FormatArg::Csv => ionpath::discharge::csv::curves_csv(
            results
                .iter()
                .map(|d| (d.current_a_per_cm2, d.points.as_slice())),
        ),
        FormatArg::Json => {
            let design = Eq19Design::of(&cell).map_err(|e| e.to_string())?;
            let mut list = Vec::new();
            for (d, &i) in results.iter().zip(&currents) {
                let rate = ionpath::discharge::compare::rate_point(&cell, &design, d)
                    .map_err(|e| format!("--current-ma-cm2 {i}: {e}"))?;
                let end = d.final_profile();
                list.push(CurveOut {
                    current_ma_cm2: i,
                    end: end_name(d),
                    delivered_mah_cm2: coulomb_to_mah(d.delivered_c_per_cm2),
                    eq19_mah_cm2: coulomb_to_mah(rate.eq19_c_per_cm2),
                    eq19_overestimate: rate.eq19_overestimate,
                    failing_assumption: rate.diagnosis.failing,
                    diagnosis: rate.sentence(),
                    points: d
                        .points
                        .iter()
                        .map(|p| PointOut {
                            time_s: p.time_s,
                            capacity_mah_cm2: coulomb_to_mah(p.capacity_c_per_cm2),
                            voltage_v: p.voltage_v,
                        })
                        .collect(),
                    final_profile: ProfileOut::of(&end.cathode, d.delivered_c_per_cm2),
                    anode_final_profile: end
                        .anode
                        .as_ref()
                        .map(|a| ProfileOut::of(a, d.delivered_c_per_cm2)),
                });
            }
            let mut text = serde_json::to_string_pretty(&serde_json::json!({ "curves": list }))
                .map_err(|e| format!("cannot write JSON: {e}"))?;
            text.push('\n');
            text
        }
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}
