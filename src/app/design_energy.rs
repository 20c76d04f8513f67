//! Stack energy of the design at the chosen current (the core's `energy`
//! module fed with Eq. 19's discharge), against the EU SET-Plan targets.

use crate::energy::{log_spaced_currents, stack_energy_eq19, Anode, Layer, Stack, StackEnergy};
use crate::error::{Error, Result};
use crate::materials::find_collector;
use crate::plot::{ragone_plot, Curve, Figure};
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

/// Currents of the Ragone plot (A/cm²): 0.01 … 1000 mA/cm².
pub const RAGONE_CURRENTS: (f64, f64, usize) = (1e-5, 1.0, 30);

/// Ragone plot of the stack: Eq. 19's energy (Wh/kg) against power (W/kg)
/// over [`RAGONE_CURRENTS`], currents that deliver nothing left out (log
/// axes), the design's current marked and the SET-Plan Wh/kg as a line.
pub fn ragone_figure(state: &State, d: &Design) -> Result<Figure> {
    let stack = stack(state, d)?;
    let (lo, hi, n) = RAGONE_CURRENTS;
    let (x, y): (Vec<f64>, Vec<f64>) = log_spaced_currents(lo, hi, n)?
        .into_iter()
        .filter_map(|i| stack_energy_eq19(&stack, &d.cell, i).ok())
        .filter(|e| e.wh_per_kg > 0.0 && e.w_per_kg > 0.0)
        .map(|e| (e.w_per_kg, e.wh_per_kg))
        .unzip();
    if x.len() < 2 {
        return Err(Error::Numerical(
            "the stack delivers energy at fewer than two currents".into(),
        ));
    }
    let here = stack_energy_eq19(&stack, &d.cell, d.current_a_per_cm2).ok();
    let target = stack.target();
    let curve = Curve {
        label: "stack, Eq. 19".into(),
        x,
        y,
    };
    Ok(ragone_plot(
        &curve,
        here.filter(|e| e.wh_per_kg > 0.0)
            .map(|e| (e.w_per_kg, e.wh_per_kg)),
        Some((
            &format!("SET-Plan target ({})", target.label),
            target.wh_per_kg,
        )),
    ))
}
