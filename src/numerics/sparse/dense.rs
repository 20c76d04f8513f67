//! Cholesky factorisation of a small dense symmetric positive definite
//! matrix (the coarsest multigrid level), in f64.

/// L with A = L·Lᵀ, row-major lower triangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Cholesky {
    n: usize,
    l: Vec<f64>,
}

impl Cholesky {
    /// Factorises the row-major n×n matrix `a`; `None` if it is not
    /// positive definite (a pivot ≤ 0 or not finite).
    pub fn new(n: usize, mut a: Vec<f64>) -> Option<Cholesky> {
        debug_assert_eq!(a.len(), n * n);
        for j in 0..n {
            let mut d = a[j * n + j];
            for k in 0..j {
                d -= a[j * n + k] * a[j * n + k];
            }
            if !(d > 0.0 && d.is_finite()) {
                return None;
            }
            let d = d.sqrt();
            a[j * n + j] = d;
            for i in j + 1..n {
                let mut s = a[i * n + j];
                for k in 0..j {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        Some(Cholesky { n, l: a })
    }

    /// Solves A·x = b in place (b becomes x).
    pub fn solve(&self, b: &mut [f64]) {
        let (n, l) = (self.n, &self.l);
        for i in 0..n {
            let mut s = b[i];
            for k in 0..i {
                s -= l[i * n + k] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
        for i in (0..n).rev() {
            let mut s = b[i];
            for k in i + 1..n {
                s -= l[k * n + i] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }
}

#[cfg(test)]
mod tests;
