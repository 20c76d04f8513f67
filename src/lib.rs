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
//! Where things live (the layers, bottom up; ARCHITECTURE.md has the map):
//! - [`error`], [`units`], [`spectrum`]: the vocabulary every module shares;
//!   [`precision`]: value ± error with two significant digits of the error;
//! - [`numerics`]: a bracketing root finder, log- and linearly spaced grids,
//!   a variable-order BDF integrator for stiff index-1 DAEs, sparse solvers
//!   (CG, COCG, aggregation multigrid) for voxel-grid conduction;
//! - [`physics`]: the review's equations — conductivity (Eq. 1–3, 20),
//!   tortuosity (Eq. 9–10, 17, 18), composition, capacity (Eq. 19 and the
//!   inverse design solves), stack energy;
//! - [`materials`]: reference data with sources, the review's Table 1,
//!   published analyses, literature τ–ε series;
//! - [`impedance`]: circuit elements, the two-rail transmission line,
//!   circuits and their text notation, simulated spectra;
//! - [`fit`]: complex nonlinear least squares, starting values,
//!   uncertainties and profile intervals, the verdict, Lin-KK, DRT, the fit
//!   report;
//! - [`io`]: readers for instrument exports → [`spectrum::Spectrum`], CSV;
//! - [`discharge`]: discharge curves from the 1D homogenised model, beside Eq. 19;
//! - [`micro`]: 3D microstructures: volumes, TIFF, generator, τ per phase and
//!   axis, metrics, simulated impedance;
//! - [`plot`]: data → SVG strings;
//! - [`api`]: the calls behind the page's JS API (`api.js`);
//! - [`app`]: the page's state, validation, permalink codec and view model (pure Rust);
//! - `web` (wasm32 only): the browser layer.
//!
//! The core never touches the DOM; everything except `web` builds and is
//! tested natively.

pub mod error;
pub mod precision;
pub mod spectrum;
pub mod units;

pub mod numerics;
pub mod physics;

pub mod discharge;
pub mod micro;

pub mod fit;
pub mod impedance;
pub mod io;
pub mod materials;
pub mod plot;

pub mod api;
pub mod app;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
pub use spectrum::Spectrum;

/// The physics modules by their former top-level paths (`crate::physics::capacity`
/// …), kept so that code written against them still builds; new code names
/// `crate::physics::…`.
pub use physics::{capacity, composition, conductivity, energy, tortuosity};
