//! Ionic conductivity of the solid electrolyte: its temperature dependence
//! (Eq. 1 Arrhenius, in the review's 1/T form and the plain form, and
//! Vogel–Tammann–Fulcher for polymers), its microscopic origin (Eq. 2), and
//! the conversions between conductivity and resistance of a layer (Eq. 3) or
//! a contact (Eq. 20).
//!
//! Units: σ in S/cm, T in K, E_A in eV, lengths in cm, areas in cm²,
//! resistances in Ω. Prefactors carry the units that make σ come out in S/cm
//! (S·K/cm for Eq. 1, S/cm for the plain form, S·K^½/cm for VTF).

use crate::error::{require_non_negative, require_positive, Error, Result};
use crate::numerics::roots::bisect;
use crate::units::BOLTZMANN_EV_PER_K;

/// Which Arrhenius law a prefactor belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrheniusForm {
    /// Eq. 1: σ = (σ0/T)·exp(−E_A/(k_B·T)), σ0 in S·K/cm.
    InverseT,
    /// σ = σ0·exp(−E_A/(k_B·T)), σ0 in S/cm.
    Plain,
}

fn check_arrhenius(activation_ev: f64, temperature_k: f64) -> Result<()> {
    require_non_negative("activation_energy_ev", activation_ev)?;
    require_positive("temperature_k", temperature_k)?;
    Ok(())
}

/// Eq. 1, Arrhenius with the 1/T prefactor: σ(T) = (σ0/T)·exp(−E_A/(k_B·T)).
///
/// `sigma0_s_k_per_cm` = σ0 in S·K/cm, `activation_ev` = E_A in eV (≥ 0),
/// `temperature_k` = T in K; k_B in eV/K. Returns σ in S/cm.
pub fn arrhenius_conductivity_s_per_cm(
    sigma0_s_k_per_cm: f64,
    activation_ev: f64,
    temperature_k: f64,
) -> Result<f64> {
    require_positive("sigma0_s_k_per_cm", sigma0_s_k_per_cm)?;
    check_arrhenius(activation_ev, temperature_k)?;
    let boltzmann = (-activation_ev / (BOLTZMANN_EV_PER_K * temperature_k)).exp();
    Ok(sigma0_s_k_per_cm / temperature_k * boltzmann)
}

/// Plain Arrhenius (the form without 1/T that many papers fit):
/// σ(T) = σ0·exp(−E_A/(k_B·T)), σ0 in S/cm, E_A in eV, T in K → σ in S/cm.
pub fn arrhenius_plain_conductivity_s_per_cm(
    sigma0_s_per_cm: f64,
    activation_ev: f64,
    temperature_k: f64,
) -> Result<f64> {
    require_positive("sigma0_s_per_cm", sigma0_s_per_cm)?;
    check_arrhenius(activation_ev, temperature_k)?;
    Ok(sigma0_s_per_cm * (-activation_ev / (BOLTZMANN_EV_PER_K * temperature_k)).exp())
}

/// The prefactor of Eq. 1 from one measured point: σ0 = σ_ref·T_ref·exp(E_A/(k_B·T_ref)),
/// in S·K/cm, with σ_ref in S/cm at T_ref in K and E_A in eV.
pub fn arrhenius_prefactor_s_k_per_cm(
    sigma_ref_s_per_cm: f64,
    temperature_ref_k: f64,
    activation_ev: f64,
) -> Result<f64> {
    require_positive("sigma_ref_s_per_cm", sigma_ref_s_per_cm)?;
    check_arrhenius(activation_ev, temperature_ref_k)?;
    let exponent = activation_ev / (BOLTZMANN_EV_PER_K * temperature_ref_k);
    finite(
        "sigma0_s_k_per_cm",
        sigma_ref_s_per_cm * temperature_ref_k * exponent.exp(),
    )
}

/// The prefactor of the plain Arrhenius form from one measured point:
/// σ0 = σ_ref·exp(E_A/(k_B·T_ref)) in S/cm (σ_ref in S/cm, T_ref in K, E_A in eV).
pub fn arrhenius_plain_prefactor_s_per_cm(
    sigma_ref_s_per_cm: f64,
    temperature_ref_k: f64,
    activation_ev: f64,
) -> Result<f64> {
    require_positive("sigma_ref_s_per_cm", sigma_ref_s_per_cm)?;
    check_arrhenius(activation_ev, temperature_ref_k)?;
    let exponent = activation_ev / (BOLTZMANN_EV_PER_K * temperature_ref_k);
    finite("sigma0_s_per_cm", sigma_ref_s_per_cm * exponent.exp())
}

/// What a user usually has: σ_ref (S/cm) at T_ref (K) and E_A (eV); returns
/// σ (S/cm) at `temperature_k` under the chosen Arrhenius `form`.
///
/// Computed as a ratio so no large prefactor is formed:
/// Eq. 1: σ = σ_ref·(T_ref/T)·exp(−(E_A/k_B)·(1/T − 1/T_ref));
/// plain: σ = σ_ref·exp(−(E_A/k_B)·(1/T − 1/T_ref)).
pub fn conductivity_at_temperature_s_per_cm(
    form: ArrheniusForm,
    sigma_ref_s_per_cm: f64,
    temperature_ref_k: f64,
    activation_ev: f64,
    temperature_k: f64,
) -> Result<f64> {
    require_positive("sigma_ref_s_per_cm", sigma_ref_s_per_cm)?;
    check_arrhenius(activation_ev, temperature_ref_k)?;
    require_positive("temperature_k", temperature_k)?;
    let exponent =
        -(activation_ev / BOLTZMANN_EV_PER_K) * (1.0 / temperature_k - 1.0 / temperature_ref_k);
    let ratio = match form {
        ArrheniusForm::InverseT => temperature_ref_k / temperature_k * exponent.exp(),
        ArrheniusForm::Plain => exponent.exp(),
    };
    finite("sigma_s_per_cm", sigma_ref_s_per_cm * ratio)
}

/// The lowest temperature (K) at which an Arrhenius conductivity reaches
/// `sigma_target_s_per_cm`, given the prefactor of `form` (S·K/cm for
/// [`ArrheniusForm::InverseT`], S/cm for [`ArrheniusForm::Plain`]) and E_A (eV).
///
/// Plain form, closed: T = E_A / (k_B·ln(σ0/σ)), which needs σ < σ0 and E_A > 0.
/// Eq. 1 has no elementary inverse (it is a Lambert-W problem): σ rises with
/// T only up to T* = E_A/k_B, so the root of ln σ(T) − ln σ_target is found by
/// bisection on (0, T*]; with E_A = 0, σ = σ0/T and T = σ0/σ.
/// Errors when the target is above the largest value the law reaches.
pub fn temperature_for_conductivity_k(
    form: ArrheniusForm,
    sigma0: f64,
    activation_ev: f64,
    sigma_target_s_per_cm: f64,
) -> Result<f64> {
    require_positive("sigma0", sigma0)?;
    require_non_negative("activation_energy_ev", activation_ev)?;
    require_positive("sigma_target_s_per_cm", sigma_target_s_per_cm)?;
    let unreachable = || {
        Error::Inconsistent(format!(
            "conductivity {sigma_target_s_per_cm} S/cm is never reached by this Arrhenius law"
        ))
    };
    match form {
        ArrheniusForm::Plain => {
            let log_ratio = (sigma0 / sigma_target_s_per_cm).ln();
            if activation_ev == 0.0 || log_ratio <= 0.0 {
                return Err(unreachable());
            }
            finite(
                "temperature_k",
                activation_ev / (BOLTZMANN_EV_PER_K * log_ratio),
            )
        }
        ArrheniusForm::InverseT if activation_ev == 0.0 => {
            finite("temperature_k", sigma0 / sigma_target_s_per_cm)
        }
        ArrheniusForm::InverseT => {
            let e_over_k = activation_ev / BOLTZMANN_EV_PER_K;
            let log_sigma = |t: f64| sigma0.ln() - t.ln() - e_over_k / t;
            let target = sigma_target_s_per_cm.ln();
            increasing_branch_root(|t| log_sigma(t) - target, 0.0, e_over_k).ok_or_else(unreachable)
        }
    }
}

/// Vogel–Tammann–Fulcher (the law the review names for polymer electrolytes):
/// σ(T) = A·T^(−1/2)·exp(−B/(T − T0)).
///
/// `a_s_k_half_per_cm` = A in S·K^½/cm, `b_k` = B in K (a pseudo-activation
/// energy over k_B, ≥ 0), `t0_k` = T0 in K (≥ 0), `temperature_k` = T > T0.
pub fn vtf_conductivity_s_per_cm(
    a_s_k_half_per_cm: f64,
    b_k: f64,
    t0_k: f64,
    temperature_k: f64,
) -> Result<f64> {
    require_positive("vtf_a_s_k_half_per_cm", a_s_k_half_per_cm)?;
    check_vtf(b_k, t0_k, temperature_k)?;
    let exponent = -b_k / (temperature_k - t0_k);
    Ok(a_s_k_half_per_cm / temperature_k.sqrt() * exponent.exp())
}

/// The VTF prefactor from one measured point: A = σ_ref·√T_ref·exp(B/(T_ref − T0)),
/// in S·K^½/cm (σ_ref in S/cm, T_ref, B, T0 in K, T_ref > T0).
pub fn vtf_prefactor_s_k_half_per_cm(
    sigma_ref_s_per_cm: f64,
    temperature_ref_k: f64,
    b_k: f64,
    t0_k: f64,
) -> Result<f64> {
    require_positive("sigma_ref_s_per_cm", sigma_ref_s_per_cm)?;
    check_vtf(b_k, t0_k, temperature_ref_k)?;
    let exponent = b_k / (temperature_ref_k - t0_k);
    finite(
        "vtf_a_s_k_half_per_cm",
        sigma_ref_s_per_cm * temperature_ref_k.sqrt() * exponent.exp(),
    )
}

/// The lowest temperature (K) at which a VTF conductivity reaches the target.
///
/// ln σ = ln A − ½·ln T − B/(T − T0) rises with T up to T* = T0 + B + √(B² + 2·B·T0)
/// (where its derivative −1/(2T) + B/(T − T0)² vanishes) and falls after it;
/// the root on (T0, T*] is found by bisection. Errors when σ(T*) < target.
pub fn vtf_temperature_for_conductivity_k(
    a_s_k_half_per_cm: f64,
    b_k: f64,
    t0_k: f64,
    sigma_target_s_per_cm: f64,
) -> Result<f64> {
    require_positive("vtf_a_s_k_half_per_cm", a_s_k_half_per_cm)?;
    require_non_negative("vtf_b_k", b_k)?;
    require_non_negative("vtf_t0_k", t0_k)?;
    require_positive("sigma_target_s_per_cm", sigma_target_s_per_cm)?;
    let target = sigma_target_s_per_cm.ln();
    let f = |t: f64| a_s_k_half_per_cm.ln() - 0.5 * t.ln() - b_k / (t - t0_k) - target;
    if b_k == 0.0 {
        // σ = A/√T falls everywhere: the one temperature is (A/σ)², if above T0.
        let t = (a_s_k_half_per_cm / sigma_target_s_per_cm).powi(2);
        return if t > t0_k && t.is_finite() {
            Ok(t)
        } else {
            Err(Error::Inconsistent(format!(
                "conductivity {sigma_target_s_per_cm} S/cm is never reached by this VTF law"
            )))
        };
    }
    let peak_k = t0_k + b_k + (b_k * b_k + 2.0 * b_k * t0_k).sqrt();
    increasing_branch_root(f, t0_k, peak_k).ok_or_else(|| {
        Error::Inconsistent(format!(
            "conductivity {sigma_target_s_per_cm} S/cm is never reached by this VTF law"
        ))
    })
}

/// Root of an increasing `f` on (`floor`, `peak`]: None if f(peak) < 0.
/// The lower end is found by halving the distance to `floor` until f < 0.
fn increasing_branch_root<F: Fn(f64) -> f64>(f: F, floor: f64, peak: f64) -> Option<f64> {
    let at_peak = f(peak);
    if at_peak.is_nan() || at_peak < 0.0 {
        return None;
    }
    let mut gap = 0.5 * (peak - floor);
    for _ in 0..1100 {
        let lo = floor + gap;
        if lo >= peak || gap <= 0.0 {
            return None;
        }
        let value = f(lo);
        if value < 0.0 || value == f64::NEG_INFINITY {
            return bisect(&f, lo, peak, 1e-14).ok();
        }
        gap *= 0.5;
    }
    None
}

fn check_vtf(b_k: f64, t0_k: f64, temperature_k: f64) -> Result<()> {
    require_non_negative("vtf_b_k", b_k)?;
    require_non_negative("vtf_t0_k", t0_k)?;
    require_positive("temperature_k", temperature_k)?;
    if temperature_k <= t0_k {
        return Err(Error::invalid(
            "temperature_k",
            temperature_k,
            "T > T0 for the VTF law",
        ));
    }
    Ok(())
}

fn finite(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Numerical(format!(
            "{name} overflows (inputs too extreme)"
        )))
    }
}

/// One kind of mobile charge carrier for Eq. 2.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChargeCarrier {
    /// n_k, carriers per cm³ (≥ 0).
    pub density_per_cm3: f64,
    /// q_k, charge per carrier in C (its magnitude is used).
    pub charge_c: f64,
    /// u_k, mobility in cm²/(V·s) (≥ 0).
    pub mobility_cm2_per_v_s: f64,
}

/// Eq. 2: σ = Σ_k n_k·|q_k|·u_k in S/cm, with n_k in cm⁻³, q_k in C and
/// u_k in cm²/(V·s) (cm⁻³·C·cm²·V⁻¹·s⁻¹ = A/(V·cm) = S/cm).
pub fn conductivity_from_carriers_s_per_cm(carriers: &[ChargeCarrier]) -> Result<f64> {
    if carriers.is_empty() {
        return Err(Error::Inconsistent("no charge carriers given".into()));
    }
    let mut sigma = 0.0;
    for carrier in carriers {
        let n = require_non_negative("density_per_cm3", carrier.density_per_cm3)?;
        let q = require_non_negative("charge_c", carrier.charge_c.abs())?;
        let u = require_non_negative("mobility_cm2_per_v_s", carrier.mobility_cm2_per_v_s)?;
        sigma += n * q * u;
    }
    finite("sigma_s_per_cm", sigma)
}

/// Eq. 3: σ = d/(R·A), the conductivity (S/cm) of a layer of thickness
/// `thickness_cm` (d, cm) and area `area_cm2` (A, cm²) whose resistance is
/// `resistance_ohm` (R, Ω), e.g. R_bulk of an SE pellet or R_ion of a CE.
pub fn conductivity_from_resistance_s_per_cm(
    thickness_cm: f64,
    resistance_ohm: f64,
    area_cm2: f64,
) -> Result<f64> {
    require_positive("thickness_cm", thickness_cm)?;
    require_positive("resistance_ohm", resistance_ohm)?;
    require_positive("area_cm2", area_cm2)?;
    finite("sigma_s_per_cm", thickness_cm / (resistance_ohm * area_cm2))
}

/// Eq. 3 inverted: R = d/(σ·A) in Ω, for thickness d (cm), conductivity σ
/// (S/cm) and area A (cm²).
pub fn resistance_from_conductivity_ohm(
    thickness_cm: f64,
    sigma_s_per_cm: f64,
    area_cm2: f64,
) -> Result<f64> {
    require_positive("thickness_cm", thickness_cm)?;
    require_positive("sigma_s_per_cm", sigma_s_per_cm)?;
    require_positive("area_cm2", area_cm2)?;
    finite("resistance_ohm", thickness_cm / (sigma_s_per_cm * area_cm2))
}

/// Eq. 20: R_contact = L_contact/(σ_i·A_contact) in Ω, the resistance of the
/// SE neck between particles, with contact length L_contact (cm), SE
/// conductivity σ_i (S/cm) and contact area A_contact (cm²).
pub fn contact_resistance_ohm(
    contact_length_cm: f64,
    sigma_i_s_per_cm: f64,
    contact_area_cm2: f64,
) -> Result<f64> {
    require_positive("contact_length_cm", contact_length_cm)?;
    require_positive("sigma_i_s_per_cm", sigma_i_s_per_cm)?;
    require_positive("contact_area_cm2", contact_area_cm2)?;
    finite(
        "contact_resistance_ohm",
        contact_length_cm / (sigma_i_s_per_cm * contact_area_cm2),
    )
}

#[cfg(test)]
mod tests;
