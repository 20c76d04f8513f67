use serde_json::Value;

use super::*;
use crate::fit::derived::Geometry;
use crate::fit::result::SecondMinimum;
use crate::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use crate::impedance::{Interface, TwoRailLine};

/// An automatic fit of an ion–electron line with the geometry and the KK
/// check asked for: every optional part of a report is there but `file`.
fn auto_report() -> FitReport {
    let line = TwoRailLine::new(
        Layout::IonElectron,
        200.0,
        2.0,
        Interface::Capacitor { c_dl_f: 1e-5 },
        10.0,
    )
    .unwrap();
    let spectrum = synthetic_spectrum(
        &line,
        &log_frequencies(1e6, 0.01, 61),
        0.002,
        &mut SplitMix64::new(7),
        "s",
    );
    let request = FitRequest {
        model: ModelRequest::Auto,
        options: FitOptions::default(),
        ionic_rail: IonicRail::Larger,
        geometry: Some(Geometry {
            thickness_cm: 0.01,
            area_cm2: 1.0,
            epsilon: 0.4,
            sigma_i_s_per_cm: 1e-3,
        }),
        kk: true,
        kk_options: KkOptions::default(),
    };
    fit_report(&spectrum, &request).unwrap()
}

#[test]
fn the_json_report_lifts_the_verdict_and_the_fit_to_the_top_and_omits_what_is_absent() {
    let mut report = auto_report();
    report.fit.params[0].second_minimum = Some(SecondMinimum {
        value: 3.0,
        excess_chi2_per_dof: 0.5,
    });
    let plain = serde_json::to_value(&report).unwrap();
    let json = report.to_json();
    let top = json.as_object().unwrap();
    // Every member of the nested form appears once at the top, with its value.
    for part in ["judgement", "fit"] {
        for (key, value) in plain[part].as_object().unwrap() {
            if value.is_null() && OPTIONAL_TOP.contains(&key.as_str()) {
                assert!(!top.contains_key(key), "{key} absent, left out");
            } else if key != "params" {
                assert_eq!(&top[key], value, "{part}.{key}");
            }
        }
    }
    assert!(!top.contains_key("judgement") && !top.contains_key("fit"));
    assert_eq!(top["verdict"], plain["judgement"]["verdict"]);
    assert!(top["verdict_reasons"].is_array() && top["verdict_measures"].is_object());
    // Absent optional members are left out, present ones kept.
    assert!(!top.contains_key("file"), "no file in a report of the api");
    for key in ["model_choice", "kk", "ionic_rail", "rails_swapped"] {
        assert!(top.contains_key(key), "{key} present in the fit");
    }
    assert!(top.contains_key("derived") != top.contains_key("derived_withheld"));
    // σ_eff, τ and α, never at a bound, leave `at_bound` out too.
    let derived = top["derived"]
        .as_object()
        .expect("derived, with the geometry given");
    let estimates: Vec<_> = derived.values().filter_map(Value::as_object).collect();
    assert!(!estimates.is_empty());
    assert!(estimates
        .iter()
        .all(|e| e.contains_key("value") && !e.contains_key("at_bound")));
    // Only members that are not optional may be null.
    assert!(top
        .iter()
        .filter(|(_, v)| v.is_null())
        .all(|(k, _)| !OPTIONAL_TOP.contains(&k.as_str())));
    let params = top["params"].as_array().unwrap();
    assert_eq!(params.len(), report.fit.params.len());
    assert_eq!(params[0]["second_minimum"]["value"], 3.0);
    assert!(params[1..]
        .iter()
        .all(|p| p.get("second_minimum").is_none()));
    for (p, json) in report.fit.params.iter().zip(params) {
        assert_eq!(
            json.get("profile").is_some(),
            !p.profile.is_empty(),
            "{}",
            p.name
        );
    }
    assert_eq!(
        top.contains_key("profile_threshold"),
        report.fit.profile_threshold.is_some()
    );
    // The automatic model: tagged by kind beside its fields.
    let model = &top["model_choice"]["model"];
    assert_eq!(model["kind"], "line", "{model}");
    assert_eq!(model["layout"], "ion-electron");
    // The file, when there is one.
    report.file = Some("a.csv".into());
    assert_eq!(report.to_json()["file"], Value::from("a.csv"));
}

#[test]
fn the_plain_form_crosses_postcard_whole() {
    let report = auto_report();
    let bytes = postcard::to_allocvec(&report).unwrap();
    let back: FitReport = postcard::from_bytes(&bytes).unwrap();
    // The KK fit curve and the rival are not serialised (skipped).
    let mut expected = report.clone();
    if let Some(kk) = expected.kk.as_mut() {
        kk.fitted_ohm.clear();
    }
    expected.fit.rival = None;
    assert_eq!(back, expected);
    // And with every optional part absent (what a JSON report leaves out).
    let mut bare = expected;
    bare.model_choice = None;
    bare.derived = None;
    bare.kk = None;
    bare.ionic_rail = None;
    bare.rails_swapped = None;
    bare.fit.profile_threshold = None;
    for p in &mut bare.fit.params {
        p.profile.clear();
        p.second_minimum = None;
        p.ci95 = None;
    }
    let bytes = postcard::to_allocvec(&bare).unwrap();
    assert_eq!(postcard::from_bytes::<FitReport>(&bytes).unwrap(), bare);
}
