//! The discharge model's browser side: sends the jobs of
//! `crate::app::design::discharge::session` to the page worker (or runs
//! answers that none can run them), hands the answers back, reads measured
//! curves and OCP tables (picked, dropped or pasted), and adds the model to
//! the design view. The design view without it is kept for the state it was
//! built from, so an answer that arrives redraws only the model's part.

use web_sys::Worker;

use super::dom::{find, input, set_hidden, set_text};
use crate::app::choices::{AnodeOcp, CathodeOcp};
use crate::app::design::data::Measured;
use crate::app::design::discharge::model::{Answer, Job};
use crate::app::design::discharge::rows::{curves_csv_text, profiles_csv_text};
use crate::app::design::discharge::session::{Session, Side};
use crate::app::design::discharge::view::{extend, PlotCache};
use crate::app::view::View;
use crate::app::State;
use crate::fit::discharge::DischargeParam;

/// What a file picked for the discharge model is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Measured,
    Ocp(Side),
}

/// The ids of the file inputs and what each takes.
pub const FILE_INPUTS: [(&str, FileKind); 3] = [
    ("dis-file", FileKind::Measured),
    ("dis-ocp-file", FileKind::Ocp(Side::Cathode)),
    ("dis-aocp-file", FileKind::Ocp(Side::Anode)),
];

/// Times of the last change of inputs, for the page benchmark (ms since
/// the page started): the change, the design answer, the complete sweep.
#[derive(Default)]
struct Timing {
    changed: f64,
    design: Option<f64>,
    sweep: Option<f64>,
    /// Worker time summed over the answers since the change.
    worker_ms: f64,
}

/// Everything the discharge model holds on the page.
#[derive(Default)]
pub struct Discharge {
    session: Session,
    cache: PlotCache,
    /// The design view without the model, and the state and measured points
    /// it is for.
    base: Option<(State, Measured, View)>,
    /// Jobs go out only once the page is ready (start-up stays light).
    pub ready: bool,
    timing: Timing,
    /// The controls as last shown.
    shown: Option<Shown>,
}

/// What the discharge model's controls show: the OCP choices (their file
/// pickers), the note about the last file (and whether it is bad), a fit
/// under way, a fit to use.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    cathode: CathodeOcp,
    anode: AnodeOcp,
    note: Option<(String, bool)>,
    fitting: bool,
    fitted: bool,
}

impl Discharge {
    /// The design view of `state` and the user's `measured` points with the
    /// discharge model's part.
    pub fn view(&mut self, state: &State, measured: &Measured) -> View {
        if self.session.sync(state) {
            self.timing = Timing {
                changed: super::render::now_ms(),
                ..Timing::default()
            };
        }
        let base = match &self.base {
            Some((s, m, v)) if s == state && m == measured => v.clone(),
            _ => {
                let v = crate::app::design::view::view(state, measured);
                self.base = Some((state.clone(), measured.clone(), v.clone()));
                v
            }
        };
        let mut view = base;
        extend(state, &self.session, &mut self.cache, &mut view);
        self.show_controls(state);
        view
    }

    /// The next discharge job: sent to `worker` (None returned), or
    /// returned when there is no worker to run it.
    pub fn next(&mut self, worker: Option<&Worker>) -> Option<Job> {
        if !self.ready {
            return None;
        }
        let Some(job) = self.session.next_job() else {
            // Nothing to send: a state the model refuses is settled too.
            if self.session.refused().is_some() && !self.session.busy() {
                mark_busy(false);
            }
            return None;
        };
        mark_busy(true);
        if let Some(worker) = worker {
            if crate::worker::send_discharge(worker, "discharge", &job).is_ok() {
                return None;
            }
        }
        Some(job)
    }

    /// A discharge answer (`ms`: the worker's time); true when the view changed.
    pub fn answered(&mut self, id: u32, result: Result<Answer, String>, ms: f64) -> bool {
        let result = result.and_then(|a| match a {
            Answer::Discharge(c) => Ok(c),
            Answer::Fit(_) => Err("the worker answered a discharge with a fit".into()),
        });
        let design = matches!(&result, Ok(c) if c.detail.is_some());
        let changed = self.session.answered(id, result);
        if changed {
            self.timing.worker_ms += ms;
            let at = super::render::now_ms() - self.timing.changed;
            if design {
                self.timing.design = Some(at);
            } else if self.session.sweep().is_some_and(|(_, fresh)| fresh) {
                self.timing.sweep = Some(at);
            }
        } else {
            self.timing.worker_ms += ms;
        }
        if !self.session.busy() {
            mark_busy(false);
            self.write_timing();
        }
        changed
    }

    /// The fit's answer; true when it was the fit under way.
    pub fn fit_answered(&mut self, id: u32, result: Result<Answer, String>) -> bool {
        let result = result.and_then(|a| match a {
            Answer::Fit(f) => Ok(f),
            Answer::Discharge(_) => Err("the worker answered a fit with a discharge".into()),
        });
        self.session.fit_answered(id, result)
    }

    /// The worker was lost: its discharge job is to be sent again.
    pub fn lost(&mut self) {
        self.session.lost();
    }

    /// Starts the fit: sent to `worker`, or returned when there is none;
    /// Err says why there is nothing to fit.
    pub fn start_fit(
        &mut self,
        state: &State,
        worker: Option<&Worker>,
    ) -> Result<Option<Job>, String> {
        let free: Vec<DischargeParam> = [
            ("dis-fit-sigma", DischargeParam::SigmaEff),
            ("dis-fit-ds", DischargeParam::Diffusivity),
            ("dis-fit-i0", DischargeParam::ExchangeCurrent),
        ]
        .into_iter()
        .filter(|(id, _)| input(id).is_some_and(|i| i.checked()))
        .map(|(_, p)| p)
        .collect();
        let job = self.session.start_fit(state, &free)?;
        if let Some(worker) = worker {
            if crate::worker::send_discharge(worker, "fit-discharge", &job).is_ok() {
                return Ok(None);
            }
        }
        Ok(Some(job))
    }

    /// Puts the fitted values into `state`; the notices.
    pub fn apply_fit(&self, state: &mut State) -> Vec<String> {
        self.session.apply_fit(state)
    }

    /// Takes a file's text, or notes why it could not be read.
    pub fn take_text(
        &mut self,
        state: &State,
        kind: FileKind,
        name: &str,
        text: Result<String, String>,
    ) {
        match (kind, text) {
            (_, Err(why)) => self.session.refuse(name, &why),
            (FileKind::Measured, Ok(text)) => self.session.add_measured(state, name, &text),
            (FileKind::Ocp(side), Ok(text)) => {
                self.session.set_ocp(side, name, &text);
            }
        }
    }

    /// Forgets the measured curves and their fit.
    pub fn clear_measured(&mut self) {
        self.session.clear_measured();
    }

    /// The curves (`curves`) or profiles CSV, if there is one.
    pub fn csv(&self, which: &str) -> Option<String> {
        match which {
            "curves" => curves_csv_text(&self.session),
            _ => profiles_csv_text(&self.session),
        }
    }

    /// The OCP file pickers (shown with the user's table chosen), the note
    /// about the last file, and the fit's buttons.
    fn show_controls(&mut self, state: &State) {
        let now = Shown {
            cathode: state.choice::<CathodeOcp>(),
            anode: state.choice::<AnodeOcp>(),
            note: self.session.note().cloned(),
            fitting: self.session.fitting(),
            fitted: matches!(self.session.fitted(), Some(Ok(_))),
        };
        if self.shown.as_ref() == Some(&now) {
            return;
        }
        for (id, hidden) in [
            ("dis-ocp-row", now.cathode != CathodeOcp::User),
            ("dis-aocp-row", now.anode != AnodeOcp::User),
            ("dis-use-fit", !now.fitted),
        ] {
            if let Some(e) = find(id) {
                set_hidden(&e, hidden);
            }
        }
        if let Some(button) = find("dis-fit") {
            let _ = if now.fitting {
                button.set_attribute("disabled", "")
            } else {
                button.remove_attribute("disabled")
            };
        }
        if let Some(status) = find("dis-status") {
            let (text, bad) = now.note.clone().unwrap_or_default();
            set_text(&status, &text);
            let _ = if bad {
                status.class_list().add_1("bad")
            } else {
                status.class_list().remove_1("bad")
            };
        }
        self.shown = Some(now);
    }

    /// `body[data-discharge-timing]`: ms from the last change of inputs to
    /// the design current's curve and to the complete sweep, and the
    /// worker's time over the answers (the page benchmark reads it).
    fn write_timing(&self) {
        let t = &self.timing;
        let text = format!(
            "{:.1} {:.1} {:.1}",
            t.design.unwrap_or(-1.0),
            t.sweep.unwrap_or(-1.0),
            t.worker_ms
        );
        if let Some(body) = super::dom::document().ok().and_then(|d| d.body()) {
            let _ = body.set_attribute("data-discharge-timing", &text);
        }
    }
}

/// `body[data-discharge]`: `busy` while jobs remain, else `idle` (tests wait on it).
fn mark_busy(busy: bool) {
    if let Some(body) = super::dom::document().ok().and_then(|d| d.body()) {
        let value = if busy { "busy" } else { "idle" };
        if body.get_attribute("data-discharge").as_deref() != Some(value) {
            let _ = body.set_attribute("data-discharge", value);
        }
    }
}
