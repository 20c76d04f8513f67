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
    coth_and_two_csch_over_x, coth_over_x_regular, tanh_half_over_x_of_norm,
    two_over_x_sinh_x_regular,
};
use crate::error::{require_non_negative, require_positive, Error, Result};

pub use super::hyperbolic::SERIES_BELOW;

/// Which rails the two terminals of the cell touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// Z of the line as ω → ∞ in every layout: the rails in parallel,
/// R_ion·R_e/S (Eq. 12 and 15; the parallel term of Eq. 4). Ω in, Ω out.
pub fn high_frequency_intercept_ohm(r_ion_ohm: f64, r_e_ohm: f64) -> f64 {
    r_ion_ohm / (r_ion_ohm + r_e_ohm) * r_e_ohm
}

/// Re Z of the line as ω → 0: S/3 for ion–electron (Eq. 13, the "width";
/// Im Z → −∞ there, the interface being blocking), R_ion for ion–ion and
/// R_e for electron–electron (Eq. 16). Ω in, Ω out.
pub fn low_frequency_real_ohm(layout: Layout, r_ion_ohm: f64, r_e_ohm: f64) -> f64 {
    match layout {
        Layout::IonElectron => (r_ion_ohm + r_e_ohm) / 3.0,
        Layout::IonIon => r_ion_ohm,
        Layout::ElectronElectron => r_e_ohm,
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
        let s = self.r_ion_ohm + self.r_e_ohm;
        let (x, x_norm) = self.interface.propagation(s, omega_rad_s);
        let z = match self.layout {
            Layout::IonElectron => ion_electron_at(self.r_ion_ohm, self.r_e_ohm, x, x_norm),
            Layout::IonIon => blocking_at(self.r_ion_ohm, self.r_e_ohm, self.r_ion_ohm, x, x_norm),
            Layout::ElectronElectron => {
                blocking_at(self.r_ion_ohm, self.r_e_ohm, self.r_e_ohm, x, x_norm)
            }
        };
        z + self.r_bulk_ohm
    }
}

impl Interface {
    /// x = √(S·Y(ω)) and |x| for rails of total resistance `s_ohm` (Ω) at
    /// `omega_rad_s`, without a general complex square root: S·Y has the
    /// fixed phase nπ/2 (n = 1 for a capacitor), so x = √(S·|Y|)·e^(i·nπ/4).
    pub fn propagation(&self, s_ohm: f64, omega_rad_s: f64) -> (Complex64, f64) {
        match *self {
            Interface::Capacitor { c_dl_f } => {
                let modulus = sqrt_of_product(omega_rad_s * c_dl_f, s_ohm);
                let part = modulus * std::f64::consts::FRAC_1_SQRT_2;
                (Complex64::new(part, part), modulus)
            }
            Interface::Cpe { q, n } => {
                let modulus = sqrt_of_product(s_ohm, q) * omega_rad_s.powf(0.5 * n);
                let (sin, cos) = (n * std::f64::consts::FRAC_PI_4).sin_cos();
                (Complex64::new(modulus * cos, modulus * sin), modulus)
            }
        }
    }
}

/// √(a·b) for a, b ≥ 0, without overflow when a·b is beyond f64.
fn sqrt_of_product(a: f64, b: f64) -> f64 {
    let product = a * b;
    if product.is_finite() {
        product.sqrt()
    } else {
        a.sqrt() * b.sqrt()
    }
}

/// Ion–electron layout (Eq. 11, corrected; Eq. 8 when R_e = 0):
/// Z = (R_ion·R_e/S)·(1 + 2/(x·sinh x)) + ((R_ion² + R_e²)/S)·coth(x)/x.
/// Resistances in Ω, `y` the total interface admittance in S; returns Ω.
pub fn line_ion_electron(r_ion_ohm: f64, r_e_ohm: f64, y: Complex64) -> Complex64 {
    let x = (y * (r_ion_ohm + r_e_ohm)).sqrt();
    ion_electron_at(r_ion_ohm, r_e_ohm, x, x.norm())
}

/// [`line_ion_electron`] at x = √(S·Y) with |x| = `x_norm` known.
fn ion_electron_at(r_ion_ohm: f64, r_e_ohm: f64, x: Complex64, x_norm: f64) -> Complex64 {
    let s = r_ion_ohm + r_e_ohm;
    // Written with the shares R/S ≤ 1 so that no product overflows.
    let (share_ion, share_e) = (r_ion_ohm / s, r_e_ohm / s);
    let parallel = share_ion * r_e_ohm;
    let squares = share_ion * r_ion_ohm + share_e * r_e_ohm;
    if x_norm < SERIES_BELOW {
        // Sum the 1/x² parts exactly: (2·R_ion·R_e + R_ion² + R_e²)/(S·x²) = S/x² = 1/Y.
        let x2 = x * x;
        s / x2
            + parallel * (1.0 + two_over_x_sinh_x_regular(x2))
            + squares * coth_over_x_regular(x2)
    } else {
        let (coth_over_x, two_over_x_sinh_x) = coth_and_two_csch_over_x(x);
        parallel * (1.0 + two_over_x_sinh_x) + squares * coth_over_x
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
    let x = (y * (r_ion_ohm + r_e_ohm)).sqrt();
    blocking_at(r_ion_ohm, r_e_ohm, r_terminal_ohm, x, x.norm())
}

/// [`blocking_line`] at x = √(S·Y) with |x| = `x_norm` known.
fn blocking_at(
    r_ion_ohm: f64,
    r_e_ohm: f64,
    r_terminal_ohm: f64,
    x: Complex64,
    x_norm: f64,
) -> Complex64 {
    let s = r_ion_ohm + r_e_ohm;
    Complex64::from(r_ion_ohm / s * r_e_ohm)
        + 2.0 * (r_terminal_ohm / s) * r_terminal_ohm * tanh_half_over_x_of_norm(x, x_norm)
}

#[cfg(test)]
mod tests;
