//! Flexible preconditioned conjugate gradients (FCG(1), Notay, SIAM J. Sci.
//! Comput. 22 (2000) 1444) for A·x = b with A symmetric positive definite
//! and a preconditioner that may change from one call to the next (the
//! K-cycle). Mixed precision: the solution is kept in f64, the residual,
//! search direction and preconditioned residual in f32 (4 bytes each per
//! unknown); the dot products are summed in f64. Convergence is declared
//! only when the true residual b − A·x, recomputed in f64, meets the
//! tolerance, so the drift of the f32 recurrence cannot fake it.
//!
//! [`solve_complex`] is COCG for the complex symmetric systems of impedance
//! solves, in f64.

use num_complex::Complex64;

use super::{dot, par};

/// What the solver needs from a problem.
pub trait Problem {
    /// Number of unknowns.
    fn len(&self) -> usize;
    /// True without unknowns.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// y = A·x.
    fn apply(&mut self, x: &[f32], y: &mut [f32]);
    /// z = B·r (an approximation of A⁻¹·r).
    fn precondition(&mut self, r: &[f32], z: &mut [f32]);
    /// r = b − A·x computed in f64; returns ‖r‖₂.
    fn residual(&mut self, x: &[f64], r: &mut [f32]) -> f64;
}

/// Stopping rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Stop when ‖b − A·x‖ ≤ tolerance·‖b‖.
    pub tolerance: f64,
    /// Give up after this many iterations.
    pub max_iterations: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tolerance: 1e-6,
            max_iterations: 500,
        }
    }
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Iterations done (preconditioner applications).
    pub iterations: usize,
    /// Final ‖b − A·x‖/‖b‖ (the true residual when converged).
    pub relative_residual: f64,
    /// The tolerance was met.
    pub converged: bool,
    /// The progress callback asked to stop.
    pub cancelled: bool,
}

/// Solves A·x = b from the given `x`. `progress(iteration, relative
/// residual)` is called before every iteration; returning `false` cancels.
pub fn solve(
    problem: &mut dyn Problem,
    b_norm: f64,
    x: &mut [f64],
    options: &Options,
    progress: &mut dyn FnMut(usize, f64) -> bool,
) -> Outcome {
    let n = problem.len();
    let b_norm = if b_norm > 0.0 { b_norm } else { 1.0 };
    let mut r = vec![0.0f32; n];
    let mut z = vec![0.0f32; n];
    let mut p = vec![0.0f32; n];
    let mut q = vec![0.0f32; n];
    let mut r_norm = problem.residual(x, &mut r);
    let mut pq_previous = 0.0f64;
    let mut iterations = 0;
    let outcome = |iterations, r_norm: f64, converged, cancelled| Outcome {
        iterations,
        relative_residual: r_norm / b_norm,
        converged,
        cancelled,
    };
    loop {
        if !progress(iterations, r_norm / b_norm) {
            return outcome(iterations, r_norm, false, true);
        }
        if r_norm <= options.tolerance * b_norm {
            // The recurrence says converged: check the true residual, and go
            // on from it (a fresh start of the directions) if it disagrees.
            r_norm = problem.residual(x, &mut r);
            if r_norm <= options.tolerance * b_norm {
                return outcome(iterations, r_norm, true, false);
            }
            pq_previous = 0.0;
        }
        if iterations >= options.max_iterations {
            return outcome(iterations, r_norm, false, false);
        }
        problem.precondition(&r, &mut z);
        if pq_previous > 0.0 {
            let beta = -dot(&z, &q) / pq_previous;
            par::chunks_sum(&mut p, |start, ps| {
                for (pi, &zi) in ps.iter_mut().zip(&z[start..]) {
                    *pi = (f64::from(zi) + beta * f64::from(*pi)) as f32;
                }
                0.0
            });
        } else {
            p.copy_from_slice(&z);
        }
        problem.apply(&p, &mut q);
        let pq = dot(&p, &q);
        if !(pq > 0.0 && pq.is_finite()) {
            // Breakdown (A·p = 0 or not finite): return what we have.
            let r_norm = problem.residual(x, &mut r);
            return outcome(
                iterations,
                r_norm,
                r_norm <= options.tolerance * b_norm,
                false,
            );
        }
        let alpha = dot(&p, &r) / pq;
        let r2 = par::chunks2_sum(x, &mut r, |start, xs, rs| {
            let mut s = 0.0;
            for (k, (xi, ri)) in xs.iter_mut().zip(rs.iter_mut()).enumerate() {
                *xi += alpha * f64::from(p[start + k]);
                let new = f64::from(*ri) - alpha * f64::from(q[start + k]);
                *ri = new as f32;
                s += new * new;
            }
            s
        });
        r_norm = r2.sqrt();
        pq_previous = pq;
        iterations += 1;
    }
}

/// A complex symmetric system A·x = b (Aᵀ = A, not Hermitian), as an
/// impedance solve G + iωS gives, for [`solve_complex`].
pub trait ComplexProblem {
    /// Number of unknowns.
    fn len(&self) -> usize;
    /// True without unknowns.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// y = A·x.
    fn apply(&mut self, x: &[Complex64], y: &mut [Complex64]);
    /// z = B·r with B a fixed complex symmetric (e.g. real symmetric)
    /// approximation of A⁻¹.
    fn precondition(&mut self, r: &[Complex64], z: &mut [Complex64]);
    /// b.
    fn rhs(&self) -> &[Complex64];
}

/// Σ aᵢ·bᵢ without conjugation (the bilinear form of COCG).
fn bilinear(a: &[Complex64], b: &[Complex64]) -> Complex64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm_c(a: &[Complex64]) -> f64 {
    a.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt()
}

/// Conjugate orthogonal conjugate gradients (COCG, van der Vorst and
/// Melissen, IEEE Trans. Magn. 26 (1990) 706) for complex symmetric A with
/// a fixed symmetric preconditioner, in f64, from the given `x`. The
/// residual is recomputed from x when the recurrence says converged.
pub fn solve_complex(
    problem: &mut dyn ComplexProblem,
    x: &mut [Complex64],
    options: &Options,
    progress: &mut dyn FnMut(usize, f64) -> bool,
) -> Outcome {
    let n = problem.len();
    let b_norm = norm_c(problem.rhs()).max(f64::MIN_POSITIVE);
    let zero = Complex64::new(0.0, 0.0);
    let (mut r, mut z, mut p, mut q) = (vec![zero; n], vec![zero; n], vec![zero; n], vec![zero; n]);
    let residual = |problem: &mut dyn ComplexProblem, x: &[Complex64], r: &mut [Complex64]| {
        problem.apply(x, r);
        for (ri, bi) in r.iter_mut().zip(problem.rhs()) {
            *ri = bi - *ri;
        }
        norm_c(r)
    };
    let mut r_norm = residual(problem, x, &mut r);
    let mut rho = Complex64::new(0.0, 0.0);
    let mut iterations = 0;
    let done = |iterations, r_norm: f64, converged, cancelled| Outcome {
        iterations,
        relative_residual: r_norm / b_norm,
        converged,
        cancelled,
    };
    loop {
        if !progress(iterations, r_norm / b_norm) {
            return done(iterations, r_norm, false, true);
        }
        if r_norm <= options.tolerance * b_norm {
            r_norm = residual(problem, x, &mut r);
            if r_norm <= options.tolerance * b_norm {
                return done(iterations, r_norm, true, false);
            }
            rho = zero;
        }
        if iterations >= options.max_iterations {
            return done(iterations, r_norm, false, false);
        }
        problem.precondition(&r, &mut z);
        let rho_new = bilinear(&r, &z);
        if rho == zero {
            p.copy_from_slice(&z);
        } else {
            let beta = rho_new / rho;
            for (pi, zi) in p.iter_mut().zip(&z) {
                *pi = zi + beta * *pi;
            }
        }
        rho = rho_new;
        problem.apply(&p, &mut q);
        let mu = bilinear(&p, &q);
        if mu.norm() == 0.0 || !mu.is_finite() {
            let r_norm = residual(problem, x, &mut r);
            return done(
                iterations,
                r_norm,
                r_norm <= options.tolerance * b_norm,
                false,
            );
        }
        let alpha = rho / mu;
        for k in 0..n {
            x[k] += alpha * p[k];
            r[k] -= alpha * q[k];
        }
        r_norm = norm_c(&r);
        iterations += 1;
    }
}

#[cfg(test)]
mod tests;
