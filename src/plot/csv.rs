//! The plotted data as CSV: one row per drawn point, the axis labels (with
//! their units) as column headers.

use super::figure::Figure;
use crate::io::csv::{field, push_number as push_num};

/// Appends `text` as one CSV field.
fn push_field(out: &mut String, text: &str) {
    out.push_str(&field(text));
}

impl Figure {
    /// CSV of the plotted data. Columns: `series`, the x-axis label, the
    /// y-axis label, then the right axis's label when there is one and the
    /// heatmap's label when there is one; each row fills the columns that
    /// apply. Points that cannot be drawn (NaN, ≤ 0 on a log axis) are left
    /// out, as on the plot.
    pub fn to_csv(&self) -> String {
        let mut out =
            String::with_capacity(64 + 40 * self.series.iter().map(|s| s.len()).sum::<usize>());
        let has_y2 = self.y2.is_some();
        let has_z = self.heatmap.is_some();
        let label = |s: &str, default: &str| {
            if s.is_empty() {
                default.to_string()
            } else {
                s.to_string()
            }
        };
        out.push_str("series,");
        push_field(&mut out, &label(&self.x.label, "x"));
        out.push(',');
        push_field(&mut out, &label(&self.y.label, "y"));
        if let Some(a) = &self.y2 {
            out.push(',');
            push_field(&mut out, &label(&a.label, "y2"));
        }
        if let Some(h) = &self.heatmap {
            out.push(',');
            push_field(&mut out, &label(&h.label, "z"));
        }
        out.push('\n');
        let row = |out: &mut String, name: &str, x: f64, y: f64, col: usize| {
            push_field(out, name);
            out.push(',');
            push_num(out, x);
            let cols = 1 + usize::from(has_y2) + usize::from(has_z);
            for c in 0..cols {
                out.push(',');
                if c == col {
                    push_num(out, y);
                }
            }
            out.push('\n');
        };
        for s in &self.series {
            let right = self.uses_right(s);
            let ykind = if right {
                self.y2.as_ref().map_or(self.y.scale, |a| a.scale)
            } else {
                self.y.scale
            };
            for k in 0..s.len() {
                let (x, y) = (s.x[k], s.y[k]);
                if self.x.scale.forward(x).is_some() && ykind.forward(y).is_some() {
                    row(&mut out, &s.name, x, y, usize::from(right));
                }
            }
        }
        for b in &self.bands {
            let n = b.x.len().min(b.lo.len()).min(b.hi.len());
            for (suffix, v) in [(" (low)", &b.lo), (" (high)", &b.hi)] {
                for (&x, &y) in b.x.iter().zip(v.iter()).take(n) {
                    if x.is_finite() && y.is_finite() {
                        row(&mut out, &format!("{}{suffix}", b.name), x, y, 0);
                    }
                }
            }
        }
        for m in &self.marks {
            if m.x.is_finite() && m.y.is_finite() {
                row(&mut out, &m.label, m.x, m.y, 0);
            }
        }
        if let Some(h) = &self.heatmap {
            let g = &h.grid;
            let name = label(&h.label, "map");
            for iy in 0..g.ny {
                for ix in 0..g.nx {
                    let (cx, cy) = g.cell_centre(ix, iy);
                    push_field(&mut out, &name);
                    out.push(',');
                    push_num(&mut out, cx);
                    out.push(',');
                    push_num(&mut out, cy);
                    if has_y2 {
                        out.push(',');
                    }
                    out.push(',');
                    if let Some(v) = g.values.get(iy * g.nx + ix).filter(|v| v.is_finite()) {
                        push_num(&mut out, *v);
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
}
