//! Inverse design with Eq. 19: what thickness, SE conductivity or current
//! still lets the cell deliver a fraction f of its cathode's capacity.
//!
//! The target throughout is C ≥ f·q_c·L_c (f in (0, 1]) for the clamped
//! capacity of [`super::delivered_capacity`], i.e. min(C_Eq19, q_c·L_c, q_a·L_a) ≥ f·q_c·L_c.
//! Since f ≤ 1 the cathode bound never binds, so this splits into
//! (1) C_Eq19 = K·W(i)/i ≥ f·q_c·L_c, with K = (1/(q_c·σ_c) + 1/(q_a·σ_a))^(−1)
//!     and W(i) = U_c − U_a − V_cutoff − R_0·i, and
//! (2) q_a·L_a ≥ f·q_c·L_c when the anode's thickness is given.
//! C_Eq19 is linear in K, independent of L_c and decreasing in i, so each
//! solve below is closed-form; the derivations are in the doc comments.

use super::forward::zone_conductance;
use super::Cell;
use crate::error::{require_fraction, require_positive, Error, Result};
use crate::physics::tortuosity::Microstructure;

/// (a) The largest cathode thickness L_c (cm) whose capacity q_c·L_c the cell
/// still delivers a fraction `fraction` = f of at `current_a_per_cm2` = i (A/cm²).
///
/// Derivation: C_Eq19 does not depend on L_c, so (1) gives L_c ≤ C_Eq19/(f·q_c)
/// and (2) gives L_c ≤ q_a·L_a/(f·q_c); the answer is the smaller bound.
/// Any `cell.cathode.thickness_cm` is ignored. The anode, if any, keeps its
/// given σ and (optional) thickness.
///
/// Errors when C_Eq19 ≤ 0: R_0·i takes the whole window, so not even an
/// infinitely thin cathode delivers anything at this current.
pub fn max_cathode_thickness_cm(cell: &Cell, current_a_per_cm2: f64, fraction: f64) -> Result<f64> {
    require_fraction("fraction", fraction)?;
    let ohmic = super::reaction_zone_capacity_c_per_cm2(cell, current_a_per_cm2)?;
    if ohmic <= 0.0 {
        return Err(window_exhausted(cell, current_a_per_cm2));
    }
    let anode_bound = cell.anode.and_then(|a| a.full_capacity_c_per_cm2());
    let deliverable = anode_bound.map_or(ohmic, |a| a.min(ohmic));
    finite(deliverable / (fraction * cell.cathode.capacity_c_per_cm3))
}

/// (b) The smallest SE conductivity σ_i (S/cm) with which the cell delivers
/// f·q_c·L_c at i (A/cm²). The cathode's σ_eff comes from σ_i through
/// `cathode` (Bruggeman α, k or a given τ: σ_eff,c = g_c·σ_i with g = ε/τ).
/// `anode`: `Some(m)` if the anode uses the same SE with microstructure m
/// (σ_eff,a = g_a·σ_i); `None` keeps the anode's given σ_eff (or, for a half
/// cell, there is no anode term). Needs `cell.cathode.thickness_cm`;
/// `cell.cathode.sigma_eff_s_per_cm` is ignored.
///
/// Derivation: (1) is K ≥ K* = f·q_c·L_c·i/W(i) (needs W(i) > 0).
/// Half cell: K = q_c·g_c·σ_i, so σ_i = K*/(q_c·g_c).
/// Same SE in both: 1/K = (1/σ_i)·(1/(q_c·g_c) + 1/(q_a·g_a)), so
/// σ_i = K*·(1/(q_c·g_c) + 1/(q_a·g_a)).
/// Fixed anode σ_a: 1/(q_c·σ_c) ≤ D = 1/K* − 1/(q_a·σ_a), so σ_c = 1/(q_c·D)
/// and σ_i = σ_c/g_c; no answer if D ≤ 0 (the anode alone is too resistive).
pub fn min_electrolyte_conductivity_s_per_cm(
    cell: &Cell,
    current_a_per_cm2: f64,
    fraction: f64,
    cathode: &Microstructure,
    anode: Option<&Microstructure>,
) -> Result<f64> {
    require_fraction("fraction", fraction)?;
    cell.validate()?;
    let target = target_c_per_cm2(cell, fraction)?;
    require_positive("current_a_per_cm2", current_a_per_cm2)?;
    let window_v = cell.open_circuit_window_v() - cell.r0_ohm_cm2 * current_a_per_cm2;
    if window_v <= 0.0 {
        return Err(window_exhausted(cell, current_a_per_cm2));
    }
    let k_needed = target * current_a_per_cm2 / window_v;
    let q_c = cell.cathode.capacity_c_per_cm3;
    let g_c = cathode.effective_conductivity_s_per_cm(1.0)?;
    let sigma_i = match (cell.anode, anode) {
        (None, Some(_)) => {
            return Err(Error::Inconsistent(
                "an anode microstructure was given for a half cell against Li metal".into(),
            ))
        }
        (None, None) => k_needed / (q_c * g_c),
        (Some(a), Some(m)) => {
            let g_a = m.effective_conductivity_s_per_cm(1.0)?;
            k_needed * (1.0 / (q_c * g_c) + 1.0 / (a.capacity_c_per_cm3 * g_a))
        }
        (Some(a), None) => {
            let room = 1.0 / k_needed - 1.0 / (a.capacity_c_per_cm3 * a.sigma_eff_s_per_cm);
            if room <= 0.0 {
                return Err(Error::Inconsistent(format!(
                    "the anode's conductivity ({} S/cm) alone keeps the cell below {} of the cathode at {} A/cm²",
                    a.sigma_eff_s_per_cm,
                    fraction,
                    current_a_per_cm2
                )));
            }
            1.0 / (q_c * room * g_c)
        }
    };
    finite(sigma_i)
}

/// (c) The highest current density i (A/cm²) at which the cell still
/// delivers f·q_c·L_c. Needs `cell.cathode.thickness_cm`.
///
/// Derivation: (1) reads K·(W_0 − R_0·i)/i ≥ T with W_0 = U_c − U_a − V_cutoff
/// and T = f·q_c·L_c; multiplying by i > 0, K·W_0 ≥ i·(T + K·R_0), so
/// i* = K·W_0/(T + K·R_0). Errors if W_0 ≤ 0 (no current delivers anything)
/// or if the anode's capacity is below T (no current helps).
pub fn max_current_a_per_cm2(cell: &Cell, fraction: f64) -> Result<f64> {
    require_fraction("fraction", fraction)?;
    cell.validate()?;
    let target = target_c_per_cm2(cell, fraction)?;
    let window_v = cell.open_circuit_window_v();
    if window_v <= 0.0 {
        return Err(Error::Inconsistent(format!(
            "U_c − U_a − V_cutoff = {} V leaves no voltage window at any current",
            window_v
        )));
    }
    let k = zone_conductance(cell);
    finite(k * window_v / (target + k * cell.r0_ohm_cm2))
}

/// T = f·q_c·L_c (C/cm²), after checking that the cathode's thickness is
/// given and that the anode (if its thickness is given) holds at least T.
fn target_c_per_cm2(cell: &Cell, fraction: f64) -> Result<f64> {
    let Some(cathode_full) = cell.cathode.full_capacity_c_per_cm2() else {
        return Err(Error::Inconsistent(
            "this solve needs the cathode thickness".into(),
        ));
    };
    let target = fraction * cathode_full;
    if let Some(anode_full) = cell.anode.and_then(|a| a.full_capacity_c_per_cm2()) {
        if anode_full < target {
            return Err(Error::Inconsistent(format!(
                "the anode holds {} C/cm², less than {} of the cathode's {} C/cm², at any current or conductivity",
                anode_full,
                fraction,
                cathode_full
            )));
        }
    }
    Ok(target)
}

fn window_exhausted(cell: &Cell, current_a_per_cm2: f64) -> Error {
    let window_v = cell.open_circuit_window_v();
    if window_v <= 0.0 {
        return Error::Inconsistent(format!(
            "U_c − U_a − V_cutoff = {window_v} V: U_c − U_a is not above the cut-off, so nothing is delivered at any current"
        ));
    }
    Error::Inconsistent(format!(
        "at {} A/cm² the drop R_0·i = {} V uses the whole window U_c − U_a − V_cutoff = {} V: nothing is delivered, however thin the electrodes",
        current_a_per_cm2,
        cell.r0_ohm_cm2 * current_a_per_cm2,
        cell.open_circuit_window_v()
    ))
}

fn finite(value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(Error::Numerical(format!(
            "design solve gives {} (inputs too extreme)",
            value
        )))
    }
}
