//! Numerical building blocks the models share, with no physics of their own.
//!
//! - [`bdf`]: a variable-order (1–5), variable-step backward-differentiation
//!   integrator (the numerical differentiation formulas of Shampine &
//!   Reichelt, *SIAM J. Sci. Comput.* 18 (1997) 1, as in MATLAB's `ode15s`)
//!   for semi-explicit index-1 DAEs M·y′ = f(t, y) with a diagonal mass
//!   matrix M (zero rows for the algebraic unknowns). The problem brings its
//!   own linear algebra ([`Dae::factor`], [`Dae::solve`]), so a structured
//!   Jacobian costs what its structure costs.
//!
//! - [`grid`]: log- and linearly spaced grids; [`roots`]: a bracketing root finder.
//! - [`sparse`]: flexible preconditioned CG, COCG and an aggregation multigrid for
//!   conduction on voxel grids (the microstructure workspace).
//!
//! Why our own BDF and not a crate: `diffsol` 0.19 (the closest fit, BDF with
//! mass matrices and events) always pulls `faer` and a second `nalgebra`,
//! and a probe that solves Robertson's problem with it is 75.8 kB gzipped as
//! wasm32 (8.6 kB for the same probe with only nalgebra's LU) — more than the
//! page's whole budget for this feature. `docs/DISCHARGE.md` has the numbers.

pub mod bdf;
pub mod grid;
pub mod roots;
pub mod sparse;

pub use bdf::{Bdf, BdfOptions, BdfStats, Dae};
