use super::*;

fn sum(state: &State, group: &[In]) -> f64 {
    group.iter().map(|&i| state.get(i)).sum()
}

#[test]
fn refused_value_keeps_last_valid_and_says_why() {
    let mut s = State::default();
    s.set(In::ThicknessUm, 120.0).unwrap();
    let msg = s.set(In::ThicknessUm, 1e6).unwrap_err();
    assert!(msg.contains("out of range"), "{msg}");
    assert_eq!(s.get(In::ThicknessUm), 120.0);
    let msg = s.set_text(In::ThicknessUm, "abc").unwrap_err();
    assert!(msg.contains("not a number"), "{msg}");
    assert_eq!(s.get(In::ThicknessUm), 120.0);
    assert!(s.set_text(In::ThicknessUm, "NaN").is_err());
    assert_eq!(s.get(In::ThicknessUm), 120.0);
}

#[test]
fn typed_numbers_are_read_like_people_write_them() {
    assert_eq!(parse_number(" 1,5 "), Some(1.5));
    assert_eq!(parse_number("−2.5"), Some(-2.5));
    assert_eq!(parse_number("3e-4"), Some(3e-4));
    assert_eq!(parse_number("1,000.5"), None);
    assert_eq!(parse_number("inf"), None);
    assert_eq!(parse_number(""), None);
}

#[test]
fn raising_the_se_fraction_rescales_the_others_in_proportion() {
    let mut s = State::default(); // 61 / 36 / 3 wt%
    s.set(In::SePct, 50.0).unwrap();
    // The other 50 % split 61 : 3 → 47.65625 and 2.34375.
    assert!((s.get(In::AmPct) - 50.0 * 61.0 / 64.0).abs() < 1e-12);
    assert!((s.get(In::CarbonPct) - 50.0 * 3.0 / 64.0).abs() < 1e-12);
    s.set(In::AnodeAmPct, 30.0).unwrap();
    assert_eq!(s.get(In::AnodeSePct), 70.0);
    // All others at 0: the rest is split equally.
    s.set(In::AmPct, 100.0).unwrap();
    s.set(In::AmPct, 40.0).unwrap();
    assert_eq!((s.get(In::SePct), s.get(In::CarbonPct)), (30.0, 30.0));
}

#[test]
fn choices_are_checked() {
    use crate::impedance::Layout;
    let mut s = State::default();
    s.select(Layout::ElectronElectron);
    assert_eq!(s.choice::<Layout>(), Layout::ElectronElectron);
    let msg = s.set_choice(Ch::Layout, "sideways").unwrap_err();
    assert!(msg.contains("sideways") && msg.contains("ion-ion"), "{msg}");
    assert_eq!(s.choice_name(Ch::Layout), "electron-electron");
}

proptest::proptest! {
    #[test]
    fn fractions_always_add_up_to_100(moves in proptest::collection::vec((0usize..3, 0.0f64..=100.0), 1..20)) {
        let mut s = State::default();
        let group = FRACTION_GROUPS[0];
        for (which, value) in moves {
            s.set(group[which], value).unwrap();
            proptest::prop_assert!((sum(&s, group) - 100.0).abs() < 1e-9);
            proptest::prop_assert_eq!(s.get(group[which]), value);
            for &i in group {
                proptest::prop_assert!((0.0..=100.0).contains(&s.get(i)));
            }
        }
    }

    #[test]
    fn any_text_never_panics_and_never_breaks_the_range(text in ".{0,40}") {
        let mut s = State::default();
        for spec in INPUTS.iter() {
            let _ = s.set_text(spec.id, &text);
            proptest::prop_assert!(spec.check(s.get(spec.id)).is_ok());
        }
    }
}

#[test]
fn epsilon_follows_the_composition_and_sets_the_se_share() {
    let mut s = State::default();
    // Kato et al.'s 61/36/3 wt% at 5.05/2.00/2.00 g/cm³, no voids:
    // φ_SE = (36/2)/(61/5.05 + 36/2 + 3/2) = 18/31.5792 = 0.56999.
    let expected = 18.0 / (61.0 / 5.05 + 18.0 + 1.5);
    assert!((s.get(In::Epsilon) - expected).abs() < 1e-12);
    // 10 % voids scale it by 0.9.
    s.set(In::PorosityPct, 10.0).unwrap();
    assert!((s.get(In::Epsilon) - 0.9 * expected).abs() < 1e-12);
    // Setting ε = 0.45 with p = 10 %: dense SE 0.5, the rest 0.5 shared by
    // LCO and carbon in their dense ratio (61/5.05) : (3/2).
    s.set(In::Epsilon, 0.45).unwrap();
    assert!((s.get(In::Epsilon) - 0.45).abs() < 1e-12);
    let (am, cb) = (61.0 / 5.05, 1.5);
    let phi_am = 0.5 * am / (am + cb);
    let phi_cb = 0.5 * cb / (am + cb);
    let w = [phi_am * 5.05, 0.5 * 2.0, phi_cb * 2.0];
    let total: f64 = w.iter().sum();
    for (input, w) in [In::AmPct, In::SePct, In::CarbonPct].into_iter().zip(w) {
        assert!((s.get(input) - 100.0 * w / total).abs() < 1e-9, "{input:?}");
    }
    assert_eq!(s.get(In::PorosityPct), 10.0);
    // In volume % the fractions are the dense ones themselves.
    s.select(Basis::Volume);
    s.set(In::Epsilon, 0.45).unwrap();
    assert!((s.get(In::SePct) - 50.0).abs() < 1e-9);
    // More than the solid share allows is refused, the state unchanged.
    let before = s.clone();
    let why = s.set(In::Epsilon, 0.95).unwrap_err();
    assert!(why.contains("1 − p"), "{why}");
    assert_eq!(s, before);
}

#[test]
fn resetting_a_workspace_leaves_the_other_alone() {
    let mut s = State::default();
    s.set(In::ThicknessUm, 120.0).unwrap();
    s.set(In::SimRIon, 5.0).unwrap();
    s.select(Basis::Volume);
    s.reset_workspace(Tab::Design);
    assert_eq!(s.get(In::ThicknessUm), In::ThicknessUm.spec().default);
    assert_eq!(s.choice::<Basis>(), Basis::Weight);
    assert_eq!(s.get(In::SimRIon), 5.0);
    assert!(s.same_in(&State::default(), Tab::Design));
    assert!(!s.same_in(&State::default(), Tab::Impedance));
}
