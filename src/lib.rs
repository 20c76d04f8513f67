//! # ionpath
//!
//! A calculator for the composite electrodes of all-solid-state lithium
//! batteries: how the solid-electrolyte (SE) fraction, the thickness and the
//! SE's conductivity set the electrode's tortuosity, effective ionic
//! conductivity and delivered capacity, and what measured impedance spectra
//! say about them.
//!
//! The physics follows the review by Falco et al., *Mol. Syst. Des. Eng.* 4
//! (2019) 850; "Eq. N" in the docs means that review's numbering, and
//! `docs`-level detail lives in the repository's `MODELS.md` reference.
//!
//! Where things live:
//! - [`units`]: conversions between display units and the core's units
//!   (cm, S/cm, A/cm², C/cm³, Ω·cm², F, K);
//! - [`float_parse`]: decimal text → f64, correctly rounded, without std's
//!   tables (page weight);
//! - [`float_format`]: f64 → text as std writes it, without std's float
//!   formatting code (page weight);
//! - [`precision`]: value ± error with two significant digits of the error;
//! - [`conductivity`]: Eq. 1–3 and 20 (Arrhenius, VTF, σ from R);
//! - [`composition`]: wt% ↔ vol%, porosity, loading, capacity density;
//! - [`materials`]: materials library with sources, the review's Table 1,
//!   published analyses as presets, literature τ–ε series;
//! - [`energy`]: stack-level energy and power density (Wh/kg, Wh/L), Ragone series;
//! - [`tortuosity`]: Eq. 17, 18 (Bruggeman), 9–10;
//! - [`capacity`]: Eq. 19 (reaction-zone model), clamping, inverse design solves;
//! - [`roots`]: a bracketing root finder for solves without a closed form;
//! - [`impedance`]: circuit elements, the two-rail transmission line, circuits
//!   and their text notation, simulated spectra;
//! - [`fit`]: complex nonlinear least squares, starting values, uncertainties, KK;
//! - [`io`]: readers for instrument exports → [`spectrum::Spectrum`];
//! - [`plot`]: data → SVG strings;
//! - [`api`]: JSON in/out calls of the models for the page's JS API (`api.js`);
//! - [`app`]: the page's state, validation, permalink codec and view model (pure Rust);
//! - `web` (wasm32 only): the browser layer.
//!
//! The core never touches the DOM; everything except `web` builds and is
//! tested natively.

pub mod composition;
pub mod energy;
pub mod error;
pub mod float_format;
pub mod float_parse;
pub mod materials;
pub mod order;
pub mod precision;
pub mod spectrum;
pub mod units;

pub mod capacity;
pub mod conductivity;
pub mod fit;
pub mod impedance;
pub mod io;
pub mod plot;
pub mod roots;
pub mod tortuosity;

pub mod api;
pub mod app;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
pub use spectrum::Spectrum;
