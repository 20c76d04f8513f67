//! Quantities derived from a fitted R_ion and the electrode's geometry, each
//! with its 95 % interval mapped from R_ion's profile interval through the
//! monotone relation (σ_eff falls, τ and α rise with R_ion), and its
//! standard error carried to first order from R_ion's Jacobian standard
//! error (the geometry and σ_i are taken as exact).
//!
//! The relations are the physics module's: Eq. 3
//! ([`conductivity_from_resistance_s_per_cm`]), Eq. 17
//! ([`tortuosity_from_conductivities`]) and Eq. 18 ([`bruggeman_exponent`]).

use serde::{Deserialize, Serialize};

use super::profile::Interval;
use super::result::{AtBound, FitResult};
use crate::error::{Error, Result};
use crate::physics::conductivity::conductivity_from_resistance_s_per_cm;
use crate::physics::tortuosity::{bruggeman_exponent, tortuosity_from_conductivities};

/// The composite electrode's geometry and its electrolyte's conductivity.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geometry {
    /// Composite thickness L, cm.
    pub thickness_cm: f64,
    /// Electrode area A, cm².
    pub area_cm2: f64,
    /// SE volume fraction ε in the composite, (0, 1].
    pub epsilon: f64,
    /// Ionic conductivity σ_i of the pure SE, S/cm.
    pub sigma_i_s_per_cm: f64,
}

/// A value with an optional first-order standard error and 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    /// First-order standard error (Jacobian, or propagated from one).
    pub stderr: Option<f64>,
    /// 95 % interval: Student's t where the model is linear in the
    /// parameter, else the profile likelihood's; an end None when open.
    /// For a value at its bound, one-sided: the end on that side is the bound.
    pub ci95: Option<Interval>,
    /// The bound of its range the fitted value sits on (VTF's T_0 at 0 or
    /// at T_min − 1 K): the data would take it past the bound, so the bound
    /// sets the value and `stderr` is None, as for
    /// [`super::ParamEstimate::at_bound`]. None for a value inside its
    /// range, and always for σ_eff, τ and α here. The serde form is plain
    /// (`null` when None), as the page's postcard needs; `FitReport::to_json`
    /// and the scalar fits' CLI output leave it out when None.
    pub at_bound: Option<AtBound>,
}

/// σ_eff, τ and the Bruggeman α of one fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// Effective ionic conductivity σ_eff, S/cm.
    pub sigma_eff_s_per_cm: Estimate,
    /// Tortuosity factor τ (Eq. 17 convention).
    pub tortuosity: Estimate,
    /// Bruggeman exponent α with τ = ε^(−α); None when ε = 1 or τ < 1.
    pub bruggeman_alpha: Option<Estimate>,
}

/// σ_eff, τ and α from R_ion (Ω) with Jacobian standard error
/// `r_ion_stderr_ohm` and 95 % interval `r_ion_ci95`.
///
/// Intervals: each end of R_ion's interval goes through Eq. 3, 17 and 18
/// (σ_eff = L/(R_ion·A) falls with R_ion, so its ends swap; τ rises; α rises
/// with τ, and is 0 where τ ≤ 1); an open end stays open. Standard errors:
/// σ_eff ∝ 1/R_ion and τ ∝ R_ion share R_ion's relative error; α = −ln τ/ln ε
/// has stderr (se_τ/τ)/|ln ε|.
pub fn derive(
    r_ion_ohm: f64,
    r_ion_stderr_ohm: Option<f64>,
    r_ion_ci95: Option<Interval>,
    geometry: &Geometry,
) -> Result<Derived> {
    let sigma_of =
        |r: f64| conductivity_from_resistance_s_per_cm(geometry.thickness_cm, r, geometry.area_cm2);
    let tau_of = |sigma: f64| {
        tortuosity_from_conductivities(geometry.epsilon, geometry.sigma_i_s_per_cm, sigma)
    };
    let sigma = sigma_of(r_ion_ohm)?;
    let tau = tau_of(sigma)?;
    // Both fall with their argument: the ends swap. An end the relation
    // refuses (none does for a valid geometry and R > 0) stays open.
    let swap_through = |i: Interval, f: &dyn Fn(f64) -> Result<f64>| Interval {
        lo: i.hi.and_then(|x| f(x).ok()),
        hi: i.lo.and_then(|x| f(x).ok()),
    };
    let sigma_ci = r_ion_ci95.map(|i| swap_through(i, &sigma_of));
    let tau_ci = sigma_ci.map(|i| swap_through(i, &tau_of));
    let relative = r_ion_stderr_ohm
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| s / r_ion_ohm);
    // Defined for ε < 1 and τ ≥ 1 only (else no Bruggeman exponent ≥ 0 fits).
    let alpha_of =
        |t: Option<f64>| t.and_then(|t| bruggeman_exponent(geometry.epsilon, t.max(1.0)).ok());
    let alpha = bruggeman_exponent(geometry.epsilon, tau)
        .ok()
        .map(|value| Estimate {
            value,
            stderr: relative.map(|r| r / geometry.epsilon.ln().abs()),
            ci95: tau_ci.map(|i| Interval {
                lo: alpha_of(i.lo),
                hi: alpha_of(i.hi),
            }),
            at_bound: None,
        });
    Ok(Derived {
        sigma_eff_s_per_cm: Estimate {
            value: sigma,
            stderr: relative.map(|r| r * sigma),
            ci95: sigma_ci,
            at_bound: None,
        },
        tortuosity: Estimate {
            value: tau,
            stderr: relative.map(|r| r * tau),
            ci95: tau_ci,
            at_bound: None,
        },
        bruggeman_alpha: alpha,
    })
}

/// [`derive`] from a fit's `r_ion` (no stderr when it is not determined).
pub fn derive_from_fit(fit: &FitResult, geometry: &Geometry) -> Result<Derived> {
    let r_ion = fit
        .param("r_ion")
        .ok_or_else(|| Error::Inconsistent("the fitted model has no r_ion".into()))?;
    derive(r_ion.value, r_ion.stderr, r_ion.ci95, geometry)
}

#[cfg(test)]
mod tests;
