//! The design workspace's plots: capacity against current density for this
//! design and other thicknesses, the utilisation map over thickness × ε,
//! τ against ε and the stack's Ragone plot, from [`crate::plot`].

use crate::error::{Error, Result};
use crate::materials::tortuosity_data::{EpsilonBasis, TAU_SERIES};
use crate::numerics::grid::{lin_space, log_space};
use crate::physics::energy::{log_spaced_currents, stack_energy_eq19};
use crate::plot::{
    capacity_vs_current, ragone_plot, tau_vs_epsilon, utilisation_map, Curve, Figure, LitPoint,
};
use crate::units::{cm_to_um, um_to_cm};

use super::super::choices::TauMode;
use super::super::format::number;
use super::super::inputs::In;
use super::super::state::State;
use super::super::view::{plot_view, PlotView};
use super::model::{
    capacity_curve, cell_with_thickness, microstructure, stack, utilisation_grid, Design, MAP_CELLS,
};
use crate::physics::capacity::delivered_capacity;

/// Points per capacity curve.
pub const CURVE_POINTS: usize = 60;

/// The review's literature τ–ε series as plot points, each labelled with
/// the basis of its ε (published τ differ by that choice).
pub fn literature_points() -> Vec<LitPoint> {
    TAU_SERIES
        .iter()
        .flat_map(|series| {
            let basis = match series.epsilon_basis {
                EpsilonBasis::Dense => "dense ε",
                EpsilonBasis::WithVoids => "ε with voids",
            };
            let source = format!("{} ({basis})", series.label);
            series.points.iter().map(move |p| LitPoint {
                source: source.clone(),
                eps: p.epsilon,
                tau: p.tau,
                tau_err: p.tau_uncertainty,
            })
        })
        .collect()
}

/// The currents of the capacity plot's curves, A/cm²: 0.01 … 1000 mA/cm².
pub fn capacity_currents_a_per_cm2() -> Vec<f64> {
    log_space(1e-5, 1.0, CURVE_POINTS)
}

/// The plots of the design workspace.
pub fn plots(state: &State, d: &Design) -> Vec<PlotView> {
    let currents = capacity_currents_a_per_cm2();
    let l = d.cell.cathode.thickness_cm.unwrap_or(um_to_cm(100.0));
    let curves: Vec<Curve> = [1.0, 0.5, 2.0]
        .iter()
        .map(|&factor| {
            let (x, y) = capacity_curve(&cell_with_thickness(d, l * factor), &currents);
            let label = format!("L = {} µm", number(cm_to_um(l * factor)));
            Curve { label, x, y }
        })
        .collect();
    let here = delivered_capacity(&d.cell, d.current_a_per_cm2).ok();
    let capacity = Ok(capacity_vs_current(
        &curves,
        here.map(|x| (d.current_a_per_cm2, x.capacity_c_per_cm2)),
        d.cell.cathode.full_capacity_c_per_cm2(),
    ));
    let map = utilisation_grid(state, d, MAP_CELLS)
        .and_then(|g| utilisation_map(&g, Some((l, d.epsilon))));
    let eps = lin_space(0.05, 1.0, 40);
    let tau_model: Vec<f64> = eps
        .iter()
        .map(|&e| {
            microstructure(state, e, In::TauMeasured)
                .tortuosity()
                .unwrap_or(f64::NAN)
        })
        .collect();
    let label = if state.choice::<TauMode>() == TauMode::Bruggeman {
        format!(
            "τ = {}·ε^−{}",
            number(state.get(In::BruggemanK)),
            number(state.get(In::Alpha))
        )
    } else {
        "measured τ (held constant)".to_string()
    };
    let tau = Ok(tau_vs_epsilon(
        &Curve {
            label,
            x: eps,
            y: tau_model,
        },
        &literature_points(),
        Some((d.epsilon, d.tau)),
    ));
    vec![
        plot_view("capacity", capacity),
        plot_view("utilisation", map),
        plot_view("tau", tau),
        plot_view("ragone", ragone_figure(state, d)),
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
