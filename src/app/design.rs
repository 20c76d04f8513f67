//! The design workspace's view model: state → composition, σ_eff, τ,
//! capacity (Eq. 19) and the inverse answers, as rows and plots.
//!
//! All physics comes from the core (`composition`, `conductivity`,
//! `tortuosity`, `capacity`); this module only converts display units with
//! [`crate::units`], assembles the core's inputs and formats the results.

use super::choices::{Anode, Basis, TauMode};
use crate::capacity::{self, Cell, Electrode, Limit};
use crate::composition::{capacity_density_c_per_cm3, Composition, Constituent, Role};
use crate::conductivity::{conductivity_at_temperature_s_per_cm, ArrheniusForm};
use crate::error::Result;
use crate::tortuosity::Microstructure;
use crate::units::{
    a_to_ma, celsius_to_kelvin, cm_to_um, coulomb_to_mah, ma_to_a, ms_to_s, s_to_ms, um_to_cm,
};

use super::format::with_unit;
use super::inputs::In;
use super::state::State;
use super::view::{Row, View};

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
pub(super) fn composite(
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
fn sigma_span(state: &State) -> Result<String> {
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
    let sigma_eff_s_per_cm = micro.effective_conductivity_s_per_cm(sigma_i_s_per_cm)?;
    let cathode_electrode = Electrode {
        capacity_c_per_cm3: capacity_density_c_per_cm3(
            cathode.active_fraction_with_voids(),
            state.get(In::RhoAm),
            state.get(In::CapAm),
        )?,
        sigma_eff_s_per_cm,
        thickness_cm: Some(um_to_cm(state.get(In::ThicknessUm))),
    };
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
        let electrode = Electrode {
            capacity_c_per_cm3: capacity_density_c_per_cm3(
                comp.active_fraction_with_voids(),
                state.get(In::AnodeRhoAm),
                state.get(In::AnodeCap),
            )?,
            sigma_eff_s_per_cm: micro_a.effective_conductivity_s_per_cm(sigma_at_temperature(
                state,
                state.get(In::AnodeSigmaIMs),
            )?)?,
            thickness_cm: Some(um_to_cm(state.get(In::AnodeThicknessUm))),
        };
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

/// Words for the bound that sets the delivered capacity.
pub fn limit_text(limit: Limit) -> &'static str {
    match limit {
        Limit::Ohmic => "ohmic: the cut-off is reached first (Eq. 19)",
        Limit::CathodeFull => "cathode full: all of its capacity is delivered",
        Limit::AnodeFull => "anode full: the anode's capacity runs out first",
        Limit::NoneDelivered => "nothing delivered: R_0·i takes the whole voltage window",
    }
}

/// The rows of the design workspace.
pub fn rows(state: &State, d: &Design) -> Vec<Row> {
    let pct = state.get(In::UtilisationPct);
    let mut rows = vec![
        Row::new(
            "eps",
            "ε, SE volume fraction (voids included)",
            with_unit(d.epsilon, ""),
            Some("Eq. 17"),
        ),
        Row::new(
            "sigi",
            "σ_i of the SE at T",
            with_unit(s_to_ms(d.sigma_i_s_per_cm), "mS/cm"),
            Some("Eq. 1"),
        ),
        Row::from_result(
            "sigspan",
            "σ_i of the SE at 0 °C and at 60 °C",
            sigma_span(state),
            Some("Eq. 1"),
        ),
        Row::new(
            "tau",
            "τ, tortuosity factor of the cathode",
            with_unit(d.tau, ""),
            Some(tau_eq(state)),
        ),
        Row::new(
            "sigeff",
            "σ_eff of the cathode",
            with_unit(s_to_ms(d.sigma_eff_s_per_cm), "mS/cm"),
            Some("Eq. 17"),
        ),
        Row::from_result(
            "loading",
            "Active-material loading",
            d.cell
                .cathode
                .thickness_cm
                .map_or(Ok(f64::NAN), |l| d.cathode.active_loading_mg_per_cm2(l))
                .map(|m| with_unit(m, "mg/cm²")),
            None,
        ),
        Row::new(
            "qc",
            "Capacity density q_c of the cathode",
            with_unit(coulomb_to_mah(d.cell.cathode.capacity_c_per_cm3), "mAh/cm³"),
            None,
        ),
        Row::new(
            "areal",
            "Areal capacity of the cathode q_c·L",
            with_unit(
                coulomb_to_mah(d.cell.cathode.full_capacity_c_per_cm2().unwrap_or(f64::NAN)),
                "mAh/cm²",
            ),
            None,
        ),
    ];
    if let Some((anode, eps_a, tau_a, _)) = &d.anode {
        rows.push(Row::new(
            "epsa",
            "ε of the anode",
            with_unit(*eps_a, ""),
            None,
        ));
        rows.push(Row::new(
            "taua",
            "τ of the anode",
            with_unit(*tau_a, ""),
            Some(tau_eq(state)),
        ));
        rows.push(Row::new(
            "sigeffa",
            "σ_eff of the anode",
            with_unit(s_to_ms(anode.sigma_eff_s_per_cm), "mS/cm"),
            Some("Eq. 17"),
        ));
        rows.push(Row::new(
            "areala",
            "Areal capacity of the anode q_a·L_a",
            with_unit(
                coulomb_to_mah(anode.full_capacity_c_per_cm2().unwrap_or(f64::NAN)),
                "mAh/cm²",
            ),
            None,
        ));
    }
    let delivered = capacity::delivered_capacity(&d.cell, d.current_a_per_cm2);
    let i_text = with_unit(a_to_ma(d.current_a_per_cm2), "mA/cm²");
    rows.push(Row::from_result(
        "cap",
        format!("Delivered capacity at {i_text}"),
        delivered
            .as_ref()
            .map(|x| with_unit(coulomb_to_mah(x.capacity_c_per_cm2), "mAh/cm²"))
            .map_err(Clone::clone),
        Some("Eq. 19"),
    ));
    rows.push(Row::from_result(
        "util",
        "Utilisation of the limiting electrode",
        delivered
            .as_ref()
            .map(|x| with_unit(x.utilisation.map_or(f64::NAN, |u| 100.0 * u), "%"))
            .map_err(Clone::clone),
        Some("Eq. 19"),
    ));
    rows.push(Row::from_result(
        "limit",
        "Active limit",
        delivered
            .as_ref()
            .map(|x| limit_text(x.limit).to_string())
            .map_err(Clone::clone),
        Some("Eq. 19"),
    ));
    let f_text = with_unit(pct, "%");
    rows.push(Row::from_result(
        "maxth",
        format!("Thickest cathode that delivers {f_text} at {i_text}"),
        capacity::max_cathode_thickness_cm(&d.cell, d.current_a_per_cm2, d.fraction)
            .map(|l| with_unit(cm_to_um(l), "µm")),
        Some("Eq. 19"),
    ));
    let anode_micro = None; // the anode keeps its own SE and σ_eff
    rows.push(Row::from_result(
        "minsig",
        format!("Lowest σ_i of the cathode's SE (at T) for {f_text} at {i_text}"),
        capacity::min_electrolyte_conductivity_s_per_cm(
            &d.cell,
            d.current_a_per_cm2,
            d.fraction,
            &d.micro,
            anode_micro,
        )
        .map(|s| with_unit(s_to_ms(s), "mS/cm")),
        Some("Eq. 19"),
    ));
    rows.push(Row::from_result(
        "maxi",
        format!("Highest current density that delivers {f_text}"),
        capacity::max_current_a_per_cm2(&d.cell, d.fraction)
            .map(|i| with_unit(a_to_ma(i), "mA/cm²")),
        Some("Eq. 19"),
    ));
    rows
}

fn tau_eq(state: &State) -> &'static str {
    if state.choice::<TauMode>() == TauMode::Bruggeman {
        "Eq. 18"
    } else {
        "Eq. 17"
    }
}

/// The design workspace's view.
pub fn view(state: &State) -> View {
    match build(state) {
        Ok(design) => {
            let mut view = View {
                rows: rows(state, &design),
                ..View::default()
            };
            view.rows.extend(super::design_energy::rows(state, &design));
            view.plots = super::design_plots::plots(state, &design);
            if let Some((row, table)) = super::comparison::view(state) {
                view.rows.push(row);
                view.table = Some(table);
            }
            view
        }
        Err(e) => View {
            messages: vec![format!("Cannot compute this design: {e}")],
            ..View::default()
        },
    }
}

#[cfg(test)]
#[path = "design_tests.rs"]
mod tests;
