//! Non-negative least squares in normal-equation form: minimise
//! ½·xᵀHx − cᵀx subject to x ≥ 0, H symmetric positive definite (H = AᵀA + λM
//! for a regularised problem, c = Aᵀb). This is the active-set algorithm of
//! Lawson & Hanson (Solving Least Squares Problems, 1974, ch. 23) written on
//! H and c instead of A and b, as in Bro & De Jong's "fast NNLS"
//! (J. Chemometrics 11 (1997) 393): every step solves H_PP·s = c_P on the
//! passive set P by Cholesky.
//!
//! Why our own: the DRT needs only this, a few dozen unknowns, in the page's
//! wasm; a general conic or QP solver (clarabel, osqp) would bring a sparse
//! factorisation and an interior-point method for a problem this size does
//! in a few active-set steps.

use nalgebra::{DMatrix, DVector};

use crate::error::{Error, Result};

/// The solution and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct NnlsSolution {
    /// x ≥ 0.
    pub x: Vec<f64>,
    /// Active-set steps taken (variables moved into the passive set).
    pub steps: usize,
}

/// Solves min ½·xᵀHx − cᵀx, x ≥ 0, for a symmetric positive definite `h`
/// (n × n) and `c` (n). Errors on mismatched sizes or non-finite input.
pub fn nnls_gram(h: &DMatrix<f64>, c: &[f64]) -> Result<NnlsSolution> {
    nnls_gram_from(h, c, &vec![0.0; c.len()])
}

/// As [`nnls_gram`], starting from the feasible point `start` (≥ 0; its
/// positive entries form the first passive set): a neighbouring problem's
/// solution (the next λ of a scan) leaves only a few steps to take.
pub fn nnls_gram_from(h: &DMatrix<f64>, c: &[f64], start: &[f64]) -> Result<NnlsSolution> {
    let n = c.len();
    if start.len() != n || !start.iter().all(|v| *v >= 0.0 && v.is_finite()) {
        return Err(Error::Inconsistent(
            "NNLS: the start must be n finite entries ≥ 0".into(),
        ));
    }
    if h.shape() != (n, n) {
        return Err(Error::Inconsistent(format!(
            "NNLS: H is {}×{} but c has {n} entries",
            h.nrows(),
            h.ncols()
        )));
    }
    if !(h.iter().all(|v| v.is_finite()) && c.iter().all(|v| v.is_finite())) {
        return Err(Error::Numerical("NNLS: the problem is not finite".into()));
    }
    let scale = c.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    // The dual w = c − Hx is at most rounding above 0 for a variable that
    // stays at 0.
    let tolerance = 1e-12 * scale.max(f64::MIN_POSITIVE) * (n as f64).sqrt();
    let mut x = start.to_vec();
    let mut passive: Vec<bool> = x.iter().map(|&v| v > 0.0).collect();
    if passive.iter().any(|&p| p) {
        settle(h, c, &mut x, &mut passive)?;
    }
    let mut steps = 0;
    // Each outer step adds one variable; a variable can leave and come back,
    // so allow a few passes over all of them.
    let max_steps = 3 * n + 10;
    loop {
        let w = dual(h, c, &x);
        let entering = (0..n)
            .filter(|&j| !passive[j] && w[j] > tolerance)
            .max_by(|&a, &b| w[a].total_cmp(&w[b]));
        let Some(j) = entering else {
            break;
        };
        if steps == max_steps {
            return Err(Error::Numerical(format!(
                "NNLS: no solution after {max_steps} active-set steps"
            )));
        }
        steps += 1;
        passive[j] = true;
        settle(h, c, &mut x, &mut passive)?;
    }
    Ok(NnlsSolution { x, steps })
}

/// The inner loop: from x (feasible, > 0 on the passive set P) move toward
/// the unconstrained solution on P, dropping the variables that would turn
/// negative, until that solution is positive.
fn settle(h: &DMatrix<f64>, c: &[f64], x: &mut [f64], passive: &mut [bool]) -> Result<()> {
    let n = c.len();
    for _ in 0..=n {
        let set: Vec<usize> = (0..n).filter(|&i| passive[i]).collect();
        let s = solve_on(h, c, &set)?;
        if s.iter().all(|&v| v > 0.0) {
            x.iter_mut().for_each(|v| *v = 0.0);
            for (&i, &v) in set.iter().zip(&s) {
                x[i] = v;
            }
            return Ok(());
        }
        // Largest step along x → s that keeps every passive x ≥ 0; the
        // variable that sets it (`blocking`) lands on 0 and leaves P.
        let mut alpha = 1.0f64;
        let mut blocking = None;
        for (&i, &v) in set.iter().zip(&s) {
            if v <= 0.0 {
                let step = if x[i] > v { x[i] / (x[i] - v) } else { 0.0 };
                if blocking.is_none() || step < alpha {
                    alpha = step;
                    blocking = Some(i);
                }
            }
        }
        for (&i, &v) in set.iter().zip(&s) {
            x[i] += alpha * (v - x[i]);
        }
        if let Some(i) = blocking {
            x[i] = 0.0;
        }
        for &i in &set {
            if x[i] <= 0.0 {
                x[i] = 0.0;
                passive[i] = false;
            }
        }
        if !passive.iter().any(|&p| p) {
            return Ok(());
        }
    }
    Ok(())
}

/// w = c − Hx.
fn dual(h: &DMatrix<f64>, c: &[f64], x: &[f64]) -> Vec<f64> {
    let hx = h * DVector::from_column_slice(x);
    c.iter().zip(hx.iter()).map(|(c, v)| c - v).collect()
}

/// Solves H_PP·s = c_P for the indices in `set` (Cholesky; a tiny ridge if
/// the block is numerically singular).
fn solve_on(h: &DMatrix<f64>, c: &[f64], set: &[usize]) -> Result<Vec<f64>> {
    let k = set.len();
    let block = DMatrix::from_fn(k, k, |a, b| h[(set[a], set[b])]);
    let rhs = DVector::from_fn(k, |a, _| c[set[a]]);
    let chol = nalgebra::Cholesky::new(block.clone()).or_else(|| {
        let ridge = 1e-13 * block.diagonal().iter().fold(0.0f64, |a, v| a.max(*v));
        nalgebra::Cholesky::new(block + DMatrix::identity(k, k) * ridge)
    });
    let chol = chol.ok_or_else(|| Error::Numerical("NNLS: the system is singular".into()))?;
    let s = chol.solve(&rhs);
    if s.iter().all(|v| v.is_finite()) {
        Ok(s.iter().copied().collect())
    } else {
        Err(Error::Numerical("NNLS: the solution is not finite".into()))
    }
}

#[cfg(test)]
mod tests;
