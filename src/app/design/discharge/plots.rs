//! The discharge model's plots: voltage against capacity at the design
//! current and three others of the sweep, with measured curves and the
//! fit's; the rate capability of the full model beside Eq. 19's for the
//! same design, the gap shaded; and profiles across the thickness (reaction
//! current density, θ at the particle surface, φ_e) at the design current.
//! Core units in, display units (mA/cm², mAh/cm², µm) out.

use crate::discharge::End;
use crate::plot::{Axis, Band, Figure, MarkedPoint, Marker, RefLine, RefPos, Series, Style};
use crate::units::{a_to_ma, cm_to_um, coulomb_to_mah};

use super::super::super::comparison::preset;
use super::super::super::format::{number, with_unit};
use super::super::super::inputs::In;
use super::super::super::state::State;
use super::super::super::view::{plot_view, PlotView};
use super::model::{Computed, Lane, Snapshot};
use super::session::{published_capacities, Session};

/// Sweep indices whose curves are drawn beside the design current's.
const OTHER_CURVES: [usize; 3] = [0, 3, 9];
/// Most measured points drawn per curve.
const MEASURED_POINTS: usize = 300;

/// A curve's legend: its current, and how it ended when not at the cut-off.
fn curve_label(c: &Computed, what: &str) -> String {
    let i = with_unit(a_to_ma(c.current_a_per_cm2), "mA/cm²");
    match &c.end {
        End::CutOff => format!("{i}{what}"),
        End::SolverStopped(_) => format!("{i}{what} (solver stopped)"),
        End::CathodeFull => format!("{i}{what} (cathode full)"),
        End::AnodeEmpty => format!("{i}{what} (anode empty)"),
    }
}

fn voltage_series(c: &Computed, label: String, color: usize) -> Series {
    let (x, y) = c
        .points
        .iter()
        .map(|p| (coulomb_to_mah(p.capacity_c_per_cm2), p.voltage_v))
        .unzip();
    Series::new(label, x, y, Style::Line { dashed: false }).color(color)
}

/// Voltage against capacity.
fn discharge_figure(state: &State, s: &Session) -> crate::Result<Figure> {
    let mut fig =
        Figure::new("", Axis::linear("Q / (mAh/cm²)"), Axis::linear("V / V")).with_id("discharge");
    let design = match s.design() {
        Some((Ok(c), _)) => Some(c),
        Some((Err(why), _)) if s.measured().is_empty() => {
            return Err(crate::Error::Numerical(why.clone()))
        }
        _ => None,
    };
    if let Some(c) = design {
        fig.series
            .push(voltage_series(c, curve_label(c, ", design"), 0));
        if let Some((sweep, true)) = s.sweep() {
            for (n, &k) in OTHER_CURVES.iter().enumerate() {
                if let Some(Ok(other)) = sweep.get(k) {
                    fig.series
                        .push(voltage_series(other, curve_label(other, ""), n + 1));
                }
            }
        }
        fig.ref_lines.push(RefLine {
            label: "Eq. 19 at the design current".into(),
            pos: RefPos::Vertical(coulomb_to_mah(c.eq19_c_per_cm2)),
        });
    }
    let mut color = OTHER_CURVES.len() + 1;
    for file in s.measured() {
        for curve in &file.curves {
            let n = curve.voltage_v.len();
            let step = n.div_ceil(MEASURED_POINTS).max(1);
            let (x, y) = (0..n)
                .step_by(step)
                .map(|k| {
                    (
                        coulomb_to_mah(curve.capacity_c_per_cm2[k]),
                        curve.voltage_v[k],
                    )
                })
                .unzip();
            let label = format!(
                "measured {}, {}",
                file.name,
                with_unit(a_to_ma(curve.current_a_per_cm2), "mA/cm²")
            );
            fig.series
                .push(Series::new(label, x, y, Style::Markers(Marker::Circle)).color(color));
            if let Some(Ok(f)) = s.fitted() {
                if let Some((_, points)) =
                    f.curves.iter().find(|(i, _)| *i == curve.current_a_per_cm2)
                {
                    let (x, y) = points
                        .iter()
                        .map(|p| (coulomb_to_mah(p.capacity_c_per_cm2), p.voltage_v))
                        .unzip();
                    let label = format!(
                        "fit, {}",
                        with_unit(a_to_ma(curve.current_a_per_cm2), "mA/cm²")
                    );
                    fig.series
                        .push(Series::new(label, x, y, Style::Line { dashed: true }).color(color));
                }
            }
            color += 1;
        }
    }
    if fig.series.is_empty() {
        return Err(crate::Error::Numerical(
            "computing the discharge curves".into(),
        ));
    }
    fig.ref_lines.push(RefLine {
        label: "cut-off".into(),
        pos: RefPos::Horizontal(state.get(In::CutoffV)),
    });
    Ok(fig)
}

/// Capacity against current: the full model (the last complete sweep) and
/// Eq. 19 for the same design, the gap between them shaded.
fn rate_figure(state: &State, s: &Session) -> crate::Result<Figure> {
    let Some((sweep, fresh)) = s.sweep() else {
        return Err(crate::Error::Numerical("computing the rate sweep".into()));
    };
    let done: Vec<&Computed> = sweep.iter().filter_map(|r| r.as_ref().ok()).collect();
    if done.len() < 2 {
        return Err(crate::Error::Numerical(
            "the full model ran at fewer than two of the sweep's currents".into(),
        ));
    }
    let mut fig =
        Figure::new("", Axis::log("i / (mA/cm²)"), Axis::linear("C / (mAh/cm²)")).with_id("rate");
    let x: Vec<f64> = done.iter().map(|c| a_to_ma(c.current_a_per_cm2)).collect();
    let model: Vec<f64> = done
        .iter()
        .map(|c| coulomb_to_mah(c.delivered_c_per_cm2))
        .collect();
    let eq19: Vec<f64> = done
        .iter()
        .map(|c| coulomb_to_mah(c.eq19_c_per_cm2))
        .collect();
    fig.bands.push(Band {
        name: "gap".into(),
        x: x.clone(),
        lo: model.iter().zip(&eq19).map(|(a, b)| a.min(*b)).collect(),
        hi: model.iter().zip(&eq19).map(|(a, b)| a.max(*b)).collect(),
        color: 1,
    });
    let label = if fresh {
        "full model"
    } else {
        "full model (previous inputs; updating)"
    };
    fig.series.push(
        Series::new(
            label,
            x.clone(),
            model.clone(),
            Style::LineMarkers(Marker::Dot),
        )
        .color(0),
    );
    if let Some((Ok(design), _)) = s.design() {
        if let Some(detail) = &design.detail {
            let x = detail
                .eq19_currents_a_per_cm2
                .iter()
                .map(|&i| a_to_ma(i))
                .collect();
            let y = detail
                .eq19_c_per_cm2
                .iter()
                .map(|&c| coulomb_to_mah(c))
                .collect();
            fig.series.push(
                Series::new("Eq. 19, same design", x, y, Style::Line { dashed: true }).color(1),
            );
        }
        fig.marks.push(MarkedPoint {
            label: "design".into(),
            x: a_to_ma(design.current_a_per_cm2),
            y: coulomb_to_mah(design.delivered_c_per_cm2),
        });
    }
    let (stopped_x, stopped_y): (Vec<f64>, Vec<f64>) = done
        .iter()
        .filter(|c| matches!(c.end, End::SolverStopped(_)))
        .map(|c| {
            (
                a_to_ma(c.current_a_per_cm2),
                coulomb_to_mah(c.delivered_c_per_cm2),
            )
        })
        .unzip();
    if !stopped_x.is_empty() {
        fig.series.push(
            Series::new(
                "solver stopped (lower bound)",
                stopped_x,
                stopped_y,
                Style::Markers(Marker::Cross),
            )
            .color(6),
        );
    }
    let published = published_capacities(state);
    if let (Some(p), false) = (preset(state), published.is_empty()) {
        let (x, y) = published
            .iter()
            .map(|&(i, value, _)| (a_to_ma(i), value))
            .unzip();
        let label = format!("published ({})", p.name.split(':').next().unwrap_or(p.name));
        fig.series
            .push(Series::new(label, x, y, Style::Markers(Marker::Square)).color(2));
    }
    let top = fig
        .series
        .iter()
        .flat_map(|s| s.y.iter().copied())
        .chain(eq19)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    if top > 0.0 {
        fig.y.range = Some((0.0, 1.08 * top));
    }
    Ok(fig)
}

/// A duration for people.
fn duration(t_s: f64) -> String {
    if t_s < 120.0 {
        with_unit(t_s, "s")
    } else if t_s < 7200.0 {
        with_unit(t_s / 60.0, "min")
    } else {
        with_unit(t_s / 3600.0, "h")
    }
}

/// One profile figure: `value` of each lane against the depth from the
/// separator (the cathode at positive depths, a composite anode at negative).
fn profile_figure(
    s: &Session,
    id: &'static str,
    y_label: &str,
    value: fn(&Lane, usize) -> f64,
) -> crate::Result<Figure> {
    let Some((Ok(design), _)) = s.design() else {
        return Err(crate::Error::Numerical("computing the profiles".into()));
    };
    let Some(detail) = &design.detail else {
        return Err(crate::Error::Numerical("no profiles".into()));
    };
    let mut fig = Figure::new(
        "",
        Axis::linear("depth from the separator / µm"),
        Axis::linear(y_label),
    )
    .with_id(id);
    let delivered = design.delivered_c_per_cm2;
    let last = detail.profiles.len().saturating_sub(1);
    for (k, p) in detail.profiles.iter().enumerate() {
        let share = if delivered > 0.0 {
            100.0 * p.capacity_c_per_cm2 / delivered
        } else {
            0.0
        };
        let label = format!(
            "{} ({} %{}), t = {}",
            with_unit(coulomb_to_mah(p.capacity_c_per_cm2), "mAh/cm²"),
            number(share.round()),
            if k == last { ", end" } else { "" },
            duration(p.time_s)
        );
        let lane_series = |lane: &Lane, sign: f64, label: String| {
            let x = lane.x_cm.iter().map(|&x| sign * cm_to_um(x)).collect();
            let y = (0..lane.x_cm.len()).map(|j| value(lane, j)).collect();
            Series::new(label, x, y, Style::LineMarkers(Marker::Dot)).color(k)
        };
        fig.series.push(lane_series(&p.cathode, 1.0, label));
        if let Some(anode) = &p.anode {
            fig.series.push(lane_series(anode, -1.0, String::new()));
        }
    }
    if detail.profiles.iter().any(|p: &Snapshot| p.anode.is_some()) {
        fig.ref_lines.push(RefLine {
            label: "anode | cathode".into(),
            pos: RefPos::Vertical(0.0),
        });
    }
    Ok(fig)
}

/// Every discharge plot.
pub fn plots(state: &State, s: &Session) -> Vec<PlotView> {
    vec![
        plot_view("discharge", discharge_figure(state, s)),
        plot_view("rate", rate_figure(state, s)),
        plot_view(
            "profile-j",
            profile_figure(
                s,
                "profile-j",
                "j / (mA/cm² of particle surface)",
                |l, k| a_to_ma(l.reaction_a_per_cm2[k]),
            ),
        ),
        plot_view(
            "profile-theta",
            profile_figure(s, "profile-theta", "θ at the particle surface", |l, k| {
                l.theta_surface[k]
            }),
        ),
        plot_view(
            "profile-phie",
            profile_figure(
                s,
                "profile-phie",
                "φ_e − φ_e(separator face) / V",
                |l, k| l.phi_e_v[k],
            ),
        ),
    ]
}
