//! The design workspace's model: the state turned into the core's inputs
//! (composition, σ_eff, τ, Eq. 19's cell, the stack) and the sweeps the
//! plots draw. All physics comes from the core (`composition`,
//! `conductivity`, `tortuosity`, `capacity`, `energy`); this module only
//! converts display units with [`crate::units`] and assembles the inputs.

use crate::error::{Error, Result};
use crate::materials::find_collector;
use crate::physics::capacity::{delivered_capacity, Cell, Electrode};
use crate::physics::composition::{capacity_density_c_per_cm3, Composition, Constituent, Role};
use crate::physics::conductivity::{conductivity_at_temperature_s_per_cm, ArrheniusForm};
use crate::physics::energy::{Anode as StackAnode, Layer, Stack};
use crate::physics::tortuosity::Microstructure;
use crate::plot::Grid;
use crate::units::{celsius_to_kelvin, ma_to_a, ms_to_s, s_to_ms, um_to_cm};

use super::super::choices::{Anode, Basis, TauMode};
use super::super::format::with_unit;
use super::super::inputs::In;
use super::super::state::State;

/// Side of the utilisation map, in cells.
pub const MAP_CELLS: usize = 64;

/// Temperature at which σ_i is entered: 25 °C, in K.
pub const SIGMA_REFERENCE_K: f64 = 298.15;

/// The core's description of the design in the state, in core units.
#[derive(Debug, Clone)]
pub struct Design {
    pub cathode: Composition,
    /// Specific capacity of the cathode's active material, mAh/g.
    pub cathode_cap_mah_per_g: f64,
    pub cathode_rho_am_g_per_cm3: f64,
    /// ε of the cathode (SE volume over electrode volume, voids included).
    pub epsilon: f64,
    pub micro: Microstructure,
    /// σ_i of the cathode's SE at the temperature T, S/cm (Eq. 1).
    pub sigma_i_s_per_cm: f64,
    pub tau: f64,
    pub sigma_eff_s_per_cm: f64,
    /// The anode as Eq. 19 sees it, with its ε, τ and microstructure.
    pub anode: Option<(Electrode, f64, f64, Microstructure)>,
    /// Apparent density of a composite anode, g/cm³.
    pub anode_density_g_per_cm3: Option<f64>,
    pub cell: Cell,
    pub current_a_per_cm2: f64,
    /// Target utilisation f in (0, 1].
    pub fraction: f64,
}

/// A composite of active material, SE and (optionally) carbon from the
/// state's fractions (wt% or dense vol%) and densities; `porosity` in [0, 1).
pub(crate) fn composite(
    state: &State,
    parts: &[(Role, In, In)],
    porosity: f64,
) -> Result<Composition> {
    let fractions: Vec<f64> = parts
        .iter()
        .map(|&(_, f, _)| state.get(f) / 100.0)
        .collect();
    let total: f64 = fractions.iter().sum();
    let fractions: Vec<f64> = fractions.iter().map(|f| f / total).collect();
    if state.choice::<Basis>() == Basis::Volume {
        let dense: Vec<(Role, f64, f64)> = parts
            .iter()
            .zip(&fractions)
            .map(|(&(role, _, rho), &phi)| (role, phi, state.get(rho)))
            .collect();
        Composition::from_dense_volume_fractions(&dense, porosity)
    } else {
        let constituents = parts
            .iter()
            .zip(&fractions)
            .map(|(&(role, _, rho), &w)| Constituent {
                role,
                mass_fraction: w,
                density_g_per_cm3: state.get(rho),
            })
            .collect();
        Composition::new(constituents, porosity)
    }
}

/// How σ_eff follows from σ_i for SE fraction `epsilon` and τ input `tau_in`.
pub fn microstructure(state: &State, epsilon: f64, tau_in: In) -> Microstructure {
    if state.choice::<TauMode>() == TauMode::Bruggeman {
        Microstructure::Bruggeman {
            epsilon,
            alpha: state.get(In::Alpha),
            k: state.get(In::BruggemanK),
        }
    } else {
        Microstructure::Tortuosity {
            epsilon,
            tau: state.get(tau_in),
        }
    }
}

/// σ_i of an SE entered at 25 °C, at the state's temperature (Eq. 1), S/cm.
fn sigma_at_temperature(state: &State, sigma_25_ms_per_cm: f64) -> Result<f64> {
    conductivity_at_temperature_s_per_cm(
        ArrheniusForm::InverseT,
        ms_to_s(sigma_25_ms_per_cm),
        SIGMA_REFERENCE_K,
        state.get(In::ActivationEv),
        celsius_to_kelvin(state.get(In::TemperatureC)),
    )
}

/// σ_i at 0 °C and 60 °C, to show what E_A does (Eq. 1), as text.
pub(super) fn sigma_span(state: &State) -> Result<String> {
    let at = |celsius: f64| {
        conductivity_at_temperature_s_per_cm(
            ArrheniusForm::InverseT,
            ms_to_s(state.get(In::SigmaIMs)),
            SIGMA_REFERENCE_K,
            state.get(In::ActivationEv),
            celsius_to_kelvin(celsius),
        )
    };
    Ok(format!(
        "{} and {}",
        with_unit(s_to_ms(at(0.0)?), "mS/cm"),
        with_unit(s_to_ms(at(60.0)?), "mS/cm")
    ))
}

/// Builds the core's inputs from the state.
pub fn build(state: &State) -> Result<Design> {
    let cathode = composite(
        state,
        &[
            (Role::Active, In::AmPct, In::RhoAm),
            (Role::Electrolyte, In::SePct, In::RhoSe),
            (Role::Conductor, In::CarbonPct, In::RhoCarbon),
        ],
        state.get(In::PorosityPct) / 100.0,
    )?;
    let epsilon = cathode.epsilon_with_voids();
    let micro = microstructure(state, epsilon, In::TauMeasured);
    let tau = micro.tortuosity()?;
    let sigma_i_s_per_cm = sigma_at_temperature(state, state.get(In::SigmaIMs))?;
    let cathode_electrode = Electrode::from_composition(
        &cathode,
        state.get(In::RhoAm),
        state.get(In::CapAm),
        sigma_i_s_per_cm,
        tau,
        um_to_cm(state.get(In::ThicknessUm)),
    )?;
    let sigma_eff_s_per_cm = cathode_electrode.sigma_eff_s_per_cm;
    let mut anode_density = None;
    let anode = if state.choice::<Anode>() == Anode::Composite {
        let comp = composite(
            state,
            &[
                (Role::Active, In::AnodeAmPct, In::AnodeRhoAm),
                (Role::Electrolyte, In::AnodeSePct, In::AnodeRhoSe),
            ],
            0.0,
        )?;
        anode_density = Some(comp.apparent_density_g_per_cm3());
        let eps_a = comp.epsilon_with_voids();
        let micro_a = microstructure(state, eps_a, In::AnodeTau);
        let tau_a = micro_a.tortuosity()?;
        let electrode = Electrode::from_composition(
            &comp,
            state.get(In::AnodeRhoAm),
            state.get(In::AnodeCap),
            sigma_at_temperature(state, state.get(In::AnodeSigmaIMs))?,
            tau_a,
            um_to_cm(state.get(In::AnodeThicknessUm)),
        )?;
        Some((electrode, eps_a, tau_a, micro_a))
    } else {
        None
    };
    let cell = Cell {
        cathode: cathode_electrode,
        anode: anode.map(|a| a.0),
        u_c_v: state.get(In::UCathodeV),
        u_a_v: if anode.is_some() {
            state.get(In::UAnodeV)
        } else {
            0.0
        },
        v_cutoff_v: state.get(In::CutoffV),
        r0_ohm_cm2: state.get(In::R0),
    };
    cell.validate()?;
    Ok(Design {
        cathode_cap_mah_per_g: state.get(In::CapAm),
        cathode_rho_am_g_per_cm3: state.get(In::RhoAm),
        cathode,
        epsilon,
        micro,
        sigma_i_s_per_cm,
        tau,
        sigma_eff_s_per_cm,
        anode,
        anode_density_g_per_cm3: anode_density,
        cell,
        current_a_per_cm2: ma_to_a(state.get(In::CurrentMa)),
        fraction: state.get(In::UtilisationPct) / 100.0,
    })
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

/// The repeat unit of the design: cathode, SE separator, anode, two foils.
pub fn stack(state: &State, d: &Design) -> Result<Stack> {
    let foil_cm = um_to_cm(state.get(In::CollectorUm));
    let density = |id: &str| {
        find_collector(id)
            .map(|c| c.density_g_per_cm3.value)
            .ok_or_else(|| Error::Inconsistent(format!("no collector {id} in the library")))
    };
    let anode = match (d.cell.anode, d.anode_density_g_per_cm3) {
        (Some(a), Some(rho)) => StackAnode::Composite(Layer {
            thickness_cm: a.thickness_cm.unwrap_or(0.0),
            density_g_per_cm3: rho,
        }),
        _ => StackAnode::LiMetal {
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
