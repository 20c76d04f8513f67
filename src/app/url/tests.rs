use super::super::choices::{Tab, ZMode};
use super::*;
use proptest::prelude::*;

#[test]
fn default_state_round_trips_without_notices() {
    let (state, notices) = decode(&encode(&State::default()));
    assert_eq!(state, State::default());
    assert!(notices.is_empty(), "{notices:?}");
}

#[test]
fn strict_decoding_reports_what_it_ignored() {
    let (state, notices) =
        decode("?th=120&bogus=1&sig=abc&i=1e9&layout=ion-ion&tab=nowhere&zmode=sim");
    assert_eq!(state.get(In::ThicknessUm), 120.0);
    assert_eq!(state.get(In::SigmaIMs), In::SigmaIMs.spec().default);
    assert_eq!(state.get(In::CurrentMa), In::CurrentMa.spec().default);
    assert_eq!(state.choice::<Tab>(), Tab::Design);
    assert_eq!(state.choice::<ZMode>(), ZMode::Simulate);
    assert_eq!(notices.len(), 4, "{notices:?}");
    assert!(notices[0].contains("bogus"));
    assert!(notices[1].contains("sig") && notices[1].contains("not a number"));
    assert!(notices[2].contains("out of range"));
    assert!(notices[3].contains("nowhere"));
}

#[test]
fn fractions_from_a_link_are_scaled_to_100() {
    let (state, notices) = decode("am=2&se=1&cb=1");
    assert_eq!(
        (
            state.get(In::AmPct),
            state.get(In::SePct),
            state.get(In::CarbonPct)
        ),
        (50.0, 25.0, 25.0)
    );
    assert_eq!(notices.len(), 1, "{notices:?}");
    let (state, notices) = decode("aam=0&ase=0");
    assert_eq!(state.get(In::AnodeAmPct), In::AnodeAmPct.spec().default);
    assert!(notices[0].contains("0 %"), "{notices:?}");
}

#[test]
fn percent_escapes() {
    assert_eq!(percent_decode("ion%2Delectron"), "ion-electron");
    assert_eq!(percent_decode("a+b%"), "a b%");
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
    let (state, notices) = decode("layout=electron%2Delectron");
    assert_eq!(state.choice_name(Ch::Layout), "electron-electron");
    assert!(notices.is_empty());
}

fn arbitrary_state() -> impl Strategy<Value = State> {
    let values = proptest::collection::vec(0.0f64..=1.0, N_INPUTS);
    let choices = proptest::collection::vec(0usize..3, CHOICES.len());
    (values, choices).prop_map(|(t, c)| {
        let mut s = State::default();
        for (spec, t) in INPUTS.iter().zip(t) {
            let _ = s.set(spec.id, spec.min + t * (spec.max - spec.min));
        }
        for (spec, c) in CHOICES.iter().zip(c) {
            let _ = s.set_choice(spec.id, spec.name(c % spec.options.len()));
        }
        s
    })
}

proptest! {
    #[test]
    fn any_valid_state_round_trips_exactly(state in arbitrary_state()) {
        let (decoded, notices) = decode(&encode(&state));
        prop_assert!(notices.is_empty(), "{:?}", notices);
        prop_assert_eq!(decoded, state);
    }

    #[test]
    fn arbitrary_strings_never_panic_and_give_a_valid_state(query in ".{0,200}") {
        let (state, notices) = decode(&query);
        prop_assert!(notices.len() <= MAX_NOTICES + 1);
        for spec in INPUTS.iter() {
            prop_assert!(spec.check(state.get(spec.id)).is_ok());
        }
        for group in FRACTION_GROUPS {
            let total: f64 = group.iter().map(|&i| state.get(i)).sum();
            prop_assert!((total - 100.0).abs() < 1e-6);
        }
    }

    #[test]
    fn arbitrary_key_value_pairs_never_panic(pairs in proptest::collection::vec(("[a-z%]{1,6}", "[-0-9.e%a-z]{0,12}"), 0..12)) {
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = decode(&query.join("&"));
    }
}

#[test]
fn the_circuit_round_trips_and_stays_out_of_default_links() {
    assert!(!encode(&State::default()).contains(CIRCUIT_KEY));
    let mut state = State::default();
    state.set_circuit("L - R-p(R,CPE)-TLMieQ").unwrap();
    let query = encode(&state);
    assert!(query.ends_with("&zcirc=L-R-p(R,CPE)-TLMieQ"), "{query}");
    let (back, notices) = decode(&query);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.circuit(), "L-R-p(R,CPE)-TLMieQ");
    assert_eq!(back, state);
    // Escaped as a browser may write it.
    let (back, _) = decode("zcirc=R-p%28R%2CC%29");
    assert_eq!(back.circuit(), "R-p(R,C)");
}

#[test]
fn a_bad_circuit_in_a_link_is_reported_and_the_default_kept() {
    for bad in [
        "R-p(R,C<script>)",
        "",
        "R1-C2",
        "R-p(R;C)",
        &"R-".repeat(80),
    ] {
        let (state, notices) = decode(&format!("zcirc={bad}"));
        assert_eq!(state.circuit(), crate::app::state::DEFAULT_CIRCUIT, "{bad}");
        assert_eq!(notices.len(), 1, "{bad}: {notices:?}");
        assert!(notices[0].starts_with("ignored zcirc"), "{notices:?}");
    }
}
