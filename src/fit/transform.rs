//! Maps between a parameter's physical value p and the unconstrained value u
//! that the optimiser moves: u = ln p for positive quantities (so decades are
//! steps of equal size), a logistic map for a CPE exponent in (0, 1], and a
//! logistic map in log space for a positive parameter with user bounds.

use super::profile::LOGISTIC_EDGE;
use super::result::{AtBound, BoundSide};
use crate::error::{Error, Result};
use crate::impedance::Domain;

/// Largest |u| the logistic maps are evaluated at: beyond it σ(u) is 0 or 1
/// to double precision and the derivative underflows.
const LOGISTIC_U_LIMIT: f64 = 36.0;

/// Largest |u| a log map is evaluated at: e^±690 stays finite and non-zero.
pub(crate) const LOG_U_LIMIT: f64 = 690.0;

/// How one free parameter is represented for the optimiser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Transform {
    /// p = e^u, for p in (0, ∞).
    Log,
    /// p = lo + (hi − lo)·σ(u), σ the logistic function, for p in (lo, hi).
    Logistic { lo: f64, hi: f64 },
    /// ln p = ln lo + (ln hi − ln lo)·σ(u), for 0 < lo < p < hi.
    LogLogistic { lo: f64, hi: f64 },
}

/// Logistic function σ(u) = 1/(1 + e^(−u)).
fn logistic(u: f64) -> f64 {
    1.0 / (1.0 + (-u.clamp(-LOGISTIC_U_LIMIT, LOGISTIC_U_LIMIT)).exp())
}

/// Inverse of [`logistic`] for s in (0, 1), clamped to ±[`LOGISTIC_U_LIMIT`].
fn logit(s: f64) -> f64 {
    (s / (1.0 - s))
        .ln()
        .clamp(-LOGISTIC_U_LIMIT, LOGISTIC_U_LIMIT)
}

impl Transform {
    /// The default transform for a parameter of `domain`, narrowed to
    /// `bounds` (lo, hi) when the user gives them.
    pub fn for_domain(domain: Domain, bounds: Option<(f64, f64)>) -> Result<Transform> {
        match (domain, bounds) {
            (Domain::Exponent, None) => Ok(Transform::Logistic { lo: 0.0, hi: 1.0 }),
            (Domain::Exponent, Some((lo, hi))) => {
                if lo.is_finite() && hi.is_finite() && 0.0 <= lo && lo < hi && hi <= 1.0 {
                    Ok(Transform::Logistic { lo, hi })
                } else {
                    Err(Error::Inconsistent(format!(
                        "bounds [{}, {}] for an exponent must satisfy 0 ≤ lo < hi ≤ 1",
                        lo, hi
                    )))
                }
            }
            (_, None) => Ok(Transform::Log),
            (_, Some((lo, hi))) => {
                if lo.is_finite() && hi.is_finite() && 0.0 < lo && lo < hi {
                    Ok(Transform::LogLogistic { lo, hi })
                } else {
                    Err(Error::Inconsistent(format!(
                        "bounds [{}, {}] must satisfy 0 < lo < hi < ∞",
                        lo, hi
                    )))
                }
            }
        }
    }

    /// Physical value p(u).
    pub fn to_physical(self, u: f64) -> f64 {
        match self {
            Transform::Log => u.clamp(-LOG_U_LIMIT, LOG_U_LIMIT).exp(),
            Transform::Logistic { lo, hi } => lo + (hi - lo) * logistic(u),
            Transform::LogLogistic { lo, hi } => {
                (lo.ln() + (hi.ln() - lo.ln()) * logistic(u)).exp()
            }
        }
    }

    /// Unconstrained value u(p); values on or outside a bound map to just
    /// inside it. Fails for p ≤ 0 under a log map or a non-finite p.
    pub fn to_internal(self, p: f64) -> Result<f64> {
        if !p.is_finite() {
            return Err(Error::invalid("parameter", p, "a finite starting value"));
        }
        match self {
            Transform::Log => {
                if p > 0.0 {
                    Ok(p.ln())
                } else {
                    Err(Error::invalid(
                        "parameter",
                        p,
                        "a starting value > 0 (or fix it)",
                    ))
                }
            }
            Transform::Logistic { lo, hi } => Ok(logit((p - lo) / (hi - lo))),
            Transform::LogLogistic { lo, hi } => {
                if p > 0.0 {
                    Ok(logit((p.ln() - lo.ln()) / (hi.ln() - lo.ln())))
                } else {
                    Err(Error::invalid("parameter", p, "a starting value > 0"))
                }
            }
        }
    }

    /// The bound a value at `u` sits on: a logistic map's lo or hi when
    /// |u| ≥ [`LOGISTIC_EDGE`] (p within 10⁻⁶ of the range from it, where
    /// dp/du has all but vanished); None under a log map, which has none.
    pub fn at_bound(self, u: f64) -> Option<AtBound> {
        let (lo, hi) = match self {
            Transform::Log => return None,
            Transform::Logistic { lo, hi } | Transform::LogLogistic { lo, hi } => (lo, hi),
        };
        if u >= LOGISTIC_EDGE {
            Some(AtBound {
                side: BoundSide::Upper,
                value: hi,
            })
        } else if u <= -LOGISTIC_EDGE {
            Some(AtBound {
                side: BoundSide::Lower,
                value: lo,
            })
        } else {
            None
        }
    }

    /// dp/du at u, used to carry uncertainties from u to p.
    pub fn derivative(self, u: f64) -> f64 {
        match self {
            Transform::Log => self.to_physical(u),
            Transform::Logistic { lo, hi } => {
                let s = logistic(u);
                (hi - lo) * s * (1.0 - s)
            }
            Transform::LogLogistic { lo, hi } => {
                let s = logistic(u);
                self.to_physical(u) * (hi.ln() - lo.ln()) * s * (1.0 - s)
            }
        }
    }
}

#[cfg(test)]
mod tests;
