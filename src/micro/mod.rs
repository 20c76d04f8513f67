//! The microstructure workspace's core: segmented 3D images ([`volume`],
//! read and written by [`io`]), the label → phase table ([`phases`]),
//! connected clusters ([`components`]), steady transport per phase and axis
//! with TauFactor's definitions ([`transport`]).
//!
//! Axis convention: x is the first array axis (the TIFF page index), y the
//! rows, z the columns. Pure: no files, no clock; the solvers report
//! progress and can be cancelled through a callback.

pub mod components;
pub mod generate;
pub mod impedance;
pub mod io;
pub mod metrics;
pub mod phases;
mod rng;
pub mod transport;
pub mod volume;

pub use phases::PhaseTable;
pub use volume::{Axis, Volume};
