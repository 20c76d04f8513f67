//! The design workspace's rows: ε, σ_i, τ, σ_eff, loading, capacities,
//! Eq. 19's delivered capacity and limit, the inverse answers and the
//! stack's energy against the SET-Plan targets, formatted for people.

use crate::error::Result;
use crate::physics::capacity::{self, Limit};
use crate::physics::energy::{stack_energy_eq19, StackEnergy};
use crate::units::{a_to_ma, cm_to_um, coulomb_to_mah, s_to_ms};

use super::super::choices::TauMode;
use super::super::format::{number, with_unit};
use super::super::inputs::In;
use super::super::state::State;
use super::super::view::Row;
use super::model::{sigma_span, stack, Design};

/// Words for the bound that sets the delivered capacity (for
/// [`Limit::NoneDelivered`], [`nothing_delivered`] says why).
pub fn limit_text(limit: Limit) -> &'static str {
    match limit {
        Limit::Ohmic => "ohmic: the cut-off is reached first (Eq. 19)",
        Limit::CathodeFull => "cathode full: all of its capacity is delivered",
        Limit::AnodeFull => "anode full: the anode's capacity runs out first",
        Limit::NoneDelivered => "nothing delivered",
    }
}

/// Why the design delivers nothing at its current, in the page's units, if
/// it delivers nothing: `(at any current, sentence)`. Either the open-circuit
/// window U_c − U_a − V_cutoff is not positive (no current delivers
/// anything), or R_0·i uses all of it at this current.
pub fn nothing_delivered(state: &State, d: &Design) -> Option<(bool, String)> {
    let window = d.cell.open_circuit_window_v();
    let cutoff = with_unit(d.cell.v_cutoff_v, "V");
    if window <= 0.0 {
        let potentials = if d.anode.is_some() {
            format!(
                "U_c − U_a = {}",
                with_unit(d.cell.u_c_v - d.cell.u_a_v, "V")
            )
        } else {
            format!("U_c = {}", with_unit(d.cell.u_c_v, "V"))
        };
        return Some((
            true,
            format!(
                "{potentials} is not above the cut-off voltage {cutoff}: there is no voltage window, so nothing is delivered at any current"
            ),
        ));
    }
    let drop_v = d.cell.r0_ohm_cm2 * d.current_a_per_cm2;
    (drop_v >= window).then(|| {
        (
            false,
            format!(
                "at {} the drop R_0·i = {} Ω·cm² × {} = {} uses the whole window U_c − U_a − V_cutoff = {}: nothing is delivered, however thin the electrodes",
                with_unit(state.get(In::CurrentMa), "mA/cm²"),
                number(state.get(In::R0)),
                with_unit(state.get(In::CurrentMa), "mA/cm²"),
                with_unit(drop_v, "V"),
                with_unit(window, "V")
            ),
        )
    })
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
    let nothing = nothing_delivered(state, d);
    let mut limit = Row::from_result(
        "limit",
        "Active limit",
        delivered
            .as_ref()
            .map(|x| limit_text(x.limit).to_string())
            .map_err(Clone::clone),
        Some("Eq. 19"),
    );
    if let Some((_, why)) = &nothing {
        limit.why = Some(why.clone());
    }
    rows.push(limit);
    // With nothing delivered the design solves have no answer, for the
    // reason given once, in the page's units.
    let unanswered = |row: Row, at_any_current: bool| match &nothing {
        Some((any, _)) if *any || !at_any_current => Row {
            value: "—".into(),
            why: Some("nothing is delivered (see the active limit)".into()),
            ..row
        },
        _ => row,
    };
    let f_text = with_unit(pct, "%");
    rows.push(unanswered(
        Row::from_result(
            "maxth",
            format!("Thickest cathode that delivers {f_text} at {i_text}"),
            capacity::max_cathode_thickness_cm(&d.cell, d.current_a_per_cm2, d.fraction)
                .map(|l| with_unit(cm_to_um(l), "µm")),
            Some("Eq. 19"),
        ),
        false,
    ));
    let anode_micro = None; // the anode keeps its own SE and σ_eff
    rows.push(unanswered(
        Row::from_result(
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
        ),
        false,
    ));
    rows.push(unanswered(
        Row::from_result(
            "maxi",
            format!("Highest current density that delivers {f_text}"),
            capacity::max_current_a_per_cm2(&d.cell, d.fraction)
                .map(|i| with_unit(a_to_ma(i), "mA/cm²")),
            Some("Eq. 19"),
        ),
        true,
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

fn verdict(value: f64, target: f64, unit: &str, label: &str) -> String {
    let met = if value >= target { "meets" } else { "below" };
    format!(
        "{} ({met} the SET-Plan > {} for {label})",
        with_unit(value, unit),
        with_unit(target, unit)
    )
}

/// Rows: specific energy and energy density of the stack at the current.
pub fn energy_rows(state: &State, d: &Design) -> Vec<Row> {
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
