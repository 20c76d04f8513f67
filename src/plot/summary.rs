//! A figure in words, for people who cannot see it: its name (the title,
//! or "y against x") and a summary of what it shows — axes, each series'
//! extent, bands, reference lines, marked points and the heatmap's range.
//! The SVG carries them as `<title>` and `<desc>` (with `role="img"`).

use std::fmt::Write;

use super::figure::{Figure, RefPos};
use super::labels::format_value;
use super::scale::ScaleKind;

/// The smallest and largest finite values of `values`.
fn extent(values: &[f64]) -> Option<(f64, f64)> {
    values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

fn n(v: f64) -> String {
    format_value(v, 3)
}

impl Figure {
    /// The figure's name: its title, or "y against x" without one.
    pub fn name(&self) -> String {
        let title = self.title.trim();
        if title.is_empty() {
            format!("{} against {}", self.y.label, self.x.label)
        } else {
            title.to_string()
        }
    }

    /// What the figure shows, in a few sentences.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let scale = |kind: ScaleKind| match kind {
            ScaleKind::Log10 => "logarithmic",
            ScaleKind::Linear => "linear",
        };
        let _ = write!(
            out,
            "{} ({}) against {} ({}).",
            self.y.label,
            scale(self.y.scale),
            self.x.label,
            scale(self.x.scale)
        );
        for s in &self.series {
            let n_points = s.len();
            let axis = self
                .y2
                .as_ref()
                .filter(|_| self.uses_right(s))
                .unwrap_or(&self.y);
            let name = if s.name.is_empty() {
                "unnamed"
            } else {
                &s.name
            };
            let _ = write!(out, " {name}: {n_points} points");
            if let (Some((x0, x1)), Some((y0, y1))) =
                (extent(&s.x[..n_points]), extent(&s.y[..n_points]))
            {
                let _ = write!(
                    out,
                    ", {} {} to {}, {} {} to {}",
                    self.x.label,
                    n(x0),
                    n(x1),
                    axis.label,
                    n(y0),
                    n(y1)
                );
            }
            out.push('.');
        }
        for b in self.bands.iter().filter(|b| !b.name.is_empty()) {
            let _ = write!(out, " Band {}.", b.name);
        }
        for r in self.ref_lines.iter().filter(|r| !r.label.is_empty()) {
            let (axis, v) = match r.pos {
                RefPos::Vertical(v) => (&self.x.label, v),
                RefPos::Horizontal(v) => (&self.y.label, v),
            };
            let _ = write!(out, " Line {} at {axis} = {}.", r.label, n(v));
        }
        for m in &self.marks {
            let label = if m.label.is_empty() {
                "marked point"
            } else {
                &m.label
            };
            let _ = write!(
                out,
                " {label}: {} = {}, {} = {}.",
                self.x.label,
                n(m.x),
                self.y.label,
                n(m.y)
            );
        }
        if let Some(h) = &self.heatmap {
            if let Some((lo, hi)) = extent(&h.grid.values) {
                let _ = write!(
                    out,
                    " Map of {} from {} to {} over {} {} to {} and {} {} to {}.",
                    h.label,
                    n(lo),
                    n(hi),
                    self.x.label,
                    n(h.grid.x_min),
                    n(h.grid.x_max),
                    self.y.label,
                    n(h.grid.y_min),
                    n(h.grid.y_max)
                );
            }
        }
        out
    }
}
