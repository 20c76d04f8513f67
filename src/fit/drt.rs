//! Distribution of relaxation times (DRT) by Tikhonov regularisation with
//! non-negativity.
//!
//! Model (Wan, Saccoccio, Chen & Ciucci, Electrochim. Acta 184 (2015) 483,
//! Eq. 1–2): Z(ω) = R_∞ + iωL + 1/(iωC) + ∫ γ(ln τ)/(1 + iωτ) d ln τ, with γ
//! in Ω (per unit ln τ), the series inductance L and capacitance C optional.
//! γ is a sum of Gaussian radial basis functions φ_m(y) = exp(−(ε(y − y_m))²)
//! in y = ln τ, centred on a log-even grid from 1/f_max to 1/f_min with one
//! centre per measured point (DRTtools' choice), their width set by the FWHM
//! coefficient (FWHM = spacing / coefficient; 0.5 by default, as DRTtools).
//! The coefficients x ≥ 0 (and R_∞, L, 1/C ≥ 0) minimise
//! ‖W(A·x − Z)‖² + λ·xᵀMx, M the Gram matrix of the first (or second)
//! derivatives of the basis functions (Wan et al. Eq. 38), solved by the
//! active-set NNLS of [`super::nnls`].
//!
//! λ: generalised cross-validation (Wahba 1985; Saccoccio et al.,
//! Electrochim. Acta 147 (2014) 470) on the linear problem without the
//! constraint, from one generalised eigen-decomposition of (AᵀWᵀWA, M) so
//! that every trial λ costs a matrix–vector product; or the corner of the
//! L-curve (Hansen & O'Leary, SIAM J. Sci. Comput. 14 (1993) 1487) of the
//! non-negative solutions, each started from the previous λ's, scanned up
//! to where the residual has doubled. Both are reported; the chosen one is
//! used, the L-curve's by default: on pyDRTtools' example data GCV's
//! minimum lies at the bottom of the λ range and γ shows 8–9 small peaks;
//! the L-curve of the unconstrained problem (used until 7 Dec 2026) has no
//! sharp corner (negative γ keeps lowering the residual) and its largest
//! curvature lay at λ ≈ 0.1, merging processes (docs/IMPEDANCE.md).
//!
//! The problem is solved in units of s = max |Z| (Z/s, γ/s), so λ does not
//! depend on the impedance's scale; with unit weights it is the λ of
//! DRTtools.

use nalgebra::{DMatrix, DVector, SymmetricEigen};
use num_complex::Complex64;
use serde::Serialize;

use super::kk::has_capacitive_tail;
use super::nnls::{nnls_gram, nnls_gram_from};
use super::{check_spectrum, Weighting};
use crate::error::{Error, Result};
use crate::spectrum::Spectrum;

/// How λ is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum LambdaChoice {
    /// Generalised cross-validation.
    Gcv,
    /// Largest curvature of the L-curve (log residual norm, log penalty norm)
    /// of the non-negative solutions (the default).
    #[default]
    LCurve,
    /// A given value (> 0).
    Fixed(f64),
}

/// The derivative the penalty xᵀMx measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Penalty {
    /// ∫ (dγ/d ln τ)² d ln τ (DRTtools' default).
    #[default]
    FirstDerivative,
    /// ∫ (d²γ/d ln τ²)² d ln τ.
    SecondDerivative,
}

/// Choices for one DRT.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrtOptions {
    pub lambda: LambdaChoice,
    pub penalty: Penalty,
    /// Ratio of the grid spacing to the basis functions' FWHM, (0, 10].
    pub fwhm_coefficient: f64,
    pub weighting: Weighting,
    /// Fit a series inductance L ≥ 0.
    pub inductance: bool,
    /// Fit a series capacitance (blocking electrodes); None decides from
    /// the data ([`has_capacitive_tail`]).
    pub series_capacitance: Option<bool>,
    /// Smallest λ searched (> 0).
    pub lambda_min: f64,
    /// Largest λ searched (> lambda_min).
    pub lambda_max: f64,
}

impl Default for DrtOptions {
    fn default() -> Self {
        DrtOptions {
            lambda: LambdaChoice::LCurve,
            penalty: Penalty::FirstDerivative,
            fwhm_coefficient: 0.5,
            weighting: Weighting::Modulus,
            inductance: true,
            series_capacitance: None,
            lambda_min: 1e-7,
            lambda_max: 1.0,
        }
    }
}

/// One peak of γ(τ).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DrtPeak {
    /// Where γ peaks, s.
    pub tau_s: f64,
    /// The matching frequency 1/(2πτ), Hz.
    pub frequency_hz: f64,
    /// γ at the peak, Ω.
    pub gamma_ohm: f64,
    /// ∫ γ d ln τ between the minima on either side: the process's resistance, Ω.
    pub resistance_ohm: f64,
}

/// The outcome of a DRT.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrtResult {
    /// λ used.
    pub lambda: f64,
    /// λ by generalised cross-validation and by the L-curve corner.
    pub lambda_gcv: f64,
    pub lambda_lcurve: f64,
    /// Series resistance R_∞, Ω.
    pub r_inf_ohm: f64,
    /// Series inductance, H (None when not fitted).
    pub inductance_h: Option<f64>,
    /// Series capacitance, F (None when not fitted; +∞ when fitted as 0).
    pub series_capacitance_f: Option<f64>,
    /// τ of the output grid (half a decade beyond the data on each side), s.
    pub tau_s: Vec<f64>,
    /// γ(τ) on that grid, Ω.
    pub gamma_ohm: Vec<f64>,
    /// Peaks of γ, by increasing τ.
    pub peaks: Vec<DrtPeak>,
    /// ∫ γ d ln τ over the whole grid, Ω.
    pub polarisation_ohm: f64,
    /// (Z − Ẑ)/|Z| per point, (re, im).
    pub residuals: Vec<(f64, f64)>,
    /// Root mean square of those 2N relative residuals.
    pub rms_residual: f64,
    /// The spectrum the DRT implies at the data's frequencies, Ω.
    #[serde(skip)]
    pub fitted_ohm: Vec<Complex64>,
}

/// FWHM of exp(−x²) in x: 2·√(ln 2).
const GAUSSIAN_FWHM: f64 = 1.665_109_222_315_395_5;
/// Output grid points per basis function (DRTtools: 10).
const FINE_PER_CENTRE: usize = 10;
/// A local maximum of γ is reported as a peak when it rises above this
/// share of γ's largest value, and above its higher neighbouring minimum by
/// this share too (no ripples).
const PEAK_SHARE: f64 = 0.05;
/// The L-curve's corner is sought where the non-negative solution's ‖r‖²
/// is at most this multiple of its value at the smallest λ: beyond it the
/// fit misses the data by more than the least regularised fit does, so a
/// corner there (the curve has a second one where neighbouring peaks merge)
/// is smoothing away processes, not noise.
const MAX_RESIDUAL_RISE: f64 = 2.0;
/// Trial λ per decade for the GCV and L-curve scans.
const LAMBDA_PER_DECADE: usize = 10;

/// The DRT of `spectrum`.
pub fn drt(spectrum: &Spectrum, options: &DrtOptions) -> Result<DrtResult> {
    check_options(options)?;
    check_spectrum(spectrum, 4)?;
    if spectrum.len() < 5 {
        return Err(Error::Inconsistent(format!(
            "{}: a DRT needs at least 5 points, the spectrum has {}",
            spectrum.label,
            spectrum.len()
        )));
    }
    let with_c = options
        .series_capacitance
        .unwrap_or_else(|| has_capacitive_tail(spectrum));
    let system = System::new(spectrum, options, with_c)?;
    let scan = Scan::new(&system)?;
    let grid = Scan::grid(options);
    let trials: Vec<Trial> = grid.iter().map(|&t| scan.at(10f64.powf(t))).collect();
    let lambda_gcv = scan.gcv_minimum(&grid, &trials);
    let lambda_lcurve = scan.lcurve_corner(&grid)?;
    let lambda = match options.lambda {
        LambdaChoice::Gcv => lambda_gcv,
        LambdaChoice::LCurve => lambda_lcurve,
        LambdaChoice::Fixed(v) => v,
    };
    let (x, _) = scan.constrained(lambda, None)?;
    system.result(spectrum, x, lambda, lambda_gcv, lambda_lcurve)
}

fn check_options(o: &DrtOptions) -> Result<()> {
    if !(o.fwhm_coefficient > 0.0 && o.fwhm_coefficient <= 10.0) {
        return Err(Error::invalid(
            "fwhm_coefficient",
            o.fwhm_coefficient,
            "a number in (0, 10]",
        ));
    }
    if !(o.lambda_min > 0.0 && o.lambda_min.is_finite()) {
        return Err(Error::invalid("lambda_min", o.lambda_min, "a number > 0"));
    }
    if !(o.lambda_max > o.lambda_min && o.lambda_max.is_finite()) {
        return Err(Error::invalid(
            "lambda_max",
            o.lambda_max,
            "a finite number > lambda_min",
        ));
    }
    if let LambdaChoice::Fixed(v) = o.lambda {
        if !(v > 0.0 && v.is_finite()) {
            return Err(Error::invalid("lambda", v, "a finite number > 0"));
        }
    }
    Ok(())
}

/// Which series terms come before the basis functions' columns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Series {
    Resistance,
    Inductance,
    InverseCapacitance,
}

/// The weighted linear problem in units of s = max |Z|.
struct System {
    /// 2N × p: rows Re of every point, then Im; columns the series terms
    /// (scaled to unit norm), then the basis functions.
    a: DMatrix<f64>,
    /// Weighted data, 2N.
    b: DVector<f64>,
    /// p × p penalty (zero on the series terms).
    m: DMatrix<f64>,
    series: Vec<Series>,
    /// Each series column's scale: its unknown is (value / s)·scale.
    series_scale: Vec<f64>,
    /// ln τ of the basis centres.
    centres: Vec<f64>,
    epsilon: f64,
    s_ohm: f64,
    /// (w_re, w_im) per point, all > 0.
    weights: Vec<(f64, f64)>,
}

impl System {
    fn new(spectrum: &Spectrum, options: &DrtOptions, with_c: bool) -> Result<System> {
        let n = spectrum.len();
        let s_ohm = spectrum.z_ohm.iter().fold(0.0f64, |a, z| a.max(z.norm()));
        let omega: Vec<f64> = (0..n).map(|k| spectrum.omega(k)).collect();
        let (f_min, f_max) = spectrum
            .freq_hz
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(lo, hi), &f| {
                (lo.min(f), hi.max(f))
            });
        if f_max / f_min < 1.01 {
            return Err(Error::Inconsistent(format!(
                "{}: the frequencies span less than 1 %: no time constants to resolve",
                spectrum.label
            )));
        }
        let centres = log_grid((1.0 / f_max).ln(), (1.0 / f_min).ln(), n);
        let spacing = (centres[n - 1] - centres[0]) / (n - 1) as f64;
        let epsilon = options.fwhm_coefficient * GAUSSIAN_FWHM / spacing;
        let weights: Vec<(f64, f64)> = spectrum
            .z_ohm
            .iter()
            .map(|&z| match options.weighting {
                Weighting::Unit => (1.0 / s_ohm, 1.0 / s_ohm),
                other => other.weights(z),
            })
            .collect();
        let mut series = vec![Series::Resistance];
        if options.inductance {
            series.push(Series::Inductance);
        }
        if with_c {
            series.push(Series::InverseCapacitance);
        }
        let q = series.len();
        let p = q + n;
        let mut a = DMatrix::<f64>::zeros(2 * n, p);
        let quad = Quadrature::new(epsilon);
        for k in 0..n {
            let (wr, wi) = weights[k];
            for (j, term) in series.iter().enumerate() {
                // Unknowns R/s, L·ω/s … in units of s; scaled below.
                let (re, im) = match term {
                    Series::Resistance => (1.0, 0.0),
                    Series::Inductance => (0.0, omega[k]),
                    Series::InverseCapacitance => (0.0, -1.0 / omega[k]),
                };
                a[(k, j)] = wr * s_ohm * re;
                a[(n + k, j)] = wi * s_ohm * im;
            }
            for (m, &y) in centres.iter().enumerate() {
                let (re, im) = quad.kernel(omega[k] * y.exp());
                a[(k, q + m)] = wr * s_ohm * re;
                a[(n + k, q + m)] = wi * s_ohm * im;
            }
        }
        let mut series_scale = Vec::with_capacity(q);
        for j in 0..q {
            let norm = a.column(j).norm();
            if !(norm.is_finite() && norm > 0.0) {
                return Err(Error::Numerical(format!(
                    "{}: the DRT's series terms cannot be evaluated",
                    spectrum.label
                )));
            }
            a.column_mut(j).unscale_mut(norm);
            series_scale.push(norm);
        }
        let b = DVector::from_fn(2 * n, |r, _| {
            let k = r % n;
            if r < n {
                weights[k].0 * spectrum.z_ohm[k].re
            } else {
                weights[k].1 * spectrum.z_ohm[k].im
            }
        });
        let mut m = DMatrix::<f64>::zeros(p, p);
        for i in 0..n {
            for j in 0..n {
                let d = epsilon * (centres[i] - centres[j]);
                m[(q + i, q + j)] = penalty_gram(options.penalty, epsilon, d);
            }
        }
        if !(a.iter().all(|v| v.is_finite()) && b.iter().all(|v| v.is_finite())) {
            return Err(Error::Numerical(format!(
                "{}: the DRT's system is not finite",
                spectrum.label
            )));
        }
        Ok(System {
            a,
            b,
            m,
            series,
            series_scale,
            centres,
            epsilon,
            s_ohm,
            weights,
        })
    }

    /// γ(y) in Ω from the basis coefficients.
    fn gamma_at(&self, coefficients: &[f64], y: f64) -> f64 {
        self.s_ohm
            * self
                .centres
                .iter()
                .zip(coefficients)
                .map(|(&c, &x)| x * (-(self.epsilon * (y - c)).powi(2)).exp())
                .sum::<f64>()
    }

    fn result(
        &self,
        spectrum: &Spectrum,
        x: Vec<f64>,
        lambda: f64,
        lambda_gcv: f64,
        lambda_lcurve: f64,
    ) -> Result<DrtResult> {
        let q = self.series.len();
        let mut r_inf_ohm = 0.0;
        let mut inductance_h = None;
        let mut series_capacitance_f = None;
        for (j, term) in self.series.iter().enumerate() {
            let value = x[j] / self.series_scale[j] * self.s_ohm;
            match term {
                Series::Resistance => r_inf_ohm = value,
                Series::Inductance => inductance_h = Some(value),
                Series::InverseCapacitance => series_capacitance_f = Some(1.0 / value),
            }
        }
        let coefficients = &x[q..];
        let half_decade = 0.5 * std::f64::consts::LN_10;
        let n_centres = self.centres.len();
        let fine = log_grid(
            self.centres[0] - half_decade,
            self.centres[n_centres - 1] + half_decade,
            FINE_PER_CENTRE * n_centres,
        );
        let gamma_ohm: Vec<f64> = fine
            .iter()
            .map(|&y| self.gamma_at(coefficients, y))
            .collect();
        let peaks = find_peaks(&fine, &gamma_ohm);
        let polarisation_ohm = trapezoid(&fine, &gamma_ohm);
        let n = spectrum.len();
        // The weighted model is w·Ẑ (the rows of A and b carry the weights).
        let model = &self.a * DVector::from_column_slice(&x);
        let fitted_ohm: Vec<Complex64> = self
            .weights
            .iter()
            .enumerate()
            .map(|(k, &(wr, wi))| Complex64::new(model[k] / wr, model[n + k] / wi))
            .collect();
        let residuals: Vec<(f64, f64)> = spectrum
            .z_ohm
            .iter()
            .zip(&fitted_ohm)
            .map(|(z, f)| {
                let d = (z - f) / z.norm().max(f64::MIN_POSITIVE);
                (d.re, d.im)
            })
            .collect();
        let rms_residual =
            (residuals.iter().map(|(a, b)| a * a + b * b).sum::<f64>() / (2 * n) as f64).sqrt();
        Ok(DrtResult {
            lambda,
            lambda_gcv,
            lambda_lcurve,
            r_inf_ohm,
            inductance_h,
            series_capacitance_f,
            tau_s: fine.iter().map(|y| y.exp()).collect(),
            gamma_ohm,
            peaks,
            polarisation_ohm,
            residuals,
            rms_residual,
            fitted_ohm,
        })
    }
}

/// `count` points evenly spaced from `lo` to `hi` (both included).
fn log_grid(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let steps = count.saturating_sub(1).max(1) as f64;
    (0..count)
        .map(|k| lo + (hi - lo) * k as f64 / steps)
        .collect()
}

/// ∫ over the grid by the trapezoidal rule.
fn trapezoid(x: &[f64], y: &[f64]) -> f64 {
    x.windows(2)
        .zip(y.windows(2))
        .map(|(x, y)| 0.5 * (x[1] - x[0]) * (y[0] + y[1]))
        .sum()
}

/// The Gram matrix entry of the basis functions' derivatives, for centres
/// `d` = ε·(y_i − y_j) apart (Wan et al. 2015, Eq. 38 and their appendix):
/// ∫ φ_i′φ_j′ dy = ε·√(π/2)·(1 − d²)·e^(−d²/2) and
/// ∫ φ_i″φ_j″ dy = ε³·√(π/2)·(3 − 6d² + d⁴)·e^(−d²/2).
fn penalty_gram(penalty: Penalty, epsilon: f64, d: f64) -> f64 {
    let root = std::f64::consts::FRAC_PI_2.sqrt() * (-0.5 * d * d).exp();
    match penalty {
        Penalty::FirstDerivative => epsilon * root * (1.0 - d * d),
        Penalty::SecondDerivative => epsilon.powi(3) * root * (3.0 - 6.0 * d * d + d.powi(4)),
    }
}

/// Nodes and weights of the trapezoidal rule for the basis integrals
/// g(α) = ∫ e^(−(εx)²)·K(α·eˣ) dx: the integrand is analytic in a strip
/// around the real axis, so the rule converges geometrically; the step
/// h = min(0.5/ε, 0.2) keeps the error near e^(−π²/(hε)²) ≈ 1e-17 and the
/// range ±6.5/ε leaves out e^(−42) of the Gaussian.
struct Quadrature {
    /// (eˣ, h·e^(−(εx)²)) per node.
    nodes: Vec<(f64, f64)>,
}

impl Quadrature {
    fn new(epsilon: f64) -> Quadrature {
        let h = (0.5 / epsilon).min(0.2);
        let half_width = 6.5 / epsilon;
        let count = (2.0 * half_width / h).ceil() as usize + 1;
        let nodes = (0..count)
            .map(|k| {
                let x = -half_width + k as f64 * h;
                (x.exp(), h * (-(epsilon * x).powi(2)).exp())
            })
            .collect();
        Quadrature { nodes }
    }

    /// (Re, Im) of ∫ φ(x)/(1 + iα·eˣ) dx for α = ω·τ_m > 0: the impedance of a
    /// unit basis function centred on τ_m at ω (Wan et al. Eq. 32–33).
    fn kernel(&self, alpha: f64) -> (f64, f64) {
        let (mut re, mut im) = (0.0, 0.0);
        for &(e, w) in &self.nodes {
            let u = alpha * e;
            let d = w / (1.0 + u * u);
            re += d;
            im -= u * d;
        }
        (re, im)
    }
}

/// What one trial λ gives on the unconstrained problem (for GCV).
struct Trial {
    residual_sq: f64,
    /// tr of the influence matrix A·(G + λM)⁻¹·Aᵀ.
    trace: f64,
}

/// The unconstrained problem diagonalised once for all λ: with
/// S = G + κM = LLᵀ (G = AᵀA) and L⁻¹ML⁻ᵀ = Q·diag(μ)·Qᵀ, ν = κμ ∈ [0, 1],
/// G + λM = L·Q·diag(1 − ν + (λ/κ)·ν)·Qᵀ·Lᵀ.
struct Scan<'a> {
    system: &'a System,
    gram: DMatrix<f64>,
    /// A·W with W = L⁻ᵀQ ((G + λM)⁻¹ = W·diag(1/D)·Wᵀ), so a trial's fit
    /// is A·W·(d/D).
    aw: DMatrix<f64>,
    nu: Vec<f64>,
    kappa: f64,
    /// Wᵀ·Aᵀb.
    d: DVector<f64>,
    /// Aᵀb.
    atb: DVector<f64>,
}

impl<'a> Scan<'a> {
    fn new(system: &'a System) -> Result<Scan<'a>> {
        let gram = system.a.transpose() * &system.a;
        let kappa = gram.trace() / system.m.trace();
        if !(kappa.is_finite() && kappa > 0.0) {
            return Err(Error::Numerical("DRT: the penalty cannot be scaled".into()));
        }
        let s = &gram + &system.m * kappa;
        let p = s.nrows();
        let chol = nalgebra::Cholesky::new(s.clone())
            .or_else(|| {
                let ridge = 1e-12 * s.diagonal().max();
                nalgebra::Cholesky::new(s + DMatrix::identity(p, p) * ridge)
            })
            .ok_or_else(|| Error::Numerical("DRT: the normal equations are singular".into()))?;
        let l = chol.l();
        let x = l
            .solve_lower_triangular(&system.m)
            .ok_or_else(|| Error::Numerical("DRT: triangular solve failed".into()))?;
        let k = l
            .solve_lower_triangular(&x.transpose())
            .ok_or_else(|| Error::Numerical("DRT: triangular solve failed".into()))?;
        let k = 0.5 * (&k + k.transpose());
        let eigen = SymmetricEigen::new(k);
        let w = l
            .transpose()
            .solve_upper_triangular(&eigen.eigenvectors)
            .ok_or_else(|| Error::Numerical("DRT: triangular solve failed".into()))?;
        let nu = eigen
            .eigenvalues
            .iter()
            .map(|&mu| (kappa * mu).clamp(0.0, 1.0))
            .collect();
        let atb = system.a.transpose() * &system.b;
        let d = w.transpose() * &atb;
        let aw = &system.a * &w;
        Ok(Scan {
            system,
            gram,
            aw,
            nu,
            kappa,
            d,
            atb,
        })
    }

    /// The unconstrained solution's residual (computed, not expanded, so
    /// small residuals keep their digits) and the influence matrix's trace
    /// Σ (1 − ν)/D.
    fn at(&self, lambda: f64) -> Trial {
        let ratio = lambda / self.kappa;
        let mut scaled = DVector::<f64>::zeros(self.d.len());
        let mut trace = 0.0;
        for (i, &nu) in self.nu.iter().enumerate() {
            let den = (1.0 - nu + ratio * nu).max(f64::MIN_POSITIVE);
            scaled[i] = self.d[i] / den;
            trace += (1.0 - nu) / den;
        }
        let residual = &self.aw * scaled - &self.system.b;
        Trial {
            residual_sq: residual.norm_squared(),
            trace,
        }
    }

    /// The non-negative solution at `lambda` (the one γ is drawn from) and
    /// its (‖A·x − b‖², xᵀMx).
    fn constrained(&self, lambda: f64, start: Option<&[f64]>) -> Result<(Vec<f64>, (f64, f64))> {
        let h = &self.gram + &self.system.m * lambda;
        let c = self.atb.as_slice();
        let x = match start {
            Some(start) => nnls_gram_from(&h, c, start)?.x,
            None => nnls_gram(&h, c)?.x,
        };
        let x_vec = DVector::from_column_slice(&x);
        let residual_sq = (&self.system.a * &x_vec - &self.system.b).norm_squared();
        let penalty = x_vec.dot(&(&self.system.m * &x_vec));
        Ok((x, (residual_sq, penalty)))
    }

    /// The L-curve's corner ([`lcurve_corner`]) of the non-negative
    /// solutions on `grid` (log10 λ), scanned upward, each solve started
    /// from the last one's solution, until ‖r‖² has risen past
    /// [`MAX_RESIDUAL_RISE`] times its first value.
    fn lcurve_corner(&self, grid: &[f64]) -> Result<f64> {
        let mut norms = Vec::with_capacity(grid.len());
        let mut x: Option<Vec<f64>> = None;
        for &t in grid {
            let (next, point) = self.constrained(10f64.powf(t), x.as_deref())?;
            norms.push(point);
            x = Some(next);
            if point.0 > MAX_RESIDUAL_RISE * norms[0].0 {
                break;
            }
        }
        Ok(lcurve_corner(grid, &norms))
    }

    /// log10 λ of the scan grid.
    fn grid(options: &DrtOptions) -> Vec<f64> {
        let (lo, hi) = (options.lambda_min.log10(), options.lambda_max.log10());
        let count = ((hi - lo) * LAMBDA_PER_DECADE as f64).ceil() as usize + 1;
        log_grid(lo, hi, count.max(3))
    }

    /// GCV(λ) = n·‖r‖²/(n − tr)², n = 2N residuals.
    fn gcv(&self, trial: &Trial) -> f64 {
        let n = self.system.b.len() as f64;
        let free = (n - trial.trace).max(1e-9);
        n * trial.residual_sq / (free * free)
    }

    /// The λ that minimises GCV: the best point of the scan (`grid` of
    /// log10 λ, `trials` there), refined by golden section between its
    /// neighbours.
    fn gcv_minimum(&self, grid: &[f64], trials: &[Trial]) -> f64 {
        let scores: Vec<f64> = trials.iter().map(|t| self.gcv(t)).collect();
        let best = argmin(&scores);
        let lo = grid[best.saturating_sub(1)];
        let hi = grid[(best + 1).min(grid.len() - 1)];
        10f64.powf(golden_minimum(
            |t| self.gcv(&self.at(10f64.powf(t))),
            lo,
            hi,
        ))
    }
}

/// The λ at the L-curve's corner (Hansen & O'Leary 1993): the largest
/// curvature of (log ‖r‖, log √(xᵀMx)) along log λ, `norms` the (‖r‖², xᵀMx)
/// on the scan `grid`'s first points (central differences, the peak refined
/// by a parabola); no finite curvature (fewer than three points): the
/// smallest λ. The points end at the first whose ‖r‖² is above
/// [`MAX_RESIDUAL_RISE`] times the first one's ([`Scan::lcurve_corner`]),
/// never a candidate itself.
fn lcurve_corner(grid: &[f64], norms: &[(f64, f64)]) -> f64 {
    let points: Vec<(f64, f64)> = norms
        .iter()
        .map(|&(residual_sq, penalty)| {
            (
                0.5 * residual_sq.max(f64::MIN_POSITIVE).ln(),
                0.5 * penalty.max(f64::MIN_POSITIVE).ln(),
            )
        })
        .collect();
    let h = grid[1] - grid[0];
    let mut curvature = vec![f64::NEG_INFINITY; points.len()];
    for i in 1..points.len().saturating_sub(1) {
        let (x0, y0) = points[i - 1];
        let (x1, y1) = points[i];
        let (x2, y2) = points[i + 1];
        let (dx, dy) = ((x2 - x0) / (2.0 * h), (y2 - y0) / (2.0 * h));
        let (ddx, ddy) = (
            (x2 - 2.0 * x1 + x0) / (h * h),
            (y2 - 2.0 * y1 + y0) / (h * h),
        );
        let speed = (dx * dx + dy * dy).powf(1.5);
        if speed > 0.0 {
            curvature[i] = (dx * ddy - dy * ddx) / speed;
        }
    }
    if !curvature.iter().any(|c| c.is_finite()) {
        return 10f64.powf(grid[0]);
    }
    let best = argmax(&curvature);
    let mut t = grid[best];
    let (a, b, c) = (curvature[best - 1], curvature[best], curvature[best + 1]);
    let den = a - 2.0 * b + c;
    if a.is_finite() && c.is_finite() && den < 0.0 {
        t += 0.5 * h * (a - c) / den;
    }
    10f64.powf(t)
}

fn argmin(v: &[f64]) -> usize {
    (0..v.len())
        .min_by(|&a, &b| v[a].total_cmp(&v[b]))
        .unwrap_or(0)
}

fn argmax(v: &[f64]) -> usize {
    (0..v.len())
        .max_by(|&a, &b| v[a].total_cmp(&v[b]))
        .unwrap_or(0)
}

/// Golden-section search for a minimum of `f` on [lo, hi].
fn golden_minimum(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    let ratio = 0.5 * (5f64.sqrt() - 1.0);
    let mut a = hi - ratio * (hi - lo);
    let mut b = lo + ratio * (hi - lo);
    let (mut fa, mut fb) = (f(a), f(b));
    for _ in 0..40 {
        if fa <= fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - ratio * (hi - lo);
            fa = f(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + ratio * (hi - lo);
            fb = f(b);
        }
        if hi - lo < 1e-4 {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// Peaks of γ on the grid `y` (ln τ, evenly spaced): local maxima that rise
/// above [`PEAK_SHARE`] of the largest γ, both absolutely and above their
/// higher neighbouring minimum. Each peak's resistance is ∫γ d ln τ between
/// the lowest points of γ separating it from the neighbouring peaks (or the
/// grid's ends), so the resistances add up to the whole polarisation.
fn find_peaks(y: &[f64], gamma: &[f64]) -> Vec<DrtPeak> {
    let n = gamma.len();
    let top = gamma.iter().fold(0.0f64, |a, &g| a.max(g));
    if n < 3 || top <= 0.0 {
        return Vec::new();
    }
    let floor = PEAK_SHARE * top;
    let mut kept = Vec::new();
    for i in 1..n - 1 {
        if !(gamma[i] > gamma[i - 1] && gamma[i] >= gamma[i + 1] && gamma[i] >= floor) {
            continue;
        }
        let mut left = i;
        while left > 0 && gamma[left - 1] <= gamma[left] {
            left -= 1;
        }
        let mut right = i;
        while right + 1 < n && gamma[right + 1] <= gamma[right] {
            right += 1;
        }
        if gamma[i] - gamma[left].max(gamma[right]) >= floor {
            kept.push(i);
        }
    }
    let h = y[1] - y[0];
    let mut bounds = vec![0];
    for pair in kept.windows(2) {
        let valley = pair[0] + argmin(&gamma[pair[0]..=pair[1]]);
        bounds.push(valley);
    }
    bounds.push(n - 1);
    kept.iter()
        .enumerate()
        .map(|(k, &i)| {
            let (a, b, c) = (gamma[i - 1], gamma[i], gamma[i + 1]);
            let den = a - 2.0 * b + c;
            let (shift, height) = if den < 0.0 {
                let s = 0.5 * (a - c) / den;
                (s, b - 0.25 * (a - c) * s)
            } else {
                (0.0, b)
            };
            let tau_s = (y[i] + shift * h).exp();
            let (from, to) = (bounds[k], bounds[k + 1]);
            DrtPeak {
                tau_s,
                frequency_hz: 1.0 / (std::f64::consts::TAU * tau_s),
                gamma_ohm: height,
                resistance_ohm: trapezoid(&y[from..=to], &gamma[from..=to]),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
