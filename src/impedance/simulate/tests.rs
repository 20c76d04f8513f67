use super::*;

#[test]
fn log_grid_has_constant_ratio_and_exact_ends() {
    let f = log_spaced_freq_hz(1e-3, 1e7, 11).unwrap();
    assert_eq!(f.len(), 11);
    assert_eq!((f[0], f[10]), (1e-3, 1e7));
    for k in 1..10 {
        // Ten decades in ten steps: each point is ten times the last.
        assert!((f[k] / f[k - 1] - 10.0).abs() < 1e-12);
    }
    assert_eq!(log_spaced_freq_hz(5.0, 9.0, 1).unwrap(), vec![5.0]);
    assert!(log_spaced_freq_hz(0.0, 1.0, 3).is_err());
    assert!(log_spaced_freq_hz(1.0, f64::INFINITY, 3).is_err());
    assert!(log_spaced_freq_hz(1.0, 2.0, 0).is_err());
}
