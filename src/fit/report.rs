//! The report of a transmission-line fit, the one shape every output
//! takes: `ionpath fit` (JSON, and CSV columns flattened from the same
//! value), `api.js`'s `fit` and the page. It is the core's [`FitResult`]
//! with what the caller asked around it: which rail is ionic, σ_eff, τ and
//! α from the geometry (Eq. 3, 17, 18), the Kramers–Kronig check. The
//! fields are listed in `docs/FIT-REPORT.md`.

use serde::{Deserialize, Serialize};

use super::derived::{derive_from_fit, Derived, Geometry};
use super::kk::{kk_check, KkOptions, KkResult};
use super::{fit_line, FitOptions, FitResult, InterfaceKind};
use crate::error::Result;
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitReport {
    /// The file the spectrum came from (the CLI; absent in `api.js`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Points of the spectrum.
    pub points: usize,
    #[serde(flatten)]
    pub fit: FitResult,
    /// With interchangeable rails: the rule that named them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ionic_rail: Option<IonicRail>,
    /// With interchangeable rails: whether the optimiser's rails were exchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rails_swapped: Option<bool>,
    /// A second solution the spectrum cannot rule out ([`FitResult::rival`]),
    /// its rails named by the same rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rival: Option<RivalReport>,
    /// σ_eff, τ and α from R_ion, when the geometry was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derived>,
    /// The Kramers–Kronig check, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kk: Option<KkResult>,
}

/// [`super::Rival`] with its parameters by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RivalReport {
    /// Its χ² minus the fit's, in units of the fit's χ²/dof.
    pub excess_chi2_per_dof: f64,
    /// Its values, in the order and with the names of the fit's parameters.
    pub params: Vec<NamedValue>,
}

/// A parameter's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedValue {
    pub name: String,
    pub value: f64,
}

/// What to fit besides the spectrum.
#[derive(Debug, Clone, PartialEq)]
pub struct FitRequest {
    pub layout: Layout,
    pub interface: InterfaceKind,
    pub options: FitOptions,
    pub ionic_rail: IonicRail,
    pub geometry: Option<Geometry>,
    pub kk: bool,
}

/// True when rails valued `ion`, `el` must be exchanged for `rule`.
fn wrong_way(ion: f64, el: f64, rule: IonicRail) -> bool {
    ion != el && (ion < el) == (rule == IonicRail::Larger)
}

/// Fits `spectrum` as `request` asks and reports. With interchangeable
/// rails both the fit's and its rival's are named by `ionic_rail` (a rail
/// held fixed is the caller's assignment and never exchanged).
pub fn fit_report(spectrum: &Spectrum, request: &FitRequest) -> Result<FitReport> {
    let mut fit = fit_line(
        request.layout,
        request.interface,
        spectrum,
        &request.options,
    )?;
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
    let derived = match &request.geometry {
        Some(g) => Some(derive_from_fit(&fit, g)?),
        None => None,
    };
    let kk = match request.kk {
        true => Some(kk_check(spectrum, &KkOptions::default())?),
        false => None,
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
    Ok(FitReport {
        rival,
        file: None,
        points: spectrum.len(),
        ionic_rail: interchangeable.then_some(request.ionic_rail),
        rails_swapped: interchangeable.then_some(swapped),
        derived,
        kk,
        fit,
    })
}
