//! Seeded synthetic spectra for tests and the benchmark: a small SplitMix64
//! generator, Box–Muller normal deviates, log-spaced frequencies and a model's
//! impedance with complex Gaussian noise proportional to |Z|.

use num_complex::Complex64;

use crate::impedance::Model;
use crate::spectrum::Spectrum;

/// SplitMix64 (Steele, Lea & Flood 2014): 64-bit state, full period.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1): 53 random bits, never exactly 0.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Uniform in log space between `lo` and `hi` (both > 0).
    pub fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.uniform()).exp()
    }

    /// Standard normal deviate by the Box–Muller transform.
    pub fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// `points` frequencies log-spaced from `f_max_hz` down to `f_min_hz`.
pub fn log_frequencies(f_max_hz: f64, f_min_hz: f64, points: usize) -> Vec<f64> {
    crate::numerics::grid::log_space(f_max_hz, f_min_hz, points)
}

/// When each point of a sweep over `freq_hz` (in measuring order) is done,
/// s from the start: two periods per point, at least 0.2 s each — the
/// clock of a cell that drifts while it is measured.
pub fn sweep_times_s(freq_hz: &[f64]) -> Vec<f64> {
    freq_hz
        .iter()
        .scan(0.0, |t, f| {
            *t += (2.0 / f).max(0.2);
            Some(*t)
        })
        .collect()
}

/// The spectrum of `model` at `freq_hz`, each point with complex Gaussian
/// noise of standard deviation `relative_noise`·|Z| in both Re and Im.
pub fn synthetic_spectrum(
    model: &dyn Model,
    freq_hz: &[f64],
    relative_noise: f64,
    rng: &mut SplitMix64,
    label: &str,
) -> Spectrum {
    let z_ohm = freq_hz
        .iter()
        .map(|f| {
            let z = model.impedance(std::f64::consts::TAU * f);
            if relative_noise > 0.0 {
                let s = relative_noise * z.norm();
                z + Complex64::new(s * rng.normal(), s * rng.normal())
            } else {
                z
            }
        })
        .collect();
    Spectrum {
        label: label.to_string(),
        freq_hz: freq_hz.to_vec(),
        z_ohm,
    }
}

#[cfg(test)]
mod tests;
