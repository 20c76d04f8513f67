//! The physics of the review, one equation one function, in core units:
//! transport (`conductivity`, `tortuosity`), what a designer knows turned
//! into the models' inputs (`composition`), Eq. 19 and its inverse design
//! solves (`capacity`), stack-level energy (`energy`).

pub mod capacity;
pub mod composition;
pub mod conductivity;
pub mod energy;
pub mod tortuosity;
