//! Stack-level energy and power density: one repeat unit of cathode
//! composite, SE separator, anode (Li metal or a composite) and the two
//! current collectors, at the capacity actually delivered at a current.
//!
//! **Average voltage.** Under Eq. 19 the cell voltage during discharge is
//! V(t) = U_c − U_a − R_0·i − (t/(q_c·σ_c) + t/(q_a·σ_a))·i², linear in t. The
//! energy delivered is ∫ V·i dt = i·t_d·(V(0) + V(t_d))/2 = C·V̄ with V̄ the
//! midpoint of the start and end voltages — exact for a linear V(t). At the
//! ohmic limit V(t_d) = V_cutoff; when the electrode is full first, V(t_d) is
//! higher. U_c and U_a are the (flat) potentials of the active materials;
//! the library's average potentials are a sensible default.
//!
//! **Mass and volume.** Areal mass is Σ thickness·density over the layers
//! (the cathode's density is its apparent density, voids included). A Li-metal
//! anode counts only its excess foil: the cycled Li comes from the lithiated
//! cathode, so its mass is already there; the volume is taken in the charged
//! state, adding the Li plated for the delivered capacity. Collectors are
//! counted whole, once each (for double-coated electrodes pass half the foil).

use serde::Serialize;

mod eq19;
pub use eq19::{discharge_from_cell, ragone_eq19, stack_energy_eq19};

use crate::error::{require_non_negative, require_positive, Error, Result};
use crate::materials::library::{LI_CAPACITY_MAH_PER_G, LI_DENSITY_G_PER_CM3};
use crate::units::{coulomb_to_mah, COULOMB_PER_MAH};

/// A layer of the stack: thickness in cm, (apparent) density in g/cm³.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Layer {
    pub thickness_cm: f64,
    pub density_g_per_cm3: f64,
}

/// The negative electrode.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Anode {
    /// Li metal foil of this thickness beyond the Li the cathode supplies.
    LiMetal { excess_thickness_cm: f64 },
    /// A composite anode (thickness, apparent density).
    Composite(Layer),
}

/// One repeat unit of the cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stack {
    pub cathode: Layer,
    pub separator: Layer,
    pub anode: Anode,
    pub cathode_collector: Layer,
    pub anode_collector: Layer,
}

/// A discharge at constant current: what was delivered and the voltages at
/// its start and end (from Eq. 19, or measured).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Discharge {
    pub current_a_per_cm2: f64,
    pub capacity_c_per_cm2: f64,
    pub start_voltage_v: f64,
    pub end_voltage_v: f64,
}

/// An EU SET-Plan energy-density target (Falco et al. 2019, section 5).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    pub label: &'static str,
    pub wh_per_kg: f64,
    pub wh_per_l: f64,
    pub source: &'static str,
}

const SET_PLAN: &str = "EU SET-Plan (Batteries) targets as quoted by Falco et al., Mol. Syst. Des. Eng. 4 (2019) 850, section 5";
/// Next-generation Li-ion: > 350 Wh/kg and > 1000 Wh/L.
pub const TARGET_LI_ION: Target = Target {
    label: "next-generation Li-ion",
    wh_per_kg: 350.0,
    wh_per_l: 1000.0,
    source: SET_PLAN,
};
/// With a Li-metal anode: > 400 Wh/kg and > 1200 Wh/L.
pub const TARGET_LI_METAL: Target = Target {
    label: "Li-metal anode",
    wh_per_kg: 400.0,
    wh_per_l: 1200.0,
    source: SET_PLAN,
};

/// Energy and power of the stack at one discharge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StackEnergy {
    pub current_a_per_cm2: f64,
    pub delivered_mah_per_cm2: f64,
    pub mean_voltage_v: f64,
    pub areal_energy_wh_per_cm2: f64,
    pub areal_mass_g_per_cm2: f64,
    pub stack_thickness_cm: f64,
    pub wh_per_kg: f64,
    pub wh_per_l: f64,
    pub w_per_kg: f64,
    pub w_per_l: f64,
    /// The SET-Plan target for this anode type.
    pub target: Target,
    pub meets_wh_per_kg: bool,
    pub meets_wh_per_l: bool,
}

/// Mean voltage of a discharge whose voltage falls linearly in time
/// (Eq. 19): V̄ = (V_start + V_end)/2, in V.
pub fn mean_discharge_voltage_v(start_voltage_v: f64, end_voltage_v: f64) -> Result<f64> {
    require_non_negative("start_voltage_v", start_voltage_v)?;
    require_non_negative("end_voltage_v", end_voltage_v)?;
    Ok(0.5 * (start_voltage_v + end_voltage_v))
}

/// Thickness of Li metal holding `capacity_c_per_cm2`, in cm:
/// C / (3.6 C/mAh · c_Li · ρ_Li) with c_Li = 3861 mAh/g, ρ_Li = 0.534 g/cm³.
pub fn lithium_thickness_cm(capacity_c_per_cm2: f64) -> Result<f64> {
    require_non_negative("capacity_c_per_cm2", capacity_c_per_cm2)?;
    Ok(capacity_c_per_cm2 / (COULOMB_PER_MAH * LI_CAPACITY_MAH_PER_G * LI_DENSITY_G_PER_CM3))
}

impl Layer {
    fn check(&self, thickness: &'static str, density: &'static str) -> Result<()> {
        require_non_negative(thickness, self.thickness_cm)?;
        require_positive(density, self.density_g_per_cm3)?;
        Ok(())
    }
    /// Areal mass, g/cm².
    pub fn areal_mass_g_per_cm2(&self) -> f64 {
        self.thickness_cm * self.density_g_per_cm3
    }
}

impl Stack {
    /// Checks every layer; errors name the layer.
    pub fn validate(&self) -> Result<()> {
        self.cathode
            .check("cathode.thickness_cm", "cathode.density_g_per_cm3")?;
        require_positive("cathode.thickness_cm", self.cathode.thickness_cm)?;
        self.separator
            .check("separator.thickness_cm", "separator.density_g_per_cm3")?;
        self.cathode_collector.check(
            "cathode_collector.thickness_cm",
            "cathode_collector.density_g_per_cm3",
        )?;
        self.anode_collector.check(
            "anode_collector.thickness_cm",
            "anode_collector.density_g_per_cm3",
        )?;
        match self.anode {
            Anode::LiMetal {
                excess_thickness_cm,
            } => {
                require_non_negative("anode.excess_thickness_cm", excess_thickness_cm)?;
            }
            Anode::Composite(layer) => {
                layer.check("anode.thickness_cm", "anode.density_g_per_cm3")?
            }
        }
        Ok(())
    }

    /// Areal mass of the repeat unit, g/cm².
    pub fn areal_mass_g_per_cm2(&self) -> f64 {
        let anode = match self.anode {
            Anode::LiMetal {
                excess_thickness_cm,
            } => excess_thickness_cm * LI_DENSITY_G_PER_CM3,
            Anode::Composite(layer) => layer.areal_mass_g_per_cm2(),
        };
        self.cathode.areal_mass_g_per_cm2()
            + self.separator.areal_mass_g_per_cm2()
            + anode
            + self.cathode_collector.areal_mass_g_per_cm2()
            + self.anode_collector.areal_mass_g_per_cm2()
    }

    /// Thickness of the repeat unit in the charged state after cycling
    /// `capacity_c_per_cm2`, cm (Li plated on a Li-metal anode included).
    pub fn thickness_cm(&self, capacity_c_per_cm2: f64) -> Result<f64> {
        let anode = match self.anode {
            Anode::LiMetal {
                excess_thickness_cm,
            } => excess_thickness_cm + lithium_thickness_cm(capacity_c_per_cm2)?,
            Anode::Composite(layer) => layer.thickness_cm,
        };
        Ok(self.cathode.thickness_cm
            + self.separator.thickness_cm
            + anode
            + self.cathode_collector.thickness_cm
            + self.anode_collector.thickness_cm)
    }

    /// The SET-Plan target that applies to this anode.
    pub fn target(&self) -> Target {
        match self.anode {
            Anode::LiMetal { .. } => TARGET_LI_METAL,
            Anode::Composite(_) => TARGET_LI_ION,
        }
    }
}

/// Energy (Wh/kg, Wh/L) and power (W/kg, W/L) of the stack for one
/// discharge: E = C·V̄ per area over the areal mass and the stack thickness;
/// P = i·V̄ likewise.
pub fn stack_energy(stack: &Stack, discharge: &Discharge) -> Result<StackEnergy> {
    stack.validate()?;
    let c = require_non_negative("capacity_c_per_cm2", discharge.capacity_c_per_cm2)?;
    let i = require_positive("current_a_per_cm2", discharge.current_a_per_cm2)?;
    let v = mean_discharge_voltage_v(discharge.start_voltage_v, discharge.end_voltage_v)?;
    let mass_g = stack.areal_mass_g_per_cm2();
    require_positive("stack areal mass", mass_g)?;
    let thickness_cm = stack.thickness_cm(c)?;
    let energy_wh = c * v / 3600.0;
    let power_w = i * v;
    let (kg, litre) = (mass_g * 1e-3, thickness_cm * 1e-3);
    let target = stack.target();
    let (wh_per_kg, wh_per_l) = (energy_wh / kg, energy_wh / litre);
    for (name, x) in [
        ("wh_per_kg", wh_per_kg),
        ("wh_per_l", wh_per_l),
        ("w_per_kg", power_w / kg),
        ("w_per_l", power_w / litre),
    ] {
        if !x.is_finite() {
            return Err(Error::Numerical(format!(
                "{name} is not finite: inputs out of range"
            )));
        }
    }
    Ok(StackEnergy {
        current_a_per_cm2: i,
        delivered_mah_per_cm2: coulomb_to_mah(c),
        mean_voltage_v: v,
        areal_energy_wh_per_cm2: energy_wh,
        areal_mass_g_per_cm2: mass_g,
        stack_thickness_cm: thickness_cm,
        wh_per_kg,
        wh_per_l,
        w_per_kg: power_w / kg,
        w_per_l: power_w / litre,
        target,
        meets_wh_per_kg: wh_per_kg > target.wh_per_kg,
        meets_wh_per_l: wh_per_l > target.wh_per_l,
    })
}

/// Ragone series: [`stack_energy`] at each current, with `discharge_at`
/// giving the discharge at a current (A/cm²), e.g. [`discharge_from_cell`]
/// (Eq. 19, see also [`ragone_eq19`]).
/// Currents must be > 0.
pub fn ragone<F>(
    stack: &Stack,
    currents_a_per_cm2: &[f64],
    mut discharge_at: F,
) -> Result<Vec<StackEnergy>>
where
    F: FnMut(f64) -> Result<Discharge>,
{
    if currents_a_per_cm2.is_empty() {
        return Err(Error::Inconsistent("ragone: no currents given".into()));
    }
    currents_a_per_cm2
        .iter()
        .map(|&i| {
            require_positive("current_a_per_cm2", i)?;
            stack_energy(stack, &discharge_at(i)?)
        })
        .collect()
}

/// `n` (≥ 2) currents evenly spaced in log between `min` and `max` (A/cm²),
/// a convenient axis for [`ragone`].
pub fn log_spaced_currents(min_a_per_cm2: f64, max_a_per_cm2: f64, n: usize) -> Result<Vec<f64>> {
    require_positive("min_a_per_cm2", min_a_per_cm2)?;
    require_positive("max_a_per_cm2", max_a_per_cm2)?;
    if n < 2 || max_a_per_cm2 <= min_a_per_cm2 {
        return Err(Error::Inconsistent(format!(
            "need n >= 2 (got {n}) and max > min (got {} .. {})",
            min_a_per_cm2, max_a_per_cm2
        )));
    }
    Ok(crate::numerics::grid::log_space(
        min_a_per_cm2,
        max_a_per_cm2,
        n,
    ))
}

#[cfg(test)]
mod tests;
