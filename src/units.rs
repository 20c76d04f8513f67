//! Unit conversions, used only at the edges (CLI flags, page fields, display).
//! Inside the core everything is in the "SI-ish" units of MODELS.md:
//! cm, S/cm, A/cm², C/cm³, Ω·cm², F, K, V, eV.

/// Coulombs in one mAh (1 mAh = 3.6 C).
pub const COULOMB_PER_MAH: f64 = 3.6;
/// Boltzmann constant in eV/K.
pub const BOLTZMANN_EV_PER_K: f64 = 8.617_333_262e-5;
/// 0 °C in kelvin.
pub const ZERO_CELSIUS_K: f64 = 273.15;

/// kJ/mol in one eV per particle (N_A·e/1000 = F/1000, exact in SI 2019).
pub const KJ_PER_MOL_PER_EV: f64 = 96.485_332_12;

/// eV (per particle) → kJ/mol.
pub fn ev_to_kj_per_mol(ev: f64) -> f64 {
    ev * KJ_PER_MOL_PER_EV
}

/// µm → cm.
pub fn um_to_cm(um: f64) -> f64 {
    um * 1e-4
}
/// cm → µm.
pub fn cm_to_um(cm: f64) -> f64 {
    cm * 1e4
}
/// mS/cm → S/cm.
pub fn ms_to_s(ms_per_cm: f64) -> f64 {
    ms_per_cm * 1e-3
}
/// S/cm → mS/cm.
pub fn s_to_ms(s_per_cm: f64) -> f64 {
    s_per_cm * 1e3
}
/// mA/cm² → A/cm².
pub fn ma_to_a(ma_per_cm2: f64) -> f64 {
    ma_per_cm2 * 1e-3
}
/// A/cm² → mA/cm².
pub fn a_to_ma(a_per_cm2: f64) -> f64 {
    a_per_cm2 * 1e3
}
/// mAh (per cm² or cm³) → C (per the same).
pub fn mah_to_coulomb(mah: f64) -> f64 {
    mah * COULOMB_PER_MAH
}
/// C (per cm² or cm³) → mAh (per the same).
pub fn coulomb_to_mah(coulomb: f64) -> f64 {
    coulomb / COULOMB_PER_MAH
}
/// °C → K.
pub fn celsius_to_kelvin(celsius: f64) -> f64 {
    celsius + ZERO_CELSIUS_K
}
/// K → °C.
pub fn kelvin_to_celsius(kelvin: f64) -> f64 {
    kelvin - ZERO_CELSIUS_K
}

#[cfg(test)]
mod tests;
