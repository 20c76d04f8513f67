//! Numerical building blocks the models share, with no physics of their own.

pub mod grid;
pub mod roots;
