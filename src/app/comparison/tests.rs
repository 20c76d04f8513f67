//! Tests of the published-versus-computed table: the computed column is the
//! core's value for the state, the published column the preset's cited
//! numbers, and changing an input they depend on marks the table modified.

use super::*;
use crate::app::choices::Anode;
use crate::materials::presets::PRESETS;

fn loaded(id: &str) -> State {
    let mut s = State::default();
    crate::app::presets::apply(&mut s, &format!("p:{id}")).unwrap();
    s
}

#[test]
fn every_loadable_preset_is_a_choice() {
    for p in PRESETS
        .iter()
        .filter(|p| p.cathode.is_some() || p.anode.is_some())
    {
        assert!(Ch::Preset.spec().index_of(p.id).is_some(), "{}", p.id);
        assert_eq!(preset(&loaded(p.id)).map(|p| p.id), Some(p.id));
    }
    assert!(preset(&State::default()).is_none());
    assert!(view(&State::default()).is_none());
}

#[test]
fn loaded_preset_computes_what_the_core_computes_from_the_preset() {
    for p in PRESETS
        .iter()
        .filter(|p| p.cathode.is_some() || p.anode.is_some())
    {
        let s = loaded(p.id);
        assert!(!modified(&s, p), "{}", p.id);
        let from_state = comparisons(&s, p).unwrap();
        let from_preset = p.compare().unwrap();
        assert_eq!(from_state.len(), from_preset.len(), "{}", p.id);
        assert!(!from_state.is_empty(), "{}", p.id);
        for (a, b) in from_state.iter().zip(&from_preset) {
            assert_eq!(a.quantity, b.quantity);
            assert!(
                (a.computed - b.computed).abs() <= 1e-9 * b.computed.abs(),
                "{} {}: {} vs {}",
                p.id,
                a.quantity,
                a.computed,
                b.computed
            );
            let cited = p
                .published
                .iter()
                .find(|q| q.quantity == a.quantity)
                .unwrap();
            assert_eq!(a.published, cited.value);
        }
    }
}

#[test]
fn kato_table_shows_15_7_mah_beside_the_computed_capacity() {
    let s = loaded("kato2018");
    let (row, table) = view(&s).unwrap();
    assert!(row.label.contains("Kato"), "{}", row.label);
    assert!(row.value.starts_with("as published"), "{}", row.value);
    let line = table
        .rows
        .iter()
        .find(|r| r[0] == "areal capacity at 600 µm")
        .unwrap();
    assert_eq!(line[1], with_unit(15.7, "mAh/cm²"));
    // 61/3/36 wt% at 5.05/2.00/2.00 g/cm³, no voids: ρ = 1/Σ(w/ρ); LCO loading
    // w·ρ·L at L = 0.06 cm, times 137 mAh/g.
    let rho = 1.0 / (0.61 / 5.05 + 0.03 / 2.0 + 0.36 / 2.0);
    let capacity = 0.61 * rho * 0.06 * 137.0;
    assert_eq!(line[2], with_unit(capacity, "mAh/cm²"));
    let rel = (capacity - 15.7) / 15.7;
    assert_eq!(line[3], format!("{:+.1} %", 100.0 * rel));
}

#[test]
fn changing_an_input_the_figures_depend_on_marks_the_table_modified() {
    let kato = find_preset("kato2018").unwrap();
    let mut s = loaded("kato2018");
    // The thickness is not one of them: every figure is at a stated L.
    s.set(In::ThicknessUm, 300.0).unwrap();
    assert!(!modified(&s, kato));
    // A permalink keeps it unmodified.
    let (back, _) = crate::app::url::decode(&crate::app::url::encode(&s));
    assert!(!modified(&back, kato));
    s.set(In::CapAm, 150.0).unwrap();
    assert!(modified(&s, kato));
    let (row, table) = view(&s).unwrap();
    assert!(row.value.starts_with("modified"), "{}", row.value);
    // The computed column follows the user's inputs: 150 mAh/g now.
    let rho = 1.0 / (0.61 / 5.05 + 0.03 / 2.0 + 0.36 / 2.0);
    let line = table
        .rows
        .iter()
        .find(|r| r[0] == "areal capacity at 600 µm")
        .unwrap();
    assert_eq!(line[2], with_unit(0.61 * rho * 0.06 * 150.0, "mAh/cm²"));
    // A Table 1 row forgets the preset.
    crate::app::presets::apply(&mut s, "t1:0").unwrap();
    assert!(view(&s).is_none());
}

#[test]
fn kaiser_loads_its_anode_and_compares_its_epsilon() {
    let s = loaded("kaiser2018");
    assert_eq!(s.choice::<Anode>(), Anode::Composite);
    let (_, table) = view(&s).unwrap();
    let line = table
        .rows
        .iter()
        .find(|r| r[0] == "ε of the anode (dense)")
        .unwrap();
    assert_eq!(line[1], "0.4");
    // 68/32 wt% LTO/LPSI at 3.48/2.15 g/cm³: φ_SE = (0.32/2.15)/(0.68/3.48 + 0.32/2.15).
    let phi = (0.32 / 2.15) / (0.68 / 3.48 + 0.32 / 2.15);
    assert_eq!(line[2], with_unit(phi, ""));
}
