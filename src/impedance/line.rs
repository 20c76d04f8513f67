//! The composite electrode's impedance: one two-rail transmission line
//! (MODELS.md, "one two-rail transmission line"; review section 2.3,
//! Eq. 4–8 and 11–16, corrected forms after Siroma et al. 2016 and
//! Bisquert 2000).
//!
//! An ionic rail (total resistance R_ion, Ω) and an electronic rail (total
//! R_e, Ω) run through the thickness of the composite, joined all along it
//! by the interface admittance Y (F·rad/s for a double layer, Y = iωC_dl; or
//! a CPE, Y = Q·(iω)^n). With S = R_ion + R_e and x = √(S·Y) the three cell
//! layouts differ only in their terminals; see [`Layout`].
//!
//! Evaluation is stable for every ω > 0 and parameters over many decades:
//! the hyperbolic functions are written with e^(−x) (Re x > 0 always, since
//! arg(S·Y) ∈ [0, π/2]), and for |x| < [`SERIES_BELOW`] with Laurent series.

use num_complex::Complex64;

use crate::error::{require_non_negative, require_positive, Error, Result};

/// Below this |x| the hyperbolic ratios are summed from their series.
pub const SERIES_BELOW: f64 = 0.05;

/// Which rails the two terminals of the cell touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Ions enter at one face, electrons leave at the other: SS/CE/SE/CE/SS,
    /// per composite electrode (Eq. 8, 11–13).
    IonElectron,
    /// Both terminals on the ionic rail (electron blocking): Li/SE/CE/SE/Li
    /// (Eq. 4–7).
    IonIon,
    /// Both terminals on the electronic rail (ion blocking): SS/CE/SS
    /// (Eq. 14–16).
    ElectronElectron,
}

impl Layout {
    /// All layouts, in the order the page and CLI list them.
    pub const ALL: [Layout; 3] = [Layout::IonElectron, Layout::IonIon, Layout::ElectronElectron];

    /// The name used in the CLI and in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Layout::IonElectron => "ion-electron",
            Layout::IonIon => "ion-ion",
            Layout::ElectronElectron => "electron-electron",
        }
    }

    /// Parses [`Layout::name`].
    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// The interface between the rails, integrated over the whole electrode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Interface {
    /// Ideal double layer of total capacitance `c_dl_f` (F).
    Capacitor { c_dl_f: f64 },
    /// Constant-phase element Y = Q·(iω)^n, `q` in F·s^(n−1), 0 < n ≤ 1.
    Cpe { q: f64, n: f64 },
}

impl Interface {
    /// Checks the parameters' domains.
    pub fn validate(&self) -> Result<()> {
        match *self {
            Interface::Capacitor { c_dl_f } => require_positive("c_dl_f", c_dl_f).map(drop),
            Interface::Cpe { q, n } => {
                require_positive("q", q)?;
                if n.is_finite() && n > 0.0 && n <= 1.0 {
                    Ok(())
                } else {
                    Err(Error::invalid("n", n, "a CPE exponent in (0, 1]"))
                }
            }
        }
    }

    /// Interface admittance Y(ω) in S at angular frequency `omega_rad_s`.
    pub fn admittance(&self, omega_rad_s: f64) -> Complex64 {
        match *self {
            Interface::Capacitor { c_dl_f } => Complex64::new(0.0, omega_rad_s * c_dl_f),
            Interface::Cpe { q, n } => {
                Complex64::from_polar(q * omega_rad_s.powf(n), n * std::f64::consts::FRAC_PI_2)
            }
        }
    }
}

/// A two-rail transmission line with an optional series resistance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoRailLine {
    pub layout: Layout,
    /// Total ionic-rail resistance R_ion, Ω.
    pub r_ion_ohm: f64,
    /// Total electronic-rail resistance R_e, Ω.
    pub r_e_ohm: f64,
    pub interface: Interface,
    /// Series resistance outside the composite (SE layer(s), contacts), Ω.
    /// For two SE layers give their sum (2·R_bulk).
    pub r_bulk_ohm: f64,
}

impl TwoRailLine {
    /// Builds a line after checking every parameter; R_ion = R_e = 0 is refused.
    pub fn new(
        layout: Layout,
        r_ion_ohm: f64,
        r_e_ohm: f64,
        interface: Interface,
        r_bulk_ohm: f64,
    ) -> Result<Self> {
        let line = TwoRailLine { layout, r_ion_ohm, r_e_ohm, interface, r_bulk_ohm };
        line.validate()?;
        Ok(line)
    }

    /// Checks the parameters' domains.
    pub fn validate(&self) -> Result<()> {
        require_non_negative("r_ion_ohm", self.r_ion_ohm)?;
        require_non_negative("r_e_ohm", self.r_e_ohm)?;
        require_non_negative("r_bulk_ohm", self.r_bulk_ohm)?;
        if self.r_ion_ohm + self.r_e_ohm <= 0.0 {
            return Err(Error::Inconsistent(
                "R_ion and R_e are both 0: at least one rail must have resistance".into(),
            ));
        }
        self.interface.validate()
    }

    /// Z(ω) in Ω at angular frequency `omega_rad_s` > 0.
    pub fn impedance(&self, omega_rad_s: f64) -> Complex64 {
        let y = self.interface.admittance(omega_rad_s);
        let z = match self.layout {
            Layout::IonElectron => line_ion_electron(self.r_ion_ohm, self.r_e_ohm, y),
            Layout::IonIon => line_ion_ion(self.r_ion_ohm, self.r_e_ohm, y),
            Layout::ElectronElectron => line_electron_electron(self.r_ion_ohm, self.r_e_ohm, y),
        };
        z + self.r_bulk_ohm
    }
}

/// Ion–electron layout (Eq. 11, corrected; Eq. 8 when R_e = 0):
/// Z = (R_ion·R_e/S)·(1 + 2/(x·sinh x)) + ((R_ion² + R_e²)/S)·coth(x)/x.
/// Resistances in Ω, `y` the total interface admittance in S; returns Ω.
pub fn line_ion_electron(r_ion_ohm: f64, r_e_ohm: f64, y: Complex64) -> Complex64 {
    let s = r_ion_ohm + r_e_ohm;
    let x = (y * s).sqrt();
    let parallel = r_ion_ohm * r_e_ohm / s;
    let squares = (r_ion_ohm * r_ion_ohm + r_e_ohm * r_e_ohm) / s;
    if x.norm() < SERIES_BELOW {
        // Sum the 1/x² parts exactly: (2·R_ion·R_e + R_ion² + R_e²)/(S·x²) = 1/Y.
        let x2 = x * x;
        y.inv() + parallel * (1.0 + two_over_x_sinh_x_regular(x2)) + squares * coth_over_x_regular(x2)
    } else {
        parallel * (1.0 + two_over_x_sinh_x(x)) + squares * coth_over_x(x)
    }
}

/// Ion–ion layout, electron blocking (Eq. 4–7, general R_e):
/// Z = R_ion·R_e/S + (2·R_ion²/S)·tanh(x/2)/x. Ω in, S for `y`, Ω out.
pub fn line_ion_ion(r_ion_ohm: f64, r_e_ohm: f64, y: Complex64) -> Complex64 {
    blocking_line(r_ion_ohm, r_e_ohm, r_ion_ohm, y)
}

/// Electron–electron layout, ion blocking (Eq. 14, corrected; Eq. 15–16):
/// Z = R_ion·R_e/S + (2·R_e²/S)·tanh(x/2)/x. Ω in, S for `y`, Ω out.
pub fn line_electron_electron(r_ion_ohm: f64, r_e_ohm: f64, y: Complex64) -> Complex64 {
    blocking_line(r_ion_ohm, r_e_ohm, r_e_ohm, y)
}

/// Both terminals on one rail, of resistance `r_terminal_ohm`.
fn blocking_line(r_ion_ohm: f64, r_e_ohm: f64, r_terminal_ohm: f64, y: Complex64) -> Complex64 {
    let s = r_ion_ohm + r_e_ohm;
    let x = (y * s).sqrt();
    Complex64::from(r_ion_ohm * r_e_ohm / s) + 2.0 * r_terminal_ohm * r_terminal_ohm / s * tanh_half_over_x(x)
}

/// coth(x)/x for Re x > 0, |x| ≥ [`SERIES_BELOW`] (singular at 0).
fn coth_over_x(x: Complex64) -> Complex64 {
    let e2 = (-2.0 * x).exp();
    (1.0 + e2) / ((1.0 - e2) * x)
}

/// coth(x)/x − 1/x², from its series in x² (valid for small |x|).
fn coth_over_x_regular(x2: Complex64) -> Complex64 {
    // 1/3 − x²/45 + 2x⁴/945 − x⁶/4725 + 2x⁸/93555
    horner(x2, &[1.0 / 3.0, -1.0 / 45.0, 2.0 / 945.0, -1.0 / 4725.0, 2.0 / 93555.0])
}

/// 2/(x·sinh x) for Re x > 0, |x| ≥ [`SERIES_BELOW`].
fn two_over_x_sinh_x(x: Complex64) -> Complex64 {
    let e1 = (-x).exp();
    4.0 * e1 / ((1.0 - e1 * e1) * x)
}

/// 2/(x·sinh x) − 2/x², from its series in x².
fn two_over_x_sinh_x_regular(x2: Complex64) -> Complex64 {
    // −1/3 + 7x²/180 − 31x⁴/7560 + 127x⁶/302400 − 73x⁸/1710720
    horner(x2, &[-1.0 / 3.0, 7.0 / 180.0, -31.0 / 7560.0, 127.0 / 302400.0, -73.0 / 1710720.0])
}

/// tanh(x/2)/x for Re x ≥ 0 (regular at 0, where it is 1/2).
fn tanh_half_over_x(x: Complex64) -> Complex64 {
    if x.norm() < SERIES_BELOW {
        // 1/2 − x²/24 + x⁴/240 − 17x⁶/40320 + 31x⁸/725760
        horner(x * x, &[0.5, -1.0 / 24.0, 1.0 / 240.0, -17.0 / 40320.0, 31.0 / 725760.0])
    } else {
        let e1 = (-x).exp();
        (1.0 - e1) / ((1.0 + e1) * x)
    }
}

/// Σ c_k·t^k by Horner's rule.
fn horner(t: Complex64, coefficients: &[f64]) -> Complex64 {
    coefficients.iter().rev().fold(Complex64::new(0.0, 0.0), |acc, &c| acc * t + c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: Complex64, b: Complex64) -> f64 {
        (a - b).norm() / b.norm()
    }

    #[test]
    fn series_and_closed_forms_meet_at_the_switch() {
        // Both branches evaluated at the same x on the switch circle agree.
        for arg in [0.0, 0.3, std::f64::consts::FRAC_PI_4] {
            let x = Complex64::from_polar(SERIES_BELOW, arg);
            let x2 = x * x;
            assert!(rel(coth_over_x_regular(x2) + x2.inv(), coth_over_x(x)) < 1e-12);
            assert!(rel(two_over_x_sinh_x_regular(x2) + 2.0 * x2.inv(), two_over_x_sinh_x(x)) < 1e-12);
            let e1 = (-x).exp();
            let closed = (1.0 - e1) / ((1.0 + e1) * x);
            let series = horner(x2, &[0.5, -1.0 / 24.0, 1.0 / 240.0, -17.0 / 40320.0, 31.0 / 725760.0]);
            assert!(rel(series, closed) < 1e-12);
        }
    }

    #[test]
    fn refuses_both_rails_zero_and_bad_cpe() {
        let cap = Interface::Capacitor { c_dl_f: 1e-6 };
        assert!(TwoRailLine::new(Layout::IonIon, 0.0, 0.0, cap, 0.0).is_err());
        assert!(TwoRailLine::new(Layout::IonIon, 1.0, 0.0, Interface::Cpe { q: 1e-6, n: 1.2 }, 0.0).is_err());
        assert!(TwoRailLine::new(Layout::IonIon, f64::NAN, 1.0, cap, 0.0).is_err());
    }
}
