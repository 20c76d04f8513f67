//! Adds the discharge model to the design workspace's view: its rows, its
//! plots (built again only when what they show changed), the OCP caveats
//! and its rows of the published-versus-computed table.

use super::super::super::choices::Ch;
use super::super::super::inputs::In;
use super::super::super::state::State;
use super::super::super::view::{PlotView, View};
use super::plots::plots;
use super::rows::{comparison_rows, messages, rows};
use super::session::Session;

/// The plots as last built, and what they were built from.
#[derive(Debug, Default)]
pub struct PlotCache {
    key: Option<(u64, usize, u64)>,
    plots: Vec<PlotView>,
}

/// Adds the discharge model's part to `view`, the design view of `state`
/// (nothing when the design itself is refused: its message says why).
pub fn extend(state: &State, s: &Session, cache: &mut PlotCache, view: &mut View) {
    if view.rows.is_empty() {
        return;
    }
    view.rows.extend(rows(state, s));
    view.messages.extend(messages(state, s));
    if let Some(table) = view.table.as_mut() {
        table.rows.extend(comparison_rows(state, s));
    }
    let key = (
        s.revision(),
        state.choice_index(Ch::Preset),
        state.get(In::CutoffV).to_bits(),
    );
    if cache.key != Some(key) {
        cache.plots = plots(state, s);
        cache.key = Some(key);
    }
    view.plots.extend(cache.plots.iter().cloned());
}
