//! Read-outs for the page (pure): which data point or heatmap cell is under
//! the pointer, and the data coordinates of a pixel.
//!
//! Pixel positions are in the SVG's own coordinates (its `viewBox`, equal
//! to `width_px`×`height_px`); the page scales pointer offsets by
//! `width_px / rendered width` first.

use super::draw::point_px;
use super::figure::Figure;
use super::figure::YAxis;
use super::layout::layout;
use crate::precision::significant;

/// The series point nearest to the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index into `Figure::series`.
    pub series: usize,
    /// Index of the point within the series.
    pub index: usize,
    /// The point's data coordinates.
    pub x: f64,
    pub y: f64,
    /// Screen distance from the pointer (px).
    pub distance_px: f64,
}

/// The heatmap cell under the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellHit {
    pub ix: usize,
    pub iy: usize,
    /// Centre of the cell in data units.
    pub x: f64,
    pub y: f64,
    /// The cell's value (may be NaN for an empty cell).
    pub value: f64,
}

impl Figure {
    /// The drawn point nearest to (`px`, `py`) within `max_distance_px`,
    /// over all series; points outside the plot area are ignored.
    pub fn nearest_point(&self, px: f64, py: f64, max_distance_px: f64) -> Option<Hit> {
        if !(px.is_finite() && py.is_finite()) {
            return None;
        }
        let l = layout(self);
        let mut best: Option<Hit> = None;
        for (si, s) in self.series.iter().enumerate() {
            let ym = l.y_for(s.axis);
            for k in 0..s.len() {
                let Some((x, y)) = point_px(&l.x, ym, &s.x, &s.y, k) else {
                    continue;
                };
                if !l.plot.contains(x, y, 0.5) {
                    continue;
                }
                let d = (x - px).hypot(y - py);
                if d <= max_distance_px && best.is_none_or(|b| d < b.distance_px) {
                    best = Some(Hit {
                        series: si,
                        index: k,
                        x: s.x[k],
                        y: s.y[k],
                        distance_px: d,
                    });
                }
            }
        }
        best
    }

    /// Pixel position of point `index` of series `series`, if it is drawn
    /// inside the plot area (for a cursor the keyboard moves).
    pub fn point_px(&self, series: usize, index: usize) -> Option<(f64, f64)> {
        let s = self.series.get(series)?;
        let l = layout(self);
        point_px(&l.x, l.y_for(s.axis), &s.x, &s.y, index)
            .filter(|p| l.plot.contains(p.0, p.1, 0.5))
    }

    /// Data coordinates (x, left y) of pixel (`px`, `py`), `None` outside
    /// the plot area.
    pub fn data_at(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let l = layout(self);
        if !(px.is_finite() && py.is_finite() && l.plot.contains(px, py, 0.0)) {
            return None;
        }
        Some((l.x.from_px(px), l.y.from_px(py)))
    }

    /// The heatmap cell under (`px`, `py`), if any.
    pub fn cell_at(&self, px: f64, py: f64) -> Option<CellHit> {
        let g = &self.heatmap.as_ref()?.grid;
        if g.nx == 0 || g.ny == 0 {
            return None;
        }
        let (x, y) = self.data_at(px, py)?;
        let l = layout(self);
        // Cells are equal in the axes' own coordinates.
        let frac = |v: f64, lo: f64, hi: f64, kind: super::scale::ScaleKind| {
            let (t, t0, t1) = (kind.forward(v)?, kind.forward(lo)?, kind.forward(hi)?);
            Some((t - t0) / (t1 - t0))
        };
        let fx = frac(x, g.x_min, g.x_max, l.x.kind)?;
        let fy = frac(y, g.y_min, g.y_max, l.y.kind)?;
        if !((0.0..=1.0).contains(&fx) && (0.0..=1.0).contains(&fy)) {
            return None;
        }
        let ix = ((fx * g.nx as f64) as usize).min(g.nx - 1);
        let iy = ((fy * g.ny as f64) as usize).min(g.ny - 1);
        let (cx, cy) = g.cell_centre(ix, iy);
        Some(CellHit {
            ix,
            iy,
            x: cx,
            y: cy,
            value: *g.values.get(iy * g.nx + ix)?,
        })
    }

    /// The label of the axis series `series` is drawn against: the right
    /// axis's for a series on it (Bode's −φ), else the left's.
    pub fn y_label_of(&self, series: usize) -> &str {
        match (self.series.get(series).map(|s| s.axis), &self.y2) {
            (Some(YAxis::Right), Some(y2)) => &y2.label,
            _ => &self.y.label,
        }
    }

    /// The pointer read-out at (`px`, `py`): the nearest point within 24 px
    /// ("series: x-label = x, y-label = y", the y label of the point's own
    /// axis) or the heatmap cell there.
    pub fn read_out(&self, px: f64, py: f64) -> Option<String> {
        let n = |x: f64| significant(x, 4);
        if let Some(hit) = self.nearest_point(px, py, 24.0) {
            let name = self.series.get(hit.series).map_or("", |s| s.name.as_str());
            return Some(format!(
                "{name}: {} = {}, {} = {}",
                self.x.label,
                n(hit.x),
                self.y_label_of(hit.series),
                n(hit.y)
            ));
        }
        let cell = self.cell_at(px, py)?;
        let label = self.heatmap.as_ref().map_or("", |h| h.label.as_str());
        Some(format!(
            "{} = {}, {} = {}: {label} = {}",
            self.x.label,
            n(cell.x),
            self.y.label,
            n(cell.y),
            n(cell.value)
        ))
    }
}
