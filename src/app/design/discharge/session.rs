//! Everything the page holds for the discharge model between events, as
//! pure bookkeeping (the browser side only sends jobs and hands back
//! answers): which jobs to send for the design on the page, which answers
//! to keep — stale ones, for inputs that have changed since, are dropped —,
//! the last complete results shown until new ones arrive, the measured
//! curves and the user's OCP tables, and the fit.
//!
//! One discharge job is in flight at a time, so the worker never holds a
//! backlog: when the inputs change, the next job sent is the new design
//! current's, whatever is left of the old list is dropped. The design
//! current comes first (its curve follows a slider within one or two
//! discharges), then a published figure's current if a loaded preset has
//! one, then the ten currents of the rate sweep, shown once all have arrived.

use std::collections::VecDeque;

use crate::discharge::{read_ocp_csv, CellParams};
use crate::fit::discharge::DischargeParam;
use crate::units::ma_to_a;

use super::super::super::comparison::preset;
use super::super::super::inputs::In;
use super::super::super::state::State;
use super::measured::{read_measured, MeasuredFile, MAX_FILES};
use super::model::{cell, sweep_currents, Computed, Fitted, Job, OcpFile, Task, UserOcp};

/// What the results are computed for.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub cell: CellParams,
    /// The design current, A/cm².
    pub current_a_per_cm2: f64,
    /// A published figure's current (a loaded preset's) other than the design current.
    pub extra_a_per_cm2: Option<f64>,
}

/// The target of the jobs: inputs, and the query and OCP files the jobs carry.
#[derive(Debug, Clone)]
struct Target {
    inputs: Inputs,
    query: String,
    ocp: UserOcp,
}

/// The discharge jobs and their answers.
#[derive(Debug, Default)]
pub struct Runs {
    next_id: u32,
    /// Bumped whenever the target changes.
    generation: u64,
    /// The inputs of the jobs, or why the state has no cell.
    target: Option<Result<Target, String>>,
    todo: VecDeque<Task>,
    /// (id, task, generation) of the job sent and not answered.
    in_flight: Option<(u32, Task, u64)>,
    /// The latest design answer, and whether it is for the target.
    design: Option<(Result<Computed, String>, bool)>,
    /// The published figure's point for the target.
    extra: Option<Result<Computed, String>>,
    /// Sweep answers for the target so far, in sweep order.
    gathering: Vec<Option<Result<Computed, String>>>,
    /// The last complete sweep, and whether it is for the target.
    sweep: Option<(Vec<Result<Computed, String>>, bool)>,
    /// Bumped whenever what is shown changes.
    revision: u64,
}

impl Runs {
    /// Sets what to compute; true when it changed (a new list of jobs).
    fn set_target(&mut self, target: Result<Target, String>) -> bool {
        let same = match (&self.target, &target) {
            (Some(Ok(a)), Ok(b)) => a.inputs == b.inputs && a.ocp == b.ocp,
            (Some(Err(a)), Err(b)) => a == b,
            _ => false,
        };
        if same {
            return false;
        }
        self.generation += 1;
        self.revision += 1;
        self.todo.clear();
        self.extra = None;
        self.gathering = Vec::new();
        if let Some(design) = self.design.as_mut() {
            design.1 = false;
        }
        if let Some(sweep) = self.sweep.as_mut() {
            sweep.1 = false;
        }
        if let Ok(t) = &target {
            let i = t.inputs.current_a_per_cm2;
            self.todo.push_back(Task::Design {
                current_a_per_cm2: i,
            });
            if let Some(extra) = t.inputs.extra_a_per_cm2 {
                self.todo.push_back(Task::Point {
                    current_a_per_cm2: extra,
                });
            }
            let currents = sweep_currents(i);
            self.gathering = vec![None; currents.len()];
            self.todo.extend(currents.into_iter().map(|c| Task::Sweep {
                current_a_per_cm2: c,
            }));
        }
        self.target = Some(target);
        true
    }

    /// The next job to send, unless one is in flight.
    fn next_job(&mut self) -> Option<Job> {
        if self.in_flight.is_some() {
            return None;
        }
        let Some(Ok(target)) = &self.target else {
            return None;
        };
        let task = self.todo.pop_front()?;
        self.next_id = self.next_id.wrapping_add(1);
        self.in_flight = Some((self.next_id, task, self.generation));
        Some(Job {
            id: self.next_id,
            query: target.query.clone(),
            ocp: target.ocp.clone(),
            task,
            curves: Vec::new(),
            free: Vec::new(),
        })
    }

    /// The answer to job `id`; true when what is shown changed. An answer
    /// to a job of earlier inputs, or one not in flight, is dropped.
    fn answered(&mut self, id: u32, result: Result<Computed, String>) -> bool {
        let Some((sent, task, generation)) = self.in_flight else {
            return false;
        };
        if sent != id {
            return false;
        }
        self.in_flight = None;
        if generation != self.generation {
            return false;
        }
        match task {
            Task::Design { .. } => {
                if result.is_err() {
                    // The same inputs fail the same way at the other currents.
                    self.todo.clear();
                    self.gathering.clear();
                }
                self.design = Some((result, true));
            }
            Task::Point { .. } => self.extra = Some(result),
            Task::Sweep { current_a_per_cm2 } => {
                let k = sweep_currents_index(&self.target, current_a_per_cm2);
                if let Some(slot) = k.and_then(|k| self.gathering.get_mut(k)) {
                    *slot = Some(result);
                }
                if self.gathering.is_empty() || self.gathering.iter().any(Option::is_none) {
                    return false;
                }
                let done = std::mem::take(&mut self.gathering)
                    .into_iter()
                    .flatten()
                    .collect();
                self.sweep = Some((done, true));
            }
            Task::Fit => return false,
        }
        self.revision += 1;
        true
    }

    /// The worker was lost: its job goes back to the front of the list.
    fn lost(&mut self) {
        if let Some((_, task, generation)) = self.in_flight.take() {
            if generation == self.generation {
                self.todo.push_front(task);
            }
        }
    }
}

/// The index of `current` in the target's sweep.
fn sweep_currents_index(target: &Option<Result<Target, String>>, current: f64) -> Option<usize> {
    let Some(Ok(t)) = target else { return None };
    sweep_currents(t.inputs.current_a_per_cm2)
        .iter()
        .position(|&c| c == current)
}

/// The fit to measured curves: at most one in flight; its answer is kept
/// until another fit starts or the measured curves change.
#[derive(Debug, Default)]
pub struct FitRun {
    next_id: u32,
    in_flight: Option<u32>,
    result: Option<Result<Fitted, String>>,
    revision: u64,
}

/// Which side's OCP table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Cathode,
    Anode,
}

/// Everything the page holds for the discharge model between events.
#[derive(Debug, Default)]
pub struct Session {
    pub runs: Runs,
    pub fit: FitRun,
    measured: Vec<MeasuredFile>,
    ocp: UserOcp,
    /// What the last file loaded said (text, refused?).
    note: Option<(String, bool)>,
    revision: u64,
}

/// The current (A/cm²) of each published areal capacity of the preset the
/// state remembers: quantities named `capacity_<x>ma_mah_per_cm2`, with the
/// published value (mAh/cm²) and the quantity's name.
pub fn published_capacities(state: &State) -> Vec<(f64, f64, &'static str)> {
    let Some(p) = preset(state) else {
        return Vec::new();
    };
    p.published
        .iter()
        .filter_map(|q| {
            let ma = q
                .quantity
                .strip_prefix("capacity_")?
                .strip_suffix("ma_mah_per_cm2")?
                .parse::<f64>()
                .ok()?;
            Some((ma_to_a(ma), q.value, q.quantity))
        })
        .collect()
}

impl Session {
    /// Brings the jobs up to date with `state`; true when the inputs changed.
    pub fn sync(&mut self, state: &State) -> bool {
        let target = cell(state, &self.ocp)
            .map(|cell| {
                let current = ma_to_a(state.get(In::CurrentMa));
                let extra = published_capacities(state)
                    .into_iter()
                    .map(|(i, _, _)| i)
                    .find(|&i| i != current);
                Target {
                    inputs: Inputs {
                        cell,
                        current_a_per_cm2: current,
                        extra_a_per_cm2: extra,
                    },
                    query: crate::app::url::encode(state),
                    ocp: self.ocp.clone(),
                }
            })
            .map_err(|e| e.to_string());
        self.runs.set_target(target)
    }

    /// The next discharge job to send, if none is in flight.
    pub fn next_job(&mut self) -> Option<Job> {
        self.runs.next_job()
    }

    /// The answer to discharge job `id`; true when what is shown changed.
    pub fn answered(&mut self, id: u32, result: Result<Computed, String>) -> bool {
        self.runs.answered(id, result)
    }

    /// The worker was lost: its discharge job is to be sent again; a fit
    /// under way is reported as lost.
    pub fn lost(&mut self) {
        self.runs.lost();
        if let Some(id) = self.fit.in_flight {
            self.fit.answered(
                id,
                Err("the page worker stopped during the fit; fit again".into()),
            );
        }
    }

    /// True while discharge jobs remain for the current inputs.
    pub fn busy(&self) -> bool {
        self.runs.in_flight.is_some() || !self.runs.todo.is_empty()
    }

    /// A number that changes whenever anything the view shows from the
    /// session changes (for caching its plots).
    pub fn revision(&self) -> u64 {
        self.runs.revision + self.fit.revision + self.revision
    }

    /// The design answer shown, and whether it is for the current inputs.
    pub fn design(&self) -> Option<(&Result<Computed, String>, bool)> {
        self.runs.design.as_ref().map(|(r, fresh)| (r, *fresh))
    }

    /// The published figure's point, for the current inputs.
    pub fn extra(&self) -> Option<&Result<Computed, String>> {
        self.runs.extra.as_ref()
    }

    /// The last complete sweep, and whether it is for the current inputs.
    pub fn sweep(&self) -> Option<(&[Result<Computed, String>], bool)> {
        self.runs
            .sweep
            .as_ref()
            .map(|(s, fresh)| (s.as_slice(), *fresh))
    }

    /// Why the state has no discharge cell, if it has none.
    pub fn refused(&self) -> Option<&str> {
        match &self.runs.target {
            Some(Err(why)) => Some(why),
            _ => None,
        }
    }

    /// The measured files.
    pub fn measured(&self) -> &[MeasuredFile] {
        &self.measured
    }

    /// What the last file loaded said: (text, refused?).
    pub fn note(&self) -> Option<&(String, bool)> {
        self.note.as_ref()
    }

    /// Adds measured curves from `text` (file `name`; without a current
    /// column at the design current of `state`), or notes why not. A
    /// fit of the earlier curves is forgotten.
    pub fn add_measured(&mut self, state: &State, name: &str, text: &str) {
        self.revision += 1;
        match read_measured(text, name, ma_to_a(state.get(In::CurrentMa))) {
            Ok(file) => {
                let currents: Vec<String> = file
                    .curves
                    .iter()
                    .map(|c| crate::app::format::number(crate::units::a_to_ma(c.current_a_per_cm2)))
                    .collect();
                let assumed = if file.current_assumed {
                    " (no current column: taken as the design current)"
                } else {
                    ""
                };
                self.note = Some((
                    format!(
                        "Loaded {name}: {} curve(s) at {} mA/cm²{assumed}.",
                        file.curves.len(),
                        currents.join(", ")
                    ),
                    false,
                ));
                self.measured.retain(|f| f.name != file.name);
                if self.measured.len() == MAX_FILES {
                    self.measured.remove(0);
                }
                self.measured.push(file);
                self.fit.forget();
            }
            Err(e) => self.note = Some((format!("Cannot use {e}"), true)),
        }
    }

    /// Notes that file `name` could not be read, and why.
    pub fn refuse(&mut self, name: &str, why: &str) {
        self.revision += 1;
        self.note = Some((format!("Cannot use {name}: {why}"), true));
    }

    /// Forgets the measured curves and their fit.
    pub fn clear_measured(&mut self) {
        self.revision += 1;
        self.measured.clear();
        self.note = None;
        self.fit.forget();
    }

    /// Takes the user's OCP table for `side` from `text` (file `name`),
    /// or notes why not; true when it was taken.
    pub fn set_ocp(&mut self, side: Side, name: &str, text: &str) -> bool {
        self.revision += 1;
        match read_ocp_csv(text, name) {
            Ok(table) => {
                let (lo, hi) = table.range();
                self.note = Some((
                    format!(
                        "Loaded the OCP table {name}: θ from {} to {}.",
                        crate::app::format::number(lo),
                        crate::app::format::number(hi)
                    ),
                    false,
                ));
                let file = Some(OcpFile {
                    name: name.to_string(),
                    text: text.to_string(),
                });
                match side {
                    Side::Cathode => self.ocp.cathode = file,
                    Side::Anode => self.ocp.anode = file,
                }
                true
            }
            Err(e) => {
                self.note = Some((format!("Cannot use {e}"), true));
                false
            }
        }
    }

    /// The fit job for `state`'s design and the measured curves, moving
    /// `free`; Err when there is nothing to fit.
    pub fn start_fit(&mut self, state: &State, free: &[DischargeParam]) -> Result<Job, String> {
        if self.measured.is_empty() {
            return Err("load measured discharge curves first".into());
        }
        if free.is_empty() {
            return Err("tick at least one parameter to fit".into());
        }
        cell(state, &self.ocp).map_err(|e| e.to_string())?;
        let curves = self
            .measured
            .iter()
            .flat_map(|f| f.curves.iter().cloned())
            .collect();
        let id = self.fit.start();
        Ok(Job {
            id,
            query: crate::app::url::encode(state),
            ocp: self.ocp.clone(),
            task: Task::Fit,
            curves,
            free: free.to_vec(),
        })
    }

    /// The fit's answer; true when it was the fit under way.
    pub fn fit_answered(&mut self, id: u32, result: Result<Fitted, String>) -> bool {
        self.fit.answered(id, result)
    }

    /// The fit's outcome, if one arrived.
    pub fn fitted(&self) -> Option<&Result<Fitted, String>> {
        self.fit.result.as_ref()
    }

    /// Puts the fitted values into `state`: τ (as a measured τ) from the
    /// fitted σ_i,eff, D_s and i0,ref; notices say what was set or refused.
    pub fn apply_fit(&self, state: &mut State) -> Vec<String> {
        let Some(Ok(f)) = self.fitted() else {
            return vec!["no fit to use".into()];
        };
        let mut notices = Vec::new();
        let mut set = |state: &mut State, input: In, value: f64| match state.set(input, value) {
            Ok(()) => notices.push(format!(
                "{} = {} from the fit",
                input.spec().label,
                crate::app::format::number(value)
            )),
            Err(why) => notices.push(format!("not taken from the fit: {why}")),
        };
        for v in &f.fit.values {
            match v.param {
                DischargeParam::SigmaEff => {
                    set(state, In::TauMeasured, f.fit.tau);
                    state.select(crate::app::choices::TauMode::Measured);
                }
                DischargeParam::Diffusivity => set(state, In::DiffusivityCm2, v.value),
                DischargeParam::ExchangeCurrent => {
                    set(state, In::I0Ma, crate::units::a_to_ma(v.value))
                }
            }
        }
        notices
    }

    /// True while a fit is under way.
    pub fn fitting(&self) -> bool {
        self.fit.in_flight.is_some()
    }
}

impl FitRun {
    fn start(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.in_flight = Some(self.next_id);
        self.result = None;
        self.revision += 1;
        self.next_id
    }

    fn answered(&mut self, id: u32, result: Result<Fitted, String>) -> bool {
        if self.in_flight != Some(id) {
            return false;
        }
        self.in_flight = None;
        self.result = Some(result);
        self.revision += 1;
        true
    }

    fn forget(&mut self) {
        self.in_flight = None;
        self.result = None;
        self.revision += 1;
    }
}
