//! One constant-current discharge: build the discretised cell, start from
//! a consistent state, integrate with the BDF integrator until the voltage
//! reaches the cut-off (located on the dense output, not at a step end) or
//! an electrode's surface is full (or empty), and collect the curve and
//! the profiles across the thickness.

use serde::{Deserialize, Serialize};

use super::mesh::Mesh;
use super::model::{CellDae, Electrode};
use super::params::{Anode, CellParams, ElectrodeParams};
use crate::error::{require_positive, Error, Result};
use crate::numerics::roots::bisect;
use crate::numerics::{Bdf, BdfOptions, BdfStats};

/// How far from 0 or 1 the surface stoichiometry may get before the
/// discharge ends as [`End::CathodeFull`]/[`End::AnodeEmpty`].
pub const SATURATION_MARGIN: f64 = 1e-4;

/// Solver settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverOptions {
    pub cathode_mesh: Mesh,
    pub anode_mesh: Mesh,
    /// Relative tolerance of the time integration.
    pub rtol: f64,
    /// Cap on integrator steps.
    pub max_steps: usize,
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions {
            cathode_mesh: Mesh::default(),
            anode_mesh: Mesh::default(),
            rtol: 1e-4,
            max_steps: 20_000,
        }
    }
}

/// One point of a discharge curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub time_s: f64,
    /// I·t, C/cm² of electrode.
    pub capacity_c_per_cm2: f64,
    pub voltage_v: f64,
}

/// Why a discharge ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum End {
    /// The voltage reached the cut-off.
    CutOff,
    /// A cathode particle's surface became full (θ_s → 1 or the end of the OCP's range).
    CathodeFull,
    /// A composite anode particle's surface became empty.
    AnodeEmpty,
    /// The integrator could not continue; the curve is valid up to its last point.
    SolverStopped(String),
}

/// One electrode across its thickness at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectrodeProfile {
    /// Cell centres from the separator, cm.
    pub x_cm: Vec<f64>,
    /// j, reaction current per particle surface, A/cm² (> 0 oxidation).
    pub reaction_a_per_cm2: Vec<f64>,
    /// θ at the particle surface.
    pub theta_surface: Vec<f64>,
    /// θ averaged over the particle.
    pub theta_mean: Vec<f64>,
    /// φ_e, V (0 at the separator side).
    pub phi_e_v: Vec<f64>,
    /// φ_s, V.
    pub phi_s_v: Vec<f64>,
    /// η = φ_s − φ_e − U(θ_s), V.
    pub overpotential_v: Vec<f64>,
    /// U(θ_s), V.
    pub ocp_surface_v: Vec<f64>,
    /// U(θ_mean), V.
    pub ocp_mean_v: Vec<f64>,
    /// E = φ_s(L) − φ_e(0), V.
    pub potential_v: f64,
    /// The signed electrode current I_el, A/cm².
    pub current_a_per_cm2: f64,
}

/// Both electrodes at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub time_s: f64,
    pub capacity_c_per_cm2: f64,
    pub voltage_v: f64,
    pub cathode: ElectrodeProfile,
    pub anode: Option<ElectrodeProfile>,
}

/// A computed discharge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discharge {
    pub current_a_per_cm2: f64,
    /// V against time and capacity, one point per integrator step and the end.
    pub points: Vec<CurvePoint>,
    pub end: End,
    /// Capacity delivered to the end, C/cm².
    pub delivered_c_per_cm2: f64,
    /// Profiles at the requested times that were reached, then at the end.
    pub profiles: Vec<Profile>,
    #[serde(skip)]
    pub stats: BdfStats,
}

impl Discharge {
    /// The profile at the end of the discharge.
    pub fn final_profile(&self) -> &Profile {
        self.profiles
            .last()
            .expect("a discharge always has its final profile")
    }
}

/// The events a step can cross, as functions linear in y.
struct Events {
    v_cutoff: f64,
    series_ohm_cm2: f64,
    current: f64,
    /// Per electrode: the surface-stoichiometry limit and whether it is an upper one.
    limits: Vec<(f64, bool)>,
}

fn voltage(dae: &CellDae, events: &Events, y: &[f64]) -> f64 {
    let cathode = dae.electrodes[0].potential_v(y);
    let anode = dae.electrodes.get(1).map_or(0.0, |a| a.potential_v(y));
    cathode - anode - events.current * events.series_ohm_cm2
}

/// g_0 = V − V_cut, then per electrode the distance of the extreme surface θ
/// from its limit; an event fires when its g falls to ≤ 0.
fn event_values(dae: &CellDae, events: &Events, y: &[f64], out: &mut Vec<f64>) {
    out.clear();
    out.push(voltage(dae, events, y) - events.v_cutoff);
    for (e, &(limit, upper)) in dae.electrodes.iter().zip(&events.limits) {
        let g = (0..e.cells)
            .map(|k| {
                let t = e.theta_surface(y, k);
                if upper {
                    limit - t
                } else {
                    t - limit
                }
            })
            .fold(f64::INFINITY, f64::min);
        out.push(g);
    }
}

fn electrode_profile(e: &Electrode, y: &[f64]) -> ElectrodeProfile {
    let n = e.cells;
    let mut p = ElectrodeProfile {
        x_cm: Vec::with_capacity(n),
        reaction_a_per_cm2: Vec::with_capacity(n),
        theta_surface: Vec::with_capacity(n),
        theta_mean: Vec::with_capacity(n),
        phi_e_v: Vec::with_capacity(n),
        phi_s_v: Vec::with_capacity(n),
        overpotential_v: Vec::with_capacity(n),
        ocp_surface_v: Vec::with_capacity(n),
        ocp_mean_v: Vec::with_capacity(n),
        potential_v: e.potential_v(y),
        current_a_per_cm2: e.current_a_per_cm2,
    };
    for k in 0..n {
        let (j, phi_e, phi_s) = e.cell_values(y, k);
        let theta_s = e.theta_surface(y, k);
        let theta_m = e.theta_mean(y, k);
        p.x_cm.push((k as f64 + 0.5) * e.h_cm);
        p.reaction_a_per_cm2.push(j);
        p.theta_surface.push(theta_s);
        p.theta_mean.push(theta_m);
        p.phi_e_v.push(phi_e);
        p.phi_s_v.push(phi_s);
        p.overpotential_v.push(e.overpotential(y, k));
        p.ocp_surface_v.push(e.ocp.potential_v(theta_s));
        p.ocp_mean_v.push(e.ocp.potential_v(theta_m));
    }
    p
}

fn profile(dae: &CellDae, events: &Events, y: &[f64], time_s: f64) -> Profile {
    Profile {
        time_s,
        capacity_c_per_cm2: events.current * time_s,
        voltage_v: voltage(dae, events, y),
        cathode: electrode_profile(&dae.electrodes[0], y),
        anode: dae.electrodes.get(1).map(|a| electrode_profile(a, y)),
    }
}

/// The surface-stoichiometry limit of an electrode and whether it is an
/// upper limit (the electrode fills during discharge).
pub(crate) fn surface_limit(p: &ElectrodeParams, fills: bool) -> (f64, bool) {
    let (lo, hi) = p.ocp.range();
    if fills {
        ((1.0 - SATURATION_MARGIN).min(hi), true)
    } else {
        (SATURATION_MARGIN.max(lo), false)
    }
}

/// Discharges `cell` at constant current `current_a_per_cm2` (A/cm², > 0)
/// to its cut-off, recording profiles at `profile_times_s` (s) that fall
/// before the end and always at the end.
pub fn discharge(
    cell: &CellParams,
    current_a_per_cm2: f64,
    options: &SolverOptions,
    profile_times_s: &[f64],
) -> Result<Discharge> {
    cell.validate()?;
    require_positive("current_a_per_cm2", current_a_per_cm2)?;
    if !(options.rtol > 0.0 && options.rtol < 0.1) {
        return Err(Error::invalid("rtol", options.rtol, "in (0, 0.1)"));
    }
    let sigma_i = cell.sigma_i_at_temperature_s_per_cm()?;
    let t = cell.temperature_k;
    let i = current_a_per_cm2;
    let cathode = Electrode::new(&cell.cathode, options.cathode_mesh, sigma_i, t, i, 0)?;
    let mut electrodes = vec![cathode];
    let mut limits = vec![surface_limit(&cell.cathode, true)];
    // Time to fill (empty) each electrode's window at this current.
    let mut t_full = cell.cathode.capacity_to_c_per_cm2(limits[0].0) / i;
    let mut starts = vec![(cell.cathode.theta0, cell.cathode.thickness_cm)];
    if let Anode::Composite(anode) = &cell.anode {
        let offset = electrodes[0].len();
        electrodes.push(Electrode::new(
            anode,
            options.anode_mesh,
            sigma_i,
            t,
            -i,
            offset,
        )?);
        let l = surface_limit(anode, false);
        limits.push(l);
        t_full = t_full.min(anode.capacity_to_c_per_cm2(l.0) / i);
        starts.push((anode.theta0, anode.thickness_cm));
    }
    if !(t_full.is_finite() && t_full > 0.0) {
        return Err(Error::Inconsistent(
            "the electrodes hold no capacity between θ0 and their limit".into(),
        ));
    }
    let len = electrodes.iter().map(Electrode::len).sum();
    let mut dae = CellDae { electrodes, len };
    let mut y0 = vec![0.0; len];
    let mut atol = vec![0.0; len];
    for (e, &(theta0, thickness)) in dae.electrodes.iter().zip(&starts) {
        e.initial_state(theta0, thickness, &mut y0);
        let j_scale = i / (e.area_per_cm * thickness);
        e.atol(1e-7, 1e-4 * j_scale, 1e-6, &mut atol);
    }
    let events = Events {
        v_cutoff: cell.v_cutoff_v,
        series_ohm_cm2: cell.series_resistance_ohm_cm2()?,
        current: i,
        limits,
    };
    // Consistent potentials and reaction currents at t = 0 (the current is on).
    let step_tol: Vec<f64> = atol.iter().map(|a| 1e-3 * a).collect();
    Bdf::consistent_start(&mut dae, 0.0, &mut y0, 1e-9 * t_full, &step_tol, 50)?;

    let mut points = vec![CurvePoint {
        time_s: 0.0,
        capacity_c_per_cm2: 0.0,
        voltage_v: voltage(&dae, &events, &y0),
    }];
    let mut g_old = Vec::new();
    event_values(&dae, &events, &y0, &mut g_old);
    let mut wanted: Vec<f64> = profile_times_s
        .iter()
        .copied()
        .filter(|t| t.is_finite() && *t >= 0.0)
        .collect();
    wanted.sort_by(|a, b| a.total_cmp(b));
    let mut profiles = Vec::new();
    if let Some(k) = g_old.iter().position(|&g| g <= 0.0) {
        // Already at the cut-off (or full) at t = 0.
        profiles.push(profile(&dae, &events, &y0, 0.0));
        return Ok(Discharge {
            current_a_per_cm2: i,
            points,
            end: end_for(k),
            delivered_c_per_cm2: 0.0,
            profiles,
            stats: BdfStats::default(),
        });
    }
    let mut bdf_options = BdfOptions::new(len, options.rtol, 1.0);
    bdf_options.atol = atol;
    bdf_options.max_step = t_full / 40.0;
    bdf_options.max_steps = options.max_steps;
    let t_bound = 1.05 * t_full;
    let mut bdf = Bdf::new(dae, 0.0, &y0, t_bound, bdf_options)?;
    let mut y_at = vec![0.0; len];
    let mut g_new = Vec::new();
    let mut next_wanted = 0;
    let end = loop {
        if bdf.t() >= t_bound {
            break End::SolverStopped("reached the time limit without an end event".into());
        }
        if let Err(e) = bdf.step() {
            break End::SolverStopped(e.to_string());
        }
        let (t_old, t_new) = (bdf.t_old(), bdf.t());
        event_values(bdf.problem(), &events, bdf.y(), &mut g_new);
        let fired: Vec<usize> = (0..g_new.len())
            .filter(|&k| g_new[k] <= 0.0 && g_old[k] > 0.0)
            .collect();
        // The earliest event in this step, on the dense output.
        let mut event: Option<(f64, usize)> = None;
        for &k in &fired {
            let mut y_tmp = vec![0.0; len];
            let mut g_tmp = Vec::new();
            let te = bisect(
                |t| {
                    bdf.interpolate(t, &mut y_tmp);
                    event_values(bdf.problem(), &events, &y_tmp, &mut g_tmp);
                    g_tmp[k]
                },
                t_old,
                t_new,
                1e-13,
            )
            .unwrap_or(t_new);
            if event.is_none_or(|(t, _)| te < t) {
                event = Some((te, k));
            }
        }
        let t_stop = event.map_or(t_new, |(te, _)| te);
        while next_wanted < wanted.len() && wanted[next_wanted] <= t_stop {
            let tw = wanted[next_wanted].max(t_old);
            bdf.interpolate(tw, &mut y_at);
            let p = profile(bdf.problem(), &events, &y_at, tw);
            profiles.push(p);
            next_wanted += 1;
        }
        if let Some((te, k)) = event {
            bdf.interpolate(te, &mut y_at);
            let v = voltage(bdf.problem(), &events, &y_at);
            // At a cut-off event the voltage is the cut-off, to rounding.
            let v = if k == 0 { events.v_cutoff } else { v };
            points.push(CurvePoint {
                time_s: te,
                capacity_c_per_cm2: i * te,
                voltage_v: v,
            });
            let p = profile(bdf.problem(), &events, &y_at, te);
            profiles.push(p);
            break end_for(k);
        }
        points.push(CurvePoint {
            time_s: t_new,
            capacity_c_per_cm2: i * t_new,
            voltage_v: voltage(bdf.problem(), &events, bdf.y()),
        });
        std::mem::swap(&mut g_old, &mut g_new);
    };
    if !matches!(end, End::CutOff | End::CathodeFull | End::AnodeEmpty) {
        profiles.push(profile(bdf.problem(), &events, bdf.y(), bdf.t()));
    }
    let last = points.last().map_or(0.0, |p| p.capacity_c_per_cm2);
    Ok(Discharge {
        current_a_per_cm2: i,
        points,
        end,
        delivered_c_per_cm2: last,
        profiles,
        stats: bdf.stats(),
    })
}

fn end_for(event: usize) -> End {
    match event {
        0 => End::CutOff,
        1 => End::CathodeFull,
        _ => End::AnodeEmpty,
    }
}

#[cfg(test)]
pub(crate) mod tests;
