//! Loading published designs into the design workspace: the presets of
//! `crate::materials` (Kato et al. …) and the rows of the review's Table 1.
//!
//! The page's cathode has three slots (active material, SE, carbon); a
//! preset's constituents are summed into them by role, binder going with
//! the carbon, and each slot gets the density that keeps the dense volume
//! fractions exact: ρ = Σw / Σ(w/ρ_k).

use super::choices::{Anode, Basis, Tab};
use super::inputs::{Group, INPUTS};
use super::visible::{group_visible, input_visible};
use crate::materials::library::{ACTIVE_MATERIALS, CARBONS, SOLID_ELECTROLYTES};
use crate::materials::presets::{Preset, PresetElectrode, PRESETS};
use crate::materials::table1::{Table1Row, TABLE1};
use crate::materials::Property;
use crate::physics::composition::Role;

use super::choices::Ch;
use super::format::{number, with_unit};
use super::inputs::In;
use super::state::State;
use crate::units::{a_to_ma, s_to_ms};

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

/// A design being loaded: the state (started from the design workspace's
/// defaults), the notices, and the inputs the design set.
struct Loader<'a> {
    state: &'a mut State,
    notices: Vec<String>,
    set: Vec<In>,
}

impl Loader<'_> {
    /// Sets `input` to the design's `value`, or says why the value was
    /// refused (the input keeps its default).
    fn set(&mut self, input: In, value: f64) {
        match self.state.set(input, value) {
            Ok(()) => self.set.push(input),
            Err(why) => self.notices.push(format!("not loaded: {why}")),
        }
    }

    /// Sets the cathode slots from constituents (role, mass fraction, density).
    fn cathode(&mut self, parts: &[(Role, f64, f64)]) {
        let total: f64 = parts.iter().map(|p| p.1).sum();
        if total <= 0.0 {
            self.notices.push("the composition is empty".into());
            return;
        }
        let slots = [
            (In::RhoAm, &[Role::Active][..]),
            (In::RhoSe, &[Role::Electrolyte][..]),
            (In::RhoCarbon, &[Role::Conductor, Role::Binder][..]),
        ];
        self.state.select(Basis::Weight);
        let mut fractions = Vec::new();
        for (density, roles) in slots {
            let (mass, rho) = slot(parts, roles);
            fractions.push(100.0 * mass / total);
            if let Some(rho) = rho {
                self.set(density, rho);
            }
        }
        let group = [In::AmPct, In::SePct, In::CarbonPct];
        if self.state.set_fractions_normalised(&group, &fractions) {
            self.set.extend(group);
        }
        if slot(parts, &[Role::Binder]).0 > 0.0 {
            self.notices
                .push("binder is counted with the carbon (it only takes up volume here)".into());
        }
    }

    /// The notice naming the design inputs shown that the design did not
    /// set: they keep the page's defaults (Kato et al.'s cell) and are the
    /// user's to change. The uncertainties are the user's in any case.
    fn left_to_the_user(&self) -> Option<String> {
        let left: Vec<String> = INPUTS
            .iter()
            .filter(|s| s.group.workspace() == Tab::Design && s.group != Group::Uncertainty)
            .filter(|s| !s.id.is_derived() && !self.set.contains(&s.id))
            .filter(|s| input_visible(self.state, s.id) && group_visible(self.state, s.group))
            .map(|s| format!("{} = {}", s.label, with_unit(self.state.get(s.id), s.unit)))
            .collect();
        (!left.is_empty()).then(|| {
            format!(
                "not given by this design, so at the page's defaults (yours to set): {}",
                left.join("; ")
            )
        })
    }
}

fn triples(e: &PresetElectrode) -> Vec<(Role, f64, f64)> {
    e.components
        .iter()
        .map(|c| (c.role, c.mass_fraction, c.density_g_per_cm3))
        .collect()
}

/// The value of published quantity `quantity` of `preset`, if given.
fn published(preset: &Preset, quantity: &str) -> Option<f64> {
    preset
        .published
        .iter()
        .find(|p| p.quantity == quantity)
        .map(|p| p.value)
}

/// Loads published analysis `preset` (the loader's state is at the defaults).
fn load_preset(l: &mut Loader, preset: &Preset) {
    // Remembered so the published figures can be shown beside the
    // computed ones (`super::comparison`).
    if let Err(why) = l.state.set_choice(Ch::Preset, preset.id) {
        l.notices.push(format!("not remembered: {why}"));
    }
    if let Some(cathode) = preset.cathode {
        l.cathode(&triples(&cathode));
        l.set(In::PorosityPct, 100.0 * cathode.porosity);
        if let Some(c) = cathode.specific_capacity_mah_per_g {
            l.set(In::CapAm, c);
        }
        if let Some(&thickness) = preset.thicknesses_um.last() {
            l.set(In::ThicknessUm, thickness);
        }
        if let Some(tau) = published(preset, "tau_cathode").or(published(preset, "tau_eis")) {
            l.set(In::TauMeasured, tau);
        }
    }
    if let Some(sigma) = preset.sigma_se_s_per_cm {
        let input = if preset.cathode.is_some() {
            In::SigmaIMs
        } else {
            In::AnodeSigmaIMs
        };
        l.set(input, s_to_ms(sigma));
    }
    if let Some(cell) = preset.cell {
        l.set(In::UCathodeV, cell.u_c_v);
        l.set(In::UAnodeV, cell.u_a_v);
        l.set(In::CutoffV, cell.v_cutoff_v);
        l.set(In::R0, cell.r0_ohm_cm2);
        l.set(In::CurrentMa, a_to_ma(cell.current_a_per_cm2));
    }
    let anode = preset.anode.filter(|a| {
        a.components
            .iter()
            .all(|c| matches!(c.role, Role::Active | Role::Electrolyte))
    });
    match anode {
        Some(anode) => {
            let parts = triples(&anode);
            l.state.select(Anode::Composite);
            let (am, rho_am) = slot(&parts, &[Role::Active]);
            let (se, rho_se) = slot(&parts, &[Role::Electrolyte]);
            let group = [In::AnodeAmPct, In::AnodeSePct];
            if l.state.set_fractions_normalised(&group, &[am, se]) {
                l.set.extend(group);
            }
            if let Some(r) = rho_am {
                l.set(In::AnodeRhoAm, r);
            }
            if let Some(r) = rho_se {
                l.set(In::AnodeRhoSe, r);
            }
            if let Some(c) = anode.specific_capacity_mah_per_g {
                l.set(In::AnodeCap, c);
            }
            if let Some(tau) = published(preset, "tau_anode") {
                l.set(In::AnodeTau, tau);
            }
        }
        None => l.state.select(Anode::LiMetal),
    }
    l.notices.extend(preset.notes.iter().map(|n| n.to_string()));
}

/// Loads row `row` of the review's Table 1.
fn load_table1_row(l: &mut Loader, row: &Table1Row) -> Result<(), String> {
    let design = row.design().map_err(|e| e.to_string())?;
    let parts: Vec<(Role, f64, f64)> = design
        .components
        .iter()
        .map(|c| (c.role, c.mass_fraction, c.density_g_per_cm3))
        .collect();
    l.cathode(&parts);
    l.set(In::ThicknessUm, design.thickness_um);
    l.set(In::TemperatureC, design.temperature_c);
    match design.implied_porosity {
        Some(p) if (0.0..0.9).contains(&p) => {
            l.set(In::PorosityPct, 100.0 * p);
            l.notices.push(format!(
                "porosity {} % is implied by the stated loading",
                number(100.0 * p)
            ));
        }
        _ => l.set(In::PorosityPct, 0.0),
    }
    if let Some(c) = row.discharge_capacity_mah_per_g {
        l.set(In::CapAm, c);
    }
    l.state.select(Anode::LiMetal);
    if !design.assumed.is_empty() {
        l.notices.push(format!(
            "assumed (not in the row): {}",
            design.assumed.join(", ")
        ));
    }
    l.notices.push(format!("{} — {}", row.cell, row.citation));
    Ok(())
}

/// Loads design `id` (from [`choices`], [`material_choices`] or a figure
/// `fig:…`) into `state`; returns notices about what was assumed, every
/// value refused, and what the design leaves to the user.
///
/// A published design or a Table 1 row is a complete state of the design
/// workspace: it starts from the workspace's defaults, so the result is the
/// same whatever was loaded before (a figure does the same for the
/// impedance workspace, [`super::figures::apply`]). A library material is
/// an edit: it changes only its own slot.
pub fn apply(state: &mut State, id: &str) -> Result<Vec<String>, String> {
    if let Some((kind, material)) = id
        .split_once(':')
        .filter(|(k, _)| matches!(*k, "am" | "se" | "cb"))
    {
        return apply_material(state, kind, material);
    }
    if let Some(figure) = id.strip_prefix("fig:") {
        return super::figures::apply(state, figure);
    }
    let preset = match id.strip_prefix("p:") {
        Some(pid) => Some(
            PRESETS
                .iter()
                .find(|p| p.id == pid)
                .ok_or_else(|| format!("no preset {pid}"))?,
        ),
        None => None,
    };
    let row = match id.strip_prefix("t1:").and_then(|k| k.parse::<usize>().ok()) {
        Some(k) => Some(TABLE1.get(k).ok_or_else(|| format!("no Table 1 row {k}"))?),
        None => None,
    };
    if preset.is_none() && row.is_none() {
        return Err(format!("unknown design {id}"));
    }
    let mut loaded = state.clone();
    loaded.reset_workspace(Tab::Design);
    let mut l = Loader {
        state: &mut loaded,
        notices: Vec::new(),
        set: Vec::new(),
    };
    if let Some(preset) = preset {
        load_preset(&mut l, preset);
    }
    if let Some(row) = row {
        load_table1_row(&mut l, row)?;
    }
    let left = l.left_to_the_user();
    let mut notices = l.notices;
    notices.extend(left);
    *state = loaded;
    Ok(notices)
}

/// True when the design workspace of `state` is still exactly what loading
/// design `id` gives: the page shows the design's name until then.
pub fn still_loaded(state: &State, id: &str) -> bool {
    let mut loaded = state.clone();
    apply(&mut loaded, id).is_ok() && loaded.same_in(state, Tab::Design)
}

#[cfg(test)]
mod tests;
