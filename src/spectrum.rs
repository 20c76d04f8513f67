//! An impedance spectrum: the data type shared by the readers (`io`), the
//! fitting engine (`fit`), the plots (`plot`) and the edges.

use num_complex::Complex64;

/// One measured or simulated impedance spectrum.
///
/// Convention: `z_ohm[k] = Z' + i·Z''` with Z'' negative for capacitive
/// behaviour (Z = R − i/(ωC)). Frequencies are in Hz, impedances in Ω.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spectrum {
    /// A label for people: file name, loop number, temperature …
    pub label: String,
    /// Frequencies in Hz, one per point.
    pub freq_hz: Vec<f64>,
    /// Complex impedance in Ω, one per point.
    pub z_ohm: Vec<Complex64>,
}

impl Spectrum {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.freq_hz.len()
    }

    /// True when there are no points.
    pub fn is_empty(&self) -> bool {
        self.freq_hz.is_empty()
    }

    /// Angular frequency ω = 2πf of point `k`, in rad/s.
    pub fn omega(&self, k: usize) -> f64 {
        std::f64::consts::TAU * self.freq_hz[k]
    }
}
