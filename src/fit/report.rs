//! The report of an impedance fit, the one shape every output takes:
//! `ionpath fit` (JSON, and CSV columns flattened from the same value),
//! `api.js`'s `fit` and the page. It is the core's [`FitResult`] with what
//! the caller asked around it: the model fitted (the two-rail line, a
//! circuit, or the first model the spectrum's shape calls for), the
//! verdict on the fit with its reasons and measures, which rail is ionic,
//! σ_eff, τ and α from the geometry (Eq. 3, 17, 18) when the verdict allows
//! them, else why not, and the Kramers–Kronig check. The fields are listed
//! in `docs/FIT-REPORT.md`.

use num_complex::Complex64;
use serde::{Deserialize, Serialize};

use super::circuit_start::fit_circuit;
use super::derived::{Derived, Geometry};
use super::first_model::{fit_first, Choice, FirstModel};
use super::kk::{kk_check, KkOptions, KkResult};
use super::result::model_impedance;
use super::verdict::{judge, offer_derived, Judgement};
use super::{fit_line, FitOptions, FitResult, InterfaceKind};
use crate::error::Result;
use crate::impedance::circuit::Circuit;
use crate::impedance::notation::parse_circuit;
use crate::impedance::Layout;
use crate::spectrum::Spectrum;

/// Which fitted rail is R_ion when the layout cannot tell them apart
/// (ion–electron): the larger (σ_e ≫ σ_i in a carbon-containing cathode,
/// the default) or the smaller resistance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IonicRail {
    #[default]
    Larger,
    Smaller,
}

/// A fit and what was asked around it.
///
/// Its serde form is plain — every field, nested as declared — because it
/// is also the page worker's postcard message (a format without field
/// names, which cannot flatten or leave fields out). The shape people read
/// (the CLI's JSON and CSV, `api.js`) is [`FitReport::to_json`]'s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// The file the spectrum came from (the CLI; absent in `api.js`).
    pub file: Option<String>,
    /// The model fitted: `tlm LAYOUT INTERFACE` or a circuit's notation.
    pub model: String,
    /// With the automatic model: why it was chosen and what to enter.
    pub model_choice: Option<Choice>,
    /// The verdict, its reasons and measures ([`Judgement`]).
    pub judgement: Judgement,
    /// Points of the spectrum.
    pub points: usize,
    pub fit: FitResult,
    /// With interchangeable rails: the rule that named them.
    pub ionic_rail: Option<IonicRail>,
    /// With interchangeable rails: whether the optimiser's rails were exchanged.
    pub rails_swapped: Option<bool>,
    /// A second solution the spectrum cannot rule out ([`FitResult::rival`]),
    /// its rails named by the same rule.
    pub rival: Option<RivalReport>,
    /// σ_eff, τ and α from R_ion, when the geometry was given and the
    /// verdict allows them ([`offer_derived`]).
    pub derived: Option<Derived>,
    /// Why σ_eff, τ and α are not given, when the geometry was.
    pub derived_withheld: Option<String>,
    /// The Kramers–Kronig check (always run for the verdict), when asked for.
    pub kk: Option<KkResult>,
}

/// Fields of a report's JSON left out when absent (null or, a profile,
/// empty): at the top level, and in each of `params`.
const OPTIONAL_TOP: [&str; 9] = [
    "file",
    "model_choice",
    "ionic_rail",
    "rails_swapped",
    "rival",
    "derived",
    "derived_withheld",
    "kk",
    "profile_threshold",
];
const OPTIONAL_PARAM: [&str; 3] = ["second_minimum", "at_bound", "profile"];

/// True for a value a JSON report leaves out: null or an empty array.
fn absent(value: &serde_json::Value) -> bool {
    value.is_null() || value.as_array().is_some_and(|a| a.is_empty())
}

impl FitReport {
    /// The report as ionpath's outputs print it (`ionpath fit`'s JSON and
    /// CSV, `api.js`; `docs/FIT-REPORT.md`): the verdict's fields
    /// (`verdict`, `verdict_reasons`, `verdict_measures`) and the fit's at
    /// the top level beside the others, optional fields left out when
    /// absent, and the automatic model as `{"kind": "line", …}`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        let mut out = Map::new();
        let Ok(Value::Object(plain)) = serde_json::to_value(self) else {
            return Value::Object(out); // a struct always serialises to an object
        };
        for (key, value) in plain {
            match (key.as_str(), value) {
                ("judgement" | "fit", Value::Object(inner)) => out.extend(inner),
                (_, value) => {
                    out.insert(key, value);
                }
            }
        }
        out.retain(|key, value| !(OPTIONAL_TOP.contains(&key.as_str()) && absent(value)));
        if let Some(Value::Array(params)) = out.get_mut("params") {
            for param in params.iter_mut().filter_map(Value::as_object_mut) {
                param.retain(|key, value| {
                    !(OPTIONAL_PARAM.contains(&key.as_str()) && absent(value))
                });
            }
        }
        // σ_eff, τ and α are never at a bound ([`super::derived::Estimate`]).
        if let Some(Value::Object(derived)) = out.get_mut("derived") {
            for estimate in derived.values_mut().filter_map(Value::as_object_mut) {
                estimate.retain(|key, value| !(key == "at_bound" && absent(value)));
            }
        }
        // {"line": {…}} → {"kind": "line", …}
        if let Some(Value::Object(tagged)) =
            out.get_mut("model_choice").and_then(|c| c.get_mut("model"))
        {
            if let Some((kind, Value::Object(fields))) = tagged.iter().next() {
                let mut flat = Map::new();
                flat.insert("kind".into(), Value::String(kind.clone()));
                flat.extend(fields.clone());
                *tagged = flat;
            }
        }
        Value::Object(out)
    }
}

/// [`super::Rival`] with its parameters by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RivalReport {
    /// Its χ² minus the fit's, in units of the fit's χ²/dof.
    pub excess_chi2_per_dof: f64,
    /// Its values, in the order and with the names of the fit's parameters.
    pub params: Vec<NamedValue>,
}

/// A parameter's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedValue {
    pub name: String,
    pub value: f64,
}

/// The model a fit request names.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelRequest {
    /// The two-rail transmission line.
    Line {
        layout: Layout,
        interface: InterfaceKind,
    },
    /// An equivalent circuit, from automatic starts.
    Circuit(Circuit),
    /// The first model the spectrum's shape calls for
    /// ([`super::first_model`]), R_bulk held at the options' fixed `r_bulk`
    /// when there is one.
    Auto,
}

/// What to fit besides the spectrum.
#[derive(Debug, Clone, PartialEq)]
pub struct FitRequest {
    pub model: ModelRequest,
    pub options: FitOptions,
    pub ionic_rail: IonicRail,
    pub geometry: Option<Geometry>,
    /// Report the Kramers–Kronig check (it is run for the verdict anyway).
    pub kk: bool,
    /// The Lin-KK check's series terms and rule ([`KkOptions::default`]:
    /// series L, C decided from the data).
    pub kk_options: KkOptions,
}

/// True when rails valued `ion`, `el` must be exchanged for `rule`.
fn wrong_way(ion: f64, el: f64, rule: IonicRail) -> bool {
    ion != el && (ion < el) == (rule == IonicRail::Larger)
}

/// `tlm ion-electron capacitor` and the like.
fn line_name(layout: Layout, interface: InterfaceKind) -> String {
    format!("tlm {} {}", layout.name(), interface.name())
}

/// A fit of the requested model: the fit, the model at the data's
/// frequencies, its name, and the automatic choice.
struct Fitted {
    fit: FitResult,
    model_ohm: Vec<Complex64>,
    name: String,
    choice: Option<Choice>,
}

fn fit_requested(spectrum: &Spectrum, request: &FitRequest) -> Result<Fitted> {
    let options = &request.options;
    Ok(match &request.model {
        ModelRequest::Line { layout, interface } => {
            let fit = fit_line(*layout, *interface, spectrum, options)?;
            let model_ohm = model_impedance(&interface.line(*layout)?, &fit.values(), spectrum)?;
            Fitted {
                fit,
                model_ohm,
                name: line_name(*layout, *interface),
                choice: None,
            }
        }
        ModelRequest::Circuit(circuit) => {
            let fit = fit_circuit(circuit, spectrum, options)?;
            let model_ohm = model_impedance(circuit, &fit.values(), spectrum)?;
            Fitted {
                fit,
                model_ohm,
                name: circuit.to_string(),
                choice: None,
            }
        }
        ModelRequest::Auto => {
            let r_bulk = options
                .fixed
                .iter()
                .find(|(n, _)| n == "r_bulk")
                .map(|p| p.1);
            let first = fit_first(spectrum, r_bulk, options)?;
            let name = match &first.choice.model {
                FirstModel::Line {
                    layout,
                    cpe_interface,
                    ..
                } => {
                    let interface = match cpe_interface {
                        true => InterfaceKind::Cpe,
                        false => InterfaceKind::Capacitor,
                    };
                    line_name(*layout, interface)
                }
                FirstModel::Circuit { notation } => parse_circuit(notation)?.to_string(),
            };
            Fitted {
                fit: first.fit,
                model_ohm: first.model_ohm,
                name,
                choice: Some(first.choice),
            }
        }
    })
}

/// Fits `spectrum` as `request` asks and reports. With interchangeable
/// rails both the fit's and its rival's are named by `ionic_rail` (a rail
/// held fixed is the caller's assignment and never exchanged). The
/// Kramers–Kronig check is run on every spectrum: the verdict measures the
/// residuals against the noise it implies.
pub fn fit_report(spectrum: &Spectrum, request: &FitRequest) -> Result<FitReport> {
    fit_report_and_model(spectrum, request).map(|(report, _)| report)
}

/// [`fit_report`] and the fitted model's impedance (Ω) at the spectrum's
/// frequencies (the page draws it without knowing which model was chosen).
pub fn fit_report_and_model(
    spectrum: &Spectrum,
    request: &FitRequest,
) -> Result<(FitReport, Vec<Complex64>)> {
    let Fitted {
        mut fit,
        model_ohm,
        name,
        choice,
    } = fit_requested(spectrum, request)?;
    let mut swapped = false;
    if let (true, Some(ion), Some(el)) = (
        fit.rails_interchangeable,
        fit.param("r_ion"),
        fit.param("r_e"),
    ) {
        if !ion.fixed && !el.fixed && wrong_way(ion.value, el.value, request.ionic_rail) {
            fit = fit.swap_rails()?;
            swapped = true;
        }
    }
    let ion = fit.params.iter().position(|p| p.name == "r_ion");
    let el = fit.params.iter().position(|p| p.name == "r_e");
    if let (Some(rival), Some(i), Some(e)) = (fit.rival.as_mut(), ion, el) {
        if i.max(e) < rival.values.len()
            && wrong_way(rival.values[i], rival.values[e], request.ionic_rail)
        {
            rival.values.swap(i, e);
        }
    }
    let kk = kk_check(spectrum, &request.kk_options)?;
    let judgement = judge(
        spectrum,
        &model_ohm,
        fit.correlation.names.len(),
        fit.converged,
        &kk,
    )?;
    let (derived, derived_withheld) = match &request.geometry {
        None => (None, None),
        Some(g) => match offer_derived(&fit, "r_ion", judgement.verdict, g) {
            Ok(d) => (Some(d), None),
            Err(why) => (None, Some(why)),
        },
    };
    let rival = fit.rival.as_ref().map(|r| RivalReport {
        excess_chi2_per_dof: r.excess_chi2_per_dof,
        params: fit
            .params
            .iter()
            .zip(&r.values)
            .map(|(p, &value)| NamedValue {
                name: p.name.clone(),
                value,
            })
            .collect(),
    });
    let interchangeable = fit.rails_interchangeable;
    let report = FitReport {
        file: None,
        model: name,
        model_choice: choice,
        judgement,
        points: spectrum.len(),
        ionic_rail: interchangeable.then_some(request.ionic_rail),
        rails_swapped: interchangeable.then_some(swapped),
        rival,
        derived,
        derived_withheld,
        kk: request.kk.then_some(kk),
        fit,
    };
    Ok((report, model_ohm))
}

#[cfg(test)]
mod tests;
