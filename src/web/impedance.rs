//! The impedance workspace's browser side: reading files (picker and
//! drag-and-drop), fitting them one per timer tick with a progress bar so
//! the page never freezes, and handing τ to the design workspace.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, File, FileList, FileReader};

use super::dom::{find, input, window};
use crate::app::impedance::{fit_one, Loaded};
use crate::app::{Ch, In};

/// Most spectra kept at once.
const MAX_SPECTRA: usize = 50;

#[derive(Default)]
struct Spectra {
    loaded: Vec<Loaded>,
    selected: usize,
    /// Fits still to run (indices into `loaded`).
    queue: Vec<usize>,
    queued_total: usize,
}

thread_local! {
    static SPECTRA: RefCell<Spectra> = RefCell::new(Spectra::default());
}

/// The impedance view for the current state and loaded spectra.
pub fn view(state: &crate::app::State) -> crate::app::view::View {
    SPECTRA.with(|s| {
        let s = s.borrow();
        crate::app::impedance::view(state, &s.loaded, s.selected)
    })
}

/// Wires the file picker, the drop zone and the buttons.
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
            SPECTRA.with(|s| s.borrow_mut().selected = index);
            super::schedule_render();
        });
        pick.add_event_listener_with_callback("change", closure.as_ref().unchecked_ref())?;
        closure.forget();
    }
    Ok(())
}

/// Handles the buttons of this workspace; true if the button was one.
pub fn on_click(id: &str) -> bool {
    match id {
        "fit" => start_fits(),
        "send-tau" => send_tau(),
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

/// Reads every file of `files` (asynchronously, one `FileReader` each).
fn read_files(files: &FileList) {
    for k in 0..files.length() {
        if let Some(file) = files.item(k) {
            if let Err(e) = read_file(file) {
                set_status(&format!("Cannot read the file: {e:?}"), true);
            }
        }
    }
}

fn read_file(file: File) -> Result<(), JsValue> {
    let reader = FileReader::new()?;
    let name = file.name();
    let source = reader.clone();
    let onload = Closure::once_into_js(move || {
        let bytes = source
            .result()
            .map(|r| js_sys::Uint8Array::new(&r).to_vec())
            .unwrap_or_default();
        loaded(&name, &bytes);
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    reader.read_as_array_buffer(&file)?;
    Ok(())
}

/// Parses one file's bytes and adds its spectra.
fn loaded(name: &str, bytes: &[u8]) {
    match crate::io::read_bytes(name, bytes) {
        Ok(spectra) => {
            let count = spectra.len();
            SPECTRA.with(|s| {
                let mut s = s.borrow_mut();
                let first_new = s.loaded.len();
                for spectrum in spectra {
                    if s.loaded.len() < MAX_SPECTRA {
                        s.loaded.push(Loaded {
                            spectrum,
                            outcome: None,
                        });
                    }
                }
                s.selected = first_new.min(s.loaded.len().saturating_sub(1));
            });
            set_status(
                &format!("Loaded {count} spectrum(s) from {name}. Press Fit."),
                false,
            );
            fill_picker();
            start_fits();
        }
        Err(e) => set_status(&format!("Cannot use {name}: {e}"), true),
    }
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
            if let Ok(option) = super::dom::create_text("option", "", &item.spectrum.label) {
                let _ = option.set_attribute("value", &k.to_string());
                if k == s.selected {
                    let _ = option.set_attribute("selected", "");
                }
                let _ = select.append_child(&option);
            }
        }
        super::dom::set_hidden(&select, s.loaded.len() < 2);
    });
}

/// Queues every loaded spectrum for fitting and starts the timer chain.
fn start_fits() {
    let start = SPECTRA.with(|s| {
        let mut s = s.borrow_mut();
        let was_idle = s.queue.is_empty();
        s.queue = (0..s.loaded.len()).rev().collect();
        s.queued_total = s.queue.len();
        for item in s.loaded.iter_mut() {
            item.outcome = None;
        }
        was_idle && !s.queue.is_empty()
    });
    if start {
        show_progress(0, 1);
        next_tick();
    }
}

fn show_progress(done: usize, total: usize) {
    if let Some(bar) = find("fit-progress") {
        let _ = bar.set_attribute("max", &total.max(1).to_string());
        let _ = bar.set_attribute("value", &done.to_string());
        super::dom::set_hidden(&bar, done >= total);
    }
}

/// Fits one queued spectrum, renders, and yields to the browser before the next.
fn next_tick() {
    let closure = Closure::once_into_js(move || {
        let job = SPECTRA.with(|s| {
            let mut s = s.borrow_mut();
            let index = s.queue.pop()?;
            Some((index, s.loaded.get(index)?.spectrum.clone()))
        });
        let Some((index, spectrum)) = job else { return };
        let state = super::current_state();
        let outcome = fit_one(&state, &spectrum).map_err(|e| e.to_string());
        let (done, total, more) = SPECTRA.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(item) = s.loaded.get_mut(index) {
                item.outcome = Some(outcome);
            }
            (
                s.queued_total - s.queue.len(),
                s.queued_total,
                !s.queue.is_empty(),
            )
        });
        show_progress(done, total);
        set_status(&format!("Fitted {done} of {total}."), false);
        super::schedule_render();
        if more {
            next_tick();
        }
    });
    if let Ok(window) = window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
    }
}

/// Puts the derived τ into the design workspace (as a measured τ).
fn send_tau() {
    let Some(tau) = find("send-tau")
        .and_then(|b| b.get_attribute("data-tau"))
        .and_then(|t| crate::float_parse::parse_f64(&t))
    else {
        return;
    };
    super::update(|app| {
        let result = app.state.set(In::TauMeasured, tau);
        if result.is_ok() {
            let _ = app.state.set_choice(Ch::TauMode, "measured");
            let _ = app.state.set_choice(Ch::Tab, "design");
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
