//! Lumped and finite-length diffusion elements of equivalent circuits, each
//! a function of the angular frequency ω (rad/s), and [`Element`], the
//! parameterised form that circuits are built from.
//!
//! Convention (as in [`crate::Spectrum`]): Z = Z' + i·Z'', with Z'' < 0 for
//! capacitive behaviour. All are passive: Re Z ≥ 0 for valid parameters.

use num_complex::Complex64;

use super::hyperbolic::{coth_over_x, tanh_over_x};
use crate::error::{require_positive, Error, Result};

/// Resistor: Z = R. `r_ohm` in Ω.
pub fn resistor_impedance(r_ohm: f64) -> Complex64 {
    Complex64::new(r_ohm, 0.0)
}

/// Capacitor admittance: Y = iωC. `c_f` in F, ω in rad/s; returns S.
pub fn capacitor_admittance(c_f: f64, omega_rad_s: f64) -> Complex64 {
    Complex64::new(0.0, omega_rad_s * c_f)
}

/// Capacitor: Z = 1/(iωC) = −i/(ωC). `c_f` in F, ω in rad/s; returns Ω.
pub fn capacitor_impedance(c_f: f64, omega_rad_s: f64) -> Complex64 {
    Complex64::new(0.0, -1.0 / (omega_rad_s * c_f))
}

/// Inductor (leads, cables): Z = iωL. `l_h` in H, ω in rad/s; returns Ω.
pub fn inductor_impedance(l_h: f64, omega_rad_s: f64) -> Complex64 {
    Complex64::new(0.0, omega_rad_s * l_h)
}

/// Constant-phase element admittance: Y = Q·(iω)^n = Q·ω^n·e^(i·nπ/2).
/// `q` in F·s^(n−1), `n` in (0, 1], ω in rad/s; returns S.
pub fn cpe_admittance(q: f64, n: f64, omega_rad_s: f64) -> Complex64 {
    Complex64::from_polar(q * omega_rad_s.powf(n), n * std::f64::consts::FRAC_PI_2)
}

/// Constant-phase element: Z = 1/(Q·(iω)^n) = e^(−i·nπ/2)/(Q·ω^n).
/// `q` in F·s^(n−1), `n` in (0, 1], ω in rad/s; returns Ω.
pub fn cpe_impedance(q: f64, n: f64, omega_rad_s: f64) -> Complex64 {
    Complex64::from_polar(
        1.0 / (q * omega_rad_s.powf(n)),
        -n * std::f64::consts::FRAC_PI_2,
    )
}

/// Finite-length Warburg, transmissive ("short", the far end held at
/// fixed concentration): Z = R_w·tanh(√(iωτ_w))/√(iωτ_w).
/// `r_w_ohm` in Ω, `tau_w_s` (= L²/D) in s, ω in rad/s; returns Ω.
/// Tends to R_w as ω → 0 and to R_w/√(iωτ_w) as ω → ∞.
pub fn warburg_short_impedance(r_w_ohm: f64, tau_w_s: f64, omega_rad_s: f64) -> Complex64 {
    let u = Complex64::new(0.0, omega_rad_s * tau_w_s).sqrt();
    r_w_ohm * tanh_over_x(u)
}

/// Finite-length Warburg, reflective ("open", the far end blocking):
/// Z = R_w·coth(√(iωτ_w))/√(iωτ_w).
/// `r_w_ohm` in Ω, `tau_w_s` in s, ω in rad/s; returns Ω.
/// Tends to R_w/3 + 1/(iω·τ_w/R_w) as ω → 0 and to R_w/√(iωτ_w) as ω → ∞.
pub fn warburg_open_impedance(r_w_ohm: f64, tau_w_s: f64, omega_rad_s: f64) -> Complex64 {
    let u = Complex64::new(0.0, omega_rad_s * tau_w_s).sqrt();
    r_w_ohm * coth_over_x(u)
}

/// Checks a CPE's parameters: Q > 0 and finite, n in (0, 1].
pub fn check_cpe(q: f64, n: f64) -> Result<()> {
    require_positive("q", q)?;
    if n.is_finite() && n > 0.0 && n <= 1.0 {
        Ok(())
    } else {
        Err(Error::invalid("n", n, "a CPE exponent in (0, 1]"))
    }
}

/// One circuit element with its parameter values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Element {
    /// Resistor, R in Ω.
    Resistor { r_ohm: f64 },
    /// Capacitor, C in F.
    Capacitor { c_f: f64 },
    /// Inductor, L in H.
    Inductor { l_h: f64 },
    /// Constant-phase element, Q in F·s^(n−1), 0 < n ≤ 1.
    Cpe { q: f64, n: f64 },
    /// Finite Warburg, transmissive: R_w in Ω, τ_w in s.
    WarburgShort { r_w_ohm: f64, tau_w_s: f64 },
    /// Finite Warburg, reflective: R_w in Ω, τ_w in s.
    WarburgOpen { r_w_ohm: f64, tau_w_s: f64 },
}

impl Element {
    /// Z(ω) in Ω at angular frequency `omega_rad_s` > 0.
    pub fn impedance(&self, omega_rad_s: f64) -> Complex64 {
        match *self {
            Element::Resistor { r_ohm } => resistor_impedance(r_ohm),
            Element::Capacitor { c_f } => capacitor_impedance(c_f, omega_rad_s),
            Element::Inductor { l_h } => inductor_impedance(l_h, omega_rad_s),
            Element::Cpe { q, n } => cpe_impedance(q, n, omega_rad_s),
            Element::WarburgShort { r_w_ohm, tau_w_s } => {
                warburg_short_impedance(r_w_ohm, tau_w_s, omega_rad_s)
            }
            Element::WarburgOpen { r_w_ohm, tau_w_s } => {
                warburg_open_impedance(r_w_ohm, tau_w_s, omega_rad_s)
            }
        }
    }

    /// Checks the parameters' domains (every value finite, > 0; n in (0, 1]).
    pub fn validate(&self) -> Result<()> {
        match *self {
            Element::Resistor { r_ohm } => require_positive("r_ohm", r_ohm).map(drop),
            Element::Capacitor { c_f } => require_positive("c_f", c_f).map(drop),
            Element::Inductor { l_h } => require_positive("l_h", l_h).map(drop),
            Element::Cpe { q, n } => check_cpe(q, n),
            Element::WarburgShort { r_w_ohm, tau_w_s }
            | Element::WarburgOpen { r_w_ohm, tau_w_s } => {
                require_positive("r_w_ohm", r_w_ohm)?;
                require_positive("tau_w_s", tau_w_s).map(drop)
            }
        }
    }

    /// Parameter values in the order of [`Element::param_names`].
    pub fn params(&self) -> Vec<f64> {
        match *self {
            Element::Resistor { r_ohm } => vec![r_ohm],
            Element::Capacitor { c_f } => vec![c_f],
            Element::Inductor { l_h } => vec![l_h],
            Element::Cpe { q, n } => vec![q, n],
            Element::WarburgShort { r_w_ohm, tau_w_s }
            | Element::WarburgOpen { r_w_ohm, tau_w_s } => {
                vec![r_w_ohm, tau_w_s]
            }
        }
    }

    /// Base names and units of the parameters: `r`, `c`, `l`, `q`+`n`,
    /// `r_w`+`tau_w`. Circuits append the element's index to make them unique.
    pub fn param_names(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Element::Resistor { .. } => &[("r", "Ω")],
            Element::Capacitor { .. } => &[("c", "F")],
            Element::Inductor { .. } => &[("l", "H")],
            Element::Cpe { .. } => &[("q", "F·s^(n−1)"), ("n", "–")],
            Element::WarburgShort { .. } | Element::WarburgOpen { .. } => {
                &[("r_w", "Ω"), ("tau_w", "s")]
            }
        }
    }

    /// The same kind of element with new values (count checked, domains not).
    pub fn with_params(&self, values: &[f64]) -> Result<Element> {
        let element = match (*self, values) {
            (Element::Resistor { .. }, &[r_ohm]) => Element::Resistor { r_ohm },
            (Element::Capacitor { .. }, &[c_f]) => Element::Capacitor { c_f },
            (Element::Inductor { .. }, &[l_h]) => Element::Inductor { l_h },
            (Element::Cpe { .. }, &[q, n]) => Element::Cpe { q, n },
            (Element::WarburgShort { .. }, &[r_w_ohm, tau_w_s]) => {
                Element::WarburgShort { r_w_ohm, tau_w_s }
            }
            (Element::WarburgOpen { .. }, &[r_w_ohm, tau_w_s]) => {
                Element::WarburgOpen { r_w_ohm, tau_w_s }
            }
            _ => {
                return Err(Error::Inconsistent(format!(
                    "{} takes {} parameter value(s), got {}",
                    self.symbol(),
                    self.param_names().len(),
                    values.len()
                )))
            }
        };
        Ok(element)
    }

    /// The element's symbol in the circuit notation (`R`, `C`, `L`, `CPE`,
    /// `Ws`, `Wo`).
    pub fn symbol(&self) -> &'static str {
        match self {
            Element::Resistor { .. } => "R",
            Element::Capacitor { .. } => "C",
            Element::Inductor { .. } => "L",
            Element::Cpe { .. } => "CPE",
            Element::WarburgShort { .. } => "Ws",
            Element::WarburgOpen { .. } => "Wo",
        }
    }
}

#[cfg(test)]
mod tests;
