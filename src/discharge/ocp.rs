//! Open-circuit potentials U(θ) of insertion materials against Li/Li⁺:
//! published functional fits (coefficients in [`crate::materials::ocp_data`]),
//! and tables (a user's CSV `stoichiometry,potential_v`) interpolated by
//! monotone piecewise-cubic Hermite interpolation.
//!
//! θ = c/c_max is the stoichiometry (Li fraction) of the active material,
//! U in V. Every form returns U and dU/dθ, since the model's Jacobian needs
//! the slope.

use crate::error::{Error, Result};

/// Gas constant, J/(mol·K) (CODATA 2018, exact).
pub const GAS_CONSTANT_J_PER_MOL_K: f64 = 8.314_462_618;
/// Faraday constant, C/mol (CODATA 2018, exact).
pub const FARADAY_C_PER_MOL: f64 = 96_485.332_12;

/// a·exp(k·x + b).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exp {
    pub a: f64,
    pub k: f64,
    pub b: f64,
}

/// a·tanh(k·x + b).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tanh {
    pub a: f64,
    pub k: f64,
    pub b: f64,
}

impl Tanh {
    /// a·tanh(k·x + b), as a fit prints it when written that way.
    pub const fn linear(a: f64, k: f64, b: f64) -> Self {
        Tanh { a, k, b }
    }
    /// a·tanh(k·(x − x0)), the other way fits are printed.
    pub const fn centred(a: f64, k: f64, x0: f64) -> Self {
        Tanh { a, k, b: -k * x0 }
    }
}

/// The functional form of a published OCP fit, in x = stretch·θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OcpForm {
    /// U = Σ p_n·xⁿ + Σ a·exp(k·x + b) + Σ a·tanh(k·x + b).
    Terms {
        polynomial: &'static [f64],
        exponentials: &'static [Exp],
        tanhs: &'static [Tanh],
    },
    /// U = −μ/F with a Redlich–Kister excess chemical potential and a
    /// miscibility gap (Yao & Viswanathan 2024): outside the gap
    /// μ = G0 + R·T·ln(x/(1−x)) + Σ_i Ω_i·[(1−2x)^(i+1) − 2i·x(1−x)(1−2x)^(i−1)],
    /// inside it μ = μ_coex (a flat plateau).
    RedlichKister {
        g0_j_per_mol: f64,
        omegas_j_per_mol: &'static [f64],
        gap: (f64, f64),
        mu_coexistence_j_per_mol: f64,
        temperature_k: f64,
    },
}

/// A published OCP fit with its source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcpFit {
    /// x = stretch·θ before the form is evaluated (1 for most fits).
    pub stretch: f64,
    pub form: OcpForm,
}

impl OcpFit {
    /// U (V) and dU/dθ (V) at stoichiometry θ.
    pub fn evaluate(&self, theta: f64) -> (f64, f64) {
        let x = self.stretch * theta;
        let (u, du_dx) = match self.form {
            OcpForm::Terms {
                polynomial,
                exponentials,
                tanhs,
            } => {
                let (mut u, mut du) = (0.0, 0.0);
                // Horner for the polynomial and its derivative.
                for &p in polynomial.iter().rev() {
                    du = du * x + u;
                    u = u * x + p;
                }
                for e in exponentials {
                    let v = e.a * (e.k * x + e.b).exp();
                    u += v;
                    du += e.k * v;
                }
                for t in tanhs {
                    let th = (t.k * x + t.b).tanh();
                    u += t.a * th;
                    du += t.a * t.k * (1.0 - th * th);
                }
                (u, du)
            }
            OcpForm::RedlichKister {
                g0_j_per_mol,
                omegas_j_per_mol,
                gap,
                mu_coexistence_j_per_mol,
                temperature_k,
            } => {
                if x > gap.0 && x < gap.1 {
                    (-mu_coexistence_j_per_mol / FARADAY_C_PER_MOL, 0.0)
                } else {
                    let x = x.clamp(1e-12, 1.0 - 1e-12);
                    let rt = GAS_CONSTANT_J_PER_MOL_K * temperature_k;
                    let mut mu = g0_j_per_mol + rt * (x / (1.0 - x)).ln();
                    let mut dmu = rt / (x * (1.0 - x));
                    let t = 1.0 - 2.0 * x;
                    let xx = x * (1.0 - x);
                    for (i, &omega) in omegas_j_per_mol.iter().enumerate() {
                        let fi = i as f64;
                        let ti = t.powi(i as i32);
                        let t_im1 = if i >= 1 { t.powi(i as i32 - 1) } else { 0.0 };
                        let t_im2 = if i >= 2 { t.powi(i as i32 - 2) } else { 0.0 };
                        mu += omega * (ti * t - 2.0 * fi * xx * t_im1);
                        dmu += omega
                            * (-2.0 * (fi + 1.0) * ti - 2.0 * fi * ti
                                + 4.0 * fi * (fi - 1.0) * xx * t_im2);
                    }
                    (-mu / FARADAY_C_PER_MOL, -dmu / FARADAY_C_PER_MOL)
                }
            }
        };
        (u, du_dx * self.stretch)
    }
}

/// A tabulated OCP: knots in ascending θ with monotone cubic Hermite
/// slopes (Fritsch & Carlson, *SIAM J. Numer. Anal.* 17 (1980) 238, with
/// the weighted harmonic mean of Fritsch & Butland 1984 inside and the
/// shape-preserving three-point formula at the ends).
#[derive(Debug, Clone, PartialEq)]
pub struct OcpTable {
    theta: Vec<f64>,
    potential_v: Vec<f64>,
    slope: Vec<f64>,
}

/// Fewest points a table may have.
pub const MIN_TABLE_POINTS: usize = 3;

impl OcpTable {
    /// Builds a table from points in ascending, strictly increasing θ ∈ [0, 1]
    /// with U non-increasing (the order [`read_ocp_csv`] checks line by line).
    pub fn new(theta: Vec<f64>, potential_v: Vec<f64>) -> Result<Self> {
        if theta.len() != potential_v.len() || theta.len() < MIN_TABLE_POINTS {
            return Err(Error::Inconsistent(format!(
                "an OCP table needs at least {MIN_TABLE_POINTS} points of stoichiometry and potential"
            )));
        }
        for w in theta.windows(2) {
            if w[1] <= w[0] || w[1].is_nan() {
                return Err(Error::Inconsistent(
                    "OCP table: stoichiometry must increase strictly".into(),
                ));
            }
        }
        if theta.iter().chain(&potential_v).any(|v| !v.is_finite())
            || theta[0] < 0.0
            || theta[theta.len() - 1] > 1.0
        {
            return Err(Error::Inconsistent(
                "OCP table: stoichiometry must lie in [0, 1] and potentials be finite".into(),
            ));
        }
        let n = theta.len();
        let h: Vec<f64> = theta.windows(2).map(|w| w[1] - w[0]).collect();
        let delta: Vec<f64> = (0..n - 1)
            .map(|k| (potential_v[k + 1] - potential_v[k]) / h[k])
            .collect();
        let mut slope = vec![0.0; n];
        for k in 1..n - 1 {
            if delta[k - 1] * delta[k] > 0.0 {
                let w1 = 2.0 * h[k] + h[k - 1];
                let w2 = h[k] + 2.0 * h[k - 1];
                slope[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k]);
            }
        }
        let edge = |h0: f64, h1: f64, d0: f64, d1: f64| {
            let m = ((2.0 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
            if m.signum() != d0.signum() || d0 == 0.0 {
                0.0
            } else if d0.signum() != d1.signum() && m.abs() > 3.0 * d0.abs() {
                3.0 * d0
            } else {
                m
            }
        };
        slope[0] = edge(h[0], h[1], delta[0], delta[1]);
        slope[n - 1] = edge(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
        Ok(OcpTable {
            theta,
            potential_v,
            slope,
        })
    }

    /// U (V) and dU/dθ at θ; linear with the end slope outside the table.
    pub fn evaluate(&self, theta: f64) -> (f64, f64) {
        let n = self.theta.len();
        if theta <= self.theta[0] {
            return (
                self.potential_v[0] + self.slope[0] * (theta - self.theta[0]),
                self.slope[0],
            );
        }
        if theta >= self.theta[n - 1] {
            return (
                self.potential_v[n - 1] + self.slope[n - 1] * (theta - self.theta[n - 1]),
                self.slope[n - 1],
            );
        }
        let k = self.theta.partition_point(|&t| t <= theta) - 1;
        let h = self.theta[k + 1] - self.theta[k];
        let s = (theta - self.theta[k]) / h;
        let (y0, y1) = (self.potential_v[k], self.potential_v[k + 1]);
        let (m0, m1) = (self.slope[k] * h, self.slope[k + 1] * h);
        let s2 = s * s;
        let s3 = s2 * s;
        let u = (2.0 * s3 - 3.0 * s2 + 1.0) * y0
            + (s3 - 2.0 * s2 + s) * m0
            + (-2.0 * s3 + 3.0 * s2) * y1
            + (s3 - s2) * m1;
        let du = ((6.0 * s2 - 6.0 * s) * y0
            + (3.0 * s2 - 4.0 * s + 1.0) * m0
            + (-6.0 * s2 + 6.0 * s) * y1
            + (3.0 * s2 - 2.0 * s) * m1)
            / h;
        (u, du)
    }

    /// The stoichiometry range covered.
    pub fn range(&self) -> (f64, f64) {
        (self.theta[0], self.theta[self.theta.len() - 1])
    }

    /// The knots (θ, U).
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.theta
            .iter()
            .copied()
            .zip(self.potential_v.iter().copied())
    }
}

/// An OCP curve: a library fit or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Ocp {
    Fit(OcpFit),
    Table(OcpTable),
}

impl Ocp {
    /// U (V) and dU/dθ at θ.
    pub fn evaluate(&self, theta: f64) -> (f64, f64) {
        match self {
            Ocp::Fit(fit) => fit.evaluate(theta),
            Ocp::Table(table) => table.evaluate(theta),
        }
    }

    /// U (V) at θ.
    pub fn potential_v(&self, theta: f64) -> f64 {
        self.evaluate(theta).0
    }

    /// The stoichiometry range the curve is defined on: the table's, or
    /// [0, 1] for a fit.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Ocp::Fit(_) => (0.0, 1.0),
            Ocp::Table(table) => table.range(),
        }
    }
}

/// Reads an OCP table from CSV text `stoichiometry,potential_v` (comma,
/// semicolon or tab separated; an optional header line; `#` comments and
/// blank lines skipped). `source` names the file in errors, which give the
/// line: a cell that is not a number, θ outside [0, 1], θ not strictly
/// monotone, U rising as θ rises (an insertion material's OCP falls as it
/// fills), or fewer than [`MIN_TABLE_POINTS`] points. Rows may come in
/// ascending or descending θ.
pub fn read_ocp_csv(text: &str, source: &str) -> Result<OcpTable> {
    let error = |line: Option<usize>, message: String| Error::Read {
        source: source.to_string(),
        line,
        message,
    };
    let mut rows: Vec<(usize, f64, f64)> = Vec::new();
    let mut header_seen = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        let first = cells[0].parse::<f64>();
        if first.is_err() && rows.is_empty() && !header_seen {
            header_seen = true;
            continue;
        }
        if cells.len() < 2 {
            return Err(error(
                Some(line_no),
                "expected two columns: stoichiometry,potential_v".into(),
            ));
        }
        let theta = first.map_err(|_| {
            error(
                Some(line_no),
                format!("stoichiometry '{}' is not a number", cells[0]),
            )
        })?;
        let potential: f64 = cells[1].parse().map_err(|_| {
            error(
                Some(line_no),
                format!("potential '{}' is not a number", cells[1]),
            )
        })?;
        if !(theta.is_finite() && (0.0..=1.0).contains(&theta)) {
            return Err(error(
                Some(line_no),
                format!("stoichiometry {theta} is outside [0, 1]"),
            ));
        }
        if !potential.is_finite() {
            return Err(error(
                Some(line_no),
                format!("potential {potential} is not finite"),
            ));
        }
        rows.push((line_no, theta, potential));
    }
    if rows.len() < MIN_TABLE_POINTS {
        return Err(error(
            None,
            format!(
                "{} data rows are too few: an OCP table needs at least {MIN_TABLE_POINTS}",
                rows.len()
            ),
        ));
    }
    let descending = rows[1].1 < rows[0].1;
    for w in rows.windows(2) {
        let (step_theta, step_u) = (w[1].1 - w[0].1, w[1].2 - w[0].2);
        let (step_theta, step_u) = if descending {
            (-step_theta, -step_u)
        } else {
            (step_theta, step_u)
        };
        if step_theta <= 0.0 {
            return Err(error(
                Some(w[1].0),
                format!(
                    "stoichiometry {} does not continue the {} order of the rows before it",
                    w[1].1,
                    if descending {
                        "descending"
                    } else {
                        "ascending"
                    }
                ),
            ));
        }
        if step_u > 0.0 {
            return Err(error(
                Some(w[1].0),
                format!(
                    "potential {} V rises as the stoichiometry rises (an OCP must not increase with θ)",
                    w[1].2
                ),
            ));
        }
    }
    if descending {
        rows.reverse();
    }
    let (theta, potential): (Vec<f64>, Vec<f64>) = rows.iter().map(|r| (r.1, r.2)).unzip();
    OcpTable::new(theta, potential).map_err(|e| error(None, e.to_string()))
}

#[cfg(test)]
mod tests;
