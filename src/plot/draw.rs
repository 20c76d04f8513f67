//! Path data for series: clipped polylines, markers, error bars, bands.
//! Each writes into the `d` attribute of one `<path>`, so a series is one
//! element however many points it has.

use super::figure::{Band, Figure, MarkedPoint, Marker, RefLine, RefPos, Series};
use super::layout::{text_width, Layout, Rect, TICK_FONT_PX};
use super::scale::Mapping;
use super::svg::push_px;
use super::svg::ColorMode;

/// Marker radius (px).
pub const MARKER_R: f64 = 3.5;

/// Pixel position of point `k`, `None` if either coordinate cannot be shown.
pub fn point_px(x: &Mapping, y: &Mapping, xs: &[f64], ys: &[f64], k: usize) -> Option<(f64, f64)> {
    Some((x.to_px(*xs.get(k)?)?, y.to_px(*ys.get(k)?)?))
}

/// Points of a series that cannot be drawn at all: non-finite, ≤ 0 on a log
/// axis, or without a partner because `x` and `y` differ in length.
pub fn unplottable(layout: &Layout, s: &Series) -> usize {
    let y = layout.y_for(s.axis);
    let n = s.len();
    let bad = (0..n)
        .filter(|&k| point_px(&layout.x, y, &s.x, &s.y, k).is_none())
        .count();
    bad + s.x.len().max(s.y.len()) - n
}

/// Clips segment a–b to `r` (Liang–Barsky); `None` if nothing is inside.
pub fn clip(r: &Rect, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - r.left),
        (dx, r.right - a.0),
        (-dy, a.1 - r.top),
        (dy, r.bottom - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| (a.0 + t * dx, a.1 + t * dy);
    let start = if t0 == 0.0 { a } else { at(t0) };
    let end = if t1 == 1.0 { b } else { at(t1) };
    Some((start, end))
}

fn push_xy(out: &mut String, cmd: char, p: (f64, f64)) {
    out.push(cmd);
    push_px(out, p.0);
    out.push(' ');
    push_px(out, p.1);
}

/// Writes the clipped polyline through `points` (a `None` breaks the line).
pub fn polyline(out: &mut String, r: &Rect, points: impl Iterator<Item = Option<(f64, f64)>>) {
    let mut prev: Option<(f64, f64)> = None;
    let mut pen: Option<(f64, f64)> = None;
    let mut single: Option<(f64, f64)> = None;
    let mut drew = false;
    for p in points {
        match (prev, p) {
            (Some(a), Some(b)) => {
                if let Some((c, d)) = clip(r, a, b) {
                    if pen != Some(c) {
                        push_xy(out, 'M', c);
                    }
                    push_xy(out, 'L', d);
                    pen = Some(d);
                    drew = true;
                }
            }
            (None, Some(b)) if single.is_none() && r.contains(b.0, b.1, 0.0) => single = Some(b),
            _ => {}
        }
        prev = p;
    }
    // A lone point still shows as a dot (round caps on a zero-length line).
    if let (false, Some(s)) = (drew, single) {
        push_xy(out, 'M', s);
        out.push_str("h0");
    }
}

/// Writes one closed sub-path per marker for the points inside `r`.
pub fn markers(
    out: &mut String,
    r: &Rect,
    marker: Marker,
    points: impl Iterator<Item = Option<(f64, f64)>>,
) {
    let m = MARKER_R;
    for (x, y) in points.flatten() {
        if !r.contains(x, y, 0.5) {
            continue;
        }
        match marker {
            Marker::Circle | Marker::Dot => {
                push_xy(out, 'M', (x - m, y));
                out.push_str("a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z");
            }
            Marker::Square => {
                push_xy(out, 'M', (x - m, y - m));
                out.push_str("h7v7h-7z");
            }
            Marker::Cross => {
                push_xy(out, 'M', (x - m, y - m));
                out.push_str("l7 7m0 -7l-7 7");
            }
        }
    }
}

/// Writes vertical error bars with caps for a series with `y_err`.
pub fn error_bars(out: &mut String, layout: &Layout, s: &Series) {
    let Some(err) = &s.y_err else { return };
    let y = layout.y_for(s.axis);
    for k in 0..s.len() {
        let (Some(&d), Some(px)) = (err.get(k), layout.x.to_px(s.x[k])) else {
            continue;
        };
        if !(d.is_finite() && d > 0.0) {
            continue;
        }
        // On a log axis y − d may be ≤ 0: the bar then runs off the bottom.
        let below = y.px_lo + (y.px_lo - y.px_hi).signum() * 1e6;
        let (Some(a), Some(b)) = (
            y.to_px(s.y[k] - d)
                .or((y.to_px(s.y[k]).is_some()).then_some(below)),
            y.to_px(s.y[k] + d),
        ) else {
            continue;
        };
        if let Some((c, e)) = clip(&layout.plot, (px, a), (px, b)) {
            push_xy(out, 'M', c);
            push_xy(out, 'L', e);
            for end in [(px, a), (px, b)] {
                if layout.plot.contains(end.0, end.1, 0.0) {
                    push_xy(out, 'M', (end.0 - 3.0, end.1));
                    out.push_str("h6");
                }
            }
        }
    }
}

/// Clips a polygon to `r` (Sutherland–Hodgman, one edge at a time).
pub fn clip_polygon(r: &Rect, mut poly: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    // Each edge: which coordinate (0 = x, 1 = y), its position, and whether
    // the inside is above (≥) or below (≤) it.
    let edges = [
        (0, r.left, true),
        (0, r.right, false),
        (1, r.top, true),
        (1, r.bottom, false),
    ];
    for (axis, bound, above) in edges {
        let coord = |p: (f64, f64)| if axis == 0 { p.0 } else { p.1 };
        let inside = |p: (f64, f64)| {
            if above {
                coord(p) >= bound
            } else {
                coord(p) <= bound
            }
        };
        let cross = |a: (f64, f64), b: (f64, f64)| {
            let t = (bound - coord(a)) / (coord(b) - coord(a));
            let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            if axis == 0 {
                (bound, y)
            } else {
                (x, bound)
            }
        };
        let Some(&last) = poly.last() else { break };
        let mut out = Vec::with_capacity(poly.len() + 4);
        let mut prev = last;
        for &p in &poly {
            match (inside(prev), inside(p)) {
                (true, true) => out.push(p),
                (true, false) => out.push(cross(prev, p)),
                (false, true) => {
                    out.push(cross(prev, p));
                    out.push(p);
                }
                (false, false) => {}
            }
            prev = p;
        }
        poly = out;
    }
    poly
}

/// Writes the polygon of a band (along `hi`, back along `lo`), clipped to
/// the plot area.
pub fn band(out: &mut String, layout: &Layout, b: &Band) {
    let n = b.x.len().min(b.lo.len()).min(b.hi.len());
    let (x, y) = (&layout.x, &layout.y);
    let upper = (0..n).filter_map(|k| point_px(x, y, &b.x, &b.hi, k));
    let lower = (0..n).rev().filter_map(|k| point_px(x, y, &b.x, &b.lo, k));
    let poly = clip_polygon(&layout.plot, upper.chain(lower).collect());
    for (i, p) in poly.iter().enumerate() {
        push_xy(out, if i == 0 { 'M' } else { 'L' }, *p);
    }
    if !poly.is_empty() {
        out.push('z');
    }
}

/// Opens the `<path … d="` of a series line in palette colour `color`.
pub fn open_line_path(out: &mut String, c: ColorMode, dashed: bool, color: usize) {
    let dash = if dashed {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    out.push_str("<path class=\"ip-line\" fill=\"none\" stroke-width=\"1.8\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
    out.push_str(dash);
    c.paint(out, "stroke", color);
    out.push_str(" d=\"");
}

/// Opens the `<path … d="` of a series' markers: open shapes are stroked,
/// solid ones (dot, square) filled.
pub fn open_marker_path(out: &mut String, c: ColorMode, marker: Marker, color: usize) {
    out.push_str("<path class=\"ip-markers\" stroke-width=\"1.3\"");
    if matches!(marker, Marker::Dot | Marker::Square) {
        c.paint(out, "fill", color);
    } else {
        out.push_str(" fill=\"none\"");
        c.paint(out, "stroke", color);
    }
    out.push_str(" d=\"");
}

/// A reference line's segment (x1, y1, x2, y2) in px, if its position is on
/// the axis, and where its label goes: (x, y, text-anchor).
#[allow(clippy::type_complexity)]
pub fn ref_line_at(
    l: &Layout,
    r: &RefLine,
) -> Option<((f64, f64, f64, f64), (f64, f64, &'static str))> {
    let p = l.plot;
    match r.pos {
        RefPos::Vertical(v) => {
            l.x.to_px(v)
                .map(|x| ((x, p.top, x, p.bottom), (x + 4.0, p.top + 12.0, "start")))
        }
        RefPos::Horizontal(v) => {
            l.y.to_px(v)
                .map(|y| ((p.left, y, p.right, y), (p.right - 4.0, y - 4.0, "end")))
        }
    }
}

/// A marked point's position in px, if inside the plot area, and where
/// its label goes: ((x, y), (label x, label y, text-anchor)). The label goes
/// above right of the point, left near the right edge, below near the top,
/// and to the other side of the point where it would hide a reference
/// line's label.
#[allow(clippy::type_complexity)]
pub fn mark_at(
    fig: &Figure,
    l: &Layout,
    m: &MarkedPoint,
) -> Option<((f64, f64), (f64, f64, &'static str))> {
    let (x, y) = point_px(&l.x, &l.y, &[m.x], &[m.y], 0)?;
    if !l.plot.contains(x, y, 0.5) {
        return None;
    }
    let wide = text_width(&m.label, TICK_FONT_PX);
    let right = x + 10.0 + wide <= l.plot.right;
    let above = y - 10.0 >= l.plot.top + 10.0;
    let place = |right: bool, above: bool| {
        (
            if right { x + 10.0 } else { x - 10.0 },
            if above { y - 9.0 } else { y + 18.0 },
            if right { "start" } else { "end" },
        )
    };
    let refs: Vec<Rect> = fig
        .ref_lines
        .iter()
        .filter(|r| !r.label.is_empty())
        .filter_map(|r| {
            let (_, (rx, ry, anchor)) = ref_line_at(l, r)?;
            Some(label_box(rx, ry, anchor, &r.label, TICK_FONT_PX))
        })
        .collect();
    let clear = |(tx, ty, anchor): (f64, f64, &str)| {
        let b = label_box(tx, ty, anchor, &m.label, TICK_FONT_PX);
        !refs
            .iter()
            .any(|r| b.left < r.right && b.right > r.left && b.top < r.bottom && b.bottom > r.top)
    };
    let label = [
        place(right, above),
        place(right, !above),
        place(!right, above),
        place(!right, !above),
    ]
    .into_iter()
    .find(|&p| clear(p))
    .unwrap_or(place(right, above));
    Some(((x, y), label))
}

/// The box a one-line label of `text` at `font_px` takes, its baseline at
/// `y` and `anchor` at `x`.
pub fn label_box(x: f64, y: f64, anchor: &str, text: &str, font_px: f64) -> Rect {
    let w = text_width(text, font_px);
    let left = match anchor {
        "end" => x - w,
        "middle" => x - w / 2.0,
        _ => x,
    };
    Rect {
        left,
        top: y - font_px,
        right: left + w,
        bottom: y + 0.3 * font_px,
    }
}
