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
//! the hyperbolic ratios of [`super::hyperbolic`] are written with e^(−x)
//! (Re x > 0 always, since arg(S·Y) ∈ [0, π/2]), and for |x| <
//! [`SERIES_BELOW`] with Laurent series.

use num_complex::Complex64;

use super::elements::{capacitor_admittance, check_cpe, cpe_admittance};
use super::hyperbolic::{
    coth_over_x, coth_over_x_regular, tanh_half_over_x, two_over_x_sinh_x,
    two_over_x_sinh_x_regular,
};
use crate::error::{require_non_negative, require_positive, Error, Result};

pub use super::hyperbolic::SERIES_BELOW;

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
    pub const ALL: [Layout; 3] = [
        Layout::IonElectron,
        Layout::IonIon,
        Layout::ElectronElectron,
    ];

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
            Interface::Cpe { q, n } => check_cpe(q, n),
        }
    }

    /// Interface admittance Y(ω) in S at angular frequency `omega_rad_s`.
    pub fn admittance(&self, omega_rad_s: f64) -> Complex64 {
        match *self {
            Interface::Capacitor { c_dl_f } => capacitor_admittance(c_dl_f, omega_rad_s),
            Interface::Cpe { q, n } => cpe_admittance(q, n, omega_rad_s),
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
        let line = TwoRailLine {
            layout,
            r_ion_ohm,
            r_e_ohm,
            interface,
            r_bulk_ohm,
        };
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
        y.inv()
            + parallel * (1.0 + two_over_x_sinh_x_regular(x2))
            + squares * coth_over_x_regular(x2)
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
    Complex64::from(r_ion_ohm * r_e_ohm / s)
        + 2.0 * r_terminal_ohm * r_terminal_ohm / s * tanh_half_over_x(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_both_rails_zero_and_bad_cpe() {
        let cap = Interface::Capacitor { c_dl_f: 1e-6 };
        assert!(TwoRailLine::new(Layout::IonIon, 0.0, 0.0, cap, 0.0).is_err());
        assert!(TwoRailLine::new(
            Layout::IonIon,
            1.0,
            0.0,
            Interface::Cpe { q: 1e-6, n: 1.2 },
            0.0
        )
        .is_err());
        assert!(TwoRailLine::new(Layout::IonIon, f64::NAN, 1.0, cap, 0.0).is_err());
    }
}
