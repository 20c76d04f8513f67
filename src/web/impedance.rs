//! The impedance workspace's browser side: the loaded spectra, reading
//! files and fitting them in the page worker (`crate::worker`; without one
//! they fail with a message, the page's wasm holds no fitting code); the progress while a file is read or a batch is
//! fitted, the results table. Its state is part of the page's `App`; the
//! batch's bookkeeping is `crate::app::impedance::queue`'s.

use wasm_bindgen::prelude::*;
use web_sys::{File, Worker};

use super::dom::{create, create_text, find, set_hidden};
use crate::app::batch::{batch_table, BatchTable};
use crate::app::choices::ZMode;
use crate::app::impedance::drt::{DrtAnswer, Panel};
use crate::app::impedance::export::RangeHz;
use crate::app::impedance::model::{Loaded, Outcome};
use crate::app::impedance::queue::{FitQueue, Job};
use crate::app::impedance::series::{self, Temperatures};
use crate::app::State;
use crate::spectrum::Spectrum;

/// Most spectra kept at once.
pub const MAX_SPECTRA: usize = 50;

/// The page worker, started on first use.
#[derive(Default)]
enum Link {
    #[default]
    Untried,
    Up {
        worker: Worker,
        /// Files sent and not answered yet.
        reads: Vec<(u32, File)>,
    },
    Down,
}

/// Everything the impedance workspace holds between events.
#[derive(Default)]
pub struct Impedance {
    pub loaded: Vec<Loaded>,
    pub selected: usize,
    pub queue: FitQueue,
    link: Link,
    /// The worker's warm-up has been asked for ([`Impedance::warm_up_due`]).
    warm_asked: bool,
    /// Files being read. Their sizes are asked for only when shown: each
    /// `File::size` of a picked file is a synchronous call to the browser
    /// (0.2–0.4 ms; 50 files held the change event for 10–20 ms).
    reading: Vec<File>,
    /// The last file refused since files were last picked.
    error: Option<String>,
    /// Spectra left out because [`MAX_SPECTRA`] were loaded.
    left_out: usize,
    /// Spectra not added again (already loaded) since files were last picked.
    duplicates: usize,
    /// The table as last written.
    table: Option<BatchTable>,
    /// The circuit builder (`zmodel=circuit`) and its worker requests.
    pub circuit: super::circuit::CircuitUi,
    /// The DRT panel: asked for and arrived.
    pub drt: Panel,
    /// The temperatures typed for the series.
    pub temperatures: Temperatures,
    /// The series jobs and answer, and the table as last written ([`super::series::write`]).
    pub series: series::Panel,
    pub series_shown: Option<super::series::Shown>,
    /// The frequency range last applied to each spectrum, by (file, index):
    /// the export says which masked points it left out.
    ranges: Vec<((String, usize), RangeHz)>,
}

/// How a fit job is to run.
pub enum Run {
    /// Sent to the worker.
    InWorker,
    /// No worker to run it: answered as failed in a timer tick of its own.
    OnPage(u32),
}

impl Impedance {
    /// The impedance view for `state` and the loaded spectra.
    pub fn view(&self, state: &State) -> crate::app::view::View {
        let mut view = crate::app::impedance::view::view(state, &self.loaded, self.selected);
        view.batch = self.table(state);
        if state.choice::<ZMode>() == ZMode::Fit && !self.loaded.is_empty() {
            if let Some(item) = self.shown() {
                crate::app::impedance::drt::add_to_view(&mut view, item, &self.drt);
            }
            if let (true, Some(Ok(answer))) = (self.loaded.len() > 1, self.series.answer()) {
                view.plots.extend(answer.plot());
            }
        }
        view
    }

    /// The results table of the loaded spectra (fit mode).
    pub fn table(&self, state: &State) -> Option<BatchTable> {
        (state.choice::<ZMode>() == ZMode::Fit && !self.loaded.is_empty())
            .then(|| batch_table(state, &self.loaded, self.selected))
    }

    /// True the first time it is asked: the caller then warms the worker's
    /// fit code up (starting the worker if need be) ahead of the first file.
    pub fn warm_up_due(&mut self) -> bool {
        !matches!(self.link, Link::Down) && !std::mem::replace(&mut self.warm_asked, true)
    }

    /// The worker, started by `start` on first use; None if there is none.
    pub fn worker(&mut self, start: impl FnOnce() -> Result<Worker, JsValue>) -> Option<Worker> {
        if matches!(self.link, Link::Untried) {
            self.link = match start() {
                Ok(worker) => Link::Up {
                    worker,
                    reads: Vec::new(),
                },
                Err(e) => {
                    super::dom::log_error(&format!("no worker, working on the page: {e:?}"));
                    Link::Down
                }
            };
        }
        match &self.link {
            Link::Up { worker, .. } => Some(worker.clone()),
            _ => None,
        }
    }

    /// Sends `file` to the worker to be read; false if there is none (the
    /// caller reads it on the page).
    pub fn send_read(&mut self, worker: Option<Worker>, file: &File) -> bool {
        let Some(worker) = worker else { return false };
        let id = self.queue.next_id();
        if crate::worker::send_read(&worker, id, file).is_err() {
            return false;
        }
        if let Link::Up { reads, .. } = &mut self.link {
            reads.push((id, file.clone()));
        }
        true
    }

    /// Files picked, to be read: each is being read from now on, until
    /// answered ([`Impedance::read_answered`]) or refused
    /// ([`Impedance::read_refused`]).
    pub fn expect_reads(&mut self, files: &[File]) {
        self.reading.extend_from_slice(files);
    }

    /// True while files are being read.
    pub fn reading(&self) -> bool {
        !self.reading.is_empty()
    }

    /// A file picked or dropped: a previous refusal is forgotten.
    pub fn files_picked(&mut self) {
        self.error = None;
        self.duplicates = 0;
    }

    /// The worker has answered read `id` of file `name`.
    pub fn read_answered(&mut self, id: u32, name: &str) {
        if let Link::Up { reads, .. } = &mut self.link {
            reads.retain(|(k, _)| *k != id);
        }
        self.read_refused(name);
    }

    /// File `name` will not be read by the worker.
    pub fn read_refused(&mut self, name: &str) {
        if let Some(k) = self.reading.iter().position(|f| f.name() == name) {
            self.reading.remove(k);
        }
    }

    /// Gives up on the worker: the files it was reading (to read again on
    /// the page); its fit goes back into the queue.
    pub fn worker_lost(&mut self, why: &str) -> Vec<File> {
        match std::mem::replace(&mut self.link, Link::Down) {
            Link::Up { worker, reads } => {
                worker.terminate();
                super::dom::log_error(&format!("{why}; working on the page instead"));
                self.reading.clear();
                self.queue.requeue();
                self.drt.lost(why);
                reads.into_iter().map(|(_, f)| f).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Adds one file's spectra (or shows why it was refused) and queues
    /// their fits; true when fits were queued.
    pub fn add_spectra(&mut self, name: &str, result: Result<Vec<Spectrum>, String>) -> bool {
        let added = match result {
            Ok(spectra) => {
                let count = spectra.len();
                let first_new = self.loaded.len();
                let mut duplicates = 0;
                for (k, spectrum) in spectra.into_iter().enumerate() {
                    if self
                        .loaded
                        .iter()
                        .any(|l| l.file == name && l.spectrum == spectrum)
                    {
                        duplicates += 1;
                        self.duplicates += 1;
                    } else if self.loaded.len() < MAX_SPECTRA {
                        self.loaded.push(Loaded {
                            file: name.to_string(),
                            index: k + 1,
                            spectrum,
                            outcome: None,
                            masked: Vec::new(),
                        });
                    } else {
                        self.left_out += 1;
                    }
                }
                self.selected = first_new.min(self.loaded.len().saturating_sub(1));
                self.queue.add(first_new..self.loaded.len());
                let added = self.loaded.len() > first_new;
                if self.error.is_none() {
                    let text = match duplicates {
                        0 => format!("Loaded {count} spectrum(s) from {name}."),
                        d if d == count => {
                            format!("{name} is already loaded: nothing added.")
                        }
                        d => format!(
                            "Loaded {} spectrum(s) from {name}; {d} already loaded were not added again.",
                            count - d
                        ),
                    };
                    set_status(&text, false);
                }
                self.fill_picker(first_new);
                added
            }
            Err(why) => {
                let message = format!("Cannot use {name}: {why}");
                set_status(&message, true);
                self.error = Some(message);
                false
            }
        };
        self.show_progress();
        added
    }

    /// Shows spectrum `index` in the plots and parameter table.
    pub fn select(&mut self, index: usize) {
        if index < self.loaded.len() {
            self.selected = index;
        }
        if let Some(pick) = find("spectrum-pick")
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(e).ok())
        {
            pick.set_value(&index.to_string());
        }
    }

    /// Lists the loaded spectra in the picker (text only): the options from
    /// index `from` on are written again, those before it kept (spectra are
    /// added at the end, so a batch read file by file writes each option
    /// once).
    fn fill_picker(&self, from: usize) {
        let Some(select) = find("spectrum-pick") else {
            return;
        };
        while select.child_element_count() as usize > from {
            match select.last_element_child() {
                Some(last) => last.remove(),
                None => break,
            }
        }
        for (k, item) in self.loaded.iter().enumerate().skip(from) {
            if let Ok(option) = create_text("option", "", &item.spectrum.label) {
                let _ = option.set_attribute("value", &k.to_string());
                let _ = select.append_child(&option);
            }
        }
        if let Some(pick) = select.dyn_ref::<web_sys::HtmlSelectElement>() {
            pick.set_value(&self.selected.to_string());
        }
        set_hidden(&select, self.loaded.len() < 2);
    }

    /// Removes the spectrum shown (the Remove button); its fit, waiting or
    /// under way, is dropped.
    pub fn remove_shown(&mut self) {
        if self.selected >= self.loaded.len() {
            return;
        }
        let removed = self.selected;
        let gone = self.loaded.remove(removed);
        self.queue.remove(removed, gone.outcome.is_some());
        self.selected = removed.min(self.loaded.len().saturating_sub(1));
        self.fill_picker(removed);
        self.show_progress();
        set_status(&format!("Removed {}.", gone.spectrum.label), false);
    }

    /// Removes every spectrum (Clear all, and Reset).
    pub fn clear(&mut self) {
        self.loaded.clear();
        self.ranges.clear();
        self.queue.clear();
        self.drt.clear();
        self.temperatures.clear();
        self.series.clear();
        self.selected = 0;
        self.left_out = 0;
        self.error = None;
        set_status("", false);
        self.fill_picker(0);
        self.show_progress();
    }

    /// Fits the spectrum shown again, alone (after the model changed).
    pub fn refit_shown(&mut self) {
        if let Some(item) = self.loaded.get_mut(self.selected) {
            item.outcome = None;
            self.queue.refit(self.selected);
        }
        self.show_progress();
    }

    /// Fits every loaded spectrum again (the Fit all button).
    pub fn restart(&mut self) {
        self.queue.restart(self.loaded.len());
        for item in self.loaded.iter_mut() {
            item.outcome = None;
        }
        self.show_progress();
    }

    /// Starts the next queued fit unless one is under way: in `worker`, or
    /// (None) on the page.
    pub fn start_next(&mut self, state: &State, worker: Option<Worker>) -> Option<Run> {
        let job = self.queue.next_job(state, self.loaded.len())?;
        if let Some(worker) = worker {
            // The spectrum is copied straight into the message, not cloned first.
            let query = crate::app::url::encode(&job.state);
            let spectrum = self.loaded[job.index].fitted_part();
            // The circuit's settings (used only when the model is the circuit).
            let held = self.circuit.builder.held_text(job.state.circuit());
            // The spectrum shown gets its point fit first, intervals after,
            // when it is fitted alone (a refit). In a batch its answer comes
            // whole: the worker would otherwise compute the intervals while
            // the main thread draws that answer, the batch's heaviest frame,
            // and the frame waited for a core (docs/BENCHMARKS.md,
            // "Impedance batch on the page").
            let alone = !self.queue.any_waiting() && !self.reading();
            let first = job.index == self.selected && alone;
            if crate::worker::send_fit(&worker, job.id, query, &spectrum, held, first).is_ok() {
                return Some(Run::InWorker);
            }
        }
        Some(Run::OnPage(job.id))
    }

    /// Job `id` under way and the part of its spectrum fitted (to run it
    /// on the page).
    pub fn job(&self, id: u32) -> Option<(&Job, Spectrum)> {
        let job = self.queue.in_flight(id)?;
        Some((job, self.loaded.get(job.index)?.fitted_part()))
    }

    /// The spectrum shown, if any.
    pub fn shown(&self) -> Option<&Loaded> {
        self.loaded.get(self.selected)
    }

    /// Masks or unmasks point `k` of the shown spectrum and refits it; a
    /// refusal is shown.
    pub fn toggle_point(&mut self, k: usize) -> bool {
        let Some(item) = self.loaded.get_mut(self.selected) else {
            return false;
        };
        if let Err(why) = item.toggle_mask(k) {
            set_status(&format!("Not masked: {why}."), true);
            return false;
        }
        self.refit_shown();
        true
    }

    /// Masks the points of the shown spectrum outside its Kramers–Kronig
    /// band and refits it.
    pub fn mask_kk_outliers(&mut self) {
        let Some(item) = self.loaded.get_mut(self.selected) else {
            return;
        };
        let outside = match &item.outcome {
            Some(Ok(o)) => o.report.kk.as_ref().map(|k| k.outside.clone()),
            _ => None,
        };
        let Some(outside) = outside else { return };
        let kept = item.kept_indices();
        let original: Vec<usize> = outside
            .iter()
            .filter_map(|&k| kept.get(k).copied())
            .collect();
        if let Err(why) = item.mask_all(&original) {
            set_status(&format!("Not masked: {why}."), true);
        }
        self.refit_shown();
    }

    /// Masks the shown spectrum's points outside `lo_hz` … `hi_hz` (the
    /// frequency range fields) and refits it; a refusal is shown.
    pub fn mask_range(&mut self, lo_hz: Option<f64>, hi_hz: Option<f64>) {
        let Some(item) = self.loaded.get_mut(self.selected) else {
            return;
        };
        match item.mask_outside(lo_hz, hi_hz) {
            Ok(_) => {
                let key = (item.file.clone(), item.index);
                self.ranges.retain(|(k, _)| *k != key);
                self.ranges.push((key, (lo_hz, hi_hz)));
                self.refit_shown()
            }
            Err(why) => set_status(&format!("Frequency range not applied: {why}."), true),
        }
    }

    /// Unmasks every point of the shown spectrum and refits it.
    pub fn unmask_all(&mut self) {
        if let Some(item) = self.loaded.get_mut(self.selected) {
            item.masked.clear();
            let key = (item.file.clone(), item.index);
            self.ranges.retain(|(k, _)| *k != key);
        }
        self.refit_shown();
    }

    /// A first answer to fit `id`, without its profile intervals: shown
    /// until the complete one arrives (the fit stays under way); true if
    /// it was the fit under way.
    pub fn fit_first_answered(&mut self, id: u32, mut outcome: Outcome) -> bool {
        let (Some(index), Some((_, spectrum))) = (self.queue.current(id), self.job(id)) else {
            return false;
        };
        let z = std::mem::take(&mut outcome.model.z_ohm);
        let Ok(outcome) = outcome.arrived(&spectrum, z) else {
            return false;
        };
        if let Some(item) = self.loaded.get_mut(index) {
            item.outcome = Some(Ok(outcome));
        }
        true
    }

    /// The answer to fit `id` (from the worker, its model curve's
    /// impedances without frequencies: [`Outcome::arrived`]); true if it was
    /// the fit under way.
    pub fn fit_answered(&mut self, id: u32, result: Result<Outcome, String>) -> bool {
        let Some((_, spectrum)) = self.job(id) else {
            return false;
        };
        let outcome = result.and_then(|mut o| {
            if o.model.freq_hz.is_empty() {
                let z = std::mem::take(&mut o.model.z_ohm);
                o.arrived(&spectrum, z).map_err(|e| e.to_string())
            } else {
                Ok(o)
            }
        });
        if let Some(index) = self.queue.finish(id) {
            if let Some(item) = self.loaded.get_mut(index) {
                item.outcome = Some(outcome);
            }
        }
        self.show_progress();
        true
    }

    /// Asks `worker` for the DRT of the shown spectrum's unmasked points,
    /// λ chosen as `state` says; false when it could not be sent (no
    /// worker: the caller says why with `Panel::lost`).
    pub fn ask_drt(&mut self, worker: Option<Worker>, state: &State) -> bool {
        let Some(item) = self.loaded.get(self.selected) else {
            set_status(
                "Load a spectrum first: the DRT is the shown spectrum's.",
                true,
            );
            return true;
        };
        let id = self.queue.next_id();
        self.drt.ask(id, crate::app::impedance::drt::Key::of(item));
        let query = crate::app::url::encode(state);
        worker.is_some_and(|w| crate::worker::send_drt(&w, id, query, &item.fitted_part()).is_ok())
    }

    /// The answer to DRT job `id`; true if it is the one asked for last.
    pub fn drt_answered(&mut self, id: u32, result: Result<DrtAnswer, String>) -> bool {
        self.drt.answered(id, result)
    }

    /// Sets the temperature of loaded spectrum `k` from the text typed in the table.
    pub fn set_temperature(&mut self, k: usize, text: &str) {
        let Some(item) = self.loaded.get(k) else {
            return;
        };
        self.temperatures.set(item, text);
    }

    /// Writes the temperature series panel (shown from two spectra on),
    /// asking `worker` for the series again when what the fits give changed.
    pub fn write_series(&mut self, state: &State, worker: Option<Worker>) -> Result<(), JsValue> {
        let visible = self.loaded.len() > 1 && state.choice::<ZMode>() == ZMode::Fit;
        // While a batch is fitted the series waits for its last fit: each
        // answer would change it, and each series answer is a full render.
        if visible && !self.queue.busy() {
            let inputs = series::inputs(state, &self.loaded, &self.temperatures);
            let job = series::encode(&inputs, state);
            if let (true, Some(worker)) = (self.series.wants(&job), worker) {
                let id = self.queue.next_id();
                let query = crate::app::url::encode(state);
                crate::worker::send_series(&worker, id, query, &job)?;
                self.series.ask(id, job);
            }
        }
        let answer = self.series.answer().filter(|_| visible);
        super::series::write(answer, &mut self.series_shown)
    }

    /// The answer to series job `id`; true if it is the one asked for last.
    pub fn series_answered(&mut self, id: u32, result: Result<series::Answer, String>) -> bool {
        self.series.answered(id, result)
    }

    /// The temperature series as CSV, once the worker has sent it.
    pub fn series_csv(&self) -> Option<String> {
        match self.series.answer() {
            Some(Ok(answer)) => Some(answer.csv.clone()),
            _ => None,
        }
    }

    /// The progress bar and status: indefinite while files are read, done of
    /// total while fitting; a refused file's message stays until files are picked again.
    pub fn show_progress(&self) {
        let (reading, error, left_out) = (&self.reading, &self.error, self.left_out);
        let (done, total) = self.queue.progress();
        let busy = self.queue.busy();
        if let Some(bar) = find("fit-progress") {
            if reading.is_empty() {
                let _ = bar.set_attribute("max", &total.max(1).to_string());
                let _ = bar.set_attribute("value", &done.to_string());
            } else {
                let _ = bar.remove_attribute("value"); // indeterminate
            }
            set_hidden(&bar, reading.is_empty() && !busy);
        }
        if error.is_some() {
            return;
        }
        let mut text = if let Some(file) = reading.first() {
            let (name, bytes) = (file.name(), file.size());
            let more = match reading.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            format!(
                "Reading {name} ({} MB){more}…",
                crate::app::format::number(bytes / 1e6)
            )
        } else if total > 0 {
            format!("Fitted {done} of {total}.")
        } else {
            return;
        };
        if self.duplicates > 0 {
            text.push_str(&format!(
                " {} spectra already loaded were not added again.",
                self.duplicates
            ));
        }
        if left_out > 0 {
            text.push_str(&format!(
                " {left_out} spectra were left out: at most {MAX_SPECTRA} are kept."
            ));
        }
        set_status(&text, false);
    }

    /// Writes the results table (text cells only) if it changed: only the
    /// rows that changed are rewritten (a batch's answers arrive one by one;
    /// rebuilding every row each time laid the whole table out again).
    pub fn write_batch(&mut self, table: Option<&BatchTable>) -> Result<(), JsValue> {
        let (Some(host), Some(box_)) = (find("batch-table"), find("batch")) else {
            return Ok(());
        };
        if self.table.as_ref() == table {
            return Ok(());
        }
        let last = std::mem::replace(&mut self.table, table.cloned());
        set_hidden(&box_, table.is_none());
        let Some(table) = table else {
            host.set_text_content(None);
            return Ok(());
        };
        let kept = host
            .first_element_child()
            .zip(last.filter(|l| l.header == table.header));
        let (element, last) = match kept {
            Some(both) => both,
            None => {
                host.set_text_content(None);
                let element = super::dom::table_with_header(&table.header)?;
                host.append_child(&element)?;
                (element, BatchTable::default())
            }
        };
        let trs = element.children(); // the header row, then one per spectrum
        for (k, row) in table.rows.iter().enumerate() {
            let selected = row.loaded == table.selected;
            let Some(tr) = trs.item(k as u32 + 1) else {
                element.append_child(&*batch_row(row, selected)?)?;
                continue;
            };
            let old = last.rows.get(k);
            if old != Some(row) {
                tr.set_attribute("data-row", &row.loaded.to_string())?;
                let cells = tr.children();
                for (c, text) in row.cells.iter().enumerate() {
                    if let Some(td) = cells.item(c as u32) {
                        super::dom::set_text(&td.first_element_child().unwrap_or(td), text);
                    }
                }
            }
            let class = if selected { "selected" } else { "" };
            if tr.class_name() != class {
                tr.set_class_name(class);
            }
        }
        while trs.length() > table.rows.len() as u32 + 1 {
            if let Some(extra) = element.last_element_child() {
                extra.remove();
            }
        }
        Ok(())
    }

    /// The shown spectrum, its masks and fit as CSV
    /// ([`crate::app::impedance::export`]).
    pub fn spectrum_csv(&self) -> Option<String> {
        let item = self.shown()?;
        let key = (item.file.clone(), item.index);
        let range = self.ranges.iter().find(|(k, _)| *k == key).map(|r| r.1);
        Some(crate::app::impedance::export::spectrum_csv(item, range))
    }

    /// The results table as CSV.
    pub fn csv(&self, state: &State) -> String {
        batch_table(state, &self.loaded, self.selected).to_csv()
    }
}

/// One row of the results table: the file cell a button that shows the
/// spectrum, the others text.
fn batch_row(
    row: &crate::app::batch::BatchRow,
    selected: bool,
) -> Result<web_sys::Element, JsValue> {
    let tr = create("tr", if selected { "selected" } else { "" })?;
    tr.set_attribute("data-row", &row.loaded.to_string())?;
    for (k, cell) in row.cells.iter().enumerate() {
        let td = create("td", "")?;
        if k == 0 {
            let button = create_text("button", "row", cell)?;
            button.set_attribute("type", "button")?;
            button.set_attribute("title", "Show this spectrum's plots")?;
            td.append_child(&button)?;
        } else {
            td.set_text_content(Some(cell));
        }
        tr.append_child(&td)?;
    }
    Ok(tr)
}

fn set_status(text: &str, bad: bool) {
    if let Some(status) = find("file-status") {
        super::dom::set_text(&status, text);
        let _ = if bad {
            status.class_list().add_1("bad")
        } else {
            status.class_list().remove_1("bad")
        };
    }
}
