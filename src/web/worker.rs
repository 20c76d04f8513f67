//! The main thread's link to the page worker (`worker.js`, written by
//! scripts/gen-sw.mjs from www/worker-template.js), which loads this same
//! wasm and reads files and fits spectra off the main thread.
//!
//! Messages (plain objects, `kind` first):
//! - to the worker: `{kind: "read", id, file}` (the `File` itself) and
//!   `{kind: "fit", id, query, label, freq, z}` (the state as its URL
//!   query, the spectrum as two `Float64Array`s: frequencies in Hz, and
//!   Re Z, Im Z in Ω interleaved);
//! - from it: `{kind: "read", id, name, spectra: [label, freq, z, …]}`
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
    let transfer = Array::new();
    for (key, array) in ["freq", "z"].into_iter().zip(columns(spectrum)) {
        transfer.push(&array.buffer());
        set(&message, key, &array)?;
    }
    worker.post_message_with_transfer(&message, &transfer)
}

/// A spectrum's frequencies (Hz) and its impedances (Ω) as typed arrays,
/// the latter interleaved `[Re Z₀, Im Z₀, Re Z₁, …]`: one copy each, which
/// matters for spectra of a million points.
fn columns(s: &Spectrum) -> [Float64Array; 2] {
    // SAFETY: `Complex64` is `#[repr(C)]` with fields `re`, `im` (num-complex
    // documents this layout), so n of them are 2n contiguous f64 values.
    let z = unsafe { std::slice::from_raw_parts(s.z_ohm.as_ptr().cast::<f64>(), 2 * s.len()) };
    [Float64Array::from(&s.freq_hz[..]), Float64Array::from(z)]
}

/// Impedances from an interleaved array written by [`columns`], copied once.
fn impedances(pairs: &Float64Array) -> Vec<Complex64> {
    let n = pairs.length() as usize / 2;
    let mut z = vec![Complex64::new(0.0, 0.0); n];
    // SAFETY: as in `columns`, n `Complex64` are 2n contiguous f64 values.
    let flat = unsafe { std::slice::from_raw_parts_mut(z.as_mut_ptr().cast::<f64>(), 2 * n) };
    pairs.subarray(0, 2 * n as u32).copy_to(flat);
    z
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
    let column = |k: u32| -> Result<Float64Array, String> {
        list.get(k)
            .dyn_into::<Float64Array>()
            .map_err(|_| "the worker's reply has no spectrum data".to_string())
    };
    let mut spectra = Vec::new();
    for k in (0..list.length()).step_by(3) {
        let (freq, pairs) = (column(k + 1)?, column(k + 2)?);
        if pairs.length() != 2 * freq.length() {
            return Err("the worker's reply has columns of different lengths".into());
        }
        spectra.push(Spectrum {
            label: text(&list.get(k)),
            freq_hz: freq.to_vec(),
            z_ohm: impedances(&pairs),
        });
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
    z: &Float64Array,
) -> Result<Array, JsValue> {
    let state = crate::app::url::decode(query).0;
    if z.length() as usize != 2 * freq.len() {
        return Err("the page sent columns of different lengths".into());
    }
    let spectrum = Spectrum {
        label: label.to_string(),
        freq_hz: freq.to_vec(),
        z_ohm: impedances(z),
    };
    let outcome = crate::app::impedance::fit_one(&state, &spectrum).map_err(|e| e.to_string())?;
    let wire = crate::app::wire::encode(&outcome);
    let texts: Array = wire.texts.iter().map(|t| JsValue::from_str(t)).collect();
    Ok(Array::of2(&Float64Array::from(&wire.nums[..]), &texts))
}
