//! The microstructure workspace (docs/MICROSTRUCTURE.md): a generated
//! electrode or a loaded volume, its slices, τ per phase and axis, the
//! structure metrics, a composition sweep fitted by Bruggeman's law, and
//! its simulated impedance handed to the impedance workspace.
//!
//! Split so that imports go one way: `model.rs` (the recipe and the sweep
//! from the state, the page ↔ worker messages) ← `run.rs` (the jobs, which
//! alone call the core `crate::micro`, in the page worker) and
//! `session.rs` (what the page holds) ← `rows.rs`, `slices.rs`,
//! `plots.rs` ← `view.rs`.

pub mod model;
pub mod plots;
pub mod rows;
pub mod run;
pub mod session;
pub mod slices;
pub mod view;
