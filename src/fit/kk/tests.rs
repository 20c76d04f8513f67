use super::*;
use crate::fit::synth::{log_frequencies, SplitMix64};

/// R0 + R‖C written out, R0 + R/(1 + iωRC), with 0.2 % noise: the μ
/// criterion is made for noisy data (on exact data any M over-fits).
fn rc_spectrum(distort: impl Fn(usize, Complex64) -> Complex64) -> Spectrum {
    let freq_hz = log_frequencies(1e5, 0.1, 50);
    let mut rng = SplitMix64::new(11);
    let z_ohm = freq_hz
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let w = std::f64::consts::TAU * f;
            let z = Complex64::new(10.0, 0.0) + 100.0 / Complex64::new(1.0, w * 100.0 * 1e-4);
            let noise = 0.002 * z.norm() * Complex64::new(rng.normal(), rng.normal());
            distort(k, z + noise)
        })
        .collect();
    Spectrum {
        label: "rc".into(),
        freq_hz,
        z_ohm,
    }
}

#[test]
fn valid_rc_spectrum_passes() {
    let kk = kk_check(&rc_spectrum(|_, z| z), &KkOptions::default()).unwrap();
    // Residuals at the noise level (σ = 0.2 % per part; max of 100 ≈ 3σ).
    assert!(
        kk.max_residual < 0.01 && kk.rms_residual < 0.003,
        "{} {}",
        kk.max_residual,
        kk.rms_residual
    );
    assert!(kk.mu < 0.85 || kk.elements >= 1);
}

#[test]
fn drifting_real_part_fails() {
    // Re Z grows by 30 % across the sweep while Im Z does not: not causal.
    let kk = kk_check(
        &rc_spectrum(|k, z| Complex64::new(z.re * (1.0 + 0.3 * k as f64 / 49.0), z.im)),
        &KkOptions::default(),
    )
    .unwrap();
    assert!(
        kk.max_residual > 0.03 && kk.rms_residual > 0.01,
        "{} {}",
        kk.max_residual,
        kk.rms_residual
    );
}

#[test]
fn blocking_tail_is_detected_and_passes() {
    // R0 + (R‖C1) + series C2: a capacitive tail at low frequency.
    let freq_hz = log_frequencies(1e5, 0.01, 60);
    let mut rng = SplitMix64::new(12);
    let z_ohm: Vec<Complex64> = freq_hz
        .iter()
        .map(|f| {
            let w = std::f64::consts::TAU * f;
            let z = Complex64::new(5.0, 0.0)
                + 50.0 / Complex64::new(1.0, w * 50.0 * 1e-5)
                + Complex64::new(0.0, -1.0 / (w * 1e-3));
            z + 0.002 * z.norm() * Complex64::new(rng.normal(), rng.normal())
        })
        .collect();
    let s = Spectrum {
        label: "blocking".into(),
        freq_hz,
        z_ohm,
    };
    assert!(has_capacitive_tail(&s));
    assert!(!has_capacitive_tail(&rc_spectrum(|_, z| z)));
    let kk = kk_check(&s, &KkOptions::default()).unwrap();
    assert!(
        kk.max_residual < 0.01 && kk.rms_residual < 0.003,
        "{} {}",
        kk.max_residual,
        kk.rms_residual
    );
}

#[test]
fn mu_rule_stops_at_the_first_crossing() {
    let options = KkOptions {
        selection: Selection::Mu,
        ..KkOptions::default()
    };
    let kk = kk_check(&rc_spectrum(|_, z| z), &options).unwrap();
    assert!(kk.mu < 0.85);
    let by_residual = kk_check(&rc_spectrum(|_, z| z), &KkOptions::default()).unwrap();
    assert!(by_residual.rms_residual <= kk.rms_residual);
}

#[test]
fn mu_counts_negative_mass() {
    assert_eq!(mu_criterion(&[1.0, 2.0, 1.0]), 1.0);
    assert!((mu_criterion(&[3.0, -1.0, 1.0]) - 0.75).abs() < 1e-15);
}

#[test]
fn too_few_points_is_an_error() {
    let s = Spectrum {
        label: "x".into(),
        freq_hz: vec![1.0],
        z_ohm: vec![Complex64::new(1.0, 0.0)],
    };
    assert!(kk_check(&s, &KkOptions::default()).is_err());
}
