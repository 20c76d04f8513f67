//! The main thread's link to the page worker (`worker.js`, written by
//! scripts/gen-sw.mjs from www/worker-template.js), which loads this same
//! wasm and reads files and fits spectra off the main thread.
//!
//! Messages (plain objects, `kind` first):
//! - to the worker: `{kind: "read", id, file}` (the `File` itself) and
//!   `{kind: "fit", id, query, label, freq, re, im}` (the state as its URL
//!   query, the spectrum as three `Float64Array`s);
//! - from it: `{kind: "read", id, name, spectra: [label, freq, re, im, …]}`
//!   or `{kind: "read", id, name, error}`; `{kind: "fit", id, nums, texts}`
//!   (an [`app::wire`](crate::app::wire) outcome) or `{kind: "fit", id,
//!   error}`; `{kind: "broken", message}` when the wasm would not load.
//!
//! If the worker cannot be created or fails to load, [`link`] returns None
//! from then on and every job it held is handed back (`worker_lost`) to run
//! on the main thread.

use std::cell::RefCell;

use js_sys::{Array, Float64Array, Object, Reflect};
use num_complex::Complex64;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::app::wire::Wire;
use crate::app::State;
use crate::spectrum::Spectrum;

enum Link {
    Untried,
    Up {
        worker: Worker,
        /// Files sent and not answered yet.
        reads: Vec<(u32, File)>,
    },
    Down,
}

thread_local! {
    static LINK: RefCell<Link> = const { RefCell::new(Link::Untried) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// A fresh message id.
pub fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    })
}

/// The worker, started on first use; None if there is none to be had.
pub fn link() -> Option<Worker> {
    LINK.with(|l| {
        let mut l = l.borrow_mut();
        if matches!(*l, Link::Untried) {
            *l = match create() {
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
        match &*l {
            Link::Up { worker, .. } => Some(worker.clone()),
            _ => None,
        }
    })
}

fn create() -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options("./worker.js", &options)?;
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        on_message(&event.data());
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(|_event: web_sys::Event| {
        lost("the worker script failed");
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    Ok(worker)
}

/// Gives up on the worker: its pending jobs go back to the page.
fn lost(why: &str) {
    let reads = LINK.with(
        |l| match std::mem::replace(&mut *l.borrow_mut(), Link::Down) {
            Link::Up { worker, reads } => {
                worker.terminate();
                Some(reads.into_iter().map(|(_, f)| f).collect::<Vec<_>>())
            }
            _ => None,
        },
    );
    if let Some(reads) = reads {
        super::dom::log_error(&format!("{why}; working on the page instead"));
        super::impedance::worker_lost(reads);
    }
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}

fn get(source: &JsValue, key: &str) -> JsValue {
    Reflect::get(source, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Asks the worker to read `file`.
pub fn send_read(worker: &Worker, file: File) -> Result<(), JsValue> {
    let id = next_id();
    let message = Object::new();
    set(&message, "kind", &"read".into())?;
    set(&message, "id", &id.into())?;
    set(&message, "file", &file)?;
    worker.post_message(&message)?;
    LINK.with(|l| {
        if let Link::Up { reads, .. } = &mut *l.borrow_mut() {
            reads.push((id, file));
        }
    });
    Ok(())
}

/// Asks the worker to fit `spectrum` with `state`'s choices (job `id`).
pub fn send_fit(
    worker: &Worker,
    id: u32,
    state: &State,
    spectrum: &Spectrum,
) -> Result<(), JsValue> {
    let message = Object::new();
    set(&message, "kind", &"fit".into())?;
    set(&message, "id", &id.into())?;
    set(&message, "query", &crate::app::url::encode(state).into())?;
    set(&message, "label", &spectrum.label.as_str().into())?;
    let re: Vec<f64> = spectrum.z_ohm.iter().map(|z| z.re).collect();
    let im: Vec<f64> = spectrum.z_ohm.iter().map(|z| z.im).collect();
    let transfer = Array::new();
    for (key, values) in [("freq", &spectrum.freq_hz[..]), ("re", &re), ("im", &im)] {
        let array = Float64Array::from(values);
        transfer.push(&array.buffer());
        set(&message, key, &array)?;
    }
    worker.post_message_with_transfer(&message, &transfer)
}

/// A spectrum's frequencies (Hz), Re Z and Im Z (Ω) as typed arrays.
fn columns(s: &Spectrum) -> [Float64Array; 3] {
    let part = |f: fn(&Complex64) -> f64| {
        let values: Vec<f64> = s.z_ohm.iter().map(f).collect();
        Float64Array::from(&values[..])
    };
    [
        Float64Array::from(&s.freq_hz[..]),
        part(|z| z.re),
        part(|z| z.im),
    ]
}

/// A spectrum from its columns (the inverse of [`columns`]).
fn spectrum(label: String, freq_hz: Vec<f64>, re: &[f64], im: &[f64]) -> Spectrum {
    Spectrum {
        label,
        freq_hz,
        z_ohm: re
            .iter()
            .zip(im)
            .map(|(&r, &i)| Complex64::new(r, i))
            .collect(),
    }
}

fn text(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

fn on_message(data: &JsValue) {
    let id = get(data, "id").as_f64().unwrap_or(0.0) as u32;
    let error = get(data, "error");
    match text(&get(data, "kind")).as_str() {
        "read" => {
            LINK.with(|l| {
                if let Link::Up { reads, .. } = &mut *l.borrow_mut() {
                    reads.retain(|(k, _)| *k != id);
                }
            });
            let result = match error.as_string() {
                Some(why) => Err(why),
                None => spectra_from(&get(data, "spectra")),
            };
            super::impedance::read_done(&text(&get(data, "name")), result);
        }
        "fit" => {
            let result = match error.as_string() {
                Some(why) => Err(why),
                None => Ok(Wire {
                    nums: get(data, "nums")
                        .dyn_into::<Float64Array>()
                        .map(|a| a.to_vec())
                        .unwrap_or_default(),
                    texts: Array::from(&get(data, "texts"))
                        .iter()
                        .map(|t| text(&t))
                        .collect(),
                }),
            };
            super::impedance::fit_done(id, result);
        }
        "broken" => lost(&text(&get(data, "message"))),
        _ => {}
    }
}

/// Spectra from the worker's flat list (label, freq, re, im per spectrum).
fn spectra_from(list: &JsValue) -> Result<Vec<Spectrum>, String> {
    let list = Array::from(list);
    let column = |k: u32| -> Result<Vec<f64>, String> {
        list.get(k)
            .dyn_into::<Float64Array>()
            .map(|a| a.to_vec())
            .map_err(|_| "the worker's reply has no spectrum data".to_string())
    };
    let mut spectra = Vec::new();
    for k in (0..list.length()).step_by(4) {
        let (freq_hz, re, im) = (column(k + 1)?, column(k + 2)?, column(k + 3)?);
        if re.len() != freq_hz.len() || im.len() != freq_hz.len() {
            return Err("the worker's reply has columns of different lengths".into());
        }
        spectra.push(spectrum(text(&list.get(k)), freq_hz, &re, &im));
    }
    Ok(spectra)
}

/// Run in the worker: every spectrum of the file as a flat list (label,
/// freq / Hz, Re Z / Ω, Im Z / Ω per spectrum, the numbers as
/// `Float64Array`s), or the reader's message (file and line).
#[wasm_bindgen]
pub fn worker_read(name: &str, bytes: &[u8]) -> Result<Array, JsValue> {
    let spectra = crate::io::read_bytes(name, bytes).map_err(|e| e.to_string())?;
    let out = Array::new();
    for s in spectra {
        out.push(&s.label.as_str().into());
        for array in columns(&s) {
            out.push(&array);
        }
    }
    Ok(out)
}

/// Run in the worker: fits the spectrum with the state of URL `query` and
/// returns `[nums, texts]` of the encoded outcome, or why the fit failed.
#[wasm_bindgen]
pub fn worker_fit(
    query: &str,
    label: &str,
    freq: &[f64],
    re: &[f64],
    im: &[f64],
) -> Result<Array, JsValue> {
    let state = crate::app::url::decode(query).0;
    let spectrum = spectrum(label.to_string(), freq.to_vec(), re, im);
    let outcome = crate::app::impedance::fit_one(&state, &spectrum).map_err(|e| e.to_string())?;
    let wire = crate::app::wire::encode(&outcome);
    let texts: Array = wire.texts.iter().map(|t| JsValue::from_str(t)).collect();
    Ok(Array::of2(&Float64Array::from(&wire.nums[..]), &texts))
}
