//! Heatmaps: a grid of values, a perceptually ordered colour map and the
//! PNG image the SVG embeds.

use crate::error::{Error, Result};

use super::png;

/// Values on a regular grid covering [x_min, x_max] × [y_min, y_max].
/// `values[iy * nx + ix]` is the cell in column `ix` (from x_min) and row
/// `iy` (from y_min). Cells are equal in the axes' coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub nx: usize,
    pub ny: usize,
    pub values: Vec<f64>,
}

impl Grid {
    /// Checks the bounds (finite, min < max), the counts (≥ 1, at most
    /// 1024 per side) and that `values` holds `nx·ny` entries. Values may be
    /// NaN: such cells are drawn transparent.
    pub fn new(
        (x_min, x_max): (f64, f64),
        (y_min, y_max): (f64, f64),
        nx: usize,
        ny: usize,
        values: Vec<f64>,
    ) -> Result<Self> {
        for (name, v) in [
            ("x_min", x_min),
            ("x_max", x_max),
            ("y_min", y_min),
            ("y_max", y_max),
        ] {
            if !v.is_finite() {
                return Err(Error::invalid(name, v, "a finite number"));
            }
        }
        if x_min >= x_max || y_min >= y_max {
            return Err(Error::Inconsistent(format!(
                "grid bounds must increase: x {}..{}, y {}..{}",
                x_min, x_max, y_min, y_max
            )));
        }
        if !(1..=1024).contains(&nx) || !(1..=1024).contains(&ny) {
            return Err(Error::Inconsistent(format!(
                "grid must be 1..1024 cells per side, got {nx}×{ny}"
            )));
        }
        if values.len() != nx * ny {
            return Err(Error::Inconsistent(format!(
                "grid of {nx}×{ny} needs {} values, got {}",
                nx * ny,
                values.len()
            )));
        }
        Ok(Grid {
            x_min,
            x_max,
            y_min,
            y_max,
            nx,
            ny,
            values,
        })
    }

    /// Centre of cell (ix, iy) in data units (linear interpolation).
    pub fn cell_centre(&self, ix: usize, iy: usize) -> (f64, f64) {
        let fx = (ix as f64 + 0.5) / self.nx as f64;
        let fy = (iy as f64 + 0.5) / self.ny as f64;
        (
            self.x_min + fx * (self.x_max - self.x_min),
            self.y_min + fy * (self.y_max - self.y_min),
        )
    }

    /// Finite (min, max) of the values, `None` if none is finite.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let mut r: Option<(f64, f64)> = None;
        for &v in self.values.iter().filter(|v| v.is_finite()) {
            r = Some(r.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        }
        r
    }
}

/// A heatmap layer: the grid, the label of its colour bar and an optional
/// fixed value range for the colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    pub grid: Grid,
    /// Quantity and unit of the values, e.g. `"utilisation / %"`.
    pub label: String,
    /// Values mapped to the ends of the colour map; `None` uses the data's
    /// range. Values outside are clamped to the end colours.
    pub range: Option<(f64, f64)>,
}

impl Heatmap {
    /// The (lo, hi) value range used for colours: finite and lo < hi.
    pub fn color_range(&self) -> (f64, f64) {
        let (lo, hi) = self
            .range
            .filter(|(a, b)| a.is_finite() && b.is_finite() && a < b)
            .or_else(|| self.grid.value_range())
            .unwrap_or((0.0, 1.0));
        if hi > lo {
            (lo, hi)
        } else {
            let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            (lo - d, hi + d)
        }
    }

    /// The grid as RGBA pixels, one per cell, rows from y_max down (image
    /// order); NaN cells are transparent. `None` if `values` is short.
    pub fn rgba(&self) -> Option<Vec<u8>> {
        let g = &self.grid;
        let (lo, hi) = self.color_range();
        let mut rgba = Vec::with_capacity(4 * g.nx * g.ny);
        for iy in (0..g.ny).rev() {
            let row = g.values.get(iy * g.nx..(iy + 1) * g.nx)?;
            for &v in row {
                if v.is_finite() {
                    let [r, gr, b] = colormap((v - lo) / (hi - lo));
                    rgba.extend_from_slice(&[r, gr, b, 255]);
                } else {
                    rgba.extend_from_slice(&[0, 0, 0, 0]);
                }
            }
        }
        Some(rgba)
    }

    /// The grid as a PNG of its [`Heatmap::rgba`] pixels.
    pub fn png(&self) -> Option<Vec<u8>> {
        png::encode_rgba(self.grid.nx as u32, self.grid.ny as u32, &self.rgba()?)
    }
}

/// Anchor colours of the map, from dark blue-violet through teal to yellow;
/// lightness rises monotonically so the map also reads in grey.
pub const ANCHORS: [[u8; 3]; 5] = [
    [50, 16, 92],
    [52, 88, 142],
    [34, 148, 138],
    [118, 200, 84],
    [246, 230, 38],
];

/// Colour of `t` in [0, 1] (clamped; NaN gives the low end): piecewise
/// linear in sRGB between the anchor colours, which is also how SVG gradients
/// interpolate, so the colour bar matches the image exactly.
pub fn colormap(t: f64) -> [u8; 3] {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let segments = (ANCHORS.len() - 1) as f64;
    let pos = t * segments;
    // pos ≥ 0, so casts truncate like floor and (x + 0.5) rounds; casts
    // are much cheaper than the libm calls in wasm and on baseline x86.
    let i = (pos as usize).min(ANCHORS.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (ANCHORS[i], ANCHORS[i + 1]);
    let mix = |k: usize| (a[k] as f64 + f * (b[k] as f64 - a[k] as f64) + 0.5) as u8;
    [mix(0), mix(1), mix(2)]
}
