use super::*;
use crate::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use crate::impedance::notation::parse_circuit;

fn recovered(
    text: &str,
    truth: &[f64],
    noise: f64,
    seed: u64,
    options: &FitOptions,
) -> (FitResult, Vec<f64>) {
    let mut model = parse_circuit(text).unwrap();
    model.set_params(truth).unwrap();
    let s = synthetic_spectrum(
        &model,
        &log_frequencies(1e6, 0.1, 71),
        noise,
        &mut SplitMix64::new(seed),
        text,
    );
    let fit = fit_circuit(&parse_circuit(text).unwrap(), &s, options).unwrap();
    let values = fit.values();
    (fit, values)
}

fn assert_close(got: &[f64], want: &[f64], tolerance: f64, what: &str) {
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tolerance * w.abs(),
            "{what} parameter {k}: {g} vs {w} (all {got:?})"
        );
    }
}

#[test]
fn two_zarcs_are_fitted_without_guesses() {
    // R-p(R,CPE)-p(R,CPE): 5 elements, 7 parameters, arcs 2.5 decades apart.
    let truth = [15.0, 120.0, 2e-6, 0.85, 300.0, 3e-3, 0.75];
    for seed in 0..4 {
        let (fit, values) = recovered(
            "R-p(R,CPE)-p(R,CPE)",
            &truth,
            0.005,
            seed,
            &FitOptions::default(),
        );
        assert!(fit.converged, "{}", fit.stop_reason);
        assert_close(&values, &truth, 0.1, "seed");
    }
}

#[test]
fn arc_and_warburg_are_fitted_without_guesses() {
    let truth = [8.0, 60.0, 1e-5, 0.9, 40.0, 5.0];
    let (fit, values) = recovered("R-p(R,CPE)-Wo", &truth, 0.003, 7, &FitOptions::default());
    assert!(fit.converged, "{}", fit.stop_reason);
    assert_close(&values, &truth, 0.1, "R-p(R,CPE)-Wo");
}

#[test]
fn inductive_leads_and_a_blocking_tail_are_read_off() {
    let truth = [2e-6, 5.0, 50.0, 1e-6, 1e-3];
    let (_, values) = recovered("L-R-p(R,C)-C", &truth, 0.002, 3, &FitOptions::default());
    assert_close(&values, &truth, 0.05, "L-R-p(R,C)-C");
}

#[test]
fn fixed_values_and_bounds_are_honoured() {
    let truth = [15.0, 120.0, 2e-6, 0.85, 300.0, 3e-3, 0.75];
    let options = FitOptions {
        fixed: vec![("r0".into(), 15.0)],
        bounds: vec![("n2".into(), 0.5, 0.9)],
        ..FitOptions::default()
    };
    let (fit, values) = recovered("R-p(R,CPE)-p(R,CPE)", &truth, 0.005, 1, &options);
    assert_eq!(values[0], 15.0);
    assert!(fit.param("r0").unwrap().fixed);
    assert!(values[3] > 0.5 && values[3] < 0.9);
    assert_close(&values, &truth, 0.1, "fixed r0");
}

#[test]
fn starts_have_one_value_per_parameter_in_their_domains() {
    let s = synthetic_spectrum(
        &parse_circuit("R-p(R,C)").unwrap(),
        &log_frequencies(1e5, 1.0, 30),
        0.0,
        &mut SplitMix64::new(1),
        "x",
    );
    for text in [
        "R",
        "R-C",
        "p(R,CPE)",
        "R-p(R,CPE)-p(R,CPE)-Ws",
        "L-R-p(R-Wo,CPE)",
        "R-TLMieQ",
        "R-p(R,C)-TLMii",
    ] {
        let c = parse_circuit(text).unwrap();
        let starts = circuit_starts(&c, &s);
        assert!(!starts.is_empty(), "{text}");
        for start in starts {
            let mut m = c.clone();
            assert!(m.set_params(&start).is_ok(), "{text}: {start:?}");
        }
    }
}

#[test]
fn an_interval_holds_its_estimate_for_a_cpe_fitted_at_its_bound() {
    // A pure capacitor seen through a CPE: n runs to its bound 1, beyond
    // where its profile is followed (|u| ≤ LOGISTIC_EDGE); each interval
    // must still hold its own estimate.
    for noise in [0.0, 1e-3] {
        let mut truth = parse_circuit("R-C").unwrap();
        truth.set_params(&[10.0, 1e-6]).unwrap();
        let s = synthetic_spectrum(
            &truth,
            &log_frequencies(1e6, 0.1, 41),
            noise,
            &mut SplitMix64::new(3),
            "R-C",
        );
        let fit =
            fit_circuit(&parse_circuit("R-CPE").unwrap(), &s, &FitOptions::default()).unwrap();
        for p in &fit.params {
            let ci = p.ci95.expect("profiled");
            assert!(
                ci.contains(p.value),
                "noise {noise}: {} = {} outside {ci:?}",
                p.name,
                p.value
            );
        }
    }
}
