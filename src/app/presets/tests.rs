use super::*;

#[test]
fn picking_a_material_shows_its_sources_and_the_other_value() {
    let lco = ACTIVE_MATERIALS.iter().find(|m| m.id == "lco").unwrap();
    let other = lco
        .specific_capacity_mah_per_g
        .other
        .expect("LCO carries a second capacity");
    let mut state = State::default();
    let notices = apply(&mut state, "am:lco").unwrap();
    let text = notices.join("\n");
    assert_eq!(state.get(In::CapAm), lco.specific_capacity_mah_per_g.value);
    for source in [
        lco.density_g_per_cm3.source,
        lco.specific_capacity_mah_per_g.source,
        other.source,
    ] {
        assert!(text.contains(source), "{source} missing in {text}");
    }
    assert!(text.contains(&with_unit(other.value, "mAh/g")), "{text}");
    // Every electrolyte names the source of the σ_i it sets.
    for m in SOLID_ELECTROLYTES {
        let mut state = State::default();
        let text = apply(&mut state, &format!("se:{}", m.id))
            .unwrap()
            .join("\n");
        assert!(
            text.contains(m.sigma_s_per_cm_25c.source),
            "{}: {text}",
            m.id
        );
    }
}

#[test]
fn a_refused_value_is_reported_not_dropped() {
    let mut state = State::default();
    let mut notices = Vec::new();
    set_or_note(&mut state, &mut notices, In::ThicknessUm, 1e9);
    assert_eq!(
        state.get(In::ThicknessUm),
        State::default().get(In::ThicknessUm)
    );
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("out of range"), "{notices:?}");
    set_or_note(&mut state, &mut notices, In::ThicknessUm, 120.0);
    assert_eq!((state.get(In::ThicknessUm), notices.len()), (120.0, 1));
}

#[test]
fn slot_density_keeps_the_volume() {
    // 0.2 g at 1 g/cm³ and 0.2 g at 4 g/cm³: 0.25 cm³ for 0.4 g → 1.6 g/cm³.
    let parts = [
        (Role::Conductor, 0.2, 1.0),
        (Role::Binder, 0.2, 4.0),
        (Role::Active, 0.6, 5.0),
    ];
    let (mass, rho) = slot(&parts, &[Role::Conductor, Role::Binder]);
    assert!((mass - 0.4).abs() < 1e-12);
    assert!((rho.unwrap() - 1.6).abs() < 1e-12);
    assert_eq!(slot(&parts, &[Role::Electrolyte]), (0.0, None));
}

#[test]
fn kato_preset_gives_the_default_design() {
    let mut s = State::default();
    s.set(In::AmPct, 10.0).unwrap();
    apply(&mut s, "p:kato2018").unwrap();
    let d = State::default();
    for i in [
        In::AmPct,
        In::SePct,
        In::CarbonPct,
        In::RhoAm,
        In::AnodeAmPct,
        In::CapAm,
        In::ThicknessUm,
    ] {
        assert!(
            (s.get(i) - d.get(i)).abs() < 1e-9,
            "{:?}: {} vs {}",
            i,
            s.get(i),
            d.get(i)
        );
    }
}

#[test]
fn every_choice_applies_and_keeps_the_state_valid() {
    for (id, _) in choices() {
        let mut s = State::default();
        apply(&mut s, &id).unwrap();
        for spec in crate::app::inputs::INPUTS.iter() {
            assert!(spec.check(s.get(spec.id)).is_ok(), "{id}: {}", spec.key);
        }
        let total = s.get(In::AmPct) + s.get(In::SePct) + s.get(In::CarbonPct);
        assert!((total - 100.0).abs() < 1e-9, "{id}");
    }
    assert!(apply(&mut State::default(), "nothing").is_err());
    for (id, _) in material_choices() {
        let mut s = State::default();
        apply(&mut s, &id).unwrap();
        for spec in crate::app::inputs::INPUTS.iter() {
            assert!(spec.check(s.get(spec.id)).is_ok(), "{id}: {}", spec.key);
        }
    }
    // LGPS: the library's density and σ_i at 25 °C reach the inputs.
    let mut s = State::default();
    apply(&mut s, "se:lgps").unwrap();
    let lgps = SOLID_ELECTROLYTES.iter().find(|m| m.id == "lgps").unwrap();
    assert_eq!(s.get(In::RhoSe), lgps.density_g_per_cm3.value);
    assert!((s.get(In::SigmaIMs) - lgps.sigma_s_per_cm_25c.value * 1e3).abs() < 1e-9);
}
