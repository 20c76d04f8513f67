//! The design workspace's view: its rows, plots and, after a published
//! analysis was loaded, the published-versus-computed table.

use super::super::comparison;
use super::super::state::State;
use super::super::view::View;
use super::model::build;
use super::{plots, rows};

/// The design workspace's view.
pub fn view(state: &State) -> View {
    match build(state) {
        Ok(design) => {
            let mut view = View {
                rows: rows::rows(state, &design),
                ..View::default()
            };
            view.rows.extend(rows::energy_rows(state, &design));
            view.plots = plots::plots(state, &design);
            if let Some((row, table)) = comparison::view(state) {
                view.rows.push(row);
                view.table = Some(table);
            }
            view
        }
        Err(e) => View {
            messages: vec![format!("Cannot compute this design: {e}")],
            ..View::default()
        },
    }
}
