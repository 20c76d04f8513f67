//! Linear Kramers–Kronig check (Schönleber, Klotz & Ivers-Tiffée,
//! Electrochim. Acta 131 (2014) 20): the spectrum's real part is fitted, by
//! linear least squares weighted by 1/|Z|, with a series resistance and M Voigt
//! elements R_k/(1 + iωτ_k) whose τ_k are log-spaced over 1/ω_max … 1/ω_min
//! (plus a series inductance, and a series capacitance for blocking
//! electrodes, fitted to what the imaginary part leaves over). The
//! number M is chosen either with Schönleber's μ criterion, μ = 1 −
//! Σ_{R_k<0}|R_k| / Σ_{R_k≥0} R_k: the first M at which μ drops below a
//! cut-off c (0.85), or — the default — as the M with the lowest residuals.
//! The default exists because on a narrow (Debye-like) relaxation μ dips
//! below c on coarse τ grids long before the fit is good (a valid R‖C
//! spectrum then fails the check); the μ of the chosen M is reported.
//! Any such circuit obeys Kramers–Kronig, so large residuals mean the data do not.

use nalgebra::{DMatrix, DVector};
use num_complex::Complex64;

use super::check_spectrum;
use crate::error::{Error, Result};
use crate::spectrum::Spectrum;

/// How the number of Voigt elements M is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    /// Schönleber et al.'s rule: increase M until μ < c and keep that M.
    Mu,
    /// Try every M up to the limit and keep the lowest residual sum (both
    /// parts, though only the real part is fitted, so fitting noise in Re
    /// costs in Im).
    #[default]
    LowestResidual,
}

/// Options of the check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KkOptions {
    /// μ cut-off c for [`Selection::Mu`].
    pub mu_cutoff: f64,
    pub selection: Selection,
    /// Upper limit of M (also limited to below the number of points).
    pub max_elements: usize,
    /// Add a series capacitance (for spectra with a capacitive tail);
    /// None decides from the data ([`has_capacitive_tail`]).
    pub series_capacitance: Option<bool>,
}

impl Default for KkOptions {
    fn default() -> Self {
        KkOptions {
            mu_cutoff: 0.85,
            selection: Selection::LowestResidual,
            max_elements: 40,
            series_capacitance: None,
        }
    }
}

/// The outcome of the check.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KkResult {
    /// Number of Voigt elements M chosen.
    pub elements: usize,
    /// μ at that M.
    pub mu: f64,
    /// Relative residuals per point: ((Z − Ẑ)·re, (Z − Ẑ)·im) / |Z|.
    pub residuals: Vec<(f64, f64)>,
    /// Largest |relative residual| of either part.
    pub max_residual: f64,
    /// Root mean square of all relative residuals.
    pub rms_residual: f64,
    /// The KK-consistent fit at the data frequencies, Ω.
    #[serde(skip)]
    pub fitted_ohm: Vec<Complex64>,
}

/// Runs the linear KK check on `spectrum`.
pub fn kk_check(spectrum: &Spectrum, options: &KkOptions) -> Result<KkResult> {
    check_spectrum(spectrum, 3)?;
    if !(options.mu_cutoff > 0.0 && options.mu_cutoff <= 1.0) {
        return Err(Error::invalid(
            "mu_cutoff",
            options.mu_cutoff,
            "a number in (0, 1]",
        ));
    }
    let omega: Vec<f64> = spectrum
        .freq_hz
        .iter()
        .map(|f| std::f64::consts::TAU * f)
        .collect();
    let (w_min, w_max) = omega.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &w| {
        (lo.min(w), hi.max(w))
    });
    let with_c = options
        .series_capacitance
        .unwrap_or_else(|| has_capacitive_tail(spectrum));
    // The real-part fit has one row per point: keep M + 1 < points.
    let m_limit = options
        .max_elements
        .min(spectrum.len().saturating_sub(2))
        .max(1);
    let mut chosen: Option<(usize, f64, Vec<Complex64>, f64)> = None;
    for m in 1..=m_limit {
        let taus = time_constants(w_min, w_max, m);
        let (coef, fitted) = solve(&omega, &spectrum.z_ohm, &taus, with_c)?;
        let mu = mu_criterion(&coef[1..=m]);
        let misfit = relative_residuals(&spectrum.z_ohm, &fitted)
            .iter()
            .map(|(r, i)| r * r + i * i)
            .sum::<f64>();
        let stop = match options.selection {
            // Schönleber et al.: the first M at which μ falls below c.
            Selection::Mu => mu < options.mu_cutoff,
            Selection::LowestResidual => false,
        };
        let better = match (&chosen, options.selection) {
            (None, _) | (_, Selection::Mu) => true,
            (Some(best), Selection::LowestResidual) => misfit < best.3,
        };
        if better {
            chosen = Some((m, mu, fitted, misfit));
        }
        if stop {
            break;
        }
    }
    let Some((elements, mu, fitted_ohm, _)) = chosen else {
        return Err(Error::Numerical(
            "KK check: no element count could be tried".into(),
        ));
    };
    let residuals = relative_residuals(&spectrum.z_ohm, &fitted_ohm);
    let max_residual = residuals
        .iter()
        .fold(0.0f64, |a, (r, i)| a.max(r.abs()).max(i.abs()));
    let rms_residual = (residuals.iter().map(|(r, i)| r * r + i * i).sum::<f64>()
        / (2 * residuals.len()) as f64)
        .sqrt();
    Ok(KkResult {
        elements,
        mu,
        residuals,
        max_residual,
        rms_residual,
        fitted_ohm,
    })
}

/// ((Z − Ẑ)/|Z|) per point, as (re, im).
fn relative_residuals(z: &[Complex64], fitted: &[Complex64]) -> Vec<(f64, f64)> {
    z.iter()
        .zip(fitted)
        .map(|(z, f)| {
            let d = (z - f) / z.norm().max(f64::MIN_POSITIVE);
            (d.re, d.im)
        })
        .collect()
}

/// True when −Im Z still rises toward the lowest frequency and exceeds the
/// real part's spread there: a blocking, capacitive end of the spectrum.
pub fn has_capacitive_tail(spectrum: &Spectrum) -> bool {
    let mut points: Vec<(f64, Complex64)> = spectrum
        .freq_hz
        .iter()
        .copied()
        .zip(spectrum.z_ohm.iter().copied())
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    match (points.first(), points.get(1), points.last()) {
        (Some(&(_, lf)), Some(&(_, lf2)), Some(&(_, hf))) => {
            -lf.im > -lf2.im && -lf.im > (lf.re - hf.re).abs()
        }
        _ => false,
    }
}

/// τ_k, k = 1…M, log-spaced from 1/ω_max to 1/ω_min (one τ: their geometric mean).
fn time_constants(w_min: f64, w_max: f64, m: usize) -> Vec<f64> {
    let (lo, hi) = ((1.0 / w_max).ln(), (1.0 / w_min).ln());
    if m == 1 {
        return vec![(0.5 * (lo + hi)).exp()];
    }
    (0..m)
        .map(|k| (lo + (hi - lo) * k as f64 / (m - 1) as f64).exp())
        .collect()
}

/// μ = 1 − Σ|negative R_k| / Σ positive R_k (1 when none is negative).
fn mu_criterion(r: &[f64]) -> f64 {
    let positive: f64 = r.iter().filter(|&&x| x >= 0.0).sum();
    let negative: f64 = r.iter().filter(|&&x| x < 0.0).map(|x| -x).sum();
    if positive > 0.0 {
        1.0 - negative / positive
    } else {
        // No positive mass at all: treat as over-fitted, which stops the search.
        0.0
    }
}

/// Weighted linear least squares, 1/|Z| weights, for [R_0, R_1…R_M] on
/// the real part (the Voigt elements' real parts are all positive steps, so
/// negative R_k appear only when the noise is being fitted), then a series L
/// and optional series C on what the imaginary part leaves over.
/// Returns the coefficients (R_0, R_k…, L, and 1/C when used) and the fit.
fn solve(
    omega: &[f64],
    z: &[Complex64],
    taus: &[f64],
    with_c: bool,
) -> Result<(Vec<f64>, Vec<Complex64>)> {
    let n = omega.len();
    let p = 1 + taus.len();
    let voigt = |j: usize, w: f64| -> Complex64 {
        if j == 0 {
            Complex64::new(1.0, 0.0)
        } else {
            Complex64::new(1.0, w * taus[j - 1]).inv()
        }
    };
    let weight = |k: usize| 1.0 / z[k].norm().max(f64::MIN_POSITIVE);
    let mut a = DMatrix::<f64>::from_fn(n, p, |k, j| voigt(j, omega[k]).re * weight(k));
    let b = DVector::<f64>::from_fn(n, |k, _| z[k].re * weight(k));
    // Scale columns to unit norm for conditioning.
    let scales: Vec<f64> = (0..p)
        .map(|j| a.column(j).norm().max(f64::MIN_POSITIVE))
        .collect();
    for (j, s) in scales.iter().enumerate() {
        a.column_mut(j).unscale_mut(*s);
    }
    let x = a
        .svd_unordered(true, true)
        .solve(&b, 1e-13)
        .map_err(|e| Error::Numerical(format!("KK check: least squares failed ({e})")))?;
    let mut coef: Vec<f64> = x.iter().zip(&scales).map(|(c, s)| c / s).collect();
    let mut fitted: Vec<Complex64> = omega
        .iter()
        .map(|&w| (0..p).map(|j| voigt(j, w) * coef[j]).sum())
        .collect();
    // What Im Z leaves over is fitted with a series inductance (Im = ωL)
    // and, if asked, a series capacitance (Im = −1/(ωC)): neither has a real
    // part, so the real-part fit above cannot see them.
    let columns = 1 + usize::from(with_c);
    let im_basis = |k: usize, j: usize| -> f64 {
        if j == 0 {
            omega[k] * weight(k)
        } else {
            -weight(k) / omega[k]
        }
    };
    let a_im = DMatrix::<f64>::from_fn(n, columns, im_basis);
    let b_im = DVector::<f64>::from_fn(n, |k, _| (z[k].im - fitted[k].im) * weight(k));
    let x_im = a_im
        .svd_unordered(true, true)
        .solve(&b_im, 1e-13)
        .map_err(|e| Error::Numerical(format!("KK check: least squares failed ({e})")))?;
    for (k, f) in fitted.iter_mut().enumerate() {
        f.im += (0..columns)
            .map(|j| x_im[j] * im_basis(k, j) / weight(k))
            .sum::<f64>();
    }
    coef.extend(x_im.iter());
    if !coef.iter().all(|c| c.is_finite()) {
        return Err(Error::Numerical("KK check: the fit is not finite".into()));
    }
    Ok((coef, fitted))
}

#[cfg(test)]
mod tests;
