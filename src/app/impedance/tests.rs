//! Tests of the impedance view model: fits back to hand-computed τ, the
//! high-frequency limit of MODELS.md, stale fits, empty workspace.

use super::model::*;
use super::view::view;
use crate::app::state::State;
use crate::fit::verdict::Verdict;
use crate::fit::{Interval, SecondMinimum};
use crate::numerics::grid::log_space;

fn state(query: &str) -> State {
    let (state, notices) = crate::app::url::decode(query);
    assert!(notices.is_empty(), "{notices:?}");
    state
}

#[test]
fn fits_a_line_back_to_the_hand_computed_tau() {
    // R_ion = 100 Ω over L = 100 µm and A = 1 cm²: σ_eff = 0.01/(100·1)
    // = 1e-4 S/cm; with ε = 0.4 and σ_i = 1 mS/cm, τ = 0.4·1e-3/1e-4 = 4.
    let s =
        state("zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1");
    let freq = log_space(1e-2, 1e6, 61);
    let data = line_spectrum(&s, &[10.0, 100.0, 0.5, 1e-4], &freq, "synthetic").unwrap();
    let outcome = fit_one(&s, &data).unwrap();
    let d = derived_for(&s, &outcome.report).1.unwrap();
    assert!(
        (d.tortuosity.value - 4.0).abs() < 0.01,
        "{}",
        d.tortuosity.value
    );
    assert!((d.sigma_eff_s_per_cm.value - 1e-4).abs() < 1e-6);
    let v = view(
        &s,
        &[Loaded {
            file: "synthetic.csv".into(),
            index: 1,
            spectrum: data,
            outcome: Some(Ok(outcome)),
            masked: Vec::new(),
        }],
        0,
    );
    assert!((v.send_tau.unwrap() - d.tortuosity.value).abs() < 1e-12);
    assert!(v
        .table
        .unwrap()
        .rows
        .iter()
        .any(|r| r[0].starts_with("r_ion")));
}

#[test]
fn geometry_entered_after_the_fit_updates_tau_and_a_new_layout_asks_to_refit() {
    let s =
        state("zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1");
    let freq = log_space(1e-2, 1e6, 61);
    let data = line_spectrum(&s, &[10.0, 100.0, 0.5, 1e-4], &freq, "synthetic").unwrap();
    let loaded = [Loaded {
        file: "synthetic.csv".into(),
        index: 1,
        outcome: Some(Ok(fit_one(&s, &data).unwrap())),
        masked: Vec::new(),
        spectrum: data,
    }];
    let tau = view(&s, &loaded, 0).send_tau.unwrap();
    // Twice the thickness: σ_eff = L/(R_ion·A) doubles, so τ = ε·σ_i/σ_eff halves.
    let s2 =
        state("zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10&zl=200&za=1&zeps=0.4&zsig=1");
    let v2 = view(&s2, &loaded, 0);
    assert!((v2.send_tau.unwrap() - tau / 2.0).abs() < 1e-9 * tau);
    assert!(!v2.messages.iter().any(|m| m.contains("to fit again")));
    let s3 =
        state("zmodel=line&layout=electron-electron&iface=c&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1");
    assert!(view(&s3, &loaded, 0)
        .messages
        .iter()
        .any(|m| m.contains("to fit again")));
}

#[test]
fn the_verdict_comes_first_and_a_fit_that_does_not_describe_gives_no_tau() {
    let s =
        state("zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1");
    let freq = log_space(1e-2, 1e6, 61);
    let data = line_spectrum(&s, &[10.0, 100.0, 0.5, 1e-4], &freq, "synthetic").unwrap();
    let mut outcome = fit_one(&s, &data).unwrap();
    let mut loaded = vec![Loaded {
        file: "synthetic.csv".into(),
        index: 1,
        outcome: Some(Ok(outcome.clone())),
        masked: Vec::new(),
        spectrum: data.clone(),
    }];
    let v = view(&s, &loaded, 0);
    let verdict = v.verdict.as_ref().unwrap();
    assert_eq!((verdict.key, verdict.text.as_str()), ("good", "good"));
    assert_eq!(verdict.reasons, outcome.report.judgement.reasons);
    let kk = v.rows.iter().find(|r| r.id == "zkk").unwrap();
    assert!(kk.value.contains("Passes"), "{}", kk.value);
    assert!(v.send_tau.is_some());
    // The same fit judged "does not describe": τ is not offered and the row says why.
    outcome.report.judgement.verdict = Verdict::DoesNotDescribe;
    loaded[0].outcome = Some(Ok(outcome));
    let v = view(&s, &loaded, 0);
    assert_eq!(v.verdict.unwrap().key, "does_not_describe");
    assert_eq!(v.send_tau, None);
    assert!(v.send_tau_why.unwrap().contains("does not describe"));
    let tau = v.rows.iter().find(|r| r.id == "ztau").unwrap();
    assert_eq!(tau.value, "—");
    assert!(
        tau.why.as_deref().unwrap().contains("does not describe"),
        "{tau:?}"
    );
}

#[test]
fn simulation_meets_the_high_frequency_limit() {
    // MODELS.md: ω → ∞ gives R_bulk + R_ion·R_e/S for every layout.
    let s = state("zmode=sim&iface=c&srb=10&sri=100&sre=20&sc=1e-5&layout=ion-electron");
    let z = line_spectrum(&s, &[10.0, 100.0, 20.0, 1e-5], &[1e13], "x")
        .unwrap()
        .z_ohm[0];
    assert!((z.re - (10.0 + 100.0 * 20.0 / 120.0)).abs() < 0.01, "{z}");
    let sim = simulate(&s).unwrap();
    assert_eq!(sim.len(), simulation_frequencies_hz().len());
    let v = view(&s, &[], 0);
    assert!(v.rows.iter().any(|r| r.id == "ztau"));
}

#[test]
fn no_spectrum_no_numbers_but_a_hint() {
    let v = view(&State::default(), &[], 0);
    assert!(v.rows.is_empty() && v.messages[0].contains("Load a spectrum"));
}

#[test]
fn an_outcome_crosses_as_postcard_bytes_and_is_checked_on_arrival() {
    // What the page worker sends: the outcome as postcard bytes, without its model curve.
    let s = state("zmodel=line&layout=ion-electron&iface=cpe&rbulk=free");
    let data = line_spectrum(
        &s,
        &[10.0, 100.0, 5.0, 1e-4, 0.85],
        &log_space(1e-2, 1e6, 41),
        "d",
    )
    .unwrap();
    let mut sent = fit_one(&s, &data).unwrap();
    if let Some(kk) = sent.report.kk.as_mut() {
        kk.fitted_ohm.clear(); // the KK fit itself is not sent: the page shows its residuals only
    }
    // An open end and a second minimum must cross too.
    sent.report.fit.params[1].ci95 = Some(Interval {
        lo: Some(90.0),
        hi: None,
    });
    sent.report.fit.params[1].second_minimum = Some(SecondMinimum {
        value: 50.0,
        excess_chi2_per_dof: 1.5,
    });
    let bytes = crate::app::wire::to_wire(&sent).unwrap();
    let got: Outcome = crate::app::wire::from_wire(&bytes).unwrap();
    assert!(
        got.model.z_ohm.is_empty(),
        "the model curve travels beside the outcome"
    );
    let got = got.arrived(&data, sent.model.z_ohm.clone()).unwrap();
    assert_eq!(got.report, sent.report);
    assert_eq!(got.model, sent.model);
    assert_eq!(got.settings, sent.settings);
    // A model curve of another length: refused.
    let mut short = sent.model.z_ohm.clone();
    short.pop();
    assert!(sent.clone().arrived(&data, short).is_err());
}

#[test]
fn the_default_model_is_chosen_from_the_shape_and_reported_with_why() {
    // One arc from a blocking (ion–ion) line with R_bulk = 10 Ω: the
    // default (auto) holds R_bulk at the 45° intercept and asks for the
    // measured value; the model row names the line it fitted.
    let line = state("zmodel=line&layout=ion-ion&iface=c&zl=100&za=1&zeps=0.4&zsig=1");
    let data = line_spectrum(
        &line,
        &[10.0, 100.0, 0.5, 1e-4],
        &log_space(1e-2, 1e6, 61),
        "d",
    )
    .unwrap();
    let auto = state("zl=100&za=1&zeps=0.4&zsig=1");
    let loaded = [Loaded {
        file: "d.csv".into(),
        index: 1,
        outcome: Some(Ok(fit_one(&auto, &data).unwrap())),
        masked: Vec::new(),
        spectrum: data,
    }];
    let v = view(&auto, &loaded, 0);
    let model = v.rows.iter().find(|r| r.id == "zmodelfit").unwrap();
    assert!(model.value.starts_with("tlm ion-ion"), "{}", model.value);
    assert!(v.messages.iter().any(|m| m.contains("R_bulk is held")));
    // Every status the table prints agrees with the fit's flags.
    let report = &loaded[0].outcome.as_ref().unwrap().as_ref().unwrap().report;
    for (row, p) in v.table.unwrap().rows.iter().zip(&report.fit.params) {
        // (A value at its bound — n of a CPE fitted to a capacitor — is
        // not determined and says why: it sits on the bound.)
        assert_eq!(row[4].starts_with("AT ITS BOUND"), p.at_bound.is_some());
        assert_eq!(
            row[4].starts_with("NOT DETERMINED") || row[4].starts_with("AT ITS BOUND"),
            !p.fixed && !p.determined
        );
        assert_eq!(row[4] == "held", p.fixed);
    }
}

#[test]
fn several_spectra_are_overlaid_the_shown_one_first() {
    let s = state("zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10");
    let freq = log_space(1e-2, 1e6, 21);
    let loaded: Vec<Loaded> = (0..10)
        .map(|k| Loaded {
            file: format!("f{k}.csv"),
            index: 1,
            spectrum: line_spectrum(
                &s,
                &[10.0, 100.0 + k as f64, 0.5, 1e-4],
                &freq,
                &format!("s{k}"),
            )
            .unwrap(),
            outcome: None,
            masked: Vec::new(),
        })
        .collect();
    let labels: Vec<String> = super::view::overlay(&loaded, 4)
        .into_iter()
        .map(|s| s.label)
        .collect();
    assert_eq!(labels, ["s4", "s0", "s1", "s2", "s3", "s5", "s6", "s7"]);
    let v = view(&s, &loaded, 4);
    assert!(v
        .messages
        .iter()
        .any(|m| m.starts_with("8 spectra overlaid")));
    let nyquist = v.plots.iter().find(|p| p.id == "nyquist").unwrap();
    let names: Vec<&str> = nyquist
        .figure
        .as_ref()
        .unwrap()
        .series
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(names.contains(&"s0") && names.contains(&"s4"), "{names:?}");
}

#[test]
fn masked_points_leave_the_fit_are_drawn_apart_and_unmask_again() {
    let s = state("zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10");
    let freq = log_space(1e-2, 1e6, 21);
    let data = line_spectrum(&s, &[10.0, 100.0, 0.5, 1e-4], &freq, "d").unwrap();
    let mut item = Loaded {
        file: "d.csv".into(),
        index: 1,
        spectrum: data.clone(),
        outcome: None,
        masked: Vec::new(),
    };
    // The point drawn at a pixel of the Nyquist figure, from its mapping.
    let v = view(&s, std::slice::from_ref(&item), 0);
    let fig = v.plots[0].figure.as_ref().unwrap();
    let l = crate::plot::layout(fig);
    let z = data.z_ohm[5];
    let (px, py) = (l.x.to_px(z.re).unwrap(), l.y.to_px(-z.im).unwrap());
    let k = item.point_near(fig, px + 2.0, py - 2.0).unwrap();
    assert_eq!(k, 5);
    assert_eq!(item.point_near(fig, px + 40.0, py + 40.0), None);
    item.toggle_mask(k).unwrap();
    item.mask_all(&[2, 5, 9]).unwrap();
    assert_eq!(item.masked, [2, 5, 9]);
    let kept = item.fitted_part();
    assert_eq!(kept.len(), 18);
    assert!(!kept.freq_hz.contains(&freq[5]) && kept.freq_hz.contains(&freq[4]));
    assert_eq!(item.masked_part().freq_hz, [freq[2], freq[5], freq[9]]);
    // The fit uses the kept points; the view lists the masked ones.
    item.outcome = Some(Ok(fit_one(&s, &kept).unwrap()));
    let v = view(&s, std::slice::from_ref(&item), 0);
    assert!(
        v.messages
            .iter()
            .any(|m| m.starts_with("3 point(s) masked")),
        "{:?}",
        v.messages
    );
    let nyquist = v
        .plots
        .iter()
        .find(|p| p.id == "nyquist")
        .unwrap()
        .figure
        .as_ref()
        .unwrap();
    assert!(nyquist
        .series
        .iter()
        .any(|s| s.name == "masked (3)" && s.len() == 3));
    assert!(v.plots.iter().any(|p| p.id == "kk" && p.figure.is_some()));
    // Unmasking one; too few points left is refused.
    item.toggle_mask(5).unwrap();
    assert_eq!(item.masked, [2, 9]);
    assert!(item.mask_all(&(0..21).collect::<Vec<_>>()).is_err());
    assert!(item.fitted_part().len() >= crate::io::MIN_POINTS);
    // A frequency range masks what lies outside it (frequencies fall from 1 MHz).
    item.masked.clear();
    let inside = freq.iter().filter(|&&f| (1.0..=1e4).contains(&f)).count();
    assert!((10..=12).contains(&inside));
    assert_eq!(item.mask_outside(Some(1.0), Some(1e4)), Ok(21 - inside));
    let kept = item.fitted_part();
    assert!(
        kept.freq_hz.iter().all(|&f| (1.0..=1e4).contains(&f)),
        "{:?}",
        kept.freq_hz
    );
    assert_eq!(kept.len(), inside);
    assert!(item.mask_outside(Some(10.0), Some(1.0)).is_err());
    assert!(item.mask_outside(Some(1e5), Some(2e5)).is_err());
}

#[test]
fn the_warm_up_runs_both_branches_of_the_automatic_model() {
    // The page worker's warm-up (worker_warm) exists to run the fit code a
    // first batch runs: with the page's defaults, one spectrum must get a
    // transmission line and the other a circuit.
    let spectra = warm_up_spectra().unwrap();
    let models: Vec<String> = spectra
        .iter()
        .map(|s| fit_one(&State::default(), s).unwrap().report.model)
        .collect();
    assert!(models[0].starts_with("tlm "), "{models:?}");
    assert!(models[1].contains("p(R,CPE)"), "{models:?}");
}
