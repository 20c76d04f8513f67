//! The impedance workspace's browser side: reading files (picker and
//! drag-and-drop) and fitting them in the page worker (`super::worker`),
//! with progress while a file is read or a batch is fitted, the results
//! table of every spectrum, and handing τ to the design workspace. Without
//! a worker the same jobs run on the main thread, one fit per timer tick.

use crate::app::choices::{Tab, TauMode, ZMode};
use std::cell::RefCell;
use std::collections::VecDeque;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, File, FileList, FileReader, Worker};

use super::dom::{create, create_text, find, input, set_hidden, window};
use crate::app::batch::{batch_table, BatchTable};
use crate::app::impedance::model::{fit_one, Loaded, Outcome};
use crate::app::{In, State};
use crate::spectrum::Spectrum;

/// Most spectra kept at once.
const MAX_SPECTRA: usize = 50;

/// A fit under way (in the worker or on a timer tick).
struct Job {
    id: u32,
    index: usize,
    generation: u32,
    state: State,
}

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

#[derive(Default)]
struct Spectra {
    link: Link,
    /// The id of the last message to the worker.
    last_id: u32,
    loaded: Vec<Loaded>,
    selected: usize,
    /// Fits still to run (indices into `loaded`).
    queue: VecDeque<usize>,
    in_flight: Option<Job>,
    /// Bumped when Fit restarts the batch: older results are dropped.
    generation: u32,
    done: usize,
    total: usize,
    /// Files the worker is reading, with their size in bytes.
    reading: Vec<(String, f64)>,
    /// The last file refused since files were last picked.
    error: Option<String>,
    /// Spectra left out because [`MAX_SPECTRA`] were loaded.
    left_out: usize,
    /// The table as last written.
    table: Option<BatchTable>,
}

thread_local! {
    static SPECTRA: RefCell<Spectra> = RefCell::new(Spectra::default());
}

/// The impedance view for the current state and loaded spectra.
pub fn view(state: &State) -> crate::app::view::View {
    SPECTRA.with(|s| {
        let s = s.borrow();
        let mut view = crate::app::impedance::view::view(state, &s.loaded, s.selected);
        if state.choice::<ZMode>() == ZMode::Fit && !s.loaded.is_empty() {
            view.batch = Some(batch_table(state, &s.loaded, s.selected));
        }
        view
    })
}

/// A fresh message id.
fn next_id() -> u32 {
    SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        s.last_id = s.last_id.wrapping_add(1);
        s.last_id
    })
}

/// The worker, started on first use; None if there is none to be had.
fn worker() -> Option<Worker> {
    SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        if matches!(s.link, Link::Untried) {
            s.link = match super::worker::create(on_reply, || lost("the worker script failed")) {
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
        match &s.link {
            Link::Up { worker, .. } => Some(worker.clone()),
            _ => None,
        }
    })
}

/// Gives up on the worker: its pending jobs go back to the page.
fn lost(why: &str) {
    let reads = SPECTRA.with(
        |s| match std::mem::replace(&mut s.borrow_mut().link, Link::Down) {
            Link::Up { worker, reads } => {
                worker.terminate();
                Some(reads.into_iter().map(|(_, f)| f).collect::<Vec<_>>())
            }
            _ => None,
        },
    );
    if let Some(reads) = reads {
        super::dom::log_error(&format!("{why}; working on the page instead"));
        worker_lost(reads);
    }
}

/// A message from the worker.
fn on_reply(data: JsValue) {
    let reply = match super::worker::reply(data) {
        Ok(reply) => reply,
        Err(why) => {
            return super::dom::log_error(&format!("a worker message was unreadable: {why}"))
        }
    };
    match reply.kind.as_str() {
        "read" => {
            SPECTRA.with(|s| {
                if let Link::Up { reads, .. } = &mut s.borrow_mut().link {
                    reads.retain(|(k, _)| *k != reply.id);
                }
            });
            let result = match &reply.error {
                Some(why) => Err(why.clone()),
                None => super::worker::spectra(&reply),
            };
            read_done(&reply.name, result);
        }
        "fit" => {
            let result = match (reply.error, reply.outcome) {
                (Some(why), _) => Err(why),
                (None, Some(outcome)) => Ok(outcome),
                (None, None) => Err("the worker sent no outcome".into()),
            };
            fit_done(reply.id, result);
        }
        "broken" => lost(reply.message.as_deref().unwrap_or("the worker broke")),
        _ => {}
    }
}

/// Wires the file picker, the drop zone, the spectrum picker and the table.
pub fn install() -> Result<(), JsValue> {
    if let Some(picker) = find("file") {
        let closure = Closure::<dyn FnMut(Event)>::new(|_event: Event| {
            if let Some(files) = input("file").and_then(|i| i.files()) {
                read_files(&files);
            }
        });
        picker.add_event_listener_with_callback("change", closure.as_ref().unchecked_ref())?;
        closure.forget();
    }
    if let Some(zone) = find("drop") {
        for kind in ["dragenter", "dragover"] {
            let closure =
                Closure::<dyn FnMut(web_sys::DragEvent)>::new(|event: web_sys::DragEvent| {
                    event.prevent_default();
                    if let Some(zone) = find("drop") {
                        let _ = zone.class_list().add_1("over");
                    }
                });
            zone.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
            closure.forget();
        }
        let leave = Closure::<dyn FnMut(Event)>::new(|_event: Event| {
            if let Some(zone) = find("drop") {
                let _ = zone.class_list().remove_1("over");
            }
        });
        zone.add_event_listener_with_callback("dragleave", leave.as_ref().unchecked_ref())?;
        leave.forget();
        let drop = Closure::<dyn FnMut(web_sys::DragEvent)>::new(|event: web_sys::DragEvent| {
            event.prevent_default();
            if let Some(zone) = find("drop") {
                let _ = zone.class_list().remove_1("over");
            }
            if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
                read_files(&files);
            }
        });
        zone.add_event_listener_with_callback("drop", drop.as_ref().unchecked_ref())?;
        drop.forget();
    }
    if let Some(pick) = find("spectrum-pick") {
        let closure = Closure::<dyn FnMut(Event)>::new(|_event: Event| {
            let index = find("spectrum-pick")
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok())
                .unwrap_or(0);
            select(index);
        });
        pick.add_event_listener_with_callback("change", closure.as_ref().unchecked_ref())?;
        closure.forget();
    }
    if let Some(table) = find("batch-table") {
        // A click anywhere on a row (or its file button) shows that spectrum.
        let closure = Closure::<dyn FnMut(Event)>::new(|event: Event| {
            let row = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("[data-row]").ok().flatten())
                .and_then(|r| r.get_attribute("data-row"))
                .and_then(|k| k.parse::<usize>().ok());
            if let Some(index) = row {
                select(index);
            }
        });
        table.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())?;
        closure.forget();
    }
    Ok(())
}

/// Shows spectrum `index` in the plots and parameter table.
fn select(index: usize) {
    SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        if index < s.loaded.len() {
            s.selected = index;
        }
    });
    if let Some(pick) =
        find("spectrum-pick").and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        pick.set_value(&index.to_string());
    }
    super::schedule_render();
}

/// Handles the buttons of this workspace; true if the button was one.
pub fn on_click(id: &str) -> bool {
    match id {
        "fit" => start_fits(),
        "send-tau" => send_tau(),
        "batch-csv" => export_csv(),
        _ => return false,
    }
    true
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

/// Reads every file of `files`: in the worker if there is one, else on the
/// page (one `FileReader` each).
fn read_files(files: &FileList) {
    SPECTRA.with(|s| s.borrow_mut().error = None);
    for k in 0..files.length() {
        if let Some(file) = files.item(k) {
            read_one(file);
        }
    }
    show_progress();
}

fn read_one(file: File) {
    if let Some(worker) = worker() {
        let id = next_id();
        if super::worker::send_read(&worker, id, &file).is_ok() {
            SPECTRA.with(|s| {
                let mut s = s.borrow_mut();
                s.reading.push((file.name(), file.size()));
                if let Link::Up { reads, .. } = &mut s.link {
                    reads.push((id, file));
                }
            });
            return;
        }
    }
    if let Err(e) = read_on_page(file) {
        set_status(&format!("Cannot read the file: {e:?}"), true);
    }
}

fn read_on_page(file: File) -> Result<(), JsValue> {
    let reader = FileReader::new()?;
    let name = file.name();
    let source = reader.clone();
    let onload = Closure::once_into_js(move || {
        let bytes = source
            .result()
            .map(|r| js_sys::Uint8Array::new(&r).to_vec())
            .unwrap_or_default();
        let result = crate::io::read_bytes(&name, &bytes).map_err(|e| e.to_string());
        add_spectra(&name, result);
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    reader.read_as_array_buffer(&file)?;
    Ok(())
}

/// The worker has read file `name` (or refused it).
fn read_done(name: &str, result: Result<Vec<Spectrum>, String>) {
    SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(k) = s.reading.iter().position(|(n, _)| n == name) {
            s.reading.remove(k);
        }
    });
    add_spectra(name, result);
}

/// The worker is gone: re-read its files and rerun its fit on the page.
fn worker_lost(files: Vec<File>) {
    let job = SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        s.reading.clear();
        s.in_flight.take()
    });
    if let Some(job) = job {
        SPECTRA.with(|s| {
            let mut s = s.borrow_mut();
            if job.generation == s.generation {
                s.queue.push_front(job.index);
            }
        });
    }
    for file in files {
        read_one(file);
    }
    pump();
}

/// Adds one file's spectra (or shows why it was refused) and queues their fits.
fn add_spectra(name: &str, result: Result<Vec<Spectrum>, String>) {
    match result {
        Ok(spectra) => {
            let count = spectra.len();
            let added = SPECTRA.with(|s| {
                let mut s = s.borrow_mut();
                let first_new = s.loaded.len();
                for (k, spectrum) in spectra.into_iter().enumerate() {
                    if s.loaded.len() < MAX_SPECTRA {
                        s.loaded.push(Loaded {
                            file: name.to_string(),
                            index: k + 1,
                            spectrum,
                            outcome: None,
                        });
                    } else {
                        s.left_out += 1;
                    }
                }
                s.selected = first_new.min(s.loaded.len().saturating_sub(1));
                let added: Vec<usize> = (first_new..s.loaded.len()).collect();
                s.total += added.len();
                s.queue.extend(added.iter().copied());
                added.len()
            });
            if added > 0 && SPECTRA.with(|s| s.borrow().error.is_none()) {
                set_status(&format!("Loaded {count} spectrum(s) from {name}."), false);
            }
            fill_picker();
            pump_soon();
        }
        Err(why) => {
            let message = format!("Cannot use {name}: {why}");
            set_status(&message, true);
            SPECTRA.with(|s| s.borrow_mut().error = Some(message));
        }
    }
    show_progress();
    super::schedule_render();
}

/// Lists the loaded spectra in the picker (text only).
fn fill_picker() {
    let Some(select) = find("spectrum-pick") else {
        return;
    };
    select.set_text_content(None);
    SPECTRA.with(|s| {
        let s = s.borrow();
        for (k, item) in s.loaded.iter().enumerate() {
            if let Ok(option) = create_text("option", "", &item.spectrum.label) {
                let _ = option.set_attribute("value", &k.to_string());
                if k == s.selected {
                    let _ = option.set_attribute("selected", "");
                }
                let _ = select.append_child(&option);
            }
        }
        set_hidden(&select, s.loaded.len() < 2);
    });
}

/// Fits every loaded spectrum again (the Fit button).
fn start_fits() {
    SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        s.generation = s.generation.wrapping_add(1);
        s.queue = (0..s.loaded.len()).collect();
        s.done = 0;
        s.total = s.queue.len();
        for item in s.loaded.iter_mut() {
            item.outcome = None;
        }
    });
    show_progress();
    pump();
    super::schedule_render();
}

/// [`pump`] in a task of its own (a big spectrum just added is copied
/// again to be sent, which need not share a task with its arrival).
fn pump_soon() {
    let closure = Closure::once_into_js(pump);
    if let Ok(window) = window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
    }
}

/// Starts the next queued fit unless one is under way.
fn pump() {
    let job = SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        if s.in_flight.is_some() {
            return None;
        }
        let index = s.queue.pop_front()?;
        s.loaded.get(index)?;
        s.last_id = s.last_id.wrapping_add(1);
        let id = s.last_id;
        let state = super::current_state();
        s.in_flight = Some(Job {
            id,
            index,
            generation: s.generation,
            state: state.clone(),
        });
        Some((id, index, state))
    });
    let Some((id, index, state)) = job else {
        return;
    };
    if let Some(worker) = worker() {
        // The spectrum is copied straight into the message, not cloned first.
        let query = crate::app::url::encode(&state);
        let sent = SPECTRA.with(|s| match s.borrow().loaded.get(index) {
            Some(l) => super::worker::send_fit(&worker, id, query, &l.spectrum).is_ok(),
            None => false,
        });
        if sent {
            return;
        }
    }
    let Some(spectrum) = SPECTRA.with(|s| s.borrow().loaded.get(index).map(|l| l.spectrum.clone()))
    else {
        return;
    };
    // On the page: one fit per timer tick, so the browser renders in between.
    let closure = Closure::once_into_js(move || {
        let outcome = fit_one(&state, &spectrum).map_err(|e| e.to_string());
        finish(id, outcome);
    });
    if let Ok(window) = window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
    }
}

/// The worker's answer to fit `id`.
fn fit_done(id: u32, result: Result<Outcome, String>) {
    let outcome = SPECTRA.with(|s| {
        let s = s.borrow();
        let job = s.in_flight.as_ref().filter(|j| j.id == id)?;
        let spectrum = &s.loaded.get(job.index)?.spectrum;
        Some(result.and_then(|outcome| {
            outcome
                .arrived(&job.state, spectrum)
                .map_err(|e| e.to_string())
        }))
    });
    if let Some(outcome) = outcome {
        finish(id, outcome);
    }
}

/// Records the outcome of fit `id` and starts the next.
fn finish(id: u32, outcome: Result<Outcome, String>) {
    let taken = SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        if s.in_flight.as_ref().map(|j| j.id) != Some(id) {
            return false;
        }
        let Some(job) = s.in_flight.take() else {
            return false;
        };
        if job.generation == s.generation {
            if let Some(item) = s.loaded.get_mut(job.index) {
                item.outcome = Some(outcome);
                s.done += 1;
            }
        }
        true
    });
    if taken {
        show_progress();
        super::schedule_render();
        pump();
    }
}

/// The progress bar and status: indefinite while files are read, done of
/// total while fitting; a refused file's message stays until files are picked again.
fn show_progress() {
    let (reading, done, total, busy, error, left_out) = SPECTRA.with(|s| {
        let s = s.borrow();
        (
            s.reading.clone(),
            s.done,
            s.total,
            s.in_flight.is_some() || !s.queue.is_empty(),
            s.error.clone(),
            s.left_out,
        )
    });
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
    let mut text = if let Some((name, bytes)) = reading.first() {
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
    if left_out > 0 {
        text.push_str(&format!(
            " {left_out} spectra were left out: at most {MAX_SPECTRA} are kept."
        ));
    }
    set_status(&text, false);
}

/// Writes the results table (text cells only) if it changed.
pub fn write_batch(table: Option<&BatchTable>) -> Result<(), JsValue> {
    let (Some(host), Some(box_)) = (find("batch-table"), find("batch")) else {
        return Ok(());
    };
    let same = SPECTRA.with(|s| s.borrow().table.as_ref() == table);
    if same {
        return Ok(());
    }
    SPECTRA.with(|s| s.borrow_mut().table = table.cloned());
    host.set_text_content(None);
    set_hidden(&box_, table.is_none());
    let Some(table) = table else { return Ok(()) };
    let element = super::dom::table_with_header(&table.header)?;
    for row in &table.rows {
        let tr = create(
            "tr",
            if row.loaded == table.selected {
                "selected"
            } else {
                ""
            },
        )?;
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
        element.append_child(&tr)?;
    }
    host.append_child(&element)?;
    Ok(())
}

/// Downloads the results table as CSV.
fn export_csv() {
    let state = super::current_state();
    let csv = SPECTRA.with(|s| {
        let s = s.borrow();
        batch_table(&state, &s.loaded, s.selected).to_csv()
    });
    if let Err(e) = super::render::download("ionpath-fits.csv", &csv, "text/csv") {
        super::dom::log_error(&format!("export failed: {e:?}"));
    }
}

/// Puts the derived τ into the design workspace (as a measured τ).
fn send_tau() {
    let Some(tau) = find("send-tau")
        .and_then(|b| b.get_attribute("data-tau"))
        .and_then(|t| t.parse::<f64>().ok())
    else {
        return;
    };
    super::update(|app| {
        let result = app.state.set(In::TauMeasured, tau);
        if result.is_ok() {
            app.state.select(TauMode::Measured);
            app.state.select(Tab::Design);
        }
        match result {
            Ok(()) => super::render::show_notices(&[format!(
                "τ = {} from the impedance fit is now the design's measured τ",
                crate::app::format::number(tau)
            )]),
            Err(why) => super::render::show_notices(&[format!("τ was not taken: {why}")]),
        }
    });
}
