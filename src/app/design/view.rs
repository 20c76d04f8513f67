//! The design workspace's view: its rows, plots and, after a published
//! analysis was loaded, the published-versus-computed table; with the
//! user's measurements and the capacity's interval ([`data`]).

use super::super::comparison;
use super::super::state::State;
use super::super::view::View;
use super::data::{self, Measured};
use super::model::build;
use super::{plots, rows};

/// The design workspace's view, with the user's `measured` points.
pub fn view(state: &State, measured: &Measured) -> View {
    match build(state) {
        Ok(design) => {
            let mut view = View {
                rows: rows::rows(state, &design),
                ..View::default()
            };
            if let Some(range) = data::range_row(state) {
                let after = view
                    .rows
                    .iter()
                    .position(|r| r.id == "cap")
                    .map_or(0, |k| k + 1);
                view.rows.insert(after, range);
            }
            view.rows.extend(rows::energy_rows(state, &design));
            view.rows.extend(data::rows(&design, measured));
            view.plots = plots::plots(state, &design);
            let currents = plots::capacity_currents_a_per_cm2();
            data::range_band(&mut view, state, &currents);
            data::overlay(&mut view, &design, measured, &currents);
            if let Some((row, table)) = comparison::view(state, &design) {
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
