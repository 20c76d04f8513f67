//! The impedance workspace's view model: fit loaded spectra to the
//! two-rail line of the chosen layout, check them with Kramers–Kronig,
//! derive σ_eff and τ from R_ion; or simulate the line from sliders.
//!
//! The fitting, KK and derived quantities are the core's (`crate::fit`);
//! this module picks the options from the state and formats the outcome.

use crate::error::{Error, Result};
use crate::fit::derived::{derive, Derived, Geometry};
use crate::fit::kk::{kk_check, KkOptions, KkResult};
use crate::fit::{fit_line, FitOptions, FitResult, InterfaceKind};
use crate::impedance::{Interface, Layout, Model, TwoRailLine};
use crate::precision::plus_minus;
use crate::spectrum::Spectrum;
use crate::units::{ms_to_s, s_to_ms, um_to_cm};

use super::choices::Ch;
use super::design_plots::log_space;
use super::format::{number, with_unit};
use super::inputs::In;
use super::state::State;
use super::view::{Row, Table, View};

/// Frequencies of a simulated spectrum: 10 per decade, 10 mHz to 1 MHz.
pub fn simulation_frequencies_hz() -> Vec<f64> {
    log_space(1e-2, 1e6, 81)
}

/// One loaded spectrum and, once fitted, what the fit found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file it was read from.
    pub file: String,
    /// Its 1-based position among the file's spectra (EC-Lab loops …).
    pub index: usize,
    pub spectrum: Spectrum,
    pub outcome: Option<std::result::Result<Outcome, String>>,
}

/// Everything a fit of one spectrum yields.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub fit: FitResult,
    /// The fitted model at the data's frequencies.
    pub model: Spectrum,
    pub kk: std::result::Result<KkResult, String>,
    /// The model choices the fit was made with ([`fit_settings`]).
    pub settings: String,
}

/// The state's choices that a fit depends on (layout, interface, R_bulk);
/// geometry and the rail assignment only enter the derived σ_eff and τ,
/// which are recomputed from the fit at every render.
pub fn fit_settings(state: &State) -> String {
    let r_bulk = if state.choice(Ch::RBulk) == "fixed" {
        super::format::exact(state.get(In::ZRBulkOhm))
    } else {
        "free".into()
    };
    format!(
        "{}|{}|{r_bulk}",
        state.choice(Ch::Layout),
        state.choice(Ch::Interface)
    )
}

/// The ionic rail of `fit` and σ_eff, τ, α derived from it with the
/// state's geometry (Eq. 3, 17, 18).
pub fn derived_for(
    state: &State,
    fit: &FitResult,
) -> (&'static str, std::result::Result<Derived, String>) {
    let ionic = ionic_rail(state, fit);
    let derived = match fit.param(ionic) {
        Some(rail) => derive(rail.value, rail.stderr, &geometry(state)).map_err(|e| e.to_string()),
        None => Err(format!("the fit has no {ionic}")),
    };
    (ionic, derived)
}

/// The layout chosen in the state.
pub fn layout(state: &State) -> Layout {
    Layout::from_name(state.choice(Ch::Layout)).unwrap_or(Layout::IonIon)
}

/// The interface kind chosen in the state.
pub fn interface_kind(state: &State) -> InterfaceKind {
    if state.choice(Ch::Interface) == "c" {
        InterfaceKind::Capacitor
    } else {
        InterfaceKind::Cpe
    }
}

/// The electrode geometry in core units.
pub fn geometry(state: &State) -> Geometry {
    Geometry {
        thickness_cm: um_to_cm(state.get(In::ZThicknessUm)),
        area_cm2: state.get(In::ZAreaCm2),
        epsilon: state.get(In::ZEpsilon),
        sigma_i_s_per_cm: ms_to_s(state.get(In::ZSigmaIMs)),
    }
}

/// Fit options from the state (R_bulk held when asked).
pub fn fit_options(state: &State) -> FitOptions {
    let mut options = FitOptions::default();
    if state.choice(Ch::RBulk) == "fixed" {
        options
            .fixed
            .push(("r_bulk".into(), state.get(In::ZRBulkOhm)));
    }
    options
}

/// The line of the state's layout and interface (placeholder values).
pub fn line_model(state: &State) -> Result<TwoRailLine> {
    let placeholder = match interface_kind(state) {
        InterfaceKind::Capacitor => Interface::Capacitor { c_dl_f: 1e-6 },
        InterfaceKind::Cpe => Interface::Cpe { q: 1e-6, n: 0.9 },
    };
    TwoRailLine::new(layout(state), 1.0, 1.0, placeholder, 1.0)
}

/// Evaluates a line with parameter values `values` at `freq_hz`.
pub fn line_spectrum(
    state: &State,
    values: &[f64],
    freq_hz: &[f64],
    label: &str,
) -> Result<Spectrum> {
    let mut line = line_model(state)?;
    line.set_params(values)?;
    let z_ohm = freq_hz
        .iter()
        .map(|f| line.impedance(std::f64::consts::TAU * f))
        .collect();
    Ok(Spectrum {
        label: label.to_string(),
        freq_hz: freq_hz.to_vec(),
        z_ohm,
    })
}

/// Which fitted rail is ionic: `r_ion`, unless the layout cannot tell the
/// rails apart and the user said the ionic one is the other.
pub fn ionic_rail(state: &State, fit: &FitResult) -> &'static str {
    let (r_ion, r_e) = (
        fit.param("r_ion").map_or(0.0, |p| p.value),
        fit.param("r_e").map_or(0.0, |p| p.value),
    );
    if !fit.rails_interchangeable {
        return "r_ion";
    }
    let larger_is_ionic = state.choice(Ch::Rails) == "larger";
    if (r_ion >= r_e) == larger_is_ionic {
        "r_ion"
    } else {
        "r_e"
    }
}

/// Fits one spectrum with the state's layout, interface and options.
pub fn fit_one(state: &State, spectrum: &Spectrum) -> Result<Outcome> {
    let fit = fit_line(
        layout(state),
        interface_kind(state),
        spectrum,
        &fit_options(state),
    )?;
    let model = line_spectrum(state, &fit.values(), &spectrum.freq_hz, "fit")?;
    let kk = kk_check(spectrum, &KkOptions::default()).map_err(|e| e.to_string());
    Ok(Outcome {
        fit,
        model,
        kk,
        settings: fit_settings(state),
    })
}

/// The simulated line from the sliders and its spectrum.
pub fn simulate(state: &State) -> Result<Spectrum> {
    let mut values = vec![
        state.get(In::SimRBulk),
        state.get(In::SimRIon),
        state.get(In::SimRE),
        state.get(In::SimC),
    ];
    if interface_kind(state) == InterfaceKind::Cpe {
        values.push(state.get(In::SimN));
    }
    line_spectrum(state, &values, &simulation_frequencies_hz(), "model")
}

/// "value ± error unit" with two significant digits of the error ([`plus_minus`]).
fn estimate_text(value: f64, stderr: Option<f64>, unit: &str) -> String {
    match stderr {
        Some(se) if se.is_finite() && se > 0.0 => plus_minus(value, Some(se), unit),
        _ => with_unit(value, unit),
    }
}

/// The fitted parameters as a table.
pub fn parameter_table(fit: &FitResult) -> Table {
    let header = [
        "parameter",
        "value",
        "standard error",
        "95 % interval",
        "status",
    ]
    .map(String::from)
    .to_vec();
    let rows = fit
        .params
        .iter()
        .map(|p| {
            let status = if p.fixed {
                "held"
            } else if p.determined {
                "determined"
            } else {
                "not determined"
            };
            vec![
                format!("{} ({})", p.name, p.unit),
                number(p.value),
                p.stderr.map_or("—".into(), number),
                p.ci95.map_or("—".into(), |(lo, hi)| {
                    format!("{} … {}", number(lo), number(hi))
                }),
                status.to_string(),
            ]
        })
        .collect();
    Table { header, rows }
}

/// Rows for derived σ_eff, τ and α.
pub(super) fn derived_rows(
    derived: &std::result::Result<Derived, String>,
    rows: &mut Vec<Row>,
) -> Option<f64> {
    match derived {
        Ok(d) => {
            let sigma = d.sigma_eff_s_per_cm;
            rows.push(Row::new(
                "zsigeff",
                "σ_eff = L/(R_ion·A)",
                estimate_text(s_to_ms(sigma.value), sigma.stderr.map(s_to_ms), "mS/cm"),
                Some("Eq. 3"),
            ));
            rows.push(Row::new(
                "ztau",
                "τ = ε·σ_i/σ_eff",
                estimate_text(d.tortuosity.value, d.tortuosity.stderr, ""),
                Some("Eq. 17"),
            ));
            if let Some(a) = d.bruggeman_alpha {
                rows.push(Row::new(
                    "zalpha",
                    "Bruggeman α (τ = ε^−α)",
                    estimate_text(a.value, a.stderr, ""),
                    Some("Eq. 18"),
                ));
            }
            Some(d.tortuosity.value)
        }
        Err(why) => {
            let e = Error::Numerical(why.clone());
            rows.push(Row::from_result(
                "ztau",
                "τ = ε·σ_i/σ_eff",
                Err(e),
                Some("Eq. 17"),
            ));
            None
        }
    }
}

/// The impedance workspace's view for the loaded spectra (`selected` is shown).
pub fn view(state: &State, loaded: &[Loaded], selected: usize) -> View {
    let mut view = View::default();
    if state.choice(Ch::ZMode) == "sim" {
        return super::impedance_sim::view(state);
    }
    let Some(item) = loaded.get(selected).or(loaded.first()) else {
        view.messages
            .push("Load a spectrum to fit it (three columns: f / Hz, Z′ / Ω, Z″ / Ω).".into());
        return view;
    };
    let s = &item.spectrum;
    let mut rows = vec![Row::new(
        "zfile",
        "Spectrum",
        format!("{} ({} points)", s.label, s.len()),
        None,
    )];
    match &item.outcome {
        None => view.messages.push("Not fitted yet: press Fit.".into()),
        Some(Err(why)) => view.messages.push(format!("The fit failed: {why}")),
        Some(Ok(o)) => {
            if o.settings != fit_settings(state) {
                view.messages.push(
                    "The layout, interface or R_bulk changed since this fit: press Fit to fit again.".into(),
                );
            }
            let (ionic, derived) = derived_for(state, &o.fit);
            rows.push(Row::new(
                "zchi",
                "Reduced χ² (weighted by 1/|Z|)",
                number(o.fit.reduced_chi2),
                None,
            ));
            rows.push(Row::new(
                "zionic",
                "Rail taken as ionic",
                ionic.to_string(),
                None,
            ));
            rows.push(Row::from_result(
                "zkk",
                "Kramers–Kronig: largest relative residual",
                o.kk.as_ref()
                    .map(|k| {
                        format!(
                            "{} % ({} Voigt elements)",
                            number(100.0 * k.max_residual),
                            k.elements
                        )
                    })
                    .map_err(|e| Error::Numerical(e.clone())),
                None,
            ));
            view.send_tau = derived_rows(&derived, &mut rows);
            view.messages.extend(o.fit.notes.iter().cloned());
            view.table = Some(parameter_table(&o.fit));
        }
    }
    view.rows = rows;
    let model = item
        .outcome
        .as_ref()
        .and_then(|o| o.as_ref().ok())
        .map(|o| &o.model);
    view.plots =
        super::impedance_plots::plots(std::slice::from_ref(s), model, model.map(|m| (s, m)));
    view
}

#[cfg(test)]
#[path = "impedance_tests.rs"]
mod tests;
