//! Tests of the published-versus-computed table: the computed column is the
//! core's value for the state, the published column the preset's cited
//! numbers, and changing an input they depend on marks the table modified.

use super::*;
use crate::app::choices::Anode;
use crate::materials::presets::PRESETS;

/// The table of `state`'s design, if it remembers a preset.
fn table_of(state: &State) -> Option<(Row, Table)> {
    view(state, &crate::app::design::model::build(state).unwrap())
}

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
    assert!(table_of(&State::default()).is_none());
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
    let (row, table) = table_of(&s).unwrap();
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
    let (row, table) = table_of(&s).unwrap();
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
    assert!(table_of(&s).is_none());
}

#[test]
fn kaiser_loads_its_anode_and_compares_its_epsilon() {
    let s = loaded("kaiser2018");
    assert_eq!(s.choice::<Anode>(), Anode::Composite);
    let (_, table) = table_of(&s).unwrap();
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

#[test]
fn kato_table_shows_the_6_ma_capacity_and_capacity_densities_in_mah_per_cm3() {
    let (_, table) = table_of(&loaded("kato2018")).unwrap();
    let line = |label: &str| {
        table
            .rows
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no {label} in {:?}", table.rows))
            .clone()
    };
    let six = line(&format!(
        "delivered capacity at {} (Eq. 19)",
        with_unit(6.0, "mA/cm²")
    ));
    assert_eq!(six[1], with_unit(13.2, "mAh/cm²"));
    // Eq. 19 by hand for the loaded cell: q_c = 0.61·ρ·137 mAh/g ·3.6 C/mAh,
    // σ_c = ε·σ_i/τ, likewise the anode; C = K·(4.1 − 0.1 − 2.5 − 8·0.006)/0.006.
    let rho_c = 1.0 / (0.61 / 5.05 + 0.03 / 2.0 + 0.36 / 2.0);
    let eps_c = 0.36 / 2.0 * rho_c;
    let q_c = 0.61 * rho_c * 137.0 * 3.6;
    let sigma_c = eps_c * 3.16e-3 / 2.47;
    let rho_a = 1.0 / (0.46 / 2.27 + 0.54 / 2.0);
    let q_a = 0.46 * rho_a * 370.0 * 3.6;
    let sigma_a = 0.54 / 2.0 * rho_a * 1.22e-3 / 3.32;
    let k = 1.0 / (1.0 / (q_c * sigma_c) + 1.0 / (q_a * sigma_a));
    let c = k * (4.1 - 0.1 - 2.5 - 8.0 * 0.006) / 0.006 / 3.6;
    assert_eq!(six[2], with_unit(c, "mAh/cm²"));
    // Capacity densities as the results show them: 953 C/cm³ = 264.7 mAh/cm³.
    let q = line("capacity density q of the cathode");
    assert_eq!(q[1], with_unit(953.0 / 3.6, "mAh/cm³"));
    assert_eq!(q[2], with_unit(q_c / 3.6, "mAh/cm³"));
    assert!(table.rows.iter().all(|r| !r[1].contains("C/cm³")));
    // τ and σ_eff of both electrodes, in mS/cm.
    assert_eq!(line("τ of the cathode")[2], with_unit(2.47, ""));
    assert_eq!(line("σ_eff of the anode")[1], with_unit(0.21, "mS/cm"));
}
