//! Discharge curves of an all-solid-state cell from a 1D homogenised
//! (pseudo-two-dimensional) model of its composite electrodes, and what they
//! say about the reaction-zone estimate of Eq. 19.
//!
//! Following PyBaMM's separation of concerns:
//! - [`params`]: the cell's parameters in core units, their checks, σ_i(T)
//!   by Eq. 1 and σ_i,eff by Eq. 17/18;
//! - [`ocp`]: open-circuit potentials (library fits, CSV tables);
//! - [`mesh`]: finite-volume meshes across the thickness and in the particle;
//! - [`model`]: the residuals, Jacobian and structured linear solve;
//! - [`simulate`]: one constant-current discharge to its cut-off, with
//!   profiles across the thickness;
//! - [`cases`]: reference designs (the benchmark's cathodes, Kato et al.'s cell);
//! - [`compare`]: Eq. 19 for the same design, the rate capability of both,
//!   the voltage budget at the end of discharge and the failing assumption;
//! - [`csv`]: curves as the CSV the CLI prints and the page exports.
//!
//! The equations are documented in [`model`] and in `docs/DISCHARGE.md`.

pub mod cases;
pub mod compare;
pub mod csv;
pub mod mesh;
pub mod model;
pub mod ocp;
pub mod params;
pub mod simulate;

pub use compare::{rate_capability, Assumption, Diagnosis, Eq19Design, RatePoint, VoltageBudget};
pub use mesh::Mesh;
pub use ocp::{read_ocp_csv, Ocp, OcpTable};
pub use params::{Anode, CellParams, ElectrodeParams, REFERENCE_TEMPERATURE_K};
pub use simulate::{
    discharge, CurvePoint, Discharge, ElectrodeProfile, End, Profile, SolverOptions,
};
