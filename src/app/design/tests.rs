//! Tests of the design view model against MODELS.md's published figures
//! (Kato et al.) and laws of the model.

use super::model::build;
use super::view::view;
use crate::app::choices::{Anode, TauMode};
use crate::app::design::model::{cell_with_epsilon, utilisation_grid};
use crate::app::{In, State};
use crate::physics::capacity::{delivered_capacity, Limit};
use proptest::prelude::*;

#[test]
fn default_state_is_katos_cell() {
    let d = build(&State::default()).unwrap();
    // 61/3/36 wt% at 5.05/2.00/2.00 g/cm³ → 38.1/4.8/57.1 vol% (Kato et al.;
    // by hand 18/(61/5.05 + 3/2 + 36/2) = 0.5700, their 57.1 rounds up).
    assert!((d.epsilon - 0.571).abs() < 0.002, "{}", d.epsilon);
    // q_c = 953 C/cm³ (264.7 mAh/cm³).
    assert!((d.cell.cathode.capacity_c_per_cm3 - 953.0).abs() < 2.0);
    // q_a = 1298 C/cm³ for graphite/SE 46/54 wt%, 370 mAh/g.
    let anode = d.cell.anode.unwrap();
    assert!(
        (anode.capacity_c_per_cm3 - 1298.0).abs() < 3.0,
        "{}",
        anode.capacity_c_per_cm3
    );
    // σ_eff,c = 0.73 mS/cm and σ_eff,a = 0.21 mS/cm (Kato et al.).
    assert!((d.sigma_eff_s_per_cm - 0.73e-3).abs() < 0.005e-3);
    assert!((anode.sigma_eff_s_per_cm - 0.21e-3).abs() < 0.002e-3);
    // Eq. 19 at 6 mA/cm²: 13.2 mAh/cm², ohmic limit (within the 0.2 % by
    // which ε from the densities differs from Kato's rounded 0.571).
    let delivered = delivered_capacity(&d.cell, 6e-3).unwrap();
    assert!((delivered.capacity_c_per_cm2 / 3.6 - 13.2).abs() < 0.1);
    assert_eq!(delivered.limit, Limit::Ohmic);
}

#[test]
fn li_metal_drops_the_anode_and_its_potential() {
    let mut s = State::default();
    s.select(Anode::LiMetal);
    let d = build(&s).unwrap();
    assert!(d.cell.anode.is_none());
    assert_eq!(d.cell.u_a_v, 0.0);
}

#[test]
fn the_sweep_reproduces_the_design_at_its_own_epsilon() {
    let mut s = State::default();
    s.select(TauMode::Bruggeman);
    s.set(In::PorosityPct, 10.0).unwrap();
    let d = build(&s).unwrap();
    let swept = cell_with_epsilon(&s, &d, d.epsilon).unwrap();
    let rel = |a: f64, b: f64| (a - b).abs() / b;
    assert!(
        rel(
            swept.cathode.capacity_c_per_cm3,
            d.cell.cathode.capacity_c_per_cm3
        ) < 1e-12
    );
    assert!(
        rel(
            swept.cathode.sigma_eff_s_per_cm,
            d.cell.cathode.sigma_eff_s_per_cm
        ) < 1e-12
    );
}

#[test]
fn utilisation_falls_with_thickness_at_every_epsilon() {
    let d = build(&State::default()).unwrap();
    let grid = utilisation_grid(&State::default(), &d, 16).unwrap();
    for row in grid.values.chunks(grid.nx) {
        for pair in row.windows(2) {
            if pair[0].is_finite() && pair[1].is_finite() {
                assert!(pair[1] <= pair[0] + 1e-12, "{row:?}");
            }
        }
    }
}

#[test]
fn a_refused_design_explains_itself() {
    let mut s = State::default();
    s.set(In::SePct, 0.0).unwrap(); // no SE: no ionic path
    let v = view(&s, &Default::default());
    assert!(v.rows.is_empty());
    assert!(v.messages[0].contains("epsilon"), "{:?}", v.messages);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn views_never_show_nan(t in proptest::collection::vec(0.0f64..=1.0, crate::app::inputs::N_INPUTS),
                            brugg in any::<bool>(), li in any::<bool>()) {
        let mut s = State::default();
        for (spec, t) in crate::app::inputs::INPUTS.iter().zip(t) {
            let _ = s.set(spec.id, spec.min + t * (spec.max - spec.min));
        }
        if brugg { s.select(TauMode::Bruggeman); }
        if li { s.select(Anode::LiMetal); }
        let v = view(&s, &Default::default());
        for row in &v.rows {
            prop_assert!(!row.value.contains("NaN") && !row.value.contains("inf"), "{:?}", row);
        }
        for p in v.plots.iter().filter_map(|p| p.figure.as_ref()) {
            let svg = p.to_svg();
            prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
    }
}

#[test]
fn ragone_energy_falls_as_power_rises_and_shows_the_set_plan_target() {
    let state = State::default();
    let d = build(&state).unwrap();
    let fig = crate::app::design::plots::ragone_figure(&state, &d).unwrap();
    let s = &fig.series[0];
    assert!(s.x.len() >= 10 && s.x.len() <= 40);
    // P = i·V̄/m with V̄ falling as i rises (ohmic drop): consecutive
    // powers grow, but by no more than the currents' ratio (1 A / 10 µA)^(1/29).
    let step = (1e5f64).powf(1.0 / 29.0);
    for k in 1..s.x.len() {
        let ratio = s.x[k] / s.x[k - 1];
        assert!(ratio > 1.0 && ratio <= step * (1.0 + 1e-9), "{k}: {ratio}");
        // Eq. 19 delivers no more at a higher current.
        assert!(s.y[k] <= s.y[k - 1] * (1.0 + 1e-12), "{k}");
    }
    // Kato's cell has a graphite composite anode: the Li-ion target, 350 Wh/kg.
    assert!(matches!(fig.ref_lines[0].pos, crate::plot::RefPos::Horizontal(y) if y == 350.0));
    // The design (6 mA/cm²) lies between the curve's ends.
    let m = &fig.marks[0];
    assert!(m.x > s.x[0] && m.x < s.x[s.x.len() - 1]);
}

/// The design row `id` of `state`'s view.
fn row(state: &State, id: &str) -> crate::app::view::Row {
    view(state, &Default::default())
        .rows
        .into_iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn nothing_delivered_names_its_cause_in_the_pages_units() {
    // U_c − U_a = 2.4 V below the 2.5 V cut-off: no window at any current.
    let mut s = State::default();
    s.set(In::UCathodeV, 2.5).unwrap();
    let why = row(&s, "limit").why.unwrap();
    assert!(why.contains("not above the cut-off voltage 2.5"), "{why}");
    assert!(why.contains("U_c − U_a = 2.4"), "{why}");
    assert!(!why.contains("R_0"), "{why}");
    for id in ["maxth", "minsig", "maxi"] {
        let r = row(&s, id);
        assert_eq!(r.value, "—", "{id}");
        assert!(!r.why.unwrap().contains("A/cm²"), "{id}");
    }
    // A window of 1.5 V used up by R_0·i = 8 Ω·cm² × 200 mA/cm² = 1.6 V.
    let mut s = State::default();
    s.set(In::CurrentMa, 200.0).unwrap();
    let why = row(&s, "limit").why.unwrap();
    assert!(why.contains("R_0·i"), "{why}");
    assert!(
        why.contains("200\u{202f}mA/cm²") && why.contains("1.6\u{202f}V"),
        "{why}"
    );
    assert!(why.contains("1.5\u{202f}V"), "{why}");
    assert!(!why.contains(" A/cm²"), "{why}");
    assert_eq!(row(&s, "maxth").value, "—");
    // …but another current still delivers: the highest current is answered.
    assert_ne!(row(&s, "maxi").value, "—");
}
