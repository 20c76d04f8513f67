//! The impedance workspace's view: the selected spectrum, its fit, rows,
//! tables and plots; or the simulate mode's ([`super::sim`]).

use super::super::choices::ZMode;
use super::super::format::number;
use super::super::state::State;
use super::super::view::{Row, View};
use super::model::{derived_for, fit_settings, Loaded};
use super::rows::{derived_rows, parameter_table};
use super::{plots, sim};

/// The impedance workspace's view for the loaded spectra (`selected` is shown).
pub fn view(state: &State, loaded: &[Loaded], selected: usize) -> View {
    let mut view = View::default();
    if state.choice::<ZMode>() == ZMode::Simulate {
        return sim::view(state);
    }
    let Some(item) = loaded.get(selected).or(loaded.first()) else {
        view.messages
            .push("Load a spectrum to fit it (three columns: f / Hz, Z′ / Ω, Z″ / Ω).".into());
        return view;
    };
    let s = &item.spectrum;
    let mut rows = vec![Row::new(
        "zfile",
        "Spectrum",
        format!("{} ({} points)", s.label, s.len()),
        None,
    )];
    match &item.outcome {
        None => view.messages.push("Not fitted yet: press Fit.".into()),
        Some(Err(why)) => view.messages.push(format!("The fit failed: {why}")),
        Some(Ok(o)) => {
            if o.settings != fit_settings(state) {
                view.messages.push(
                    "The layout, interface or R_bulk changed since this fit: press Fit to fit again.".into(),
                );
            }
            let report = &o.report;
            let (ionic, derived) = derived_for(state, report);
            rows.push(Row::new(
                "zverdict",
                "Verdict",
                report.judgement.verdict.text().to_string(),
                None,
            ));
            view.messages
                .extend(report.judgement.reasons.iter().cloned());
            rows.push(Row::new(
                "zchi",
                "Reduced χ² (weighted by 1/|Z|)",
                number(report.fit.reduced_chi2),
                None,
            ));
            rows.push(Row::new(
                "zionic",
                "Rail taken as ionic",
                ionic.to_string(),
                None,
            ));
            if let Some(k) = &report.kk {
                rows.push(Row::new(
                    "zkk",
                    "Kramers–Kronig (Lin-KK): largest relative residual",
                    format!(
                        "{} % ({} Voigt elements). {}",
                        number(100.0 * k.max_residual),
                        k.elements,
                        k.summary
                    ),
                    None,
                ));
            }
            view.send_tau = derived_rows(&derived, &mut rows);
            view.messages.extend(report.fit.notes.iter().cloned());
            view.table = Some(parameter_table(&report.fit));
        }
    }
    view.rows = rows;
    let model = item
        .outcome
        .as_ref()
        .and_then(|o| o.as_ref().ok())
        .map(|o| &o.model);
    view.plots = plots::plots(std::slice::from_ref(s), model, model.map(|m| (s, m)));
    view
}
