//! Stack energy of the design at the chosen current (the core's `energy`
//! module fed with Eq. 19's discharge), against the EU SET-Plan targets.

use crate::energy::{stack_energy_eq19, Anode, Layer, Stack, StackEnergy};
use crate::error::{Error, Result};
use crate::materials::find_collector;
use crate::units::um_to_cm;

use super::design::Design;
use super::format::with_unit;
use super::inputs::In;
use super::state::State;
use super::view::Row;

/// The repeat unit of the design: cathode, SE separator, anode, two foils.
pub fn stack(state: &State, d: &Design) -> Result<Stack> {
    let foil_cm = um_to_cm(state.get(In::CollectorUm));
    let density = |id: &str| {
        find_collector(id)
            .map(|c| c.density_g_per_cm3.value)
            .ok_or_else(|| Error::Inconsistent(format!("no collector {id} in the library")))
    };
    let anode = match (d.cell.anode, d.anode_density_g_per_cm3) {
        (Some(a), Some(rho)) => Anode::Composite(Layer {
            thickness_cm: a.thickness_cm.unwrap_or(0.0),
            density_g_per_cm3: rho,
        }),
        _ => Anode::LiMetal {
            excess_thickness_cm: um_to_cm(state.get(In::LiExcessUm)),
        },
    };
    Ok(Stack {
        cathode: Layer {
            thickness_cm: d.cell.cathode.thickness_cm.unwrap_or(0.0),
            density_g_per_cm3: d.cathode.apparent_density_g_per_cm3(),
        },
        separator: Layer {
            thickness_cm: um_to_cm(state.get(In::SeparatorUm)),
            density_g_per_cm3: state.get(In::RhoSe),
        },
        anode,
        cathode_collector: Layer {
            thickness_cm: foil_cm,
            density_g_per_cm3: density("al")?,
        },
        anode_collector: Layer {
            thickness_cm: foil_cm,
            density_g_per_cm3: density("cu")?,
        },
    })
}

fn verdict(value: f64, target: f64, unit: &str, label: &str) -> String {
    let met = if value >= target { "meets" } else { "below" };
    format!(
        "{} ({met} the SET-Plan > {} for {label})",
        with_unit(value, unit),
        with_unit(target, unit)
    )
}

/// Rows: specific energy and energy density of the stack at the current.
pub fn rows(state: &State, d: &Design) -> Vec<Row> {
    let energy: Result<StackEnergy> =
        stack(state, d).and_then(|s| stack_energy_eq19(&s, &d.cell, d.current_a_per_cm2));
    vec![
        Row::from_result(
            "whkg",
            "Specific energy of the stack at i",
            energy
                .as_ref()
                .map(|e| verdict(e.wh_per_kg, e.target.wh_per_kg, "Wh/kg", e.target.label))
                .map_err(Clone::clone),
            None,
        ),
        Row::from_result(
            "whl",
            "Energy density of the stack at i",
            energy
                .as_ref()
                .map(|e| verdict(e.wh_per_l, e.target.wh_per_l, "Wh/L", e.target.label))
                .map_err(Clone::clone),
            None,
        ),
    ]
}
