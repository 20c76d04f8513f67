//! The zoomed views of the impedance workspace's plots, for the session
//! only (never in the URL): per plot, the ranges the user zoomed or panned
//! to ([`crate::plot::View`]); a plot without one shows its automatic view
//! (for Nyquist, the framed one of `zview`). A view stays through
//! re-renders and new fits; Reset, Clear all, Remove and another `zview`
//! drop it.

use crate::plot::{Figure, View};

/// The plots that zoom and pan.
pub const ZOOMABLE: [&str; 2] = ["nyquist", "bode"];

/// True when plot `id` zooms and pans.
pub fn zoomable(id: &str) -> bool {
    slot(id).is_some()
}

/// The position of plot `id` in [`ZOOMABLE`].
pub fn slot(id: &str) -> Option<usize> {
    ZOOMABLE.iter().position(|z| *z == id)
}

/// The views the user set, in the order of [`ZOOMABLE`].
#[derive(Debug, Clone, Default)]
pub struct Viewports {
    views: [Option<View>; 2],
}

impl Viewports {
    /// `fig`, plot `id` in its automatic view, shown as the user left it.
    pub fn apply(&self, id: &str, fig: &mut Figure) {
        if let Some(view) = slot(id).and_then(|k| self.views[k].as_ref()) {
            fig.show(view);
        }
    }

    /// Plot `id` shows `view` from now on (None: its automatic view again);
    /// ignored for a plot that does not zoom.
    pub fn set(&mut self, id: &str, view: Option<View>) {
        if let Some(k) = slot(id) {
            self.views[k] = view;
        }
    }

    /// Every plot back to its automatic view.
    pub fn reset(&mut self) {
        self.views = Default::default();
    }

    /// True when plot `id` shows a view the user set.
    pub fn zoomed(&self, id: &str) -> bool {
        slot(id).is_some_and(|k| self.views[k].is_some())
    }
}

#[cfg(test)]
mod tests;
