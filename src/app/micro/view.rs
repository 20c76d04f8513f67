//! The microstructure workspace's view: the rows of the volume shown, the
//! sweep's fit and plots, and the sentences about the whole (a failed job,
//! a recipe changed since the volume was generated, τ from the fitted
//! simulated spectrum beside τ from the geometry).

use super::super::format::number;
use super::super::state::State;
use super::super::view::{Row, View};
use super::model::{recipe, SE};
use super::session::Session;
use super::{plots, rows};

/// τ of the SE from fitting the simulated spectrum in the impedance
/// workspace: its value, or why there is none yet.
pub type EisTau = Result<f64, String>;

/// The view for `state` and what the session holds; `eis` is the fitted
/// simulated spectrum's τ, once there is one.
pub fn view(state: &State, session: &Session, eis: Option<EisTau>) -> View {
    let mut view = View {
        rows: rows::rows(session),
        ..View::default()
    };
    if let Some(eis) = eis {
        view.rows.push(match eis {
            Ok(tau) => {
                let geometry = session.row(SE, 0).and_then(|r| r.tau);
                let compare = geometry.map_or(String::new(), |g| {
                    format!(
                        " (from the geometry {}; EIS/geometry {})",
                        number(g),
                        number(tau / g)
                    )
                });
                Row::new(
                    "meis",
                    "τ of the SE from fitting its simulated spectrum",
                    format!("{}{compare}", number(tau)),
                    Some("Eq. 17"),
                )
            }
            Err(why) => Row::from_result(
                "meis",
                "τ of the SE from fitting its simulated spectrum",
                Err(crate::error::Error::Numerical(why)),
                Some("Eq. 17"),
            ),
        });
    }
    view.rows.extend(plots::fit_rows(&session.points));
    view.plots = plots::plots(&session.points);
    if let Some(why) = &session.error {
        view.messages.push(why.clone());
    }
    match recipe(state) {
        Err(why) => view
            .messages
            .push(format!("The recipe cannot be generated: {why}")),
        Ok(r) => {
            if session.recipe.as_ref().is_some_and(|shown| *shown != r) {
                view.messages.push(
                    "The recipe has changed since this electrode was generated: \
                     “Generate and solve” shows the new one."
                        .into(),
                );
            }
        }
    }
    view
}

#[cfg(test)]
mod tests;
