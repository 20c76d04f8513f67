//! The legend: entries for named series and bands, placed in the corner of
//! the plot area that covers the fewest data points.

use std::fmt::Write;

use super::draw::{self, point_px};
use super::figure::{Figure, Legend, Style};
use super::layout::{self, text_width, Layout, Rect};
use super::svg::{attr_px, line, push_px, text, ColorMode};

/// Legend labels longer than this many characters are shortened from the
/// start (file paths keep their file name): `…/data/cell_3.mpt`.
pub const MAX_LABEL_CHARS: usize = 36;

/// `label` shortened to [`MAX_LABEL_CHARS`] by dropping leading characters.
pub fn shorten(label: &str) -> std::borrow::Cow<'_, str> {
    let n = label.chars().count();
    if n <= MAX_LABEL_CHARS {
        return label.into();
    }
    let tail: String = label.chars().skip(n - (MAX_LABEL_CHARS - 1)).collect();
    format!("…{tail}").into()
}

/// Number of drawn points (series and marks) inside `r`.
fn covered(fig: &Figure, l: &Layout, r: &Rect) -> usize {
    let series: usize = fig
        .series
        .iter()
        .map(|s| {
            let y = l.y_for(s.axis);
            (0..s.len())
                .filter_map(|k| point_px(&l.x, y, &s.x, &s.y, k))
                .filter(|p| r.contains(p.0, p.1, 4.0))
                .count()
        })
        .sum();
    let marks = fig
        .marks
        .iter()
        .filter_map(|m| point_px(&l.x, &l.y, &[m.x], &[m.y], 0))
        .filter(|p| r.contains(p.0, p.1, 10.0))
        .count();
    series + 10 * marks
}

/// The legend box for a placement of size `w`×`h`.
fn placed(p: &Rect, at: Legend, w: f64, h: f64) -> Rect {
    let left = match at {
        Legend::TopLeft | Legend::BottomLeft => p.left + 8.0,
        _ => p.right - 8.0 - w,
    };
    let top = match at {
        Legend::BottomLeft | Legend::BottomRight => p.bottom - 8.0 - h,
        _ => p.top + 8.0,
    };
    Rect {
        left,
        top,
        right: left + w,
        bottom: top + h,
    }
}

/// The corner used for `Legend::Auto`: fewest covered points, ties going to
/// top right, top left, bottom right, bottom left in that order.
fn auto_corner(fig: &Figure, l: &Layout, w: f64, h: f64) -> Legend {
    let corners = [
        Legend::TopRight,
        Legend::TopLeft,
        Legend::BottomRight,
        Legend::BottomLeft,
    ];
    let mut best = (usize::MAX, Legend::TopRight);
    for c in corners {
        let n = covered(fig, l, &placed(&l.plot, c, w, h));
        if n < best.0 {
            best = (n, c);
        }
    }
    best.1
}

/// Writes the legend (nothing if no entry has a name).
pub fn legend(out: &mut String, fig: &Figure, l: &Layout) {
    if fig.legend == Legend::None {
        return;
    }
    let entries: Vec<(std::borrow::Cow<str>, Option<Style>, usize)> = fig
        .series
        .iter()
        .filter(|s| !s.name.is_empty())
        .map(|s| (shorten(&s.name), Some(s.style), s.color))
        .chain(
            fig.bands
                .iter()
                .filter(|b| !b.name.is_empty())
                .map(|b| (shorten(&b.name), None, b.color)),
        )
        .collect();
    if entries.is_empty() {
        return;
    }
    let row = 16.0;
    let w = 36.0
        + entries
            .iter()
            .map(|e| text_width(&e.0, layout::TICK_FONT_PX))
            .fold(0.0, f64::max);
    let h = 8.0 + row * entries.len() as f64;
    let p = l.plot;
    let at = match fig.legend {
        Legend::Auto => auto_corner(fig, l, w, h),
        fixed => fixed,
    };
    let Rect {
        left: x0, top: y0, ..
    } = placed(&p, at, w, h);
    out.push_str("<g class=\"ip-legend\"><rect fill-opacity=\"0.85\" stroke=\"currentColor\" stroke-opacity=\"0.25\"");
    // var() is only honoured in style, not in presentation attributes.
    let _ = match fig.colors {
        ColorMode::Inline => write!(out, " fill=\"{}\"", fig.colors.background()),
        ColorMode::Themed => write!(out, " style=\"fill:{}\"", fig.colors.background()),
    };
    attr_px(out, "x", x0);
    attr_px(out, "y", y0);
    attr_px(out, "width", w);
    attr_px(out, "height", h);
    out.push_str("/>");
    for (i, (name, style, color)) in entries.iter().enumerate() {
        let cy = y0 + 4.0 + row * (i as f64 + 0.5);
        let c = fig.colors;
        let (dashed, marker) = style.map_or((None, None), Style::parts);
        if let Some(dashed) = dashed {
            draw::open_line_path(out, c, dashed, *color);
            line(out, x0 + 5.0, cy, x0 + 25.0, cy);
            out.push_str("\"/>");
        }
        if let Some(m) = marker {
            draw::open_marker_path(out, c, m, *color);
            draw::markers(out, &p, m, std::iter::once(Some((x0 + 15.0, cy))));
            out.push_str("\"/>");
        }
        if style.is_none() {
            out.push_str("<path fill-opacity=\"0.35\" stroke=\"none\"");
            c.paint(out, "fill", *color);
            out.push_str(" d=\"");
            line(out, x0 + 5.0, cy - 5.0, x0 + 25.0, cy - 5.0);
            out.push('V');
            push_px(out, cy + 5.0);
            out.push('H');
            push_px(out, x0 + 5.0);
            out.push_str("z\"/>");
        }
        out.push_str("<g fill=\"currentColor\">");
        text(out, x0 + 30.0, cy + 4.0, "start", "ip-legend-label", name);
        out.push_str("</g>");
    }
    out.push_str("</g>");
}
