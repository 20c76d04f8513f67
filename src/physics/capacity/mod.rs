//! Delivered capacity of a cell of composite electrodes (CEs) from the
//! reaction-zone model of Kato et al. (the review's Eq. 19), clamped to what
//! the electrodes hold, and the inverse design solves built on it.
//!
//! - [`forward`]: capacity at a current, which limit is active, V(t);
//! - [`inverse`]: largest cathode thickness, smallest SE conductivity and
//!   highest current that still deliver a chosen fraction of the cathode.
//!
//! Units inside: capacity densities q in C/cm³, conductivities in S/cm,
//! thicknesses in cm, current density in A/cm², R_0 in Ω·cm², voltages in V,
//! areal capacities in C/cm² (divide by 3.6 for mAh/cm²), time in s.
//!
//! ```
//! use ionpath::physics::capacity::{delivered_capacity, max_current_a_per_cm2, Cell, Electrode, Limit};
//! // Kato et al.'s graphite/LGPS/LCO cell with a 600 µm cathode.
//! let cell = Cell {
//!     cathode: Electrode { capacity_c_per_cm3: 953.0, sigma_eff_s_per_cm: 0.73e-3, thickness_cm: Some(0.06) },
//!     anode: Some(Electrode { capacity_c_per_cm3: 1298.0, sigma_eff_s_per_cm: 0.21e-3, thickness_cm: None }),
//!     u_c_v: 4.1, u_a_v: 0.1, v_cutoff_v: 2.5, r0_ohm_cm2: 8.0,
//! };
//! let at_6_ma = delivered_capacity(&cell, 6e-3)?;
//! assert_eq!(at_6_ma.limit, Limit::Ohmic);
//! assert!((at_6_ma.capacity_c_per_cm2 / 3.6 - 13.2).abs() < 0.05); // mAh/cm²
//! // The highest current at which it still delivers 80 % of the cathode:
//! let i_max = max_current_a_per_cm2(&cell, 0.8)?;
//! assert!(i_max > 6e-3 && i_max < 7e-3);
//! # Ok::<(), ionpath::Error>(())
//! ```

pub mod forward;
pub mod inverse;

pub use forward::{
    delivered_capacity, discharge_curve, discharge_voltage_v, full_capacity_c_per_cm2,
    reaction_zone_capacity_c_per_cm2, Delivered, DischargePoint,
};
pub use inverse::{
    max_cathode_thickness_cm, max_current_a_per_cm2, min_electrolyte_conductivity_s_per_cm,
};

use std::fmt;

use serde::Serialize;

use crate::error::{require_non_negative, require_positive, Error, Result};

/// One composite electrode as Eq. 19 sees it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Electrode {
    /// q, capacity density of the CE in C/cm³ (1 mAh/cm³ = 3.6 C/cm³), > 0.
    pub capacity_c_per_cm3: f64,
    /// σ_eff, the CE's effective ionic conductivity in S/cm, > 0.
    pub sigma_eff_s_per_cm: f64,
    /// L, thickness in cm, > 0; `None` when unknown (then there is no
    /// "full" bound from this electrode).
    pub thickness_cm: Option<f64>,
}

impl Electrode {
    /// The electrode of `composition` (mass fractions, densities, porosity)
    /// and thickness `thickness_cm`: q from its active material's volume
    /// fraction (voids included), density `active_density_g_per_cm3` and
    /// specific capacity `specific_capacity_mah_per_g`; σ_eff = ε·σ_i/τ
    /// (Eq. 17) with ε its SE fraction with voids, τ `tau`, σ_i
    /// `sigma_i_s_per_cm` (S/cm). The page and `ionpath energy` build their
    /// electrodes here.
    pub fn from_composition(
        composition: &crate::physics::composition::Composition,
        active_density_g_per_cm3: f64,
        specific_capacity_mah_per_g: f64,
        sigma_i_s_per_cm: f64,
        tau: f64,
        thickness_cm: f64,
    ) -> Result<Electrode> {
        require_positive("thickness_cm", thickness_cm)?;
        Ok(Electrode {
            capacity_c_per_cm3: crate::physics::composition::capacity_density_c_per_cm3(
                composition.active_fraction_with_voids(),
                active_density_g_per_cm3,
                specific_capacity_mah_per_g,
            )?,
            sigma_eff_s_per_cm: crate::physics::tortuosity::effective_conductivity_s_per_cm(
                composition.epsilon_with_voids(),
                sigma_i_s_per_cm,
                tau,
            )?,
            thickness_cm: Some(thickness_cm),
        })
    }
}

/// A cell for Eq. 19: a composite cathode, a composite anode or Li metal,
/// the open-circuit potentials, the cut-off and the resistance outside the CEs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    pub cathode: Electrode,
    /// `None`: a half cell against Li metal (no anode term in Eq. 19, no
    /// anode capacity bound).
    pub anode: Option<Electrode>,
    /// U_c, cathode potential in V.
    pub u_c_v: f64,
    /// U_a, anode potential in V (0 V for Li metal).
    pub u_a_v: f64,
    /// V_cutoff, discharge cut-off voltage in V.
    pub v_cutoff_v: f64,
    /// R_0, areal resistance outside the CEs (separator, contacts) in Ω·cm², ≥ 0.
    pub r0_ohm_cm2: f64,
}

/// Which bound sets the delivered capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// Eq. 19's ohmic limit: the voltage reaches V_cutoff first.
    Ohmic,
    /// The cathode is fully used before the cut-off is reached.
    CathodeFull,
    /// The anode is fully used before the cut-off is reached.
    AnodeFull,
    /// Nothing is delivered: R_0·i already takes the whole voltage window.
    NoneDelivered,
}

impl Limit {
    /// The limit's machine name: `ohmic`, `cathode-full`, `anode-full`, `none-delivered`.
    pub fn name(self) -> &'static str {
        match self {
            Limit::Ohmic => "ohmic",
            Limit::CathodeFull => "cathode-full",
            Limit::AnodeFull => "anode-full",
            Limit::NoneDelivered => "none-delivered",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Electrode {
    fn validate(&self, cathode: bool) -> Result<()> {
        let (q, sigma, thickness) = if cathode {
            (
                "cathode.capacity_c_per_cm3",
                "cathode.sigma_eff_s_per_cm",
                "cathode.thickness_cm",
            )
        } else {
            (
                "anode.capacity_c_per_cm3",
                "anode.sigma_eff_s_per_cm",
                "anode.thickness_cm",
            )
        };
        require_positive(q, self.capacity_c_per_cm3)?;
        require_positive(sigma, self.sigma_eff_s_per_cm)?;
        if let Some(l) = self.thickness_cm {
            require_positive(thickness, l)?;
        }
        Ok(())
    }

    /// q·L in C/cm², if the thickness is known.
    pub fn full_capacity_c_per_cm2(&self) -> Option<f64> {
        self.thickness_cm.map(|l| self.capacity_c_per_cm3 * l)
    }
}

impl Cell {
    /// Checks every field's domain; errors name the field.
    pub fn validate(&self) -> Result<()> {
        self.cathode.validate(true)?;
        if let Some(anode) = &self.anode {
            anode.validate(false)?;
        }
        for (name, v) in [
            ("u_c_v", self.u_c_v),
            ("u_a_v", self.u_a_v),
            ("v_cutoff_v", self.v_cutoff_v),
        ] {
            if !v.is_finite() {
                return Err(Error::invalid(name, v, "a finite voltage"));
            }
        }
        require_non_negative("r0_ohm_cm2", self.r0_ohm_cm2)?;
        Ok(())
    }

    /// U_c − U_a − V_cutoff in V: the voltage window before any loss.
    pub fn open_circuit_window_v(&self) -> f64 {
        self.u_c_v - self.u_a_v - self.v_cutoff_v
    }
}

#[cfg(test)]
pub(crate) mod tests;
