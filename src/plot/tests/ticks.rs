//! Tick generation and scales: properties over random ranges.

use proptest::prelude::*;

use crate::plot::scale::{Extent, Mapping, ScaleKind};
use crate::plot::ticks::{linear, linear_ticks, log10, nice_step};

/// True when `step` is 1, 2 or 5 times a power of ten (checked through the
/// decimal representation, independently of `nice_step`).
fn is_nice(step: f64) -> bool {
    let s = format!("{step:e}");
    let mantissa = s.split('e').next().unwrap_or("");
    matches!(mantissa, "1" | "2" | "5")
}

#[test]
fn nice_steps_by_hand() {
    assert_eq!(nice_step(10.0, 5), Some(2.0));
    assert_eq!(nice_step(7.0, 5), Some(2.0)); // 1.4 → 2
    assert_eq!(nice_step(0.3, 5), Some(0.1)); // 0.06 → 0.1
    assert_eq!(nice_step(1e-9 * 12.0, 3), Some(5e-9)); // 4e-9 → 5e-9
    assert_eq!(nice_step(0.0, 5), None);
    assert_eq!(nice_step(f64::NAN, 5), None);
    let (t, step) = linear_ticks(-3.2, 7.9, 5);
    assert_eq!(step, 5.0); // 11.1/5 = 2.22 → 5
    assert_eq!(t, vec![0.0, 5.0]);
}

#[test]
fn log_ticks_by_hand() {
    let t = log10(0.0031, 2e4, 8);
    assert_eq!(
        t.labels,
        ["10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³", "10⁴"]
    );
    assert_eq!(t.major, [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0]);
    // minor ticks at 2..9 × decade inside the range: 0.004 … 0.009, 0.02 …
    assert!(t.minor.contains(&0.004) && t.minor.contains(&9000.0));
    assert!(t.minor.iter().all(|&m| m > 0.0031 && m < 2e4));
    assert_eq!(t.minor.len(), 6 + 6 * 8); // 0.004–0.009, six full decades; 2e4 = hi excluded
                                          // 24 decades with at most 6 labels → every 5th decade.
    let wide = log10(1e-12, 1e12, 5);
    assert_eq!(wide.labels, ["10⁻¹⁰", "10⁻⁵", "10⁰", "10⁵", "10¹⁰"]);
    // Less than a decade → 1-2-5 ticks on the values.
    let narrow = log10(2.0, 8.0, 4);
    assert_eq!(narrow.major, [2.0, 4.0, 6.0, 8.0]);
}

#[test]
fn degenerate_inputs_give_no_ticks_not_panics() {
    for (lo, hi) in [
        (1.0, 1.0),
        (2.0, 1.0),
        (f64::NAN, 1.0),
        (0.0, f64::INFINITY),
        (-1e308, 1e308),
    ] {
        assert!(linear(lo, hi, 5).major.len() <= 64);
        assert!(log10(lo, hi, 5).major.len() <= 64);
    }
}

fn ranges() -> impl Strategy<Value = (f64, f64)> {
    // lo anywhere from ±1e-300 to ±1e300; span relative to |lo| from 1e-8
    // to 1e4 (or absolute around 10^e when lo is small).
    (-10.0f64..10.0, -300i32..300, -8.0f64..4.0).prop_filter_map("finite", |(m, e, rel)| {
        let lo = m * 10f64.powi(e);
        let span = 10f64.powf(rel) * lo.abs().max(10f64.powi(e));
        let hi = lo + span;
        (lo.is_finite() && hi.is_finite() && hi > lo).then_some((lo, hi))
    })
}

proptest! {
    #[test]
    fn linear_ticks_are_nice_inside_and_bounded((lo, hi) in ranges(), target in 2usize..10) {
        let (t, step) = linear_ticks(lo, hi, target);
        prop_assert!(t.len() >= 2 && t.len() <= (target + 1).max(6), "{} ticks for {lo}..{hi}", t.len());
        prop_assert!(is_nice(step), "step {step}");
        for w in t.windows(2) {
            prop_assert!(w[1] > w[0]);
            prop_assert!(((w[1] - w[0]) / step - 1.0).abs() < 1e-6, "uneven {w:?} step {step}");
        }
        for &v in &t {
            prop_assert!(v >= lo && v <= hi, "{v} outside {lo}..{hi}");
            let k = v / step;
            prop_assert!((k - k.round()).abs() < 1e-6 * k.abs().max(1.0), "{v} not a multiple of {step}");
        }
        let full = linear(lo, hi, target);
        let mut labels = full.labels.clone();
        labels.dedup();
        prop_assert_eq!(labels.len(), t.len(), "labels not distinct: {:?}", full.labels);
        for &m in &full.minor {
            prop_assert!(m >= lo && m <= hi);
        }
    }

    #[test]
    fn log_ticks_are_decades_inside_and_bounded(e0 in -300.0f64..290.0, decades in 0.05f64..40.0, target in 2usize..10) {
        let lo = 10f64.powf(e0);
        let hi = lo * 10f64.powf(decades);
        prop_assume!(hi.is_finite());
        let t = log10(lo, hi, target);
        // Over less than a decade the 1-2-5 rule applies (see linear ticks).
        prop_assert!(!t.major.is_empty() && t.major.len() <= (target + 1).max(6), "{:?}", t.major);
        prop_assert_eq!(t.major.len(), t.labels.len());
        for &v in t.major.iter().chain(&t.minor) {
            prop_assert!(v >= lo && v <= hi, "{v} outside {lo}..{hi}");
        }
        if decades >= 2.0 {
            for (v, l) in t.major.iter().zip(&t.labels) {
                let d = v.log10();
                prop_assert!((d - d.round()).abs() < 1e-9, "{v} is not a decade");
                prop_assert!(l.starts_with("10"), "{l}");
            }
        }
    }

    #[test]
    fn auto_range_is_usable_and_covers_data(
        values in prop::collection::vec(prop_oneof![
            Just(f64::NAN), Just(f64::INFINITY), Just(0.0), Just(-1e12), Just(1e-12), Just(1e12),
            -1e6f64..1e6, 1e-15f64..1e15,
        ], 0..8),
        log in any::<bool>(),
        decades in any::<bool>(),
    ) {
        let kind = if log { ScaleKind::Log10 } else { ScaleKind::Linear };
        let mut e = Extent::new(kind);
        e.add_all(&values);
        let (lo, hi) = e.range(None, decades);
        prop_assert!(lo.is_finite() && hi.is_finite() && lo < hi, "{lo}..{hi}");
        if log { prop_assert!(lo > 0.0); }
        if log && decades && values.iter().any(|&v| kind.forward(v).is_some()) {
            // Both ends are powers of ten (up to the rounding of 10^k).
            for end in [lo, hi] {
                let k = end.log10();
                prop_assert!((k - k.round()).abs() < 1e-9, "{lo}..{hi} not in whole decades");
            }
        }
        for &v in values.iter().filter(|v| kind.forward(**v).is_some()) {
            prop_assert!(v >= lo && v <= hi, "{v} outside {lo}..{hi}");
        }
        let t = crate::plot::ticks::for_scale(kind, lo, hi, 5);
        prop_assert!(!t.major.is_empty(), "no ticks for {lo}..{hi}");
    }

    #[test]
    fn data_to_pixel_round_trips(lo in -1e9f64..1e9, rel in -6.0f64..3.0, f in -0.5f64..1.5, log in any::<bool>()) {
        let (kind, lo) = if log { (ScaleKind::Log10, lo.abs() + 1e-9) } else { (ScaleKind::Linear, lo) };
        let hi = match kind {
            ScaleKind::Linear => lo + 10f64.powf(rel) * lo.abs().max(1.0),
            ScaleKind::Log10 => lo * 10f64.powf(rel.abs() + 0.1),
        };
        let m = Mapping::new(kind, (lo, hi), (420.0, 40.0));
        // A value a fraction f of the way along the axis (in axis coordinates).
        let v = match kind {
            ScaleKind::Linear => lo + f * (hi - lo),
            ScaleKind::Log10 => lo * (hi / lo).powf(f),
        };
        let px = m.to_px(v).unwrap();
        prop_assert!((px - (420.0 - f * 380.0)).abs() < 1e-6, "px {px} for f {f}");
        let back = m.from_px(px);
        prop_assert!((back - v).abs() <= 1e-9 * v.abs().max((hi - lo).abs()), "{v} → {px} → {back}");
    }
}

#[test]
fn fixed_ranges_are_honoured_or_repaired() {
    let e = Extent::new(ScaleKind::Linear);
    assert_eq!(e.range(Some((5.0, -5.0)), false), (-5.0, 5.0));
    let (lo, hi) = e.range(Some((3.0, 3.0)), false);
    assert!(lo < 3.0 && hi > 3.0);
    let l = Extent::new(ScaleKind::Log10);
    // A log range with a non-positive end cannot be used: falls back.
    let (lo, hi) = l.range(Some((-1.0, 10.0)), false);
    assert!(lo > 0.0 && hi > lo);
    // Whole decades around the data, and a fixed range wins over them.
    let mut d = Extent::new(ScaleKind::Log10);
    d.add_all(&[2.3, 15.9]);
    assert_eq!(d.range(None, true), (1.0, 100.0));
    let (lo, hi) = d.range(Some((2.0, 20.0)), true);
    assert!(
        (lo - 2.0).abs() < 1e-12 && (hi - 20.0).abs() < 1e-12,
        "{lo}..{hi}"
    );
    let mut one = Extent::new(ScaleKind::Log10);
    one.add(10.0);
    assert_eq!(one.range(None, true), (10.0, 100.0));
}
