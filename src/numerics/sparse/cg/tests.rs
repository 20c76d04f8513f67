use super::*;

/// The 1D Laplacian with Dirichlet ends, preconditioned by its diagonal.
struct Chain {
    n: usize,
    b: Vec<f32>,
}

impl Chain {
    fn ax(&self, x: &dyn Fn(usize) -> f64, i: usize) -> f64 {
        let left = if i > 0 { x(i - 1) } else { 0.0 };
        let right = if i + 1 < self.n { x(i + 1) } else { 0.0 };
        2.0 * x(i) - left - right
    }
}

impl Problem for Chain {
    fn len(&self) -> usize {
        self.n
    }
    fn apply(&mut self, x: &[f32], y: &mut [f32]) {
        for (i, yi) in y.iter_mut().enumerate() {
            *yi = self.ax(&|k| f64::from(x[k]), i) as f32;
        }
    }
    fn precondition(&mut self, r: &[f32], z: &mut [f32]) {
        for (zi, ri) in z.iter_mut().zip(r) {
            *zi = ri / 2.0;
        }
    }
    fn residual(&mut self, x: &[f64], r: &mut [f32]) -> f64 {
        let mut s = 0.0;
        for (i, ri) in r.iter_mut().enumerate() {
            let v = f64::from(self.b[i]) - self.ax(&|k| x[k], i);
            *ri = v as f32;
            s += v * v;
        }
        s.sqrt()
    }
}

#[test]
fn solves_a_chain_to_the_tolerance_with_a_linear_exact_solution() {
    // b = e_0 gives x_i = (n − i)/(n + 1).
    let n = 50;
    let mut b = vec![0.0f32; n];
    b[0] = 1.0;
    let mut chain = Chain { n, b };
    let mut x = vec![0.0f64; n];
    let out = solve(&mut chain, 1.0, &mut x, &Options::default(), &mut |_, _| {
        true
    });
    assert!(out.converged && out.relative_residual <= 1e-6, "{out:?}");
    for (i, xi) in x.iter().enumerate() {
        let want = (n - i) as f64 / (n + 1) as f64;
        assert!((xi - want).abs() < 1e-5, "x[{i}] = {xi}, want {want}");
    }
}

#[test]
fn the_callback_cancels() {
    let mut b = vec![0.0f32; 20];
    b[0] = 1.0;
    let mut chain = Chain { n: 20, b };
    let mut x = vec![0.0f64; 20];
    let out = solve(&mut chain, 1.0, &mut x, &Options::default(), &mut |k, _| {
        k < 3
    });
    assert!(
        out.cancelled && !out.converged && out.iterations == 3,
        "{out:?}"
    );
}
