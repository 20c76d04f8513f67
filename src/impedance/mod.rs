//! Impedance models: circuit elements ([`elements`]), the two-rail
//! transmission line of the composite electrode ([`line`], its analytic
//! derivatives in [`line_gradient`]), circuits built
//! from both ([`circuit`], written in the [`notation`]), and the
//! [`model::Model`] trait through which evaluation ([`simulate`]) and
//! fitting see any model. [`hyperbolic`] holds the stable ratios the
//! distributed elements share.
//!
//! Architecture invariant: every model is passive — Re Z ≥ 0 at every
//! frequency for every valid parameter set.

pub mod circuit;
pub mod elements;
pub mod formula;
pub mod hyperbolic;
pub mod line;
pub mod line_gradient;
pub mod model;
pub mod notation;
pub mod simulate;

pub use circuit::Circuit;
pub use elements::Element;
pub use line::{Interface, Layout, TwoRailLine};
pub use model::{Domain, Model, ParamSpec};
pub use notation::parse_circuit;
pub use simulate::{log_spaced_freq_hz, simulate};
