//! The engine fits any `Model`: here a circuit from the notation parser,
//! from starting values a factor 2–3 off, on a spectrum made from known values.

use ionpath::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use ionpath::fit::{fit_from_starts, fit_model, FitOptions};
use ionpath::impedance::notation::parse_circuit;
use ionpath::impedance::Model;

#[test]
fn randles_like_circuit_is_recovered_from_rough_guesses() {
    let mut truth = parse_circuit("R-p(R,CPE)").unwrap();
    let values = [12.0, 150.0, 2e-5, 0.85];
    truth.set_params(&values).unwrap();
    let spectrum = synthetic_spectrum(
        &truth,
        &log_frequencies(1e5, 0.1, 50),
        0.0,
        &mut SplitMix64::new(1),
        "randles",
    );
    let mut start = truth.clone();
    start.set_params(&[30.0, 60.0, 5e-5, 0.7]).unwrap();
    let fit = fit_model(&start, &spectrum, &FitOptions::default()).unwrap();
    assert!(fit.converged && fit.determined, "{:?}", fit.notes);
    for (p, want) in fit.params.iter().zip(values) {
        assert!(
            (p.value - want).abs() < 1e-6 * want,
            "{}: {} vs {want}",
            p.name,
            p.value
        );
    }
}

/// A multi-start given the same start twice tries it twice (both count)
/// but runs the optimiser once: the second ends where the first did.
#[test]
fn a_repeated_start_is_not_fitted_again() {
    let mut truth = parse_circuit("R-p(R,CPE)").unwrap();
    truth.set_params(&[12.0, 150.0, 2e-5, 0.85]).unwrap();
    let spectrum = synthetic_spectrum(
        &truth,
        &log_frequencies(1e5, 0.1, 40),
        0.01,
        &mut SplitMix64::new(3),
        "randles, 1 % noise",
    );
    let start = vec![30.0, 60.0, 5e-5, 0.7];
    // Every start is tried, however well the first fits.
    let options = FitOptions {
        min_starts: 2,
        good_rms: 0.0,
        profiles: false,
        ..FitOptions::default()
    };
    let once = fit_from_starts(&truth, std::slice::from_ref(&start), &spectrum, &options).unwrap();
    let twice = fit_from_starts(&truth, &[start.clone(), start], &spectrum, &options).unwrap();
    assert_eq!((once.starts_tried, twice.starts_tried), (1, 2));
    assert!(once.evaluations > 0);
    assert_eq!(twice.evaluations, once.evaluations);
    assert_eq!(twice.values(), once.values());
}
