//! Every numeric input of the page: its URL key, label, unit, valid range,
//! default and slider scale. One table, used by the state, the URL codec,
//! validation and the DOM glue, so an input is described exactly once.
//!
//! Values are held in the page's display units (µm, mS/cm, mA/cm², %, °C);
//! the view model converts them to the core's units with [`crate::units`].

/// How a slider maps onto an input's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Slider position is the value itself.
    Linear,
    /// Slider position is log10 of the value (range must be > 0).
    Log,
}

/// Which panel of the page an input belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Cathode,
    Electrolyte,
    Operation,
    Anode,
    /// The uncertainties the user gives for the delivered capacity's interval.
    Uncertainty,
    Geometry,
    Simulate,
}

impl Group {
    /// The workspace the group's inputs belong to: the impedance
    /// workspace's groups are named, every other group (including any
    /// added later) is the design workspace's.
    pub fn workspace(self) -> super::choices::Tab {
        match self {
            Group::Geometry | Group::Simulate => super::choices::Tab::Impedance,
            _ => super::choices::Tab::Design,
        }
    }

    /// The id of the page element (a `<fieldset>` body) that holds the group.
    pub fn element_id(self) -> &'static str {
        match self {
            Group::Cathode => "g-cathode",
            Group::Electrolyte => "g-electrolyte",
            Group::Operation => "g-operation",
            Group::Anode => "g-anode",
            Group::Uncertainty => "g-uncertainty",
            Group::Geometry => "g-geometry",
            Group::Simulate => "g-simulate",
        }
    }
}

/// Identifies one numeric input; its discriminant is its index in [`INPUTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum In {
    AmPct,
    SePct,
    CarbonPct,
    RhoAm,
    RhoSe,
    RhoCarbon,
    CapAm,
    PorosityPct,
    /// ε with voids, derived from the composition (see [`DERIVED`]).
    Epsilon,
    ThicknessUm,
    SigmaIMs,
    TemperatureC,
    ActivationEv,
    Alpha,
    BruggemanK,
    TauMeasured,
    CurrentMa,
    UCathodeV,
    UAnodeV,
    CutoffV,
    R0,
    UtilisationPct,
    SeparatorUm,
    CollectorUm,
    LiExcessUm,
    AnodeAmPct,
    AnodeSePct,
    AnodeRhoAm,
    AnodeRhoSe,
    AnodeCap,
    AnodeThicknessUm,
    AnodeSigmaIMs,
    AnodeTau,
    SigmaIUncPct,
    TauUnc,
    AlphaUnc,
    R0Unc,
    ZThicknessUm,
    ZAreaCm2,
    ZEpsilon,
    ZSigmaIMs,
    ZRBulkOhm,
    SimRBulk,
    SimRIon,
    SimRE,
    SimC,
    SimN,
}

/// Number of numeric inputs.
pub const N_INPUTS: usize = 47;

/// Inputs whose value follows from the others: the state recomputes them
/// after every change, setting one changes the inputs it follows from
/// (`State::set`), and the URL leaves them out.
pub const DERIVED: [In; 1] = [In::Epsilon];

/// Description of one numeric input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InputSpec {
    pub id: In,
    /// Key in the URL query, in storage and the DOM id suffix.
    pub key: &'static str,
    /// Label for people (plain scientific English, symbol included).
    pub label: &'static str,
    /// Display unit ("" for dimensionless).
    pub unit: &'static str,
    /// Inclusive valid range, in the display unit.
    pub min: f64,
    pub max: f64,
    pub default: f64,
    pub scale: Scale,
    /// Step of the linear slider (ignored for log sliders).
    pub step: f64,
    pub group: Group,
}

#[allow(clippy::too_many_arguments)] // one argument per column of the table
const fn spec(
    id: In,
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    range: (f64, f64),
    default: f64,
    scale: Scale,
    step: f64,
    group: Group,
) -> InputSpec {
    InputSpec {
        id,
        key,
        label,
        unit,
        min: range.0,
        max: range.1,
        default,
        scale,
        step,
        group,
    }
}

use Group::*;
use Scale::*;

/// All numeric inputs, in [`In`] order. Defaults describe the full cell of
/// Kato et al. (2018) as given in MODELS.md: LCO/acetylene black/SE cathode
/// 61/3/36 wt%, graphite/SE anode 46/54 wt%, U_c = 4.1 V, U_a = 0.1 V,
/// cut-off 2.5 V, R_0 = 8 Ω·cm², 6 mA/cm², reported τ 2.47 and 3.32; the SE
/// conductivities are those that give their σ_eff of 0.73 and 0.21 mS/cm.
#[rustfmt::skip]
pub const INPUTS: [InputSpec; N_INPUTS] = [
    spec(In::AmPct, "am", "Active material", "%", (0.0, 100.0), 61.0, Linear, 0.1, Cathode),
    spec(In::SePct, "se", "Solid electrolyte", "%", (0.0, 100.0), 36.0, Linear, 0.1, Cathode),
    spec(In::CarbonPct, "cb", "Carbon", "%", (0.0, 100.0), 3.0, Linear, 0.1, Cathode),
    spec(In::RhoAm, "ram", "Density of the active material", "g/cm³", (0.1, 25.0), 5.05, Linear, 0.01, Cathode),
    spec(In::RhoSe, "rse", "Density of the SE", "g/cm³", (0.1, 25.0), 2.0, Linear, 0.01, Cathode),
    spec(In::RhoCarbon, "rcb", "Density of the carbon", "g/cm³", (0.1, 25.0), 2.0, Linear, 0.01, Cathode),
    spec(In::CapAm, "cam", "Specific capacity of the active material", "mAh/g", (1.0, 4000.0), 137.0, Linear, 1.0, Cathode),
    spec(In::PorosityPct, "por", "Porosity p", "%", (0.0, 90.0), 0.0, Linear, 0.1, Cathode),
    // ε: derived from the composition; its default is the default composition's ε.
    spec(In::Epsilon, "eps", "SE volume fraction ε (voids included)", "", (0.0, 1.0), 0.57, Linear, 0.001, Cathode),
    spec(In::ThicknessUm, "th", "Thickness L", "µm", (1.0, 2000.0), 600.0, Linear, 1.0, Cathode),
    spec(In::SigmaIMs, "sig", "σ_i of the SE at 25 °C", "mS/cm", (1e-5, 100.0), 3.16, Log, 0.0, Electrolyte),
    spec(In::TemperatureC, "t", "Temperature T", "°C", (-50.0, 200.0), 25.0, Linear, 1.0, Electrolyte),
    spec(In::ActivationEv, "ea", "Activation energy E_A", "eV", (0.0, 2.0), 0.25, Linear, 0.01, Electrolyte),
    spec(In::Alpha, "alpha", "Bruggeman exponent α", "", (0.0, 3.0), 0.5, Linear, 0.01, Electrolyte),
    spec(In::BruggemanK, "k", "Bruggeman prefactor k", "", (0.1, 10.0), 1.0, Linear, 0.01, Electrolyte),
    spec(In::TauMeasured, "tau", "Measured tortuosity τ", "", (1.0, 100.0), 2.47, Log, 0.0, Electrolyte),
    spec(In::CurrentMa, "i", "Current density i", "mA/cm²", (1e-3, 1000.0), 6.0, Log, 0.0, Operation),
    spec(In::UCathodeV, "uc", "Cathode potential U_c", "V", (0.0, 6.0), 4.1, Linear, 0.01, Operation),
    spec(In::UAnodeV, "ua", "Anode potential U_a", "V", (-1.0, 3.0), 0.1, Linear, 0.01, Operation),
    spec(In::CutoffV, "vc", "Cut-off voltage", "V", (0.0, 6.0), 2.5, Linear, 0.01, Operation),
    spec(In::R0, "r0", "Resistance outside the electrodes R_0", "Ω·cm²", (0.0, 1000.0), 8.0, Linear, 0.1, Operation),
    spec(In::UtilisationPct, "u", "Target utilisation", "%", (1.0, 100.0), 80.0, Linear, 1.0, Operation),
    spec(In::SeparatorUm, "sep", "SE separator thickness", "µm", (0.0, 1000.0), 50.0, Linear, 1.0, Operation),
    spec(In::CollectorUm, "foil", "Current-collector foils (Al, Cu), each", "µm", (0.0, 50.0), 10.0, Linear, 0.5, Operation),
    spec(In::LiExcessUm, "liex", "Li metal beyond what the cathode supplies", "µm", (0.0, 500.0), 20.0, Linear, 1.0, Operation),
    spec(In::AnodeAmPct, "aam", "Active material", "%", (0.0, 100.0), 46.0, Linear, 0.1, Anode),
    spec(In::AnodeSePct, "ase", "Solid electrolyte", "%", (0.0, 100.0), 54.0, Linear, 0.1, Anode),
    spec(In::AnodeRhoAm, "aram", "Density of the active material", "g/cm³", (0.1, 25.0), 2.27, Linear, 0.01, Anode),
    spec(In::AnodeRhoSe, "arse", "Density of the SE", "g/cm³", (0.1, 25.0), 2.0, Linear, 0.01, Anode),
    spec(In::AnodeCap, "acam", "Specific capacity of the active material", "mAh/g", (1.0, 4000.0), 370.0, Linear, 1.0, Anode),
    spec(In::AnodeThicknessUm, "ath", "Thickness", "µm", (1.0, 2000.0), 500.0, Linear, 1.0, Anode),
    spec(In::AnodeSigmaIMs, "asig", "σ_i of the anode's SE", "mS/cm", (1e-5, 100.0), 1.22, Log, 0.0, Anode),
    spec(In::AnodeTau, "atau", "Measured tortuosity τ of the anode", "", (1.0, 100.0), 3.32, Log, 0.0, Anode),
    spec(In::SigmaIUncPct, "usig", "± on σ_i of the cathode's SE", "%", (0.0, 99.0), 0.0, Linear, 1.0, Uncertainty),
    spec(In::TauUnc, "utau", "± on the measured τ", "", (0.0, 50.0), 0.0, Linear, 0.01, Uncertainty),
    spec(In::AlphaUnc, "ualpha", "± on the Bruggeman α", "", (0.0, 2.0), 0.0, Linear, 0.01, Uncertainty),
    spec(In::R0Unc, "ur0", "± on R_0", "Ω·cm²", (0.0, 1000.0), 0.0, Linear, 0.1, Uncertainty),
    spec(In::ZThicknessUm, "zl", "Composite thickness L", "µm", (1.0, 5000.0), 100.0, Linear, 1.0, Geometry),
    spec(In::ZAreaCm2, "za", "Electrode area A", "cm²", (1e-3, 100.0), 0.785, Log, 0.0, Geometry),
    spec(In::ZEpsilon, "zeps", "SE volume fraction ε", "", (0.01, 1.0), 0.4, Linear, 0.001, Geometry),
    spec(In::ZSigmaIMs, "zsig", "σ_i of the SE", "mS/cm", (1e-5, 100.0), 1.0, Log, 0.0, Geometry),
    spec(In::ZRBulkOhm, "zrb", "R_bulk held at (SE layers, from Eq. 3)", "Ω", (1e-3, 1e6), 10.0, Log, 0.0, Geometry),
    spec(In::SimRBulk, "srb", "R_bulk", "Ω", (1e-3, 1e6), 10.0, Log, 0.0, Simulate),
    spec(In::SimRIon, "sri", "R_ion", "Ω", (1e-3, 1e7), 100.0, Log, 0.0, Simulate),
    spec(In::SimRE, "sre", "R_e", "Ω", (1e-3, 1e7), 1.0, Log, 0.0, Simulate),
    spec(In::SimC, "sc", "C_dl or Q", "F or F·s^(n−1)", (1e-12, 1.0), 1e-5, Log, 0.0, Simulate),
    spec(In::SimN, "sn", "CPE exponent n", "", (0.3, 1.0), 0.9, Linear, 0.01, Simulate),
];

impl In {
    /// This input's description.
    pub fn spec(self) -> &'static InputSpec {
        &INPUTS[self as usize]
    }

    /// True for an input derived from others ([`DERIVED`]).
    pub fn is_derived(self) -> bool {
        DERIVED.contains(&self)
    }

    /// A sentence under the input saying what setting it does, if it needs one.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            In::Epsilon => Some(
                "Follows the composition; setting it changes the SE's share, keeping the porosity and the active material : carbon volume ratio.",
            ),
            _ => None,
        }
    }

    /// Finds an input by its URL key.
    pub fn from_key(key: &str) -> Option<In> {
        INPUTS.iter().find(|s| s.key == key).map(|s| s.id)
    }
}

/// Number of steps of a log slider across its range.
pub const LOG_SLIDER_STEPS: f64 = 1000.0;

impl InputSpec {
    /// Checks `value` against the range; the message says why it is refused.
    pub fn check(&self, value: f64) -> Result<f64, String> {
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        if !value.is_finite() {
            return Err(format!("{}: enter a number", self.label));
        }
        if value < self.min || value > self.max {
            return Err(format!(
                "{}: {}{unit} is out of range; allowed {} to {}{unit}",
                self.label,
                crate::app::format::number(value),
                crate::app::format::number(self.min),
                crate::app::format::number(self.max),
            ));
        }
        Ok(value)
    }

    /// Slider attributes `(min, max, step)` for the range input.
    pub fn slider_range(&self) -> (f64, f64, f64) {
        match self.scale {
            Scale::Linear => (self.min, self.max, self.step),
            Scale::Log => (0.0, LOG_SLIDER_STEPS, 1.0),
        }
    }

    /// Slider position for `value` (clamped into the slider's range).
    pub fn to_slider(&self, value: f64) -> f64 {
        match self.scale {
            Scale::Linear => value.clamp(self.min, self.max),
            Scale::Log => {
                let (lo, hi) = (self.min.log10(), self.max.log10());
                let pos = (value.log10() - lo) / (hi - lo) * LOG_SLIDER_STEPS;
                if pos.is_finite() {
                    pos.clamp(0.0, LOG_SLIDER_STEPS)
                } else {
                    0.0
                }
            }
        }
    }

    /// Value for slider position `pos`; log sliders round to 3 significant digits.
    pub fn from_slider(&self, pos: f64) -> f64 {
        match self.scale {
            Scale::Linear => pos.clamp(self.min, self.max),
            Scale::Log => {
                let (lo, hi) = (self.min.log10(), self.max.log10());
                let t = (pos / LOG_SLIDER_STEPS).clamp(0.0, 1.0);
                round_sig(10f64.powf(lo + t * (hi - lo)), 3).clamp(self.min, self.max)
            }
        }
    }
}

/// Rounds `x` to `digits` significant digits (x itself if not finite or 0).
pub fn round_sig(x: f64, digits: i32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

#[cfg(test)]
mod tests;
