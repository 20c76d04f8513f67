//! Tests of the figure presets: they go through the state (the permalink
//! reproduces them), and the intercepts marked on the Nyquist plot equal
//! the model's own limits ω → ∞ and ω → 0, evaluated numerically.

use crate::app::choices::{Tab, ZMode};
use crate::impedance::Layout;
use num_complex::Complex64;

use super::*;
use crate::app::impedance::model::line_spectrum;
use crate::app::url::{decode, encode};
use crate::app::view::View;

fn figure_state(id: &str) -> State {
    let mut s = State::default();
    crate::app::presets::apply(&mut s, &format!("fig:{id}")).unwrap();
    s
}

/// Z of the state's line with R_ion, R_e replaced, at frequency `f_hz`.
fn z_at(state: &State, r_ion: f64, r_e: f64, f_hz: f64) -> Complex64 {
    let values = [state.get(In::SimRBulk), r_ion, r_e, state.get(In::SimC)];
    line_spectrum(state, &values, &[f_hz], "x").unwrap().z_ohm[0]
}

fn nyquist(view: &View) -> &crate::plot::Figure {
    view.plots
        .iter()
        .find(|p| p.id == "nyquist")
        .and_then(|p| p.figure.as_ref())
        .unwrap()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn figure_presets_go_through_the_state_and_the_permalink() {
    for id in ["4c", "4d", "5b"] {
        let s = figure_state(id);
        assert_eq!(s.choice::<ZMode>(), ZMode::Simulate);
        assert_eq!(s.choice::<Tab>(), Tab::Impedance);
        assert_eq!(s.choice_name(crate::app::Ch::SimFigure), id);
        let (back, notices) = decode(&encode(&s));
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back, s, "{id}");
        assert_eq!(
            crate::app::impedance::view::view(&back, &[], 0),
            crate::app::impedance::view::view(&s, &[], 0)
        );
    }
    assert!(crate::app::presets::apply(&mut State::default(), "fig:9z").is_err());
}

#[test]
fn marked_intercepts_are_the_models_limits() {
    for id in ["4c", "4d", "5b"] {
        let s = figure_state(id);
        let view = crate::app::impedance::view::view(&s, &[], 0);
        let fig = nyquist(&view);
        let (r_ion, r_e) = (s.get(In::SimRIon), s.get(In::SimRE));
        // ω → ∞: Z tends to a real value (the marked high-frequency intercept).
        let z_inf = z_at(&s, r_ion, r_e, 1e20);
        let high = fig.marks.iter().find(|m| m.label == "Z(ω→∞)").unwrap();
        assert!(close(high.x, z_inf.re, 1e-6), "{id}: {} vs {z_inf}", high.x);
        assert!(z_inf.im.abs() < 1e-3 * z_inf.re, "{id}: {z_inf}");
        // ω → 0: the real part's limit, marked as a point (blocking layouts)
        // or as the asymptote of the capacitive branch (ion–electron).
        let z_0 = z_at(&s, r_ion, r_e, 1e-7);
        let low = fig
            .marks
            .iter()
            .find(|m| m.label == "Re Z(ω→0)")
            .map(|m| m.x)
            .or_else(|| {
                fig.ref_lines.iter().find_map(|r| match r.pos {
                    crate::plot::RefPos::Vertical(x) if r.label == "Re Z(ω→0)" => Some(x),
                    _ => None,
                })
            })
            .unwrap();
        assert!(close(low, z_0.re, 1e-6), "{id}: {low} vs {z_0}");
        // The read-out table lists the same numbers for every curve.
        let table = view.table.as_ref().unwrap();
        for (row, c) in table.rows.iter().zip(curves(&s)) {
            let f = features(
                s.choice::<Layout>(),
                s.get(In::SimRBulk),
                c.r_ion_ohm,
                c.r_e_ohm,
            );
            assert!(close(
                f.high_ohm,
                z_at(&s, c.r_ion_ohm, c.r_e_ohm, 1e20).re,
                1e-6
            ));
            assert!(close(
                f.low_re_ohm,
                z_at(&s, c.r_ion_ohm, c.r_e_ohm, 1e-7).re,
                1e-6
            ));
            assert_eq!(row[1], crate::app::format::with_unit(f.high_ohm, "Ω"));
            assert_eq!(row[2], crate::app::format::with_unit(f.low_re_ohm, "Ω"));
        }
    }
}

#[test]
fn figure_4c_is_eq_8_and_4d_5b_draw_families() {
    // 4C: R_e at the slider's floor stands for R_e → 0; Eq. 8 computed here
    // directly, Z = R_bulk + √(R_ion/(iωC_dl))·coth √(R_ion·iωC_dl).
    let s = figure_state("4c");
    let (r_bulk, r_ion, c) = (s.get(In::SimRBulk), s.get(In::SimRIon), s.get(In::SimC));
    for f in [1e-2, 0.1, 1.0] {
        let iwc = Complex64::new(0.0, std::f64::consts::TAU * f * c);
        let eq8 = r_bulk + (r_ion / iwc).sqrt() / (r_ion * iwc).sqrt().tanh();
        let z = z_at(&s, r_ion, s.get(In::SimRE), f);
        assert!((z - eq8).norm() < 1e-4 * eq8.norm(), "{f} Hz: {z} vs {eq8}");
    }
    assert_eq!(
        nyquist(&crate::app::impedance::view::view(&s, &[], 0))
            .series
            .len(),
        1
    );
    // 4D varies R_e, 5B varies R_ion: three curves each, named in the legend.
    for (id, rail) in [("4d", In::SimRE), ("5b", In::SimRIon)] {
        let s = figure_state(id);
        let fig = nyquist(&crate::app::impedance::view::view(&s, &[], 0)).clone();
        assert_eq!(fig.series.len(), 3, "{id}");
        let mut values: Vec<f64> = curves(&s).iter().map(|c| c.varied.unwrap().1).collect();
        values.sort_by(f64::total_cmp);
        let base = s.get(rail);
        assert_eq!(values, FAMILY_FACTORS.map(|k| k * base).to_vec());
        for series in &fig.series {
            assert!(
                series.name.starts_with(rail.spec().label),
                "{}",
                series.name
            );
        }
    }
}

#[test]
fn figure_5b_is_a_45_degree_line_closing_on_r_e() {
    // Ion blocking: near the high-frequency intercept −Z″ rises as fast as
    // Z′ (45°), and every curve of the family closes on R_e (Eq. 16).
    let s = figure_state("5b");
    let (r_bulk, r_e) = (s.get(In::SimRBulk), s.get(In::SimRE));
    for c in curves(&s) {
        let f = features(Layout::ElectronElectron, r_bulk, c.r_ion_ohm, c.r_e_ohm);
        let z = z_at(&s, c.r_ion_ohm, c.r_e_ohm, 1e5);
        let slope = -z.im / (z.re - f.high_ohm);
        assert!((slope - 1.0).abs() < 0.02, "{c:?}: slope {slope}");
        assert!(close(f.low_re_ohm, r_bulk + r_e, 1e-12));
        let z_low = z_at(&s, c.r_ion_ohm, c.r_e_ohm, 1e-3);
        assert!(-z_low.im < 1e-3 * z_low.re, "{c:?}: {z_low}");
    }
}

#[test]
fn changing_the_layout_drops_the_family() {
    let mut s = figure_state("5b");
    s.select(Layout::IonIon);
    assert_eq!(curves(&s).len(), 1);
    assert!(active_name(&s).is_none());
}
