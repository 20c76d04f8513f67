use super::*;

#[test]
fn student_t_quantiles_match_the_published_table() {
    // Two-sided 95 % points of t (any statistics table).
    for (dof, t) in [
        (1, 12.706),
        (2, 4.303),
        (3, 3.182),
        (4, 2.776),
        (5, 2.571),
        (10, 2.228),
        (30, 2.042),
        (120, 1.980),
    ] {
        let got = student_t95(dof).unwrap();
        assert!((got - t).abs() < 5e-4, "dof {dof}: {got} vs {t}");
    }
    assert!(student_t95(0).is_none());
    assert!((student_t95(5000).unwrap() - 1.9604).abs() < 1e-3);
}

#[test]
fn straight_line_fit_matches_the_textbook_formula() {
    // y = a + b·x at x = 0..4 with unit weights: var(b) = s²/Σ(x − x̄)².
    let xs = [0.0, 1.0, 2.0, 3.0, 4.0];
    let jac = DMatrix::from_fn(5, 2, |r, c| if c == 0 { 1.0 } else { xs[r] });
    let chi2 = 0.3; // s² = 0.3 / 3 = 0.1
    let a = analyse(&jac, chi2);
    let sxx: f64 = xs.iter().map(|x| (x - 2.0) * (x - 2.0)).sum(); // 10
    let expected_b = (0.1 / sxx).sqrt();
    assert!((a.stderr_u[1].unwrap() - expected_b).abs() < 1e-12);
    // var(a) = s²·Σx²/(n·Sxx) = 0.1·30/50
    assert!((a.stderr_u[0].unwrap() - (0.1f64 * 30.0 / 50.0).sqrt()).abs() < 1e-12);
    // corr(a, b) = −x̄/√(Σx²/n) = −2/√6
    assert!((a.correlation[0][1] + 2.0 / 6f64.sqrt()).abs() < 1e-12);
    assert!(a.determined.iter().all(|&d| d));
}

#[test]
fn a_duplicated_column_is_not_determined() {
    let jac = DMatrix::from_fn(
        6,
        3,
        |r, c| if c == 2 { 1.0 } else { (r as f64) * 0.5 + 1.0 },
    );
    let a = analyse(&jac, 1e-3);
    assert_eq!(a.determined, vec![false, false, true]);
    assert!(a.stderr_u[0].is_none() && a.stderr_u[2].is_some());
    assert!(a.relative_condition < 1e-10);
}
