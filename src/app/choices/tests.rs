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
    for l in crate::impedance::Layout::ALL {
        assert_eq!(Choice::name(l), l.name());
    }
    for p in &Preset::ALL[1..] {
        assert!(crate::materials::presets::find_preset(p.name()).is_some());
    }
    assert_eq!(Choice::name(crate::fit::InterfaceKind::Capacitor), "c");
}
