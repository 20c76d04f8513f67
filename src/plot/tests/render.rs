//! Rendering: well-formed, finite, escaped, themed, equal aspect, clipping.

use proptest::prelude::*;

use super::check_svg;
use crate::plot::draw::clip;
use crate::plot::{
    layout, Axis, Band, ColorMode, Figure, MarkedPoint, Marker, Rect, RefLine, RefPos, Series,
    Style,
};

const NASTY: &str = "<script>alert(\"x\")</script> & 'q' ]]>";

fn awkward() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1e-12),
        Just(1e12),
        Just(-1e12),
        Just(5.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -1e3f64..1e3,
        1e-12f64..1e12,
    ]
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        Just(Style::Line { dashed: false }),
        Just(Style::Line { dashed: true }),
        Just(Style::Markers(Marker::Circle)),
        Just(Style::Markers(Marker::Square)),
        Just(Style::LineMarkers(Marker::Cross)),
        Just(Style::LineMarkers(Marker::Dot)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn any_data_gives_well_formed_finite_svg(
        series in prop::collection::vec((prop::collection::vec(awkward(), 0..7), prop::collection::vec(awkward(), 0..7), style(), any::<bool>()), 0..4),
        logx in any::<bool>(), logy in any::<bool>(), equal in any::<bool>(),
        range in prop::option::of((awkward(), awkward())),
        size in (awkward(), awkward()),
        inline in any::<bool>(),
    ) {
        let kind = |log: bool| if log { Axis::log("a / Ω") } else { Axis::linear("b") };
        let mut fig = Figure::new(NASTY, kind(logx), kind(logy)).with_size(size.0, size.1);
        fig.x.range = range;
        fig.equal_aspect = equal;
        fig.y2 = logy.then(|| Axis::linear("right"));
        fig.colors = if inline { ColorMode::Inline } else { ColorMode::Themed };
        for (k, (x, y, st, right)) in series.into_iter().enumerate() {
            let mut s = Series::new(format!("s{k}"), x, y.clone(), st).color(k);
            if right { s = s.on_right(); }
            if k == 1 { s.y_err = Some(y.iter().map(|v| v.abs() / 10.0).collect()); }
            fig.series.push(s);
        }
        fig.ref_lines.push(RefLine { label: "ref".into(), pos: RefPos::Vertical(1.0) });
        fig.marks.push(MarkedPoint { label: "here".into(), x: 2.0, y: 3.0 });
        let svg = fig.to_svg();
        check_svg(&svg);
        let _ = fig.to_csv();
        let _ = fig.nearest_point(100.0, 100.0, 50.0);
    }
}

#[test]
fn text_is_escaped_everywhere() {
    let mut fig = Figure::new(NASTY, Axis::linear(NASTY), Axis::log(NASTY)).with_id(NASTY);
    fig.series.push(Series::new(
        NASTY,
        vec![1.0, 2.0],
        vec![1.0, 10.0],
        Style::Line { dashed: false },
    ));
    fig.marks.push(MarkedPoint {
        label: NASTY.into(),
        x: 1.5,
        y: 3.0,
    });
    fig.ref_lines.push(RefLine {
        label: NASTY.into(),
        pos: RefPos::Horizontal(2.0),
    });
    let svg = fig.to_svg();
    assert!(!svg.contains("<script"), "raw markup leaked");
    let els = check_svg(&svg);
    assert!(els.iter().all(|e| e.name != "script"));
    // title, x label, y label, mark label, reference label
    let texts = els
        .iter()
        .filter(|e| e.name == "text" && e.text == NASTY)
        .count();
    assert_eq!(texts, 5, "each label appears decoded intact");
    // The legend shortens long labels from the start, keeping the end.
    let tail: String = NASTY.chars().skip(NASTY.chars().count() - 35).collect();
    assert!(els
        .iter()
        .any(|e| e.name == "text" && e.text == format!("…{tail}")));
}

#[test]
fn nan_points_are_skipped_with_a_visible_note() {
    let mut fig = Figure::new("", Axis::log("f"), Axis::linear("y"));
    let s = Series::new(
        "d",
        vec![1.0, f64::NAN, -3.0, 10.0],
        vec![1.0, 2.0, 3.0, f64::INFINITY],
        Style::Markers(Marker::Dot),
    );
    fig.series.push(s);
    let els = check_svg(&fig.to_svg());
    let note = els
        .iter()
        .find(|e| e.name == "text" && e.text.contains("not shown"))
        .expect("a note");
    // NaN x, −3 on a log axis, infinite y: three points out of four.
    assert!(note.text.starts_with("3 points not shown"), "{}", note.text);
    let empty = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    let els = check_svg(&empty.to_svg());
    assert!(els.iter().any(|e| e.text == "no data"));
}

#[test]
fn themed_output_uses_current_color_and_inline_output_does_not_need_css() {
    let mut fig = Figure::new("t", Axis::linear("x"), Axis::linear("y"));
    fig.series.push(Series::new(
        "a",
        vec![0.0, 1.0],
        vec![0.0, 1.0],
        Style::LineMarkers(Marker::Circle),
    ));
    fig.bands.push(Band {
        name: "b".into(),
        x: vec![0.0, 1.0],
        lo: vec![0.0, 0.5],
        hi: vec![0.5, 1.0],
        color: 2,
    });
    let themed = fig.to_svg();
    assert!(themed.contains("var(--ip-c0,#0072B2)") && themed.contains("currentColor"));
    assert!(
        !themed.contains("fill=\"#ffffff\""),
        "themed plots have no background"
    );
    fig.colors = ColorMode::Inline;
    let inline = fig.to_svg();
    let els = check_svg(&inline);
    assert!(
        !inline.contains("var("),
        "no CSS variables in standalone files"
    );
    assert_eq!(
        els[0].attr("color"),
        Some("#222222"),
        "currentColor resolves without CSS"
    );
    // The background is drawn first: the first child of the first layer.
    assert_eq!((els[1].name.as_str(), els[2].name.as_str()), ("g", "rect"));
    assert_eq!(els[2].attr("fill"), Some("#ffffff"));
    assert!(els.iter().any(|e| e.attr("stroke") == Some("#0072B2")));
}

#[test]
fn equal_aspect_gives_equal_units_per_pixel() {
    for (xs, ys) in [
        (vec![0.0, 1000.0], vec![0.0, 10.0]), // wide data
        (vec![0.0, 1.0], vec![-5.0, 300.0]),  // tall data
        (vec![3.0, 3.0], vec![2.0, 2.0]),     // a single spot
    ] {
        let mut fig = Figure::new("", Axis::linear("Z′ / Ω"), Axis::linear("−Z″ / Ω"))
            .with_size(700.0, 380.0);
        fig.equal_aspect = true;
        fig.series.push(Series::new(
            "",
            xs.clone(),
            ys.clone(),
            Style::Markers(Marker::Circle),
        ));
        let l = layout(&fig);
        let (ux, uy) = (l.x.units_per_px(), l.y.units_per_px());
        assert!((ux / uy - 1.0).abs() < 1e-9, "Ω/px differ: {ux} vs {uy}");
        // and the data still fit
        for (&x, &y) in xs.iter().zip(&ys) {
            assert!(x >= l.x.lo && x <= l.x.hi && y >= l.y.lo && y <= l.y.hi);
        }
        // A drawn square in data units is a square in pixels.
        let w = l.x.to_px(xs[0] + 1.0).unwrap() - l.x.to_px(xs[0]).unwrap();
        let h = l.y.to_px(ys[0]).unwrap() - l.y.to_px(ys[0] + 1.0).unwrap();
        assert!((w / h - 1.0).abs() < 1e-9);
    }
}

#[test]
fn segments_are_clipped_to_the_plot_area() {
    let r = Rect {
        left: 0.0,
        top: 0.0,
        right: 100.0,
        bottom: 50.0,
    };
    // From (50, 25) to (250, 125): leaves through x = 100 at y = 50 (a corner).
    let (a, b) = clip(&r, (50.0, 25.0), (250.0, 125.0)).unwrap();
    assert_eq!(a, (50.0, 25.0));
    assert!((b.0 - 100.0).abs() < 1e-12 && (b.1 - 50.0).abs() < 1e-12);
    // Crossing the whole area horizontally at y = 10.
    let (a, b) = clip(&r, (-1e6, 10.0), (1e6, 10.0)).unwrap();
    assert_eq!((a, b), ((0.0, 10.0), (100.0, 10.0)));
    // Entirely outside.
    assert!(clip(&r, (-5.0, -5.0), (-1.0, 60.0)).is_none());
}

#[test]
fn a_far_away_point_does_not_bend_the_visible_line() {
    // Fixed range 0..10 on both axes; the line y = x continues to 1e12.
    let mut fig = Figure::new(
        "",
        Axis::linear("x").with_range(0.0, 10.0),
        Axis::linear("y").with_range(0.0, 10.0),
    );
    fig.series.push(Series::new(
        "",
        vec![1.0, 1e12],
        vec![1.0, 1e12],
        Style::Line { dashed: false },
    ));
    let l = layout(&fig);
    let els = check_svg(&fig.to_svg());
    let d = els
        .iter()
        .find(|e| e.attr("class") == Some("ip-line"))
        .and_then(|e| e.attr("d"))
        .unwrap();
    let nums: Vec<f64> = d
        .split(['M', 'L', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(nums.len(), 4, "{d}");
    // The end is the plot's top-right corner, where y = x = 10.
    assert!(
        (nums[2] - l.plot.right).abs() <= 0.05 && (nums[3] - l.plot.top).abs() <= 0.05,
        "{d}"
    );
}

#[test]
fn series_is_one_element_whatever_its_length() {
    let n = 5000;
    let x: Vec<f64> = (0..n).map(|k| k as f64).collect();
    let y: Vec<f64> = x.iter().map(|v| (v / 300.0).sin()).collect();
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.series
        .push(Series::new("", x, y, Style::LineMarkers(Marker::Circle)));
    let els = check_svg(&fig.to_svg());
    assert_eq!(
        els.iter()
            .filter(|e| e.attr("class") == Some("ip-line"))
            .count(),
        1
    );
    assert_eq!(
        els.iter()
            .filter(|e| e.attr("class") == Some("ip-markers"))
            .count(),
        1
    );
    assert!(els.len() < 120, "{} elements", els.len());
}

#[test]
fn legend_goes_to_the_emptiest_corner() {
    use crate::plot::Legend;
    // Points crowd the top right and top left; bottom right is empty.
    let x = vec![0.0, 0.1, 0.2, 9.8, 9.9, 10.0, 0.0, 10.0];
    let y = vec![10.0, 9.9, 9.8, 10.0, 9.9, 9.8, 0.0, 3.0];
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.series
        .push(Series::new("points", x, y, Style::Markers(Marker::Dot)));
    let l = layout(&fig);
    let els = check_svg(&fig.to_svg());
    let rect = els
        .iter()
        .skip_while(|e| e.attr("class") != Some("ip-legend"))
        .nth(1)
        .unwrap();
    let (lx, ly): (f64, f64) = (
        rect.attr("x").unwrap().parse().unwrap(),
        rect.attr("y").unwrap().parse().unwrap(),
    );
    let mid = |a: f64, b: f64| (a + b) / 2.0;
    assert!(
        lx > mid(l.plot.left, l.plot.right) && ly > mid(l.plot.top, l.plot.bottom),
        "legend at {lx},{ly}"
    );
    fig.legend = Legend::None;
    assert!(!fig.to_svg().contains("ip-legend"));
}

#[test]
fn grid_with_inconsistent_public_fields_does_not_panic() {
    use crate::plot::{Grid, Heatmap};
    let grid = Grid {
        x_min: 0.0,
        x_max: f64::NAN,
        y_min: 0.0,
        y_max: 1.0,
        nx: 0,
        ny: 3,
        values: vec![1.0; 2],
    };
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.heatmap = Some(Heatmap {
        grid,
        label: "z".into(),
        range: Some((1.0, 1.0)),
    });
    check_svg(&fig.to_svg());
    assert!(fig.cell_at(100.0, 100.0).is_none());
    let _ = fig.to_csv();
}

#[test]
fn band_polygon_is_clipped_to_the_plot_area() {
    use crate::plot::draw::clip_polygon;
    let r = Rect {
        left: 0.0,
        top: 0.0,
        right: 10.0,
        bottom: 10.0,
    };
    // A square from (5, 5) to (15, 15): its visible part is (5..10)².
    let poly = clip_polygon(&r, vec![(5.0, 5.0), (15.0, 5.0), (15.0, 15.0), (5.0, 15.0)]);
    let mut xs: Vec<(f64, f64)> = poly.clone();
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs.dedup();
    assert_eq!(xs, [(5.0, 5.0), (5.0, 10.0), (10.0, 5.0), (10.0, 10.0)]);
    assert!(clip_polygon(&r, vec![(20.0, 20.0), (30.0, 20.0), (25.0, 30.0)]).is_empty());
}

/// Writes a dark-themed HTML page with a themed figure when
/// `IONPATH_PLOT_DEMO` names a file (manual visual check; not run otherwise).
#[test]
fn themed_demo_page() {
    let Ok(path) = std::env::var("IONPATH_PLOT_DEMO") else {
        return;
    };
    let eps: Vec<f64> = (1..=20).map(|k| k as f64 / 20.0).collect();
    let tau: Vec<f64> = eps.iter().map(|e| e.powf(-0.5)).collect();
    let mut fig = Figure::new("Bruggeman", Axis::linear("ε"), Axis::log("τ"));
    fig.series.push(Series::new(
        "α = 0.5",
        eps.clone(),
        tau.clone(),
        Style::LineMarkers(Marker::Circle),
    ));
    fig.bands.push(Band {
        name: "±10 %".into(),
        x: eps,
        lo: tau.iter().map(|t| t * 0.9).collect(),
        hi: tau.iter().map(|t| t * 1.1).collect(),
        color: 0,
    });
    fig.marks.push(MarkedPoint {
        label: "current design".into(),
        x: 0.5,
        y: 1.5,
    });
    let page = format!("<html><body style=\"background:#111;color:#eee;--ip-bg:#222;--ip-c0:#7fc6ff\">{}</body></html>", fig.to_svg());
    std::fs::write(path, page).unwrap();
}

#[test]
fn error_bars_below_zero_on_a_log_axis_run_to_the_bottom() {
    // τ = 2 ± 3 on a log axis: the lower end (−1) cannot be shown.
    let mut fig = Figure::new("", Axis::linear("ε"), Axis::log("τ").with_range(0.1, 10.0));
    let mut s = Series::new("", vec![0.5], vec![2.0], Style::Markers(Marker::Square));
    s.y_err = Some(vec![3.0]);
    fig.series.push(s);
    let l = layout(&fig);
    let els = check_svg(&fig.to_svg());
    let d = els
        .iter()
        .find(|e| e.attr("class") == Some("ip-errorbar"))
        .and_then(|e| e.attr("d"))
        .unwrap();
    let nums: Vec<f64> = d
        .split(['M', 'L', 'h', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    // M x bottom L x top(5): starts at the plot's bottom edge, one cap (at +d).
    assert!((nums[1] - l.plot.bottom).abs() < 0.06, "{d}");
    assert!((nums[3] - l.y.to_px(5.0).unwrap()).abs() < 0.06, "{d}");
    assert_eq!(d.matches('h').count(), 1, "{d}");
}

#[test]
fn layers_join_into_the_svg_and_only_the_moved_layers_change() {
    let build = |y_last: f64| {
        let mut fig = Figure::new("t", Axis::linear("x"), Axis::linear("y"));
        fig.x.range = Some((0.0, 10.0));
        fig.y.range = Some((0.0, 10.0));
        fig.series.push(Series::new(
            "s",
            vec![1.0, 5.0, 9.0],
            vec![1.0, 2.0, y_last],
            Style::Line { dashed: false },
        ));
        fig
    };
    let a = build(3.0).to_svg_layers();
    assert_eq!(a.to_svg(), build(3.0).to_svg());
    // Every layer is one element: a page can replace it by position.
    for layer in &a.layers {
        let els = check_svg(&format!("{}{layer}</svg>", a.head));
        let depth_one = layer.starts_with("<g") && layer.ends_with("</g>");
        assert!(depth_one && els.len() >= 2, "{layer}");
    }
    // Fixed axes, one point moved: the data layer changes, the frame and axes do not.
    let b = build(4.0).to_svg_layers();
    assert_eq!(a.head, b.head);
    assert_ne!(a.layers[1], b.layers[1]);
    assert_eq!((&a.layers[0], &a.layers[2]), (&b.layers[0], &b.layers[2]));
}
