use nalgebra::{DMatrix, DVector};

use super::*;

/// A small DAE with a dense Jacobian and nalgebra's LU, from closures.
struct Dense<F, J>
where
    F: FnMut(f64, &[f64], &mut [f64]),
    J: FnMut(f64, &[f64], &mut DMatrix<f64>),
{
    mass: Vec<f64>,
    f: F,
    jac: J,
    j: DMatrix<f64>,
    lu: Option<nalgebra::LU<f64, nalgebra::Dyn, nalgebra::Dyn>>,
}

impl<F, J> Dense<F, J>
where
    F: FnMut(f64, &[f64], &mut [f64]),
    J: FnMut(f64, &[f64], &mut DMatrix<f64>),
{
    fn new(mass: Vec<f64>, f: F, jac: J) -> Self {
        let n = mass.len();
        Dense {
            mass,
            f,
            jac,
            j: DMatrix::zeros(n, n),
            lu: None,
        }
    }
}

impl<F, J> Dae for Dense<F, J>
where
    F: FnMut(f64, &[f64], &mut [f64]),
    J: FnMut(f64, &[f64], &mut DMatrix<f64>),
{
    fn unknowns(&self) -> usize {
        self.mass.len()
    }
    fn mass(&self, diagonal: &mut [f64]) {
        diagonal.copy_from_slice(&self.mass);
    }
    fn rhs(&mut self, t: f64, y: &[f64], f: &mut [f64]) -> bool {
        (self.f)(t, y, f);
        f.iter().all(|v| v.is_finite())
    }
    fn update_jacobian(&mut self, t: f64, y: &[f64]) -> bool {
        (self.jac)(t, y, &mut self.j);
        true
    }
    fn factor(&mut self, c: f64) -> bool {
        let n = self.mass.len();
        let m = DMatrix::from_fn(n, n, |i, k| {
            (if i == k { self.mass[i] } else { 0.0 }) - c * self.j[(i, k)]
        });
        let lu = m.lu();
        let ok = lu.is_invertible();
        self.lu = Some(lu);
        ok
    }
    fn solve(&mut self, b: &mut [f64]) {
        let v = DVector::from_column_slice(b);
        let x = self.lu.as_ref().unwrap().solve(&v).unwrap();
        b.copy_from_slice(x.as_slice());
    }
}

/// Integrates to `t_end` and returns y(t_end) by dense output.
fn solve_to<P: Dae>(bdf: &mut Bdf<P>, t_end: f64) -> Vec<f64> {
    while bdf.t() < t_end {
        bdf.step().unwrap();
    }
    let mut out = vec![0.0; bdf.y().len()];
    bdf.interpolate(t_end, &mut out);
    out
}

/// The test problems' residual and Jacobian closures.
trait Rhs: FnMut(f64, &[f64], &mut [f64]) {}
impl<T: FnMut(f64, &[f64], &mut [f64])> Rhs for T {}
trait Jac: FnMut(f64, &[f64], &mut DMatrix<f64>) {}
impl<T: FnMut(f64, &[f64], &mut DMatrix<f64>)> Jac for T {}

/// y1′ = −y1, y2′ = y1 − 1000·y2: y1 = e^−t, y2 = (e^−t − e^−1000t)/999.
fn stiff_linear() -> Dense<impl Rhs, impl Jac> {
    Dense::new(
        vec![1.0, 1.0],
        |_t, y: &[f64], f: &mut [f64]| {
            f[0] = -y[0];
            f[1] = y[0] - 1000.0 * y[1];
        },
        |_t, _y: &[f64], j: &mut DMatrix<f64>| {
            j[(0, 0)] = -1.0;
            j[(0, 1)] = 0.0;
            j[(1, 0)] = 1.0;
            j[(1, 1)] = -1000.0;
        },
    )
}

fn stiff_linear_exact(t: f64) -> [f64; 2] {
    [(-t).exp(), ((-t).exp() - (-1000.0 * t).exp()) / 999.0]
}

#[test]
fn stiff_linear_system_matches_its_analytic_solution_at_every_step() {
    let options = BdfOptions::new(2, 1e-6, 1e-10);
    let mut bdf = Bdf::new(stiff_linear(), 0.0, &[1.0, 0.0], 10.0, options).unwrap();
    let mut worst = 0.0f64;
    while bdf.t() < 10.0 {
        bdf.step().unwrap();
        let exact = stiff_linear_exact(bdf.t());
        for (y, e) in bdf.y().iter().zip(exact) {
            worst = worst.max((y - e).abs() / (1e-10 + 1e-6 * e.abs()).max(1e-12));
        }
    }
    // Global error within a few tolerances (errors accumulate over steps).
    assert!(worst < 30.0, "worst error {worst} tolerances");
    // A stiff problem: an explicit method would need ~t·1000/2 = 5000 steps.
    assert!(bdf.stats().steps < 300, "{:?}", bdf.stats());
    assert!(bdf.order() > 1, "the order was raised");
}

#[test]
fn dense_output_matches_the_analytic_solution_between_steps() {
    let options = BdfOptions::new(2, 1e-7, 1e-11);
    let mut bdf = Bdf::new(stiff_linear(), 0.0, &[1.0, 0.0], 5.0, options).unwrap();
    let mut out = [0.0; 2];
    let mut checked = 0;
    while bdf.t() < 5.0 {
        bdf.step().unwrap();
        if bdf.t() < 0.05 {
            continue;
        }
        for frac in [0.25, 0.5, 0.75] {
            let t = bdf.t_old() + frac * (bdf.t() - bdf.t_old());
            bdf.interpolate(t, &mut out);
            let exact = stiff_linear_exact(t);
            assert!(
                (out[0] - exact[0]).abs() < 1e-5 * exact[0],
                "t {t}: {out:?} vs {exact:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 20);
}

/// Robertson's chemical kinetics (Hairer & Wanner, Solving ODEs II, §IV.1).
fn robertson_f(y: &[f64], f: &mut [f64]) {
    f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
    f[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
    f[2] = 3e7 * y[1] * y[1];
}

fn robertson_j(y: &[f64], j: &mut DMatrix<f64>) {
    j[(0, 0)] = -0.04;
    j[(0, 1)] = 1e4 * y[2];
    j[(0, 2)] = 1e4 * y[1];
    j[(1, 0)] = 0.04;
    j[(1, 1)] = -1e4 * y[2] - 6e7 * y[1];
    j[(1, 2)] = -1e4 * y[1];
    j[(2, 0)] = 0.0;
    j[(2, 1)] = 6e7 * y[1];
    j[(2, 2)] = 0.0;
}

/// Reference values at t = 40: SciPy's Radau IIA at rtol 1e-12 (computed once
/// outside this crate; SUNDIALS' cvRoberts_dns example prints the same five digits).
const ROBERTSON_T40: [f64; 3] = [0.715_827_068_6, 9.185_534_764e-6, 0.284_163_746_6];

#[test]
fn robertson_ode_reaches_the_reference_values() {
    let f = Dense::new(
        vec![1.0; 3],
        |_t, y: &[f64], f: &mut [f64]| robertson_f(y, f),
        |_t, y: &[f64], j: &mut DMatrix<f64>| robertson_j(y, j),
    );
    let mut options = BdfOptions::new(3, 1e-8, 1e-12);
    options.atol[1] = 1e-14;
    let mut bdf = Bdf::new(f, 0.0, &[1.0, 0.0, 0.0], 40.0, options).unwrap();
    let y = solve_to(&mut bdf, 40.0);
    for (k, (a, b)) in y.iter().zip(ROBERTSON_T40).enumerate() {
        assert!((a - b).abs() < 1e-6 * b, "y{k}: {a} vs {b}");
    }
}

#[test]
fn robertson_as_an_index_one_dae_from_an_inconsistent_start() {
    // y3 algebraic: 0 = y1 + y2 + y3 − 1; start with y3 = 0.5, which the
    // consistent start must correct to 0.
    let mut f = Dense::new(
        vec![1.0, 1.0, 0.0],
        |_t, y: &[f64], f: &mut [f64]| {
            robertson_f(y, f);
            f[2] = y[0] + y[1] + y[2] - 1.0;
        },
        |_t, y: &[f64], j: &mut DMatrix<f64>| {
            robertson_j(y, j);
            j[(2, 0)] = 1.0;
            j[(2, 1)] = 1.0;
            j[(2, 2)] = 1.0;
        },
    );
    let mut y0 = [1.0, 0.0, 0.5];
    Bdf::consistent_start(&mut f, 0.0, &mut y0, 1e-12, &[1e-14; 3], 10).unwrap();
    assert!(y0[2].abs() < 1e-12 && y0[0] == 1.0, "{y0:?}");
    let mut options = BdfOptions::new(3, 1e-8, 1e-12);
    options.atol[1] = 1e-14;
    let mut bdf = Bdf::new(f, 0.0, &y0, 40.0, options).unwrap();
    let y = solve_to(&mut bdf, 40.0);
    for (k, (a, b)) in y.iter().zip(ROBERTSON_T40).enumerate() {
        assert!((a - b).abs() < 1e-6 * b, "y{k}: {a} vs {b}");
    }
}

/// u_t = u_xx on (0, 1), u = 0 at both ends, u(x, 0) = sin πx + ½ sin 3πx:
/// u = e^(−π²t) sin πx + ½ e^(−9π²t) sin 3πx (separation of variables).
#[test]
fn heat_equation_matches_its_series_solution() {
    let n = 99; // interior nodes, Δx = 0.01
    let dx = 1.0 / (n + 1) as f64;
    let x: Vec<f64> = (1..=n).map(|i| i as f64 * dx).collect();
    let pi = std::f64::consts::PI;
    let u0: Vec<f64> = x
        .iter()
        .map(|&x| (pi * x).sin() + 0.5 * (3.0 * pi * x).sin())
        .collect();
    let k = 1.0 / (dx * dx);
    let heat = Dense::new(
        vec![1.0; n],
        move |_t, u: &[f64], f: &mut [f64]| {
            for i in 0..n {
                let left = if i > 0 { u[i - 1] } else { 0.0 };
                let right = if i + 1 < n { u[i + 1] } else { 0.0 };
                f[i] = k * (left - 2.0 * u[i] + right);
            }
        },
        move |_t, _u: &[f64], j: &mut DMatrix<f64>| {
            j.fill(0.0);
            for i in 0..n {
                j[(i, i)] = -2.0 * k;
                if i > 0 {
                    j[(i, i - 1)] = k;
                }
                if i + 1 < n {
                    j[(i, i + 1)] = k;
                }
            }
        },
    );
    let t_end = 0.1;
    let mut bdf = Bdf::new(heat, 0.0, &u0, t_end, BdfOptions::new(n, 1e-7, 1e-10)).unwrap();
    let u = solve_to(&mut bdf, t_end);
    let exact = |x: f64| {
        (-pi * pi * t_end).exp() * (pi * x).sin()
            + 0.5 * (-9.0 * pi * pi * t_end).exp() * (3.0 * pi * x).sin()
    };
    let peak = exact(0.5);
    for (ui, &xi) in u.iter().zip(&x) {
        // Second-order differences in space: error ~ π²Δx²/12 relative.
        assert!(
            (ui - exact(xi)).abs() < 2e-4 * peak,
            "x {xi}: {ui} vs {}",
            exact(xi)
        );
    }
}

/// With a fixed step, order 1 loses half its error when h halves and order
/// 2 three quarters: the formulas have the order they claim.
#[test]
fn fixed_step_errors_converge_at_orders_one_and_two() {
    let error_at = |order: usize, h: f64| {
        let decay = Dense::new(
            vec![1.0],
            |_t, y: &[f64], f: &mut [f64]| f[0] = -y[0],
            |_t, _y: &[f64], j: &mut DMatrix<f64>| j[(0, 0)] = -1.0,
        );
        let mut options = BdfOptions::new(1, 1e-3, 1e-6);
        options.max_order = order;
        options.first_step = Some(h);
        options.fixed_step = true;
        let mut bdf = Bdf::new(decay, 0.0, &[1.0], 1.0, options).unwrap();
        while bdf.t() < 1.0 - 1e-12 {
            bdf.step().unwrap();
        }
        (bdf.y()[0] - (-1.0f64).exp()).abs()
    };
    for order in [1usize, 2] {
        let coarse = error_at(order, 1.0 / 64.0);
        let fine = error_at(order, 1.0 / 128.0);
        let observed = (coarse / fine).log2();
        assert!(
            (observed - order as f64).abs() < 0.15,
            "order {order}: observed {observed}"
        );
    }
}

/// Tighter tolerances give proportionally smaller global errors.
#[test]
fn global_error_follows_the_tolerance() {
    let error_at = |rtol: f64| {
        let mut bdf = Bdf::new(
            stiff_linear(),
            0.0,
            &[1.0, 0.0],
            3.0,
            BdfOptions::new(2, rtol, rtol * 1e-4),
        )
        .unwrap();
        let y = solve_to(&mut bdf, 3.0);
        (y[0] - (-3.0f64).exp()).abs() / (-3.0f64).exp()
    };
    let loose = error_at(1e-4);
    let tight = error_at(1e-7);
    assert!(loose < 1e-2 && tight < 1e-5, "{loose} {tight}");
    assert!(loose / tight > 100.0, "{loose} vs {tight}");
}

#[test]
fn bad_options_and_failing_models_are_errors_not_panics() {
    assert!(Bdf::new(
        stiff_linear(),
        0.0,
        &[1.0],
        1.0,
        BdfOptions::new(2, 1e-6, 1e-9)
    )
    .is_err());
    assert!(Bdf::new(
        stiff_linear(),
        1.0,
        &[1.0, 0.0],
        0.5,
        BdfOptions::new(2, 1e-6, 1e-9)
    )
    .is_err());
    let mut bad = BdfOptions::new(2, 1e-6, 1e-9);
    bad.max_order = 6;
    assert!(Bdf::new(stiff_linear(), 0.0, &[1.0, 0.0], 1.0, bad).is_err());
    // A model undefined beyond y = 2: y′ = 1 reaches it at t = 1 and the
    // integrator reports it instead of looping.
    let blow = Dense::new(
        vec![1.0],
        |_t, y: &[f64], f: &mut [f64]| f[0] = if y[0] < 2.0 { 1.0 } else { f64::NAN },
        |_t, _y: &[f64], j: &mut DMatrix<f64>| j[(0, 0)] = 0.0,
    );
    let mut bdf = Bdf::new(blow, 0.0, &[1.0], 5.0, BdfOptions::new(1, 1e-6, 1e-9)).unwrap();
    let mut failed = false;
    for _ in 0..10_000 {
        if bdf.t() >= 5.0 {
            break;
        }
        if bdf.step().is_err() {
            failed = true;
            break;
        }
    }
    assert!(failed && bdf.t() <= 1.0 + 1e-9, "t = {}", bdf.t());
}
