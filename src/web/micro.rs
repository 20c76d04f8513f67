//! The microstructure workspace's browser side: the jobs sent to its worker
//! (`micro-worker.js`, its own wasm module loaded on the first job; a worker
//! apart from the page worker, so that cancelling a solve — which stops that
//! worker — never touches the impedance workspace's fits), their events fed to the pure [`Session`], the slices
//! drawn into their canvases, the results table with its "use" buttons, the
//! progress line and its cancel button. The main thread never calls the
//! microstructure core: everything heavy is a worker job
//! (`crate::app::micro::run`, behind `crate::micro_worker`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, File, Worker};

use super::dom::{create, create_text, find, input, set_attrs, set_hidden, set_text};
use crate::app::format::{number, sig};
pub use crate::app::micro::model::Task;
use crate::app::micro::model::{recipe, Event, Job, SimulatedSpectrum, VolumeMeta};
use crate::app::micro::rows::{results_table, ResultsTable};
use crate::app::micro::session::{Effect, Session};
use crate::app::micro::slices;
use crate::app::State;

/// What a job works on.
pub enum Source {
    /// The state's recipe (generated in the worker).
    Recipe,
    /// A file picked or dropped.
    File(File),
    /// The volume shown.
    Shown,
}

/// What the page must do after a worker message.
pub enum After {
    Nothing,
    /// Progress only: the busy line was updated, no render needed.
    Progress,
    Render,
    /// Offer a file (name, bytes) for download.
    Download(String, Vec<u8>),
    /// Hand the simulated spectrum to the impedance workspace.
    Spectrum(SimulatedSpectrum),
}

/// Everything the microstructure workspace holds between events.
#[derive(Default)]
pub struct Micro {
    pub session: Session,
    worker: Option<Worker>,
    /// Depth of each slice (voxels).
    depth: [usize; 3],
    /// The results table as last written.
    table: Option<ResultsTable>,
    /// The file name the simulated spectrum was given in the impedance workspace.
    pub spectrum_name: Option<String>,
}

impl Micro {
    /// Starts a job of `task` on `source`, stopping any job under way;
    /// `start_worker` makes the worker if there is none.
    pub fn start(
        &mut self,
        task: Task,
        state: &State,
        source: Source,
        start_worker: impl FnOnce() -> Result<Worker, JsValue>,
    ) {
        if self.session.busy.is_some() {
            self.stop("stopped for the next job");
        }
        let generated = match (&source, task) {
            (Source::Recipe, _) | (_, Task::Sweep) => match recipe(state) {
                Ok(r) => Some(r),
                Err(why) => {
                    self.session.error = Some(why);
                    return;
                }
            },
            _ => None,
        };
        let shown = match source {
            Source::Shown => match &self.session.volume {
                Some(volume) => Some(volume.clone()),
                None => {
                    self.session.error =
                        Some("there is no volume yet: generate or load one".into());
                    return;
                }
            },
            _ => None,
        };
        if self.worker.is_none() {
            match start_worker() {
                Ok(worker) => self.worker = Some(worker),
                Err(e) => {
                    self.session.error = Some(format!(
                        "this browser could not start the page worker, which the microstructure workspace needs ({e:?})"
                    ));
                    return;
                }
            }
        }
        let keep = matches!(source, Source::Shown);
        let id = self.session.start(task, generated, keep);
        let job = Job {
            id,
            task,
            query: crate::app::url::encode(state),
            volume: shown.as_ref().map(|(meta, _)| meta.clone()),
        };
        let file = match &source {
            Source::File(file) => Some(file),
            _ => None,
        };
        let codes = shown.as_ref().map(|(_, codes)| codes.as_slice());
        let sent = self
            .worker
            .as_ref()
            .map(|w| crate::worker::send_micro(w, &job, file, codes));
        if let Some(Err(e)) = sent {
            self.session
                .cancel(&format!("the job could not be sent to the worker: {e:?}"));
        }
        if matches!(source, Source::File(_)) {
            self.table = None;
        }
        self.write_busy();
    }

    /// Stops the job under way: its worker is ended (a solve cannot be
    /// interrupted otherwise) and started afresh for the next job.
    pub fn stop(&mut self, why: &str) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.session.cancel(why);
        self.write_busy();
    }

    /// The worker failed to load or run.
    pub fn worker_lost(&mut self, why: &str) {
        self.worker = None;
        self.session.cancel(why);
        self.write_busy();
    }

    /// Takes one message of the worker.
    pub fn on_message(&mut self, data: JsValue) -> After {
        let (id, event, bytes) = match crate::worker::micro_reply(data) {
            Ok(reply) => reply,
            Err(why) => {
                super::dom::log_error(&format!("a worker message was unreadable: {why}"));
                return After::Nothing;
            }
        };
        let progress = matches!(event, Event::Progress(_));
        match self.session.apply(id, event, bytes) {
            Effect::Slices => {
                if let Some((meta, _)) = &self.session.volume {
                    self.depth = meta.shape.map(|n| n / 2);
                    self.table = None;
                }
                if let Err(e) = self.draw_all() {
                    super::dom::log_error(&format!("slices: {e:?}"));
                }
                After::Render
            }
            Effect::Download(name, bytes) => After::Download(name, bytes),
            Effect::Spectrum(s) => After::Spectrum(s),
            Effect::None if progress => {
                self.write_busy();
                After::Progress
            }
            Effect::None => After::Render,
        }
    }

    /// Moves slice `axis` to `depth` (a slider) and redraws it.
    pub fn set_depth(&mut self, axis: usize, depth: usize) {
        if axis < 3 {
            self.depth[axis] = depth;
            if let Err(e) = self.draw(axis) {
                super::dom::log_error(&format!("slice: {e:?}"));
            }
        }
    }

    fn draw_all(&self) -> Result<(), JsValue> {
        let Some((meta, _)) = &self.session.volume else {
            return Ok(());
        };
        for axis in 0..3 {
            if let Some(slider) = input(&format!("depth-{}", ["x", "y", "z"][axis])) {
                slider.set_max(&meta.shape[axis].saturating_sub(1).to_string());
                slider.set_value(&self.depth[axis].to_string());
            }
            self.draw(axis)?;
        }
        write_legend(meta)?;
        if let Some(slices) = find("micro-slices") {
            set_hidden(&slices, false);
        }
        Ok(())
    }

    /// Draws slice `axis` at its depth into its canvas.
    fn draw(&self, axis: usize) -> Result<(), JsValue> {
        let Some((meta, codes)) = &self.session.volume else {
            return Ok(());
        };
        let name = ["x", "y", "z"][axis];
        let Some(canvas) = find(&format!("slice-{name}")) else {
            return Ok(());
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.dyn_into()?;
        let (w, h) = slices::size(meta.shape, axis);
        if canvas.width() != w as u32 || canvas.height() != h as u32 {
            canvas.set_width(w as u32);
            canvas.set_height(h as u32);
        }
        let pixels = slices::rgba(meta, codes, axis, self.depth[axis]);
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            wasm_bindgen::Clamped(&pixels),
            w as u32,
            h as u32,
        )?;
        let Some(context) = canvas.get_context("2d")? else {
            return Ok(());
        };
        let context: web_sys::CanvasRenderingContext2d = context.dyn_into()?;
        context.put_image_data(&image, 0.0, 0.0)?;
        let caption = slices::caption(meta, axis, self.depth[axis]);
        canvas.set_attribute(
            "aria-label",
            &format!(
                "Slice normal to {name} at {caption}, phases in colour: {}",
                slices::legend(meta)
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )?;
        if let Some(out) = find(&format!("depth-{name}-at")) {
            set_text(&out, &caption);
        }
        Ok(())
    }

    /// The progress line: what is being done, a bar, the cancel button.
    pub fn write_busy(&self) {
        let Some(line) = find("micro-busy") else {
            return;
        };
        set_hidden(&line, self.session.busy.is_none());
        let Some(busy) = &self.session.busy else {
            return;
        };
        let (text, done, total) = match &busy.step {
            Some(step) => {
                let iteration = if step.iteration > 0 {
                    format!(
                        ": iteration {}, residual {}",
                        step.iteration,
                        sig(step.residual, 2)
                    )
                } else {
                    String::new()
                };
                (
                    format!(
                        "{} ({} of {}){iteration}…",
                        capitalise(&step.what),
                        step.done + 1,
                        step.total.max(1)
                    ),
                    step.done,
                    step.total.max(1),
                )
            }
            None => ("Starting the worker…".to_string(), 0, 1),
        };
        if let Some(status) = find("micro-status") {
            set_text(&status, &text);
        }
        if let Some(bar) = find("micro-progress") {
            let _ = bar.set_attribute("max", &total.to_string());
            let _ = bar.set_attribute("value", &done.to_string());
        }
    }

    /// Writes the results table (rebuilt only when it changed) and the
    /// buttons that need a volume or a sweep.
    pub fn write(&mut self) -> Result<(), JsValue> {
        self.write_busy();
        let table = results_table(&self.session);
        if table != self.table {
            if let Some(host) = find("micro-table") {
                host.set_text_content(None);
                if let Some(t) = &table {
                    host.append_child(&*table_element(t)?)?;
                }
            }
            self.table = table;
        }
        let has_volume = self.session.volume.is_some();
        for id in ["micro-csv", "micro-tiff", "micro-eis", "micro-rerun"] {
            if let Some(button) = find(id) {
                set_hidden(&button, !has_volume);
            }
        }
        if let Some(button) = find("micro-use-bruggeman") {
            match crate::app::micro::plots::bruggeman(&self.session.points) {
                Ok(fit) => {
                    set_text(
                        &button,
                        &format!(
                            "Use α = {} and k = {} in the design workspace",
                            number(fit.alpha.value),
                            number(fit.k.value)
                        ),
                    );
                    button
                        .set_attribute("data-alpha", &crate::app::format::exact(fit.alpha.value))?;
                    button.set_attribute("data-k", &crate::app::format::exact(fit.k.value))?;
                    set_hidden(&button, false);
                }
                Err(_) => set_hidden(&button, true),
            }
        }
        Ok(())
    }

    /// The τ and ε of results row `k` (a "use" button), and the volume's
    /// fractions when its labels are the generator's: (τ, ε, [AM, SE,
    /// carbon, voids]) and the phase's name.
    pub fn use_row(&self, k: usize) -> Option<(f64, f64, Option<[f64; 4]>, String)> {
        let table = self.table.as_ref()?;
        let row = table.rows.get(k)?;
        let (tau, eps) = row.use_tau?;
        let (meta, _) = self.session.volume.as_ref()?;
        let fractions = meta.generator_labels().then(|| {
            use crate::app::micro::model::{AM, CARBON, SE, VOID};
            [AM, SE, CARBON, VOID].map(|l| meta.fraction(l))
        });
        let what = format!("{} along {}", row.cells[0], row.cells[1]);
        Some((tau, eps, fractions, what))
    }
}

/// `text` with a Latin first letter in capitals; a symbol (τ, σ) is kept
/// as it is, since its capital is another quantity's symbol.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// The results table with a "use in the design" button on rows with a τ.
fn table_element(table: &ResultsTable) -> Result<Element, JsValue> {
    let element = super::dom::table_with_header(&table.header)?;
    if let Some(head) = element.first_element_child() {
        head.append_child(&*create_text("th", "", "")?)?;
    }
    for (k, row) in table.rows.iter().enumerate() {
        let tr = create("tr", "")?;
        for cell in &row.cells {
            tr.append_child(&*create_text("td", "", cell)?)?;
        }
        let td = create("td", "")?;
        if row.use_tau.is_some() {
            let button = create_text("button", "row", "use in design")?;
            set_attrs(
                &button,
                &[
                    ("type", "button"),
                    ("data-micro-use", &k.to_string()),
                    (
                        "title",
                        &format!(
                            "Use τ = {} of {} along {} in the design workspace",
                            row.cells[2], row.cells[0], row.cells[1]
                        ),
                    ),
                ],
            )?;
            td.append_child(&button)?;
        }
        tr.append_child(&td)?;
        element.append_child(&tr)?;
    }
    Ok(element)
}

/// The colours of the slices and what they are.
fn write_legend(meta: &VolumeMeta) -> Result<(), JsValue> {
    let Some(list) = find("micro-legend") else {
        return Ok(());
    };
    list.set_text_content(None);
    for (name, [r, g, b]) in slices::legend(meta) {
        let item = create("li", "")?;
        let swatch = create("span", "swatch")?;
        swatch.set_attribute("style", &format!("background: rgb({r}, {g}, {b})"))?;
        swatch.set_attribute("aria-hidden", "true")?;
        item.append_child(&swatch)?;
        item.append_child(&*create_text("span", "", &name)?)?;
        list.append_child(&item)?;
    }
    Ok(())
}
