//! The impedance workspace's model: the line of the chosen layout, fits of
//! loaded spectra reported as the core's [`FitReport`] (the verdict, the
//! Kramers–Kronig check), σ_eff and τ derived from R_ion when the verdict
//! allows, the simulated line. The fitting, KK, verdict and derived
//! quantities are the core's (`crate::fit`); this module picks the options
//! from the state.

use num_complex::Complex64;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fit::derived::{Derived, Geometry};
use crate::fit::report::{fit_report_and_model, FitRequest, ModelRequest};
use crate::fit::verdict::offer_derived;
use crate::fit::{FitOptions, FitReport, FitResult, InterfaceKind, IonicRail};
use crate::impedance::{Layout, Model, TwoRailLine};
use crate::numerics::grid::log_space;
use crate::spectrum::Spectrum;
use crate::units::{ms_to_s, um_to_cm};

use super::super::choices::{Ch, KkC, KkL, RBulk, ZModel};
use super::super::inputs::In;
use super::super::state::State;
use super::circuit::Held;
use crate::fit::kk::KkOptions;

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
    /// Indices of the points the user masked (sorted): drawn hollow, left
    /// out of the fit; kept for the session only (never in the URL).
    pub masked: Vec<usize>,
}

impl Loaded {
    /// The points a fit uses: the spectrum without the masked ones.
    pub fn fitted_part(&self) -> Spectrum {
        let idx = self.kept_indices();
        Spectrum {
            label: self.spectrum.label.clone(),
            freq_hz: idx.iter().map(|&k| self.spectrum.freq_hz[k]).collect(),
            z_ohm: idx.iter().map(|&k| self.spectrum.z_ohm[k]).collect(),
        }
    }

    /// Indices into the spectrum of the points [`Loaded::fitted_part`] keeps.
    pub fn kept_indices(&self) -> Vec<usize> {
        (0..self.spectrum.len())
            .filter(|k| self.masked.binary_search(k).is_err())
            .collect()
    }

    /// The masked points as a spectrum (to draw them hollow).
    pub fn masked_part(&self) -> Spectrum {
        Spectrum {
            label: "masked".into(),
            freq_hz: self
                .masked
                .iter()
                .map(|&k| self.spectrum.freq_hz[k])
                .collect(),
            z_ohm: self
                .masked
                .iter()
                .map(|&k| self.spectrum.z_ohm[k])
                .collect(),
        }
    }

    /// Masks point `index`, or unmasks it when masked; the fit no longer
    /// matches and is forgotten. A mask that would leave fewer than
    /// [`crate::io::MIN_POINTS`] points is refused.
    pub fn toggle_mask(&mut self, index: usize) -> std::result::Result<(), String> {
        match self.masked.binary_search(&index) {
            Ok(at) => {
                self.masked.remove(at);
            }
            Err(at) => {
                if index >= self.spectrum.len() {
                    return Err(format!("there is no point {index}"));
                }
                if self.spectrum.len() - self.masked.len() <= crate::io::MIN_POINTS {
                    return Err(format!(
                        "at least {} points must stay in the fit",
                        crate::io::MIN_POINTS
                    ));
                }
                self.masked.insert(at, index);
            }
        }
        self.outcome = None;
        Ok(())
    }

    /// Masks the points `indices` of the spectrum (e.g. those outside the
    /// Kramers–Kronig band), keeping at least [`crate::io::MIN_POINTS`].
    pub fn mask_all(&mut self, indices: &[usize]) -> std::result::Result<(), String> {
        for &k in indices {
            if self.masked.binary_search(&k).is_err() {
                self.toggle_mask(k)?;
            }
        }
        Ok(())
    }

    /// Masks the points below `lo_hz` or above `hi_hz` (None: no bound),
    /// the frequency range the fit keeps; returns how many are masked now.
    pub fn mask_outside(
        &mut self,
        lo_hz: Option<f64>,
        hi_hz: Option<f64>,
    ) -> std::result::Result<usize, String> {
        if let (Some(lo), Some(hi)) = (lo_hz, hi_hz) {
            if lo >= hi {
                return Err(format!("the range {lo} Hz … {hi} Hz is empty"));
            }
        }
        let outside: Vec<usize> = (0..self.spectrum.len())
            .filter(|&k| {
                let f = self.spectrum.freq_hz[k];
                lo_hz.is_some_and(|lo| f < lo) || hi_hz.is_some_and(|hi| f > hi)
            })
            .collect();
        if self.spectrum.len() - outside.len() < crate::io::MIN_POINTS {
            return Err(format!(
                "fewer than {} points lie in that range",
                crate::io::MIN_POINTS
            ));
        }
        self.mask_all(&outside)?;
        Ok(self.masked.len())
    }

    /// The point of the spectrum drawn nearest to pixel (`px`, `py`) of
    /// its Nyquist figure `fig`, within 12 px (data and masked points
    /// alike; the fitted curve does not count).
    pub fn point_near(&self, fig: &crate::plot::Figure, px: f64, py: f64) -> Option<usize> {
        let l = crate::plot::layout(fig);
        let mut best: Option<(usize, f64)> = None;
        for (k, z) in self.spectrum.z_ohm.iter().enumerate() {
            let (Some(x), Some(y)) = (l.x.to_px(z.re), l.y.to_px(-z.im)) else {
                continue;
            };
            if !l.plot.contains(x, y, 0.5) {
                continue;
            }
            let d = (x - px).hypot(y - py);
            if d <= 12.0 && best.is_none_or(|b| d < b.1) {
                best = Some((k, d));
            }
        }
        best.map(|b| b.0)
    }
}

/// Everything a fit of one spectrum yields; the page worker sends it to
/// the main thread as a plain object (serde), without the model curve.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    /// The fit report every output of ionpath gives (with the verdict and
    /// the Kramers–Kronig check; no geometry: σ_eff and τ follow the
    /// state's at every render, [`derived_for`]).
    pub report: FitReport,
    /// The fitted model at the data's frequencies (not sent: [`Outcome::arrived`]).
    #[serde(skip)]
    pub model: Spectrum,
    /// The model choices the fit was made with ([`fit_settings`]).
    pub settings: String,
    /// A first answer without the profile intervals, which follow.
    #[serde(default)]
    pub intervals_pending: bool,
}

impl Outcome {
    /// An outcome the page worker sent for `spectrum` with the model's
    /// impedance `model_ohm` at its frequencies; an error if the two do not
    /// match in length.
    pub fn arrived(mut self, spectrum: &Spectrum, model_ohm: Vec<Complex64>) -> Result<Outcome> {
        if model_ohm.len() != spectrum.len() {
            return Err(Error::Inconsistent(
                "the worker's model curve does not match the spectrum".into(),
            ));
        }
        self.model = Spectrum {
            label: "fit".into(),
            freq_hz: spectrum.freq_hz.clone(),
            z_ohm: model_ohm,
        };
        Ok(self)
    }
}

/// The state's choices that a fit depends on (model, layout, interface,
/// R_bulk, the circuit and its weighting, Lin-KK's series terms);
/// geometry and the rail assignment only enter the derived σ_eff and τ,
/// which are recomputed from the fit at every render.
pub fn fit_settings(state: &State) -> String {
    let r_bulk = if state.choice::<RBulk>() == RBulk::Fixed {
        super::super::format::exact(state.get(In::ZRBulkOhm))
    } else {
        "free".into()
    };
    let circuit = match state.choice::<ZModel>() {
        ZModel::Circuit => format!("{}|{}", state.circuit(), state.choice_name(Ch::ZWeight)),
        _ => String::new(),
    };
    format!(
        "{}|{}|{}|{r_bulk}|{circuit}|{}|{}",
        state.choice_name(Ch::ZModel),
        state.choice_name(Ch::Layout),
        state.choice_name(Ch::Interface),
        state.choice_name(Ch::KkL),
        state.choice_name(Ch::KkC)
    )
}

/// The ionic rail of `report`'s fit and σ_eff, τ, α derived from it with
/// the state's geometry (Eq. 3, 17, 18), or the sentence saying why they
/// are not offered (the verdict's rule, [`offer_derived`]).
pub fn derived_for(
    state: &State,
    report: &FitReport,
) -> (&'static str, std::result::Result<Derived, String>) {
    let ionic = ionic_rail(state, &report.fit);
    let derived = offer_derived(
        &report.fit,
        ionic,
        report.judgement.verdict,
        &geometry(state),
    );
    (ionic, derived)
}

/// The layout chosen in the state.
pub fn layout(state: &State) -> Layout {
    state.choice()
}

/// The interface kind chosen in the state.
pub fn interface_kind(state: &State) -> InterfaceKind {
    if state.choice::<InterfaceKind>() == InterfaceKind::Capacitor {
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
    if state.choice::<RBulk>() == RBulk::Fixed {
        options
            .fixed
            .push(("r_bulk".into(), state.get(In::ZRBulkOhm)));
    }
    options
}

/// The line of the state's layout and interface (placeholder values).
pub fn line_model(state: &State) -> Result<TwoRailLine> {
    interface_kind(state).line(layout(state))
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
    let larger_is_ionic = state.choice::<IonicRail>() == IonicRail::Larger;
    if (r_ion >= r_e) == larger_is_ionic {
        "r_ion"
    } else {
        "r_e"
    }
}

/// The spectra the page worker fits before the first file is picked
/// (`worker_warm`), with 0.5 % noise on 71 points from 1 MHz to 0.1 Hz:
/// an ion–electron transmission line (Eq. 8) and a pellet's two arcs,
/// R-p(R,CPE)-p(R,CPE), the two shapes the automatic model sets apart
/// (each runs its own fit code, which the browser then compiles to its
/// optimising tier).
pub fn warm_up_spectra() -> Result<Vec<Spectrum>> {
    use crate::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
    use crate::impedance::line::Interface;
    let line = TwoRailLine {
        layout: Layout::IonElectron,
        r_ion_ohm: 300.0,
        r_e_ohm: 0.0,
        interface: Interface::Capacitor { c_dl_f: 1e-6 },
        r_bulk_ohm: 30.0,
    };
    let arcs = crate::impedance::notation::parse_circuit("R-p(R,CPE)-p(R,CPE)")?
        .with_named_params(&[
            ("r0", 12.0),
            ("r1", 120.0),
            ("q2", 1e-6),
            ("n2", 0.9),
            ("r3", 400.0),
            ("q4", 1e-4),
            ("n4", 0.8),
        ])?;
    let freq_hz = log_frequencies(1e6, 0.1, 71);
    let mut rng = SplitMix64::new(1);
    let models: [&dyn Model; 2] = [&line, &arcs];
    Ok(models
        .into_iter()
        .map(|m| synthetic_spectrum(m, &freq_hz, 0.005, &mut rng, "warm-up"))
        .collect())
}

/// Fits one spectrum with the state's model (the first model its shape
/// calls for, the layout's line, or the state's circuit with the user's
/// settings `held`), interface and options, and reports it with the
/// Kramers–Kronig check (its series terms as chosen). `quick` leaves the
/// profile intervals out (the page's first answer, [`Outcome::intervals_pending`]).
pub fn fit_with(state: &State, spectrum: &Spectrum, held: &Held, quick: bool) -> Result<Outcome> {
    let mut options = fit_options(state);
    let model = match state.choice::<ZModel>() {
        ZModel::Auto => ModelRequest::Auto,
        ZModel::Line => ModelRequest::Line {
            layout: layout(state),
            interface: interface_kind(state),
        },
        ZModel::Circuit => {
            options.weighting = state.choice();
            held.apply(&mut options);
            ModelRequest::Circuit(crate::impedance::parse_circuit(state.circuit())?)
        }
    };
    options.profiles = !quick;
    let request = FitRequest {
        model,
        options,
        ionic_rail: state.choice(),
        geometry: None,
        kk: true,
        kk_options: kk_options(state),
    };
    let (report, model_ohm) = fit_report_and_model(spectrum, &request)?;
    let model = Spectrum {
        label: "fit".into(),
        freq_hz: spectrum.freq_hz.clone(),
        z_ohm: model_ohm,
    };
    Ok(Outcome {
        report,
        model,
        settings: fit_settings(state),
        intervals_pending: quick,
    })
}

/// [`fit_with`] without settings of a circuit's parameters, intervals included.
pub fn fit_one(state: &State, spectrum: &Spectrum) -> Result<Outcome> {
    fit_with(state, spectrum, &Held::default(), false)
}

/// The Lin-KK check's series terms chosen in the state.
pub fn kk_options(state: &State) -> KkOptions {
    KkOptions {
        series_inductance: state.choice::<KkL>() == KkL::With,
        series_capacitance: match state.choice::<KkC>() {
            KkC::Auto => None,
            KkC::With => Some(true),
            KkC::Without => Some(false),
        },
        ..KkOptions::default()
    }
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
