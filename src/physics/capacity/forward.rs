//! Eq. 19 forward: the capacity a cell delivers at a current density, the
//! bound that sets it, and the discharge voltage V(t).

use serde::Serialize;

use super::{Cell, Limit};
use crate::error::{require_non_negative, require_positive, Error, Result};

/// What a cell delivers at one current density.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Delivered {
    /// Delivered areal capacity in C/cm², 0 ≤ C ≤ C_full.
    pub capacity_c_per_cm2: f64,
    /// The bound that sets it.
    pub limit: Limit,
    /// C_full = min(q_c·L_c, q_a·L_a) over the electrodes whose thickness is
    /// known, in C/cm²; `None` if no thickness is known.
    pub full_c_per_cm2: Option<f64>,
    /// C/C_full, if C_full is known.
    pub utilisation: Option<f64>,
}

/// One point of a discharge curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DischargePoint {
    /// t in s since the start of the discharge.
    pub time_s: f64,
    /// i·t, the areal capacity passed so far, in C/cm².
    pub capacity_c_per_cm2: f64,
    /// V(t) in V.
    pub voltage_v: f64,
}

/// The conductance product of Eq. 19, K = (1/(q_c·σ_c) + 1/(q_a·σ_a))^(−1),
/// in C·S/cm⁴ (q in C/cm³, σ in S/cm); a half cell drops the anode term, K = q_c·σ_c.
pub(crate) fn zone_conductance(cell: &Cell) -> f64 {
    let cathode = 1.0 / (cell.cathode.capacity_c_per_cm3 * cell.cathode.sigma_eff_s_per_cm);
    let anode = cell
        .anode
        .map_or(0.0, |a| 1.0 / (a.capacity_c_per_cm3 * a.sigma_eff_s_per_cm));
    1.0 / (cathode + anode)
}

/// Eq. 19 before clamping: C = (1/i)·(1/(q_c·σ_c) + 1/(q_a·σ_a))^(−1)·(U_c − U_a − V_cutoff − R_0·i).
///
/// i = `current_a_per_cm2` (A/cm², > 0), q in C/cm³, σ_eff in S/cm, R_0 in
/// Ω·cm², U and V_cutoff in V; C in C/cm² (C/cm³·S/cm·V/(A/cm²) = C/cm²).
/// It is the time t_d at which V(t) of [`discharge_voltage_v`] reaches
/// V_cutoff, times i. Negative when R_0·i exceeds the window; the thicknesses
/// are ignored.
pub fn reaction_zone_capacity_c_per_cm2(cell: &Cell, current_a_per_cm2: f64) -> Result<f64> {
    cell.validate()?;
    require_positive("current_a_per_cm2", current_a_per_cm2)?;
    let window_v = cell.open_circuit_window_v() - cell.r0_ohm_cm2 * current_a_per_cm2;
    finite(zone_conductance(cell) * window_v / current_a_per_cm2)
}

/// C_full = min(q_c·L_c, q_a·L_a) in C/cm² over the electrodes whose
/// thickness is known, with the electrode that sets it ([`Limit::CathodeFull`]
/// or [`Limit::AnodeFull`]; a tie counts as the cathode). `None` if neither
/// thickness is known or the cell is a half cell without L_c.
pub fn full_capacity_c_per_cm2(cell: &Cell) -> Option<(f64, Limit)> {
    let cathode = cell
        .cathode
        .full_capacity_c_per_cm2()
        .map(|c| (c, Limit::CathodeFull));
    let anode = cell
        .anode
        .and_then(|a| a.full_capacity_c_per_cm2())
        .map(|c| (c, Limit::AnodeFull));
    match (cathode, anode) {
        (Some(c), Some(a)) => Some(if a.0 < c.0 { a } else { c }),
        (c, a) => c.or(a),
    }
}

/// Eq. 19 clamped to what the electrodes hold: C = clamp(C_Eq19, 0, C_full),
/// reporting the active bound. C_full as in [`full_capacity_c_per_cm2`].
pub fn delivered_capacity(cell: &Cell, current_a_per_cm2: f64) -> Result<Delivered> {
    let ohmic = reaction_zone_capacity_c_per_cm2(cell, current_a_per_cm2)?;
    let full = full_capacity_c_per_cm2(cell);
    let (capacity, limit) = match full {
        _ if ohmic <= 0.0 => (0.0, Limit::NoneDelivered),
        Some((c_full, which)) if ohmic >= c_full => (c_full, which),
        _ => (ohmic, Limit::Ohmic),
    };
    let full_c_per_cm2 = full.map(|(c, _)| c);
    Ok(Delivered {
        capacity_c_per_cm2: capacity,
        limit,
        full_c_per_cm2,
        utilisation: full_c_per_cm2.map(|c| capacity / c),
    })
}

/// Eq. 19's discharge voltage: V(t) = U_c − U_a − R_0·i − (t/(q_c·σ_c) + t/(q_a·σ_a))·i²,
/// in V, at time `time_s` (s, ≥ 0) of a discharge at i (A/cm²). The reaction
/// zone's depth grows as i·t/q, and so does its ohmic drop.
pub fn discharge_voltage_v(cell: &Cell, current_a_per_cm2: f64, time_s: f64) -> Result<f64> {
    cell.validate()?;
    require_positive("current_a_per_cm2", current_a_per_cm2)?;
    require_non_negative("time_s", time_s)?;
    let i = current_a_per_cm2;
    let ohmic_v = cell.r0_ohm_cm2 * i;
    finite(cell.u_c_v - cell.u_a_v - ohmic_v - time_s * i * i / zone_conductance(cell))
}

/// `points` (2 to 100 000) evenly spaced points of V(t) from t = 0 to the end of the
/// delivered capacity (t_end = C/i, C from [`delivered_capacity`]); when
/// nothing is delivered, the single point t = 0.
pub fn discharge_curve(
    cell: &Cell,
    current_a_per_cm2: f64,
    points: usize,
) -> Result<Vec<DischargePoint>> {
    if !(2..=100_000).contains(&points) {
        return Err(Error::invalid(
            "points",
            points as f64,
            "2 to 100000 points",
        ));
    }
    let delivered = delivered_capacity(cell, current_a_per_cm2)?;
    let t_end = delivered.capacity_c_per_cm2 / current_a_per_cm2;
    let count = if delivered.limit == Limit::NoneDelivered {
        1
    } else {
        points
    };
    let mut curve = Vec::with_capacity(count);
    for k in 0..count {
        let time_s = if count == 1 {
            0.0
        } else {
            t_end * k as f64 / (count - 1) as f64
        };
        curve.push(DischargePoint {
            time_s,
            capacity_c_per_cm2: time_s * current_a_per_cm2,
            voltage_v: discharge_voltage_v(cell, current_a_per_cm2, time_s)?,
        });
    }
    Ok(curve)
}

fn finite(value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Numerical(
            "capacity overflows (inputs too extreme)".into(),
        ))
    }
}
