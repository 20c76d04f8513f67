use super::*;

#[test]
fn solves_a_known_system() {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = [1, −2, 3] → b = A·x.
    let a = vec![4.0, 2.0, 0.0, 2.0, 5.0, 1.0, 0.0, 1.0, 3.0];
    let mut b = vec![0.0, -5.0, 7.0];
    Cholesky::new(3, a).unwrap().solve(&mut b);
    for (got, want) in b.iter().zip([1.0, -2.0, 3.0]) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
}

#[test]
fn refuses_an_indefinite_matrix() {
    assert!(Cholesky::new(2, vec![1.0, 2.0, 2.0, 1.0]).is_none());
}
