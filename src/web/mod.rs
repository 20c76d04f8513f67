//! The browser layer (wasm32 only): the only code that touches the DOM.
//!
//! One state, one loop (in the manner of Elm or egui): everything the page
//! holds between events is the [`App`], and everything that happens to it
//! — DOM events, animation frames, timers, the page worker's replies, files
//! read — arrives as a [`Msg`] through [`dispatch`] and is handled by
//! [`App::update`]. The submodules never call back into this one: they
//! write the DOM, or tell `update` what is to follow (a plot left for a
//! later task, a fit to run on the page), and `update` turns that into the
//! next messages. An input event changes the [`State`]; one animation frame
//! computes the view model (`crate::app`) and writes the DOM; the URL and
//! the autosave follow.

mod circuit;
mod controls;
mod discharge;
mod dom;
mod embed;
mod export;
mod impedance;
mod micro;
mod persist;
mod render;
mod series;

use std::cell::RefCell;
use std::collections::VecDeque;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, File, HtmlInputElement};

use crate::app::choices::{Basis, Choice, Preset, Tab, TauMode, ZMode};
use crate::app::design::data::{parse_points, Measured};
use crate::app::embed::Embed;
use crate::app::{Ch, In, State};
use crate::spectrum::Spectrum;
use crate::worker;

/// Milliseconds between the last change and writing the URL.
const SAVE_DELAY_MS: i32 = 250;

/// Everything that can happen to the page.
pub enum Msg {
    /// A start-up task: 0 builds the shown workspace's first controls, 1
    /// computes the first view, the next ones build the rest, one task each
    /// ([`boot_step`]).
    Boot(usize),
    Input(Event),
    Change(Event),
    Click(Event),
    PointerMove(web_sys::MouseEvent),
    /// The page is hidden or left: write the URL and the autosave.
    Hidden,
    /// The animation frame asked for by a change.
    Frame,
    /// The pause after the last change is over: write the URL.
    SaveTimer,
    /// The animation frame asked for to draw the next plot a render left
    /// for later.
    PendingPlots,
    /// Files picked or dropped.
    Files(Vec<File>),
    /// Files picked, still to be sent to the worker ([`App::read_files`]).
    ReadFiles(Vec<File>),
    /// A file read (or, without a worker, why not).
    FileRead(String, Result<Vec<Spectrum>, String>),
    /// A message of the page worker.
    Worker(JsValue),
    WorkerLost(String),
    /// Start the next queued fit.
    Pump,
    /// Fit job `id`, which no worker can run.
    FitUnrun(u32),
    /// A message of the microstructure workspace's worker.
    MicroWorker(JsValue),
    MicroWorkerLost(String),
    /// A volume picked or dropped in the microstructure workspace.
    MicroFiles(Vec<File>),
    /// A plot's box (by plot id, or `dock-plot-<tab>`) has a new size, px.
    Resized(String, f64, f64),
    /// A key pressed anywhere (plots read out with the arrow keys, number
    /// fields step with them).
    Key(web_sys::KeyboardEvent),
    /// The text of a file of measured points, for the text box with this id.
    DataText(String, String),
    /// A discharge job no worker can run.
    DischargeUnrun(Box<crate::app::design::discharge::model::Job>),
    /// Files picked or dropped for the discharge model.
    DischargeFiles(discharge::FileKind, Vec<File>),
    /// A file for the discharge model read as text (or why not).
    DischargeText(discharge::FileKind, String, Result<String, String>),
    /// A wheel or pointer event on a plot that zooms and pans.
    PlotPointer(web_sys::MouseEvent),
    /// The pause between two rewrites of the results table is over
    /// ([`App::schedule_table`]).
    TableDue,
    /// The impedance workspace has been painted for the first time: warm
    /// the page worker's fit code up (`worker::worker_warm`; the worker
    /// started if need be), while the user picks files, not while the main
    /// thread lays out the first batch's table and plots.
    WarmWorker,
}

/// Why a file is not read or a fit or discharge not run: the page's own
/// wasm holds none of that code, only the workers' compute module does.
const NO_WORKER: &str = "this browser could not start the page worker, which reads files and runs the fits and the discharge model";

/// While a batch streams in, the results table is rewritten at most once in
/// this many ms. Each rewrite lays out and paints the table; at one per
/// answer (20 a second and more) those frames took the core the browser
/// needs for the rest (docs/BENCHMARKS.md, "Impedance batch on the page").
const TABLE_PERIOD_MS: f64 = 250.0;

/// Files sent to the worker to be read in one task. Each `postMessage` of a
/// `File` waits on the browser (about 0.6 ms of wall time); 50 files picked
/// at once held the main thread for 30–50 ms.
const READ_CHUNK: usize = 8;

/// Everything the page holds between events.
#[derive(Default)]
pub struct App {
    state: State,
    /// The embed view shown, if the page is embedded.
    embed: Option<&'static Embed>,
    frame_pending: bool,
    /// A frame is asked for to draw plots a render left for later.
    plots_frame_pending: bool,
    /// The frame asked for rewrites only the batch's results table
    /// ([`App::schedule_table`]).
    table_only: bool,
    /// When the results table was last rewritten alone (ms, [`render::now_ms`]).
    table_written_ms: f64,
    /// A rewrite of the results table waits for [`TABLE_PERIOD_MS`] to pass.
    table_timer: bool,
    /// The next fit waits for a heavy frame to be painted ([`App::pump`]).
    fit_held: bool,
    save_timer: Option<i32>,
    /// The number field being typed in, which `sync` must not overwrite.
    typing: Option<&'static str>,
    /// The last change came from a slider still being moved: the URL is
    /// written when it is released (its `change` event), not during the drag.
    sliding: bool,
    /// The state last written into the controls (None: rewrite them all).
    synced: Option<State>,
    /// The query last written to the URL.
    written: String,
    render: render::Cache,
    impedance: impedance::Impedance,
    micro: micro::Micro,
    /// The user's measured points on the design side (not in the URL).
    measured: Measured,
    /// The published design or Table 1 row loaded, while the design
    /// workspace is still exactly what it set (its name shows in the picker).
    preset: Option<String>,
    /// What start-up has yet to build ([`boot_step`]).
    boot: VecDeque<BootStep>,
    /// Renders asked for since the page loaded.
    renders_asked: u32,
    /// A view computed ahead of the frame that writes it (start-up), with
    /// `renders_asked` at that time: any later change makes it stale.
    early_view: Option<(u32, crate::app::view::View)>,
    discharge: discharge::Discharge,
}

/// The app and the messages that arrived while it was busy.
#[derive(Default)]
struct Page {
    app: RefCell<App>,
    inbox: RefCell<VecDeque<Msg>>,
}

thread_local! {
    static PAGE: Page = Page::default();
}

/// Hands `msg` to [`App::update`]; a message sent while the app handles
/// another (an event fired by a DOM call) waits for it to finish.
pub fn dispatch(msg: Msg) {
    PAGE.with(|page| {
        page.inbox.borrow_mut().push_back(msg);
        let Ok(mut app) = page.app.try_borrow_mut() else {
            return;
        };
        loop {
            let next = page.inbox.borrow_mut().pop_front();
            match next {
                Some(msg) => app.update(msg),
                None => break,
            }
        }
    });
}

/// Sends `msg` after `ms` milliseconds, in a task of its own; the timer's handle.
fn after(ms: i32, msg: impl FnOnce() -> Msg + 'static) -> Option<i32> {
    let job = Closure::once_into_js(move || dispatch(msg()));
    dom::window()
        .ok()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(job.unchecked_ref(), ms)
        .ok()
}

/// Sends `msg` in the next animation frame; false if none could be asked for.
fn in_next_frame(msg: fn() -> Msg) -> bool {
    let frame = Closure::once_into_js(move || dispatch(msg()));
    dom::window()
        .and_then(|w| w.request_animation_frame(frame.unchecked_ref()))
        .is_ok()
}

/// Sends `msg` in a task of its own after the browser's next paint.
fn after_paint(msg: impl FnOnce() -> Msg + 'static) -> Result<(), JsValue> {
    let next_frame = Closure::once_into_js(move || {
        after(0, msg);
    });
    dom::window()?.request_animation_frame(next_frame.unchecked_ref())?;
    Ok(())
}

/// Entry point: prepares an embed view, then boots after the first paint.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    // Debug builds report a panic in the console; release builds have none to
    // report (every fallible path returns an error shown inline) and leave the
    // hook out of the page weight.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    if web_sys::window().is_none() {
        return Ok(()); // the page worker (worker.js): it only calls worker_read/worker_fit
    }
    let Some(active) = embed::prepare()? else {
        return Ok(()); // not ionpath's page: a host page using api.js
    };
    PAGE.with(|page| page.app.borrow_mut().embed = active);
    // The page's static text paints first (its largest contentful paint);
    // the controls and results are built after that paint.
    after_paint(|| Msg::Boot(0))
}

/// `body[data-plots-pending]` while a render's plots are still to draw
/// (tests wait for it to go).
fn mark_plots_pending(pending: bool) {
    if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
        let _ = match pending {
            true => body.set_attribute("data-plots-pending", ""),
            false => body.remove_attribute("data-plots-pending"),
        };
    }
}

/// Adds a listener that lives as long as the page.
fn listen<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    kind: &str,
    msg: fn(E) -> Option<Msg>,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        if let Some(m) = event.dyn_into::<E>().ok().and_then(msg) {
            dispatch(m);
        }
    });
    target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}

/// The element an event happened on.
fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn target_input(event: &Event) -> Option<HtmlInputElement> {
    event.target()?.dyn_into::<HtmlInputElement>().ok()
}

/// The files of a `FileList`.
fn files(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|k| list.item(k)).collect()
}

/// Wires the document's events, the drop zone and the hover read-out.
fn install() -> Result<(), JsValue> {
    let document = dom::document()?;
    listen(&document, "input", |e: Event| Some(Msg::Input(e)))?;
    if let Some(zone) = dom::find("dis-drop") {
        drop_zone(&zone, |files| {
            Msg::DischargeFiles(discharge::FileKind::Measured, files)
        })?;
    }
    listen(&document, "change", |e: Event| Some(Msg::Change(e)))?;
    listen(&document, "click", |e: Event| Some(Msg::Click(e)))?;
    listen(&document, "mousemove", |e: web_sys::MouseEvent| {
        Some(Msg::PointerMove(e))
    })?;
    listen(&document, "keydown", |e: web_sys::KeyboardEvent| {
        Some(Msg::Key(e))
    })?;
    // The autosave: when the page is hidden (tab switched, app left, closed)
    // or left; `pagehide` also covers a reload or a link followed.
    listen(&document, "visibilitychange", |_: Event| {
        dom::document()
            .is_ok_and(|d| d.hidden())
            .then_some(Msg::Hidden)
    })?;
    listen(dom::window()?.as_ref(), "pagehide", |_: Event| {
        Some(Msg::Hidden)
    })?;
    if let Some(zone) = dom::find("drop") {
        drop_zone(&zone, Msg::Files)?;
    }
    if let Some(zone) = dom::find("micro-drop") {
        drop_zone(&zone, Msg::MicroFiles)?;
    }
    render::fit_outputs_boxes()
}

/// A start-up step after the first, one task each.
enum BootStep {
    /// The first view, computed in a task of its own and written by the next
    /// animation frame: the first call of each wasm function compiles it on
    /// the main thread, and the model's and the DOM writes' compiling would
    /// otherwise add up in that frame.
    View,
    /// The controls of one input group (a workspace's `fieldset`).
    Group(Element),
    /// The pickers (and the published analysis the URL remembers).
    Presets,
    Table1,
}

/// The observer of the plots' boxes: a box's new size (px) is
/// [`Msg::Resized`] with the box's plot id (`svg-<id>`) or its own id.
fn plot_box_observer() -> Result<web_sys::ResizeObserver, JsValue> {
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
        for entry in entries.iter() {
            let host = entry
                .unchecked_into::<web_sys::ResizeObserverEntry>()
                .target();
            let rect = host.get_bounding_client_rect();
            let id = host.id();
            let key = id.strip_prefix("svg-").unwrap_or(&id).to_string();
            dispatch(Msg::Resized(
                key,
                rect.width().round(),
                rect.height().round(),
            ));
        }
    });
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(observer)
}

/// The listener of the plots that zoom and pan: their wheel and pointer
/// events are [`Msg::PlotPointer`].
fn plot_pointer_listener() -> js_sys::Function {
    Closure::<dyn FnMut(web_sys::MouseEvent)>::new(|e| dispatch(Msg::PlotPointer(e)))
        .into_js_value()
        .unchecked_into()
}

/// Makes `zone` take dropped files, handed over as `msg(files)`; the zone
/// is marked (class `over`) while files are dragged over it.
fn drop_zone(zone: &Element, msg: fn(Vec<File>) -> Msg) -> Result<(), JsValue> {
    let mark = |e: &Event, over: bool| {
        if let Some(zone) = e
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        {
            let _ = if over {
                zone.class_list().add_1("over")
            } else {
                zone.class_list().remove_1("over")
            };
        }
    };
    for kind in ["dragenter", "dragover"] {
        let over = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            mark(&e, true);
        });
        zone.add_event_listener_with_callback(kind, over.as_ref().unchecked_ref())?;
        over.forget();
    }
    let leave = Closure::<dyn FnMut(Event)>::new(move |e: Event| mark(&e, false));
    zone.add_event_listener_with_callback("dragleave", leave.as_ref().unchecked_ref())?;
    leave.forget();
    let dropped = Closure::<dyn FnMut(web_sys::DragEvent)>::new(move |e: web_sys::DragEvent| {
        e.prevent_default();
        mark(&e, false);
        dispatch(msg(files(e.data_transfer().and_then(|d| d.files()))));
    });
    zone.add_event_listener_with_callback("drop", dropped.as_ref().unchecked_ref())?;
    dropped.forget();
    Ok(())
}

/// Start-up, one task per step so that none holds the main thread long
/// (the page's Total Blocking Time). Step 0: the state, the listeners, the
/// controls outside the workspaces and of the shown workspace's first input
/// group. Step 1: the first view, rendered in the next frame (its output
/// rows; its plots follow one per task, see `render::Cache`). Then each
/// other input group (the shown workspace's first), the pickers and
/// Table 1, one per step; then every control is written from the state once
/// more and the page is marked ready.
#[inline(never)]
fn boot_step(app: &mut App, step: usize) -> Result<bool, JsValue> {
    if step == 0 {
        let (state, notices) = persist::initial_state();
        let mut groups = controls::groups(&state).into_iter();
        let first = groups.next();
        controls::build(&state, &|c| {
            let group = controls::group_of(c);
            group.is_none() || group == first
        })?;
        render::show_notices(&notices);
        app.state = state;
        app.boot = std::iter::once(BootStep::View)
            .chain(groups.map(BootStep::Group))
            .chain([BootStep::Presets, BootStep::Table1])
            .collect();
        install()?;
        app.render.observe_with(plot_box_observer()?);
        app.render.zoom_with(plot_pointer_listener());
        return Ok(true);
    }
    match app.boot.pop_front() {
        Some(BootStep::View) => {
            app.schedule_render();
            app.early_view = Some((app.renders_asked, app.view()));
        }
        Some(BootStep::Group(group)) => {
            let state = &app.state;
            controls::build(state, &|c| controls::group_of(c).as_ref() == Some(&group))?;
        }
        Some(BootStep::Presets) => {
            controls::build_presets()?;
            // A published analysis the URL remembers, if still as loaded.
            let remembered = app.state.choice::<Preset>();
            if remembered != Preset::None {
                app.preset = Some(format!("p:{}", remembered.name()));
                app.show_preset();
            }
        }
        Some(BootStep::Table1) => controls::build_table1()?,
        None => {
            app.sync_all();
            if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
                body.set_attribute("data-ready", "true")?;
            }
            // The discharge model's jobs start once the page is ready.
            app.discharge.ready = true;
            app.pump_discharge();
            return Ok(false);
        }
    }
    Ok(true)
}

impl App {
    /// Handles one message. The handlers it calls are kept out of it
    /// (`#[inline(never)]` on the large ones, wasm-opt's
    /// `--one-caller-inline-max-function-size` in index.html): the browser
    /// compiles a function that has run often to its optimising tier, and
    /// with every handler inlined this one was 102 KB of wasm, whose
    /// compilation took a core for 0.35–0.43 s in the middle of the first
    /// batch (docs/BENCHMARKS.md, "Impedance batch on the page").
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Boot(step) => {
                let more = boot_step(self, step).unwrap_or_else(|e| {
                    dom::log_error(&format!("start-up: {e:?}"));
                    true
                });
                if more && self.frame_pending {
                    // The rest after the render asked for has been painted.
                    let _ = after_paint(move || Msg::Boot(step + 1));
                } else if more {
                    after(0, move || Msg::Boot(step + 1));
                }
            }
            Msg::Input(event) => self.on_input(&event),
            Msg::Change(event) => self.on_change(&event),
            Msg::Click(event) => self.on_click(&event),
            Msg::PointerMove(event) => self.render.hover(&event),
            Msg::PlotPointer(event) => self.render.plot_pointer(&event),
            Msg::Hidden => {
                // No frame comes while the page is hidden.
                if std::mem::take(&mut self.fit_held) {
                    self.pump();
                }
                self.cancel_save();
                self.write_url();
                persist::save_storage(&self.state, self.embed.is_some());
            }
            Msg::Frame => {
                self.frame_pending = false;
                if !std::mem::take(&mut self.table_only) {
                    self.render_now();
                } else if self.state.choice::<Tab>() == Tab::Impedance {
                    self.table_written_ms = render::now_ms();
                    let table = self.impedance.table(&self.state);
                    if let Err(e) = self.impedance.write_batch(table.as_ref()) {
                        dom::log_error(&format!("render failed: {e:?}"));
                    }
                }
                self.release_fit();
            }
            Msg::SaveTimer => {
                self.save_timer = None;
                // A slider being dragged reaches the URL when it is let go;
                // a save asked for before the drag (a render of the
                // discharge model's answer) waits for that.
                if !self.sliding {
                    self.write_url();
                }
            }
            Msg::PendingPlots => {
                self.plots_frame_pending = false;
                if self.render.write_pending() {
                    self.request_plots_frame();
                } else {
                    mark_plots_pending(false);
                }
                self.release_fit();
            }
            Msg::Files(files) => {
                self.impedance.files_picked();
                self.impedance.expect_reads(&files);
                self.impedance.show_progress();
                // Sent to the worker in tasks of their own: the task that
                // delivers the picked files is long enough already.
                after(0, move || Msg::ReadFiles(files));
            }
            Msg::ReadFiles(files) => self.read_files(files),
            Msg::FileRead(name, result) => self.add_spectra(&name, result),
            Msg::Worker(data) => self.on_worker(data),
            Msg::WorkerLost(why) => {
                for file in self.impedance.worker_lost(&why) {
                    self.read(file);
                }
                self.discharge.lost();
                self.pump();
                self.pump_discharge();
                self.schedule_render();
            }
            Msg::Pump => self.pump(),
            Msg::WarmWorker => {
                if let Some(worker) = self.worker() {
                    let query = crate::app::url::encode(&self.state);
                    if let Err(e) = worker::send_warm(&worker, &query) {
                        dom::log_error(&format!("worker warm-up: {e:?}"));
                    }
                }
            }
            Msg::TableDue => {
                self.table_timer = false;
                self.schedule_table();
            }
            Msg::Resized(key, width, height) => {
                if self.render.resized(key, width, height) {
                    self.schedule_render();
                }
            }
            Msg::Key(event) => self.on_key(&event),
            Msg::DataText(id, text) => {
                if let Some(area) = dom::find(&id) {
                    let _ = js_sys::Reflect::set(&area, &"value".into(), &text.as_str().into());
                }
                self.measured_changed(&id, &text);
            }
            Msg::FitUnrun(id) => self.fit_answered(id, Err(NO_WORKER.into())),
            Msg::DischargeUnrun(job) => {
                let answer = Err(NO_WORKER.into());
                if job.task == crate::app::design::discharge::model::Task::Fit {
                    self.discharge_fit_answered(job.id, answer);
                } else {
                    self.discharge_answered(job.id, answer, 0.0);
                }
            }
            Msg::DischargeFiles(kind, files) => {
                for file in files {
                    let read = dom::read_text_file(file, move |name, text| {
                        dispatch(Msg::DischargeText(kind, name, text))
                    });
                    if let Err(e) = read {
                        dom::log_error(&format!("cannot read the file: {e:?}"));
                    }
                }
            }
            Msg::DischargeText(kind, name, text) => {
                let state = self.state.clone();
                self.change(|app| app.discharge.take_text(&state, kind, &name, text));
            }
            Msg::MicroWorker(data) => self.on_micro_worker(data),
            Msg::MicroWorkerLost(why) => {
                self.micro.worker_lost(&why);
                self.schedule_render();
            }
            Msg::MicroFiles(files) => {
                if let Some(file) = files.into_iter().next() {
                    self.micro_start(micro::Task::Run, micro::Source::File(file));
                }
            }
        }
    }

    /// Changes the state with `change`, then schedules a render (which
    /// writes the URL unless `change` says a slider is still being moved).
    fn change(&mut self, change: impl FnOnce(&mut App)) {
        self.sliding = false;
        change(self);
        self.schedule_render();
    }

    /// Rewrites every control (values and visibility) from the state.
    fn sync_all(&mut self) {
        self.synced = None;
        controls::sync(&self.state, self.typing, &mut self.synced);
    }

    /// Requests one animation frame for rendering (coalescing many events).
    fn schedule_render(&mut self) {
        self.renders_asked = self.renders_asked.wrapping_add(1);
        self.table_only = false;
        self.request_frame();
    }

    /// Requests a frame that rewrites only the results table (a batch's
    /// answer for a spectrum not shown: the rest of the view is unchanged),
    /// unless a render is asked for already. While files are read, in the
    /// next frame: the table's rows are then created a few per frame, not
    /// all in one. While fits are answered, at most one per
    /// [`TABLE_PERIOD_MS`], the next one waiting in a timer.
    fn schedule_table(&mut self) {
        if self.frame_pending || self.table_timer {
            return;
        }
        let wait = match self.impedance.reading() {
            true => 0.0,
            false => self.table_written_ms + TABLE_PERIOD_MS - render::now_ms(),
        };
        if wait >= 1.0 {
            self.table_timer = true;
            after(wait.ceil() as i32, || Msg::TableDue);
        } else {
            self.table_only = true;
            self.request_frame();
        }
    }

    fn request_frame(&mut self) {
        if std::mem::replace(&mut self.frame_pending, true) {
            return;
        }
        if !in_next_frame(|| Msg::Frame) {
            self.frame_pending = false;
            self.render_now();
        }
    }

    /// Requests the next animation frame for the plots a render left for
    /// later (one drawn for the first time per frame), unless one is asked
    /// for already.
    fn request_plots_frame(&mut self) {
        if std::mem::replace(&mut self.plots_frame_pending, true) {
            return;
        }
        mark_plots_pending(true);
        if !in_next_frame(|| Msg::PendingPlots) {
            self.plots_frame_pending = false;
            after(0, || Msg::PendingPlots);
        }
    }

    /// Renders the current state now and schedules the save.
    #[inline(never)]
    fn render_now(&mut self) {
        let t0 = render::now_ms();
        controls::sync(&self.state, self.typing, &mut self.synced);
        let t1 = render::now_ms();
        let tab: Tab = self.state.choice();
        if tab == Tab::Micro && self.micro.session.is_fresh() {
            // The workspace shows its recipe's electrode when first opened
            // (a permalink or an embed reproduces it without a click).
            self.micro_start(micro::Task::Run, micro::Source::Recipe);
        }
        let view = match self.early_view.take() {
            Some((asked, view)) if asked == self.renders_asked => view,
            _ => self.view(),
        };
        let t2 = render::now_ms();
        if self.render.write(tab, &view) {
            self.request_plots_frame();
        }
        if tab == Tab::Impedance {
            if self.impedance.warm_up_due() {
                let _ = after_paint(|| Msg::WarmWorker);
            }
            if let Err(e) = self.impedance.write_batch(view.batch.as_ref()) {
                dom::log_error(&format!("render failed: {e:?}"));
            }
            self.sync_circuit();
            let worker = (self.impedance.loaded.len() > 1)
                .then(|| self.worker())
                .flatten();
            if let Err(e) = self.impedance.write_series(&self.state, worker) {
                dom::log_error(&format!("render failed: {e:?}"));
            }
        }
        if tab == Tab::Micro {
            if let Err(e) = self.micro.write() {
                dom::log_error(&format!("render failed: {e:?}"));
            }
        }
        // For the page benchmark: view model, DOM writes, controls (ms).
        let (model, dom_ms, sync) = (t2 - t1, render::now_ms() - t2, t1 - t0);
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            let _ = body.set_attribute("data-timing", &format!("{model:.2} {dom_ms:.2} {sync:.2}"));
        }
        if !self.sliding {
            self.schedule_save();
        }
        self.show_preset();
        if tab == Tab::Design {
            self.pump_discharge();
        }
    }

    /// Shows the loaded design's name in the preset picker while the design
    /// workspace is still exactly what it set; forgets it once an input
    /// changed.
    fn show_preset(&mut self) {
        let Some(id) = &self.preset else {
            return;
        };
        let loaded = crate::app::presets::still_loaded(&self.state, id);
        if let Some(select) =
            dom::find("preset-pick").and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            let shown = if loaded { id.as_str() } else { "" };
            if select.value() != shown {
                select.set_value(shown);
            }
        }
        if !loaded {
            self.preset = None;
        }
    }

    /// Reads the measured points typed, pasted or loaded into text box `id`.
    #[inline(never)]
    fn measured_changed(&mut self, id: &str, text: &str) {
        let (points, below_one) = match id {
            "m-rate" => (&mut self.measured.rate, false),
            "m-tau" => (&mut self.measured.tau, true),
            _ => return,
        };
        let message = match parse_points(text, below_one) {
            Ok(read) => {
                *points = read;
                String::new()
            }
            Err(why) => {
                points.clear();
                why
            }
        };
        if let Some(p) = dom::find(&format!("{id}-msg")) {
            dom::set_text(&p, &message);
        }
        for (button, shown) in [
            ("use-rate", !self.measured.rate.is_empty()),
            ("use-tau", !self.measured.tau.is_empty()),
        ] {
            if let Some(b) = dom::find(button) {
                dom::set_hidden(&b, !shown);
            }
        }
        self.schedule_render();
    }

    /// A key: the arrow keys read a focused plot out point by point, and step
    /// a focused number field as its slider would.
    #[inline(never)]
    fn on_key(&mut self, event: &web_sys::KeyboardEvent) {
        if self.render.key(event) {
            event.prevent_default();
            return;
        }
        let key = event.key();
        let up = match key.as_str() {
            "ArrowUp" | "PageUp" => 1.0,
            "ArrowDown" | "PageDown" => -1.0,
            _ => return,
        };
        let Some(field) = target_input(event) else {
            return;
        };
        let Some(input) = field.id().strip_prefix("in-").and_then(In::from_key) else {
            return;
        };
        event.prevent_default();
        let spec = input.spec();
        let steps = if key.starts_with("Page") || event.shift_key() {
            10.0
        } else {
            1.0
        };
        let (min, max, step) = spec.slider_range();
        let pos = (spec.to_slider(self.state.get(input)) + up * steps * step).clamp(min, max);
        let value = spec.from_slider(pos);
        let tab = self.state.choice();
        self.render.focus(tab, input);
        self.change(|app| {
            app.typing = None;
            match app.state.set(input, value) {
                Err(message) => controls::show_message(spec.key, &message),
                Ok(()) => controls::show_message(spec.key, ""),
            }
        });
    }

    /// The view of the shown workspace.
    fn view(&mut self) -> crate::app::view::View {
        match self.state.choice() {
            Tab::Impedance => self.impedance.view(&self.state),
            Tab::Design => self.discharge.view(&self.state, &self.measured),
            Tab::Micro => crate::app::micro::view::view(
                &self.state,
                &self.micro.session,
                self.simulated_tau(),
            ),
        }
    }

    /// Writes the current state to the URL, reporting a failure in the console.
    fn write_url(&mut self) {
        let prefix = embed::query_prefix(self.embed);
        if let Err(e) = persist::save_url(&self.state, &prefix, &mut self.written) {
            dom::log_error(&format!("could not save the state: {e:?}"));
        }
    }

    /// Cancels the pending URL write, if any.
    fn cancel_save(&mut self) {
        if let (Some(timer), Ok(window)) = (self.save_timer.take(), dom::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }

    /// Writes the URL `SAVE_DELAY_MS` after the last call.
    fn schedule_save(&mut self) {
        self.cancel_save();
        self.save_timer = after(SAVE_DELAY_MS, || Msg::SaveTimer);
    }

    #[inline(never)]
    fn on_input(&mut self, event: &Event) {
        let Some(element) = target_element(event) else {
            return;
        };
        let id = element.id();
        if id == "m-rate" || id == "m-tau" {
            let text = js_sys::Reflect::get(&element, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            return self.measured_changed(&id, &text);
        }
        if id == "circuit" {
            let text = target_input(event).map(|f| f.value()).unwrap_or_default();
            if let Some(text) = self.impedance.circuit.typed(&text) {
                self.ask_circuit(text);
            }
            return self.schedule_render();
        }
        if let Some(axis) = id.strip_prefix("depth-") {
            let depth = target_input(event).and_then(|f| f.value().parse::<usize>().ok());
            if let (Some(axis), Some(depth)) =
                (["x", "y", "z"].iter().position(|a| *a == axis), depth)
            {
                self.micro.set_depth(axis, depth);
            }
        } else if let Some(key) = id.strip_prefix("sl-") {
            let (Some(input), Some(field)) = (In::from_key(key), target_input(event)) else {
                return;
            };
            let Some(pos) = field.value().parse::<f64>().ok() else {
                return;
            };
            let value = input.spec().from_slider(pos);
            let tab = self.state.choice();
            self.render.focus(tab, input);
            self.change(|app| {
                app.typing = None;
                app.sliding = true;
                match app.state.set(input, value) {
                    Err(message) => controls::show_message(key, &message),
                    Ok(()) => controls::show_message(key, ""),
                }
            });
        } else if let Some(key) = id.strip_prefix("in-") {
            let (Some(input), Some(field)) = (In::from_key(key), target_input(event)) else {
                return;
            };
            let text = field.value();
            let tab = self.state.choice();
            self.render.focus(tab, input);
            self.change(|app| {
                app.typing = Some(input.spec().key);
                match app.state.set_text(input, &text) {
                    Ok(()) => controls::show_message(key, ""),
                    Err(message) => controls::show_message(
                        key,
                        &format!(
                            "{message} — still using {}",
                            controls::field_text(app.state.get(input))
                        ),
                    ),
                }
            });
        }
    }

    #[inline(never)]
    fn on_change(&mut self, event: &Event) {
        let Some(element) = target_element(event) else {
            return;
        };
        let id = element.id();
        if id.starts_with("cp-") {
            // A circuit parameter's start, bound or hold.
            if let Some(field) = element.dyn_ref::<HtmlInputElement>() {
                let (value, checked) = (field.value(), field.checked());
                self.impedance.circuit.cell(&id, &value, checked);
                self.schedule_render();
            }
        } else if id.starts_with("sl-") {
            // A slider released (or stepped with a key): its value goes into the URL.
            self.sliding = false;
            self.schedule_save();
        } else if id.starts_with("in-") {
            // Leaving a number field: show the value in use again.
            self.change(|app| {
                app.typing = None;
                app.synced = None; // write the value in use back into the field
            });
        } else if id == "file" || id == "micro-file" {
            let picked = element
                .dyn_ref::<HtmlInputElement>()
                .and_then(|i| i.files());
            if id == "file" {
                self.update(Msg::Files(files(picked)));
            } else {
                self.update(Msg::MicroFiles(files(picked)));
            }
        } else if let Some(&(_, kind)) = discharge::FILE_INPUTS.iter().find(|(i, _)| *i == id) {
            let field = element.dyn_ref::<HtmlInputElement>();
            self.update(Msg::DischargeFiles(
                kind,
                files(field.and_then(|i| i.files())),
            ));
            if let Some(field) = field {
                field.set_value(""); // the same file picked again is read again
            }
        } else if let Some(k) = element
            .get_attribute("data-series-t")
            .and_then(|k| k.parse::<usize>().ok())
        {
            let text = element
                .dyn_ref::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            self.impedance.set_temperature(k, &text);
            self.schedule_render();
        } else if id == "spectrum-pick" {
            let index = element
                .dyn_ref::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse::<usize>().ok())
                .unwrap_or(0);
            self.impedance.select(index);
            self.schedule_render();
        } else if id == "m-rate-file" || id == "m-tau-file" {
            let picked = element
                .dyn_ref::<HtmlInputElement>()
                .and_then(|i| i.files());
            if let Some(file) = files(picked).into_iter().next() {
                let area = id.trim_end_matches("-file").to_string();
                if let Err(e) = read_text(file, area) {
                    dom::log_error(&format!("cannot read the file: {e:?}"));
                }
            }
        } else if id == "preset-pick" || id == "material-pick" {
            let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let design = select.value();
            if id == "material-pick" {
                // A material is an edit, not a state: the picker is an action.
                select.set_value("");
            }
            if !design.is_empty() {
                self.load_design(&design);
            }
        } else if let Some(key) = element.get_attribute("data-choice") {
            let value = if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
                select.value()
            } else if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                input.value()
            } else {
                return;
            };
            self.set_choice(&key, &value);
        }
    }

    #[inline(never)]
    fn on_click(&mut self, event: &Event) {
        let Some(element) = target_element(event) else {
            return;
        };
        // A click anywhere on a row of the results table shows its spectrum.
        if let Some(row) = element
            .closest("#batch-table [data-row]")
            .ok()
            .flatten()
            .and_then(|r| r.get_attribute("data-row"))
            .and_then(|k| k.parse::<usize>().ok())
        {
            self.impedance.select(row);
            self.schedule_render();
            return;
        }
        // A click on a data point of the Nyquist plot masks or unmasks it.
        if let Some(mouse) = event.dyn_ref::<web_sys::MouseEvent>() {
            let dragged = self.render.take_dragged();
            if let Some((figure, px, py)) = self.render.on_plot(mouse, "nyquist") {
                if dragged {
                    return; // the end of a pan
                }
                let point = self
                    .impedance
                    .shown()
                    .and_then(|item| item.point_near(figure, px, py));
                if point.is_some_and(|k| self.impedance.toggle_point(k)) {
                    self.pump();
                    self.schedule_render();
                }
                return;
            }
        }
        if element.id() == "embed-open" {
            embed::open_full(&self.state);
            return;
        }
        let Ok(Some(button)) = element.closest("button") else {
            return;
        };
        if let (Some(key), Some(value)) = (
            button.get_attribute("data-choice"),
            button.get_attribute("data-value"),
        ) {
            return self.set_choice(&key, &value);
        }
        if let Some(design) = button.get_attribute("data-load") {
            return self.load_design(&design);
        }
        if let Some(k) = button
            .get_attribute("data-micro-use")
            .and_then(|k| k.parse::<usize>().ok())
        {
            return self.use_micro_row(k);
        }
        if let (Some(what), Some(plot)) = (
            button.get_attribute("data-zoom"),
            button.get_attribute("data-plot"),
        ) {
            return self.render.zoom_button(&plot, &what);
        }
        if let (Some(kind), Some(plot)) = (
            button.get_attribute("data-export"),
            button.get_attribute("data-plot"),
        ) {
            if let Some(figure) = self.render.figure(&plot) {
                if let Err(e) = export::figure(&kind, &plot, figure) {
                    dom::log_error(&format!("export failed: {e:?}"));
                }
            }
            return;
        }
        match button.id().as_str() {
            "reset" => self.reset(),
            "fit" => {
                self.impedance.restart();
                self.pump();
                self.schedule_render();
            }
            "fit-shown" => {
                self.impedance.refit_shown();
                self.pump();
                self.schedule_render();
            }
            "remove-spectrum" => {
                self.render.unzoom(None);
                self.impedance.remove_shown();
                self.schedule_render();
            }
            "mask-kk" => {
                self.impedance.mask_kk_outliers();
                self.pump();
                self.schedule_render();
            }
            "mask-range" => {
                let bound = |id: &str| -> Result<Option<f64>, String> {
                    let text = dom::input(id).map(|i| i.value()).unwrap_or_default();
                    let text = text.trim();
                    if text.is_empty() {
                        return Ok(None);
                    }
                    match text.parse::<f64>() {
                        Ok(f) if f > 0.0 && f.is_finite() => Ok(Some(f)),
                        _ => Err(format!("“{text}” is not a frequency in Hz (a number > 0)")),
                    }
                };
                match (bound("f-lo"), bound("f-hi")) {
                    (Ok(lo), Ok(hi)) => self.impedance.mask_range(lo, hi),
                    (Err(why), _) | (_, Err(why)) => {
                        render::show_notices(&[format!("Frequency range not applied: {why}.")])
                    }
                }
                self.pump();
                self.schedule_render();
            }
            "unmask" => {
                self.impedance.unmask_all();
                self.pump();
                self.schedule_render();
            }
            "clear-spectra" => {
                self.render.unzoom(None);
                self.impedance.clear();
                self.schedule_render();
            }
            "send-tau" => self.send_to_design(
                &button,
                "data-tau",
                In::TauMeasured,
                "τ",
                "from the impedance fit is now the design's measured τ",
            ),
            "drt-run" => {
                let worker = self.worker();
                if !self.impedance.ask_drt(worker, &self.state) {
                    self.impedance.drt.lost(NO_WORKER);
                }
                self.schedule_render();
            }
            "series-csv" => {
                if let Some(csv) = self.impedance.series_csv() {
                    if let Err(e) = export::download("ionpath-series.csv", &csv, "text/csv") {
                        dom::log_error(&format!("export failed: {e:?}"));
                    }
                }
            }
            "series-use-ea" => self.send_to_design(
                &button,
                "data-ea",
                In::ActivationEv,
                "E_A",
                "eV from the temperature series is now the design's activation energy of σ_i",
            ),
            "use-rate" | "use-tau" => {
                let measured = self.measured.clone();
                let rate = button.id() == "use-rate";
                self.change(|app| {
                    let result = if rate {
                        crate::app::design::data::use_rate_fit(&mut app.state, &measured)
                    } else {
                        crate::app::design::data::use_tau_fit(&mut app.state, &measured)
                    };
                    match result {
                        Ok(notice) => render::show_notices(&[notice]),
                        Err(why) => render::show_notices(&[format!("not used: {why}")]),
                    }
                });
            }
            "sweep-csv" => match controls::sweep(&self.state) {
                Ok((name, csv)) => {
                    if let Err(e) = export::download(&name, &csv, "text/csv") {
                        dom::log_error(&format!("export failed: {e:?}"));
                    }
                }
                Err(why) => {
                    if let Some(p) = dom::find("sweep-msg") {
                        dom::set_text(&p, &why);
                    }
                }
            },
            "dis-paste-use" => {
                let text = dom::find("dis-paste")
                    .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("value")).ok())
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                let state = self.state.clone();
                self.change(|app| {
                    let kind = discharge::FileKind::Measured;
                    app.discharge
                        .take_text(&state, kind, "pasted text", Ok(text))
                });
            }
            "dis-clear" => self.change(|app| app.discharge.clear_measured()),
            "dis-fit" => self.start_discharge_fit(),
            "dis-use-fit" => self.change(|app| {
                let notices = app.discharge.apply_fit(&mut app.state);
                render::show_notices(&notices);
            }),
            "dis-csv" | "dis-profiles-csv" => {
                let which = if button.id() == "dis-csv" {
                    "curves"
                } else {
                    "profiles"
                };
                if let Some(csv) = self.discharge.csv(which) {
                    let name = format!("ionpath-discharge-{which}.csv");
                    if let Err(e) = export::download(&name, &csv, "text/csv") {
                        dom::log_error(&format!("export failed: {e:?}"));
                    }
                }
            }
            "spectrum-csv" => {
                if let Some(csv) = self.impedance.spectrum_csv() {
                    if let Err(e) = export::download("ionpath-spectrum.csv", &csv, "text/csv") {
                        dom::log_error(&format!("export failed: {e:?}"));
                    }
                }
            }
            "batch-csv" => {
                let csv = self.impedance.csv(&self.state);
                if let Err(e) = export::download("ionpath-fits.csv", &csv, "text/csv") {
                    dom::log_error(&format!("export failed: {e:?}"));
                }
            }
            "micro-run" => self.micro_start(micro::Task::Run, micro::Source::Recipe),
            "micro-rerun" => self.micro_start(micro::Task::Run, micro::Source::Shown),
            "micro-sweep" => self.micro_start(micro::Task::Sweep, micro::Source::Recipe),
            "micro-eis" => self.micro_start(micro::Task::Impedance, micro::Source::Shown),
            "micro-tiff" => self.micro_start(micro::Task::Tiff, micro::Source::Shown),
            "micro-cancel" => {
                self.micro
                    .stop("Cancelled: the results that had arrived are shown.");
                self.schedule_render();
            }
            "micro-csv" => {
                let csv = crate::app::micro::rows::results_csv(&self.micro.session);
                if let Err(e) = export::download("ionpath-microstructure.csv", &csv, "text/csv") {
                    dom::log_error(&format!("export failed: {e:?}"));
                }
            }
            "micro-use-bruggeman" => self.use_bruggeman(&button),
            "copy-embed" => {
                if let Err(e) = embed::copy_code(&self.state) {
                    dom::log_error(&format!("embed code: {e:?}"));
                }
            }
            _ => {}
        }
    }

    fn reset(&mut self) {
        if let Err(e) = persist::clear(&mut self.written) {
            dom::log_error(&format!("{e:?}"));
        }
        self.impedance.clear();
        self.impedance.circuit = Default::default();
        self.render.unzoom(None);
        self.change(|app| {
            app.state = State::default();
            app.typing = None;
        });
        for spec in crate::app::inputs::INPUTS.iter() {
            controls::show_message(spec.key, "");
        }
        render::show_notices(&["all inputs reset to their defaults".to_string()]);
    }

    fn set_choice(&mut self, key: &str, value: &str) {
        let Some(choice) = Ch::from_key(key) else {
            return;
        };
        if choice == Ch::ZView {
            self.render.unzoom(Some("nyquist")); // the automatic view chosen
        }
        self.change(|app| {
            if let Err(message) = app.state.set_choice(choice, value) {
                dom::log_error(&message);
            }
            // An OCP from the library brings its c_max.
            if let Some(notice) =
                crate::app::design::discharge::model::ocp_chosen(&mut app.state, choice)
            {
                render::show_notices(&[notice]);
            }
        });
    }

    /// Loads a published design or library material (see `app::presets`).
    fn load_design(&mut self, id: &str) {
        let preset = (id.starts_with("p:") || id.starts_with("t1:")).then(|| id.to_string());
        self.change(|app| match crate::app::presets::apply(&mut app.state, id) {
            Ok(notices) => {
                app.preset = preset;
                render::show_notices(&notices);
            }
            Err(why) => render::show_notices(&[why]),
        });
    }

    /// Puts the number in `button`'s data attribute `attr` into the design
    /// workspace's input `input` (a measured τ also makes τ the measured
    /// one), shows the design and says so ("`name` = value `from`", where
    /// `from` starts with the unit if any), or why `name` was not taken.
    fn send_to_design(&mut self, button: &Element, attr: &str, input: In, name: &str, from: &str) {
        let Some(value) = button
            .get_attribute(attr)
            .and_then(|t| t.parse::<f64>().ok())
        else {
            return;
        };
        self.change(|app| match app.state.set(input, value) {
            Ok(()) => {
                if input == In::TauMeasured {
                    app.state.select(TauMode::Measured);
                }
                app.state.select(Tab::Design);
                render::show_notices(&[format!(
                    "{name} = {} {from}",
                    crate::app::format::number(value)
                )]);
            }
            Err(why) => render::show_notices(&[format!("{name} was not taken: {why}")]),
        });
    }

    /// The page worker, started on first use.
    fn worker(&mut self) -> Option<web_sys::Worker> {
        self.impedance.worker(|| {
            worker::create(
                "./worker.js",
                |data| dispatch(Msg::Worker(data)),
                || dispatch(Msg::WorkerLost("the worker script failed".into())),
            )
        })
    }

    /// Asks the worker to read the state's circuit when it has not been
    /// read for the spectrum shown, and writes the builder.
    fn sync_circuit(&mut self) {
        let shown = self.impedance.loaded.get(self.impedance.selected);
        if let Some(text) = self.impedance.circuit.wanted(&self.state, shown) {
            self.ask_circuit(text);
        }
        if let Err(e) = self.impedance.circuit.write(&self.state) {
            dom::log_error(&format!("render failed: {e:?}"));
        }
    }

    /// Sends circuit `text` to the worker to be read (the preview).
    fn ask_circuit(&mut self, text: String) {
        let worker = self.worker();
        let id = self.impedance.queue.next_id();
        let shown = self.impedance.loaded.get(self.impedance.selected);
        self.impedance.circuit.ask(worker.as_ref(), id, text, shown);
    }

    /// Reads `file`: in the worker if there is one, else on the page.
    fn read(&mut self, file: File) {
        let worker = self.worker();
        if self.impedance.send_read(worker, &file) {
            return;
        }
        let name = file.name();
        self.impedance.read_refused(&name);
        dispatch(Msg::FileRead(name, Err(NO_WORKER.into())));
    }

    /// Reads `files`, [`READ_CHUNK`] of them in this task and the rest in
    /// later ones.
    fn read_files(&mut self, mut files: Vec<File>) {
        let rest = files.split_off(READ_CHUNK.min(files.len()));
        for file in files {
            self.read(file);
        }
        if !rest.is_empty() {
            after(0, move || Msg::ReadFiles(rest));
        }
    }

    fn add_spectra(&mut self, name: &str, result: Result<Vec<Spectrum>, String>) {
        if self.impedance.add_spectra(name, result) {
            // A big spectrum just added is copied again to be sent: in a task of its own.
            after(0, || Msg::Pump);
        }
        // Files picked together: the table grows as each is read, the
        // plots are drawn once, when the last one is in.
        if self.impedance.reading() {
            self.schedule_table();
        } else {
            self.schedule_render();
        }
    }

    /// Starts the next queued fit unless one is under way, or holds it
    /// back while a heavy frame is due ([`App::heavy_frame_due`]).
    fn pump(&mut self) {
        if self.heavy_frame_due() {
            self.fit_held = true;
            return;
        }
        let worker = self.worker();
        if let Some(impedance::Run::OnPage(id)) = self.impedance.start_next(&self.state, worker) {
            after(0, move || Msg::FitUnrun(id));
        }
    }

    /// True while a full render or a plot's first drawing waits for its
    /// frame in a visible page. The next fit is held back until that frame
    /// is painted: the worker's fit would take one of the two cores of a
    /// small machine, the browser's compilation of the fit code the other,
    /// and the frame (the first batch's table and plots: 10–30 ms of CPU)
    /// waited for a core, as a task of 50–130 ms (docs/BENCHMARKS.md,
    /// "Impedance batch on the page").
    fn heavy_frame_due(&self) -> bool {
        ((self.frame_pending && !self.table_only) || self.plots_frame_pending)
            && !dom::document().is_ok_and(|d| d.hidden())
    }

    /// Starts the fit held back by [`App::pump`], in a task after the
    /// current one (called in an animation frame: after its paint).
    fn release_fit(&mut self) {
        if std::mem::take(&mut self.fit_held) {
            after(0, || Msg::Pump);
        }
    }

    fn fit_answered(
        &mut self,
        id: u32,
        result: Result<crate::app::impedance::model::Outcome, String>,
    ) {
        let index = self.impedance.queue.in_flight(id).map(|job| job.index);
        if self.impedance.fit_answered(id, result) {
            // While a batch streams in, an answer for a spectrum not shown
            // changes only its row of the table.
            if self.impedance.queue.busy() && index != Some(self.impedance.selected) {
                self.schedule_table();
            } else {
                self.schedule_render();
            }
            self.pump();
        }
    }

    /// Sends the next discharge job (one in flight at a time): to the
    /// worker, or to the page in a timer tick of its own.
    fn pump_discharge(&mut self) {
        if self.state.choice::<Tab>() != Tab::Design {
            return;
        }
        let worker = self.worker();
        if let Some(job) = self.discharge.next(worker.as_ref()) {
            after(0, move || Msg::DischargeUnrun(Box::new(job)));
        }
    }

    fn discharge_answered(
        &mut self,
        id: u32,
        result: Result<crate::app::design::discharge::model::Answer, String>,
        ms: f64,
    ) {
        if self.discharge.answered(id, result, ms) {
            self.schedule_render();
        }
        self.pump_discharge();
    }

    fn discharge_fit_answered(
        &mut self,
        id: u32,
        result: Result<crate::app::design::discharge::model::Answer, String>,
    ) {
        if self.discharge.fit_answered(id, result) {
            self.schedule_render();
        }
    }

    /// Starts the fit of the discharge model to the measured curves.
    fn start_discharge_fit(&mut self) {
        let worker = self.worker();
        let state = self.state.clone();
        match self.discharge.start_fit(&state, worker.as_ref()) {
            Ok(Some(job)) => {
                after(0, move || Msg::DischargeUnrun(Box::new(job)));
            }
            Ok(None) => {}
            Err(why) => render::show_notices(&[why]),
        }
        self.schedule_render();
    }

    #[inline(never)]
    fn on_worker(&mut self, data: JsValue) {
        let reply = match worker::reply(data) {
            Ok(reply) => reply,
            Err(why) => return dom::log_error(&format!("a worker message was unreadable: {why}")),
        };
        match reply.kind.as_str() {
            "read" => {
                self.impedance.read_answered(reply.id, &reply.name);
                let result = match &reply.error {
                    Some(why) => Err(why.clone()),
                    None => worker::spectra(&reply),
                };
                self.add_spectra(&reply.name, result);
            }
            "fit" => {
                let result = match (reply.error, reply.outcome) {
                    (Some(why), _) => Err(why),
                    (None, Some(outcome)) if outcome.intervals_pending => {
                        if self.impedance.fit_first_answered(reply.id, outcome) {
                            self.schedule_render();
                        }
                        return;
                    }
                    (None, Some(outcome)) => Ok(outcome),
                    (None, None) => Err("the worker sent no outcome".into()),
                };
                self.fit_answered(reply.id, result);
            }
            "circuit" => {
                let result = worker::preview(&reply);
                let circuit = &mut self.impedance.circuit;
                if circuit.answered(reply.id, result, &mut self.state) {
                    self.schedule_render();
                }
            }
            "series" => {
                let result = worker::series_answer(&reply);
                if self.impedance.series_answered(reply.id, result) {
                    self.schedule_render();
                }
            }
            "drt" => {
                let result = worker::drt_answer(&reply);
                if self.impedance.drt_answered(reply.id, result) {
                    self.schedule_render();
                }
            }
            "discharge" | "fit-discharge" => {
                let result = worker::discharge_answer(&reply);
                if reply.kind == "discharge" {
                    self.discharge_answered(reply.id, result, reply.ms.unwrap_or(0.0));
                } else {
                    self.discharge_fit_answered(reply.id, result);
                }
            }
            "broken" => {
                let why = reply.message.unwrap_or_else(|| "the worker broke".into());
                self.update(Msg::WorkerLost(why));
            }
            _ => {}
        }
    }
}

impl App {
    /// Starts a microstructure job in the workspace's own worker.
    fn micro_start(&mut self, task: micro::Task, source: micro::Source) {
        self.micro.start(task, &self.state, source, || {
            worker::create(
                "./micro-worker.js",
                |data| dispatch(Msg::MicroWorker(data)),
                || dispatch(Msg::MicroWorkerLost("the worker script failed".into())),
            )
        });
        self.schedule_render();
    }

    #[inline(never)]
    fn on_micro_worker(&mut self, data: JsValue) {
        let broken = js_sys::Reflect::get(&data, &"kind".into())
            .ok()
            .and_then(|k| k.as_string())
            .is_some_and(|k| k == "broken");
        if broken {
            let why = js_sys::Reflect::get(&data, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "the worker broke".into());
            return self.update(Msg::MicroWorkerLost(why));
        }
        match self.micro.on_message(data) {
            micro::After::Nothing | micro::After::Progress => {}
            micro::After::Render => self.schedule_render(),
            micro::After::Download(name, bytes) => {
                if let Err(e) = export::download_bytes(&name, &bytes, "image/tiff") {
                    dom::log_error(&format!("export failed: {e:?}"));
                }
                self.schedule_render();
            }
            micro::After::Spectrum(s) => self.take_simulated(s),
        }
    }

    /// Puts row `k` of the microstructure results into the design
    /// workspace: its τ as the measured τ and, for the SE of an electrode
    /// with the generator's labels, its composition as volume fractions
    /// (so the design's ε is the structure's).
    fn use_micro_row(&mut self, k: usize) {
        let Some((tau, eps, fractions, what)) = self.micro.use_row(k) else {
            return;
        };
        self.change(|app| {
            let mut notices = Vec::new();
            match app.state.set(In::TauMeasured, tau) {
                Ok(()) => {
                    app.state.select(TauMode::Measured);
                    notices.push(format!(
                        "τ = {} of the {what} is now the design's measured τ",
                        crate::app::format::number(tau)
                    ));
                }
                Err(why) => notices.push(format!("τ was not taken: {why}")),
            }
            if let (Some([am, se, carbon, voids]), true) = (fractions, what.starts_with("SE ")) {
                let solid = am + se + carbon;
                let parts = [am / solid, se / solid, carbon / solid].map(|f| 100.0 * f);
                let group = [In::AmPct, In::SePct, In::CarbonPct];
                let porosity = app.state.set(In::PorosityPct, 100.0 * voids);
                if solid > 0.0
                    && porosity.is_ok()
                    && app.state.set_fractions_normalised(&group, &parts)
                {
                    app.state.select(Basis::Volume);
                    notices.push(format!(
                        "its composition too: ε = {} (dense volume % and porosity)",
                        crate::app::format::number(eps)
                    ));
                }
            }
            app.state.select(Tab::Design);
            render::show_notices(&notices);
        });
    }

    /// Puts the sweep's Bruggeman α and k (the button's data) into the design.
    fn use_bruggeman(&mut self, button: &Element) {
        let value = |name| {
            button
                .get_attribute(name)
                .and_then(|v| v.parse::<f64>().ok())
        };
        let (Some(alpha), Some(k)) = (value("data-alpha"), value("data-k")) else {
            return;
        };
        self.change(|app| {
            let taken = app
                .state
                .set(In::Alpha, alpha)
                .and_then(|()| app.state.set(In::BruggemanK, k));
            match taken {
                Ok(()) => {
                    app.state.select(TauMode::Bruggeman);
                    app.state.select(Tab::Design);
                    render::show_notices(&[format!(
                        "the design now takes τ = {}·ε^−{} from the sweep",
                        crate::app::format::number(k),
                        crate::app::format::number(alpha)
                    )]);
                }
                Err(why) => render::show_notices(&[format!("α and k were not taken: {why}")]),
            }
        });
    }

    /// The simulated spectrum of the volume shown: into the impedance
    /// workspace as a loaded spectrum, for an electrode of the workspace's
    /// area made of copies of the box side by side (Z·A_box/A), with the
    /// box's thickness, SE fraction and σ_i as its geometry, the ion–electron
    /// layout and a double layer; then fitted there like any spectrum.
    fn take_simulated(&mut self, s: crate::app::micro::model::SimulatedSpectrum) {
        let area_cm2 = self.state.get(In::ZAreaCm2);
        let scale = s.area_cm2 / area_cm2;
        let name = match &self.micro.session.volume {
            Some((meta, _)) => format!("simulated: {}", meta.name),
            None => "simulated microstructure".to_string(),
        };
        let spectrum = Spectrum {
            label: name.clone(),
            freq_hz: s.freq_hz,
            z_ohm: s
                .z_re_ohm
                .iter()
                .zip(&s.z_im_ohm)
                .map(|(&re, &im)| num_complex::Complex64::new(re * scale, im * scale))
                .collect(),
        };
        self.change(|app| {
            let mut refused = Vec::new();
            for (input, value) in [
                (In::ZThicknessUm, crate::units::cm_to_um(s.thickness_cm)),
                (In::ZEpsilon, s.epsilon),
                (In::ZSigmaIMs, app.state.get(In::MicroSigmaMs)),
            ] {
                if let Err(why) = app.state.set(input, value) {
                    refused.push(why);
                }
            }
            app.state.select(crate::impedance::Layout::IonElectron);
            app.state.select(crate::fit::InterfaceKind::Capacitor);
            app.state.select(crate::fit::IonicRail::Larger);
            app.state.select(ZMode::Fit);
            app.state.select(Tab::Impedance);
            let mut notices = vec![format!(
                "the simulated spectrum of the structure is fitted here as {} cm² of it, with its thickness, SE fraction and σ_i",
                crate::app::format::number(area_cm2)
            )];
            notices.extend(refused);
            render::show_notices(&notices);
        });
        self.micro.spectrum_name = Some(name.clone());
        self.add_spectra(&name, Ok(vec![spectrum]));
    }

    /// τ from the fit of the simulated spectrum in the impedance workspace:
    /// None before a simulation, an error while it is fitted or if it failed.
    fn simulated_tau(&self) -> Option<crate::app::micro::view::EisTau> {
        let name = self.micro.spectrum_name.as_ref()?;
        let item = self
            .impedance
            .loaded
            .iter()
            .rev()
            .find(|l| &l.file == name)?;
        Some(match &item.outcome {
            None => Err("being fitted in the impedance workspace…".into()),
            Some(Err(why)) => Err(why.clone()),
            Some(Ok(outcome)) => {
                let (_, derived) =
                    crate::app::impedance::model::derived_for(&self.state, &outcome.report);
                derived.map(|d| d.tortuosity.value)
            }
        })
    }
}

/// Reads `file` as text; it arrives as [`Msg::DataText`] for text box `area`
/// (empty when it cannot be read).
fn read_text(file: File, area: String) -> Result<(), JsValue> {
    dom::read_text_file(file, move |_, text| {
        dispatch(Msg::DataText(area, text.unwrap_or_default()))
    })
}
