//! The seam between impedance models and everything that evaluates or fits
//! them: a model is a parameter vector with named, typed entries and a
//! function Z(ω).

use num_complex::Complex64;

use super::line::{Interface, TwoRailLine};
use crate::error::{Error, Result};

/// The allowed range of a parameter, which fitting uses to transform it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// (0, ∞): fitted in log space.
    Positive,
    /// [0, ∞): fitted in log space unless fixed at 0.
    NonNegative,
    /// (0, 1]: a CPE exponent, fitted through a logistic map.
    Exponent,
}

/// Name, unit and domain of one parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSpec {
    /// Machine name used in the CLI, JSON and URLs (`r_ion`, `c_dl`, …).
    pub name: String,
    /// Unit as shown to people (`Ω`, `F`, `F·s^(n−1)`, `–`).
    pub unit: &'static str,
    pub domain: Domain,
}

impl ParamSpec {
    pub fn new(name: impl Into<String>, unit: &'static str, domain: Domain) -> Self {
        ParamSpec {
            name: name.into(),
            unit,
            domain,
        }
    }
}

/// A parametric impedance model.
///
/// Invariant: `param_specs().len() == params().len()`, in the same order,
/// and `set_params(&params())` leaves the model unchanged.
pub trait Model {
    /// Names, units and domains of the parameters.
    fn param_specs(&self) -> Vec<ParamSpec>;
    /// Current parameter values, in the units of `param_specs`.
    fn params(&self) -> Vec<f64>;
    /// Replaces all parameter values; checks count and domains.
    fn set_params(&mut self, values: &[f64]) -> Result<()>;
    /// Z(ω) in Ω at angular frequency `omega_rad_s` > 0.
    fn impedance(&self, omega_rad_s: f64) -> Complex64;
    /// Z(ω) and, in `gradient` (one entry per parameter, `params()` order),
    /// ∂Z/∂p in Ω per unit of each parameter. None when the model has no
    /// analytic derivatives (the default) or `gradient` has the wrong
    /// length; fitting then uses finite differences.
    fn impedance_and_gradient(
        &self,
        omega_rad_s: f64,
        gradient: &mut [Complex64],
    ) -> Option<Complex64> {
        let _ = (omega_rad_s, gradient);
        None
    }
}

/// Checks the number of values given to [`Model::set_params`].
pub fn check_param_count(expected: usize, values: &[f64]) -> Result<()> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(Error::Inconsistent(format!(
            "expected {expected} parameter values, got {}",
            values.len()
        )))
    }
}

impl Model for TwoRailLine {
    /// `r_bulk, r_ion, r_e` then `c_dl` (capacitor) or `q, n` (CPE).
    fn param_specs(&self) -> Vec<ParamSpec> {
        let mut specs = vec![
            ParamSpec::new("r_bulk", "Ω", Domain::NonNegative),
            ParamSpec::new("r_ion", "Ω", Domain::NonNegative),
            ParamSpec::new("r_e", "Ω", Domain::NonNegative),
        ];
        match self.interface {
            Interface::Capacitor { .. } => {
                specs.push(ParamSpec::new("c_dl", "F", Domain::Positive))
            }
            Interface::Cpe { .. } => {
                specs.push(ParamSpec::new("q", "F·s^(n−1)", Domain::Positive));
                specs.push(ParamSpec::new("n", "–", Domain::Exponent));
            }
        }
        specs
    }

    fn params(&self) -> Vec<f64> {
        let mut values = vec![self.r_bulk_ohm, self.r_ion_ohm, self.r_e_ohm];
        match self.interface {
            Interface::Capacitor { c_dl_f } => values.push(c_dl_f),
            Interface::Cpe { q, n } => values.extend([q, n]),
        }
        values
    }

    fn set_params(&mut self, values: &[f64]) -> Result<()> {
        // 3 resistances, then c_dl or (q, n); counted without building the specs.
        let count = match self.interface {
            Interface::Capacitor { .. } => 4,
            Interface::Cpe { .. } => 5,
        };
        check_param_count(count, values)?;
        let interface = match self.interface {
            Interface::Capacitor { .. } => Interface::Capacitor { c_dl_f: values[3] },
            Interface::Cpe { .. } => Interface::Cpe {
                q: values[3],
                n: values[4],
            },
        };
        let updated = TwoRailLine::new(self.layout, values[1], values[2], interface, values[0])?;
        *self = updated;
        Ok(())
    }

    fn impedance(&self, omega_rad_s: f64) -> Complex64 {
        TwoRailLine::impedance(self, omega_rad_s)
    }

    fn impedance_and_gradient(
        &self,
        omega_rad_s: f64,
        gradient: &mut [Complex64],
    ) -> Option<Complex64> {
        TwoRailLine::impedance_and_gradient(self, omega_rad_s, gradient)
    }
}

#[cfg(test)]
mod tests;
