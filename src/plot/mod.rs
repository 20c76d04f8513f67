//! Data → SVG strings, for the page and for exported figures.
//!
//! A pure module: no DOM, no text measuring (label widths are estimated
//! from character counts), no I/O. A [`Figure`] describes what to draw —
//! size, title, axes ([`Axis`]: label with unit, [`ScaleKind`] linear or
//! log10, optional fixed range), series ([`Series`] with a [`Style`]: line,
//! markers, or both; optional error bars; left or right y-axis), shaded
//! [`Band`]s, reference lines ([`RefLine`]), highlighted points
//! ([`MarkedPoint`], e.g. the current design) and at most one [`Heatmap`]
//! with a colour bar. [`Figure::to_svg`] renders it to one string.
//!
//! - Ticks: 1-2-5 steps on linear axes, decades with minor ticks on log
//!   axes ([`ticks`]); labels in one style ([`labels`]): plain decimals for
//!   moderate numbers, `2.5×10⁻⁴` and `10⁻³` otherwise.
//! - Auto ranges pad the data by 5 %; `Axis::range` overrides them.
//!   `Figure::equal_aspect` gives the same data units per pixel on both
//!   axes (Nyquist plots).
//! - Colours: [`ColorMode::Themed`] (default) uses `currentColor` for text
//!   and axes and the CSS variables `--ip-c0…--ip-c6` (with fallbacks) for
//!   series, so the page's light and dark themes apply; every element has an
//!   `ip-…` class. [`ColorMode::Inline`] writes concrete colours and a white
//!   background for standalone files.
//! - Robust: all text is escaped; points that cannot be drawn (NaN, ≤ 0 on
//!   a log axis) are skipped and counted in a note on the figure; lines are
//!   clipped to the plot area; the output never contains NaN or inf.
//! - The legend goes in the plot corner covering the fewest points
//!   ([`Legend::Auto`]); long labels are shortened from the start so file
//!   names stay readable.
//! - Heatmaps are one PNG `<image>` in a file ([`Figure::to_svg_file`],
//!   encoded natively by `png`, on the page by the browser): a 64×64 map is
//!   ~22 kB of base64 instead of 4096 `<rect>`s (~300 kB); on the page one
//!   `<canvas>` the page fills with [`Heatmap::rgba`]. Cells are equal
//!   steps in the axes' own coordinates.
//! - [`Figure::to_svg_layers`] gives the SVG as a few layers (frame, data,
//!   axes, colour bar, marks, legend) so the page rewrites only those that change.
//! - A series is one `<path>` for its line and one for its markers,
//!   whatever its length; lines and bands are clipped to the plot area.
//! - Read-outs: [`Figure::nearest_point`], [`Figure::cell_at`],
//!   [`Figure::data_at`] take positions in the SVG's own pixels (its
//!   viewBox); [`layout`] exposes the plot area and the data↔pixel maps.
//!   Export: [`Figure::to_csv`].
//! - Zoom and pan ([`Figure::moved_view`], [`Figure::stepped_view`],
//!   [`Figure::show`]): new ranges from the figure as drawn and pixel
//!   positions, affine in each axis's own coordinate (decades on log
//!   axes), every axis alike so equal axes stay equal.
//! - Ready-made figures: [`nyquist`], [`bode`], [`residuals`],
//!   [`capacity_vs_current`], [`utilisation_map`], [`tau_vs_epsilon`].
//!
//! ```
//! use ionpath::plot::{Axis, Figure, Marker, Series, Style, ColorMode};
//!
//! let mut fig = Figure::new("Bruggeman", Axis::linear("ε"), Axis::log("τ"));
//! let eps: Vec<f64> = (1..=20).map(|k| k as f64 / 20.0).collect();
//! let tau: Vec<f64> = eps.iter().map(|e| e.powf(-0.5)).collect();
//! fig.series.push(Series::new("α = 0.5", eps, tau, Style::LineMarkers(Marker::Dot)));
//! fig.colors = ColorMode::Inline; // standalone file
//! let svg = fig.to_svg();
//! assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
//!
//! // Which point is under the pointer at (300, 200) px?
//! if let Some(hit) = fig.nearest_point(300.0, 200.0, 20.0) {
//!     println!("ε = {}, τ = {}", hit.x, hit.y);
//! }
//! let csv = fig.to_csv(); // "series,ε,τ\nα = 0.5,0.05,4.47…"
//! assert!(csv.starts_with("series,ε,τ\n"));
//! ```

mod builders;
mod csv;
mod draw;
mod figure;
mod heatmap;
mod hover;
pub mod labels;
mod layout;
mod legend;
#[cfg(not(target_arch = "wasm32"))]
pub mod png;
mod render;
mod scale;
mod summary;
mod svg;
pub mod ticks;
mod zoom;

#[cfg(test)]
mod tests;

pub use builders::{
    bode, capacity_vs_current, minus_phase_deg, nyquist, ragone_plot, residuals, tau_vs_epsilon,
    utilisation_map, Curve, LitPoint,
};
pub use figure::{
    Band, Figure, Legend, MarkedPoint, Marker, RefLine, RefPos, Series, Style, YAxis,
};
pub use heatmap::{colormap, Grid, Heatmap};
pub use hover::{CellHit, Hit};
pub use layout::{layout, Layout, Rect};
pub use render::{PngDataUrl, SvgLayers};
pub use scale::{Axis, Mapping, ScaleKind};
pub use svg::{push_escaped, ColorMode};
pub use zoom::{key_step, wheel_factor, Step, View, ZOOM_STEP};
