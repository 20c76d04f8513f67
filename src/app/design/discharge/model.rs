//! The discharge model's side of the design workspace: the state as the
//! model's cell (`crate::discharge::CellParams`), the currents of the rate
//! sweep, the jobs the page worker runs and what they return. All physics
//! is `crate::discharge`'s and `crate::fit::discharge`'s; this module
//! converts display units with [`crate::units`] and picks what to compute.

use serde::{Deserialize, Serialize};

use crate::discharge::compare::rate_point;
use crate::discharge::{
    discharge, read_ocp_csv, Anode as CellAnode, CellParams, CurvePoint, ElectrodeParams, End,
    Eq19Design, Mesh, Ocp, Profile, SolverOptions,
};
use crate::error::{Error, Result};
use crate::fit::discharge::{
    fit_discharge, DischargeFit, DischargeFitOptions, DischargeParam, MeasuredCurve,
};
use crate::materials::ocp_data::find_ocp;
use crate::numerics::grid::log_space;
use crate::physics::tortuosity::Microstructure;
use crate::units::{celsius_to_kelvin, ma_to_a, ms_to_s, um_to_cm};

use super::super::super::choices::{Anode, AnodeOcp, CathodeOcp, Ocp as OcpChoice, Separator};
use super::super::super::inputs::In;
use super::super::super::state::State;
use super::super::model::build;

/// Currents of the rate sweep.
pub const SWEEP_POINTS: usize = 10;
/// Index of the design current in the sweep.
pub const SWEEP_DESIGN: usize = 6;
/// The sweep's mesh (each electrode) and tolerance: ten currents in the
/// page's wasm within the 200 ms target for Kato et al.'s full cell; the
/// design current is computed on both meshes and the difference shown.
pub const SWEEP_MESH: Mesh = Mesh {
    cells: 10,
    shells: 8,
};
pub const SWEEP_RTOL: f64 = 1e-3;
/// Points of Eq. 19's rate curve.
pub const EQ19_POINTS: usize = 40;
/// Shares of the delivered capacity at which profiles are shown.
pub const PROFILE_SHARES: [f64; 3] = [0.25, 0.5, 0.75];
/// Profile times asked of the integrator: log-spaced shares of the slow
/// discharge's duration, from which those nearest [`PROFILE_SHARES`] of
/// the delivered capacity are kept.
const PROFILE_CANDIDATES: usize = 60;

/// The rate sweep's currents for design current `design_a_per_cm2`
/// (A/cm²): I·10^((k − 6)/6), k = 0…9, from I/10 to I·√10.
pub fn sweep_currents(design_a_per_cm2: f64) -> Vec<f64> {
    (0..SWEEP_POINTS)
        .map(|k| design_a_per_cm2 * 10f64.powf((k as f64 - SWEEP_DESIGN as f64) / 6.0))
        .collect()
}

/// The solver settings of the sweep.
pub fn sweep_options() -> SolverOptions {
    SolverOptions {
        cathode_mesh: SWEEP_MESH,
        anode_mesh: SWEEP_MESH,
        rtol: SWEEP_RTOL,
        ..SolverOptions::default()
    }
}

/// A user's OCP table as loaded: its file name and text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcpFile {
    pub name: String,
    pub text: String,
}

/// The user's OCP tables, kept beside the state (a permalink cannot carry
/// a file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserOcp {
    pub cathode: Option<OcpFile>,
    pub anode: Option<OcpFile>,
}

/// An electrode's OCP from the choice and the user's table.
fn ocp(choice: OcpChoice, file: Option<&OcpFile>, side: &str) -> Result<Ocp> {
    match choice {
        OcpChoice::Library(id) => find_ocp(id)
            .map(|c| Ocp::Fit(c.fit))
            .ok_or_else(|| Error::Inconsistent(format!("no OCP curve {id} in the library"))),
        OcpChoice::User => match file {
            Some(f) => read_ocp_csv(&f.text, &f.name).map(Ocp::Table),
            None => Err(Error::Inconsistent(format!(
                "the {side}'s OCP is your table, which is not loaded (a link cannot carry a file): load it, or pick a library curve"
            ))),
        },
    }
}

/// The discharge model's cell for the design in `state`: the composites'
/// ε, ε_AM and τ as the design workspace computes them, the discharge
/// inputs for particles, kinetics and OCPs. The cell has one σ_i(T) (the
/// cathode's SE); a composite anode keeps its own σ_i,eff through τ_a' =
/// τ_a·σ_i/σ_i,a.
pub fn cell(state: &State, user: &UserOcp) -> Result<CellParams> {
    let d = build(state)?;
    let cathode = ElectrodeParams {
        thickness_cm: um_to_cm(state.get(In::ThicknessUm)),
        microstructure: d.micro,
        active_fraction: d.cathode.active_fraction_with_voids(),
        sigma_e_eff_s_per_cm: ms_to_s(state.get(In::SigmaEMs)),
        radius_cm: um_to_cm(state.get(In::RadiusUm)),
        diffusivity_cm2_per_s: state.get(In::DiffusivityCm2),
        c_max_mol_per_cm3: state.get(In::CMaxMolL) * 1e-3,
        theta0: state.get(In::Theta0),
        i0_ref_a_per_cm2: ma_to_a(state.get(In::I0Ma)),
        ocp: ocp(
            state.choice::<CathodeOcp>().ocp(),
            user.cathode.as_ref(),
            "cathode",
        )?,
    };
    let anode = match (state.choice::<Anode>(), &d.anode) {
        (Anode::Composite, Some((_, eps_a, tau_a, _))) => {
            let comp = super::super::model::composite(
                state,
                &[
                    (
                        crate::physics::composition::Role::Active,
                        In::AnodeAmPct,
                        In::AnodeRhoAm,
                    ),
                    (
                        crate::physics::composition::Role::Electrolyte,
                        In::AnodeSePct,
                        In::AnodeRhoSe,
                    ),
                ],
                0.0,
            )?;
            CellAnode::Composite(ElectrodeParams {
                thickness_cm: um_to_cm(state.get(In::AnodeThicknessUm)),
                microstructure: Microstructure::Tortuosity {
                    epsilon: *eps_a,
                    tau: tau_a * state.get(In::SigmaIMs) / state.get(In::AnodeSigmaIMs),
                },
                active_fraction: comp.active_fraction_with_voids(),
                sigma_e_eff_s_per_cm: ms_to_s(state.get(In::AnodeSigmaEMs)),
                radius_cm: um_to_cm(state.get(In::AnodeRadiusUm)),
                diffusivity_cm2_per_s: state.get(In::AnodeDiffusivityCm2),
                c_max_mol_per_cm3: state.get(In::AnodeCMaxMolL) * 1e-3,
                theta0: state.get(In::AnodeTheta0),
                i0_ref_a_per_cm2: ma_to_a(state.get(In::AnodeI0Ma)),
                ocp: ocp(
                    state.choice::<AnodeOcp>().ocp(),
                    user.anode.as_ref(),
                    "anode",
                )?,
            })
        }
        _ => CellAnode::LiMetal,
    };
    let separator = state.choice::<Separator>();
    let cell = CellParams {
        cathode,
        anode,
        sigma_i_s_per_cm: ms_to_s(state.get(In::SigmaIMs)),
        activation_energy_ev: Some(state.get(In::ActivationEv)),
        separator_thickness_cm: match separator {
            Separator::InR0 => 0.0,
            _ => um_to_cm(state.get(In::SeparatorUm)),
        },
        separator_sigma_s_per_cm: match separator {
            Separator::Given => Some(ms_to_s(state.get(In::SeparatorSigmaMs))),
            _ => None,
        },
        r0_ohm_cm2: state.get(In::R0),
        v_cutoff_v: state.get(In::CutoffV),
        temperature_k: celsius_to_kelvin(state.get(In::TemperatureC)),
    };
    cell.validate()?;
    Ok(cell)
}

/// After an OCP was chosen for `side` (`Ch::CathodeOcp` or `Ch::AnodeOcp`):
/// its c_max from the library entry, set in `state`, and a notice saying so
/// with the source; nothing for the user's table.
pub fn ocp_chosen(state: &mut State, side: crate::app::Ch) -> Option<String> {
    let (ocp, input, name) = match side {
        crate::app::Ch::CathodeOcp => (state.choice::<CathodeOcp>().ocp(), In::CMaxMolL, "cathode"),
        crate::app::Ch::AnodeOcp => (state.choice::<AnodeOcp>().ocp(), In::AnodeCMaxMolL, "anode"),
        _ => return None,
    };
    let OcpChoice::Library(id) = ocp else {
        return None;
    };
    let curve = find_ocp(id)?;
    Some(match state.set(input, curve.c_max_mol_per_l) {
        Ok(()) => format!(
            "{} OCP: {}; c_max set to {} mol/L, as used with this fit ({})",
            name,
            curve.name,
            crate::app::format::number(curve.c_max_mol_per_l),
            curve.c_max_source
        ),
        Err(why) => format!("{name} OCP: {}; c_max kept: {why}", curve.name),
    })
}

/// After library material `id` was put into the cathode: its OCP curve (if
/// the library has one) and that curve's c_max, with a notice.
pub fn material_chosen(state: &mut State, id: &str) -> Vec<String> {
    if find_ocp(id).is_none() {
        return vec![format!(
            "the OCP library has no curve for {id}: the discharge model keeps {}",
            state.choice_name(crate::app::Ch::CathodeOcp)
        )];
    }
    match state.set_choice(crate::app::Ch::CathodeOcp, id) {
        Ok(()) => ocp_chosen(state, crate::app::Ch::CathodeOcp)
            .into_iter()
            .collect(),
        Err(why) => vec![why],
    }
}

/// After a published design was loaded (`crate::materials::presets` id
/// `id`): the discharge inputs of the full model of that cell where one is
/// built (`crate::discharge::cases`), with what it assumes.
pub fn preset_loaded(state: &mut State, id: &str) -> Vec<String> {
    if id != "kato2018" {
        return Vec::new();
    }
    let Ok(kato) = crate::discharge::cases::kato2018(600.0) else {
        return Vec::new();
    };
    let mut notices = Vec::new();
    let mut set = |state: &mut State, input: In, value: f64| {
        // Display units back from core units, without the conversions' last bits.
        if let Err(why) = state.set(input, crate::app::inputs::round_sig(value, 15)) {
            notices.push(why);
        }
    };
    let sides = [
        (
            Some(&kato.cathode),
            [
                In::RadiusUm,
                In::DiffusivityCm2,
                In::CMaxMolL,
                In::Theta0,
                In::I0Ma,
                In::SigmaEMs,
            ],
        ),
        (
            match &kato.anode {
                CellAnode::Composite(a) => Some(a),
                CellAnode::LiMetal => None,
            },
            [
                In::AnodeRadiusUm,
                In::AnodeDiffusivityCm2,
                In::AnodeCMaxMolL,
                In::AnodeTheta0,
                In::AnodeI0Ma,
                In::AnodeSigmaEMs,
            ],
        ),
    ];
    for (electrode, inputs) in sides {
        let Some(e) = electrode else { continue };
        let values = [
            crate::units::cm_to_um(e.radius_cm),
            e.diffusivity_cm2_per_s,
            e.c_max_mol_per_cm3 * 1e3,
            e.theta0,
            crate::units::a_to_ma(e.i0_ref_a_per_cm2),
            crate::units::s_to_ms(e.sigma_e_eff_s_per_cm),
        ];
        for (input, value) in inputs.into_iter().zip(values) {
            set(state, input, value);
        }
    }
    state.select(CathodeOcp::Lco);
    state.select(AnodeOcp::Graphite);
    state.select(Separator::InR0);
    notices.push(format!(
        "discharge model: the full model of this cell assumes {}",
        crate::discharge::cases::KATO_ASSUMPTIONS.join("; ")
    ));
    notices
}

/// What a job computes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Task {
    /// The design current on the default mesh, with profiles, Eq. 19's
    /// rate curve and the diagnosis.
    Design { current_a_per_cm2: f64 },
    /// Another current on the default mesh (a published figure's).
    Point { current_a_per_cm2: f64 },
    /// One current of the rate sweep, on the sweep mesh.
    Sweep { current_a_per_cm2: f64 },
    /// The fit to measured curves (`FitJob`'s).
    Fit,
}

/// A job for the page worker: the state as its URL query, the user's OCP
/// tables, what to compute, and for a fit the measured curves and the
/// parameters to move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: u32,
    pub query: String,
    pub ocp: UserOcp,
    pub task: Task,
    #[serde(default)]
    pub curves: Vec<MeasuredCurve>,
    #[serde(default)]
    pub free: Vec<DischargeParam>,
}

/// One electrode across its thickness, as the page plots it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// Cell centres from the separator, cm.
    pub x_cm: Vec<f64>,
    /// j, reaction current per particle surface, A/cm² (> 0 oxidation).
    pub reaction_a_per_cm2: Vec<f64>,
    pub theta_surface: Vec<f64>,
    /// φ_e relative to the electrode's separator face, V.
    pub phi_e_v: Vec<f64>,
}

/// Both electrodes at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub time_s: f64,
    pub capacity_c_per_cm2: f64,
    pub cathode: Lane,
    pub anode: Option<Lane>,
}

impl Snapshot {
    fn of(p: &Profile) -> Snapshot {
        let lane = |e: &crate::discharge::ElectrodeProfile| Lane {
            x_cm: e.x_cm.clone(),
            reaction_a_per_cm2: e.reaction_a_per_cm2.clone(),
            theta_surface: e.theta_surface.clone(),
            phi_e_v: e.phi_e_v.clone(),
        };
        Snapshot {
            time_s: p.time_s,
            capacity_c_per_cm2: p.capacity_c_per_cm2,
            cathode: lane(&p.cathode),
            anode: p.anode.as_ref().map(lane),
        }
    }
}

/// What the design current adds to its curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// `RatePoint::sentence`: the gap, the voltage budget, the reaction
    /// zone and the failing assumption.
    pub sentence: String,
    /// Eq. 19's q·L of the cathode, Q_eq: what an infinitely slow
    /// discharge delivers, C/cm².
    pub slow_c_per_cm2: f64,
    /// Eq. 19's rate curve for the model's design: currents (A/cm²) and
    /// capacities (C/cm²) over the sweep's span.
    pub eq19_currents_a_per_cm2: Vec<f64>,
    pub eq19_c_per_cm2: Vec<f64>,
    /// Profiles near [`PROFILE_SHARES`] of the delivered capacity, then at the end.
    pub profiles: Vec<Snapshot>,
    /// The span of the cathode's surface stoichiometry: θ0 and its extreme
    /// at the end (the OCP is evaluated over it).
    pub cathode_theta: (f64, f64),
    /// The anode's, with a composite anode.
    pub anode_theta: Option<(f64, f64)>,
}

/// One computed discharge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Computed {
    pub task: Task,
    pub current_a_per_cm2: f64,
    pub points: Vec<CurvePoint>,
    pub end: End,
    pub delivered_c_per_cm2: f64,
    /// Eq. 19 for the model's design at this current, C/cm².
    pub eq19_c_per_cm2: f64,
    pub detail: Option<Detail>,
}

/// The fit's outcome: the fitted values with their intervals and the
/// model's curves at the fitted values, one per measured current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fitted {
    pub fit: DischargeFit,
    pub curves: Vec<(f64, Vec<CurvePoint>)>,
    /// Measured points used.
    pub points: usize,
}

/// What a job returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Discharge(Computed),
    Fit(Fitted),
}

/// Runs `job`: what the page worker does with a message (and the page
/// itself without a worker).
pub fn run(job: &Job) -> Result<Answer> {
    let state = crate::app::url::decode(&job.query).0;
    let cell = cell(&state, &job.ocp)?;
    let design = Eq19Design::of(&cell)?;
    match job.task {
        Task::Design { current_a_per_cm2 } => {
            design_point(&cell, &design, current_a_per_cm2).map(Answer::Discharge)
        }
        Task::Point { current_a_per_cm2 } => one(
            &cell,
            &design,
            current_a_per_cm2,
            &SolverOptions::default(),
            job.task,
        )
        .map(Answer::Discharge),
        Task::Sweep { current_a_per_cm2 } => one(
            &cell,
            &design,
            current_a_per_cm2,
            &sweep_options(),
            job.task,
        )
        .map(Answer::Discharge),
        Task::Fit => fit(&cell, &job.curves, &job.free).map(Answer::Fit),
    }
}

fn one(
    cell: &CellParams,
    design: &Eq19Design,
    current_a_per_cm2: f64,
    options: &SolverOptions,
    task: Task,
) -> Result<Computed> {
    let d = discharge(cell, current_a_per_cm2, options, &[])?;
    Ok(Computed {
        task,
        current_a_per_cm2,
        eq19_c_per_cm2: design.capacity_c_per_cm2(current_a_per_cm2)?,
        delivered_c_per_cm2: d.delivered_c_per_cm2,
        points: d.points,
        end: d.end,
        detail: None,
    })
}

/// The design current: the curve, the profiles, the diagnosis and Eq. 19's curve.
fn design_point(cell: &CellParams, design: &Eq19Design, i: f64) -> Result<Computed> {
    let slow_s = design.full_c_per_cm2 / i;
    let times = log_space(1e-3 * slow_s, slow_s, PROFILE_CANDIDATES);
    let d = discharge(cell, i, &SolverOptions::default(), &times)?;
    let rate = rate_point(cell, design, &d)?;
    let delivered = d.delivered_c_per_cm2;
    let end = d.final_profile();
    let (before_end, _) = d.profiles.split_at(d.profiles.len() - 1);
    let mut profiles: Vec<Snapshot> = Vec::new();
    for share in PROFILE_SHARES {
        let target = share * delivered;
        let nearest = before_end.iter().min_by(|a, b| {
            (a.capacity_c_per_cm2 - target)
                .abs()
                .total_cmp(&(b.capacity_c_per_cm2 - target).abs())
        });
        if let Some(p) = nearest {
            if profiles.last().is_none_or(|q| q.time_s < p.time_s) {
                profiles.push(Snapshot::of(p));
            }
        }
    }
    profiles.push(Snapshot::of(end));
    // The surface stoichiometry's span: θ0 to its extreme at the end.
    let span = |theta0: f64, surface: &[f64]| {
        surface
            .iter()
            .fold((theta0, theta0), |(lo, hi), &t| (lo.min(t), hi.max(t)))
    };
    let cathode_theta = span(cell.cathode.theta0, &end.cathode.theta_surface);
    let anode_theta = match (&cell.anode, &end.anode) {
        (CellAnode::Composite(a), Some(e)) => Some(span(a.theta0, &e.theta_surface)),
        _ => None,
    };
    let currents = sweep_currents(i);
    let eq19_currents = log_space(currents[0], currents[SWEEP_POINTS - 1], EQ19_POINTS);
    let eq19_c: Vec<f64> = eq19_currents
        .iter()
        .map(|&c| design.capacity_c_per_cm2(c))
        .collect::<Result<_>>()?;
    Ok(Computed {
        task: Task::Design {
            current_a_per_cm2: i,
        },
        current_a_per_cm2: i,
        eq19_c_per_cm2: rate.eq19_c_per_cm2,
        delivered_c_per_cm2: delivered,
        detail: Some(Detail {
            sentence: rate.sentence(),
            slow_c_per_cm2: design.full_c_per_cm2,
            eq19_currents_a_per_cm2: eq19_currents,
            eq19_c_per_cm2: eq19_c,
            profiles,
            cathode_theta,
            anode_theta,
        }),
        points: d.points,
        end: d.end,
    })
}

/// Measured points per curve the page's fit uses at most.
pub const FIT_POINTS_PER_CURVE: usize = 200;

/// The fit of `free` to `curves` from the values in `cell`, and the model's
/// curves at the fitted values.
fn fit(cell: &CellParams, curves: &[MeasuredCurve], free: &[DischargeParam]) -> Result<Fitted> {
    let data: Vec<MeasuredCurve> = curves.iter().map(thin).collect();
    let options = DischargeFitOptions::default();
    let fit = fit_discharge(cell, &data, free, &options)?;
    let mut fitted = cell.clone();
    for v in &fit.values {
        v.param.set(&mut fitted, v.value)?;
    }
    let mut out = Vec::new();
    for curve in &data {
        let v_min = curve
            .voltage_v
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min);
        fitted.v_cutoff_v = v_min.min(cell.v_cutoff_v);
        let d = discharge(
            &fitted,
            curve.current_a_per_cm2,
            &SolverOptions::default(),
            &[],
        )?;
        out.push((curve.current_a_per_cm2, d.points));
    }
    Ok(Fitted {
        points: data.iter().map(|c| c.voltage_v.len()).sum(),
        fit,
        curves: out,
    })
}

/// At most [`FIT_POINTS_PER_CURVE`] points of `curve`, evenly spread over its rows.
pub fn thin(curve: &MeasuredCurve) -> MeasuredCurve {
    let n = curve.voltage_v.len();
    if n <= FIT_POINTS_PER_CURVE {
        return curve.clone();
    }
    let pick = |k: usize| k * (n - 1) / (FIT_POINTS_PER_CURVE - 1);
    MeasuredCurve {
        current_a_per_cm2: curve.current_a_per_cm2,
        capacity_c_per_cm2: (0..FIT_POINTS_PER_CURVE)
            .map(|k| curve.capacity_c_per_cm2[pick(k)])
            .collect(),
        voltage_v: (0..FIT_POINTS_PER_CURVE)
            .map(|k| curve.voltage_v[pick(k)])
            .collect(),
    }
}
