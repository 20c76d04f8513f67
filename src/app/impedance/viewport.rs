//! The zoomed views of the impedance workspace's plots, for the session
//! only (never in the URL): per plot, the ranges the user zoomed or panned
//! to ([`crate::plot::View`]); a plot without one shows its automatic view
//! (for Nyquist, the framed one of `zview`). A view stays through
//! re-renders and new fits; Reset, Clear all, Remove and another `zview`
//! drop it.

use std::collections::HashMap;

use crate::plot::{Figure, View};

/// The plots that zoom and pan.
pub const ZOOMABLE: [&str; 2] = ["nyquist", "bode"];

/// True when plot `id` zooms and pans.
pub fn zoomable(id: &str) -> bool {
    ZOOMABLE.contains(&id)
}

/// The views the user set, by plot id.
#[derive(Debug, Clone, Default)]
pub struct Viewports {
    views: HashMap<String, View>,
}

impl Viewports {
    /// `fig`, plot `id` in its automatic view, shown as the user left it.
    pub fn apply(&self, id: &str, fig: &mut Figure) {
        if let Some(view) = self.views.get(id) {
            fig.show(view);
        }
    }

    /// Plot `id` shows `view` from now on (None: its automatic view again);
    /// ignored for a plot that does not zoom.
    pub fn set(&mut self, id: &str, view: Option<View>) {
        match view {
            Some(v) if zoomable(id) => {
                self.views.insert(id.to_string(), v);
            }
            _ => {
                self.views.remove(id);
            }
        }
    }

    /// Every plot back to its automatic view.
    pub fn reset(&mut self) {
        self.views.clear();
    }

    /// True when plot `id` shows a view the user set.
    pub fn zoomed(&self, id: &str) -> bool {
        self.views.contains_key(id)
    }
}

#[cfg(test)]
mod tests;
