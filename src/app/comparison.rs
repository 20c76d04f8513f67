//! A loaded published analysis (`crate::materials::presets`) shown as a
//! table: each published figure beside the core's value for the current
//! state, with the relative difference. The preset is remembered in the
//! state ([`Ch::Preset`]); once an input the figures depend on differs from
//! what the preset set, the table says the computed column is for the
//! user's inputs.

use super::choices::{Anode, Choice};
use crate::materials::presets::{compare_with, find_preset, Comparison, Preset, Side};
use crate::physics::composition::Role;

use super::choices::Ch;
use super::design::model::Design;
use super::format::with_unit;
use super::inputs::In;
use super::state::State;
use super::view::{Row, Table};
use crate::physics::capacity::delivered_capacity;
use crate::units::{coulomb_to_mah, ma_to_a, s_to_ms};

/// The cathode inputs the compared figures depend on.
const CATHODE: [In; 8] = [
    In::AmPct,
    In::SePct,
    In::CarbonPct,
    In::RhoAm,
    In::RhoSe,
    In::RhoCarbon,
    In::CapAm,
    In::PorosityPct,
];
/// The anode inputs the compared figures depend on.
const ANODE: [In; 5] = [
    In::AnodeAmPct,
    In::AnodeSePct,
    In::AnodeRhoAm,
    In::AnodeRhoSe,
    In::AnodeCap,
];
/// The inputs the compared τ, σ_eff and Eq. 19 capacity also depend on.
const CELL: [In; 12] = [
    In::SigmaIMs,
    In::TemperatureC,
    In::ActivationEv,
    In::Alpha,
    In::BruggemanK,
    In::TauMeasured,
    In::UCathodeV,
    In::UAnodeV,
    In::CutoffV,
    In::R0,
    In::AnodeSigmaIMs,
    In::AnodeTau,
];

/// The preset the state remembers, if any.
pub fn preset(state: &State) -> Option<&'static Preset> {
    find_preset(state.choice::<super::choices::Preset>().name())
}

/// The name of the preset's constituent filling the slot of `roles`, when
/// exactly one does (the page sums several into one slot).
fn slot_name(
    preset: Option<&crate::materials::presets::PresetElectrode>,
    roles: &[Role],
) -> Option<&'static str> {
    let mut names = preset?
        .components
        .iter()
        .filter(|c| roles.contains(&c.role));
    match (names.next(), names.next()) {
        (Some(c), None) => Some(c.name),
        _ => None,
    }
}

/// The state's electrodes as the comparison sees them: the cathode if the
/// preset has one, the anode if the preset has one and the cell uses it.
fn sides(
    state: &State,
    preset: &Preset,
) -> crate::Result<(Option<Side<'static>>, Option<Side<'static>>)> {
    let cathode = match preset.cathode {
        Some(_) => Some(Side {
            composition: super::design::model::composite(
                state,
                &[
                    (Role::Active, In::AmPct, In::RhoAm),
                    (Role::Electrolyte, In::SePct, In::RhoSe),
                    (Role::Conductor, In::CarbonPct, In::RhoCarbon),
                ],
                state.get(In::PorosityPct) / 100.0,
            )?,
            names: [
                &[Role::Active][..],
                &[Role::Electrolyte],
                &[Role::Conductor, Role::Binder],
            ]
            .iter()
            .map(|roles| slot_name(preset.cathode.as_ref(), roles))
            .collect(),
            specific_capacity_mah_per_g: Some(state.get(In::CapAm)),
        }),
        None => None,
    };
    let anode = match preset.anode {
        Some(_) if state.choice::<Anode>() == Anode::Composite => Some(Side {
            composition: super::design::model::composite(
                state,
                &[
                    (Role::Active, In::AnodeAmPct, In::AnodeRhoAm),
                    (Role::Electrolyte, In::AnodeSePct, In::AnodeRhoSe),
                ],
                0.0,
            )?,
            names: [&[Role::Active][..], &[Role::Electrolyte]]
                .iter()
                .map(|roles| slot_name(preset.anode.as_ref(), roles))
                .collect(),
            specific_capacity_mah_per_g: Some(state.get(In::AnodeCap)),
        }),
        _ => None,
    };
    Ok((cathode, anode))
}

/// Each published figure of `preset` the core computes, beside its value
/// for the electrodes of `state`.
pub fn comparisons(state: &State, preset: &Preset) -> crate::Result<Vec<Comparison>> {
    let (cathode, anode) = sides(state, preset)?;
    compare_with(preset.published, cathode.as_ref(), anode.as_ref())
}

/// The current density (mA/cm²) of a published capacity at a current
/// (`capacity_6ma_mah_per_cm2` → 6).
fn capacity_current_ma(quantity: &str) -> Option<f64> {
    quantity
        .strip_prefix("capacity_")?
        .strip_suffix("ma_mah_per_cm2")?
        .parse::<f64>()
        .ok()
}

/// The design's own value of published quantity `quantity`: τ, σ_eff,
/// porosity, or Eq. 19's delivered capacity at the published current
/// (with the design's thickness); None for any other quantity.
fn from_design(quantity: &str, d: &Design) -> Option<f64> {
    let anode = d.anode.as_ref();
    match quantity {
        "tau_cathode" | "tau_eis" => Some(d.tau),
        "tau_anode" => anode.map(|a| a.2),
        "sigma_eff_cathode_s_per_cm" => Some(d.sigma_eff_s_per_cm),
        "sigma_eff_anode_s_per_cm" => anode.map(|a| a.0.sigma_eff_s_per_cm),
        "porosity" => Some(d.cathode.porosity()),
        _ => {
            let i = ma_to_a(capacity_current_ma(quantity)?);
            delivered_capacity(&d.cell, i)
                .ok()
                .map(|x| coulomb_to_mah(x.capacity_c_per_cm2))
        }
    }
}

/// Each published figure of `preset` beside its value for the state: the
/// compositions' figures ([`comparisons`]) and the design's ([`from_design`]).
pub fn all_comparisons(
    state: &State,
    preset: &Preset,
    d: &Design,
) -> crate::Result<Vec<Comparison>> {
    let mut rows = comparisons(state, preset)?;
    for p in preset.published {
        if rows.iter().any(|c| c.quantity == p.quantity) {
            continue;
        }
        if let Some(computed) = from_design(p.quantity, d) {
            rows.push(Comparison {
                quantity: p.quantity,
                unit: p.unit,
                published: p.value,
                computed,
                relative_difference: (computed - p.value) / p.value,
            });
        }
    }
    // In the order the publication lists them.
    rows.sort_by_key(|c| {
        preset
            .published
            .iter()
            .position(|p| p.quantity == c.quantity)
    });
    Ok(rows)
}

/// True when an input the compared figures depend on is no longer what
/// loading `preset` sets.
pub fn modified(state: &State, preset: &Preset) -> bool {
    let mut loaded = state.clone();
    if super::presets::apply(&mut loaded, &format!("p:{}", preset.id)).is_err() {
        return true;
    }
    let differs = |i: &In| {
        let (a, b) = (state.get(*i), loaded.get(*i));
        (a - b).abs() > 1e-9 * a.abs().max(b.abs())
    };
    let choices = [Ch::Basis, Ch::Anode, Ch::TauMode];
    (preset.cathode.is_some() && CATHODE.iter().any(differs))
        || (preset.anode.is_some() && ANODE.iter().any(differs))
        || CELL.iter().any(differs)
        || choices
            .iter()
            .any(|&c| state.choice_index(c) != loaded.choice_index(c))
}

/// Words for a quantity's machine name (`capacity_L600_mah_per_cm2` →
/// "areal capacity at 600 µm").
pub fn quantity_label(quantity: &str) -> String {
    let at = |rest: &str| rest.split('_').next().unwrap_or("").to_string();
    if let Some(name) = quantity.strip_prefix("volume_fraction_") {
        return format!("{name} volume fraction (dense)");
    }
    if let Some(rest) = quantity.strip_prefix("loading_L") {
        return format!("active loading at {} µm", at(rest));
    }
    if let Some(rest) = quantity.strip_prefix("capacity_L") {
        return format!("areal capacity at {} µm", at(rest));
    }
    if let Some(rest) = quantity.strip_prefix("epsilon_") {
        return format!("ε of the {} (dense)", at(rest));
    }
    if let Some(rest) = quantity.strip_prefix("q_") {
        return format!("capacity density q of the {}", at(rest));
    }
    if let Some(i) = capacity_current_ma(quantity) {
        return format!("delivered capacity at {} (Eq. 19)", with_unit(i, "mA/cm²"));
    }
    match quantity {
        "tau_cathode" => "τ of the cathode".into(),
        "tau_anode" => "τ of the anode".into(),
        "tau_eis" => "τ of the cathode, from impedance".into(),
        "sigma_eff_cathode_s_per_cm" => "σ_eff of the cathode".into(),
        "sigma_eff_anode_s_per_cm" => "σ_eff of the anode".into(),
        _ => quantity.replace('_', " "),
    }
}

/// A preset's value in `unit` as the page shows it: its unit as people
/// write it, capacity densities in mAh/cm³ and conductivities in mS/cm
/// like the results above the table.
pub fn shown(value: f64, unit: &str) -> (f64, String) {
    match unit {
        "-" => (value, String::new()),
        "C/cm3" => (coulomb_to_mah(value), "mAh/cm³".into()),
        "S/cm" => (s_to_ms(value), "mS/cm".into()),
        u => (value, u.replace("cm2", "cm²").replace("cm3", "cm³")),
    }
}

/// The heading row and the table of the preset the state remembers, for
/// the state's design `d`.
pub fn view(state: &State, d: &Design) -> Option<(Row, Table)> {
    let preset = preset(state)?;
    let label = format!("Published figures: {}", preset.name);
    let rows = match all_comparisons(state, preset, d) {
        Ok(rows) => rows,
        Err(e) => {
            return Some((
                Row::from_result("cmp", label, Err(e), None),
                Table::default(),
            ))
        }
    };
    let status = if modified(state, preset) {
        "modified: the computed column is for your inputs, not the published design"
    } else {
        "as published; computed from the inputs the preset set"
    };
    let table = Table {
        header: ["quantity", "published", "computed", "difference"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .map(|c| {
                let (published, unit) = shown(c.published, c.unit);
                let (computed, _) = shown(c.computed, c.unit);
                vec![
                    quantity_label(c.quantity),
                    with_unit(published, &unit),
                    with_unit(computed, &unit),
                    format!("{:+.1} %", 100.0 * c.relative_difference),
                ]
            })
            .collect(),
    };
    Some((Row::new("cmp", label, status.to_string(), None), table))
}

#[cfg(test)]
mod tests;
