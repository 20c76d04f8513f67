//! Turns `ionpath energy` flags into electrode designs: library lookups,
//! wt% → composition, loading and capacity density. Errors name the flag.

use ionpath::materials::{self, ActiveMaterial};
use ionpath::physics::capacity::{Cell, Electrode};
use ionpath::physics::composition::{Composition, Constituent, Role};
use ionpath::physics::conductivity::resistance_from_conductivity_ohm;
use ionpath::physics::tortuosity::bruggeman_tortuosity;
use ionpath::units::{ms_to_s, um_to_cm};

use crate::energy::EnergyArgs;

/// One composite electrode as designed.
pub struct ElectrodeDesign {
    pub label: String,
    pub thickness_cm: f64,
    pub apparent_density_g_per_cm3: f64,
    /// ε on the dense basis.
    pub epsilon: f64,
    pub loading_mg_per_cm2: f64,
    /// q, C/cm³.
    pub capacity_density_c_per_cm3: f64,
    /// σ_eff = ε·σ_i/τ (Eq. 17), S/cm, ε including voids.
    pub sigma_eff_s_per_cm: f64,
}

impl ElectrodeDesign {
    /// q·L, C/cm².
    pub fn full_capacity_c_per_cm2(&self) -> f64 {
        self.capacity_density_c_per_cm3 * self.thickness_cm
    }

    fn eq19(&self) -> Electrode {
        Electrode {
            capacity_c_per_cm3: self.capacity_density_c_per_cm3,
            sigma_eff_s_per_cm: self.sigma_eff_s_per_cm,
            thickness_cm: Some(self.thickness_cm),
        }
    }
}

/// Everything the stack and the discharge need.
pub struct Design {
    pub cathode: ElectrodeDesign,
    /// `None` for a Li-metal anode.
    pub anode: Option<ElectrodeDesign>,
    pub separator_density_g_per_cm3: f64,
    /// The SE separator's resistance L_sep/σ_SE (Eq. 3 per cm²), Ω·cm².
    pub separator_r_ohm_cm2: f64,
    pub al_density_g_per_cm3: f64,
    pub cu_density_g_per_cm3: f64,
    /// U_c and U_a, V (flags, or the library's average potentials).
    pub u_c_v: f64,
    pub u_a_v: f64,
}

fn active(flag: &str, name: &str) -> Result<&'static ActiveMaterial, String> {
    materials::find_active(name).ok_or_else(|| {
        format!("{flag} {name}: not an active material in the library (see `ionpath materials`)")
    })
}

/// "61/3/36" → [0.61, 0.03, 0.36].
fn parse_wt(flag: &str, text: &str) -> Result<Vec<f64>, String> {
    text.split('/')
        .map(|s| s.trim().parse::<f64>().map(|v| v / 100.0))
        .collect::<Result<Vec<f64>, _>>()
        .map_err(|_| format!("{flag} {text}: expected wt% separated by '/', e.g. 61/3/36"))
}

struct Part {
    role: Role,
    density: f64,
}

/// Porosity, the SE's conductivity and the tortuosity flag of one electrode.
struct Transport<'a> {
    porosity: f64,
    sigma_se_s_per_cm: f64,
    tau_flag: &'a str,
    tau: Option<f64>,
}

fn electrode(
    flag: &str,
    wt_text: &str,
    parts: &[Part],
    am: &ActiveMaterial,
    thickness_cm: f64,
    capacity_mah_g: f64,
    transport: &Transport,
) -> Result<ElectrodeDesign, String> {
    let w = parse_wt(flag, wt_text)?;
    if w.len() != parts.len() {
        return Err(format!("{flag} {wt_text}: expected {} values", parts.len()));
    }
    let constituents: Vec<Constituent> = parts
        .iter()
        .zip(&w)
        .map(|(p, &mass_fraction)| Constituent {
            role: p.role,
            mass_fraction,
            density_g_per_cm3: p.density,
        })
        .collect();
    let comp = Composition::new(constituents, transport.porosity)
        .map_err(|e| format!("{flag} {wt_text}: {e}"))?;
    let loading = comp
        .active_loading_mg_per_cm2(thickness_cm)
        .map_err(|e| format!("{flag}: {e}"))?;
    if comp.active_fraction_with_voids() <= 0.0 {
        return Err(format!(
            "{flag} {wt_text}: the active material's fraction must be > 0"
        ));
    }
    let tau = match transport.tau {
        Some(t) => t,
        None => bruggeman_tortuosity(comp.epsilon_with_voids(), 0.5, 1.0)
            .map_err(|e| format!("{flag} {wt_text}: {e}"))?,
    };
    let electrode = Electrode::from_composition(
        &comp,
        am.density_g_per_cm3.value,
        capacity_mah_g,
        transport.sigma_se_s_per_cm,
        tau,
        thickness_cm,
    )
    .map_err(|e| format!("{flag} / {} {tau}: {e}", transport.tau_flag))?;
    Ok(ElectrodeDesign {
        sigma_eff_s_per_cm: electrode.sigma_eff_s_per_cm,
        label: format!("{} {wt_text} wt%, {:.0} um", am.name, thickness_cm * 1e4),
        thickness_cm,
        apparent_density_g_per_cm3: comp.apparent_density_g_per_cm3(),
        epsilon: comp.epsilon_dense(),
        loading_mg_per_cm2: loading,
        capacity_density_c_per_cm3: electrode.capacity_c_per_cm3,
    })
}

impl Design {
    pub fn from_args(a: &EnergyArgs) -> Result<Design, String> {
        let cam = active("--cathode", &a.cathode)?;
        let se = materials::find_electrolyte(&a.electrolyte).ok_or_else(|| {
            format!(
                "--electrolyte {}: not a solid electrolyte in the library",
                a.electrolyte
            )
        })?;
        let carbon = materials::find_carbon(&a.carbon)
            .ok_or_else(|| format!("--carbon {}: not a carbon in the library", a.carbon))?;
        let porosity = a.porosity_pct / 100.0;
        if !(porosity.is_finite() && (0.0..1.0).contains(&porosity)) {
            return Err(format!(
                "--porosity-pct {}: expected 0 <= p < 100",
                a.porosity_pct
            ));
        }
        let thickness_cm = um_to_cm(a.thickness_um);
        if !(thickness_cm.is_finite() && thickness_cm > 0.0) {
            return Err(format!(
                "--thickness-um {}: expected a number > 0",
                a.thickness_um
            ));
        }
        let capacity = a
            .capacity_mah_g
            .unwrap_or(cam.specific_capacity_mah_per_g.value);
        if !(capacity.is_finite() && capacity > 0.0) {
            return Err(format!(
                "--capacity-mah-g {capacity}: expected a number > 0"
            ));
        }
        let rho_se = se.density_g_per_cm3.value;
        let sigma_se = match a.sigma_se_ms {
            Some(ms) if ms.is_finite() && ms > 0.0 => ms_to_s(ms),
            Some(ms) => return Err(format!("--sigma-se-ms {ms}: expected a number > 0")),
            None => se.sigma_s_per_cm_25c.value,
        };
        let tc = Transport {
            porosity,
            sigma_se_s_per_cm: sigma_se,
            tau_flag: "--tau-c",
            tau: a.tau_c,
        };
        let ta = Transport {
            porosity,
            sigma_se_s_per_cm: sigma_se,
            tau_flag: "--tau-a",
            tau: a.tau_a,
        };
        let am_part = Part {
            role: Role::Active,
            density: cam.density_g_per_cm3.value,
        };
        let se_part = Part {
            role: Role::Electrolyte,
            density: rho_se,
        };
        let n = a.composition.split('/').count();
        let parts = if n == 2 {
            vec![am_part, se_part]
        } else {
            vec![
                am_part,
                Part {
                    role: Role::Conductor,
                    density: carbon.density_g_per_cm3.value,
                },
                se_part,
            ]
        };
        let cathode = electrode(
            "--composition",
            &a.composition,
            &parts,
            cam,
            thickness_cm,
            capacity,
            &tc,
        )?;

        let (anode, u_a) = if materials::find_active(&a.anode).is_some_and(|m| m.id == "li") {
            (None, 0.0)
        } else {
            let aam = active("--anode", &a.anode)?;
            let parts = [
                Part {
                    role: Role::Active,
                    density: aam.density_g_per_cm3.value,
                },
                Part {
                    role: Role::Electrolyte,
                    density: rho_se,
                },
            ];
            let cap = aam.specific_capacity_mah_per_g.value;
            // Size by N/P unless a thickness is given: probe q_a with 1 cm.
            let probe = electrode(
                "--anode-composition",
                &a.anode_composition,
                &parts,
                aam,
                1.0,
                cap,
                &ta,
            )?;
            let l_a = match a.anode_thickness_um {
                Some(um) if um.is_finite() && um > 0.0 => um_to_cm(um),
                Some(um) => {
                    return Err(format!("--anode-thickness-um {um}: expected a number > 0"))
                }
                None => {
                    if !(a.np_ratio.is_finite() && a.np_ratio > 0.0) {
                        return Err(format!("--np-ratio {}: expected a number > 0", a.np_ratio));
                    }
                    a.np_ratio * cathode.full_capacity_c_per_cm2()
                        / probe.capacity_density_c_per_cm3
                }
            };
            let anode = electrode(
                "--anode-composition",
                &a.anode_composition,
                &parts,
                aam,
                l_a,
                cap,
                &ta,
            )?;
            (Some(anode), aam.average_potential_v_vs_li.value)
        };
        let density = |id: &str| {
            materials::density_g_per_cm3(id)
                .ok_or_else(|| format!("library has no density for {id}"))
        };
        Ok(Design {
            cathode,
            anode,
            separator_density_g_per_cm3: rho_se,
            separator_r_ohm_cm2: separator_resistance(a.separator_um, sigma_se)?,
            al_density_g_per_cm3: density("al")?,
            cu_density_g_per_cm3: density("cu")?,
            u_c_v: a.u_c.unwrap_or(cam.average_potential_v_vs_li.value),
            u_a_v: a.u_a.unwrap_or(u_a),
        })
    }

    /// The Eq. 19 cell: a half cell against Li metal, or cathode + composite anode.
    pub fn cell(&self, a: &EnergyArgs) -> Result<Cell, String> {
        let cell = Cell {
            cathode: self.cathode.eq19(),
            anode: self.anode.as_ref().map(ElectrodeDesign::eq19),
            u_c_v: self.u_c_v,
            u_a_v: self.u_a_v,
            v_cutoff_v: a.v_cutoff,
            r0_ohm_cm2: a.r0 + self.separator_r_ohm_cm2,
        };
        cell.validate().map_err(|e| match e {
            ionpath::Error::InvalidParameter { name: "u_c_v", .. } => format!("--u-c: {e}"),
            ionpath::Error::InvalidParameter { name: "u_a_v", .. } => format!("--u-a: {e}"),
            ionpath::Error::InvalidParameter {
                name: "v_cutoff_v", ..
            } => format!("--v-cutoff: {e}"),
            ionpath::Error::InvalidParameter {
                name: "r0_ohm_cm2", ..
            } => format!("--r0: {e}"),
            _ => format!("cell: {e}"),
        })?;
        Ok(cell)
    }
}

/// Eq. 3 for the separator over 1 cm²: R = L_sep/σ_SE in Ω·cm² (0 without a separator).
fn separator_resistance(separator_um: f64, sigma_se_s_per_cm: f64) -> Result<f64, String> {
    if separator_um == 0.0 {
        return Ok(0.0);
    }
    resistance_from_conductivity_ohm(um_to_cm(separator_um), sigma_se_s_per_cm, 1.0)
        .map_err(|e| format!("--separator-um {separator_um}: {e}"))
}
