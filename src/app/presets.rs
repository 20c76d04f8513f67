//! Loading published designs into the design workspace: the presets of
//! `crate::materials` (Kato et al. …) and the rows of the review's Table 1.
//!
//! The page's cathode has three slots (active material, SE, carbon); a
//! preset's constituents are summed into them by role, binder going with
//! the carbon, and each slot gets the density that keeps the dense volume
//! fractions exact: ρ = Σw / Σ(w/ρ_k).

use super::choices::{Anode, Basis, Preset};
use crate::materials::library::{ACTIVE_MATERIALS, CARBONS, SOLID_ELECTROLYTES};
use crate::materials::presets::{PresetElectrode, PRESETS};
use crate::materials::table1::TABLE1;
use crate::materials::Property;
use crate::physics::composition::Role;

use super::choices::Ch;
use super::format::{number, with_unit};
use super::inputs::In;
use super::state::State;
use crate::units::s_to_ms;

/// (id, label) of every design that can be loaded, for a picker.
pub fn choices() -> Vec<(String, String)> {
    let presets = PRESETS
        .iter()
        .filter(|p| p.cathode.is_some() || p.anode.is_some())
        .map(|p| (format!("p:{}", p.id), p.name.to_string()));
    let rows = TABLE1.iter().enumerate().map(|(k, r)| {
        (
            format!("t1:{k}"),
            format!("Table 1: {} ({})", r.cell, r.composition_text),
        )
    });
    presets.chain(rows).collect()
}

/// (id, label) of every library material that can be put into the
/// cathode: active materials, solid electrolytes and carbons.
pub fn material_choices() -> Vec<(String, String)> {
    let am = ACTIVE_MATERIALS.iter().map(|m| {
        (
            format!("am:{}", m.id),
            format!("Active material: {}", m.name),
        )
    });
    let se = SOLID_ELECTROLYTES.iter().map(|m| {
        (
            format!("se:{}", m.id),
            format!("Solid electrolyte: {}", m.name),
        )
    });
    let cb = CARBONS
        .iter()
        .map(|m| (format!("cb:{}", m.id), format!("Carbon: {}", m.name)));
    am.chain(se).chain(cb).collect()
}

/// Puts library material `id` (from [`material_choices`]) into the cathode.
fn apply_material(state: &mut State, kind: &str, id: &str) -> Result<Vec<String>, String> {
    let mut notices = Vec::new();
    let mut set = |state: &mut State, input: In, value: f64| {
        if let Err(why) = state.set(input, value) {
            notices.push(why);
        }
    };
    match kind {
        "am" => {
            let m = ACTIVE_MATERIALS
                .iter()
                .find(|m| m.id == id)
                .ok_or_else(|| format!("no active material {id}"))?;
            set(state, In::RhoAm, m.density_g_per_cm3.value);
            set(state, In::CapAm, m.specific_capacity_mah_per_g.value);
            set(state, In::UCathodeV, m.average_potential_v_vs_li.value);
            notices.push(format!(
                "{} set: {}; {}; U_c = its average potential vs Li, {}",
                m.name,
                cited("density", &m.density_g_per_cm3, "g/cm³", 1.0),
                cited("capacity", &m.specific_capacity_mah_per_g, "mAh/g", 1.0),
                cited("", &m.average_potential_v_vs_li, "V", 1.0),
            ));
            notices.extend(super::design::discharge::model::material_chosen(
                state, m.id,
            ));
        }
        "se" => {
            let m = SOLID_ELECTROLYTES
                .iter()
                .find(|m| m.id == id)
                .ok_or_else(|| format!("no electrolyte {id}"))?;
            set(state, In::RhoSe, m.density_g_per_cm3.value);
            set(state, In::SigmaIMs, s_to_ms(m.sigma_s_per_cm_25c.value));
            let ea_text = match m.activation_energy_ev {
                Some(ea) => {
                    set(state, In::ActivationEv, ea.value);
                    cited("E_A", &ea, "eV", 1.0)
                }
                None => "no Arrhenius E_A in the library, E_A kept".to_string(),
            };
            notices.push(format!(
                "{} set: {}; {}; {}",
                m.name,
                cited("density", &m.density_g_per_cm3, "g/cm³", 1.0),
                cited("σ_i at 25 °C", &m.sigma_s_per_cm_25c, "mS/cm", 1e3),
                ea_text,
            ));
        }
        "cb" => {
            let m = CARBONS
                .iter()
                .find(|m| m.id == id)
                .ok_or_else(|| format!("no carbon {id}"))?;
            set(state, In::RhoCarbon, m.density_g_per_cm3.value);
            notices.push(format!(
                "{} set: {}",
                m.name,
                cited("density", &m.density_g_per_cm3, "g/cm³", 1.0)
            ));
        }
        _ => return Err(format!("unknown material {kind}:{id}")),
    }
    Ok(notices)
}

/// "name value unit (source)" for a notice, `scale` taking the library's
/// unit to the displayed one; where another source disagrees, its value
/// and source follow, so the user sees both.
fn cited(name: &str, p: &Property, unit: &str, scale: f64) -> String {
    let typical = if p.typical { ", a typical value" } else { "" };
    let mut text = format!(
        "{name} {} ({}{typical})",
        with_unit(p.value * scale, unit),
        p.source
    );
    if let Some(other) = p.other {
        text.push_str(&format!(
            ", elsewhere {} ({})",
            with_unit(other.value * scale, unit),
            other.source
        ));
    }
    text.trim_start().to_string()
}

/// Mass fraction and volume-preserving density of the constituents whose
/// roles are in `roles`, from (role, mass fraction, density) triples.
pub fn slot(parts: &[(Role, f64, f64)], roles: &[Role]) -> (f64, Option<f64>) {
    let (mass, volume) = parts
        .iter()
        .filter(|(role, _, _)| roles.contains(role))
        .fold((0.0, 0.0), |(m, v), &(_, w, rho)| (m + w, v + w / rho));
    (
        mass,
        if volume > 0.0 {
            Some(mass / volume)
        } else {
            None
        },
    )
}

/// Sets the cathode slots of `state` from constituents; returns what it could not set.
fn set_cathode(state: &mut State, parts: &[(Role, f64, f64)], notices: &mut Vec<String>) {
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if total <= 0.0 {
        notices.push("the composition is empty".into());
        return;
    }
    let slots = [
        (In::RhoAm, &[Role::Active][..]),
        (In::RhoSe, &[Role::Electrolyte][..]),
        (In::RhoCarbon, &[Role::Conductor, Role::Binder][..]),
    ];
    state.select(Basis::Weight);
    let mut fractions = Vec::new();
    for (density, roles) in slots {
        let (mass, rho) = slot(parts, roles);
        fractions.push(100.0 * mass / total);
        if let Some(rho) = rho {
            set_or_note(state, notices, density, rho);
        }
    }
    state.set_fractions_normalised(&[In::AmPct, In::SePct, In::CarbonPct], &fractions);
    if slot(parts, &[Role::Binder]).0 > 0.0 {
        notices.push("binder is counted with the carbon (it only takes up volume here)".into());
    }
}

fn triples(e: &PresetElectrode) -> Vec<(Role, f64, f64)> {
    e.components
        .iter()
        .map(|c| (c.role, c.mass_fraction, c.density_g_per_cm3))
        .collect()
}

/// Sets `input` to a preset's `value`, or says in `notices` why the value
/// was refused (the input keeps its last value).
fn set_or_note(state: &mut State, notices: &mut Vec<String>, input: In, value: f64) {
    if let Err(why) = state.set(input, value) {
        notices.push(format!("not loaded: {why}"));
    }
}

/// Loads design `id` (from [`choices`]) into `state`; returns notices about
/// what was assumed, and about every value refused (left unchanged).
pub fn apply(state: &mut State, id: &str) -> Result<Vec<String>, String> {
    if let Some((kind, material)) = id
        .split_once(':')
        .filter(|(k, _)| matches!(*k, "am" | "se" | "cb"))
    {
        return apply_material(state, kind, material);
    }
    let mut notices = Vec::new();
    if let Some(pid) = id.strip_prefix("p:") {
        let preset = PRESETS
            .iter()
            .find(|p| p.id == pid)
            .ok_or_else(|| format!("no preset {pid}"))?;
        // Remembered so the published figures can be shown beside the
        // computed ones (`super::comparison`).
        if let Err(why) = state.set_choice(Ch::Preset, pid) {
            notices.push(format!("not remembered: {why}"));
        }
        if let Some(cathode) = preset.cathode {
            set_cathode(state, &triples(&cathode), &mut notices);
            set_or_note(
                state,
                &mut notices,
                In::PorosityPct,
                100.0 * cathode.porosity,
            );
            if let Some(c) = cathode.specific_capacity_mah_per_g {
                set_or_note(state, &mut notices, In::CapAm, c);
            }
            if let Some(&l) = preset.thicknesses_um.last() {
                set_or_note(state, &mut notices, In::ThicknessUm, l);
            }
        }
        if let Some(sigma) = preset.sigma_se_s_per_cm {
            let sigma_input = if preset.cathode.is_some() {
                In::SigmaIMs
            } else {
                In::AnodeSigmaIMs
            };
            set_or_note(state, &mut notices, sigma_input, s_to_ms(sigma));
        }
        match preset.anode.filter(|a| {
            a.components
                .iter()
                .all(|c| matches!(c.role, Role::Active | Role::Electrolyte))
        }) {
            Some(anode) => {
                let parts = triples(&anode);
                state.select(Anode::Composite);
                let (am, rho_am) = slot(&parts, &[Role::Active]);
                let (se, rho_se) = slot(&parts, &[Role::Electrolyte]);
                state.set_fractions_normalised(&[In::AnodeAmPct, In::AnodeSePct], &[am, se]);
                if let Some(r) = rho_am {
                    set_or_note(state, &mut notices, In::AnodeRhoAm, r);
                }
                if let Some(r) = rho_se {
                    set_or_note(state, &mut notices, In::AnodeRhoSe, r);
                }
                if let Some(c) = anode.specific_capacity_mah_per_g {
                    set_or_note(state, &mut notices, In::AnodeCap, c);
                }
            }
            None => {
                state.select(Anode::LiMetal);
            }
        }
        notices.extend(preset.notes.iter().map(|n| n.to_string()));
        notices.extend(super::design::discharge::model::preset_loaded(
            state, preset.id,
        ));
        return Ok(notices);
    }
    if let Some(figure) = id.strip_prefix("fig:") {
        return super::figures::apply(state, figure);
    }
    if let Some(k) = id.strip_prefix("t1:").and_then(|k| k.parse::<usize>().ok()) {
        let row = TABLE1.get(k).ok_or_else(|| format!("no Table 1 row {k}"))?;
        state.select(Preset::None);
        let design = row.design().map_err(|e| e.to_string())?;
        let parts: Vec<(Role, f64, f64)> = design
            .components
            .iter()
            .map(|c| (c.role, c.mass_fraction, c.density_g_per_cm3))
            .collect();
        set_cathode(state, &parts, &mut notices);
        set_or_note(state, &mut notices, In::ThicknessUm, design.thickness_um);
        set_or_note(state, &mut notices, In::TemperatureC, design.temperature_c);
        match design.implied_porosity {
            Some(p) if (0.0..0.9).contains(&p) => {
                set_or_note(state, &mut notices, In::PorosityPct, 100.0 * p);
                notices.push(format!(
                    "porosity {} % is implied by the stated loading",
                    number(100.0 * p)
                ));
            }
            _ => {
                set_or_note(state, &mut notices, In::PorosityPct, 0.0);
            }
        }
        if let Some(c) = row.discharge_capacity_mah_per_g {
            set_or_note(state, &mut notices, In::CapAm, c);
        }
        state.select(Anode::LiMetal);
        if !design.assumed.is_empty() {
            notices.push(format!(
                "assumed (not in the row): {}",
                design.assumed.join(", ")
            ));
        }
        notices.push(format!("{} — {}", row.cell, row.citation));
        return Ok(notices);
    }
    Err(format!("unknown design {id}"))
}

#[cfg(test)]
mod tests;
