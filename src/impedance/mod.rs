//! Impedance models: the two-rail transmission line of the composite
//! electrode ([`line`]) and, to come, simple elements and their series /
//! parallel composition.
//!
//! Architecture invariant: every model is passive — Re Z ≥ 0 at every
//! frequency for every valid parameter set.

pub mod line;

pub use line::{Interface, Layout, TwoRailLine};
