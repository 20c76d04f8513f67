//! The impedance workspace's view: the selected spectrum, its fit, rows,
//! tables and plots; or the simulate mode's ([`super::sim`]).

use super::super::choices::ZMode;
use crate::precision::significant;

use super::super::state::State;
use super::super::view::{plot_view, Row, VerdictView, View};
use super::model::{derived_for, fit_settings, Loaded};
use super::profile_plot::profile_figure;
use super::rows::{derived_rows, parameter_table};
use super::{plots, sim};

/// Most spectra drawn over each other.
pub const MAX_OVERLAID: usize = 8;

/// The spectra drawn together: the one shown first, then the others in
/// the order loaded, at most [`MAX_OVERLAID`].
pub fn overlay(loaded: &[Loaded], selected: usize) -> Vec<crate::spectrum::Spectrum> {
    let shown = selected.min(loaded.len().saturating_sub(1));
    std::iter::once(shown)
        .chain((0..loaded.len()).filter(|&k| k != shown))
        .filter_map(|k| loaded.get(k))
        .take(MAX_OVERLAID)
        .map(|l| l.spectrum.clone())
        .collect()
}

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
            let report = &o.report;
            let verdict = report.judgement.verdict;
            view.verdict = Some(VerdictView {
                key: verdict.key(),
                text: verdict.text().to_string(),
                reasons: report.judgement.reasons.clone(),
            });
            if o.settings != fit_settings(state) {
                view.messages.push(
                    "The model, layout, interface or R_bulk changed since this fit: press “Fit this spectrum” or “Fit all” to fit again.".into(),
                );
            }
            if let Some(choice) = &report.model_choice {
                view.messages.push(choice.why.clone());
                if let Some(ask) = &choice.ask {
                    view.messages.push(ask.clone());
                }
            }
            let (ionic, derived) = derived_for(state, report);
            rows.push(Row::new(
                "zmodelfit",
                "Model fitted",
                report.model.clone(),
                None,
            ));
            rows.push(Row::new(
                "zchi",
                "Reduced χ² (weighted by 1/|Z|)",
                significant(report.fit.reduced_chi2, 3),
                None,
            ));
            if report.fit.param(ionic).is_some() {
                rows.push(Row::new(
                    "zionic",
                    "Rail taken as ionic",
                    ionic.to_string(),
                    None,
                ));
            }
            if let Some(k) = &report.kk {
                rows.push(Row::new(
                    "zkk",
                    "Kramers–Kronig (Lin-KK with series R, L and, for a capacitive end, C; passes when no point lies outside ±4σ of the noise, at least ±0.2 %, and σ ≤ 2 %): largest relative residual",
                    format!(
                        "{} % ({} Voigt elements). {}",
                        significant(100.0 * k.max_residual, 2),
                        k.elements,
                        k.summary
                    ),
                    None,
                ));
            }
            view.send_tau = derived_rows(&derived, &mut rows);
            if let Err(why) = &derived {
                view.send_tau_why = Some(why.clone());
            }
            view.messages.extend(report.fit.notes.iter().cloned());
            view.table = Some(parameter_table(&report.fit));
            view.profile = profile_figure(&report.fit, ionic).map(|f| plot_view("profile", Ok(f)));
        }
    }
    view.rows = rows;
    let outcome = item.outcome.as_ref().and_then(|o| o.as_ref().ok());
    let fitted = item.fitted_part();
    let masked = item.masked_part();
    if !item.masked.is_empty() {
        view.messages.push(format!(
            "{} point(s) masked, left out of the fit: {} Hz. Click a point on the Nyquist plot to mask or unmask it.",
            masked.len(),
            masked
                .freq_hz
                .iter()
                .map(|f| significant(*f, 3))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(kk) = outcome.and_then(|o| o.report.kk.as_ref()) {
        if !kk.outside.is_empty() {
            view.mask_offer = Some(format!(
                "Mask the {} point(s) outside the Kramers–Kronig band",
                kk.outside.len()
            ));
        }
    }
    let mut overlaid = overlay(loaded, selected);
    if let Some(first) = overlaid.first_mut() {
        *first = fitted.clone();
    }
    if overlaid.len() > 1 {
        view.messages.push(format!(
            "{} spectra overlaid{} (colours as in the legend); the fit and residuals drawn are the shown spectrum's ({}).",
            overlaid.len(),
            if loaded.len() > overlaid.len() {
                format!(", the first {} of {} loaded", overlaid.len(), loaded.len())
            } else {
                String::new()
            },
            s.label
        ));
    }
    let model = outcome
        .map(|o| &o.model)
        .filter(|m| m.len() == fitted.len());
    view.plots = plots::plots(
        &overlaid,
        plots::Extras {
            model,
            fitted: model.map(|m| (&fitted, m)),
            masked: Some(&masked),
            kk: outcome
                .and_then(|o| o.report.kk.as_ref())
                .map(|k| (&fitted, k)),
            view: state.choice(),
        },
    );
    view
}
