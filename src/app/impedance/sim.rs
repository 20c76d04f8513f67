//! The impedance workspace's simulate mode: the line from the sliders (or a
//! figure's family of lines, [`super::super::figures`]) on Nyquist and Bode plots,
//! with the real-axis intercepts the review's equations name marked on the
//! Nyquist plot and listed in a table.

use crate::fit::derived::derive;
use crate::plot::{MarkedPoint, RefLine, RefPos, Series, Style};
use crate::spectrum::Spectrum;

use crate::fit::InterfaceKind;

use super::super::figures::{active_name, curves, features, high_eq, low_name, Curve};
use super::super::format::with_unit;
use super::super::inputs::In;
use super::super::state::State;
use super::super::view::{plot_view, PlotView, Row, Table, View};
use super::model::{geometry, interface_kind, layout, line_spectrum, simulation_frequencies_hz};
use super::rows::derived_rows;

/// Slider values of `curve` in the line's parameter order.
fn values(state: &State, curve: &Curve) -> Vec<f64> {
    let mut values = vec![
        state.get(In::SimRBulk),
        curve.r_ion_ohm,
        curve.r_e_ohm,
        state.get(In::SimC),
    ];
    if interface_kind(state) == InterfaceKind::Cpe {
        values.push(state.get(In::SimN));
    }
    values
}

/// Legend name of `curve`: "model", or the varied rail and its value.
fn name(curve: &Curve) -> String {
    match curve.varied {
        Some((rail, v)) => format!("{} = {}", rail.spec().label, with_unit(v, "Ω")),
        None => "model".into(),
    }
}

/// The simulate mode's view.
pub fn view(state: &State) -> View {
    let mut view = View::default();
    let layout = layout(state);
    let freq = simulation_frequencies_hz();
    let curves = curves(state);
    let mut spectra: Vec<Spectrum> = Vec::new();
    for c in &curves {
        match line_spectrum(state, &values(state, c), &freq, &name(c)) {
            Ok(s) => spectra.push(s),
            Err(e) => {
                view.messages.push(format!("Cannot simulate: {e}"));
                return view;
            }
        }
    }
    let r_bulk = state.get(In::SimRBulk);
    let slider = curves
        .iter()
        .position(|c| c.r_ion_ohm == state.get(In::SimRIon) && c.r_e_ohm == state.get(In::SimRE))
        .unwrap_or(0);
    let main = features(
        layout,
        r_bulk,
        curves[slider].r_ion_ohm,
        curves[slider].r_e_ohm,
    );
    let derived =
        derive(state.get(In::SimRIon), None, None, &geometry(state)).map_err(|e| e.to_string());
    let mut rows = vec![
        Row::new(
            "zpoints",
            "Simulated points",
            format!("{} (10 mHz … 1 MHz)", freq.len()),
            None,
        ),
        Row::new(
            "zhf",
            format!("Z(ω→∞) = R_bulk + R_ion·R_e/S ({})", high_eq(layout)),
            with_unit(main.high_ohm, "Ω"),
            None,
        ),
        Row::new(
            "zlf",
            format!("Re Z(ω→0) = {}", low_name(layout)),
            with_unit(main.low_re_ohm, "Ω"),
            None,
        ),
    ];
    view.send_tau = derived_rows(&derived, &mut rows);
    view.rows = rows;
    if let Some(figure) = active_name(state) {
        view.messages.push(format!(
            "{figure} of the review, redrawn with illustrative values (the review gives none for its curves)"
        ));
    }
    view.table = Some(Table {
        header: ["curve", "Z(ω→∞)", "Re Z(ω→0)", "Re Z(ω→0) − Z(ω→∞)"]
            .map(String::from)
            .to_vec(),
        rows: curves
            .iter()
            .zip(&spectra)
            .map(|(c, s)| {
                let f = features(layout, r_bulk, c.r_ion_ohm, c.r_e_ohm);
                vec![
                    s.label.clone(),
                    with_unit(f.high_ohm, "Ω"),
                    with_unit(f.low_re_ohm, "Ω"),
                    with_unit(f.low_re_ohm - f.high_ohm, "Ω"),
                ]
            })
            .collect(),
    });
    let mut nyquist = crate::plot::nyquist(&[], spectra.get(slider));
    for (k, s) in spectra.iter().enumerate().filter(|(k, _)| *k != slider) {
        let (x, y) = s.z_ohm.iter().map(|z| (z.re, -z.im)).unzip();
        nyquist
            .series
            .push(Series::new(s.label.clone(), x, y, Style::Line { dashed: true }).color(k + 1));
    }
    nyquist.marks.push(MarkedPoint {
        label: "Z(ω→∞)".into(),
        x: main.high_ohm,
        y: 0.0,
    });
    let low = "Re Z(ω→0)".to_string();
    if layout == crate::impedance::Layout::IonElectron {
        // The capacitive branch goes up for ever: its asymptote is a line.
        nyquist.ref_lines.push(RefLine {
            label: low,
            pos: RefPos::Vertical(main.low_re_ohm),
        });
    } else {
        nyquist.marks.push(MarkedPoint {
            label: low,
            x: main.low_re_ohm,
            y: 0.0,
        });
    }
    view.plots = vec![
        plot_view("nyquist", Ok(nyquist)),
        plot_view("bode", Ok(crate::plot::bode(&[], spectra.get(slider)))),
        // A simulation has no residuals: no card.
        PlotView {
            id: "residuals",
            ..PlotView::default()
        },
    ];
    view
}
