//! Lin-KK, the linear Kramers–Kronig check of Schönleber, Klotz &
//! Ivers-Tiffée (Electrochim. Acta 131 (2014) 20): the spectrum is fitted,
//! by linear least squares weighted by 1/|Z| (their Eq. 14, real and
//! imaginary parts together), with a series resistance R_0, M Voigt
//! elements R_k/(1 + iωτ_k) whose τ_k are log-spaced from 1/ω_max to
//! 1/ω_min, and optionally a series inductance L (cables and leads) and a
//! series capacitance C (a blocking electrode's capacitive end). Any such
//! circuit obeys Kramers–Kronig, so what it cannot fit — residuals larger
//! than the noise and ordered in frequency — the data do not obey.
//!
//! M is chosen by Schönleber's μ criterion, μ = 1 − Σ_{R_k<0}|R_k| /
//! Σ_{R_k≥0} R_k, which falls below the cut-off c (0.85) once the elements
//! start fitting noise. On its own ([`Selection::Mu`], the first M with
//! μ < c, as impedance.py's `linKK`) it stops too early on spectra with
//! narrow relaxations: with a coarse τ grid a Debye arc already needs
//! negative neighbours, so μ dips below c while the residuals are still
//! several per cent (a noise-free R‖C–R‖C spectrum fails at M = 9 with 3 %
//! residuals). The default ([`Selection::MuPlateau`]) therefore takes the
//! first M with μ < c whose residuals have also reached their plateau:
//! rms(M) ≤ 1.25·min_M′ rms(M′) + 0.05 %, the minimum over M′ up to
//! 5 elements per decade, the scan ending early once the lowest rms has
//! not fallen by 5 % over 6 element counts. ([`Selection::LowestResidual`]
//! keeps the M with the smallest residuals.) The scan takes each M's μ and
//! residuals from the normal equations where they are well conditioned
//! ([`GRAM_PIVOT`]); the M kept is fitted by QR.
//!
//! The noise level σ is a robust scale of the 2N residuals,
//! 1.4826·median|r| (the standard deviation for Gaussian noise, unmoved by
//! a few bad points or a drifting end), corrected for the p parameters
//! fitted by √(2N/(2N − p)). The band is ±4σ, at least ±0.2 % (the
//! accuracy of a good potentiostat); the points with a residual outside it
//! are listed, to be masked or looked at. The rule ([`BAND_SIGMAS`],
//! [`BAND_FLOOR`], [`NOISE_LIMIT`]): the spectrum passes when no point lies
//! outside the band and σ ≤ 2 % (noisier data can hide deviations of
//! several per cent). Drift — a cell changing while the slow points are
//! measured — shows as a stretch of low-frequency points outside the band;
//! an outlier as a single point.

use nalgebra::{DMatrix, DVector};
use num_complex::Complex64;
use serde::{Deserialize, Serialize};

use super::check_spectrum;
use crate::error::{Error, Result};
use crate::precision::significant;
use crate::spectrum::Spectrum;

/// Half-width of the noise band in units of σ.
pub const BAND_SIGMAS: f64 = 4.0;
/// Smallest half-width of the band, relative to |Z| (0.2 %).
pub const BAND_FLOOR: f64 = 0.002;
/// Above this noise level σ (2 %) the check cannot pass.
pub const NOISE_LIMIT: f64 = 0.02;
/// The plateau guard of [`Selection::MuPlateau`]: rms(M) may exceed the
/// smallest rms by this factor …
const PLATEAU_FACTOR: f64 = 1.25;
/// … plus this (0.05 %).
const PLATEAU_SLACK: f64 = 0.0005;
/// [`Selection::MuPlateau`] stops scanning M once the lowest residual has
/// not fallen by 5 % (0.9 in Σr²) over this many element counts.
const STALL_WINDOW: usize = 6;
/// Most Voigt elements per decade of frequency tried.
const ELEMENTS_PER_DECADE: f64 = 5.0;

/// How the number of Voigt elements M is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    /// Schönleber et al.'s rule as published: the first M with μ < c.
    Mu,
    /// The first M with μ < c whose residuals have reached their plateau.
    #[default]
    MuPlateau,
    /// The M with the lowest residual sum.
    LowestResidual,
}

/// Which parts of the spectrum the Voigt elements are fitted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KkFit {
    /// Real and imaginary parts together (Schönleber et al. Eq. 14).
    #[default]
    Complex,
    /// The real part only; L and C then fit what the imaginary part leaves
    /// (impedance.py's default), so the imaginary residuals test KK.
    Real,
}

/// Options of the check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KkOptions {
    /// μ cut-off c for [`Selection::Mu`].
    pub mu_cutoff: f64,
    pub selection: Selection,
    pub fit: KkFit,
    /// Upper limit of M (also limited to the number of points less 2 and to
    /// 5 per decade of frequency).
    pub max_elements: usize,
    /// Add a series inductance.
    pub series_inductance: bool,
    /// Add a series capacitance (for spectra with a capacitive tail);
    /// None decides from the data ([`has_capacitive_tail`]).
    pub series_capacitance: Option<bool>,
}

impl Default for KkOptions {
    fn default() -> Self {
        KkOptions {
            mu_cutoff: 0.85,
            selection: Selection::MuPlateau,
            fit: KkFit::Complex,
            max_elements: 50,
            series_inductance: true,
            series_capacitance: None,
        }
    }
}

/// The outcome of the check.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// The noise level the check implies, σ = √(Σ r²/(2N − p)), relative to |Z|.
    pub noise: f64,
    /// Half-width of the noise band, [`BAND_SIGMAS`]·σ.
    pub band: f64,
    /// Indices of the points with a residual (Re or Im) outside the band.
    pub outside: Vec<usize>,
    /// Runs-test z scores of the signs of the Re and Im residuals, in
    /// frequency order (very negative: long runs of one sign).
    pub runs_z: RunsZ,
    /// Whether the spectrum passes the rule in the module's documentation.
    pub pass: bool,
    /// The rule's verdict in a sentence.
    pub summary: String,
    /// Series resistance R_0, Ω.
    pub r_series_ohm: f64,
    /// Series inductance, H, when fitted (may come out negative: it is a
    /// free linear term).
    pub inductance_h: Option<f64>,
    /// Series capacitance, F, when fitted.
    pub series_capacitance_f: Option<f64>,
    /// The KK-consistent fit at the data frequencies, Ω.
    #[serde(skip)]
    pub fitted_ohm: Vec<Complex64>,
}

/// Runs-test z scores ([`runs_test_z`]) of the real and imaginary residuals.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RunsZ {
    pub re: f64,
    pub im: f64,
}

/// Runs the Lin-KK check on `spectrum`.
pub fn kk_check(spectrum: &Spectrum, options: &KkOptions) -> Result<KkResult> {
    check_spectrum(spectrum, 3)?;
    if !(options.mu_cutoff > 0.0 && options.mu_cutoff <= 1.0) {
        return Err(Error::invalid(
            "mu_cutoff",
            options.mu_cutoff,
            "a number in (0, 1]",
        ));
    }
    if spectrum.len() < 4 {
        return Err(Error::Inconsistent(format!(
            "{}: the KK check needs at least 4 points, the spectrum has {}",
            spectrum.label,
            spectrum.len()
        )));
    }
    let omega: Vec<f64> = (0..spectrum.len()).map(|k| spectrum.omega(k)).collect();
    // |Z| and the weights 1/|Z| of every point, once.
    let modulus: Vec<f64> = spectrum
        .z_ohm
        .iter()
        .map(|z| z.norm().max(f64::MIN_POSITIVE))
        .collect();
    let weight: Vec<f64> = modulus.iter().map(|m| 1.0 / m).collect();
    let (w_min, w_max) = omega.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &w| {
        (lo.min(w), hi.max(w))
    });
    let series = SeriesTerms {
        inductance: options.series_inductance,
        capacitance: options
            .series_capacitance
            .unwrap_or_else(|| has_capacitive_tail(spectrum)),
    };
    let decades = (w_max / w_min).log10();
    let m_limit = options
        .max_elements
        .min(spectrum.len().saturating_sub(2))
        .min((ELEMENTS_PER_DECADE * decades).ceil() as usize + 1)
        .max(1);
    // (M, μ, Σ r²) for every M tried.
    let mut tried: Vec<(usize, f64, f64)> = Vec::new();
    let points = (2 * spectrum.len()) as f64;
    let plateau_of =
        |lowest: f64| (PLATEAU_FACTOR * (lowest / points).sqrt() + PLATEAU_SLACK).powi(2) * points;
    let z = &spectrum.z_ohm;
    // The fit of M elements by QR, and its Σ r².
    let exact = |m: usize| -> Result<(Solution, f64)> {
        let columns = kk_columns(&omega, &time_constants(w_min, w_max, m), series);
        let solution = solve(&columns, m, series, z, &weight, options.fit)?;
        let misfit = squared_sum(&relative_residuals(z, &modulus, &solution.fitted));
        Ok((solution, misfit))
    };
    for m in 1..=m_limit {
        let quick = match options.fit {
            KkFit::Complex => {
                let columns = kk_columns(&omega, &time_constants(w_min, w_max, m), series);
                normal_equations_fit(&columns, m, z, &weight, &modulus)
            }
            KkFit::Real => None,
        };
        let (mu, misfit) = match quick {
            Some(found) => found,
            None => exact(m).map(|(s, misfit)| (s.mu, misfit))?,
        };
        let below_cutoff = mu < options.mu_cutoff;
        tried.push((m, mu, misfit));
        let stop = match options.selection {
            Selection::Mu => below_cutoff,
            // The plateau is reached: this M qualifies against the lowest
            // residual so far, and that lowest residual has not fallen by
            // 5 % over the last STALL_WINDOW element counts.
            Selection::MuPlateau => {
                let lowest_now = tried.iter().map(|t| t.2).fold(f64::INFINITY, f64::min);
                let before = tried.len().saturating_sub(STALL_WINDOW);
                let lowest_before = tried[..before]
                    .iter()
                    .map(|t| t.2)
                    .fold(f64::INFINITY, f64::min);
                below_cutoff && misfit <= plateau_of(lowest_now) && lowest_now > 0.9 * lowest_before
            }
            Selection::LowestResidual => false,
        };
        if stop {
            break;
        }
    }
    let lowest = tried.iter().map(|t| t.2).fold(f64::INFINITY, f64::min);
    let plateau = plateau_of(lowest);
    let pick = match options.selection {
        Selection::Mu => tried.len().checked_sub(1),
        Selection::MuPlateau => tried
            .iter()
            .position(|t| t.1 < options.mu_cutoff && t.2 <= plateau)
            .or_else(|| tried.iter().position(|t| t.2 == lowest)),
        Selection::LowestResidual => tried.iter().position(|t| t.2 == lowest),
    };
    let Some(elements) = pick.map(|k| tried[k].0) else {
        return Err(Error::Numerical(
            "KK check: no element count could be tried".into(),
        ));
    };
    let (solution, misfit) = exact(elements)?;
    let residuals = relative_residuals(&spectrum.z_ohm, &modulus, &solution.fitted);
    let n = residuals.len();
    let max_residual = residuals
        .iter()
        .fold(0.0f64, |a, (r, i)| a.max(r.abs()).max(i.abs()));
    let rms_residual = (misfit / (2 * n) as f64).sqrt();
    let unknowns = elements + 1 + usize::from(series.inductance) + usize::from(series.capacitance);
    let noise = robust_noise(&residuals, unknowns);
    let band = (BAND_SIGMAS * noise).max(BAND_FLOOR);
    let outside: Vec<usize> = (0..n)
        .filter(|&k| residuals[k].0.abs() > band || residuals[k].1.abs() > band)
        .collect();
    let order = frequency_order(&spectrum.freq_hz);
    let part = |f: fn(&(f64, f64)) -> f64| -> Vec<f64> {
        order.iter().map(|&k| f(&residuals[k])).collect()
    };
    let runs_z = RunsZ {
        re: runs_test_z(&part(|r| r.0)),
        im: runs_test_z(&part(|r| r.1)),
    };
    let (pass, summary) = rule(noise, band, &outside, &spectrum.freq_hz);
    Ok(KkResult {
        elements,
        mu: solution.mu,
        residuals,
        max_residual,
        rms_residual,
        noise,
        band,
        outside,
        runs_z,
        pass,
        summary,
        r_series_ohm: solution.r_series_ohm,
        inductance_h: solution.inductance_h,
        series_capacitance_f: solution.series_capacitance_f,
        fitted_ohm: solution.fitted,
    })
}

/// The robust noise level of the module's documentation:
/// 1.4826·median|r| over the 2N residuals, times √(2N/(2N − p)).
fn robust_noise(residuals: &[(f64, f64)], unknowns: usize) -> f64 {
    let mut magnitudes: Vec<f64> = residuals
        .iter()
        .flat_map(|&(r, i)| [r.abs(), i.abs()])
        .collect();
    magnitudes.sort_by(f64::total_cmp);
    let count = magnitudes.len();
    let median = if count % 2 == 1 {
        magnitudes[count / 2]
    } else {
        0.5 * (magnitudes[count / 2 - 1] + magnitudes[count / 2])
    };
    let dof = count.saturating_sub(unknowns).max(1) as f64;
    1.482_6 * median * (count as f64 / dof).sqrt()
}

/// The pass/fail rule of the module's documentation, with its sentence.
fn rule(noise: f64, band: f64, outside: &[usize], freq_hz: &[f64]) -> (bool, String) {
    let percent = |x: f64| format!("{:.2} %", 100.0 * x);
    if noise > NOISE_LIMIT {
        return (
            false,
            format!(
                "Fails: the noise level is {} (above {}), too high to show KK consistency.",
                percent(noise),
                percent(NOISE_LIMIT)
            ),
        );
    }
    if outside.is_empty() {
        return (
            true,
            format!(
                "Passes: every residual lies within ±{} (4 × the noise level {}, at least {}).",
                percent(band),
                percent(noise),
                percent(BAND_FLOOR)
            ),
        );
    }
    let (lo, hi) = outside
        .iter()
        .map(|&k| freq_hz[k])
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), f| {
            (lo.min(f), hi.max(f))
        });
    let range = if outside.len() == 1 {
        format!("at {} Hz", significant(lo, 3))
    } else {
        format!(
            "between {} and {} Hz",
            significant(lo, 3),
            significant(hi, 3)
        )
    };
    (
        false,
        format!(
            "Fails: {} of {} points lie outside ±{} (4 × the noise level {}), {range}: drift, a changing cell or outliers there.",
            outside.len(),
            freq_hz.len(),
            percent(band),
            percent(noise),
        ),
    )
}

/// Indices of the points in ascending order of frequency.
pub(crate) fn frequency_order(freq_hz: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..freq_hz.len()).collect();
    order.sort_by(|&a, &b| freq_hz[a].total_cmp(&freq_hz[b]));
    order
}

/// Wald–Wolfowitz runs test on the signs of `values` (zeros left out): the
/// z score (runs − E)/√Var with E = 1 + 2n₊n₋/n and
/// Var = 2n₊n₋(2n₊n₋ − n)/(n²(n − 1)). Very negative z: fewer runs than
/// chance, i.e. the values come in long same-signed stretches. 0 when one
/// sign is missing or fewer than 2 values are signed.
pub fn runs_test_z(values: &[f64]) -> f64 {
    let signs: Vec<bool> = values
        .iter()
        .filter(|v| **v != 0.0)
        .map(|v| *v > 0.0)
        .collect();
    let n = signs.len() as f64;
    let positive = signs.iter().filter(|&&s| s).count() as f64;
    let negative = n - positive;
    if positive == 0.0 || negative == 0.0 || n < 2.0 {
        return 0.0;
    }
    let runs = 1.0 + signs.windows(2).filter(|w| w[0] != w[1]).count() as f64;
    let product = 2.0 * positive * negative;
    let expected = 1.0 + product / n;
    let variance = product * (product - n) / (n * n * (n - 1.0));
    if variance <= 0.0 {
        return 0.0;
    }
    (runs - expected) / variance.sqrt()
}

/// Σ (re² + im²).
fn squared_sum(residuals: &[(f64, f64)]) -> f64 {
    residuals.iter().map(|(r, i)| r * r + i * i).sum()
}

/// ((Z − Ẑ)/|Z|) per point, as (re, im); `modulus` is |Z|.
fn relative_residuals(z: &[Complex64], modulus: &[f64], fitted: &[Complex64]) -> Vec<(f64, f64)> {
    z.iter()
        .zip(modulus)
        .zip(fitted)
        .map(|((z, m), f)| {
            let d = (z - f) / m;
            (d.re, d.im)
        })
        .collect()
}

/// True when −Im Z still rises over the three lowest frequencies: a
/// capacitive or diffusion tail that the window's slowest Voigt element
/// cannot follow, so a series capacitance is needed.
pub fn has_capacitive_tail(spectrum: &Spectrum) -> bool {
    let order = frequency_order(&spectrum.freq_hz);
    let minus_im = |i: usize| order.get(i).map(|&k| -spectrum.z_ohm[k].im);
    match (minus_im(0), minus_im(1), minus_im(2)) {
        (Some(a), Some(b), Some(c)) => a > 0.0 && a > b && b > c,
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

/// The series terms of the KK circuit besides R_0.
#[derive(Debug, Clone, Copy)]
struct SeriesTerms {
    inductance: bool,
    capacitance: bool,
}

/// One least-squares fit of the KK circuit.
struct Solution {
    mu: f64,
    fitted: Vec<Complex64>,
    r_series_ohm: f64,
    inductance_h: Option<f64>,
    series_capacitance_f: Option<f64>,
}

/// The unweighted columns of the KK circuit at every point, column j at
/// point k in `[j·n + k]`: R_0 (1), the Voigt elements 1/(1 + iωτ_k), then L
/// (iω) and 1/C (−i/ω) as `series` asks.
fn kk_columns(omega: &[f64], taus: &[f64], series: SeriesTerms) -> Vec<Complex64> {
    let n = omega.len();
    let p = 1 + taus.len() + usize::from(series.inductance) + usize::from(series.capacitance);
    let mut columns = Vec::with_capacity(p * n);
    columns.extend(std::iter::repeat_n(Complex64::new(1.0, 0.0), n));
    for &tau in taus {
        // 1/(1 + ix) = (1 − ix)/(1 + x²), one division.
        columns.extend(omega.iter().map(|w| {
            let x = w * tau;
            let d = 1.0 / (1.0 + x * x);
            Complex64::new(d, -x * d)
        }));
    }
    if series.inductance {
        columns.extend(omega.iter().map(|&w| Complex64::new(0.0, w)));
    }
    if series.capacitance {
        columns.extend(omega.iter().map(|w| Complex64::new(0.0, -1.0 / w)));
    }
    columns
}

/// Weighted (1/|Z|) linear least squares for R_0, R_1…R_M, then L and 1/C
/// ([`kk_columns`], M Voigt elements): all at once on both parts
/// ([`KkFit::Complex`]), or R_0 and the R_k on the real part and L, 1/C on
/// what the imaginary part leaves ([`KkFit::Real`]). `weight` is 1/|Z| per
/// point.
fn solve(
    columns: &[Complex64],
    m: usize,
    series: SeriesTerms,
    z: &[Complex64],
    weight: &[f64],
    fit: KkFit,
) -> Result<Solution> {
    let n = z.len();
    let p = columns.len() / n;
    let column = |j: usize, k: usize| columns[j * n + k];
    let coef = match fit {
        KkFit::Complex => {
            let (a, b) = stacked(columns, z, weight);
            least_squares(a, &b)?
        }
        KkFit::Real => {
            let a = DMatrix::from_fn(n, m + 1, |k, j| (column(j, k) * weight[k]).re);
            let b = DVector::from_fn(n, |k, _| z[k].re * weight[k]);
            let mut coef = least_squares(a, &b)?;
            let partial: Vec<f64> = (0..n)
                .map(|k| (0..=m).map(|j| (column(j, k) * coef[j]).im).sum::<f64>())
                .collect();
            if p > m + 1 {
                let a =
                    DMatrix::from_fn(n, p - m - 1, |k, j| (column(m + 1 + j, k) * weight[k]).im);
                let b = DVector::from_fn(n, |k, _| (z[k].im - partial[k]) * weight[k]);
                coef.extend(least_squares(a, &b)?);
            }
            coef
        }
    };
    let fitted: Vec<Complex64> = (0..n)
        .map(|k| (0..p).map(|j| column(j, k) * coef[j]).sum())
        .collect();
    if !(coef.iter().all(|c| c.is_finite()) && fitted.iter().all(|f| f.is_finite())) {
        return Err(Error::Numerical("KK check: the fit is not finite".into()));
    }
    let mut next = m + 1;
    let mut take = |used: bool| {
        used.then(|| {
            next += 1;
            coef[next - 1]
        })
    };
    let inductance_h = take(series.inductance);
    let series_capacitance_f = take(series.capacitance).map(|inverse| 1.0 / inverse);
    Ok(Solution {
        mu: mu_criterion(&coef[1..=m]),
        fitted,
        r_series_ohm: coef[0],
        inductance_h,
        series_capacitance_f,
    })
}

/// The weighted (1/|Z|) columns ([`kk_columns`]) and data of the
/// [`KkFit::Complex`] fit as one real problem, rows [Re; Im] over the points.
fn stacked(columns: &[Complex64], z: &[Complex64], weight: &[f64]) -> (DMatrix<f64>, DVector<f64>) {
    let n = z.len();
    let fill = |to: &mut [f64], from: &[Complex64]| {
        let (re, im) = to.split_at_mut(n);
        for k in 0..n {
            let v = from[k] * weight[k];
            re[k] = v.re;
            im[k] = v.im;
        }
    };
    let mut a = DMatrix::zeros(2 * n, columns.len() / n);
    for (to, from) in a
        .as_mut_slice()
        .chunks_exact_mut(2 * n)
        .zip(columns.chunks_exact(n))
    {
        fill(to, from);
    }
    let mut b = DVector::zeros(2 * n);
    fill(b.as_mut_slice(), z);
    (a, b)
}

/// Σ x_k·y_k in four running sums, which the compiler turns into vector
/// instructions (a single sum is one dependent chain of additions).
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let (xs, ys) = (x.chunks_exact(4), y.chunks_exact(4));
    let tail: f64 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(a, b)| a * b)
        .sum();
    let (mut s0, mut s1, mut s2, mut s3) = (0.0, 0.0, 0.0, 0.0);
    for (a, b) in xs.zip(ys) {
        s0 += a[0] * b[0];
        s1 += a[1] * b[1];
        s2 += a[2] * b[2];
        s3 += a[3] * b[3];
    }
    (s0 + s1) + (s2 + s3) + tail
}

/// The scan over M needs only μ and Σr² of each fit: the normal equations
/// of the column-scaled weighted problem, solved by Cholesky, give them with
/// about half the QR's work. They are used while the scaled Gram matrix's
/// Cholesky factor has no diagonal element below this share of its largest
/// (condition number of the scaled columns under about 10⁴, so μ and Σr²
/// agree with the QR's to some 10⁻⁸); else, and for the M kept, the QR.
const GRAM_PIVOT: f64 = 1e-4;

/// μ and the relative residuals' Σr² of the [`KkFit::Complex`] fit with
/// `columns` (M = `m` Voigt elements) by the normal equations, or None when
/// they are too ill-conditioned to trust ([`GRAM_PIVOT`]).
fn normal_equations_fit(
    columns: &[Complex64],
    m: usize,
    z: &[Complex64],
    weight: &[f64],
    modulus: &[f64],
) -> Option<(f64, f64)> {
    let n = z.len();
    let p = columns.len() / n;
    let (mut a, b) = stacked(columns, z, weight);
    // Columns scaled to unit norm, then the symmetric Gram matrix.
    let scales: Vec<f64> = (0..p)
        .map(|j| a.column(j).norm().max(f64::MIN_POSITIVE))
        .collect();
    for (j, s) in scales.iter().enumerate() {
        a.column_mut(j).unscale_mut(*s);
    }
    let column = |j: usize| &a.as_slice()[j * 2 * n..(j + 1) * 2 * n];
    let mut gram = DMatrix::zeros(p, p);
    for j in 0..p {
        for l in 0..=j {
            let g = dot(column(j), column(l));
            gram[(j, l)] = g;
            gram[(l, j)] = g;
        }
    }
    let rhs = DVector::from_fn(p, |j, _| dot(column(j), b.as_slice()));
    let cholesky = gram.cholesky()?;
    let diagonal = cholesky.l_dirty().diagonal();
    let largest = diagonal.iter().fold(0.0f64, |m, d| m.max(d.abs()));
    if !diagonal.iter().all(|d| d.abs() > GRAM_PIVOT * largest) {
        return None;
    }
    let coef: Vec<f64> = cholesky
        .solve(&rhs)
        .iter()
        .zip(&scales)
        .map(|(y, s)| y / s)
        .collect();
    let fitted: Vec<Complex64> = (0..n)
        .map(|k| (0..p).map(|j| columns[j * n + k] * coef[j]).sum())
        .collect();
    let misfit = squared_sum(&relative_residuals(z, modulus, &fitted));
    (coef.iter().all(|c| c.is_finite()) && misfit.is_finite())
        .then(|| (mu_criterion(&coef[1..=m]), misfit))
}

/// Least squares with the columns scaled to unit norm: Householder QR
/// (x = R⁻¹Qᵀb), or the SVD when R is numerically singular.
fn least_squares(mut a: DMatrix<f64>, b: &DVector<f64>) -> Result<Vec<f64>> {
    let scales: Vec<f64> = (0..a.ncols())
        .map(|j| a.column(j).norm().max(f64::MIN_POSITIVE))
        .collect();
    for (j, s) in scales.iter().enumerate() {
        a.column_mut(j).unscale_mut(*s);
    }
    let n = a.ncols();
    let qr = a.clone().qr();
    let r = qr.r();
    let diagonal = r.diagonal();
    let largest = diagonal.iter().fold(0.0f64, |m, d| m.max(d.abs()));
    let x = if a.nrows() >= n && diagonal.iter().all(|d| d.abs() > 1e-10 * largest) {
        let mut qtb = b.clone();
        qr.q_tr_mul(&mut qtb);
        r.solve_upper_triangular(&qtb.rows(0, n).into_owned())
            .ok_or_else(|| Error::Numerical("KK check: least squares failed".into()))?
    } else {
        a.svd_unordered(true, true)
            .solve(b, 1e-13)
            .map_err(|e| Error::Numerical(format!("KK check: least squares failed ({e})")))?
    };
    Ok(x.iter().zip(&scales).map(|(c, s)| c / s).collect())
}

#[cfg(test)]
pub(crate) mod tests;
