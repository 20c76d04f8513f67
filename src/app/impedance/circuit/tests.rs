use super::*;
use crate::impedance::{parse_circuit, Model};

/// A noise-free R-p(R,CPE)-p(R,CPE) spectrum, 71 points from 1 MHz to 0.1 Hz.
fn two_arcs() -> (crate::impedance::Circuit, Spectrum) {
    let c = parse_circuit("R-p(R,CPE)-p(R,CPE)")
        .unwrap()
        .with_named_params(&[
            ("r0", 10.0),
            ("r1", 100.0),
            ("q2", 1e-6),
            ("n2", 0.9),
            ("r3", 300.0),
            ("q4", 1e-4),
            ("n4", 0.8),
        ])
        .unwrap();
    let freq: Vec<f64> = (0..71).map(|k| 10f64.powf(6.0 - k as f64 * 0.1)).collect();
    let z = freq
        .iter()
        .map(|f| c.impedance(std::f64::consts::TAU * f))
        .collect();
    let s = Spectrum {
        label: "two arcs".into(),
        freq_hz: freq,
        z_ohm: z,
    };
    (c, s)
}

#[test]
fn a_preview_lists_the_circuits_parameters_with_starts_from_the_spectrum() {
    let (c, s) = two_arcs();
    let p = preview("R - p(R,CPE)-p(R,CPE)", Some(&s)).unwrap();
    assert_eq!(p.notation, "R-p(R,CPE)-p(R,CPE)");
    assert!(
        p.formula.starts_with("Z(ω) = r0 + 1/(1/r1 + q2·(iω)^n2)"),
        "{}",
        p.formula
    );
    let names: Vec<String> = c.param_specs().into_iter().map(|s| s.name).collect();
    let got: Vec<String> = p.params.iter().map(|q| q.name.clone()).collect();
    assert_eq!(got, names);
    assert_eq!(p.params[3].range, Domain::Exponent);
    assert_eq!(p.params[0].range, Domain::Positive);
    // Every start is in its range; the series R near the intercept (10 Ω).
    for q in &p.params {
        let v = q.start.unwrap();
        assert!(refuse(q.range, v).is_none(), "{}: {v}", q.name);
    }
    let r0 = p.params[0].start.unwrap();
    assert!((5.0..20.0).contains(&r0), "{r0}");
    // Without a spectrum: no starts.
    let p = preview("R-C", None).unwrap();
    assert!(p.params.iter().all(|q| q.start.is_none()));
}

#[test]
fn the_parameter_table_has_the_fields_the_page_reads_and_escapes_its_text() {
    let params = [ParamInfo {
        name: "<script>&".into(),
        unit: "Ω".into(),
        range: Domain::Positive,
        start: Some(12.345),
    }];
    let html = table_html(&params);
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("<td>&lt;script&gt;&amp; (Ω)</td>"), "{html}");
    assert!(html.contains("aria-label=\"hold &lt;script&gt;&amp; at its start value\""));
    for field in ["start", "lower", "upper", "fixed"] {
        assert!(html.contains(&format!("id=\"cp-{field}-0\"")), "{field}");
    }
    assert!(html.contains("placeholder=\"auto 12.3\""), "{html}");
}

#[test]
fn a_typing_error_is_one_line_naming_the_position() {
    for (text, at, what) in [
        ("R-p(R,X)", "position 7", "unknown element 'X'"),
        ("R-p(R)", "position 6", "at least two branches"),
        ("R-", "position 3", "found the end"),
        ("R2", "position 2", "no numbers"),
    ] {
        let why = preview(text, None).unwrap_err();
        assert!(!why.contains('\n'), "{why}");
        assert!(why.contains(at) && why.contains(what), "{text}: {why}");
    }
}

fn builder() -> Builder {
    let (_, s) = two_arcs();
    let mut b = Builder::default();
    b.take(preview("R-p(R,CPE)-p(R,CPE)", Some(&s)).unwrap());
    b
}

#[test]
fn settings_are_checked_as_typed_and_a_refusal_changes_nothing() {
    let mut b = builder();
    b.set(1, Field::Start, "120").unwrap();
    b.set(1, Field::Lower, "50").unwrap();
    b.set(1, Field::Upper, "500").unwrap();
    for (k, field, text, why) in [
        (1, Field::Start, "abc", "not a number"),
        (1, Field::Start, "-3", "must be > 0"),
        (1, Field::Start, "600", "between the bounds"),
        (1, Field::Lower, "500", "below the upper"),
        (1, Field::Upper, "100", "between the bounds"),
        (1, Field::Lower, "0", "a bound must be > 0"),
        (
            3,
            Field::Start,
            "1.2",
            "n2: the start value must lie in (0, 1]",
        ),
        (3, Field::Upper, "1.5", "n2: a bound must lie in [0, 1]"),
    ] {
        let before = b.clone();
        let e = b.set(k, field, text).unwrap_err();
        assert!(e.contains(why), "{text}: {e}");
        assert_eq!(b, before);
    }
    // Emptying a field makes it automatic again.
    b.set(1, Field::Upper, "").unwrap();
    assert_eq!(b.settings[1].upper, None);
    assert!(b.set(9, Field::Start, "1").is_err());
}

#[test]
fn held_settings_go_to_the_fit_by_name_and_survive_a_new_circuit() {
    let mut b = builder();
    b.set(0, Field::Start, "12").unwrap();
    b.set_fixed(0, true).unwrap();
    b.set(1, Field::Start, "90").unwrap();
    b.set(1, Field::Lower, "10").unwrap();
    b.set(3, Field::Upper, "0.95").unwrap();
    let held = Held::from_text(&b.held_text("R-p(R,CPE)-p(R,CPE)")).unwrap();
    assert_eq!(held.fixed, vec![("r0".to_string(), 12.0)]);
    assert_eq!(held.guesses, vec![("r1".to_string(), 90.0)]);
    assert_eq!(
        held.bounds,
        vec![
            ("r1".to_string(), 10.0, 10.0 * OPEN_SPAN),
            ("n2".to_string(), 0.0, 0.95)
        ]
    );
    // Another circuit's fit gets nothing.
    assert_eq!(b.held_text("R-p(R,C)"), "");
    // A new circuit keeps the settings of the names it shares.
    let (_, s) = two_arcs();
    b.take(preview("R-p(R,CPE)-Wo", Some(&s)).unwrap());
    assert!(b.settings[0].fixed);
    assert_eq!(b.settings[1].start, Some(90.0));
    assert_eq!(b.settings[3].upper, Some(0.95)); // n2 still a CPE's
    assert_eq!(b.settings[4], Setting::default()); // r_w3 is new
}

#[test]
fn holding_needs_a_value() {
    let mut b = Builder::default();
    b.take(preview("R-C", None).unwrap());
    assert!(b
        .set_fixed(0, true)
        .unwrap_err()
        .contains("give a start value"));
    b.set(0, Field::Start, "5").unwrap();
    b.set_fixed(0, true).unwrap();
    assert_eq!(b.held_text("R-C"), "fix r0 5;");
}

/// The held values reach the core fit: r0 held at 12 Ω stays there, the
/// other parameters move to fit around it.
#[test]
fn a_held_value_is_held_by_the_fit() {
    let (_, s) = two_arcs();
    let mut b = builder();
    b.set(0, Field::Start, "12").unwrap();
    b.set_fixed(0, true).unwrap();
    let mut options = FitOptions {
        profiles: false,
        ..FitOptions::default()
    };
    Held::from_text(&b.held_text("R-p(R,CPE)-p(R,CPE)"))
        .unwrap()
        .apply(&mut options);
    let c = parse_circuit("R-p(R,CPE)-p(R,CPE)").unwrap();
    let fit = crate::fit::circuit_start::fit_circuit(&c, &s, &options).unwrap();
    let r0 = fit.param("r0").unwrap();
    assert!(r0.fixed && r0.value == 12.0);
}

/// The page's fit of the state's circuit: a first answer without
/// intervals, then the same minimum with them; Lin-KK's series terms as
/// chosen.
#[test]
fn the_page_fits_the_states_circuit_first_without_then_with_intervals() {
    use crate::app::choices::Ch;
    use crate::app::impedance::model::fit_with;
    let (_, s) = two_arcs();
    let mut state = crate::app::State::default();
    state.set_choice(Ch::ZModel, "circuit").unwrap();
    let quick = fit_with(&state, &s, &Held::default(), true).unwrap();
    assert!(quick.intervals_pending);
    assert_eq!(quick.report.model, "R-p(R,CPE)-p(R,CPE)");
    assert!(quick.report.fit.params.iter().all(|p| p.ci95.is_none()));
    let full = fit_with(&state, &s, &Held::default(), false).unwrap();
    assert!(!full.intervals_pending);
    assert!(full.report.fit.params.iter().all(|p| p.ci95.is_some()));
    let r3 = |o: &crate::app::impedance::model::Outcome| o.report.fit.param("r3").unwrap().value;
    assert!((r3(&quick) - 300.0).abs() < 1e-3 && (r3(&full) - 300.0).abs() < 1e-3);
    // Lin-KK with and without the series inductance.
    assert!(quick.report.kk.as_ref().unwrap().inductance_h.is_some());
    state.set_choice(Ch::KkL, "without").unwrap();
    state.set_choice(Ch::KkC, "with").unwrap();
    let no_l = fit_with(&state, &s, &Held::default(), true).unwrap();
    let kk = no_l.report.kk.unwrap();
    assert!(kk.inductance_h.is_none() && kk.series_capacitance_f.is_some());
    // A circuit the parser refuses fails the fit with its message.
    state.set_circuit("R-p(R,X)").unwrap();
    let e = fit_with(&state, &s, &Held::default(), true).unwrap_err();
    assert!(e.to_string().contains("unknown element 'X'"), "{e}");
}

#[test]
fn held_settings_cross_to_the_worker_as_text_exactly() {
    let mut b = builder();
    b.set(1, Field::Start, &format!("{}", 0.1 + 0.2)).unwrap();
    b.set(3, Field::Lower, "0.123456789012345").unwrap();
    let held = Held::from_text(&b.held_text("R-p(R,CPE)-p(R,CPE)")).unwrap();
    assert_eq!(held.guesses, vec![("r1".to_string(), 0.1 + 0.2)]);
    assert_eq!(
        held.bounds,
        vec![("n2".to_string(), 0.123456789012345, 1.0)]
    );
    assert_eq!(Held::from_text("").unwrap(), Held::default());
    for bad in [
        "fix r0",
        "guess r1 abc",
        "bound r1 1",
        "hold r0 1",
        "fix r0 NaN",
    ] {
        assert!(Held::from_text(bad).is_err(), "{bad}");
    }
}
