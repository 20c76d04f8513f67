//! The review's Figures 4C, 4D and 5B redrawn by the simulate mode: one
//! click sets the layout and the sliders (through the normal [`State`], so
//! the permalink reproduces it), and the figure's small family of curves is
//! drawn around the slider values, with the intercepts the review's
//! equations name.
//!
//! The review gives no parameter values for these curves; the values here
//! are illustrative, chosen to reproduce each figure's shape:
//! - 4C (Eq. 8, high σ_e): ion–electron, R_e = 1 mΩ (the slider's floor,
//!   standing for R_e → 0), R_ion = 1 kΩ, R_bulk = 10 Ω, C_dl = 50 mF: a 45°
//!   line from R_bulk turning into the vertical capacitive branch at
//!   Re Z = R_bulk + R_ion/3.
//! - 4D (Eq. 11–13, low σ_e): ion–electron, R_ion = 1 kΩ, R_e = 250 Ω with
//!   R_e × ¼, 1, 4 as the family, R_bulk = 1 mΩ, C_dl = 50 mF.
//! - 5B (Eq. 14–16, ion blocking SS/CE/SS): electron–electron, R_e = 1 kΩ,
//!   R_ion = 1 kΩ with R_ion × ¼, 1, 4 as the family, R_bulk = 1 mΩ,
//!   C_dl = 10 µF: 45° lines closing as semicircles, all at R_e (Eq. 16).

use super::choices::{Choice, SimFigure, Tab, ZMode};
use crate::fit::InterfaceKind;
use crate::impedance::line::{high_frequency_intercept_ohm, low_frequency_real_ohm};
use crate::impedance::Layout;

use super::inputs::In;
use super::state::State;

/// Factors applied to the family's varied rail.
pub const FAMILY_FACTORS: [f64; 3] = [0.25, 1.0, 4.0];

/// One figure preset: id, layout, varied rail (None: one curve), and the
/// slider values (R_bulk Ω, R_ion Ω, R_e Ω, C_dl F).
struct FigurePreset {
    id: SimFigure,
    name: &'static str,
    layout: Layout,
    varied: Option<In>,
    values: [f64; 4],
}

const FIGURES: [FigurePreset; 3] = [
    FigurePreset {
        id: SimFigure::Fig4C,
        name: "Figure 4C",
        layout: Layout::IonElectron,
        varied: None,
        values: [10.0, 1000.0, 1e-3, 0.05],
    },
    FigurePreset {
        id: SimFigure::Fig4D,
        name: "Figure 4D",
        layout: Layout::IonElectron,
        varied: Some(In::SimRE),
        values: [1e-3, 1000.0, 250.0, 0.05],
    },
    FigurePreset {
        id: SimFigure::Fig5B,
        name: "Figure 5B",
        layout: Layout::ElectronElectron,
        varied: Some(In::SimRIon),
        values: [1e-3, 1000.0, 1000.0, 1e-5],
    },
];

const SLIDERS: [In; 4] = [In::SimRBulk, In::SimRIon, In::SimRE, In::SimC];

/// Sets the state to figure `id` (`4c`, `4d`, `5b`): impedance workspace,
/// simulate mode, the figure's layout, a double layer and its slider values,
/// every other input and choice of the impedance workspace at its default
/// (so the figure looks the same whatever was loaded before).
pub fn apply(state: &mut State, id: &str) -> Result<Vec<String>, String> {
    let figure = FIGURES
        .iter()
        .find(|f| f.id.name() == id)
        .ok_or_else(|| format!("no figure {id}"))?;
    state.reset_workspace(Tab::Impedance);
    state.select(Tab::Impedance);
    state.select(ZMode::Simulate);
    state.select(figure.layout);
    state.select(InterfaceKind::Capacitor);
    state.select(figure.id);
    for (input, value) in SLIDERS.into_iter().zip(figure.values) {
        state.set(input, value)?;
    }
    Ok(vec![format!(
        "{} of the review with illustrative values (the review gives none)",
        figure.name
    )])
}

/// The figure the state redraws, if its layout is still the figure's.
fn active(state: &State) -> Option<&'static FigurePreset> {
    FIGURES
        .iter()
        .find(|f| f.id == state.choice::<SimFigure>())
        .filter(|f| f.layout == state.choice::<Layout>())
}

/// The figure's name ("Figure 5B"), if the state redraws one.
pub fn active_name(state: &State) -> Option<&'static str> {
    active(state).map(|f| f.name)
}

/// One curve to draw: (varied rail and its value, R_ion Ω, R_e Ω).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Curve {
    pub varied: Option<(In, f64)>,
    pub r_ion_ohm: f64,
    pub r_e_ohm: f64,
}

/// The curves of the state: the sliders' line, or the figure's family (the
/// varied rail × [`FAMILY_FACTORS`], kept in range), which includes it.
pub fn curves(state: &State) -> Vec<Curve> {
    let (r_ion, r_e) = (state.get(In::SimRIon), state.get(In::SimRE));
    let main = Curve {
        varied: None,
        r_ion_ohm: r_ion,
        r_e_ohm: r_e,
    };
    let Some(rail) = active(state).and_then(|f| f.varied) else {
        return vec![main];
    };
    let base = state.get(rail);
    let mut out: Vec<Curve> = FAMILY_FACTORS
        .iter()
        .map(|k| rail.spec().check(k * base).unwrap_or(base))
        .map(|v| Curve {
            varied: Some((rail, v)),
            r_ion_ohm: if rail == In::SimRIon { v } else { r_ion },
            r_e_ohm: if rail == In::SimRE { v } else { r_e },
        })
        .collect();
    out.dedup_by(|a, b| a.varied == b.varied);
    out
}

/// The intercepts of one curve on the real axis, from the closed forms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Z(ω → ∞) = R_bulk + R_ion·R_e/S (Eq. 12, 15; Eq. 5's bulk term), Ω.
    pub high_ohm: f64,
    /// Re Z(ω → 0): R_bulk + S/3 (ion–electron, Eq. 13), R_bulk + R_e
    /// (ion blocking, Eq. 16) or R_bulk + R_ion (electron blocking), Ω.
    pub low_re_ohm: f64,
}

/// The [`Features`] of a line of `layout` with these resistances (Ω).
pub fn features(layout: Layout, r_bulk_ohm: f64, r_ion_ohm: f64, r_e_ohm: f64) -> Features {
    Features {
        high_ohm: r_bulk_ohm + high_frequency_intercept_ohm(r_ion_ohm, r_e_ohm),
        low_re_ohm: r_bulk_ohm + low_frequency_real_ohm(layout, r_ion_ohm, r_e_ohm),
    }
}

/// What the low-frequency value of `layout` is called, with its equation.
pub fn low_name(layout: Layout) -> &'static str {
    match layout {
        Layout::IonElectron => "R_bulk + S/3, the \"width\" S/3 (Eq. 13)",
        Layout::ElectronElectron => "R_bulk + R_e (Eq. 16)",
        Layout::IonIon => "R_bulk + R_ion (Eq. 4–7)",
    }
}

/// The equation of the high-frequency intercept in `layout`.
pub fn high_eq(layout: Layout) -> &'static str {
    match layout {
        Layout::IonElectron => "Eq. 12",
        Layout::ElectronElectron => "Eq. 15",
        Layout::IonIon => "Eq. 4",
    }
}

#[cfg(test)]
mod tests;
