use super::*;

#[test]
fn normal_deviates_have_unit_variance_and_zero_mean() {
    let mut rng = SplitMix64::new(7);
    let n = 20_000;
    let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
    // Standard errors: 1/√n ≈ 0.007 for the mean, √(2/n) ≈ 0.01 for the variance.
    assert!(mean.abs() < 0.03, "{mean}");
    assert!((var - 1.0).abs() < 0.05, "{var}");
}

#[test]
fn frequencies_are_log_spaced_end_to_end() {
    let f = log_frequencies(1e6, 0.1, 71);
    assert_eq!(f.len(), 71);
    assert!((f[0] - 1e6).abs() < 1e-6 && (f[70] - 0.1).abs() < 1e-12);
    assert!((f[10] - 1e5).abs() < 1e-6); // 10 points per decade
}
