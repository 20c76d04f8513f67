//! The design workspace: [`model`] turns the state into the core's inputs
//! and sweeps (pure computation), [`rows`] and [`plots`] format them,
//! [`view`] assembles the workspace. Imports go one way:
//! model ← rows, plots ← view. [`discharge`] adds the discharge model's
//! curves, computed in the page worker, to that view.

pub mod discharge;
pub mod model;
pub mod plots;
pub mod rows;
pub mod view;

#[cfg(test)]
mod tests;
