//! What the page holds of the microstructure workspace between events: the
//! volume shown (its codes, for the slices and for later jobs), the results
//! as the worker sends them, the sweep's points, the job under way. Pure:
//! `crate::web::micro` feeds it the worker's events.

use crate::micro::generate::Recipe;

use super::model::{Event, MetricsSummary, PhaseRow, Step, SweepPoint, Task, VolumeMeta};

/// A job under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Busy {
    pub id: u32,
    pub task: Task,
    /// The last progress reported.
    pub step: Option<Step>,
}

/// The workspace's results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    /// The volume shown and its codes.
    pub volume: Option<(VolumeMeta, Vec<u8>)>,
    /// The recipe the volume was generated from (None for a file).
    pub recipe: Option<Recipe>,
    pub rows: Vec<PhaseRow>,
    pub metrics: Option<MetricsSummary>,
    /// The sweep's points and the recipe it varied.
    pub points: Vec<SweepPoint>,
    pub sweep_of: Option<Recipe>,
    pub busy: Option<Busy>,
    /// Why the last job failed or stopped.
    pub error: Option<String>,
    /// The last job id handed out.
    last_id: u32,
}

/// What an event asks of the page besides showing it.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    /// A new volume: draw its slices.
    Slices,
    /// A file to download: its name and bytes.
    Download(String, Vec<u8>),
    /// The simulated spectrum, for the impedance workspace.
    Spectrum(super::model::SimulatedSpectrum),
}

impl Session {
    /// Starts a job of `task`: its id. A run forgets the results shown (and
    /// the volume, unless it is the one the run solves again: `keep_volume`);
    /// a sweep forgets the last sweep.
    pub fn start(&mut self, task: Task, recipe: Option<Recipe>, keep_volume: bool) -> u32 {
        self.last_id += 1;
        self.error = None;
        match task {
            Task::Run => {
                self.rows.clear();
                self.metrics = None;
                if !keep_volume {
                    self.volume = None;
                    self.recipe = recipe;
                }
            }
            Task::Sweep => {
                self.points.clear();
                self.sweep_of = recipe;
            }
            Task::Impedance | Task::Tiff => {}
        }
        self.busy = Some(Busy {
            id: self.last_id,
            task,
            step: None,
        });
        self.last_id
    }

    /// The job under way was cancelled (its worker stopped): what arrived
    /// stays, the rest is not computed.
    pub fn cancel(&mut self, why: &str) {
        if self.busy.take().is_some() {
            self.error = Some(why.to_string());
        }
    }

    /// Takes the worker's `event` for job `id` (with its `bytes`); events of
    /// any other job (one cancelled) are ignored.
    pub fn apply(&mut self, id: u32, event: Event, bytes: Vec<u8>) -> Effect {
        let Some(busy) = self.busy.as_mut().filter(|b| b.id == id) else {
            return Effect::None;
        };
        match event {
            Event::Progress(step) => busy.step = Some(step),
            Event::Volume(meta) => {
                if meta.voxels() == bytes.len() {
                    self.volume = Some((meta, bytes));
                    return Effect::Slices;
                }
                self.error = Some("the worker sent a volume of the wrong size".into());
            }
            Event::Row(row) => {
                self.rows
                    .retain(|r| (r.label, r.axis) != (row.label, row.axis));
                self.rows.push(row);
            }
            Event::Metrics(m) => self.metrics = Some(m),
            Event::Point(p) => self.points.push(p),
            Event::Spectrum(s) => return Effect::Spectrum(s),
            Event::Tiff(name) => return Effect::Download(name, bytes),
            Event::Done => self.busy = None,
            Event::Error(why) => {
                self.busy = None;
                self.error = Some(why);
            }
        }
        Effect::None
    }

    /// True when nothing has been computed or asked for yet.
    pub fn is_fresh(&self) -> bool {
        self.volume.is_none() && self.busy.is_none() && self.error.is_none() && self.last_id == 0
    }

    /// The task under way, if any.
    pub fn task(&self) -> Option<Task> {
        self.busy.as_ref().map(|b| b.task)
    }

    /// The row of `label` along `axis`, if it has arrived.
    pub fn row(&self, label: u16, axis: usize) -> Option<&PhaseRow> {
        self.rows
            .iter()
            .find(|r| r.label == label && r.axis == axis)
    }
}

#[cfg(test)]
mod tests;
