//! Quantities derived from a fitted R_ion and the electrode's geometry, each
//! with its 95 % interval mapped from R_ion's profile interval through the
//! monotone relation (σ_eff falls, τ and α rise with R_ion), and its
//! standard error carried to first order from R_ion's Jacobian standard
//! error (the geometry and σ_i are taken as exact).
//!
//! The relations are the physics module's: Eq. 3
//! ([`conductivity_from_resistance_s_per_cm`]), Eq. 17
//! ([`tortuosity_from_conductivities`]) and Eq. 18 ([`bruggeman_exponent`]).

use serde::Serialize;

use super::profile::Interval;
use super::result::FitResult;
use crate::conductivity::conductivity_from_resistance_s_per_cm;
use crate::error::{Error, Result};
use crate::tortuosity::{bruggeman_exponent, tortuosity_from_conductivities};

/// The composite electrode's geometry and its electrolyte's conductivity.
#[derive(Debug, Clone, Copy, PartialEq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    /// First-order standard error (Jacobian, or propagated from one).
    pub stderr: Option<f64>,
    /// 95 % interval: Student's t where the model is linear in the
    /// parameter, else the profile likelihood's; an end None when open.
    pub ci95: Option<Interval>,
}

/// σ_eff, τ and the Bruggeman α of one fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
        });
    Ok(Derived {
        sigma_eff_s_per_cm: Estimate {
            value: sigma,
            stderr: relative.map(|r| r * sigma),
            ci95: sigma_ci,
        },
        tortuosity: Estimate {
            value: tau,
            stderr: relative.map(|r| r * tau),
            ci95: tau_ci,
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
mod tests {
    use super::*;

    #[test]
    fn hand_calculation() {
        // L = 100 µm = 0.01 cm, A = 1 cm², R_ion = 20 Ω ± 1 Ω:
        // σ_eff = 0.01/(20·1) = 5e-4 S/cm = 0.5 mS/cm.
        // ε = 0.5, σ_i = 5 mS/cm: τ = 0.5·5e-3/5e-4 = 5.
        // α = −ln 5/ln 0.5 = 1.6094/0.6931 = 2.3219.
        let g = Geometry {
            thickness_cm: 0.01,
            area_cm2: 1.0,
            epsilon: 0.5,
            sigma_i_s_per_cm: 5e-3,
        };
        let d = derive(20.0, Some(1.0), None, &g).unwrap();
        assert!((d.sigma_eff_s_per_cm.value - 5e-4).abs() < 1e-15);
        assert!((d.tortuosity.value - 5.0).abs() < 1e-12);
        let alpha = d.bruggeman_alpha.unwrap();
        assert!((alpha.value - 2.321_928).abs() < 1e-6);
        // 5 % on R_ion: 2.5e-5 S/cm on σ_eff, 0.25 on τ, 0.05/ln 2 = 0.0721 on α.
        assert!((d.sigma_eff_s_per_cm.stderr.unwrap() - 2.5e-5).abs() < 1e-15);
        assert!((d.tortuosity.stderr.unwrap() - 0.25).abs() < 1e-12);
        assert!((alpha.stderr.unwrap() - 0.072_135).abs() < 1e-6);
    }

    #[test]
    fn intervals_map_through_the_monotone_relations() {
        // As in the hand calculation, with R_ion in [16, 25] Ω: σ_eff =
        // 0.01/R_ion S/cm in [4e-4, 6.25e-4] (ends swapped), τ = 0.25·R_ion
        // in [4, 6.25], α = ln τ/ln 2 in [2, 2.6439]. An open upper end of
        // R_ion leaves σ_eff without a lower end and τ, α without an upper one.
        let g = Geometry {
            thickness_cm: 0.01,
            area_cm2: 1.0,
            epsilon: 0.5,
            sigma_i_s_per_cm: 5e-3,
        };
        let d = derive(20.0, None, Some(Interval::closed(16.0, 25.0)), &g).unwrap();
        let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-9 * b;
        let s = d.sigma_eff_s_per_cm.ci95.unwrap();
        assert!(close(s.lo, 4e-4) && close(s.hi, 6.25e-4), "{s:?}");
        let t = d.tortuosity.ci95.unwrap();
        assert!(close(t.lo, 4.0) && close(t.hi, 6.25), "{t:?}");
        let a = d.bruggeman_alpha.unwrap().ci95.unwrap();
        assert!(
            close(a.lo, 2.0) && close(a.hi, 6.25f64.ln() / 2f64.ln()),
            "{a:?}"
        );
        let open = Interval {
            lo: Some(16.0),
            hi: None,
        };
        let d = derive(20.0, None, Some(open), &g).unwrap();
        assert_eq!(d.sigma_eff_s_per_cm.ci95.unwrap().lo, None);
        assert_eq!(d.tortuosity.ci95.unwrap().hi, None);
        // τ below 1 at the low end: α's lower end is 0 (τ = ε^−α needs α ≥ 0).
        let d = derive(20.0, None, Some(Interval::closed(2.0, 25.0)), &g).unwrap();
        assert_eq!(d.bruggeman_alpha.unwrap().ci95.unwrap().lo, Some(0.0));
    }

    #[test]
    fn kato_cathode_figures() {
        // MODELS.md: ε = 0.571, and Kato et al. report τ = 2.47 for the cathode;
        // Eq. 17 then needs σ_eff = ε·σ_i/τ. With σ_i = 12 mS/cm, L = 600 µm,
        // A = 1 cm²: σ_eff = 0.571·0.012/2.47 S/cm and R_ion = L/(σ_eff·A).
        let sigma_eff = 0.571 * 0.012 / 2.47;
        let r_ion = 0.06 / sigma_eff;
        let g = Geometry {
            thickness_cm: 0.06,
            area_cm2: 1.0,
            epsilon: 0.571,
            sigma_i_s_per_cm: 0.012,
        };
        let d = derive(r_ion, None, None, &g).unwrap();
        assert!((d.tortuosity.value - 2.47).abs() < 1e-12);
        assert!(d.tortuosity.stderr.is_none());
    }

    #[test]
    fn bad_geometry_is_named() {
        let g = Geometry {
            thickness_cm: -1.0,
            area_cm2: 1.0,
            epsilon: 0.5,
            sigma_i_s_per_cm: 5e-3,
        };
        assert!(derive(20.0, None, None, &g)
            .unwrap_err()
            .to_string()
            .contains("thickness_cm"));
        let g = Geometry {
            thickness_cm: 0.01,
            area_cm2: 1.0,
            epsilon: 1.0,
            sigma_i_s_per_cm: 5e-3,
        };
        assert!(derive(20.0, None, None, &g)
            .unwrap()
            .bruggeman_alpha
            .is_none());
    }
}
