//! The design workspace: [`model`] turns the state into the core's inputs
//! and sweeps (pure computation), [`rows`] and [`plots`] format them,
//! [`data`] adds the user's measurements, their fits and the capacity's
//! interval, [`sweep`] writes any input's sweep as CSV, [`view`] assembles
//! the workspace. Imports go one way: model ← rows, plots, data, sweep ← view.

pub mod data;
pub mod model;
pub mod plots;
pub mod rows;
pub mod sweep;
pub mod view;

#[cfg(test)]
mod tests;
