//! The legend: entries for named series and bands, in the corner of the
//! plot area that covers the fewest data points and hides no label, or in
//! rows below the plot when it would not fit there ([`super::layout`]
//! decides which).

use std::fmt::Write;

use super::draw::{self, point_px};
use super::figure::{Figure, Legend, Style};
use super::layout::{self, text_width, BelowLine, Layout, Placement, Rect};
use super::svg::{attr_px, line, push_px, text, ColorMode};

/// Legend labels longer than this many characters do not go in a corner:
/// the legend goes below the plot, where they wrap instead.
pub const MAX_LABEL_CHARS: usize = 36;

/// Height of a row of the legend below the plot (px).
pub const BELOW_ROW_PX: f64 = 15.0;

/// Width of an entry's swatch and the gap after it (px).
const SWATCH_PX: f64 = 26.0;

/// `label` shortened to [`MAX_LABEL_CHARS`] by dropping leading characters
/// (file paths keep their file name), for a legend forced into a corner.
pub fn shorten(label: &str) -> std::borrow::Cow<'_, str> {
    let n = label.chars().count();
    if n <= MAX_LABEL_CHARS {
        return label.into();
    }
    let tail: String = label.chars().skip(n - (MAX_LABEL_CHARS - 1)).collect();
    format!("…{tail}").into()
}

/// True when `label` is too long for a legend in a corner.
pub fn too_long(label: &str) -> bool {
    label.chars().count() > MAX_LABEL_CHARS
}

/// One legend entry: its label, the style of its swatch (None: a band) and
/// its colour.
pub struct Entry<'a> {
    pub label: &'a str,
    pub style: Option<Style>,
    pub color: usize,
}

/// The entries of `fig`'s legend: its named series, then its named bands.
pub fn entries(fig: &Figure) -> Vec<Entry<'_>> {
    let series = fig
        .series
        .iter()
        .filter(|s| !s.name.is_empty())
        .map(|s| Entry {
            label: &s.name,
            style: Some(s.style),
            color: s.color,
        });
    let bands = fig
        .bands
        .iter()
        .filter(|b| !b.name.is_empty())
        .map(|b| Entry {
            label: &b.name,
            style: None,
            color: b.color,
        });
    series.chain(bands).collect()
}

/// Width and height (px) of the legend box in a corner.
pub fn inside_size(entries: &[Entry]) -> (f64, f64) {
    let widest = entries
        .iter()
        .map(|e| text_width(&shorten(e.label), layout::TICK_FONT_PX))
        .fold(0.0, f64::max);
    (36.0 + widest, 8.0 + 16.0 * entries.len() as f64)
}

/// The legend below the plot, for a figure `width` px wide: entries flow
/// left to right in rows; a label wider than a row wraps onto the next
/// rows (baselines are set by the layout).
pub fn below_lines(entries: &[Entry], width: f64) -> Vec<BelowLine> {
    let (left, right) = (8.0, width - 8.0);
    let text_room = (right - left - SWATCH_PX).max(40.0);
    let mut lines: Vec<BelowLine> = Vec::new();
    let mut x = right; // forces a first line
    for (k, e) in entries.iter().enumerate() {
        let parts = layout::wrap(e.label, text_room, layout::TICK_FONT_PX);
        let w = SWATCH_PX + text_width(&parts[0], layout::TICK_FONT_PX);
        if parts.len() > 1 || x + w > right {
            lines.push(BelowLine {
                y: 0.0,
                items: Vec::new(),
            });
            x = left;
        }
        let mut parts = parts.into_iter();
        if let (Some(first), Some(current)) = (parts.next(), lines.last_mut()) {
            current.items.push((Some(k), x, first));
        }
        for rest in parts {
            lines.push(BelowLine {
                y: 0.0,
                items: vec![(None, left + SWATCH_PX, rest)],
            });
        }
        // An entry that wrapped ends its rows.
        x = if lines
            .last()
            .is_some_and(|l| l.items.len() == 1 && l.items[0].0.is_none())
        {
            right
        } else {
            x + w + 14.0
        };
    }
    lines
}

/// Number of drawn points (series and marks) inside `r`, and whether `r`
/// hides the label of a mark or a reference line.
fn covered(fig: &Figure, l: &Layout, r: &Rect) -> (usize, bool) {
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
    let overlaps = |b: &Rect| {
        b.left < r.right + 2.0
            && b.right > r.left - 2.0
            && b.top < r.bottom + 2.0
            && b.bottom > r.top - 2.0
    };
    let font = layout::TICK_FONT_PX;
    let mut hides = false;
    let mut marks = 0;
    for m in &fig.marks {
        if let Some(((x, y), (tx, ty, anchor))) = draw::mark_at(fig, l, m) {
            marks += usize::from(r.contains(x, y, 10.0));
            hides |=
                !m.label.is_empty() && overlaps(&draw::label_box(tx, ty, anchor, &m.label, font));
        }
    }
    for rl in fig.ref_lines.iter().filter(|r| !r.label.is_empty()) {
        if let Some((_, (x, y, anchor))) = draw::ref_line_at(l, rl) {
            hides |= overlaps(&draw::label_box(x, y, anchor, &rl.label, font));
        }
    }
    (series + 10 * marks, hides)
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

/// The corner for `Legend::Auto`: fewest covered points among the corners
/// that hide no label, ties going to top right, top left, bottom right,
/// bottom left in that order; false when every corner hides a label.
pub fn best_corner(fig: &Figure, l: &Layout, w: f64, h: f64) -> (Legend, bool) {
    let corners = [
        Legend::TopRight,
        Legend::TopLeft,
        Legend::BottomRight,
        Legend::BottomLeft,
    ];
    let mut best: Option<(usize, Legend)> = None;
    for c in corners {
        let (n, hides) = covered(fig, l, &placed(&l.plot, c, w, h));
        if !hides && best.is_none_or(|b| n < b.0) {
            best = Some((n, c));
        }
    }
    match best {
        Some((_, c)) => (c, true),
        None => (Legend::TopRight, false),
    }
}

/// Writes an entry's swatch centred at height `cy` from `x0`.
fn swatch(out: &mut String, c: ColorMode, e: &Entry, x0: f64, cy: f64) {
    let (dashed, marker) = e.style.map_or((None, None), Style::parts);
    if let Some(dashed) = dashed {
        draw::open_line_path(out, c, dashed, e.color);
        line(out, x0 + 2.0, cy, x0 + 22.0, cy);
        out.push_str("\"/>");
    }
    if let Some(m) = marker {
        draw::open_marker_path(out, c, m, e.color);
        let inside = Rect {
            left: f64::NEG_INFINITY,
            top: f64::NEG_INFINITY,
            right: f64::INFINITY,
            bottom: f64::INFINITY,
        };
        draw::markers(out, &inside, m, std::iter::once(Some((x0 + 12.0, cy))));
        out.push_str("\"/>");
    }
    if e.style.is_none() {
        out.push_str("<path fill-opacity=\"0.35\" stroke=\"none\"");
        c.paint(out, "fill", e.color);
        out.push_str(" d=\"");
        line(out, x0 + 2.0, cy - 5.0, x0 + 22.0, cy - 5.0);
        out.push('V');
        push_px(out, cy + 5.0);
        out.push('H');
        push_px(out, x0 + 2.0);
        out.push_str("z\"/>");
    }
}

/// Writes the legend where the layout put it (nothing without entries).
pub fn legend(out: &mut String, fig: &Figure, l: &Layout) {
    let entries = entries(fig);
    let c = fig.colors;
    let p = l.plot;
    match &l.legend {
        Placement::None => {}
        Placement::Below(lines) => {
            out.push_str("<g class=\"ip-legend\">");
            for row in lines {
                for (k, x, label) in &row.items {
                    if let Some(e) = k.and_then(|k| entries.get(k)) {
                        swatch(out, c, e, *x, row.y - 4.0);
                        out.push_str("<g fill=\"currentColor\">");
                        text(out, x + SWATCH_PX, row.y, "start", "ip-legend-label", label);
                        out.push_str("</g>");
                    } else {
                        out.push_str("<g fill=\"currentColor\">");
                        text(out, *x, row.y, "start", "ip-legend-label", label);
                        out.push_str("</g>");
                    }
                }
            }
            out.push_str("</g>");
        }
        Placement::Inside {
            width,
            height,
            corner,
        } => {
            let Rect {
                left: x0, top: y0, ..
            } = placed(&p, *corner, *width, *height);
            out.push_str(
                "<g class=\"ip-legend\"><rect stroke=\"currentColor\" stroke-opacity=\"0.25\"",
            );
            // var() is only honoured in style, not in presentation attributes.
            let _ = match c {
                ColorMode::Inline => write!(out, " fill=\"{}\"", c.background()),
                ColorMode::Themed => write!(out, " style=\"fill:{}\"", c.background()),
            };
            attr_px(out, "x", x0);
            attr_px(out, "y", y0);
            attr_px(out, "width", *width);
            attr_px(out, "height", *height);
            out.push_str("/>");
            for (i, e) in entries.iter().enumerate() {
                let cy = y0 + 4.0 + 16.0 * (i as f64 + 0.5);
                swatch(out, c, e, x0 + 3.0, cy);
                out.push_str("<g fill=\"currentColor\">");
                text(
                    out,
                    x0 + 30.0,
                    cy + 4.0,
                    "start",
                    "ip-legend-label",
                    &shorten(e.label),
                );
                out.push_str("</g>");
            }
            out.push_str("</g>");
        }
    }
}
