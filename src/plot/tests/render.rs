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
    // …and the legend's, below the plot where a long label is not cut.
    assert_eq!(texts, 6, "each label appears decoded intact");
    // The accessible name and summary carry it too.
    assert!(els.iter().any(|e| e.name == "title" && e.text == NASTY));
    assert!(els
        .iter()
        .any(|e| e.name == "desc" && e.text.contains(NASTY)));
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
    // After the name and summary, the background is drawn first: the first
    // child of the first drawn layer.
    let names: Vec<&str> = els[1..5].iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["title", "desc", "g", "rect"]);
    assert_eq!(els[4].attr("fill"), Some("#ffffff"));
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
    // Every layer is one element: a page can replace it by position. The
    // first two are the name and the summary, the rest groups.
    for (k, layer) in a.layers.iter().enumerate() {
        let els = check_svg(&format!("{}{layer}</svg>", a.head));
        let tag = ["title", "desc"].get(k).copied().unwrap_or("g");
        let depth_one =
            layer.starts_with(&format!("<{tag}")) && layer.ends_with(&format!("</{tag}>"));
        assert!(depth_one && els.len() >= 2, "{layer}");
    }
    // Fixed axes, one point moved: the data layer (and the summary) change,
    // the name, frame and axes do not.
    let b = build(4.0).to_svg_layers();
    assert_eq!(a.head, b.head);
    assert_ne!(a.layers[3], b.layers[3]);
    assert_ne!(a.layers[1], b.layers[1]);
    assert_eq!(
        (&a.layers[0], &a.layers[2], &a.layers[4]),
        (&b.layers[0], &b.layers[2], &b.layers[4])
    );
}

/// The legend's texts and its box (if in a corner), from the SVG.
fn legend_of(fig: &Figure) -> (Vec<String>, Option<(f64, f64)>) {
    let els = check_svg(&fig.to_svg());
    let start = els
        .iter()
        .position(|e| e.attr("class") == Some("ip-legend"))
        .expect("a legend");
    let texts = els[start..]
        .iter()
        .filter(|e| e.attr("class") == Some("ip-legend-label"))
        .map(|e| e.text.clone())
        .collect();
    let rect = els[start + 1..]
        .iter()
        .take(1)
        .find(|e| e.name == "rect")
        .map(|r| {
            (
                r.attr("x").unwrap().parse().unwrap(),
                r.attr("y").unwrap().parse().unwrap(),
            )
        });
    (texts, rect)
}

#[test]
fn long_legend_labels_go_below_the_plot_whole_and_a_forced_corner_shortens_them() {
    use crate::plot::{layout::Placement, Legend};
    let label = "Kato et al. 2018, LCO/AB/LGPS cathode (ε with voids)";
    let mut fig = Figure::new("", Axis::linear("ε"), Axis::linear("τ")).with_size(320.0, 300.0);
    for k in 0..3 {
        fig.series.push(
            Series::new(
                format!("{label} {k}"),
                vec![0.3, 0.5],
                vec![2.0, 1.5],
                Style::Markers(Marker::Square),
            )
            .color(k),
        );
    }
    let l = layout(&fig);
    let Placement::Below(lines) = &l.legend else {
        panic!("{:?}", l.legend)
    };
    // The rows lie below the x-axis label, inside the figure.
    assert!(lines[0].y > l.plot.bottom + 42.0 && lines.last().unwrap().y <= 300.0);
    let (texts, rect) = legend_of(&fig);
    assert!(rect.is_none(), "no box below the plot");
    // Wrapped at spaces, every word kept and the authors first.
    let joined = texts.join(" ");
    assert!(joined.starts_with("Kato et al. 2018,"), "{joined}");
    for k in 0..3 {
        assert!(joined.contains(&format!("(ε with voids) {k}")), "{joined}");
    }
    for t in &texts {
        assert!(
            crate::plot::layout::text_width(t, 11.0) <= 320.0 - 16.0 - 26.0,
            "{t}"
        );
    }
    fig.legend = Legend::TopRight;
    let (texts, rect) = legend_of(&fig);
    assert!(rect.is_some());
    assert!(
        texts[0].starts_with('…') && texts[0].ends_with("voids) 0"),
        "{texts:?}"
    );
}

/// Adds a "full capacity" line at y = `line` and a "current design" mark.
fn line_and_mark(fig: &mut Figure, line: f64, (x, y): (f64, f64)) {
    fig.ref_lines.push(RefLine {
        label: "full capacity".into(),
        pos: RefPos::Horizontal(line),
    });
    fig.marks.push(MarkedPoint {
        label: "current design".into(),
        x,
        y,
    });
}

#[test]
fn the_legend_hides_no_reference_label_or_marked_point() {
    use crate::plot::layout::Placement;
    // Curves falling from the top left; a reference line labelled at its
    // right end near the top, and a marked point at the bottom left.
    let x: Vec<f64> = (0..20).map(|k| k as f64).collect();
    let y: Vec<f64> = x.iter().map(|v| 10.0 - 0.4 * v).collect();
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.x.range = Some((0.0, 20.0));
    fig.y.range = Some((0.0, 10.0));
    fig.series.push(Series::new(
        "L = 600 µm",
        x,
        y,
        Style::Line { dashed: false },
    ));
    line_and_mark(&mut fig, 9.5, (1.0, 1.0));
    let l = layout(&fig);
    let Placement::Inside { corner, .. } = l.legend else {
        panic!("{:?}", l.legend)
    };
    assert_eq!(corner, crate::plot::Legend::BottomRight);
    // Labels on every corner: the legend goes below.
    for (label, x, y) in [("a", 19.5, 0.5), ("b", 0.5, 0.8)] {
        fig.marks.push(MarkedPoint {
            label: label.into(),
            x,
            y,
        });
    }
    fig.ref_lines.push(RefLine {
        label: "top-left line".into(),
        pos: RefPos::Vertical(0.5),
    });
    assert!(matches!(layout(&fig).legend, Placement::Below(_)));
}

#[test]
fn text_is_never_below_11_px_and_a_long_title_wraps_to_the_width() {
    let title = "Delivered capacity against current density, Eq. 19 of the review";
    let mut fig = Figure::new(title, Axis::log("i / (mA/cm²)"), Axis::log("C / (mAh/cm²)"))
        .with_size(280.0, 260.0);
    fig.series.push(Series::new(
        "L = 600 µm",
        vec![0.1, 1.0, 10.0],
        vec![15.0, 14.0, 8.0],
        Style::Line { dashed: false },
    ));
    let svg = fig.to_svg();
    let els = check_svg(&svg);
    assert_eq!(els[0].attr("font-size"), Some("11"));
    for e in &els {
        if let Some(size) = e.attr("font-size") {
            assert!(size.parse::<f64>().unwrap() >= 11.0, "{}: {size}", e.name);
        }
    }
    let lines: Vec<&str> = els
        .iter()
        .filter(|e| e.attr("class") == Some("ip-title"))
        .map(|e| e.text.as_str())
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(lines.join(" "), title);
    for line in &lines {
        assert!(
            crate::plot::layout::text_width(line, 14.0) <= 280.0 - 16.0,
            "{line}"
        );
    }
    // The plot area starts below the last line.
    assert!(layout(&fig).plot.top > 22.0 + 18.0 * (lines.len() - 1) as f64);
}

#[test]
fn the_summary_names_what_is_drawn() {
    let mut fig = Figure::new("", Axis::log("i / (mA/cm²)"), Axis::log("C / (mAh/cm²)"));
    fig.series.push(Series::new(
        "L = 600 µm",
        vec![0.1, 1.0, 10.0],
        vec![15.0, 14.0, 8.0],
        Style::Line { dashed: false },
    ));
    fig.marks.push(MarkedPoint {
        label: "current design".into(),
        x: 6.0,
        y: 13.1,
    });
    fig.ref_lines.push(RefLine {
        label: "full capacity".into(),
        pos: RefPos::Horizontal(15.9),
    });
    assert_eq!(fig.name(), "C / (mAh/cm²) against i / (mA/cm²)");
    let s = fig.summary();
    for part in [
        "(logarithmic)",
        "L = 600 µm: 3 points, i / (mA/cm²) 0.100 to 10.0, C / (mAh/cm²) 8.00 to 15.0.",
        "Line full capacity at C / (mAh/cm²) = 15.9.",
        "current design: i / (mA/cm²) = 6.00, C / (mAh/cm²) = 13.1.",
    ] {
        assert!(s.contains(part), "{part} not in {s}");
    }
}

#[test]
fn a_marked_points_label_does_not_hide_a_reference_label() {
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.x.range = Some((0.0, 10.0));
    fig.y.range = Some((0.0, 10.0));
    // Just below the line, near its labelled right end.
    line_and_mark(&mut fig, 8.0, (7.0, 7.6));
    let l = layout(&fig);
    let (_, (rx, ry, ranchor)) = crate::plot::draw::ref_line_at(&l, &fig.ref_lines[0]).unwrap();
    let r = crate::plot::draw::label_box(rx, ry, ranchor, "full capacity", 11.0);
    let (_, (tx, ty, anchor)) = crate::plot::draw::mark_at(&fig, &l, &fig.marks[0]).unwrap();
    let m = crate::plot::draw::label_box(tx, ty, anchor, "current design", 11.0);
    let overlap = m.left < r.right && m.right > r.left && m.top < r.bottom && m.bottom > r.top;
    assert!(!overlap, "{m:?} hides {r:?}");
}
