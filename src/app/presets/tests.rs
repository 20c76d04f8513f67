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
    let mut l = Loader {
        state: &mut state,
        notices: Vec::new(),
        set: Vec::new(),
    };
    l.set(In::ThicknessUm, 1e9);
    assert_eq!(
        l.state.get(In::ThicknessUm),
        State::default().get(In::ThicknessUm)
    );
    assert_eq!(l.notices.len(), 1);
    assert!(l.notices[0].contains("out of range"), "{:?}", l.notices);
    assert!(l.set.is_empty());
    l.set(In::ThicknessUm, 120.0);
    assert_eq!((l.state.get(In::ThicknessUm), l.notices.len()), (120.0, 1));
    assert_eq!(l.set, [In::ThicknessUm]);
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

/// Every design that can be loaded: published analyses and Table 1 rows.
fn designs() -> Vec<String> {
    choices().into_iter().map(|(id, _)| id).collect()
}

#[test]
fn every_design_gives_the_same_outputs_whatever_was_loaded_before() {
    let designs = designs();
    assert!(designs.len() >= 10, "{designs:?}");
    // The outputs of each design loaded on a fresh page.
    let fresh: Vec<(State, Vec<crate::app::view::Row>)> = designs
        .iter()
        .map(|id| {
            let mut s = State::default();
            apply(&mut s, id).unwrap();
            let rows = crate::app::design::view::view(&s, &Default::default()).rows;
            (s, rows)
        })
        .collect();
    // A page the user has worked on: other inputs, another τ model and basis.
    let mut worked = State::default();
    worked.set(In::ThicknessUm, 139.0).unwrap();
    worked.set(In::CapAm, 130.0).unwrap();
    worked.set(In::TauMeasured, 5.0).unwrap();
    worked.set(In::R0Unc, 2.0).unwrap();
    worked.select(Basis::Volume);
    for before in designs.iter().map(Some).chain([None]) {
        for (id, (state, rows)) in designs.iter().zip(&fresh) {
            let mut s = worked.clone();
            if let Some(before) = before {
                apply(&mut s, before).unwrap();
            }
            apply(&mut s, id).unwrap();
            assert!(s.same_in(state, Tab::Design), "{id} after {before:?}");
            assert_eq!(
                &crate::app::design::view::view(&s, &Default::default()).rows,
                rows,
                "{id} after {before:?}"
            );
        }
    }
}

#[test]
fn a_design_names_what_it_leaves_to_the_user_and_stays_named_until_changed() {
    // Hlushkou et al. give no thickness, capacity or cell: those are named.
    let mut s = State::default();
    let notices = apply(&mut s, "p:hlushkou2018").unwrap().join("\n");
    let left = notices
        .lines()
        .find(|l| l.contains("yours to set"))
        .unwrap_or_else(|| panic!("{notices}"));
    for label in ["Thickness L", "Specific capacity", "Current density i"] {
        assert!(left.contains(label), "{label} missing: {left}");
    }
    // …but not what it sets: its composition, σ_i and its EIS τ of 1.6.
    assert!(!left.contains("σ_i of the SE at 25 °C"), "{left}");
    assert!(!left.contains("Measured tortuosity"), "{left}");
    assert_eq!(s.get(In::TauMeasured), 1.6);
    assert!((s.get(In::SigmaIMs) - 0.7).abs() < 1e-12);
    // Kato et al. give their whole cell, including the current of 6 mA/cm².
    let mut k = State::default();
    let notices = apply(&mut k, "p:kato2018").unwrap().join("\n");
    assert!(!notices.contains("Current density i ="), "{notices}");
    assert!(still_loaded(&k, "p:kato2018"));
    assert!(!still_loaded(&k, "p:hlushkou2018"));
    k.set(In::ThicknessUm, 599.0).unwrap();
    assert!(!still_loaded(&k, "p:kato2018"));
    // The impedance workspace is not part of a design.
    let mut z = s.clone();
    z.set(In::SimRIon, 5.0).unwrap();
    assert!(still_loaded(&z, "p:hlushkou2018"));
}

#[test]
fn figures_are_complete_states_of_the_impedance_workspace() {
    let figures = ["fig:4c", "fig:4d", "fig:5b"];
    for id in figures {
        let mut fresh = State::default();
        apply(&mut fresh, id).unwrap();
        for before in figures {
            let mut s = State::default();
            s.set(In::SimN, 0.5).unwrap();
            s.set(In::ZEpsilon, 0.2).unwrap();
            apply(&mut s, before).unwrap();
            apply(&mut s, id).unwrap();
            assert!(s.same_in(&fresh, Tab::Impedance), "{id} after {before}");
        }
    }
}
