//! The design workspace's plots: capacity against current density for this
//! design and other thicknesses, the utilisation map over thickness × ε,
//! τ against ε and the stack's Ragone plot. The sweeps vary one input of
//! the core's cell at a time; the figures come from [`crate::plot`].

use super::choices::TauMode;
use crate::capacity::{delivered_capacity, Cell, Electrode};
use crate::composition::capacity_density_c_per_cm3;
use crate::error::{Error, Result};
use crate::materials::tortuosity_data::{EpsilonBasis, TAU_SERIES};
use crate::plot::{capacity_vs_current, tau_vs_epsilon, utilisation_map, Curve, Grid, LitPoint};
use crate::units::{cm_to_um, um_to_cm};

use super::design::{microstructure, Design};
use super::format::number;
use super::inputs::In;
use super::state::State;
use super::view::{plot_view, PlotView};

/// Side of the utilisation map, in cells.
pub const MAP_CELLS: usize = 64;
/// Points per capacity curve.
pub const CURVE_POINTS: usize = 60;

/// `n` ≥ 2 values from `lo` to `hi` (both > 0) equally spaced in log.
pub fn log_space(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (a, b) = (lo.log10(), hi.log10());
    (0..n)
        .map(|k| 10f64.powf(a + (b - a) * k as f64 / (n.max(2) - 1) as f64))
        .collect()
}

/// `n` ≥ 2 values from `lo` to `hi` equally spaced.
pub fn lin_space(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|k| lo + (hi - lo) * k as f64 / (n.max(2) - 1) as f64)
        .collect()
}

/// The design's cell with a cathode of SE fraction `epsilon` (voids
/// included): the porosity and the active : carbon volume ratio are kept,
/// so q_c changes with ε; σ_eff follows the chosen τ model (a measured τ is
/// kept as it is).
pub fn cell_with_epsilon(state: &State, d: &Design, epsilon: f64) -> Result<Cell> {
    let porosity = d.cathode.porosity();
    let solid = 1.0 - porosity;
    let se_dense = epsilon / solid;
    if !(epsilon > 0.0 && se_dense <= 1.0) {
        return Err(Error::invalid("epsilon", epsilon, "in (0, 1 − porosity]"));
    }
    let dense = d.cathode.dense_volume_fractions();
    let (am, carbon) = (
        dense.first().copied().unwrap_or(0.0),
        dense.get(2).copied().unwrap_or(0.0),
    );
    let am_share = if am + carbon > 0.0 {
        am / (am + carbon)
    } else {
        1.0
    };
    let phi_am = (1.0 - se_dense) * am_share * solid;
    let micro = microstructure(state, epsilon, In::TauMeasured);
    let cathode = Electrode {
        capacity_c_per_cm3: capacity_density_c_per_cm3(
            phi_am,
            d.cathode_rho_am_g_per_cm3,
            d.cathode_cap_mah_per_g,
        )?,
        sigma_eff_s_per_cm: micro.effective_conductivity_s_per_cm(d.sigma_i_s_per_cm)?,
        thickness_cm: d.cell.cathode.thickness_cm,
    };
    Ok(Cell { cathode, ..d.cell })
}

/// The design's cell with cathode thickness `thickness_cm`.
pub fn cell_with_thickness(d: &Design, thickness_cm: f64) -> Cell {
    let mut cell = d.cell;
    cell.cathode.thickness_cm = Some(thickness_cm);
    cell
}

/// Delivered capacity (C/cm²) of `cell` at each current (A/cm²); currents
/// at which nothing is delivered (or the core refuses the cell) are left
/// out, since the plot's axes are logarithmic.
pub fn capacity_curve(cell: &Cell, currents_a_per_cm2: &[f64]) -> (Vec<f64>, Vec<f64>) {
    currents_a_per_cm2
        .iter()
        .filter_map(|&i| {
            delivered_capacity(cell, i)
                .ok()
                .map(|d| (i, d.capacity_c_per_cm2))
        })
        .filter(|&(_, c)| c > 0.0)
        .unzip()
}

/// Thickness range of the utilisation map, cm: up to twice the design's
/// thickness (at least 200 µm).
pub fn map_thickness_range_cm(d: &Design) -> (f64, f64) {
    let l = d.cell.cathode.thickness_cm.unwrap_or(um_to_cm(100.0));
    let hi = (2.0 * l).max(um_to_cm(200.0));
    (hi / MAP_CELLS as f64, hi)
}

/// ε range of the utilisation map: 0.05 to 0.95·(1 − porosity).
pub fn map_epsilon_range(d: &Design) -> (f64, f64) {
    (0.05, 0.95 * (1.0 - d.cathode.porosity()))
}

/// Utilisation (0…1, NaN where the core has no answer) over thickness × ε,
/// `values[iy * nx + ix]` as [`Grid`] wants, at cell centres.
pub fn utilisation_grid(state: &State, d: &Design, n: usize) -> Result<Grid> {
    let (l_lo, l_hi) = map_thickness_range_cm(d);
    let (e_lo, e_hi) = map_epsilon_range(d);
    let centre = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * (k as f64 + 0.5) / n as f64;
    let mut values = Vec::with_capacity(n * n);
    for iy in 0..n {
        let cell = cell_with_epsilon(state, d, centre(e_lo, e_hi, iy));
        for ix in 0..n {
            let u = cell
                .as_ref()
                .ok()
                .map(|c| cell_with_thickness_of(c, centre(l_lo, l_hi, ix)))
                .and_then(|c| delivered_capacity(&c, d.current_a_per_cm2).ok())
                .and_then(|x| x.utilisation)
                .unwrap_or(f64::NAN);
            values.push(u);
        }
    }
    Grid::new((l_lo, l_hi), (e_lo, e_hi), n, n, values)
}

fn cell_with_thickness_of(cell: &Cell, thickness_cm: f64) -> Cell {
    let mut cell = *cell;
    cell.cathode.thickness_cm = Some(thickness_cm);
    cell
}

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

/// The three plots of the design workspace.
pub fn plots(state: &State, d: &Design) -> Vec<PlotView> {
    let currents = log_space(1e-5, 1.0, CURVE_POINTS); // 0.01 … 1000 mA/cm²
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
        plot_view("ragone", super::design_energy::ragone_figure(state, d)),
    ]
}
