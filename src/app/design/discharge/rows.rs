//! The discharge model's rows in the design workspace — the capacity at the
//! design current beside Eq. 19's for the same design, the sentence saying
//! which of Eq. 19's assumptions fail, the slow-discharge capacity, how far
//! the numbers can be trusted, the fit — and its rows of the
//! published-versus-computed table, with the CSV exports.

use crate::discharge::cases::KATO_ASSUMPTIONS;
use crate::discharge::csv::curves_csv;
use crate::discharge::{End, SolverOptions};
use crate::fit::discharge::{DischargeParam, FittedValue};
use crate::io::csv::{number as csv_number, push_row};
use crate::materials::ocp_data::find_ocp;
use crate::physics::capacity::full_capacity_c_per_cm2;
use crate::units::{a_to_ma, cm_to_um, coulomb_to_mah};

use super::super::super::choices::{AnodeOcp, CathodeOcp, Ocp as OcpChoice};
use super::super::super::comparison::preset;
use super::super::super::format::{number, sig, with_unit};
use super::super::super::state::State;
use super::super::super::view::Row;
use super::super::model::build;
use super::model::{Computed, SWEEP_DESIGN, SWEEP_MESH, SWEEP_RTOL};
use super::session::{published_capacities, Session};

/// mAh/cm² with its unit.
fn mah(c_per_cm2: f64) -> String {
    with_unit(coulomb_to_mah(c_per_cm2), "mAh/cm²")
}

/// Why a discharge ended, in words.
pub fn end_text(end: &End) -> String {
    match end {
        End::CutOff => "at the cut-off".into(),
        End::CathodeFull => "a cathode particle's surface is full".into(),
        End::AnodeEmpty => "an anode particle's surface is empty".into(),
        End::SolverStopped(why) => {
            format!("the solver stopped ({why}); the curve holds up to its last point, so this is a lower bound")
        }
    }
}

/// (a − b)/b as a signed percentage; None when b is not > 0.
fn percent(a: f64, b: f64) -> Option<String> {
    let p = 100.0 * (a - b) / b;
    (b > 0.0 && p.is_finite()).then(|| format!("{p:+.1} %").replace('-', "−"))
}

/// The design current in words.
fn at(c: &Computed) -> String {
    with_unit(a_to_ma(c.current_a_per_cm2), "mA/cm²")
}

/// What the model is doing.
fn status(s: &Session) -> Row {
    let label = "Discharge model (1D homogenised), computed in the page worker";
    if let Some(why) = s.refused() {
        return Row::from_result(
            "dstate",
            label,
            Err(crate::Error::Inconsistent(why.into())),
            None,
        );
    }
    let fresh = s.design().is_some_and(|(_, fresh)| fresh);
    let swept = s.sweep().is_some_and(|(_, fresh)| fresh);
    let value = match (s.busy(), fresh, swept) {
        (false, _, _) => "up to date",
        (true, false, _) if s.design().is_some() => {
            "computing; the curves shown are for the previous inputs"
        }
        (true, false, _) => "computing",
        (true, true, false) => "computing the rate sweep",
        (true, true, true) => "computing",
    };
    Row::new("dstate", label, value.to_string(), None)
}

/// The rows of the design current's answer.
fn design_rows(state: &State, c: &Computed, rows: &mut Vec<Row>) {
    let i = at(c);
    let stopped = matches!(c.end, End::SolverStopped(_));
    let value = format!(
        "{}{}, {}",
        if stopped { "≥ " } else { "" },
        mah(c.delivered_c_per_cm2),
        end_text(&c.end)
    );
    rows.push(Row::new(
        "dcap",
        format!("Delivered capacity at {i}, full model"),
        value,
        None,
    ));
    rows.push(Row::new(
        "deq19",
        format!("Eq. 19 for the full model's design at {i}"),
        match percent(c.eq19_c_per_cm2, c.delivered_c_per_cm2) {
            Some(p) => format!("{} ({p} against the full model)", mah(c.eq19_c_per_cm2)),
            None => format!(
                "{} (the full model delivers nothing)",
                mah(c.eq19_c_per_cm2)
            ),
        },
        Some("Eq. 19"),
    ));
    let Some(detail) = &c.detail else { return };
    rows.push(Row::new(
        "dwhy",
        format!("Which of Eq. 19's assumptions fail at {i}"),
        detail.sentence.clone(),
        None,
    ));
    // The design's q·L (from the specific capacity) beside the model's window.
    let design_full = build(state)
        .ok()
        .and_then(|d| full_capacity_c_per_cm2(&d.cell))
        .map(|(c, _)| c);
    let mut row = Row::new(
        "dslow",
        "Infinitely slow discharge, θ0 to the cut-off (full model)",
        match design_full {
            Some(full) => format!(
                "{}; the design's q·L: {}",
                mah(detail.slow_c_per_cm2),
                mah(full)
            ),
            None => mah(detail.slow_c_per_cm2),
        },
        None,
    );
    let off = design_full.filter(|f| (detail.slow_c_per_cm2 / f - 1.0).abs() > 0.05);
    if let Some(p) = off.and_then(|full| percent(detail.slow_c_per_cm2, full)) {
        row.why = Some(format!(
            "the model's window (θ0, c_max, the OCP down to the cut-off) holds {p} against the design's q·L from the specific capacity: adjust θ0 or c_max for a like-for-like comparison"
        ));
    }
    rows.push(row);
}

/// How far the numbers can be trusted: the meshes, the tolerance, and the
/// sweep's mesh against the fine one at the design current.
fn accuracy(s: &Session) -> Option<Row> {
    let (design, _) = s.design()?;
    let design = design.as_ref().ok()?;
    let fine = SolverOptions::default();
    let mut text = format!(
        "design current: {} × {} mesh, rtol {} (within 4 mV of PyBaMM's DFN in the benchmarks)",
        fine.cathode_mesh.cells,
        fine.cathode_mesh.shells,
        sig(fine.rtol, 1)
    );
    if let Some((sweep, true)) = s.sweep() {
        let coarse = match sweep.get(SWEEP_DESIGN) {
            Some(Ok(coarse)) => percent(coarse.delivered_c_per_cm2, design.delivered_c_per_cm2),
            _ => None,
        };
        text.push_str(&format!(
            "; rate sweep: {} × {} mesh, rtol {}",
            SWEEP_MESH.cells,
            SWEEP_MESH.shells,
            sig(SWEEP_RTOL, 1)
        ));
        if let Some(p) = coarse {
            text.push_str(&format!(", {p} from the fine mesh at the design current"));
        }
        let stopped = sweep
            .iter()
            .filter(|r| matches!(r, Ok(c) if matches!(c.end, End::SolverStopped(_))))
            .count();
        let failed = sweep.iter().filter(|r| r.is_err()).count();
        if stopped + failed > 0 {
            text.push_str(&format!(
                "; {stopped} sweep current(s) where the solver stopped (lower bounds), {failed} not computed"
            ));
        }
    }
    Some(Row::new(
        "dacc",
        "How far the full model's numbers hold",
        text,
        None,
    ))
}

/// "value unit (95 %: lo to hi)" of a fitted value in display units.
fn interval(v: &FittedValue, scale: f64, unit: &str) -> String {
    let side =
        |x: Option<f64>, word: &str| x.map_or(format!("not bounded {word}"), |x| number(x * scale));
    format!(
        "{} (95 %: {} to {})",
        with_unit(v.value * scale, unit),
        side(v.lower, "below"),
        side(v.upper, "above")
    )
}

/// The fit's rows.
fn fit_rows(s: &Session, rows: &mut Vec<Row>) {
    let curves: usize = s.measured().iter().map(|f| f.curves.len()).sum();
    let label = format!("Fit to {curves} measured curve(s)");
    if s.fitting() {
        rows.push(Row::new(
            "dfit",
            label,
            "fitting (this takes a few seconds)".into(),
            None,
        ));
        return;
    }
    match s.fitted() {
        None => {}
        Some(Err(why)) => rows.push(Row::from_result(
            "dfit",
            label,
            Err(crate::Error::Numerical(why.clone())),
            None,
        )),
        Some(Ok(f)) => {
            rows.push(Row::new(
                "dfit",
                label,
                format!(
                    "rms residual {} over {} points; intervals from profile likelihoods",
                    with_unit(1e3 * f.fit.rms_v, "mV"),
                    f.points
                ),
                None,
            ));
            for v in &f.fit.values {
                let (id, label, scale, unit) = match v.param {
                    DischargeParam::SigmaEff => {
                        ("dfsig", "σ_i,eff of the cathode, fitted", 1e3, "mS/cm")
                    }
                    DischargeParam::Diffusivity => {
                        ("dfds", "D_s of the cathode, fitted", 1.0, "cm²/s")
                    }
                    DischargeParam::ExchangeCurrent => {
                        ("dfi0", "i0,ref of the cathode, fitted", 1e3, "mA/cm²")
                    }
                };
                rows.push(Row::new(id, label, interval(v, scale, unit), None));
            }
            rows.push(Row::new(
                "dftau",
                "τ of the cathode at the fitted σ_i,eff",
                number(f.fit.tau),
                Some("Eq. 17"),
            ));
        }
    }
}

/// Every discharge row for `state` and what the session holds.
pub fn rows(state: &State, s: &Session) -> Vec<Row> {
    let mut rows = vec![status(s)];
    if s.refused().is_none() {
        match s.design() {
            Some((Ok(c), _)) => design_rows(state, c, &mut rows),
            Some((Err(why), _)) => rows.push(Row::from_result(
                "dcap",
                "Delivered capacity, full model",
                Err(crate::Error::Numerical(why.clone())),
                None,
            )),
            None => {}
        }
        rows.extend(accuracy(s));
    }
    fit_rows(s, &mut rows);
    if !published_capacities(state).is_empty() {
        rows.push(Row::new(
            "dassume",
            "The full model of the published cell assumes (not in the paper)",
            KATO_ASSUMPTIONS.join("; "),
            None,
        ));
    }
    rows
}

/// Sentences for the top of the results: an OCP used outside the range it
/// was measured over.
pub fn messages(state: &State, s: &Session) -> Vec<String> {
    let Some((Ok(c), _)) = s.design() else {
        return Vec::new();
    };
    let Some(detail) = &c.detail else {
        return Vec::new();
    };
    let sides = [
        (
            "cathode",
            state.choice::<CathodeOcp>().ocp(),
            Some(detail.cathode_theta),
        ),
        (
            "anode",
            state.choice::<AnodeOcp>().ocp(),
            detail.anode_theta,
        ),
    ];
    sides
        .iter()
        .filter_map(|&(side, ocp, span)| {
            let (OcpChoice::Library(id), Some((lo, hi))) = (ocp, span) else {
                return None;
            };
            let curve = find_ocp(id)?;
            let (from, to) = curve.fitted_range?;
            (lo < from || hi > to).then(|| {
                format!(
                    "The {side}'s OCP ({}) was measured for {} < θ < {}; this discharge takes its particle surfaces from θ = {} to {}, beyond that on the fit's extrapolation.",
                    curve.name,
                    number(from),
                    number(to),
                    sig(lo, 3),
                    sig(hi, 3)
                )
            })
        })
        .collect()
}

/// The published-versus-computed rows of a loaded preset's delivered
/// capacities from the full model: its own, and Eq. 19 for its design
/// (the comparison table has Eq. 19 with the page's inputs already).
pub fn comparison_rows(state: &State, s: &Session) -> Vec<Vec<String>> {
    if preset(state).is_none() {
        return Vec::new();
    }
    let unit = "mAh/cm²";
    let mut out = Vec::new();
    for (i, published, _) in published_capacities(state) {
        let model = [s.design(), s.extra().map(|r| (r, true))]
            .into_iter()
            .flatten()
            .filter(|(_, fresh)| *fresh)
            .filter_map(|(r, _)| r.as_ref().ok())
            .find(|c| c.current_a_per_cm2 == i);
        let at = with_unit(a_to_ma(i), "mA/cm²");
        let mut row = |what: &str, computed: Option<f64>| {
            let (value, diff) = match computed {
                Some(c) => {
                    let c = coulomb_to_mah(c);
                    // As the rest of the table writes differences.
                    let diff = format!("{:+.1} %", 100.0 * (c - published) / published);
                    (with_unit(c, unit), diff)
                }
                None => ("computing".to_string(), String::new()),
            };
            out.push(vec![
                format!("delivered capacity at {at}, {what}"),
                with_unit(published, unit),
                value,
                diff,
            ]);
        };
        row(
            "full model (1D homogenised)",
            model.map(|c| c.delivered_c_per_cm2),
        );
        row(
            "Eq. 19 for the full model's design",
            model.map(|c| c.eq19_c_per_cm2),
        );
    }
    out
}

/// The curves shown, as the CSV `ionpath discharge` prints: the design
/// current's, then the other currents of the last complete sweep.
pub fn curves_csv_text(s: &Session) -> Option<String> {
    let (design, _) = s.design()?;
    let design = design.as_ref().ok()?;
    let mut curves = vec![(design.current_a_per_cm2, design.points.as_slice())];
    if let Some((sweep, true)) = s.sweep() {
        for (k, c) in sweep.iter().enumerate() {
            if let (Ok(c), true) = (c, k != SWEEP_DESIGN) {
                curves.push((c.current_a_per_cm2, c.points.as_slice()));
            }
        }
    }
    Some(curves_csv(curves))
}

/// The profiles across the thickness at the design current, one row per
/// cell: time, capacity, electrode, depth from the separator, j, θ at the
/// particle surface, φ_e.
pub fn profiles_csv_text(s: &Session) -> Option<String> {
    let (design, _) = s.design()?;
    let detail = design.as_ref().ok()?.detail.as_ref()?;
    let mut out = String::new();
    push_row(
        &mut out,
        [
            "time_s",
            "capacity_mah_cm2",
            "electrode",
            "x_from_separator_um",
            "reaction_ma_per_cm2",
            "theta_surface",
            "phi_e_v",
        ],
    );
    for p in &detail.profiles {
        let lanes = [("cathode", Some(&p.cathode)), ("anode", p.anode.as_ref())];
        for (name, lane) in lanes {
            let Some(lane) = lane else { continue };
            for k in 0..lane.x_cm.len() {
                push_row(
                    &mut out,
                    [
                        csv_number(p.time_s),
                        csv_number(coulomb_to_mah(p.capacity_c_per_cm2)),
                        name.to_string(),
                        csv_number(cm_to_um(lane.x_cm[k])),
                        csv_number(a_to_ma(lane.reaction_a_per_cm2[k])),
                        csv_number(lane.theta_surface[k]),
                        csv_number(lane.phi_e_v[k]),
                    ],
                );
            }
        }
    }
    Some(out)
}
