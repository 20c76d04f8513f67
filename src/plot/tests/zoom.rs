//! Zoom and pan: the point under the pointer stays put, a drag moves the
//! data by the pixels dragged (linear and log axes), equal axes stay equal,
//! keys and wheel steps map as documented.

use crate::plot::{
    key_step, layout, wheel_factor, Axis, Figure, Marker, Series, Step, View, ZOOM_STEP,
};

/// A linear figure with equal axes (a Nyquist-like arc).
fn equal() -> Figure {
    let mut fig = Figure::new("", Axis::linear("Z′ / Ω"), Axis::linear("−Z″ / Ω"));
    fig.equal_aspect = true;
    let x: Vec<f64> = (0..=20).map(|k| 10.0 + 5.0 * k as f64).collect();
    let y: Vec<f64> = x.iter().map(|v| (v - 10.0) * 0.4).collect();
    fig.series.push(Series::new(
        "d",
        x,
        y,
        crate::plot::Style::Markers(Marker::Dot),
    ));
    fig
}

/// A Bode-like figure: log x, log left y, linear right y.
fn bode_like() -> Figure {
    let mut fig = Figure::new("", Axis::log("f / Hz"), Axis::log("|Z| / Ω"));
    fig.y2 = Some(Axis::linear("−φ / °"));
    let f: Vec<f64> = (0..=30)
        .map(|k| 10f64.powf(-1.0 + 0.25 * k as f64))
        .collect();
    let mag: Vec<f64> = f.iter().map(|f| 10.0 + 1e4 / f).collect();
    let phase: Vec<f64> = f.iter().map(|f| 80.0 / (1.0 + f / 10.0)).collect();
    let style = crate::plot::Style::Markers(Marker::Circle);
    fig.series.push(Series::new("|Z|", f.clone(), mag, style));
    fig.series
        .push(Series::new("−φ", f, phase, style).on_right());
    fig
}

fn shown(mut fig: Figure, view: &View) -> Figure {
    fig.show(view);
    fig
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// Data (x, left y, right y) at pixel (px, py), from the layout's maps.
fn data_at(fig: &Figure, px: f64, py: f64) -> (f64, f64, Option<f64>) {
    let l = layout(fig);
    (
        l.x.from_px(px),
        l.y.from_px(py),
        l.y2.map(|m| m.from_px(py)),
    )
}

#[test]
fn zoom_keeps_the_point_under_the_pointer_on_linear_and_log_axes() {
    for fig in [equal(), bode_like()] {
        let p = layout(&fig).plot;
        let at = (
            p.left + 0.3 * (p.right - p.left),
            p.top + 0.7 * (p.bottom - p.top),
        );
        let before = data_at(&fig, at.0, at.1);
        let view = fig.moved_view((0.0, 0.0), at, 0.5).unwrap();
        let after_fig = shown(fig.clone(), &view);
        let after = data_at(&after_fig, at.0, at.1);
        assert!(close(before.0, after.0, 1e-9), "{before:?} {after:?}");
        assert!(close(before.1, after.1, 1e-9), "{before:?} {after:?}");
        if let (Some(a), Some(b)) = (before.2, after.2) {
            assert!(close(a, b, 1e-9), "{a} {b}");
        }
        // The range halves in the axis's own coordinate (decades on log x).
        let old = fig.view();
        let span = |r: (f64, f64), log: bool| if log { (r.1 / r.0).log10() } else { r.1 - r.0 };
        let log = fig.x.scale == crate::plot::ScaleKind::Log10;
        assert!(close(span(view.x, log), 0.5 * span(old.x, log), 1e-9));
    }
}

#[test]
fn a_drag_moves_the_data_by_the_pixels_dragged() {
    // Linear: ohms per pixel stay, the value at a pixel drops by 40 px' worth.
    let fig = equal();
    let l = layout(&fig);
    let per_px = l.x.units_per_px();
    let moved = shown(
        fig.clone(),
        &fig.moved_view((40.0, -25.0), (0.0, 0.0), 1.0).unwrap(),
    );
    let n = layout(&moved);
    assert!(close(n.x.units_per_px(), per_px, 1e-9));
    let p = (l.plot.left + l.plot.right) / 2.0;
    assert!(close(n.x.from_px(p), l.x.from_px(p) - 40.0 * per_px, 1e-9));
    // What was under pixel p is under p + d afterwards, on every axis.
    for fig in [equal(), bode_like()] {
        let p = layout(&fig).plot;
        let (px, py) = (p.left + 50.0, p.top + 60.0);
        let before = data_at(&fig, px, py);
        let moved = shown(
            fig.clone(),
            &fig.moved_view((30.0, 20.0), (0.0, 0.0), 1.0).unwrap(),
        );
        let after = data_at(&moved, px + 30.0, py + 20.0);
        assert!(close(before.0, after.0, 1e-9), "{before:?} {after:?}");
        assert!(close(before.1, after.1, 1e-9), "{before:?} {after:?}");
        if let (Some(a), Some(b)) = (before.2, after.2) {
            assert!(close(a, b, 1e-9), "{a} {b}");
        }
    }
    // Log: a drag of one decade's pixels to the left shows 10× the
    // frequency at every pixel.
    let fig = bode_like();
    let l = layout(&fig);
    let px_per_decade = (l.x.px_hi - l.x.px_lo) / (l.x.hi / l.x.lo).log10();
    let moved = shown(
        fig.clone(),
        &fig.moved_view((-px_per_decade, 0.0), (0.0, 0.0), 1.0)
            .unwrap(),
    );
    let p = (l.plot.left + l.plot.right) / 2.0;
    assert!(close(
        layout(&moved).x.from_px(p),
        10.0 * l.x.from_px(p),
        1e-9
    ));
}

#[test]
fn equal_axes_keep_one_ohm_per_pixel_on_both_axes() {
    let fig = equal();
    let per_px = |f: &Figure| {
        let l = layout(f);
        (l.x.units_per_px(), l.y.units_per_px())
    };
    let (a, b) = per_px(&fig);
    assert!(close(a, b, 1e-9), "{a} {b}");
    let p = layout(&fig).plot;
    let view = fig
        .moved_view((12.0, 7.0), (p.left + 20.0, p.bottom - 10.0), 0.4)
        .unwrap();
    let zoomed = shown(fig.clone(), &view);
    let (a, b) = per_px(&zoomed);
    assert!(close(a, b, 1e-6), "{a} {b}");
    // A view of other proportions (a box, another size) is widened to 1:1.
    let unequal = View {
        x: (0.0, 100.0),
        y: (0.0, 10.0),
        y2: None,
    };
    let (a, b) = per_px(&shown(fig.clone(), &unequal));
    assert!(close(a, b, 1e-6), "{a} {b}");
    // Without equal axes the view is shown as given.
    let mut free = fig.clone();
    free.equal_aspect = false;
    free.show(&unequal);
    assert_eq!(free.view().x, unequal.x);
    assert_eq!(free.view().y, unequal.y);
}

#[test]
fn zooming_far_in_or_out_stops_where_an_axis_cannot_follow() {
    let fig = bode_like();
    let p = layout(&fig).plot;
    let at = (p.left + 10.0, p.top + 10.0);
    assert!(fig.moved_view((0.0, 0.0), at, 1e-12).is_none());
    assert!(fig.moved_view((0.0, 0.0), at, 1e300).is_none());
    assert!(fig.moved_view((f64::NAN, 0.0), at, 1.0).is_none());
    assert!(fig.moved_view((0.0, 0.0), at, -1.0).is_none());
}

#[test]
fn keys_and_wheel_steps() {
    assert_eq!(key_step("+", false), Some(Step::Zoom(1.0 / ZOOM_STEP)));
    assert_eq!(key_step("-", false), Some(Step::Zoom(ZOOM_STEP)));
    assert_eq!(key_step("0", false), Some(Step::Reset));
    assert_eq!(
        key_step("ArrowLeft", false),
        None,
        "plain arrows move the cursor"
    );
    assert!(matches!(key_step("ArrowRight", true), Some(Step::Pan(s, 0.0)) if s > 0.0));
    // Moving the view right shows larger x: the range moves up by 10 % of it.
    let fig = equal();
    let l = layout(&fig);
    let (w, h) = (l.plot.right - l.plot.left, l.plot.bottom - l.plot.top);
    let (cx, cy) = (
        (l.plot.left + l.plot.right) / 2.0,
        (l.plot.top + l.plot.bottom) / 2.0,
    );
    let right = shown(
        fig.clone(),
        &fig.stepped_view(Step::Pan(0.1, 0.0), None).unwrap(),
    );
    let shift = layout(&right).x.from_px(cx) - l.x.from_px(cx);
    assert!(close(shift, 0.1 * w * l.x.units_per_px(), 1e-9), "{shift}");
    let up = shown(
        fig.clone(),
        &fig.stepped_view(Step::Pan(0.0, 0.1), None).unwrap(),
    );
    let shift = layout(&up).y.from_px(cy) - l.y.from_px(cy);
    assert!(close(shift, 0.1 * h * l.y.units_per_px(), 1e-9), "{shift}");
    assert!(fig.stepped_view(Step::Reset, None).is_none());
    // A wheel notch down zooms out, up zooms in, by the same factor.
    assert!(
        wheel_factor(100.0) > 1.0 && close(wheel_factor(100.0) * wheel_factor(-100.0), 1.0, 1e-12)
    );
}

#[test]
fn a_zoomed_log_axis_keeps_decade_ticks() {
    let fig = bode_like();
    let p = layout(&fig).plot;
    let at = ((p.left + p.right) / 2.0, (p.top + p.bottom) / 2.0);
    let zoomed = shown(fig.clone(), &fig.moved_view((0.0, 0.0), at, 0.6).unwrap());
    let l = layout(&zoomed);
    assert!(l.x_ticks.labels.len() >= 2);
    for (v, label) in l.x_ticks.major.iter().zip(&l.x_ticks.labels) {
        assert!(close(v.log10().round(), v.log10(), 1e-12), "{v} {label}");
    }
}
