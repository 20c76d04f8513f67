use super::*;

#[test]
fn table_is_in_enum_order_with_unique_keys() {
    for (index, c) in CHOICES.iter().enumerate() {
        assert_eq!(c.id as usize, index);
        assert!(c.default < c.options.len());
        assert_eq!(Ch::from_key(c.key), Some(c.id));
        assert!(
            super::super::inputs::In::from_key(c.key).is_none(),
            "{} clashes",
            c.key
        );
        for (i, (name, _)) in c.options.iter().enumerate() {
            assert_eq!(c.index_of(name), Some(i));
        }
    }
    assert_eq!(Ch::Layout.spec().name(99), "ion-ion");
}

/// Each typed choice has exactly the table's options, and the names
/// that mean something outside the page agree with the core's.
#[test]
fn every_enum_matches_its_table() {
    fn check<T: Choice>() {
        assert_eq!(T::ALL.len(), T::ID.spec().options.len(), "{:?}", T::ID);
        for (k, v) in T::ALL.iter().enumerate() {
            assert_eq!(v.index(), k);
        }
    }
    check::<Tab>();
    check::<Basis>();
    check::<TauMode>();
    check::<Anode>();
    check::<ZMode>();
    check::<RBulk>();
    check::<ZModel>();
    check::<ZView>();
    check::<SimFigure>();
    check::<Preset>();
    check::<crate::impedance::Layout>();
    check::<crate::fit::InterfaceKind>();
    check::<crate::fit::IonicRail>();
    check::<DrtLambda>();
    check::<TUnit>();
    for l in crate::impedance::Layout::ALL {
        assert_eq!(Choice::name(l), l.name());
    }
    for p in &Preset::ALL[1..] {
        assert!(crate::materials::presets::find_preset(p.name()).is_some());
    }
    assert_eq!(Choice::name(crate::fit::InterfaceKind::Capacitor), "c");
}

/// The DRT's λ rule and the series' unit: named and labelled by the table,
/// read back from their names (the worker's jobs carry them so), the
/// L-curve and °C by default, and kept by the permalink.
#[test]
fn drt_lambda_and_temperature_unit_are_choices_the_permalink_keeps() {
    for v in DrtLambda::ALL {
        assert_eq!(DrtLambda::from_name(v.name()), Some(*v));
    }
    assert_eq!(DrtLambda::from_name("lcurve"), Some(DrtLambda::LCurve));
    assert_eq!(DrtLambda::from_name("gcv"), Some(DrtLambda::Gcv));
    assert_eq!(DrtLambda::from_name("GCV"), None);
    assert_eq!(DrtLambda::Gcv.label(), "generalised cross-validation");
    assert_eq!(TUnit::from_name("K"), Some(TUnit::Kelvin));
    assert_eq!(TUnit::Celsius.label(), "°C");
    let mut state = super::super::State::default();
    assert_eq!(state.choice::<DrtLambda>(), DrtLambda::LCurve);
    assert_eq!(state.choice::<TUnit>(), TUnit::Celsius);
    state.select(DrtLambda::Gcv);
    state.select(TUnit::Kelvin);
    let query = super::super::url::encode(&state);
    assert!(
        query.contains("drtl=gcv") && query.contains("tunit=K"),
        "{query}"
    );
    let (back, notices) = super::super::url::decode(&query);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.choice::<DrtLambda>(), DrtLambda::Gcv);
    assert_eq!(back.choice::<TUnit>(), TUnit::Kelvin);
    // Links written before these choices existed read as the defaults.
    let old = super::super::url::decode("tab=impedance").0;
    assert_eq!(old.choice::<DrtLambda>(), DrtLambda::LCurve);
}
