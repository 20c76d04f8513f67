use super::*;
use crate::fit::kk::{kk_check, KkOptions};
use crate::fit::{fit_model, FitOptions};
use crate::impedance::notation::parse_circuit;
use crate::impedance::Model;

/// 10 Ω + (100 Ω ‖ τ = 1 ms) + (50 Ω ‖ τ = 0.3 s) with relative noise.
fn two_arcs(noise: f64, seed: u64) -> Spectrum {
    crate::fit::kk::tests::two_arcs(noise, 0.0, seed)
}

/// Fits `circuit` from `start` and judges it.
fn judged(spectrum: &Spectrum, circuit: &str, start: &[f64]) -> Judgement {
    let mut model = parse_circuit(circuit).unwrap();
    model.set_params(start).unwrap();
    let fit = fit_model(&model, spectrum, &FitOptions::default()).unwrap();
    model.set_params(&fit.values()).unwrap();
    let z: Vec<Complex64> = (0..spectrum.len())
        .map(|k| model.impedance(spectrum.omega(k)))
        .collect();
    let kk = kk_check(spectrum, &KkOptions::default()).unwrap();
    judge(
        spectrum,
        &z,
        fit.correlation.names.len(),
        fit.converged,
        &kk,
    )
    .unwrap()
}

#[test]
fn the_right_model_with_noise_is_good() {
    for (k, noise) in [0.001, 0.005, 0.01].into_iter().enumerate() {
        for seed in 0..3 {
            let s = two_arcs(noise, 10 * k as u64 + seed);
            let j = judged(&s, "R-p(R,C)-p(R,C)", &[12.0, 80.0, 1e-5, 40.0, 5e-3]);
            assert_eq!(
                j.verdict,
                Verdict::Good,
                "noise {noise} seed {seed}: {:?}",
                j.reasons
            );
            assert!(j.measures.chi2_per_dof < CHI2_GOOD);
        }
    }
}

#[test]
fn one_arc_for_two_does_not_describe_the_spectrum() {
    let s = two_arcs(0.002, 1);
    let j = judged(&s, "R-p(R,C)", &[10.0, 150.0, 1e-5]);
    assert_eq!(j.verdict, Verdict::DoesNotDescribe, "{:?}", j.reasons);
    assert!(
        j.measures.systematic > MISS_LARGE && j.measures.runs_z.re < RUNS_Z,
        "{j:?}"
    );
    assert!(j.reasons[0].contains("misses the data"));
}

#[test]
fn a_spectrum_failing_kk_is_at_best_questionable() {
    let s = two_arcs(0.002, 2);
    let model: Vec<Complex64> = s.z_ohm.clone();
    let mut kk = kk_check(&s, &KkOptions::default()).unwrap();
    // A perfect model of data the KK check refused for points outside its band.
    kk.pass = false;
    kk.outside = vec![3];
    kk.summary = "Fails: drift.".into();
    let j = judge(&s, &model, 5, true, &kk).unwrap();
    assert_eq!(j.verdict, Verdict::Questionable);
    assert!(j.reasons.iter().any(|r| r.contains("Kramers–Kronig")));
}

#[test]
fn measures_follow_their_definitions() {
    // Model = data·(1 + 0.01) on Re only: every Re residual is +1 % of Re/|Z|,
    // one run of one sign; Im residuals are 0 (no sign, so z = 0).
    let s = two_arcs(0.0, 3);
    let model: Vec<Complex64> = s
        .z_ohm
        .iter()
        .map(|z| Complex64::new(1.01 * z.re, z.im))
        .collect();
    let kk = KkResult {
        noise: 0.002,
        pass: true,
        ..KkResult::default()
    };
    let j = judge(&s, &model, 3, true, &kk).unwrap();
    let want_rms = (s
        .z_ohm
        .iter()
        .map(|z| (0.01 * z.re / z.norm()).powi(2))
        .sum::<f64>()
        / (2 * s.len()) as f64)
        .sqrt();
    assert!((j.measures.rms - want_rms).abs() < 1e-12);
    assert!(
        (j.measures.chi2_per_dof
            - want_rms.powi(2) * (2 * s.len()) as f64
                / 0.002f64.powi(2)
                / (2 * s.len() - 3) as f64)
            .abs()
            < 1e-9
    );
    assert_eq!(j.measures.runs_z.im, 0.0);
    // The largest 5-point mean of 0.01·Re/|Z| is at an end, where Z is real.
    assert!(
        (j.measures.systematic - 0.01).abs() < 2e-4,
        "{}",
        j.measures.systematic
    );
    assert!(j.measures.systematic_at_hz < 1.0 || j.measures.systematic_at_hz > 1e4);
    // Below the noise floor: a model equal to the data is good with χ² = 0.
    let exact = judge(&s, &s.z_ohm, 3, true, &kk).unwrap();
    assert_eq!(exact.verdict, Verdict::Good);
    assert_eq!(exact.measures.noise, 0.002);
}

#[test]
fn mismatched_model_is_an_error() {
    let s = two_arcs(0.0, 4);
    assert!(judge(&s, &s.z_ohm[1..], 3, true, &KkResult::default()).is_err());
}

mod derived_rule {
    use super::*;
    use crate::fit::result::{Correlation, ParamEstimate};
    use crate::fit::Interval;

    fn fit_with_r_ion(value: f64, ci: Option<(f64, f64)>, determined: bool) -> FitResult {
        FitResult {
            label: "x".into(),
            params: vec![ParamEstimate {
                name: "r_ion".into(),
                unit: "Ω".into(),
                value,
                stderr: ci.map(|(lo, hi)| (hi - lo) / 3.92),
                ci95: ci.map(|(lo, hi)| Interval::closed(lo, hi)),
                fixed: false,
                determined,
                reason: (!determined).then(|| "the spectrum does not pin it down".to_string()),
                second_minimum: None,
                at_bound: None,
                profile: Vec::new(),
            }],
            correlation: Correlation {
                names: vec!["r_ion".into()],
                matrix: vec![vec![1.0]],
            },
            chi2: 0.0,
            reduced_chi2: 0.0,
            residuals: Vec::new(),
            evaluations: 0,
            starts_tried: 1,
            stop_reason: String::new(),
            converged: true,
            determined,
            relative_condition: 1.0,
            rails_interchangeable: false,
            notes: Vec::new(),
            profile_threshold: None,
            rival: None,
        }
    }

    /// L = 100 µm, A = 1 cm², ε = 0.5, σ_i = 5 mS/cm: τ = R_ion·ε·σ_i·A/L = R_ion/4.
    const GEOMETRY: Geometry = Geometry {
        thickness_cm: 0.01,
        area_cm2: 1.0,
        epsilon: 0.5,
        sigma_i_s_per_cm: 5e-3,
    };

    #[test]
    fn possible_values_are_offered() {
        let d = offer_derived(
            &fit_with_r_ion(20.0, Some((18.0, 22.0)), true),
            "r_ion",
            Verdict::Good,
            &GEOMETRY,
        )
        .unwrap();
        assert!((d.tortuosity.value - 5.0).abs() < 1e-12);
    }

    #[test]
    fn tau_below_one_is_refused_unless_the_interval_reaches_one() {
        // R_ion = 2 Ω: τ = 0.5; interval up to 3 Ω: τ ≤ 0.75 < 1.
        let why = offer_derived(
            &fit_with_r_ion(2.0, Some((1.0, 3.0)), true),
            "r_ion",
            Verdict::Good,
            &GEOMETRY,
        )
        .unwrap_err();
        assert!(why.contains("below 1") && why.contains("Eq. 17"), "{why}");
        // Interval up to 5 Ω: τ up to 1.25, possible.
        assert!(offer_derived(
            &fit_with_r_ion(2.0, Some((1.0, 5.0)), true),
            "r_ion",
            Verdict::Good,
            &GEOMETRY
        )
        .is_ok());
    }

    #[test]
    fn undetermined_rails_and_failed_models_are_refused() {
        let why = offer_derived(
            &fit_with_r_ion(20.0, None, false),
            "r_ion",
            Verdict::Good,
            &GEOMETRY,
        )
        .unwrap_err();
        assert!(why.contains("not determined"), "{why}");
        let why = offer_derived(
            &fit_with_r_ion(20.0, Some((18.0, 22.0)), true),
            "r_ion",
            Verdict::DoesNotDescribe,
            &GEOMETRY,
        )
        .unwrap_err();
        assert!(why.contains("does not describe"), "{why}");
        let why = offer_derived(
            &fit_with_r_ion(20.0, Some((18.0, 22.0)), true),
            "r_e",
            Verdict::Good,
            &GEOMETRY,
        )
        .unwrap_err();
        assert!(why.contains("no r_e"), "{why}");
    }
}
