//! Zoom and pan (pure): the ranges a figure shows after a wheel step, a
//! drag, a pinch or a key, computed from the figure as drawn (its
//! [`layout`]) and positions in its own pixels, as the read-outs of
//! `hover` take them; so a point clicked on a zoomed plot is the point
//! drawn there.

use super::figure::Figure;
use super::layout::layout;
use super::scale::{Mapping, ScaleKind};

/// The ranges a figure shows, in data units: x, the left y and the right
/// y (when the figure has one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub y2: Option<(f64, f64)>,
}

/// Zoom factor of one key press or button (the range shrinks or grows by it).
pub const ZOOM_STEP: f64 = 1.25;

/// Share of the plot area one key press pans.
pub const PAN_STEP: f64 = 0.1;

/// What a key does to a focused plot's view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Zoom by this factor (< 1 in) about the keyboard cursor or the centre.
    Zoom(f64),
    /// Move the view by these shares of the plot area (right, up; the
    /// content moves the other way).
    Pan(f64, f64),
    /// Back to the automatic view.
    Reset,
}

/// The step key `key` asks for: `+`/`=` zoom in, `-` out, `0` resets, and
/// the arrow keys with Ctrl (or ⌘) pan; plain arrows stay the cursor's.
pub fn key_step(key: &str, ctrl: bool) -> Option<Step> {
    Some(match (key, ctrl) {
        ("+" | "=", _) => Step::Zoom(1.0 / ZOOM_STEP),
        ("-" | "_", _) => Step::Zoom(ZOOM_STEP),
        ("0", _) => Step::Reset,
        ("ArrowLeft", true) => Step::Pan(-PAN_STEP, 0.0),
        ("ArrowRight", true) => Step::Pan(PAN_STEP, 0.0),
        ("ArrowUp", true) => Step::Pan(0.0, PAN_STEP),
        ("ArrowDown", true) => Step::Pan(0.0, -PAN_STEP),
        _ => return None,
    })
}

/// The zoom factor of a wheel turn of `delta_y` pixels (down zooms out):
/// about 1.22 per notch of 100 px, smooth for a pinch's small steps.
pub fn wheel_factor(delta_y: f64) -> f64 {
    (delta_y.clamp(-500.0, 500.0) * 0.002).exp()
}

impl Figure {
    /// The ranges drawn now.
    pub fn view(&self) -> View {
        let l = layout(self);
        View {
            x: (l.x.lo, l.x.hi),
            y: (l.y.lo, l.y.hi),
            y2: l.y2.map(|m| (m.lo, m.hi)),
        }
    }

    /// The view after the content moves by (`dx`, `dy`) pixels and is then
    /// scaled by `factor` about pixel (`px`, `py`) (< 1 zooms in): every
    /// axis alike, so equal axes stay equal. The ranges are those of the
    /// moved data↔pixel maps at the plot area the new ranges give (their
    /// tick labels may widen a margin), so the value under the pointer
    /// stays under it. None when an axis could not show the result
    /// ([`super::scale::Mapping::moved`]).
    pub fn moved_view(
        &self,
        (dx, dy): (f64, f64),
        (px, py): (f64, f64),
        factor: f64,
    ) -> Option<View> {
        let l = layout(self);
        let map = |m: &Mapping, d: f64, p: f64| {
            let r = m.moved(d, p, factor)?;
            Some(Mapping::new(m.kind, r, (m.px_lo, m.px_hi)))
        };
        let x = map(&l.x, dx, px)?;
        let y = map(&l.y, dy, py)?;
        let y2 = match &l.y2 {
            Some(m) => Some(map(m, dy, py)?),
            None => None,
        };
        let at = |m: &Mapping, n: &Mapping| (m.from_px(n.px_lo), m.from_px(n.px_hi));
        let mut view = View {
            x: (x.lo, x.hi),
            y: (y.lo, y.hi),
            y2: y2.map(|m| (m.lo, m.hi)),
        };
        let mut plot = l.plot;
        for _ in 0..3 {
            let mut moved = self.clone();
            moved.show(&view);
            let n = layout(&moved);
            if n.plot == plot {
                break;
            }
            plot = n.plot;
            view.x = at(&x, &n.x);
            view.y = at(&y, &n.y);
            view.y2 = y2.as_ref().zip(n.y2.as_ref()).map(|(m, n)| at(m, n));
        }
        Some(view)
    }

    /// The view after key step `step` (`at`: the keyboard cursor's pixel, else
    /// the plot's centre is kept); None for [`Step::Reset`].
    pub fn stepped_view(&self, step: Step, at: Option<(f64, f64)>) -> Option<View> {
        let p = layout(self).plot;
        let (w, h) = (p.right - p.left, p.bottom - p.top);
        let at = at.unwrap_or(((p.left + p.right) / 2.0, (p.top + p.bottom) / 2.0));
        match step {
            Step::Zoom(f) => self.moved_view((0.0, 0.0), at, f),
            Step::Pan(sx, sy) => self.moved_view((-sx * w, sy * h), at, 1.0),
            Step::Reset => None,
        }
    }

    /// Shows `view`: the axes' ranges fixed to it; with equal axes (two
    /// linear axes), the range that has fewer data units per pixel widened
    /// about its centre so that both have the same at this figure's size
    /// (for the plot area the widened ranges give).
    pub fn show(&mut self, view: &View) {
        self.x.range = Some(view.x);
        self.y.range = Some(view.y);
        if let (Some(a), Some(r)) = (self.y2.as_mut(), view.y2) {
            a.range = Some(r);
        }
        let linear = self.x.scale == ScaleKind::Linear && self.y.scale == ScaleKind::Linear;
        if !(self.equal_aspect && linear) {
            return;
        }
        let mut last = None;
        for _ in 0..3 {
            let plot = layout(self).plot;
            let (w_px, h_px) = (plot.right - plot.left, plot.bottom - plot.top);
            if !(w_px > 0.0 && h_px > 0.0) || last == Some(plot) {
                return;
            }
            last = Some(plot);
            let (x, y) = (view.x, view.y);
            let per_px = ((x.1 - x.0) / w_px).max((y.1 - y.0) / h_px);
            let grow = |r: (f64, f64), px: f64| {
                let c = r.0 / 2.0 + r.1 / 2.0;
                (c - per_px * px / 2.0, c + per_px * px / 2.0)
            };
            self.x.range = Some(grow(x, w_px));
            self.y.range = Some(grow(y, h_px));
        }
    }
}
