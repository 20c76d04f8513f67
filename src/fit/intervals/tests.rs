use crate::fit::profile::{thin, MAX_KEPT};
use crate::fit::report::{fit_report, FitReport, FitRequest, IonicRail, ModelRequest};
use crate::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use crate::fit::{fit_line, fit_model, FitOptions, FitResult, InterfaceKind};
use crate::impedance::{Interface, Layout, Model, TwoRailLine};
use crate::spectrum::Spectrum;

/// An ion–ion line (R_bulk 20 Ω, R_ion 400 Ω, R_e 40 Ω, 1 µF), 41 points
/// 1 MHz–0.1 Hz with 1 % noise.
fn blocking_spectrum(seed: u64) -> (TwoRailLine, Spectrum) {
    let line = TwoRailLine::new(
        Layout::IonIon,
        400.0,
        40.0,
        Interface::Capacitor { c_dl_f: 1e-6 },
        20.0,
    )
    .unwrap();
    let freqs = log_frequencies(1e6, 0.1, 41);
    let spectrum = synthetic_spectrum(&line, &freqs, 0.01, &mut SplitMix64::new(seed), "test");
    (line, spectrum)
}

fn held_fit() -> (TwoRailLine, Spectrum, FitOptions, FitResult) {
    let (line, spectrum) = blocking_spectrum(7);
    let options = FitOptions {
        fixed: vec![("r_bulk".into(), 20.0)],
        ..FitOptions::default()
    };
    let fit = fit_line(
        Layout::IonIon,
        InterfaceKind::Capacitor,
        &spectrum,
        &options,
    )
    .unwrap();
    (line, spectrum, options, fit)
}

#[test]
fn kept_profile_points_agree_with_refits_held_there() {
    let (line, spectrum, options, fit) = held_fit();
    let threshold = fit.profile_threshold.expect("profiled");
    let s2 = fit.reduced_chi2;
    let r_ion = fit.param("r_ion").unwrap();
    assert!(r_ion.profile.len() >= 4 && r_ion.profile.len() <= MAX_KEPT);
    assert!(r_ion.profile.windows(2).all(|w| w[0].0 < w[1].0));
    // Each kept point again, independently: the public fit with R_ion held
    // there (and profiles off), started from the fit's values.
    let mut start = line;
    start.set_params(&fit.values()).unwrap();
    for &(value, statistic) in &r_ion.profile {
        let mut held = options.clone();
        held.profiles = false;
        held.fixed.push(("r_ion".into(), value));
        let refit = fit_model(&start, &spectrum, &held).unwrap();
        let again = (refit.chi2 - fit.chi2) / s2;
        assert!(
            (again - statistic).abs() <= 0.02 * threshold + 0.01 * statistic,
            "R_ion = {value}: kept {statistic}, refit {again}"
        );
    }
    // The threshold F₀.₉₅(1, ν), ν = 2·41 − 3: t₀.₉₇₅(79)² ≈ 1.990².
    assert!((threshold - 1.990f64.powi(2)).abs() < 0.01, "{threshold}");
}

#[test]
fn each_closed_end_lies_between_kept_points_either_side_of_the_threshold() {
    let (_, _, _, fit) = held_fit();
    let threshold = fit.profile_threshold.unwrap();
    for p in fit.params.iter().filter(|p| !p.fixed) {
        let ci = p.ci95.unwrap();
        for (end, outward) in [(ci.lo.unwrap(), -1.0), (ci.hi.unwrap(), 1.0)] {
            // Outermost kept point inside (below the threshold, within 2 %
            // tolerance) and innermost beyond it.
            let inside = p
                .profile
                .iter()
                .filter(|q| (q.0 - p.value) * outward >= 0.0 && q.1 <= 1.02 * threshold)
                .map(|q| q.0 * outward)
                .fold(f64::NEG_INFINITY, f64::max);
            let beyond = p
                .profile
                .iter()
                .filter(|q| (q.0 - p.value) * outward > 0.0 && q.1 >= 0.98 * threshold)
                .map(|q| q.0 * outward)
                .fold(f64::INFINITY, f64::min);
            let e = end * outward;
            assert!(
                inside <= e + 1e-12 * e.abs() && e <= beyond + 1e-12 * e.abs(),
                "{}: end {end} not between kept points {:?}",
                p.name,
                p.profile
            );
        }
    }
}

#[test]
fn the_report_carries_the_profile_through_json_and_the_worker_bytes() {
    let (_, spectrum) = blocking_spectrum(3);
    let request = FitRequest {
        model: ModelRequest::Line {
            layout: Layout::IonIon,
            interface: InterfaceKind::Capacitor,
        },
        options: FitOptions {
            fixed: vec![("r_bulk".into(), 20.0)],
            ..FitOptions::default()
        },
        ionic_rail: IonicRail::Larger,
        geometry: None,
        kk: false,
        kk_options: crate::fit::kk::KkOptions::default(),
    };
    let report = fit_report(&spectrum, &request).unwrap();
    let json = report.to_json();
    let r_ion = json["params"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "r_ion")
        .unwrap();
    let points = r_ion["profile"].as_array().unwrap();
    assert!(!points.is_empty() && points.iter().all(|q| q.as_array().unwrap().len() == 2));
    assert!(json["profile_threshold"].as_f64().unwrap() > 3.0);
    // The fixed R_bulk has no profile and no field.
    let r_bulk = &json["params"][0];
    assert_eq!(r_bulk["name"], "r_bulk");
    assert!(r_bulk.get("profile").is_none());
    let back: FitReport = postcard::from_bytes(&postcard::to_allocvec(&report).unwrap()).unwrap();
    let (a, b) = (
        &back.fit.param("r_ion").unwrap().profile,
        &report.fit.param("r_ion").unwrap().profile,
    );
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        for (a, b) in [(x.0, y.0), (x.1, y.1)] {
            assert!(
                (a - b).abs() <= 1e-15 * b.abs().max(1e-300),
                "{x:?} vs {y:?}"
            );
        }
    }
    // CSV leaves the points out (a per-point array) but keeps the threshold.
    let columns = crate::io::csv::flatten(&json);
    assert!(columns.iter().all(|(name, _)| !name.contains("_profile")));
    assert!(columns.iter().any(|(name, _)| name == "profile_threshold"));
}

#[test]
fn thinning_keeps_the_minimum_the_extremes_and_the_crossings() {
    // A parabola 4·(t − 0.3)² on 101 points of [-2, 2], threshold 3.9.
    let points: Vec<(f64, f64)> = (0..=100)
        .rev()
        .map(|k| {
            let t = -2.0 + 0.04 * k as f64;
            (t, 4.0 * (t - 0.3f64).powi(2))
        })
        .collect();
    let kept = thin(points.clone(), 3.9, 12);
    assert_eq!(kept.len(), 12);
    assert!(kept.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(kept[0].0, -2.0);
    assert!((kept[11].0 - 2.0).abs() < 1e-12);
    assert!(kept
        .iter()
        .any(|p| (p.0 - 0.28).abs() < 1e-9 || (p.0 - 0.32).abs() < 1e-9));
    // Crossings at 0.3 ± √(3.9/4) = −0.687, 1.287: a kept pair brackets each.
    for crossing in [0.3 - (3.9f64 / 4.0).sqrt(), 0.3 + (3.9f64 / 4.0).sqrt()] {
        assert!(kept.windows(2).any(|w| w[0].0 <= crossing
            && crossing <= w[1].0
            && (w[0].1 - 3.9) * (w[1].1 - 3.9) <= 0.0));
        let gap = kept
            .windows(2)
            .find(|w| w[0].0 <= crossing && crossing <= w[1].0)
            .unwrap();
        assert!(gap[1].0 - gap[0].0 < 0.05, "{gap:?}");
    }
    // Duplicates of one t keep the lowest.
    let twice = thin(vec![(1.0, 5.0), (1.0, 2.0), (0.0, 0.0)], 3.9, 12);
    assert_eq!(twice, vec![(0.0, 0.0), (1.0, 2.0)]);
}

/// R-p(R,CPE), R₀ 10 Ω, R₁ 100 Ω, Q 10⁻⁶ F·s^(n−1), computed here for any
/// exponent `n` (also n > 1, past the model's bound), 61 points 1 MHz–0.1 Hz
/// with 1 % noise.
fn zarc_spectrum(n: f64, seed: u64) -> Spectrum {
    let mut rng = SplitMix64::new(seed);
    let freq_hz = log_frequencies(1e6, 0.1, 61);
    let z_ohm = freq_hz
        .iter()
        .map(|f| {
            let jw = num_complex::Complex64::new(0.0, std::f64::consts::TAU * f);
            let z = 10.0 + 100.0 / (1.0 + 100.0 * 1e-6 * jw.powf(n));
            let s = 0.01 * z.norm();
            z + num_complex::Complex64::new(s * rng.normal(), s * rng.normal())
        })
        .collect();
    Spectrum {
        label: format!("zarc n = {n}"),
        freq_hz,
        z_ohm,
    }
}

fn zarc_report(n: f64, seed: u64) -> FitReport {
    let request = FitRequest {
        model: ModelRequest::Circuit(
            crate::impedance::notation::parse_circuit("R-p(R,CPE)").unwrap(),
        ),
        options: FitOptions::default(),
        ionic_rail: IonicRail::Larger,
        geometry: None,
        kk: false,
        kk_options: crate::fit::kk::KkOptions::default(),
    };
    fit_report(&zarc_spectrum(n, seed), &request).unwrap()
}

#[test]
fn an_exponent_driven_past_one_is_reported_at_its_bound_not_with_an_error_bar() {
    use crate::fit::{AtBound, BoundSide};
    // The data's n = 1.05 lies past the CPE's bound n ≤ 1: the best fit
    // is on the bound, whatever the noise draw.
    for seed in [1, 2, 3] {
        let report = zarc_report(1.05, seed);
        let n = report.fit.param("n2").unwrap();
        assert_eq!(
            n.at_bound,
            Some(AtBound {
                side: BoundSide::Upper,
                value: 1.0
            }),
            "seed {seed}: {n:?}"
        );
        assert!(!n.determined && n.stderr.is_none());
        // Its interval ends at the bound and reaches below it.
        let ci = n.ci95.unwrap();
        assert_eq!(ci.hi, Some(1.0));
        assert!(ci.lo.is_some_and(|lo| lo < 1.0));
        assert!(report.fit.notes.iter().any(|s| s.contains("n2 ≤ 1")));
        // Every output says so: the JSON (and the CSV flattened from it).
        let json = report.to_json();
        let n_json = json["params"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "n2")
            .unwrap();
        assert_eq!(n_json["at_bound"]["side"], "upper");
        assert_eq!(n_json["at_bound"]["value"], 1.0);
        // The other parameters are inside their ranges: no field.
        for p in json["params"].as_array().unwrap() {
            if p["name"] != "n2" {
                assert!(p.get("at_bound").is_none(), "{p}");
            }
        }
    }
}

#[test]
fn an_exponent_well_inside_its_range_is_not_at_a_bound() {
    for seed in [1, 2, 3] {
        let report = zarc_report(0.8, seed);
        let n = report.fit.param("n2").unwrap();
        assert!(n.at_bound.is_none(), "seed {seed}: {n:?}");
        assert!(n.determined);
        let ci = n.ci95.unwrap();
        assert!(
            ci.lo.unwrap() < 0.8 && ci.hi.unwrap() > 0.8 && ci.hi.unwrap() < 1.0,
            "{ci:?}"
        );
        let json = report.to_json();
        assert!(json["params"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p.get("at_bound").is_none()));
    }
}
