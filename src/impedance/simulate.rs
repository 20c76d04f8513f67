//! Evaluating a model over frequencies: the grids and the resulting
//! [`Spectrum`] that the CLI's `simulate`, the page and the plots use.

use std::f64::consts::TAU;

use super::model::Model;
use crate::error::{require_positive, Error, Result};
use crate::spectrum::Spectrum;

/// `n` frequencies (Hz) spaced evenly in log f from `f_min_hz` to
/// `f_max_hz`, both included (n = 1 gives `f_min_hz` alone). f_min may
/// exceed f_max (a descending sweep, as instruments record them).
pub fn log_spaced_freq_hz(f_min_hz: f64, f_max_hz: f64, n: usize) -> Result<Vec<f64>> {
    require_positive("f_min_hz", f_min_hz)?;
    require_positive("f_max_hz", f_max_hz)?;
    if n == 0 {
        return Err(Error::invalid("n", 0.0, "at least 1 point"));
    }
    Ok(crate::numerics::grid::log_space(f_min_hz, f_max_hz, n))
}

/// The model's impedance at every frequency of `freq_hz` (Hz, each > 0 and
/// finite), as a spectrum labelled `label`.
pub fn simulate(model: &dyn Model, freq_hz: &[f64], label: &str) -> Result<Spectrum> {
    let mut z_ohm = Vec::with_capacity(freq_hz.len());
    for &f in freq_hz {
        require_positive("freq_hz", f)?;
        z_ohm.push(model.impedance(TAU * f));
    }
    Ok(Spectrum {
        label: label.to_string(),
        freq_hz: freq_hz.to_vec(),
        z_ohm,
    })
}

#[cfg(test)]
mod tests;
