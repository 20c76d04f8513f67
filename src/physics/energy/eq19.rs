//! The discharge predicted by Eq. 19 (the capacity module's reaction-zone
//! model) fed into the stack energy: delivered capacity clamped to what the
//! electrodes hold, and the start and end voltages of the linear V(t).

use super::{ragone, stack_energy, Discharge, Stack, StackEnergy};
use crate::error::Result;
use crate::physics::capacity::{delivered_capacity, discharge_voltage_v, Cell};

/// The discharge Eq. 19 predicts at `current_a_per_cm2` (A/cm²): capacity C
/// from [`delivered_capacity`], V(0) and V(t_d = C/i) from
/// [`discharge_voltage_v`]. When nothing is delivered the voltages are
/// reported as V(0) floored at 0 V (no energy either way).
pub fn discharge_from_cell(cell: &Cell, current_a_per_cm2: f64) -> Result<Discharge> {
    let delivered = delivered_capacity(cell, current_a_per_cm2)?;
    let c = delivered.capacity_c_per_cm2;
    let start = discharge_voltage_v(cell, current_a_per_cm2, 0.0)?;
    if c <= 0.0 {
        let v = start.max(0.0);
        return Ok(Discharge {
            current_a_per_cm2,
            capacity_c_per_cm2: 0.0,
            start_voltage_v: v,
            end_voltage_v: v,
        });
    }
    let end = discharge_voltage_v(cell, current_a_per_cm2, c / current_a_per_cm2)?;
    Ok(Discharge {
        current_a_per_cm2,
        capacity_c_per_cm2: c,
        start_voltage_v: start,
        end_voltage_v: end.max(0.0),
    })
}

/// [`super::stack_energy`] at the Eq. 19 discharge of `cell`.
pub fn stack_energy_eq19(
    stack: &Stack,
    cell: &Cell,
    current_a_per_cm2: f64,
) -> Result<StackEnergy> {
    stack_energy(stack, &discharge_from_cell(cell, current_a_per_cm2)?)
}

/// Ragone series of the stack with Eq. 19 setting the delivered capacity.
pub fn ragone_eq19(
    stack: &Stack,
    cell: &Cell,
    currents_a_per_cm2: &[f64],
) -> Result<Vec<StackEnergy>> {
    ragone(stack, currents_a_per_cm2, |i| discharge_from_cell(cell, i))
}
