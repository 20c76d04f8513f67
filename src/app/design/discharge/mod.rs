//! Discharge curves in the design workspace: the 1D homogenised model of
//! `crate::discharge` for the design on the page, beside Eq. 19.
//!
//! [`model`] turns the state into the model's cell and runs the jobs the
//! page worker is sent (one current each, or the fit); [`measured`] reads
//! measured curves; [`session`] keeps the bookkeeping of jobs sent and
//! answers kept (stale ones dropped), the measured curves and the user's OCP
//! tables; [`rows`] and [`plots`] format what arrived; [`view`] adds it to
//! the design view. Imports go one way:
//! model ← measured ← session ← rows, plots ← view.

pub mod measured;
pub mod model;
pub mod plots;
pub mod rows;
pub mod session;
pub mod view;

#[cfg(test)]
mod tests;
