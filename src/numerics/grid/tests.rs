use super::*;

#[test]
fn log_space_has_equal_ratios_and_exact_ends() {
    let up = log_space(1e-2, 1e6, 81);
    assert_eq!((up[0], up[80]), (1e-2, 1e6));
    for w in up.windows(2) {
        assert!((w[1] / w[0] - 10f64.powf(0.1)).abs() < 1e-12);
    }
    let down = log_space(1e6, 0.1, 71);
    assert_eq!((down[0], down[70]), (1e6, 0.1));
    assert!((down[10] - 1e5).abs() < 1e-9);
    assert_eq!(log_space(3.0, 7.0, 1), vec![3.0]);
    assert!(log_space(1.0, 2.0, 0).is_empty());
}

#[test]
fn lin_space_includes_both_ends() {
    assert_eq!(lin_space(0.0, 1.0, 5), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
}
