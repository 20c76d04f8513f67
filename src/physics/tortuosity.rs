//! Tortuosity of the ionic path through a composite electrode (CE): Eq. 17
//! (definition from conductivities), Eq. 18 (Bruggeman, with a free exponent
//! and an optional prefactor), and Eq. 9–10 (cylindrical-pore picture of the
//! transmission line model).
//!
//! Conventions: ε is the solid-electrolyte volume fraction of the CE in
//! (0, 1] (say which basis, dense or with voids, it was computed on); τ is the
//! tortuosity factor of Eq. 17, so σ_eff = ε·σ_i/τ and τ ≥ 1 for real
//! microstructures. Conductivities in S/cm, lengths in cm, areas in cm².

use crate::error::{require_fraction, require_non_negative, require_positive, Error, Result};

/// Eq. 17: τ = ε·σ_i/σ_eff (dimensionless), from the SE volume fraction ε,
/// the pure SE's conductivity σ_i (S/cm) and the CE's effective ionic
/// conductivity σ_eff (S/cm).
pub fn tortuosity_from_conductivities(
    epsilon: f64,
    sigma_i_s_per_cm: f64,
    sigma_eff_s_per_cm: f64,
) -> Result<f64> {
    require_fraction("epsilon", epsilon)?;
    require_positive("sigma_i_s_per_cm", sigma_i_s_per_cm)?;
    require_positive("sigma_eff_s_per_cm", sigma_eff_s_per_cm)?;
    finite(epsilon * sigma_i_s_per_cm / sigma_eff_s_per_cm)
}

/// Eq. 17 solved for the CE's conductivity: σ_eff = ε·σ_i/τ (S/cm).
pub fn effective_conductivity_s_per_cm(
    epsilon: f64,
    sigma_i_s_per_cm: f64,
    tau: f64,
) -> Result<f64> {
    require_fraction("epsilon", epsilon)?;
    require_positive("sigma_i_s_per_cm", sigma_i_s_per_cm)?;
    require_positive("tau", tau)?;
    finite(epsilon * sigma_i_s_per_cm / tau)
}

/// Eq. 18, Bruggeman with a prefactor: τ = k·ε^(−α).
///
/// α ≥ 0 (0.5 for spheres, the review's default; Braun et al. used 0.9),
/// k > 0 (1 for the pure power law; fits of real, void-containing
/// composites often need k > 1).
pub fn bruggeman_tortuosity(epsilon: f64, alpha: f64, k: f64) -> Result<f64> {
    require_fraction("epsilon", epsilon)?;
    require_non_negative("alpha", alpha)?;
    require_positive("k", k)?;
    finite(k * epsilon.powf(-alpha))
}

/// Eq. 18 inserted in Eq. 17: σ_eff = σ_i·ε^(1+α)/k (S/cm).
pub fn bruggeman_effective_conductivity_s_per_cm(
    sigma_i_s_per_cm: f64,
    epsilon: f64,
    alpha: f64,
    k: f64,
) -> Result<f64> {
    require_positive("sigma_i_s_per_cm", sigma_i_s_per_cm)?;
    require_fraction("epsilon", epsilon)?;
    require_non_negative("alpha", alpha)?;
    require_positive("k", k)?;
    finite(sigma_i_s_per_cm * epsilon.powf(1.0 + alpha) / k)
}

/// Eq. 18 solved for the exponent with k = 1: α = −ln τ / ln ε, from one
/// measured pair (ε, τ). Needs ε < 1 (at ε = 1 every α gives τ = 1) and
/// τ ≥ 1 (else α < 0).
pub fn bruggeman_exponent(epsilon: f64, tau: f64) -> Result<f64> {
    require_fraction("epsilon", epsilon)?;
    if epsilon >= 1.0 {
        return Err(Error::invalid(
            "epsilon",
            epsilon,
            "< 1 to determine the Bruggeman exponent",
        ));
    }
    if !(tau.is_finite() && tau >= 1.0) {
        return Err(Error::invalid("tau", tau, "a finite number >= 1"));
    }
    finite(-tau.ln() / epsilon.ln())
}

/// Eq. 9, cylindrical pores: R_ion = L·r_ion·π·r²/(A·ε) in Ω.
///
/// The review (after Kaiser et al.) models the SE as straight cylindrical
/// pores of radius r (cm) running through the CE's thickness L (cm);
/// `r_ion_ohm_per_cm` is the ionic resistance per unit length of ONE pore
/// (Ω/cm; the review prints the unit as "Ω cm", but only Ω/cm makes Eq. 9
/// come out in Ω). A·ε/(π·r²) is the number of pores in area A (cm²), so
/// Eq. 9 is one pore's resistance L·r_ion divided by the number in parallel.
pub fn pore_ionic_resistance_ohm(
    thickness_cm: f64,
    r_ion_ohm_per_cm: f64,
    pore_radius_cm: f64,
    area_cm2: f64,
    epsilon: f64,
) -> Result<f64> {
    require_positive("thickness_cm", thickness_cm)?;
    require_positive("r_ion_ohm_per_cm", r_ion_ohm_per_cm)?;
    require_positive("pore_radius_cm", pore_radius_cm)?;
    require_positive("area_cm2", area_cm2)?;
    require_fraction("epsilon", epsilon)?;
    let pore_area_cm2 = std::f64::consts::PI * pore_radius_cm * pore_radius_cm;
    finite(thickness_cm * r_ion_ohm_per_cm * pore_area_cm2 / (area_cm2 * epsilon))
}

/// Eq. 10, cylindrical pores: C_dl = c_dl·L·A·ε/r in F, with thickness L
/// (cm), area A (cm²), SE fraction ε and pore radius r (cm).
///
/// For C_dl to come out in F, `c_dl_f_per_cm2` must be a capacitance per
/// unit pore-wall area (F/cm²), although the review calls it "per unit
/// length". The pores' total wall area is N·2π·r·L = 2·A·ε·L/r, so Eq. 10 as
/// printed equals c_dl times HALF that area; it is implemented as printed.
pub fn pore_double_layer_capacitance_f(
    c_dl_f_per_cm2: f64,
    thickness_cm: f64,
    area_cm2: f64,
    epsilon: f64,
    pore_radius_cm: f64,
) -> Result<f64> {
    require_positive("c_dl_f_per_cm2", c_dl_f_per_cm2)?;
    require_positive("thickness_cm", thickness_cm)?;
    require_positive("area_cm2", area_cm2)?;
    require_fraction("epsilon", epsilon)?;
    require_positive("pore_radius_cm", pore_radius_cm)?;
    finite(c_dl_f_per_cm2 * thickness_cm * area_cm2 * epsilon / pore_radius_cm)
}

/// How a CE's microstructure turns the SE's σ_i into σ_eff: either the
/// Bruggeman law (Eq. 18) or a known tortuosity (Eq. 17).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Microstructure {
    /// τ = k·ε^(−α).
    Bruggeman { epsilon: f64, alpha: f64, k: f64 },
    /// A measured or assumed τ.
    Tortuosity { epsilon: f64, tau: f64 },
}

impl Microstructure {
    /// The tortuosity factor τ of this microstructure.
    pub fn tortuosity(&self) -> Result<f64> {
        match *self {
            Microstructure::Bruggeman { epsilon, alpha, k } => {
                bruggeman_tortuosity(epsilon, alpha, k)
            }
            Microstructure::Tortuosity { epsilon, tau } => {
                require_fraction("epsilon", epsilon)?;
                require_positive("tau", tau)
            }
        }
    }

    /// σ_eff (S/cm) for an SE of conductivity σ_i (S/cm): Eq. 17 with τ.
    pub fn effective_conductivity_s_per_cm(&self, sigma_i_s_per_cm: f64) -> Result<f64> {
        match *self {
            Microstructure::Bruggeman { epsilon, alpha, k } => {
                bruggeman_effective_conductivity_s_per_cm(sigma_i_s_per_cm, epsilon, alpha, k)
            }
            Microstructure::Tortuosity { epsilon, tau } => {
                effective_conductivity_s_per_cm(epsilon, sigma_i_s_per_cm, tau)
            }
        }
    }

    /// σ_i (S/cm) that gives the CE the conductivity σ_eff (S/cm): Eq. 17
    /// solved for σ_i, σ_i = τ·σ_eff/ε.
    pub fn electrolyte_conductivity_s_per_cm(&self, sigma_eff_s_per_cm: f64) -> Result<f64> {
        require_positive("sigma_eff_s_per_cm", sigma_eff_s_per_cm)?;
        let tau = self.tortuosity()?;
        let epsilon = match *self {
            Microstructure::Bruggeman { epsilon, .. }
            | Microstructure::Tortuosity { epsilon, .. } => epsilon,
        };
        finite(tau * sigma_eff_s_per_cm / epsilon)
    }
}

fn finite(value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Numerical(
            "result overflows (inputs too extreme)".into(),
        ))
    }
}

#[cfg(test)]
mod tests;
