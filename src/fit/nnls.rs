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
    let n = c.len();
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
    let mut x = vec![0.0; n];
    let mut passive = vec![false; n];
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
        // Inner loop: move toward the unconstrained solution on P, dropping
        // variables that would turn negative.
        for _ in 0..=n {
            let set: Vec<usize> = (0..n).filter(|&i| passive[i]).collect();
            let s = solve_on(h, c, &set)?;
            if s.iter().all(|&v| v > 0.0) {
                x.iter_mut().for_each(|v| *v = 0.0);
                for (&i, &v) in set.iter().zip(&s) {
                    x[i] = v;
                }
                break;
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
                break;
            }
        }
    }
    Ok(NnlsSolution { x, steps })
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
mod tests {
    use super::*;
    use crate::fit::synth::SplitMix64;

    /// The Karush–Kuhn–Tucker conditions of the problem: x ≥ 0, w = c − Hx ≤ 0,
    /// and w_i = 0 where x_i > 0 (to a tolerance relative to the data).
    fn assert_kkt(h: &DMatrix<f64>, c: &[f64], x: &[f64]) {
        let w = dual(h, c, x);
        let scale = c.iter().fold(0.0f64, |a, v| a.max(v.abs()));
        for (i, (&xi, &wi)) in x.iter().zip(&w).enumerate() {
            assert!(xi >= 0.0, "x[{i}] = {xi}");
            assert!(wi <= 1e-9 * scale, "w[{i}] = {wi}");
            if xi > 0.0 {
                assert!(wi.abs() <= 1e-9 * scale, "x[{i}] = {xi} but w = {wi}");
            }
        }
    }

    fn random_problem(rng: &mut SplitMix64, rows: usize, cols: usize) -> (DMatrix<f64>, Vec<f64>) {
        let a = DMatrix::from_fn(rows, cols, |_, _| rng.normal());
        let b = DVector::from_fn(rows, |_, _| rng.normal());
        let h = a.transpose() * &a;
        let c = (a.transpose() * b).iter().copied().collect();
        (h, c)
    }

    #[test]
    fn random_problems_meet_the_optimality_conditions() {
        let mut rng = SplitMix64::new(3);
        for trial in 0..200 {
            let cols = 1 + trial % 12;
            let (h, c) = random_problem(&mut rng, cols + 5, cols);
            let s = nnls_gram(&h, &c).unwrap();
            assert_kkt(&h, &c, &s.x);
        }
    }

    #[test]
    fn matches_brute_force_over_every_active_set() {
        // For n = 4 the optimum is the best of the 2⁴ unconstrained
        // solutions on a subset that are non-negative.
        let mut rng = SplitMix64::new(5);
        for _ in 0..50 {
            let (h, c) = random_problem(&mut rng, 8, 4);
            let objective = |x: &[f64]| {
                let xv = DVector::from_column_slice(x);
                0.5 * (xv.transpose() * &h * &xv)[0]
                    - c.iter().zip(x).map(|(a, b)| a * b).sum::<f64>()
            };
            let mut best = f64::INFINITY;
            for mask in 0u32..16 {
                let set: Vec<usize> = (0..4).filter(|i| mask & (1 << i) != 0).collect();
                let s = if set.is_empty() {
                    Vec::new()
                } else {
                    solve_on(&h, &c, &set).unwrap()
                };
                if s.iter().any(|&v| v < 0.0) {
                    continue;
                }
                let mut x = vec![0.0; 4];
                for (&i, &v) in set.iter().zip(&s) {
                    x[i] = v;
                }
                best = best.min(objective(&x));
            }
            let got = nnls_gram(&h, &c).unwrap();
            assert!(
                (objective(&got.x) - best).abs() <= 1e-10 * best.abs().max(1.0),
                "{} vs {best}",
                objective(&got.x)
            );
        }
    }

    #[test]
    fn unconstrained_positive_solution_is_returned_as_is() {
        // H = diag(2, 4), c = (2, 8): x = (1, 2) > 0.
        let h = DMatrix::from_row_slice(2, 2, &[2.0, 0.0, 0.0, 4.0]);
        let s = nnls_gram(&h, &[2.0, 8.0]).unwrap();
        assert!((s.x[0] - 1.0).abs() < 1e-14 && (s.x[1] - 2.0).abs() < 1e-14);
        // c = (−2, 8): the first would be −1, so it is held at 0.
        let s = nnls_gram(&h, &[-2.0, 8.0]).unwrap();
        assert_eq!(s.x[0], 0.0);
        assert!((s.x[1] - 2.0).abs() < 1e-14);
    }

    #[test]
    fn bad_input_is_an_error() {
        let h = DMatrix::identity(2, 2);
        assert!(nnls_gram(&h, &[1.0]).is_err());
        assert!(nnls_gram(&h, &[1.0, f64::NAN]).is_err());
    }
}
