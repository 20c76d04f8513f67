//! Analytic derivatives of the two-rail line's impedance with respect to its
//! parameters, for fitting (one evaluation gives Z and every ∂Z/∂p, where
//! differences need one evaluation per parameter).
//!
//! With S = R_ion + R_e and t = x² = S·Y(ω), each layout is a sum of
//! coefficients in (R_ion, R_e) times functions of t (Eq. 8, 11: coth(x)/x and
//! 2/(x·sinh x); Eq. 4–7, 14: tanh(x/2)/x). So, writing D = t·∂Z/∂t at fixed
//! coefficients:
//! - ∂Z/∂R_bulk = 1;
//! - ∂Z/∂R_ion = (∂ coefficients/∂R_ion)·(functions) + D/S, as ∂t/∂R = t/S
//!   (likewise R_e);
//! - ∂Z/∂θ = D·∂(ln t)/∂θ for an interface parameter θ: 1/C_dl, 1/Q, and
//!   ln ω + iπ/2 for the CPE exponent n (Y = Q·ω^n·e^(i·nπ/2)).
//!
//! Near x = 0 the ion–electron form is 1/Y plus series in t ([`super::line`]);
//! 1/Y does not depend on the resistances, so its part of D enters the
//! interface derivatives only.

use num_complex::Complex64;

use super::hyperbolic::{
    coth_and_two_csch_over_x, coth_and_two_csch_over_x_slopes, coth_over_x_regular,
    coth_over_x_regular_slope, tanh_half_over_x_and_slope, two_over_x_sinh_x_regular,
    two_over_x_sinh_x_regular_slope, SERIES_BELOW,
};
use super::line::{Interface, Layout, TwoRailLine};

/// Z and its parts needed for the derivatives at one frequency.
struct Parts {
    /// Z of the line alone (no R_bulk), Ω.
    z: Complex64,
    /// ∂Z/∂R_ion and ∂Z/∂R_e at fixed t, dimensionless.
    dz_dr_ion_at_t: Complex64,
    dz_dr_e_at_t: Complex64,
    /// t·∂Z/∂t for the resistance derivatives and for the interface ones, Ω.
    slope_for_rails: Complex64,
    slope_for_interface: Complex64,
}

impl TwoRailLine {
    /// Z(ω) in Ω and, in `gradient`, ∂Z/∂p for every parameter in
    /// [`crate::impedance::Model::params`] order: r_bulk, r_ion, r_e, then
    /// c_dl or q, n (Ω/Ω, Ω/Ω, Ω/Ω, Ω/F | Ω/(F·s^(n−1)), Ω). Returns None
    /// when `gradient` does not have one entry per parameter.
    pub fn impedance_and_gradient(
        &self,
        omega_rad_s: f64,
        gradient: &mut [Complex64],
    ) -> Option<Complex64> {
        let (r_ion, r_e) = (self.r_ion_ohm, self.r_e_ohm);
        let s = r_ion + r_e;
        let (x, x_norm) = self.interface.propagation(s, omega_rad_s);
        let parts = match self.layout {
            Layout::IonElectron => ion_electron_parts(r_ion, r_e, x, x_norm),
            Layout::IonIon => blocking_parts(r_ion, r_e, true, x, x_norm),
            Layout::ElectronElectron => blocking_parts(r_ion, r_e, false, x, x_norm),
        };
        let rails = parts.slope_for_rails / s;
        let interface = parts.slope_for_interface;
        match (self.interface, gradient) {
            (Interface::Capacitor { c_dl_f }, [d_bulk, d_ion, d_e, d_c]) => {
                *d_c = interface / c_dl_f;
                (*d_bulk, *d_ion, *d_e) = (
                    1.0.into(),
                    parts.dz_dr_ion_at_t + rails,
                    parts.dz_dr_e_at_t + rails,
                );
            }
            (Interface::Cpe { q, .. }, [d_bulk, d_ion, d_e, d_q, d_n]) => {
                *d_q = interface / q;
                *d_n = interface * Complex64::new(omega_rad_s.ln(), std::f64::consts::FRAC_PI_2);
                (*d_bulk, *d_ion, *d_e) = (
                    1.0.into(),
                    parts.dz_dr_ion_at_t + rails,
                    parts.dz_dr_e_at_t + rails,
                );
            }
            _ => return None,
        }
        Some(parts.z + self.r_bulk_ohm)
    }
}

/// Eq. 11: Z = P·(1 + 2/(x·sinh x)) + Q·coth(x)/x, P = R_ion·R_e/S,
/// Q = (R_ion² + R_e²)/S.
fn ion_electron_parts(r_ion: f64, r_e: f64, x: Complex64, x_norm: f64) -> Parts {
    let s = r_ion + r_e;
    // Shares a = R_ion/S, b = R_e/S ≤ 1 keep every product finite.
    let (a, b) = (r_ion / s, r_e / s);
    let p = a * r_e;
    let q = a * r_ion + b * r_e;
    // ∂P/∂R_ion = b², ∂Q/∂R_ion = a² + 2ab − b²; mirrored for R_e.
    let (dp_ion, dp_e) = (b * b, a * a);
    let cross = 2.0 * a * b;
    let (dq_ion, dq_e) = (a * a + cross - b * b, b * b + cross - a * a);
    let x2 = x * x;
    if x_norm < SERIES_BELOW {
        // Z = S/t + P·(1 + T_r(t)) + Q·C_r(t): S/t = 1/Y is fixed at fixed Y.
        let (t_r, c_r) = (two_over_x_sinh_x_regular(x2), coth_over_x_regular(x2));
        let slope = p * two_over_x_sinh_x_regular_slope(x2) + q * coth_over_x_regular_slope(x2);
        let inverse_y = s / x2;
        Parts {
            z: inverse_y + p * (1.0 + t_r) + q * c_r,
            dz_dr_ion_at_t: dp_ion * (1.0 + t_r) + dq_ion * c_r,
            dz_dr_e_at_t: dp_e * (1.0 + t_r) + dq_e * c_r,
            slope_for_rails: slope,
            slope_for_interface: slope - inverse_y,
        }
    } else {
        let (c, t) = coth_and_two_csch_over_x(x);
        let (c_slope, t_slope) = coth_and_two_csch_over_x_slopes(x, c, t);
        // Here the 1/t parts of the coefficient terms and of the slope cancel
        // in ∂Z/∂R (1/t − S/t·(1/S)); |x| ≥ SERIES_BELOW bounds the loss.
        let slope = p * t_slope + q * c_slope;
        Parts {
            z: p * (1.0 + t) + q * c,
            dz_dr_ion_at_t: dp_ion * (1.0 + t) + dq_ion * c,
            dz_dr_e_at_t: dp_e * (1.0 + t) + dq_e * c,
            slope_for_rails: slope,
            slope_for_interface: slope,
        }
    }
}

/// Eq. 4–7 (`ionic_terminals`) and 14: Z = P + K·tanh(x/2)/x, P = R_ion·R_e/S,
/// K = 2·R_t²/S with R_t the rail both terminals touch.
fn blocking_parts(r_ion: f64, r_e: f64, ionic_terminals: bool, x: Complex64, x_norm: f64) -> Parts {
    let s = r_ion + r_e;
    let (r_t, r_o) = if ionic_terminals {
        (r_ion, r_e)
    } else {
        (r_e, r_ion)
    };
    // Shares a_t = R_t/S, a_o = R_o/S ≤ 1 keep every product finite.
    let (a_t, a_o) = (r_t / s, r_o / s);
    let k = 2.0 * a_t * r_t;
    // ∂K/∂R_t = 2·a_t·(a_t + 2·a_o), ∂K/∂R_o = −2·a_t²; ∂P/∂R_t = a_o², ∂P/∂R_o = a_t².
    let (dk_t, dk_o) = (2.0 * a_t * (a_t + 2.0 * a_o), -2.0 * a_t * a_t);
    let (dp_t, dp_o) = (a_o * a_o, a_t * a_t);
    let (h, h_slope) = tanh_half_over_x_and_slope(x, x_norm);
    let (d_t, d_o) = (dp_t + dk_t * h, dp_o + dk_o * h);
    let (dz_dr_ion_at_t, dz_dr_e_at_t) = if ionic_terminals {
        (d_t, d_o)
    } else {
        (d_o, d_t)
    };
    let slope = k * h_slope;
    Parts {
        z: Complex64::from(r_ion / s * r_e) + k * h,
        dz_dr_ion_at_t,
        dz_dr_e_at_t,
        slope_for_rails: slope,
        slope_for_interface: slope,
    }
}

#[cfg(test)]
mod tests;
