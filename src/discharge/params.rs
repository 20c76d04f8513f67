//! Parameters of the homogenised cell, in core units, with their checks and
//! the derived quantities the model uses (σ_i(T), σ_i,eff, a, capacities).
//!
//! Units: lengths cm, conductivities S/cm, D_s cm²/s, c_max mol/cm³, i0 and
//! currents A/cm², R_0 Ω·cm², potentials V, T K, E_A eV.

use crate::error::{require_fraction, require_non_negative, require_positive, Error, Result};
use crate::physics::conductivity::{conductivity_at_temperature_s_per_cm, ArrheniusForm};
use crate::physics::tortuosity::Microstructure;

use super::ocp::{Ocp, FARADAY_C_PER_MOL};

/// The temperature at which σ_i is given when an activation energy scales it, K (25 °C).
pub const REFERENCE_TEMPERATURE_K: f64 = 298.15;

/// One composite electrode: SE (fraction ε, path factor τ), active spheres
/// (fraction ε_AM, radius r), an electronic network (σ_e,eff).
#[derive(Debug, Clone, PartialEq)]
pub struct ElectrodeParams {
    /// L, thickness in cm.
    pub thickness_cm: f64,
    /// ε and τ of the SE: τ given, or Bruggeman τ = k·ε^(−α) (Eq. 17/18).
    pub microstructure: Microstructure,
    /// ε_AM, the active material's volume fraction; ε + ε_AM ≤ 1.
    pub active_fraction: f64,
    /// σ_e,eff, the electrode's effective electronic conductivity in S/cm.
    pub sigma_e_eff_s_per_cm: f64,
    /// r, particle radius in cm.
    pub radius_cm: f64,
    /// D_s, solid diffusivity of Li in the active material, cm²/s.
    pub diffusivity_cm2_per_s: f64,
    /// c_max, mol/cm³ (1 mol/L = 1e-3 mol/cm³).
    pub c_max_mol_per_cm3: f64,
    /// θ0, the stoichiometry at the start of the discharge, in (0, 1).
    pub theta0: f64,
    /// i0,ref, exchange current density at θ = ½, A/cm² of particle surface.
    pub i0_ref_a_per_cm2: f64,
    /// U(θ).
    pub ocp: Ocp,
}

/// The negative electrode.
#[derive(Debug, Clone, PartialEq)]
pub enum Anode {
    /// Li metal with no overpotential: a half cell.
    LiMetal,
    /// A composite anode (graphite, LTO, Si–SE…) in the same form as the cathode.
    Composite(ElectrodeParams),
}

/// The whole cell and its operating conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct CellParams {
    pub cathode: ElectrodeParams,
    pub anode: Anode,
    /// σ_i of the SE in S/cm, at [`REFERENCE_TEMPERATURE_K`] when an
    /// activation energy is given, else at any temperature.
    pub sigma_i_s_per_cm: f64,
    /// E_A of the SE in eV: σ_i(T) by Eq. 1 (Arrhenius with 1/T) when given.
    pub activation_energy_ev: Option<f64>,
    /// Separator (SE layer) thickness in cm, ≥ 0.
    pub separator_thickness_cm: f64,
    /// Separator conductivity in S/cm; None: the SE's σ_i(T).
    pub separator_sigma_s_per_cm: Option<f64>,
    /// R_0, series resistance outside the electrodes and separator, Ω·cm².
    pub r0_ohm_cm2: f64,
    /// V_cutoff of the discharge, V.
    pub v_cutoff_v: f64,
    /// T, K.
    pub temperature_k: f64,
}

fn in_context(side: &str, e: Error) -> Error {
    match e {
        Error::InvalidParameter {
            name,
            value,
            expected,
        } => Error::Inconsistent(format!(
            "{side}.{name} = {value} is invalid: expected {expected}"
        )),
        other => other,
    }
}

impl ElectrodeParams {
    /// ε, the SE's volume fraction.
    pub fn epsilon(&self) -> f64 {
        match self.microstructure {
            Microstructure::Bruggeman { epsilon, .. }
            | Microstructure::Tortuosity { epsilon, .. } => epsilon,
        }
    }

    /// Checks every field; errors name the electrode (`side`) and the field.
    pub fn validate(&self, side: &str) -> Result<()> {
        let check = || -> Result<()> {
            require_positive("thickness_cm", self.thickness_cm)?;
            self.microstructure.tortuosity()?;
            require_fraction("active_fraction", self.active_fraction)?;
            if self.epsilon() + self.active_fraction > 1.0 + 1e-12 {
                return Err(Error::Inconsistent(format!(
                    "epsilon + active_fraction = {} exceeds 1",
                    self.epsilon() + self.active_fraction
                )));
            }
            require_positive("sigma_e_eff_s_per_cm", self.sigma_e_eff_s_per_cm)?;
            require_positive("radius_cm", self.radius_cm)?;
            require_positive("diffusivity_cm2_per_s", self.diffusivity_cm2_per_s)?;
            require_positive("c_max_mol_per_cm3", self.c_max_mol_per_cm3)?;
            if !(self.theta0 > 0.0 && self.theta0 < 1.0) {
                return Err(Error::invalid(
                    "theta0",
                    self.theta0,
                    "a stoichiometry in (0, 1)",
                ));
            }
            require_positive("i0_ref_a_per_cm2", self.i0_ref_a_per_cm2)?;
            Ok(())
        };
        check().map_err(|e| match e {
            Error::Inconsistent(m) => Error::Inconsistent(format!("{side}: {m}")),
            other => in_context(side, other),
        })
    }

    /// a = 3·ε_AM/r, the particle surface per electrode volume, 1/cm.
    pub fn specific_area_per_cm(&self) -> f64 {
        3.0 * self.active_fraction / self.radius_cm
    }

    /// σ_i,eff = σ_i·ε/τ (Eq. 17, τ given or by Eq. 18) in S/cm.
    pub fn sigma_i_eff_s_per_cm(&self, sigma_i_s_per_cm: f64) -> Result<f64> {
        self.microstructure
            .effective_conductivity_s_per_cm(sigma_i_s_per_cm)
    }

    /// ε_AM·L·c_max·F, the charge per unit area that moves θ by 1, C/cm².
    pub fn charge_per_stoichiometry_c_per_cm2(&self) -> f64 {
        self.active_fraction * self.thickness_cm * self.c_max_mol_per_cm3 * FARADAY_C_PER_MOL
    }

    /// Charge the electrode holds per unit area between θ0 and `theta`:
    /// ε_AM·L·c_max·F·|θ − θ0|, in C/cm².
    pub fn capacity_to_c_per_cm2(&self, theta: f64) -> f64 {
        self.charge_per_stoichiometry_c_per_cm2() * (theta - self.theta0).abs()
    }
}

impl CellParams {
    /// Checks every field; errors name the field (and electrode).
    pub fn validate(&self) -> Result<()> {
        self.cathode.validate("cathode")?;
        if let Anode::Composite(anode) = &self.anode {
            anode.validate("anode")?;
        }
        require_positive("sigma_i_s_per_cm", self.sigma_i_s_per_cm)?;
        if let Some(ea) = self.activation_energy_ev {
            require_non_negative("activation_energy_ev", ea)?;
        }
        require_non_negative("separator_thickness_cm", self.separator_thickness_cm)?;
        if let Some(s) = self.separator_sigma_s_per_cm {
            require_positive("separator_sigma_s_per_cm", s)?;
        }
        require_non_negative("r0_ohm_cm2", self.r0_ohm_cm2)?;
        if !self.v_cutoff_v.is_finite() {
            return Err(Error::invalid(
                "v_cutoff_v",
                self.v_cutoff_v,
                "a finite voltage",
            ));
        }
        require_positive("temperature_k", self.temperature_k)?;
        self.sigma_i_at_temperature_s_per_cm()?;
        Ok(())
    }

    /// σ_i at T: Eq. 1, σ(T) = σ_ref·(T_ref/T)·exp(−(E_A/k_B)(1/T − 1/T_ref)),
    /// when an activation energy is given; else σ_i as given.
    pub fn sigma_i_at_temperature_s_per_cm(&self) -> Result<f64> {
        match self.activation_energy_ev {
            Some(ea) => conductivity_at_temperature_s_per_cm(
                ArrheniusForm::InverseT,
                self.sigma_i_s_per_cm,
                REFERENCE_TEMPERATURE_K,
                ea,
                self.temperature_k,
            ),
            None => require_positive("sigma_i_s_per_cm", self.sigma_i_s_per_cm),
        }
    }

    /// R_sep + R_0 = L_sep/σ_sep + R_0 in Ω·cm², the resistance in series
    /// with the electrodes.
    pub fn series_resistance_ohm_cm2(&self) -> Result<f64> {
        let sigma_sep = match self.separator_sigma_s_per_cm {
            Some(s) => s,
            None => self.sigma_i_at_temperature_s_per_cm()?,
        };
        Ok(self.separator_thickness_cm / sigma_sep + self.r0_ohm_cm2)
    }
}
