//! Where everything goes: margins from estimated label widths, axis ranges,
//! equal aspect, and the data↔pixel mappings that rendering and hovering
//! share.

use super::figure::{Figure, Legend, RefPos, YAxis};
use super::scale::{Extent, Mapping, ScaleKind};
use super::ticks::{self, Ticks};

/// Font sizes (px) and the width of one character as a fraction of the
/// font size, used to estimate label widths without measuring text.
pub const TICK_FONT_PX: f64 = 11.0;
pub const LABEL_FONT_PX: f64 = 12.5;
pub const TITLE_FONT_PX: f64 = 14.0;
pub const CHAR_WIDTH_EM: f64 = 0.6;
/// Length of major tick marks (px).
pub const TICK_LEN_PX: f64 = 5.0;
/// Width of the colour bar (px).
pub const COLORBAR_PX: f64 = 14.0;

/// Estimated width in px of `text` at `font_px`.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * CHAR_WIDTH_EM
}

/// `text` broken into lines no wider than `max_px` at `font_px`, at spaces
/// (a word longer than a line is cut where it must be).
pub fn wrap(text: &str, max_px: f64, font_px: f64) -> Vec<String> {
    let max_chars = ((max_px / (font_px * CHAR_WIDTH_EM)).floor() as usize).max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.len();
        if needed > max_chars && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > max_chars {
            let rest = word.split_off(max_chars);
            lines.push(word.iter().collect());
            word = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Height of one line of title text (px).
pub const TITLE_LINE_PX: f64 = 18.0;

/// The plot area in px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    /// True when (x, y) lies inside (edges included, `tol` px of slack).
    pub fn contains(&self, x: f64, y: f64, tol: f64) -> bool {
        x >= self.left - tol
            && x <= self.right + tol
            && y >= self.top - tol
            && y <= self.bottom + tol
    }
}

/// A computed layout: sizes, plot area, mappings and ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x: Mapping,
    pub y: Mapping,
    pub y2: Option<Mapping>,
    pub x_ticks: Ticks,
    pub y_ticks: Ticks,
    pub y2_ticks: Ticks,
    /// Colour bar: its left edge (px), value↔pixel map along it, ticks.
    pub colorbar: Option<(f64, Mapping, Ticks)>,
    /// The title broken into lines that fit the figure's width.
    pub title_lines: Vec<String>,
    /// Where the legend goes.
    pub legend: Placement,
}

/// The legend's place: none, in a corner of the plot area (its box size),
/// or in rows below the x-axis label.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    None,
    Inside {
        width: f64,
        height: f64,
        /// The corner (set by [`layout`]; never `Auto`).
        corner: Legend,
    },
    Below(Vec<BelowLine>),
}

/// One line of a legend below the plot: its baseline (px) and the entries
/// on it, each (entry index, left edge px, text) — an entry whose label
/// needs more than one line continues on the next lines with no swatch
/// (entry index `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct BelowLine {
    pub y: f64,
    pub items: Vec<(Option<usize>, f64, String)>,
}

impl Layout {
    /// The y mapping a series uses.
    pub fn y_for(&self, axis: YAxis) -> &Mapping {
        match (axis, &self.y2) {
            (YAxis::Right, Some(m)) => m,
            _ => &self.y,
        }
    }
}

fn max_label_width(t: &Ticks) -> f64 {
    t.labels
        .iter()
        .map(|l| text_width(l, TICK_FONT_PX))
        .fold(0.0, f64::max)
}

fn target(len_px: f64, per_tick_px: f64) -> usize {
    (len_px / per_tick_px).clamp(2.0, 10.0) as usize
}

/// Computes the layout of `fig`. With [`Legend::Auto`] the legend goes in
/// the corner of the plot area covering the fewest points, unless it is
/// too big for the plot, a label would have to be cut, or every corner
/// would hide a labelled mark or reference line: then below the plot.
pub fn layout(fig: &Figure) -> Layout {
    let mut l = layout_with(fig, false);
    if let (Placement::Inside { width, height, .. }, Legend::Auto) = (&l.legend, fig.legend) {
        match super::legend::best_corner(fig, &l, *width, *height) {
            (best, true) => {
                if let Placement::Inside { corner, .. } = &mut l.legend {
                    *corner = best;
                }
            }
            (_, false) => return layout_with(fig, true),
        }
    }
    l
}

fn layout_with(fig: &Figure, force_below: bool) -> Layout {
    let (width, height) = fig.size_px();
    let grid = fig.heatmap.as_ref().map(|h| &h.grid);
    let mut ex = Extent::new(fig.x.scale);
    let mut ey = Extent::new(fig.y.scale);
    let mut ey2 = Extent::new(fig.y2.as_ref().map_or(ScaleKind::Linear, |a| a.scale));
    for s in &fig.series {
        let n = s.len();
        ex.add_all(&s.x[..n]);
        let e = if fig.uses_right(s) { &mut ey2 } else { &mut ey };
        match &s.y_err {
            Some(err) => {
                for (k, &y) in s.y[..n].iter().enumerate() {
                    let d = err
                        .get(k)
                        .copied()
                        .filter(|d| d.is_finite())
                        .unwrap_or(0.0)
                        .abs();
                    e.add(y - d);
                    e.add(y + d);
                }
            }
            None => e.add_all(&s.y[..n]),
        }
    }
    for b in &fig.bands {
        ex.add_all(&b.x);
        ey.add_all(&b.lo);
        ey.add_all(&b.hi);
    }
    for r in &fig.ref_lines {
        match r.pos {
            RefPos::Vertical(v) => ex.add(v),
            RefPos::Horizontal(v) => ey.add(v),
        }
    }
    for m in &fig.marks {
        ex.add(m.x);
        ey.add(m.y);
    }
    let x_fixed = fig.x.range.or(grid.map(|g| (g.x_min, g.x_max)));
    let y_fixed = fig.y.range.or(grid.map(|g| (g.y_min, g.y_max)));
    let (mut xr, mut yr) = (
        ex.range(x_fixed, fig.x.whole_decades),
        ey.range(y_fixed, fig.y.whole_decades),
    );
    let y2r = fig.y2.as_ref().map(|a| ey2.range(a.range, a.whole_decades));

    let title_lines = if fig.title.trim().is_empty() {
        Vec::new()
    } else {
        wrap(fig.title.trim(), width - 16.0, TITLE_FONT_PX)
    };
    let top = 14.0
        + TITLE_LINE_PX * title_lines.len() as f64
        + 4.0 * f64::from(u8::from(!title_lines.is_empty()));
    let mut bottom = if fig.x.label.is_empty() { 34.0 } else { 54.0 };
    let entries = super::legend::entries(fig);
    let inside = super::legend::inside_size(&entries);
    let mut legend = Placement::None;
    if !entries.is_empty() && fig.legend != Legend::None {
        let plot_w = (width - 90.0).max(20.0);
        let plot_h = (height - top - bottom).max(20.0);
        let below = fig.legend == Legend::Below
            || (fig.legend == Legend::Auto
                && (inside.0 > 0.5 * plot_w
                    || inside.1 > 0.45 * plot_h
                    || entries.iter().any(|e| super::legend::too_long(e.label))
                    || force_below));
        legend = if below {
            let lines = super::legend::below_lines(&entries, width);
            bottom += super::legend::BELOW_ROW_PX * lines.len() as f64 + 4.0;
            // Rows are placed from the figure's bottom once their count is known.
            let first = height - super::legend::BELOW_ROW_PX * (lines.len() as f64 - 1.0) - 8.0;
            Placement::Below(
                lines
                    .into_iter()
                    .enumerate()
                    .map(|(k, mut line)| {
                        line.y = first + super::legend::BELOW_ROW_PX * k as f64;
                        line
                    })
                    .collect(),
            )
        } else {
            let corner = match fig.legend {
                Legend::Auto => Legend::TopRight,
                fixed => fixed,
            };
            Placement::Inside {
                width: inside.0,
                height: inside.1,
                corner,
            }
        };
    }
    let plot_h = (height - top - bottom).max(20.0);
    let ty = target(plot_h, 50.0);
    let y_ticks = ticks::for_scale(fig.y.scale, yr.0, yr.1, ty);
    let y2_ticks = match (&fig.y2, y2r) {
        (Some(a), Some(r)) => ticks::for_scale(a.scale, r.0, r.1, ty),
        _ => Ticks::default(),
    };
    let axis_label_room = |label: &str| {
        if label.is_empty() {
            0.0
        } else {
            LABEL_FONT_PX + 10.0
        }
    };
    let left = 10.0 + axis_label_room(&fig.y.label) + max_label_width(&y_ticks) + TICK_LEN_PX + 4.0;
    let mut right = 18.0;
    if let Some(a) = &fig.y2 {
        right = 10.0 + axis_label_room(&a.label) + max_label_width(&y2_ticks) + TICK_LEN_PX + 4.0;
    }
    let colorbar_offset = right - 4.0;
    let mut colorbar_ticks = Ticks::default();
    if let Some(h) = &fig.heatmap {
        let (lo, hi) = h.color_range();
        colorbar_ticks = ticks::linear(lo, hi, ty);
        right += 14.0
            + COLORBAR_PX
            + TICK_LEN_PX
            + 4.0
            + max_label_width(&colorbar_ticks)
            + axis_label_room(&h.label);
    }
    let plot_w = (width - left - right).max(20.0);
    let plot = Rect {
        left,
        top,
        right: left + plot_w,
        bottom: top + plot_h,
    };

    let fixed_range = fig.x.range.is_some() || fig.y.range.is_some();
    let both_linear = fig.x.scale == ScaleKind::Linear && fig.y.scale == ScaleKind::Linear;
    let mut y_ticks = y_ticks;
    if fig.equal_aspect && both_linear && !fixed_range {
        let per_px = ((xr.1 - xr.0) / plot_w).max((yr.1 - yr.0) / plot_h);
        let centre = |r: (f64, f64)| r.0 / 2.0 + r.1 / 2.0;
        let (cx, cy) = (centre(xr), centre(yr));
        xr = (cx - per_px * plot_w / 2.0, cx + per_px * plot_w / 2.0);
        yr = (cy - per_px * plot_h / 2.0, cy + per_px * plot_h / 2.0);
        y_ticks = ticks::linear(yr.0, yr.1, ty);
    }
    let x_ticks = ticks::for_scale(fig.x.scale, xr.0, xr.1, target(plot_w, 90.0));
    let x = Mapping::new(fig.x.scale, (xr.0, xr.1), (plot.left, plot.right));
    let y = Mapping::new(fig.y.scale, (yr.0, yr.1), (plot.bottom, plot.top));
    let y2 = match (&fig.y2, y2r) {
        (Some(a), Some(r)) => Some(Mapping::new(a.scale, (r.0, r.1), (plot.bottom, plot.top))),
        _ => None,
    };
    let colorbar = fig.heatmap.as_ref().map(|h| {
        let (lo, hi) = h.color_range();
        let m = Mapping::new(ScaleKind::Linear, (lo, hi), (plot.bottom, plot.top));
        (plot.right + colorbar_offset, m, colorbar_ticks)
    });
    Layout {
        width,
        height,
        plot,
        x,
        y,
        y2,
        x_ticks,
        y_ticks,
        y2_ticks,
        colorbar,
        title_lines,
        legend,
    }
}
