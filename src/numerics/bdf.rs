//! Variable-order, variable-step BDF (NDF) integrator for M·y′ = f(t, y)
//! with a diagonal mass matrix M ≥ 0 (index-1 DAEs: M_ii = 0 marks an
//! algebraic unknown).
//!
//! The method is the quasi-constant step-size form of the numerical
//! differentiation formulas (Shampine & Reichelt 1997; the same structure as
//! SciPy's `BDF`): the solution history is kept as backward differences
//! D_0…D_{k+2} at the current step h; a step predicts y⁽⁰⁾ = Σ_{j≤k} D_j and
//! solves, for the correction d = y_{n+1} − y⁽⁰⁾,
//!
//!   M·(d + ψ) − c·f(t_{n+1}, y⁽⁰⁾ + d) = 0,  ψ = Σ_{j=1..k} γ_j·D_j / α_k,  c = h/α_k,
//!
//! by simplified Newton iterations with the matrix M − c·J (J = ∂f/∂y,
//! reused across steps until Newton fails to converge). The local error is
//! estimated as E_k·d and controlled in the weighted RMS norm with weights
//! atol_i + rtol·|y_i|; step and order (1…5) are chosen from the error
//! estimates at orders k−1, k, k+1 after k+1 steps of equal size.
//!
//! Dense output ([`Bdf::interpolate`]) is the interpolating polynomial of
//! the last step, so events (a voltage cut-off) are located on it rather than
//! at step ends.

use crate::error::{Error, Result};

/// Highest order of the formulas.
pub const MAX_ORDER: usize = 5;
/// Newton iterations allowed per attempt.
const NEWTON_MAXITER: usize = 4;
/// Step-size factors: bounds and safety.
const MIN_FACTOR: f64 = 0.2;
const MAX_FACTOR: f64 = 10.0;
const SAFETY: f64 = 0.9;

/// κ of the NDFs (Shampine & Reichelt 1997, Table 1; κ = 0 for order 5 gives BDF5).
const KAPPA: [f64; MAX_ORDER + 1] = [0.0, -0.1850, -1.0 / 9.0, -0.0823, -0.0415, 0.0];

/// A semi-explicit DAE M·y′ = f(t, y) that brings its own linear algebra.
pub trait Dae {
    /// Number of unknowns.
    fn unknowns(&self) -> usize;
    /// Writes the diagonal of M (≥ 0; 0 for algebraic unknowns).
    fn mass(&self, diagonal: &mut [f64]);
    /// Writes f(t, y); false when y is outside the model's domain or f is
    /// not finite (the integrator then takes a smaller step).
    fn rhs(&mut self, t: f64, y: &[f64], f: &mut [f64]) -> bool;
    /// Evaluates and keeps J = ∂f/∂y at (t, y); false if it cannot.
    fn update_jacobian(&mut self, t: f64, y: &[f64]) -> bool;
    /// Factorises M − c·J with the kept J; false if singular.
    fn factor(&mut self, c: f64) -> bool;
    /// Overwrites b with (M − c·J)⁻¹·b for the last factorisation.
    fn solve(&mut self, b: &mut [f64]);
}

/// Tolerances and limits.
#[derive(Debug, Clone, PartialEq)]
pub struct BdfOptions {
    /// Relative tolerance (> 0).
    pub rtol: f64,
    /// Absolute tolerance per unknown (> 0; `f64::INFINITY` leaves an
    /// unknown out of the error test).
    pub atol: Vec<f64>,
    /// Highest order used, 1…5.
    pub max_order: usize,
    /// First step; None chooses it from f(t0, y0).
    pub first_step: Option<f64>,
    /// Largest step.
    pub max_step: f64,
    /// Steps (accepted and rejected) before giving up.
    pub max_steps: usize,
    /// When true the step size never changes from `first_step` (for
    /// convergence-order tests); a failed step is then an error.
    pub fixed_step: bool,
}

impl BdfOptions {
    /// rtol with the same atol for `n` unknowns, order up to 5, no step limit.
    pub fn new(n: usize, rtol: f64, atol: f64) -> Self {
        BdfOptions {
            rtol,
            atol: vec![atol; n],
            max_order: MAX_ORDER,
            first_step: None,
            max_step: f64::INFINITY,
            max_steps: 100_000,
            fixed_step: false,
        }
    }
}

/// What the integrator did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BdfStats {
    pub steps: usize,
    pub rejected: usize,
    pub rhs_evaluations: usize,
    pub jacobians: usize,
    pub factorisations: usize,
}

/// The integrator's state between steps.
pub struct Bdf<P: Dae> {
    problem: P,
    options: BdfOptions,
    n: usize,
    mass: Vec<f64>,
    t: f64,
    t_bound: f64,
    /// Step used for the next attempt (> 0).
    h: f64,
    order: usize,
    n_equal_steps: usize,
    /// Backward differences D_0…D_{MAX_ORDER+2}, each of length n.
    d: Vec<Vec<f64>>,
    gamma: [f64; MAX_ORDER + 1],
    alpha: [f64; MAX_ORDER + 1],
    error_const: [f64; MAX_ORDER + 1],
    newton_tol: f64,
    jacobian_ready: bool,
    factor_valid: bool,
    /// Start of the last step (the dense output covers [t_old, t]).
    t_old: f64,
    stats: BdfStats,
    scratch: Scratch,
}

struct Scratch {
    y_predict: Vec<f64>,
    psi: Vec<f64>,
    scale: Vec<f64>,
    y: Vec<f64>,
    dsum: Vec<f64>,
    f: Vec<f64>,
    dy: Vec<f64>,
    error: Vec<f64>,
}

fn rms(values: impl Iterator<Item = f64>, n: usize) -> f64 {
    (values.map(|v| v * v).sum::<f64>() / n.max(1) as f64).sqrt()
}

impl<P: Dae> Bdf<P> {
    /// Starts at (t0, y0), integrating towards `t_bound` > t0. y0 must be
    /// consistent (f_i(t0, y0) = 0 for every algebraic unknown); see
    /// [`Bdf::consistent_start`].
    pub fn new(
        mut problem: P,
        t0: f64,
        y0: &[f64],
        t_bound: f64,
        options: BdfOptions,
    ) -> Result<Self> {
        let n = problem.unknowns();
        if y0.len() != n || options.atol.len() != n {
            return Err(Error::Inconsistent(format!(
                "BDF: {} unknowns but y0 has {} and atol {}",
                n,
                y0.len(),
                options.atol.len()
            )));
        }
        if !(options.rtol > 0.0 && options.rtol.is_finite())
            || options.atol.iter().any(|a| a.is_nan() || *a <= 0.0)
            || !(1..=MAX_ORDER).contains(&options.max_order)
            || !(t0.is_finite() && t_bound.is_finite() && t_bound > t0)
            || options.max_step.is_nan()
            || options.max_step <= 0.0
        {
            return Err(Error::Inconsistent(
                "BDF: invalid tolerances, order or interval".into(),
            ));
        }
        let mut mass = vec![0.0; n];
        problem.mass(&mut mass);
        let mut f = vec![0.0; n];
        if !problem.rhs(t0, y0, &mut f) {
            return Err(Error::Numerical(
                "the model cannot be evaluated at the initial state".into(),
            ));
        }
        // y′(t0) for the differential unknowns; 0 for the algebraic ones.
        let yp: Vec<f64> = f
            .iter()
            .zip(&mass)
            .map(|(&fi, &m)| if m > 0.0 { fi / m } else { 0.0 })
            .collect();
        let rtol = options.rtol;
        let span = t_bound - t0;
        let h = match options.first_step {
            Some(h) if h > 0.0 && h.is_finite() => h,
            Some(_) => {
                return Err(Error::Inconsistent("BDF: first_step must be > 0".into()));
            }
            None => {
                let scale: Vec<f64> = y0
                    .iter()
                    .zip(&options.atol)
                    .map(|(y, a)| a + rtol * y.abs())
                    .collect();
                let d0 = rms(y0.iter().zip(&scale).map(|(y, s)| y / s), n);
                let d1 = rms(yp.iter().zip(&scale).map(|(y, s)| y / s), n);
                let h0 = if d0 < 1e-5 || d1 < 1e-5 {
                    1e-6 * span
                } else {
                    0.01 * d0 / d1
                };
                h0.min(0.01 * span)
            }
        }
        .min(options.max_step)
        .min(span);
        let mut d = vec![vec![0.0; n]; MAX_ORDER + 3];
        d[0].copy_from_slice(y0);
        for (di, y) in d[1].iter_mut().zip(&yp) {
            *di = h * y;
        }
        let mut gamma = [0.0; MAX_ORDER + 1];
        for k in 1..=MAX_ORDER {
            gamma[k] = gamma[k - 1] + 1.0 / k as f64;
        }
        let mut alpha = [0.0; MAX_ORDER + 1];
        let mut error_const = [0.0; MAX_ORDER + 1];
        for k in 0..=MAX_ORDER {
            alpha[k] = (1.0 - KAPPA[k]) * gamma[k];
            error_const[k] = KAPPA[k] * gamma[k] + 1.0 / (k + 1) as f64;
        }
        let newton_tol = (10.0 * f64::EPSILON / rtol).max(0.03f64.min(rtol.sqrt()));
        let scratch = Scratch {
            y_predict: vec![0.0; n],
            psi: vec![0.0; n],
            scale: vec![0.0; n],
            y: vec![0.0; n],
            dsum: vec![0.0; n],
            f,
            dy: vec![0.0; n],
            error: vec![0.0; n],
        };
        Ok(Bdf {
            problem,
            options,
            n,
            mass,
            t: t0,
            t_bound,
            h,
            order: 1,
            n_equal_steps: 0,
            d,
            gamma,
            alpha,
            error_const,
            newton_tol,
            jacobian_ready: false,
            factor_valid: false,
            t_old: t0,
            stats: BdfStats {
                rhs_evaluations: 1,
                ..BdfStats::default()
            },
            scratch,
        })
    }

    /// Makes the algebraic unknowns of `y` consistent at `t` (f_i = 0 where
    /// M_ii = 0) by Newton iterations with the differential unknowns held:
    /// the Newton matrix is M − c·J with c tiny, so its differential rows
    /// pin their unknowns. Converged when a Newton update is below
    /// `step_tol` (per unknown) everywhere; errors after `max_iterations`.
    pub fn consistent_start(
        problem: &mut P,
        t: f64,
        y: &mut [f64],
        c: f64,
        step_tol: &[f64],
        max_iterations: usize,
    ) -> Result<()> {
        let n = problem.unknowns();
        let mut mass = vec![0.0; n];
        problem.mass(&mut mass);
        let mut f = vec![0.0; n];
        let mut trial = vec![0.0; n];
        for _ in 0..max_iterations {
            if !problem.rhs(t, y, &mut f) {
                return Err(Error::Numerical(
                    "the model cannot be evaluated at the initial state".into(),
                ));
            }
            if !(problem.update_jacobian(t, y) && problem.factor(c)) {
                return Err(Error::Numerical(
                    "the initial algebraic system is singular".into(),
                ));
            }
            // (M − cJ)Δ = c·f on algebraic rows, 0 on differential ones.
            for (fi, &m) in f.iter_mut().zip(&mass) {
                *fi = if m == 0.0 { c * *fi } else { 0.0 };
            }
            problem.solve(&mut f);
            let converged = f
                .iter()
                .zip(mass.iter().zip(step_tol))
                .all(|(d, (&m, &tol))| m != 0.0 || d.abs() <= tol);
            // Damped: halve the update while the model refuses the new state.
            let start = y.to_vec();
            let mut fraction = 1.0;
            loop {
                for ((yi, &di), (&m, &y0)) in y.iter_mut().zip(&f).zip(mass.iter().zip(&start)) {
                    if m == 0.0 {
                        *yi = y0 + fraction * di;
                    }
                }
                if problem.rhs(t, y, &mut trial) || fraction < 1e-3 {
                    break;
                }
                fraction *= 0.5;
            }
            if converged {
                return Ok(());
            }
        }
        Err(Error::Numerical(
            "the initial potentials did not converge".into(),
        ))
    }

    /// Current time.
    pub fn t(&self) -> f64 {
        self.t
    }

    /// Current solution.
    pub fn y(&self) -> &[f64] {
        &self.d[0]
    }

    /// Time at the start of the last step.
    pub fn t_old(&self) -> f64 {
        self.t_old
    }

    /// Counters.
    pub fn stats(&self) -> BdfStats {
        self.stats
    }

    /// The order used for the next step.
    pub fn order(&self) -> usize {
        self.order
    }

    /// The problem (e.g. to evaluate outputs).
    pub fn problem(&self) -> &P {
        &self.problem
    }

    /// Writes the dense-output solution at `t` (within the last step,
    /// [`Bdf::t_old`] ≤ t ≤ [`Bdf::t`]) into `out`.
    pub fn interpolate(&self, t: f64, out: &mut [f64]) {
        // D holds the interpolating polynomial at spacing h and the current
        // order, also after a step-size or order change.
        let order = self.order;
        let h = self.h;
        out.copy_from_slice(&self.d[0]);
        let mut p = 1.0;
        for j in 0..order {
            // x_j = (t − (t_n − j·h)) / ((j + 1)·h)
            p *= (t - (self.t - j as f64 * h)) / ((j + 1) as f64 * h);
            for (o, dj) in out.iter_mut().zip(&self.d[j + 1]) {
                *o += dj * p;
            }
        }
    }

    /// Rescales the differences D_0…D_order from step h to factor·h
    /// (Shampine & Reichelt 1997, eq. 2.6: D ← (R·U)ᵀ·D).
    fn change_d(&mut self, factor: f64) {
        let order = self.order;
        let r = r_matrix(order, factor);
        let u = r_matrix(order, 1.0);
        let size = order + 1;
        // RU = R·U, then D_new[i] = Σ_j RU[j][i]·D[j].
        let mut ru = [[0.0; MAX_ORDER + 1]; MAX_ORDER + 1];
        for (i, row) in ru.iter_mut().enumerate().take(size) {
            for (j, v) in row.iter_mut().enumerate().take(size) {
                *v = (0..size).map(|k| r[i][k] * u[k][j]).sum();
            }
        }
        // Column by column (unknown by unknown) through a small buffer.
        let mut column = [0.0; MAX_ORDER + 1];
        for c in 0..self.n {
            for (j, v) in column.iter_mut().enumerate().take(size) {
                *v = self.d[j][c];
            }
            for (i, row) in self.d.iter_mut().enumerate().take(size) {
                row[c] = (0..size).map(|j| ru[j][i] * column[j]).sum();
            }
        }
    }

    fn norm_scaled(&self, v: &[f64]) -> f64 {
        rms(
            v.iter().zip(&self.scratch.scale).map(|(x, s)| x / s),
            self.n,
        )
    }

    /// Takes one accepted step (retrying with smaller steps as needed).
    pub fn step(&mut self) -> Result<()> {
        if self.t >= self.t_bound {
            return Err(Error::Numerical(
                "already at the end of the interval".into(),
            ));
        }
        let t = self.t;
        let min_step = 10.0 * f64::EPSILON * t.abs().max(f64::MIN_POSITIVE);
        if self.h > self.options.max_step {
            let factor = self.options.max_step / self.h;
            self.change_d(factor);
            self.h = self.options.max_step;
            self.n_equal_steps = 0;
            self.factor_valid = false;
        } else if self.h < min_step {
            let factor = min_step / self.h;
            self.change_d(factor);
            self.h = min_step;
            self.n_equal_steps = 0;
            self.factor_valid = false;
        }
        let mut current_jacobian = false;
        loop {
            if self.stats.steps + self.stats.rejected >= self.options.max_steps {
                return Err(Error::Numerical(format!(
                    "the integrator took {} steps without reaching the end",
                    self.options.max_steps
                )));
            }
            if self.h < min_step || !self.h.is_finite() {
                return Err(Error::Numerical(format!(
                    "the step size fell below {min_step:e} s at t = {t} s"
                )));
            }
            let mut t_new = t + self.h;
            if t_new > self.t_bound {
                t_new = self.t_bound;
                let factor = (t_new - t) / self.h;
                self.change_d(factor);
                self.n_equal_steps = 0;
                self.factor_valid = false;
            }
            self.h = t_new - t;
            let order = self.order;
            let c = self.h / self.alpha[order];
            {
                // Row by row, so that the loops run over contiguous memory.
                let s = &mut self.scratch;
                s.y_predict.copy_from_slice(&self.d[0]);
                s.psi.fill(0.0);
                for j in 1..=order {
                    let g = self.gamma[j] / self.alpha[order];
                    for ((yp, psi), dj) in s.y_predict.iter_mut().zip(&mut s.psi).zip(&self.d[j]) {
                        *yp += dj;
                        *psi += g * dj;
                    }
                }
                for ((sc, yp), a) in s.scale.iter_mut().zip(&s.y_predict).zip(&self.options.atol) {
                    *sc = a + self.options.rtol * yp.abs();
                }
            }
            let mut converged = false;
            let mut iterations = 0;
            loop {
                if !self.jacobian_ready {
                    if !self.problem.update_jacobian(t_new, &self.scratch.y_predict) {
                        break;
                    }
                    self.stats.jacobians += 1;
                    self.jacobian_ready = true;
                    current_jacobian = true;
                    self.factor_valid = false;
                }
                if !self.factor_valid {
                    self.stats.factorisations += 1;
                    self.factor_valid = self.problem.factor(c);
                }
                if self.factor_valid {
                    let (ok, k) = self.newton(t_new, c);
                    converged = ok;
                    iterations = k;
                }
                if converged || current_jacobian {
                    break;
                }
                self.jacobian_ready = false;
            }
            if !converged {
                if self.options.fixed_step {
                    return Err(Error::Numerical(format!(
                        "Newton iterations failed at t = {t_new} s with a fixed step"
                    )));
                }
                self.stats.rejected += 1;
                self.change_d(0.5);
                self.h *= 0.5;
                self.n_equal_steps = 0;
                self.factor_valid = false;
                // The Jacobian was taken at this attempt's prediction; the
                // shorter step predicts elsewhere, so it may be taken again.
                current_jacobian = false;
                continue;
            }
            let safety =
                SAFETY * (2 * NEWTON_MAXITER + 1) as f64 / (2 * NEWTON_MAXITER + iterations) as f64;
            for i in 0..self.n {
                self.scratch.scale[i] =
                    self.options.atol[i] + self.options.rtol * self.scratch.y[i].abs();
                self.scratch.error[i] = self.error_const[order] * self.scratch.dsum[i];
            }
            let error_norm = self.norm_scaled(&self.scratch.error);
            if error_norm > 1.0 && !self.options.fixed_step {
                self.stats.rejected += 1;
                let factor = MIN_FACTOR.max(safety * error_norm.powf(-1.0 / (order + 1) as f64));
                self.change_d(factor);
                self.h *= factor;
                self.n_equal_steps = 0;
                self.factor_valid = false;
                continue;
            }
            // Accepted.
            self.stats.steps += 1;
            self.n_equal_steps += 1;
            self.t_old = t;
            self.t = t_new;
            let (head, tail) = self.d.split_at_mut(order + 2);
            // D[order+2] = d − D[order+1]; D[order+1] = d; D[i] += D[i+1] downwards.
            for i in 0..self.n {
                tail[0][i] = self.scratch.dsum[i] - head[order + 1][i];
                head[order + 1][i] = self.scratch.dsum[i];
            }
            for j in (0..=order).rev() {
                let (lo, hi) = head.split_at_mut(j + 1);
                for (a, b) in lo[j].iter_mut().zip(&hi[0]) {
                    *a += b;
                }
            }
            if self.options.fixed_step {
                if self.n_equal_steps > order && order < self.options.max_order {
                    self.order += 1;
                    self.n_equal_steps = 0;
                }
                return Ok(());
            }
            if self.n_equal_steps < order + 1 {
                return Ok(());
            }
            // The error estimates the neighbouring orders would make: E_{k∓1}·D_{k, k+2}.
            let estimate = |row: usize, k: usize| {
                let e = self.error_const[k];
                rms(
                    self.d[row]
                        .iter()
                        .zip(&self.scratch.scale)
                        .map(|(x, s)| e * x / s),
                    self.n,
                )
            };
            let error_m_norm = if order > 1 {
                estimate(order, order - 1)
            } else {
                f64::INFINITY
            };
            let error_p_norm = if order < self.options.max_order {
                estimate(order + 2, order + 1)
            } else {
                f64::INFINITY
            };
            let norms = [error_m_norm, error_norm, error_p_norm];
            let mut best = 1;
            let mut best_factor = 0.0;
            for (k, &e) in norms.iter().enumerate() {
                let f = if e == 0.0 {
                    f64::INFINITY
                } else {
                    e.powf(-1.0 / (order + k) as f64)
                };
                if f > best_factor {
                    best_factor = f;
                    best = k;
                }
            }
            // Keep the order when the factors tie (NaN-free by construction).
            self.order = order + best - 1;
            let factor = MAX_FACTOR.min(safety * best_factor);
            self.change_d(factor);
            self.h *= factor;
            self.n_equal_steps = 0;
            self.factor_valid = false;
            return Ok(());
        }
    }

    /// Simplified Newton on M·(d + ψ) − c·f(y⁽⁰⁾ + d) = 0; leaves y and d in
    /// scratch. Returns (converged, iterations).
    fn newton(&mut self, t_new: f64, c: f64) -> (bool, usize) {
        let s = &mut self.scratch;
        s.y.copy_from_slice(&s.y_predict);
        s.dsum.iter_mut().for_each(|v| *v = 0.0);
        let mut dy_norm_old: Option<f64> = None;
        for k in 0..NEWTON_MAXITER {
            self.stats.rhs_evaluations += 1;
            if !self.problem.rhs(t_new, &s.y, &mut s.f) {
                return (false, k + 1);
            }
            for i in 0..self.n {
                s.dy[i] = c * s.f[i] - self.mass[i] * (s.psi[i] + s.dsum[i]);
            }
            self.problem.solve(&mut s.dy);
            let dy_norm = rms(s.dy.iter().zip(&s.scale).map(|(x, sc)| x / sc), self.n);
            if !dy_norm.is_finite() {
                return (false, k + 1);
            }
            let rate = dy_norm_old.map(|old| dy_norm / old);
            if let Some(rate) = rate {
                if rate >= 1.0
                    || rate.powi((NEWTON_MAXITER - k) as i32) / (1.0 - rate) * dy_norm
                        > self.newton_tol
                {
                    return (false, k + 1);
                }
            }
            for i in 0..self.n {
                s.y[i] += s.dy[i];
                s.dsum[i] += s.dy[i];
            }
            if dy_norm == 0.0 || rate.is_some_and(|r| r / (1.0 - r) * dy_norm < self.newton_tol) {
                return (true, k + 1);
            }
            dy_norm_old = Some(dy_norm);
        }
        (false, NEWTON_MAXITER)
    }
}

/// R(order, factor) of Shampine & Reichelt's step change: R_0j = 1,
/// R_ij = R_{i−1,j}·(i − 1 − factor·j)/i.
fn r_matrix(order: usize, factor: f64) -> [[f64; MAX_ORDER + 1]; MAX_ORDER + 1] {
    let mut m = [[0.0; MAX_ORDER + 1]; MAX_ORDER + 1];
    m[0][..=order].fill(1.0);
    for i in 1..=order {
        let (done, rest) = m.split_at_mut(i);
        let prev = &done[i - 1];
        for (j, v) in rest[0].iter_mut().enumerate().take(order + 1).skip(1) {
            *v = prev[j] * (i as f64 - 1.0 - factor * j as f64) / i as f64;
        }
    }
    m
}

#[cfg(test)]
mod tests;
