use num_complex::Complex64;

use super::*;
use crate::app::state::State;
use crate::fit::drt::{drt, DrtOptions};

/// R_0 + R_1/(1 + iωR_1C_1) + R_2/(1 + iωR_2C_2), 10 points per decade,
/// 1 MHz to 10 mHz: two arcs at τ₁ = 1 µs and τ₂ = 10 ms.
fn two_arcs() -> Spectrum {
    let freq_hz = crate::fit::synth::log_frequencies(1e6, 1e-2, 81);
    let rc = |r: f64, tau: f64, w: f64| Complex64::new(r, 0.0) / Complex64::new(1.0, w * tau);
    let z_ohm = freq_hz
        .iter()
        .map(|f| {
            let w = std::f64::consts::TAU * f;
            Complex64::new(20.0, 0.0) + rc(100.0, 1e-6, w) + rc(300.0, 1e-2, w)
        })
        .collect();
    Spectrum {
        label: "two arcs".into(),
        freq_hz,
        z_ohm,
    }
}

fn loaded(spectrum: Spectrum) -> Loaded {
    Loaded {
        file: "a.txt".into(),
        index: 1,
        spectrum,
        outcome: None,
        masked: Vec::new(),
    }
}

#[test]
fn peaks_sit_at_the_arcs_time_constants_with_their_resistances() {
    let answer = run(&two_arcs(), DrtLambda::Gcv).unwrap();
    assert_eq!(answer.peaks.len(), 2, "{:?}", answer.peaks);
    for (peak, (tau, r)) in answer.peaks.iter().zip([(1e-6, 100.0), (1e-2, 300.0)]) {
        // Within 5 % of a decade in log τ (the target) and 10 % in R.
        assert!(
            (peak.tau_s / tau).log10().abs() < 0.05,
            "{} vs {tau}",
            peak.tau_s
        );
        assert!((peak.resistance_ohm / r - 1.0).abs() < 0.1, "{peak:?}");
    }
    assert!(
        (answer.r_inf_ohm - 20.0).abs() < 2.0,
        "{}",
        answer.r_inf_ohm
    );
}

#[test]
fn the_figure_draws_the_cores_curve_and_marks_its_peaks() {
    let s = two_arcs();
    let answer = run(&s, DrtLambda::LCurve).unwrap();
    let core = drt(
        &s,
        &DrtOptions {
            lambda: LambdaChoice::LCurve,
            ..Default::default()
        },
    )
    .unwrap();
    let fig = figure(&answer).unwrap();
    assert_eq!(fig.series[0].x, core.tau_s);
    assert_eq!(fig.series[0].y, core.gamma_ohm);
    assert_eq!(fig.marks.len(), core.peaks.len());
    for (m, p) in fig.marks.iter().zip(&core.peaks) {
        assert_eq!((m.x, m.y), (p.tau_s, p.gamma_ohm));
    }
    assert!(fig.title.contains("L-curve"), "{}", fig.title);
    assert_eq!(answer.lambda, core.lambda_lcurve);
    // The implied spectrum is the core's fitted one.
    let implied = implied(&answer, &s.freq_hz).unwrap();
    assert_eq!(implied.z_ohm, core.fitted_ohm);
}

#[test]
fn a_drt_that_cannot_be_computed_says_why_in_one_line() {
    let mut s = two_arcs();
    s.freq_hz.truncate(4);
    s.z_ohm.truncate(4);
    let why = run(&s, DrtLambda::Gcv).unwrap_err();
    assert!(why.starts_with("No DRT") && !why.contains('\n'), "{why}");
    let inductive = Spectrum {
        label: "coil".into(),
        freq_hz: vec![1.0, 10.0, 100.0, 1e3, 1e4, 1e5],
        z_ohm: [1.0, 10.0, 100.0, 1e3, 1e4, 1e5]
            .iter()
            .map(|f| Complex64::new(5.0, 1e-6 * std::f64::consts::TAU * f))
            .collect(),
    };
    let why = run(&inductive, DrtLambda::Gcv).unwrap_err();
    assert!(why.contains("inductive"), "{why}");
}

#[test]
fn a_drt_is_shown_only_for_the_spectrum_and_mask_it_was_computed_for() {
    let s = two_arcs();
    let mut item = loaded(s.clone());
    let mut panel = Panel::default();
    let state = State::default();
    panel.ask(7, Key::of(&item));
    let mut view = super::super::view::view(&state, std::slice::from_ref(&item), 0);
    add_to_view(&mut view, &item, &panel);
    assert!(view
        .messages
        .iter()
        .any(|m| m.contains("Computing the DRT")));
    // A stale answer does not count.
    assert!(!panel.answered(6, run(&s, DrtLambda::Gcv)));
    assert!(panel.answered(7, run(&s, DrtLambda::Gcv)));
    let mut view = super::super::view::view(&state, std::slice::from_ref(&item), 0);
    add_to_view(&mut view, &item, &panel);
    assert!(view
        .plots
        .iter()
        .any(|p| p.id == "drt" && p.figure.is_some()));
    assert!(view
        .rows
        .iter()
        .any(|r| r.id == "zdrt" && r.value.contains("GCV")));
    let ny = view.figure_mut("nyquist").unwrap();
    assert!(ny.series.iter().any(|s| s.name == "DRT’s spectrum"));
    // Masking a point makes it another spectrum.
    item.toggle_mask(0).unwrap();
    let mut view = super::super::view::view(&state, std::slice::from_ref(&item), 0);
    add_to_view(&mut view, &item, &panel);
    assert!(view.plots.iter().all(|p| p.id != "drt"));
}

#[test]
fn an_answer_crosses_as_numbers_and_a_malformed_one_is_refused() {
    let answer = run(&two_arcs(), DrtLambda::LCurve).unwrap();
    let flat = answer.to_flat();
    assert_eq!(
        DrtAnswer::from_flat(&flat, answer.text.clone()).unwrap(),
        answer
    );
    assert!(DrtAnswer::from_flat(&flat[..flat.len() - 1], String::new()).is_err());
    assert!(DrtAnswer::from_flat(&[], String::new()).is_err());
}
