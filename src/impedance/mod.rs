//! Impedance models: the two-rail transmission line of the composite
//! electrode ([`line`]), and the [`model::Model`] trait through which
//! evaluation and fitting see any model.
//!
//! Architecture invariant: every model is passive — Re Z ≥ 0 at every
//! frequency for every valid parameter set.

pub mod line;
pub mod model;

pub use line::{Interface, Layout, TwoRailLine};
pub use model::{Domain, Model, ParamSpec};
