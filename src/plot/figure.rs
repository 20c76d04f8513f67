//! The figure model: what is drawn, independent of how.

use super::heatmap::Heatmap;
use super::scale::Axis;
use super::svg::ColorMode;

/// Marker shapes for point series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Open circle.
    Circle,
    /// Filled circle.
    Dot,
    /// Filled square.
    Square,
    /// Diagonal cross.
    Cross,
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A line through the points; a gap wherever a point cannot be shown.
    Line {
        dashed: bool,
    },
    Markers(Marker),
    LineMarkers(Marker),
}

impl Style {
    /// (line, marker): `Some(dashed)` when a line is drawn, and the marker.
    pub fn parts(self) -> (Option<bool>, Option<Marker>) {
        match self {
            Style::Line { dashed } => (Some(dashed), None),
            Style::Markers(m) => (None, Some(m)),
            Style::LineMarkers(m) => (Some(false), Some(m)),
        }
    }
}

/// Which y-axis a series uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YAxis {
    #[default]
    Left,
    /// The figure's `y2` axis (drawn on the right); falls back to the left
    /// axis when the figure has none.
    Right,
}

/// One data series: points (x, y) with optional symmetric y error bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend entry; empty to leave it out of the legend.
    pub name: String,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// Half-widths of y error bars (same length as `y`), drawn as ±.
    pub y_err: Option<Vec<f64>>,
    pub style: Style,
    /// Palette index.
    pub color: usize,
    pub axis: YAxis,
}

impl Series {
    /// A series with the given style, colour 0, on the left axis.
    pub fn new(name: impl Into<String>, x: Vec<f64>, y: Vec<f64>, style: Style) -> Self {
        Series {
            name: name.into(),
            x,
            y,
            y_err: None,
            style,
            color: 0,
            axis: YAxis::Left,
        }
    }
    /// Sets the palette index.
    pub fn color(mut self, k: usize) -> Self {
        self.color = k;
        self
    }
    /// Puts the series on the right axis.
    pub fn on_right(mut self) -> Self {
        self.axis = YAxis::Right;
        self
    }
    /// Number of points drawn: pairs present in both `x` and `y`.
    pub fn len(&self) -> usize {
        self.x.len().min(self.y.len())
    }
    /// True when no point can be formed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A shaded band between `lo` and `hi` over `x` (e.g. a confidence band).
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub name: String,
    pub x: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    pub color: usize,
}

/// Orientation and position of a reference line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefPos {
    /// x = value.
    Vertical(f64),
    /// y = value (left axis).
    Horizontal(f64),
}

/// A dashed reference line across the plot with a short label.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    pub label: String,
    pub pos: RefPos,
}

/// A highlighted point with a label, e.g. the current design.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkedPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
}

/// Where the legend goes (inside the plot area).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Legend {
    None,
    /// The corner covering the fewest data points and hiding no label;
    /// below the plot when no corner will do (see [`super::layout`]).
    #[default]
    Auto,
    /// In rows below the plot, labels wrapped rather than cut.
    Below,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
}

/// A complete figure. Build one (or take one from the builders), adjust
/// fields, then call [`Figure::to_svg`](Figure::to_svg).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Prefix for ids inside the SVG (sanitised); make it unique per page.
    pub id: String,
    pub width_px: f64,
    pub height_px: f64,
    pub title: String,
    pub x: Axis,
    pub y: Axis,
    /// Optional right-hand y-axis for series with [`YAxis::Right`].
    pub y2: Option<Axis>,
    /// Same data units per pixel on x and y (Nyquist plots); applies when
    /// both axes are linear and have no fixed range.
    pub equal_aspect: bool,
    pub series: Vec<Series>,
    pub bands: Vec<Band>,
    pub ref_lines: Vec<RefLine>,
    pub marks: Vec<MarkedPoint>,
    pub heatmap: Option<Heatmap>,
    pub legend: Legend,
    pub colors: ColorMode,
}

impl Figure {
    /// An empty 640×420 px figure with linear axes.
    pub fn new(title: impl Into<String>, x: Axis, y: Axis) -> Self {
        Figure {
            id: "ip".into(),
            width_px: 640.0,
            height_px: 420.0,
            title: title.into(),
            x,
            y,
            y2: None,
            equal_aspect: false,
            series: Vec::new(),
            bands: Vec::new(),
            ref_lines: Vec::new(),
            marks: Vec::new(),
            heatmap: None,
            legend: Legend::Auto,
            colors: ColorMode::Themed,
        }
    }

    /// Sets the id prefix.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Sets the size in px.
    pub fn with_size(mut self, width_px: f64, height_px: f64) -> Self {
        self.width_px = width_px;
        self.height_px = height_px;
        self
    }

    /// Width and height actually used: finite, between 160 and 8000 px.
    pub fn size_px(&self) -> (f64, f64) {
        let clean = |v: f64, default: f64| {
            if v.is_finite() {
                v.clamp(160.0, 8000.0)
            } else {
                default
            }
        };
        (clean(self.width_px, 640.0), clean(self.height_px, 420.0))
    }

    /// True when the series uses the right axis and the figure has one.
    pub fn uses_right(&self, s: &Series) -> bool {
        s.axis == YAxis::Right && self.y2.is_some()
    }
}
