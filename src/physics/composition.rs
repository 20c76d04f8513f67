//! Composition of a composite electrode (CE): mass fractions ↔ volume
//! fractions, porosity, active loading, areal capacity and capacity density
//! (MODELS.md, "Composition").
//!
//! Two bases for volume fractions are used in the literature and both are
//! provided, always named:
//! - **dense**: fractions of the solid volume only, Σφ_k = 1 (what wt% → vol%
//!   conversions give, and what Kato et al. report);
//! - **with voids** (void-inclusive): fractions of the whole electrode volume,
//!   φ_k·(1 − p), Σ = 1 − p.
//!
//! Published tortuosities differ by this choice, so ε always carries its basis.
//!
//! Units: densities in g/cm³, thickness in cm, loading in mg/cm², specific
//! capacity in mAh/g (as every material is quoted), capacities in C (core)
//! with mAh twins for display.

use serde::Serialize;

use crate::error::{require_non_negative, require_positive, Error, Result};
use crate::units::mah_to_coulomb;

/// How far Σw_k (or Σφ_k) may be from 1 and still be accepted (absolute).
pub const FRACTION_SUM_TOLERANCE: f64 = 1e-3;

/// The part a constituent plays in the composite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Active material (stores the charge).
    Active,
    /// Ion conductor: the solid (or polymer) electrolyte; counts towards ε.
    Electrolyte,
    /// Electron conductor (carbon additive).
    Conductor,
    /// Binder or any other inactive, non-conducting constituent.
    Binder,
}

/// One constituent of a composite: its role, mass fraction and density.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constituent {
    pub role: Role,
    /// Mass fraction w_k in [0, 1].
    pub mass_fraction: f64,
    /// Density ρ_k of the dense material, g/cm³.
    pub density_g_per_cm3: f64,
}

/// A validated composite: constituents whose mass fractions sum to 1, and a
/// porosity p in [0, 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Composition {
    constituents: Vec<Constituent>,
    porosity: f64,
}

/// Checks that fractions are finite, ≥ 0 and sum to 1 within
/// [`FRACTION_SUM_TOLERANCE`]; the error says how far off the sum is.
pub fn check_fractions_sum_to_one(name: &'static str, fractions: &[f64]) -> Result<()> {
    if fractions.is_empty() {
        return Err(Error::Inconsistent(format!(
            "{name}: no constituents given"
        )));
    }
    for &f in fractions {
        require_non_negative(name, f)?;
    }
    let sum: f64 = fractions.iter().sum();
    if (sum - 1.0).abs() > FRACTION_SUM_TOLERANCE {
        return Err(Error::Inconsistent(format!(
            "{name} sum to {:.6}, {:+.4}% off 1 (allowed ±{}%)",
            sum,
            (sum - 1.0) * 100.0,
            FRACTION_SUM_TOLERANCE * 100.0
        )));
    }
    Ok(())
}

/// Scales non-negative ratios (e.g. "61/3/36" or "15/3/2/0.2") so they sum to 1.
pub fn normalize_ratios(ratios: &[f64]) -> Result<Vec<f64>> {
    for &r in ratios {
        require_non_negative("ratio", r)?;
    }
    let sum: f64 = ratios.iter().sum();
    require_positive("sum of ratios", sum)?;
    Ok(ratios.iter().map(|r| r / sum).collect())
}

fn check_densities(densities_g_per_cm3: &[f64], n: usize) -> Result<()> {
    if densities_g_per_cm3.len() != n {
        return Err(Error::Inconsistent(format!(
            "{} densities given for {n} constituents",
            densities_g_per_cm3.len()
        )));
    }
    for &rho in densities_g_per_cm3 {
        require_positive("density_g_per_cm3", rho)?;
    }
    Ok(())
}

/// Dense volume fractions from mass fractions: φ_k = (w_k/ρ_k) / Σ_j (w_j/ρ_j).
///
/// `mass_fractions` (–) must sum to 1; `densities_g_per_cm3` > 0, same length.
pub fn dense_volume_fractions(
    mass_fractions: &[f64],
    densities_g_per_cm3: &[f64],
) -> Result<Vec<f64>> {
    check_fractions_sum_to_one("mass fractions", mass_fractions)?;
    check_densities(densities_g_per_cm3, mass_fractions.len())?;
    let specific_volumes: Vec<f64> = mass_fractions
        .iter()
        .zip(densities_g_per_cm3)
        .map(|(w, rho)| w / rho)
        .collect();
    let total: f64 = specific_volumes.iter().sum();
    require_positive("total specific volume", total)?;
    Ok(specific_volumes.iter().map(|v| v / total).collect())
}

/// Mass fractions from dense volume fractions (the inverse of
/// [`dense_volume_fractions`]): w_k = φ_k·ρ_k / Σ_j φ_j·ρ_j.
pub fn mass_fractions_from_dense(
    volume_fractions: &[f64],
    densities_g_per_cm3: &[f64],
) -> Result<Vec<f64>> {
    check_fractions_sum_to_one("volume fractions", volume_fractions)?;
    check_densities(densities_g_per_cm3, volume_fractions.len())?;
    let masses: Vec<f64> = volume_fractions
        .iter()
        .zip(densities_g_per_cm3)
        .map(|(phi, rho)| phi * rho)
        .collect();
    let total: f64 = masses.iter().sum();
    require_positive("total mass", total)?;
    Ok(masses.iter().map(|m| m / total).collect())
}

/// Checks a porosity p: finite and in [0, 1).
pub fn require_porosity(porosity: f64) -> Result<f64> {
    if porosity.is_finite() && (0.0..1.0).contains(&porosity) {
        Ok(porosity)
    } else {
        Err(Error::invalid("porosity", porosity, "a fraction in [0, 1)"))
    }
}

/// Void-inclusive volume fraction from a dense one: φ_k·(1 − p).
pub fn with_voids(dense_fraction: f64, porosity: f64) -> Result<f64> {
    require_non_negative("dense volume fraction", dense_fraction)?;
    Ok(dense_fraction * (1.0 - require_porosity(porosity)?))
}

/// Active-material loading m = φ_AM·ρ_AM·L, in mg/cm².
///
/// `phi_am` is the AM fraction of the *whole* electrode volume (void-inclusive;
/// equal to the dense fraction when p = 0), `rho_am_g_per_cm3` its density,
/// `thickness_cm` the CE thickness L. g/cm² → mg/cm² is the factor 1000.
pub fn active_loading_mg_per_cm2(
    phi_am: f64,
    rho_am_g_per_cm3: f64,
    thickness_cm: f64,
) -> Result<f64> {
    require_non_negative("phi_am", phi_am)?;
    require_positive("rho_am_g_per_cm3", rho_am_g_per_cm3)?;
    require_non_negative("thickness_cm", thickness_cm)?;
    Ok(phi_am * rho_am_g_per_cm3 * thickness_cm * 1e3)
}

/// Areal capacity Q = m·c_AM, in C/cm² (core unit).
///
/// `loading_mg_per_cm2` is m, `specific_capacity_mah_per_g` is c_AM:
/// Q = m·1e-3 (g/mg)·c_AM (mAh/g)·3.6 (C/mAh).
pub fn areal_capacity_c_per_cm2(
    loading_mg_per_cm2: f64,
    specific_capacity_mah_per_g: f64,
) -> Result<f64> {
    Ok(mah_to_coulomb(areal_capacity_mah_per_cm2(
        loading_mg_per_cm2,
        specific_capacity_mah_per_g,
    )?))
}

/// Areal capacity Q = m·c_AM, in mAh/cm² (display twin of
/// [`areal_capacity_c_per_cm2`]).
pub fn areal_capacity_mah_per_cm2(
    loading_mg_per_cm2: f64,
    specific_capacity_mah_per_g: f64,
) -> Result<f64> {
    require_non_negative("loading_mg_per_cm2", loading_mg_per_cm2)?;
    require_non_negative("specific_capacity_mah_per_g", specific_capacity_mah_per_g)?;
    Ok(loading_mg_per_cm2 * 1e-3 * specific_capacity_mah_per_g)
}

/// Capacity density q = φ_AM·ρ_AM·c_AM of a CE, in C/cm³ (the q of Eq. 19).
///
/// `phi_am` as in [`active_loading_mg_per_cm2`]; ρ in g/cm³; c in mAh/g.
pub fn capacity_density_c_per_cm3(
    phi_am: f64,
    rho_am_g_per_cm3: f64,
    specific_capacity_mah_per_g: f64,
) -> Result<f64> {
    Ok(mah_to_coulomb(capacity_density_mah_per_cm3(
        phi_am,
        rho_am_g_per_cm3,
        specific_capacity_mah_per_g,
    )?))
}

/// Capacity density q = φ_AM·ρ_AM·c_AM, in mAh/cm³ (display twin).
pub fn capacity_density_mah_per_cm3(
    phi_am: f64,
    rho_am_g_per_cm3: f64,
    specific_capacity_mah_per_g: f64,
) -> Result<f64> {
    require_non_negative("phi_am", phi_am)?;
    require_positive("rho_am_g_per_cm3", rho_am_g_per_cm3)?;
    require_non_negative("specific_capacity_mah_per_g", specific_capacity_mah_per_g)?;
    Ok(phi_am * rho_am_g_per_cm3 * specific_capacity_mah_per_g)
}

impl Composition {
    /// Validates constituents (mass fractions sum to 1, densities > 0) and porosity.
    pub fn new(constituents: Vec<Constituent>, porosity: f64) -> Result<Self> {
        let w: Vec<f64> = constituents.iter().map(|c| c.mass_fraction).collect();
        let rho: Vec<f64> = constituents.iter().map(|c| c.density_g_per_cm3).collect();
        dense_volume_fractions(&w, &rho)?;
        require_porosity(porosity)?;
        Ok(Composition {
            constituents,
            porosity,
        })
    }

    /// Builds a composition from dense volume fractions (roles and densities given).
    pub fn from_dense_volume_fractions(parts: &[(Role, f64, f64)], porosity: f64) -> Result<Self> {
        let phi: Vec<f64> = parts.iter().map(|p| p.1).collect();
        let rho: Vec<f64> = parts.iter().map(|p| p.2).collect();
        let w = mass_fractions_from_dense(&phi, &rho)?;
        let constituents = parts
            .iter()
            .zip(w)
            .map(
                |(&(role, _, density_g_per_cm3), mass_fraction)| Constituent {
                    role,
                    mass_fraction,
                    density_g_per_cm3,
                },
            )
            .collect();
        Composition::new(constituents, porosity)
    }

    pub fn constituents(&self) -> &[Constituent] {
        &self.constituents
    }

    /// Porosity p (void fraction of the electrode volume).
    pub fn porosity(&self) -> f64 {
        self.porosity
    }

    /// Dense volume fractions φ_k (Σ = 1), in constituent order.
    pub fn dense_volume_fractions(&self) -> Vec<f64> {
        let v: Vec<f64> = self
            .constituents
            .iter()
            .map(|c| c.mass_fraction / c.density_g_per_cm3)
            .collect();
        let total: f64 = v.iter().sum();
        v.iter().map(|x| x / total).collect()
    }

    /// Void-inclusive volume fractions φ_k·(1 − p) (Σ = 1 − p).
    pub fn volume_fractions_with_voids(&self) -> Vec<f64> {
        let solid = 1.0 - self.porosity;
        self.dense_volume_fractions()
            .iter()
            .map(|phi| phi * solid)
            .collect()
    }

    fn dense_fraction_of(&self, role: Role) -> f64 {
        self.constituents
            .iter()
            .zip(self.dense_volume_fractions())
            .filter(|(c, _)| c.role == role)
            .map(|(_, phi)| phi)
            .sum()
    }

    /// ε on the dense basis: SE volume over solid volume.
    pub fn epsilon_dense(&self) -> f64 {
        self.dense_fraction_of(Role::Electrolyte)
    }

    /// ε on the void-inclusive basis: SE volume over electrode volume.
    pub fn epsilon_with_voids(&self) -> f64 {
        self.epsilon_dense() * (1.0 - self.porosity)
    }

    /// Active-material volume fraction of the whole electrode (void-inclusive),
    /// the φ_AM of loading and capacity density.
    pub fn active_fraction_with_voids(&self) -> f64 {
        self.dense_fraction_of(Role::Active) * (1.0 - self.porosity)
    }

    /// Mean density of the dense solid, Σw / Σ(w/ρ), g/cm³.
    pub fn solid_density_g_per_cm3(&self) -> f64 {
        let v: f64 = self
            .constituents
            .iter()
            .map(|c| c.mass_fraction / c.density_g_per_cm3)
            .sum();
        let w: f64 = self.constituents.iter().map(|c| c.mass_fraction).sum();
        w / v
    }

    /// Apparent density of the electrode including voids, (1 − p)·ρ_solid, g/cm³.
    pub fn apparent_density_g_per_cm3(&self) -> f64 {
        (1.0 - self.porosity) * self.solid_density_g_per_cm3()
    }

    /// Active loading of a CE of this composition and thickness, mg/cm²
    /// (active constituents summed by mass).
    pub fn active_loading_mg_per_cm2(&self, thickness_cm: f64) -> Result<f64> {
        require_non_negative("thickness_cm", thickness_cm)?;
        let w_am: f64 = self
            .constituents
            .iter()
            .filter(|c| c.role == Role::Active)
            .map(|c| c.mass_fraction)
            .sum();
        Ok(w_am * self.apparent_density_g_per_cm3() * thickness_cm * 1e3)
    }
}

#[cfg(test)]
mod tests;
