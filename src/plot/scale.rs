//! Axes: scale types, data ranges (automatic or given) and the affine map
//! between data and pixels.

/// How an axis spaces its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScaleKind {
    #[default]
    Linear,
    /// Base-10 logarithmic; values ≤ 0 cannot be shown.
    Log10,
}

impl ScaleKind {
    /// The value in the axis's own (linear) coordinate: v or log10 v.
    /// `None` when the value cannot be placed on this axis.
    pub fn forward(self, v: f64) -> Option<f64> {
        match self {
            ScaleKind::Linear if v.is_finite() => Some(v),
            ScaleKind::Log10 if v.is_finite() && v > 0.0 => Some(v.log10()),
            _ => None,
        }
    }

    /// Inverse of [`forward`](Self::forward).
    pub fn inverse(self, t: f64) -> f64 {
        match self {
            ScaleKind::Linear => t,
            ScaleKind::Log10 => 10f64.powf(t),
        }
    }
}

/// One axis of a figure, as the caller describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Axis {
    /// Quantity and unit, e.g. `"Z′ / Ω"` or `"f / Hz"`.
    pub label: String,
    pub scale: ScaleKind,
    /// A fixed range (lo, hi) in data units; `None` fits the data.
    pub range: Option<(f64, f64)>,
    /// On a log axis without a fixed range: widen the fitted range outward
    /// to whole decades, so that the axis stays put while the data move
    /// within them (live plots).
    pub whole_decades: bool,
}

impl Axis {
    /// A linear axis with automatic range.
    pub fn linear(label: impl Into<String>) -> Self {
        Axis {
            label: label.into(),
            scale: ScaleKind::Linear,
            range: None,
            whole_decades: false,
        }
    }
    /// A log10 axis with automatic range.
    pub fn log(label: impl Into<String>) -> Self {
        Axis {
            label: label.into(),
            scale: ScaleKind::Log10,
            range: None,
            whole_decades: false,
        }
    }
    /// The same axis with its fitted range widened to whole decades (log).
    pub fn in_whole_decades(mut self) -> Self {
        self.whole_decades = true;
        self
    }
    /// The same axis with a fixed range.
    pub fn with_range(mut self, lo: f64, hi: f64) -> Self {
        self.range = Some((lo, hi));
        self
    }
}

/// Largest magnitude an axis range may reach; beyond it values are clipped.
pub const VALUE_LIMIT: f64 = 1e300;

/// Padding added on each side of auto ranges, as a fraction of the span.
pub const PAD_FRACTION: f64 = 0.05;

/// Running bounds of the values that can be placed on an axis, kept in the
/// axis's own coordinate (log10 for log axes).
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    kind: ScaleKind,
    lo: f64,
    hi: f64,
}

impl Extent {
    pub fn new(kind: ScaleKind) -> Self {
        Extent {
            kind,
            lo: f64::INFINITY,
            hi: f64::NEG_INFINITY,
        }
    }
    /// Includes `v` if the axis can show it.
    pub fn add(&mut self, v: f64) {
        if let Some(t) = self.kind.forward(v.clamp(-VALUE_LIMIT, VALUE_LIMIT)) {
            self.lo = self.lo.min(t);
            self.hi = self.hi.max(t);
        }
    }
    /// Includes every value.
    pub fn add_all(&mut self, values: &[f64]) {
        values.iter().for_each(|&v| self.add(v));
    }

    /// The axis range in data units: `fixed` if usable, else the bounds
    /// seen with padding (on a log axis with `whole_decades`, the bounds
    /// widened to the decades around them); always finite with lo < hi (and
    /// lo > 0 on a log axis), widened when all values are equal or no value
    /// was seen.
    pub fn range(&self, fixed: Option<(f64, f64)>, whole_decades: bool) -> (f64, f64) {
        let given = fixed.and_then(|(a, b)| {
            let (a, b) = (self.kind.forward(a)?, self.kind.forward(b)?);
            Some((a.min(b), a.max(b)))
        });
        let (t0, t1) = match given {
            Some(r) => r,
            None if self.lo <= self.hi && whole_decades && self.kind == ScaleKind::Log10 => {
                let (t0, t1) = (self.lo.floor(), self.hi.ceil());
                (t0, if t1 > t0 { t1 } else { t0 + 1.0 })
            }
            None if self.lo <= self.hi => {
                let pad = (self.hi - self.lo) * PAD_FRACTION;
                (self.lo - pad, self.hi + pad)
            }
            None => match self.kind {
                ScaleKind::Linear => (0.0, 1.0),
                ScaleKind::Log10 => (0.0, 1.0),
            },
        };
        let (t0, t1) = widen_degenerate(self.kind, t0, t1);
        (self.kind.inverse(t0), self.kind.inverse(t1))
    }
}

/// Makes a span in axis coordinates usable: at least 1e-9 of the values'
/// magnitude (so 1-2-5 steps stay distinct), within ±[`VALUE_LIMIT`].
fn widen_degenerate(kind: ScaleKind, t0: f64, t1: f64) -> (f64, f64) {
    let limit = match kind {
        ScaleKind::Linear => VALUE_LIMIT,
        ScaleKind::Log10 => 300.0,
    };
    let (t0, t1) = (t0.clamp(-limit, limit), t1.clamp(-limit, limit));
    let scale = t0.abs().max(t1.abs());
    let min_span = match kind {
        ScaleKind::Linear if scale == 0.0 => 2.0,
        ScaleKind::Linear => scale * 1e-9,
        ScaleKind::Log10 => (scale * 1e-9).max(1e-9),
    };
    if t1 - t0 >= min_span {
        return (t0, t1);
    }
    let centre = t0 / 2.0 + t1 / 2.0;
    let half = match kind {
        ScaleKind::Linear if scale == 0.0 => 1.0,
        ScaleKind::Linear => scale * 0.1,
        ScaleKind::Log10 => 0.5,
    };
    ((centre - half).max(-limit), (centre + half).min(limit))
}

/// Bound on the pixel positions [`Mapping::to_px`] returns.
pub const PX_FAR: f64 = 1e250;

/// The map between data values and pixels along one axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mapping {
    pub kind: ScaleKind,
    /// Range in data units.
    pub lo: f64,
    pub hi: f64,
    /// Pixel positions of `lo` and `hi` (for y, `px_lo` > `px_hi`).
    pub px_lo: f64,
    pub px_hi: f64,
    /// `lo` and `hi` in axis coordinates (log10 for log axes), cached.
    t0: f64,
    t1: f64,
}

impl Mapping {
    /// The map taking data range (lo, hi) to pixels (px_lo, px_hi).
    pub fn new(kind: ScaleKind, (lo, hi): (f64, f64), (px_lo, px_hi): (f64, f64)) -> Self {
        let (t0, t1) = match kind {
            ScaleKind::Linear => (lo, hi),
            ScaleKind::Log10 => (lo.log10(), hi.log10()),
        };
        Mapping {
            kind,
            lo,
            hi,
            px_lo,
            px_hi,
            t0,
            t1,
        }
    }

    fn t_range(&self) -> (f64, f64) {
        (self.t0, self.t1)
    }

    /// Pixel position of `v`, `None` when the axis cannot show it (NaN,
    /// ≤ 0 on a log axis). Far-away values give far-away but finite pixels
    /// (within ±1e250 px), so segments towards them keep their direction
    /// when clipped; only clipped geometry is written out.
    pub fn to_px(&self, v: f64) -> Option<f64> {
        let t = self.kind.forward(v)?;
        let (t0, t1) = self.t_range();
        let p = self.px_lo + (t - t0) / (t1 - t0) * (self.px_hi - self.px_lo);
        Some(if p.is_nan() {
            0.0
        } else {
            p.clamp(-PX_FAR, PX_FAR)
        })
    }

    /// Data value at pixel `p` (inverse of [`to_px`](Self::to_px)).
    pub fn from_px(&self, p: f64) -> f64 {
        let (t0, t1) = self.t_range();
        let t = t0 + (p - self.px_lo) / (self.px_hi - self.px_lo) * (t1 - t0);
        self.kind.inverse(t)
    }

    /// Data units per pixel (linear axes).
    pub fn units_per_px(&self) -> f64 {
        (self.hi - self.lo) / (self.px_hi - self.px_lo).abs()
    }

    /// The range (lo, hi) in data units after the content moves by `d_px`
    /// pixels (the value under the pointer follows it) and is then scaled
    /// by `factor` about pixel `p` (< 1 zooms in; the value at `p` stays):
    /// affine in the axis's own coordinate, so log axes zoom and pan by
    /// decades. None when the range would leave what an axis can show
    /// (±[`VALUE_LIMIT`], 10^±300) or span less than 10⁻⁹ of its values.
    pub fn moved(&self, d_px: f64, p: f64, factor: f64) -> Option<(f64, f64)> {
        let (t0, t1) = self.t_range();
        let per_px = (t1 - t0) / (self.px_hi - self.px_lo);
        let (t0, t1) = (t0 - d_px * per_px, t1 - d_px * per_px);
        let tp = t0 + (p - self.px_lo) * per_px;
        let (a, b) = (tp + (t0 - tp) * factor, tp + (t1 - tp) * factor);
        let (limit, floor) = match self.kind {
            ScaleKind::Linear => (VALUE_LIMIT, 1e-290),
            ScaleKind::Log10 => (300.0, 1.0),
        };
        let scale = a.abs().max(b.abs());
        let usable = scale <= limit && (b - a) > 1e-9 * scale.max(floor);
        usable.then(|| (self.kind.inverse(a), self.kind.inverse(b)))
    }
}
