//! The impedance workspace: [`model`] fits and simulates (pure
//! computation), [`rows`] and [`plots`] format the outcome, [`sim`] and
//! [`view`] assemble the simulate and fit modes. Imports go one way:
//! model ← rows, plots ← sim ← view.

pub mod asked;
pub mod drt;
pub mod estimates;
pub mod export;
pub mod model;
pub mod plots;
pub mod profile_plot;
pub mod queue;
pub mod rows;
pub mod series;
pub mod sim;
pub mod view;
pub mod viewport;

#[cfg(test)]
mod tests;
