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
            0.5 * (xv.transpose() * &h * &xv)[0] - c.iter().zip(x).map(|(a, b)| a * b).sum::<f64>()
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

#[test]
fn any_feasible_start_reaches_the_optimum() {
    let mut rng = SplitMix64::new(11);
    for _ in 0..30 {
        let (h, c) = random_problem(&mut rng, 14, 9);
        let start: Vec<f64> = (0..9).map(|_| rng.normal().max(0.0)).collect();
        let warm = nnls_gram_from(&h, &c, &start).unwrap().x;
        assert_kkt(&h, &c, &warm);
        let cold = nnls_gram(&h, &c).unwrap().x;
        for (a, b) in warm.iter().zip(&cold) {
            assert!((a - b).abs() < 1e-9 * (1.0 + b.abs()), "{a} vs {b}");
        }
    }
    let (h, c) = random_problem(&mut rng, 5, 3);
    assert!(nnls_gram_from(&h, &c, &[1.0, -1.0, 0.0]).is_err());
}
