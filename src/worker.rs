//! The messages between the page and its workers (`worker.js` and
//! `micro-worker.js`, written by scripts/gen-sw.mjs from www/*-template.js),
//! which load the compute module (this crate built with the `compute`
//! feature, `crate::compute`) and read files, fit spectra and run the
//! discharge and microstructure models off the main thread. Both builds
//! hold this module: the page's side (`create`, `send_*`, the replies'
//! decoders) is compiled without the feature, the worker's side (the
//! `worker_*` exports) with it.
//!
//! Messages are plain objects: the page writes and reads their fields one
//! by one (`send_*`, [`reply`], [`micro_reply`]; serde-wasm-bindgen's
//! generic coder of whole messages was the largest single item of the
//! page's wasm), the worker with serde-wasm-bindgen; structured parts
//! travel as postcard bytes (the discharge and microstructure jobs, their
//! answers and events, a fit's `outcome`). Numbers per point (spectra,
//! residuals) travel as `Float64Array`s, transferred rather than copied
//! element by element, so a file of a million rows costs the main thread
//! one copy per column:
//! - to the worker: `{kind: "read", id, file}` (the `File` itself) and
//!   `{kind: "fit", id, query, label, freq, z}` (the state as its URL query;
//!   frequencies in Hz, and Re Z, Im Z in Ω interleaved);
//! - from it: `{kind: "read", id, name, spectra: [{label, freq, z}]}` or
//!   `{…, error}`; `{kind: "fit", id, outcome, model, residuals, kk_residuals}`
//!   (an [`Outcome`] as postcard bytes, its model curve and residual pairs
//!   interleaved) or `{…, error}`; a fit may carry `held` (a circuit's
//!   starts, bounds and held values, `Builder::held_text`) and `first:
//!   true`, which asks for a first such answer without the profile
//!   intervals (`outcome.intervals_pending`) before the complete one;
//!   `{kind: "broken", message}` when the wasm would not load;
//! - `{kind: "warm", id, query}`, unanswered: the fit code warmed up
//!   before the first file ([`worker_warm`]);
//! - a circuit to read for the builder, `{kind: "circuit", id, query,
//!   label, freq, z}` (`query` the circuit's text, the spectrum shown for
//!   the automatic starts, possibly empty), answered by `{kind: "circuit",
//!   id, name, message, lines, table_html, answer}` (the circuit written
//!   back, its formula, one line per parameter `name unit range`, the
//!   parameter table's HTML, the automatic starts, NaN for none, in a
//!   `Float64Array`: [`preview`]) or `{…, error}`;
//! - `{kind: "drt", id, query, label, freq, z}` (`query` the state's URL
//!   query, for its λ choice), answered by `{kind: "drt", id, answer}` (a
//!   `crate::app::impedance::drt::DrtAnswer` as numbers in a transferred
//!   `Float64Array`) or `{…, error}`;
//! - `{kind: "series", id, query, label, freq}` (the state's URL query, and
//!   the temperature series' text and numbers,
//!   `crate::app::impedance::series::encode`), answered by `{kind:
//!   "series", id, message, table_html, csv, answer}` (the summary, the
//!   table's HTML, the CSV, the numbers: `TemperatureSeries::encode`) or
//!   `{…, error}`;
//! - the discharge model's jobs, `{kind: "discharge" | "fit-discharge", id,
//!   job}` (a `crate::app::design::discharge::model::Job` as postcard bytes
//!   in a Uint8Array), answered by `{kind, id, answer, ms}` (an `Answer`,
//!   the same way; `ms` the worker's time) or `{kind, id, error, ms}`. Bytes
//!   rather than objects or JSON: one copy each way, and postcard's decoder
//!   for the answer's types is a fraction of serde_json's size in the wasm.
//! - the microstructure workspace's jobs, to a worker of their own
//!   (`micro-worker.js`, ended to cancel a job; the same compute module):
//!   `{kind: "micro", id, job}` (the job as postcard bytes) with a `file` or the volume's
//!   `codes` (a transferred `Uint8Array`) beside them
//!   (`crate::app::micro::model::Job`); from it `{kind: "micro", id,
//!   event, progress, bytes}` (an `Event` as postcard bytes, `progress`
//!   true for its progress events, and a volume's codes or a file's bytes
//!   as a transferred `Uint8Array`), progress events at most ten a second,
//!   or `{kind: "micro", id, error}` when the worker script failed.

// The page's side is unused in the compute build.
#![cfg_attr(feature = "compute", allow(dead_code))]

use js_sys::{Array, Float64Array, Uint8Array};
use num_complex::Complex64;
use serde::Serialize;
use serde_wasm_bindgen::preserve;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, Worker};

use crate::app::design::discharge::model::{Answer, Job as DischargeJob};
use crate::app::impedance::circuit::{domain_from_code, ParamInfo, Preview};
use crate::app::impedance::model::Outcome;
use crate::app::wire::{from_wire, to_wire};
use crate::spectrum::Spectrum;

/// A `read` or `fit` message as the worker reads it (the page writes it
/// field by field: [`send_read`], [`send_fit`]).
#[cfg(feature = "compute")]
#[derive(serde::Deserialize)]
pub struct Job {
    pub kind: String,
    pub id: u32,
    /// `read`: the file.
    #[serde(with = "preserve", default = "undefined")]
    pub file: JsValue,
    /// `fit`: the state's URL query and the spectrum.
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub label: String,
    #[serde(with = "preserve", default = "undefined")]
    pub freq: JsValue,
    #[serde(with = "preserve", default = "undefined")]
    pub z: JsValue,
    /// `fit`: answer first without the profile intervals, then with them.
    #[serde(default)]
    pub first: bool,
    /// `fit` of a circuit: the user's starts, bounds and held values
    /// (`Builder::held_text`).
    #[serde(default)]
    pub held: String,
}

/// One spectrum of a read reply.
#[derive(Serialize)]
pub struct Columns {
    pub label: String,
    #[serde(with = "preserve")]
    pub freq: Float64Array,
    #[serde(with = "preserve")]
    pub z: Float64Array,
}

/// A message from the worker (written by serde in the worker, read field by
/// field on the page: [`reply`]).
#[derive(Serialize, Default)]
pub struct Reply {
    pub kind: String,
    pub id: u32,
    pub name: String,
    pub error: Option<String>,
    pub message: Option<String>,
    pub spectra: Vec<Columns>,
    /// A fit's outcome: postcard bytes in the message, read by [`reply`].
    #[serde(skip)]
    pub outcome: Option<Outcome>,
    #[serde(rename = "outcome", with = "preserve")]
    pub outcome_bytes: JsValue,
    /// The fitted model's impedance at the data's frequencies, interleaved.
    #[serde(with = "preserve")]
    pub model: JsValue,
    #[serde(with = "preserve")]
    pub residuals: JsValue,
    #[serde(with = "preserve")]
    pub kk_residuals: JsValue,
    /// A circuit's parameters, one line each: `name unit range`.
    pub lines: Option<String>,
    /// A table written by the worker (the circuit's parameters, the
    /// temperature series), as escaped HTML (`crate::app::html::Table`).
    pub table_html: Option<String>,
    /// The temperature series as CSV.
    pub csv: Option<String>,
    /// A discharge job's answer (postcard bytes), and the worker's time for it in ms.
    #[serde(with = "preserve")]
    pub answer: JsValue,
    pub ms: Option<f64>,
}

#[cfg(feature = "compute")]
fn undefined() -> JsValue {
    JsValue::UNDEFINED
}

#[cfg(feature = "compute")]
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    serde_wasm_bindgen::to_value(value).map_err(JsValue::from)
}

/// Starts the worker `script` (`./worker.js`, or `./micro-worker.js` for
/// the microstructure jobs); `on_message` gets each reply's data.
pub fn create(
    script: &str,
    on_message: impl FnMut(JsValue) + 'static,
    on_error: impl FnMut() + 'static,
) -> Result<Worker, JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = Worker::new_with_options(script, &options)?;
    let mut on_message = on_message;
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            on_message(event.data())
        });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let mut on_error = on_error;
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| on_error());
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    Ok(worker)
}

/// A message object with `kind` and `id`, its other fields set with [`set`].
fn message(kind: &str, id: u32) -> Result<JsValue, JsValue> {
    let message: JsValue = js_sys::Object::new().into();
    set(&message, "kind", &kind.into())?;
    set(&message, "id", &id.into())?;
    Ok(message)
}

fn set(message: &JsValue, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(message, &key.into(), value).map(drop)
}

/// Asks `worker` to warm its fit code up ([`worker_warm`]) with the
/// page's settings (`query`, the state's URL query).
pub fn send_warm(worker: &Worker, query: &str) -> Result<(), JsValue> {
    let message = message("warm", 0)?;
    set(&message, "query", &query.into())?;
    worker.post_message(&message)
}

/// Asks `worker` to read `file` (job `id`).
pub fn send_read(worker: &Worker, id: u32, file: &File) -> Result<(), JsValue> {
    let message = message("read", id)?;
    set(&message, "file", file)?;
    worker.post_message(&message)
}

/// Sends the microstructure `job` to `worker` (as postcard bytes, `job`),
/// with `file` (to be read there) or a volume's `codes` (copied once into a
/// transferred array).
pub fn send_micro(
    worker: &Worker,
    job: &crate::app::micro::model::Job,
    file: Option<&File>,
    codes: Option<&[u8]>,
) -> Result<(), JsValue> {
    let message = message("micro", job.id)?;
    let job: JsValue = bytes(job)?.into();
    set(&message, "job", &job)?;
    let transfer = Array::new();
    if let Some(file) = file {
        set(&message, "file", file)?;
    }
    if let Some(codes) = codes {
        let array = js_sys::Uint8Array::from(codes);
        transfer.push(&array.buffer());
        set(&message, "codes", &array)?;
    }
    worker.post_message_with_transfer(&message, &transfer)
}

/// A property of a message object (undefined when absent).
fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The bytes of a message's `Uint8Array` property `key`, copied once (empty
/// when absent).
fn field_bytes(data: &JsValue, key: &str) -> Vec<u8> {
    field(data, key)
        .dyn_ref::<Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default()
}

/// A microstructure message read back: the job id, its event (postcard
/// bytes, or the worker script's `error`) and the bytes beside it (copied
/// once).
pub fn micro_reply(
    data: JsValue,
) -> Result<(u32, crate::app::micro::model::Event, Vec<u8>), String> {
    let id = field(&data, "id").as_f64().ok_or("no job id")? as u32;
    let event = match field(&data, "error").as_string() {
        Some(why) => crate::app::micro::model::Event::Error(why),
        None => from_wire(&field_bytes(&data, "event")).map_err(|e| e.to_string())?,
    };
    Ok((id, event, field_bytes(&data, "bytes")))
}

/// Asks `worker` to fit `spectrum` with the state of URL `query` (job
/// `id`) and a circuit's settings `held` (`Builder::held_text`); with
/// `first`, a first answer comes without the profile intervals.
pub fn send_fit(
    worker: &Worker,
    id: u32,
    query: String,
    spectrum: &Spectrum,
    held: String,
    first: bool,
) -> Result<(), JsValue> {
    let (message, transfer) = spectrum_message("fit", id, query, spectrum)?;
    if !held.is_empty() {
        set(&message, "held", &held.into())?;
    }
    if first {
        set(&message, "first", &JsValue::TRUE)?;
    }
    worker.post_message_with_transfer(&message, &transfer)
}

/// Asks `worker` to read circuit `text` (job `id`), with the automatic
/// starts on `spectrum` if given.
pub fn send_circuit(
    worker: &Worker,
    id: u32,
    text: &str,
    spectrum: Option<&Spectrum>,
) -> Result<(), JsValue> {
    let none = Spectrum::default();
    send_spectrum(
        worker,
        "circuit",
        id,
        text.into(),
        spectrum.unwrap_or(&none),
    )
}

/// Asks `worker` for the DRT of `spectrum` under the state of URL `query`
/// (its λ choice, `crate::app::choices::DrtLambda`; job `id`).
pub fn send_drt(
    worker: &Worker,
    id: u32,
    query: String,
    spectrum: &Spectrum,
) -> Result<(), JsValue> {
    send_spectrum(worker, "drt", id, query, spectrum)
}

/// Sends a job of `kind` about `spectrum`, its columns transferred.
fn send_spectrum(
    worker: &Worker,
    kind: &str,
    id: u32,
    query: String,
    spectrum: &Spectrum,
) -> Result<(), JsValue> {
    let (message, transfer) = spectrum_message(kind, id, query, spectrum)?;
    worker.post_message_with_transfer(&message, &transfer)
}

/// A job of `kind` about `spectrum` and the buffers to transfer with it.
fn spectrum_message(
    kind: &str,
    id: u32,
    query: String,
    spectrum: &Spectrum,
) -> Result<(JsValue, Array), JsValue> {
    let [freq, z] = columns(spectrum);
    let transfer = Array::of2(&freq.buffer(), &z.buffer());
    let message = message(kind, id)?;
    set(&message, "query", &query.into())?;
    set(&message, "label", &spectrum.label.as_str().into())?;
    set(&message, "freq", &freq)?;
    set(&message, "z", &z)?;
    Ok((message, transfer))
}

/// A spectrum's frequencies (Hz) and its impedances (Ω) as typed arrays,
/// the latter interleaved `[Re Z₀, Im Z₀, Re Z₁, …]`: one copy each.
fn columns(s: &Spectrum) -> [Float64Array; 2] {
    [
        Float64Array::from(&s.freq_hz[..]),
        Float64Array::from(flat(&s.z_ohm)),
    ]
}

/// Complex numbers as interleaved (re, im) values.
fn flat(z: &[Complex64]) -> &[f64] {
    // SAFETY: `Complex64` is `#[repr(C)]` with fields `re`, `im` (num-complex
    // documents this layout), so n of them are 2n contiguous f64 values.
    unsafe { std::slice::from_raw_parts(z.as_ptr().cast::<f64>(), 2 * z.len()) }
}

/// Pairs from an interleaved array written by [`flat`], copied once.
fn pairs(values: &JsValue) -> Vec<Complex64> {
    let Some(array) = values.dyn_ref::<Float64Array>() else {
        return Vec::new();
    };
    let n = array.length() as usize / 2;
    let mut z = vec![Complex64::new(0.0, 0.0); n];
    // SAFETY: as in `flat`, n `Complex64` are 2n contiguous f64 values.
    let out = unsafe { std::slice::from_raw_parts_mut(z.as_mut_ptr().cast::<f64>(), 2 * n) };
    array.subarray(0, 2 * n as u32).copy_to(out);
    z
}

/// A reply's data read back, or why it could not be: its plain fields one
/// by one, the fit's `outcome` from its postcard bytes.
pub fn reply(data: JsValue) -> Result<Reply, String> {
    let kind = field(&data, "kind")
        .as_string()
        .ok_or("a reply without its kind")?;
    let outcome = field_bytes(&data, "outcome");
    let outcome: Option<Outcome> = match outcome.is_empty() {
        true => None,
        false => Some(from_wire(&outcome).map_err(|e| e.to_string())?),
    };
    let mut reply = Reply {
        kind,
        id: field(&data, "id").as_f64().map_or(0, |id| id as u32),
        name: field(&data, "name").as_string().unwrap_or_default(),
        error: field(&data, "error").as_string(),
        message: field(&data, "message").as_string(),
        spectra: read_columns(&field(&data, "spectra"))?,
        outcome,
        outcome_bytes: JsValue::UNDEFINED,
        model: field(&data, "model"),
        residuals: field(&data, "residuals"),
        kk_residuals: field(&data, "kk_residuals"),
        lines: field(&data, "lines").as_string(),
        table_html: field(&data, "table_html").as_string(),
        csv: field(&data, "csv").as_string(),
        answer: field(&data, "answer"),
        ms: field(&data, "ms").as_f64(),
    };
    if let Some(outcome) = reply.outcome.as_mut() {
        outcome.model.z_ohm = pairs(&reply.model);
        outcome.report.fit.residuals = pairs(&reply.residuals)
            .into_iter()
            .map(|z| (z.re, z.im))
            .collect();
        if let Some(kk) = outcome.report.kk.as_mut() {
            kk.residuals = pairs(&reply.kk_residuals)
                .into_iter()
                .map(|z| (z.re, z.im))
                .collect();
        }
    }
    Ok(reply)
}

/// The `[{label, freq, z}]` of a read reply (none when absent).
fn read_columns(spectra: &JsValue) -> Result<Vec<Columns>, String> {
    let Some(spectra) = spectra.dyn_ref::<Array>() else {
        return Ok(Vec::new());
    };
    spectra
        .iter()
        .map(|c| {
            let column = |key| {
                field(&c, key)
                    .dyn_into::<Float64Array>()
                    .map_err(|_| format!("the worker's spectrum has no {key} array"))
            };
            Ok(Columns {
                label: field(&c, "label").as_string().unwrap_or_default(),
                freq: column("freq")?,
                z: column("z")?,
            })
        })
        .collect()
}

/// The spectra of a read reply.
pub fn spectra(reply: &Reply) -> Result<Vec<Spectrum>, String> {
    reply
        .spectra
        .iter()
        .map(|c| {
            if c.z.length() != 2 * c.freq.length() {
                return Err("the worker's reply has columns of different lengths".to_string());
            }
            Ok(Spectrum {
                label: c.label.clone(),
                freq_hz: c.freq.to_vec(),
                z_ohm: pairs(&c.z),
            })
        })
        .collect()
}

/// (re, im) pairs as one interleaved typed array.
#[cfg(feature = "compute")]
fn pair_array(pairs: &[(f64, f64)]) -> Float64Array {
    let flat: Vec<f64> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    Float64Array::from(&flat[..])
}

/// Run in the worker: every spectrum of the file, or the reader's message
/// (file and line). The reply's typed arrays are to be transferred.
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_read(name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
    let spectra = crate::io::read_bytes(name, bytes).map_err(|e| e.to_string())?;
    let columns: Vec<Columns> = spectra
        .iter()
        .map(|s| {
            let [freq, z] = columns(s);
            Columns {
                label: s.label.clone(),
                freq,
                z,
            }
        })
        .collect();
    to_js(&columns)
}

/// Run in the worker: fits the spectrum of a `fit` job (see [`Job`]) and
/// returns `{outcome, residuals, kk_residuals}`, or why the fit failed;
/// `quick` leaves the profile intervals out (the first of two answers).
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_fit(job: JsValue, quick: bool) -> Result<JsValue, JsValue> {
    let job: Job = serde_wasm_bindgen::from_value(job)?;
    let state = crate::app::url::decode(&job.query).0;
    let spectrum = job_spectrum(&job)?;
    let held = crate::app::impedance::circuit::Held::from_text(&job.held)?;
    let mut outcome = crate::app::impedance::model::fit_with(&state, &spectrum, &held, quick)
        .map_err(|e| e.to_string())?;
    let residuals = pair_array(&std::mem::take(&mut outcome.report.fit.residuals));
    let model = Float64Array::from(flat(&outcome.model.z_ohm));
    let kk_residuals = match outcome.report.kk.as_mut() {
        Some(kk) => pair_array(&std::mem::take(&mut kk.residuals)).into(),
        None => JsValue::UNDEFINED,
    };
    to_js(&Reply {
        kind: "fit".into(),
        id: job.id,
        outcome_bytes: bytes(&outcome)?.into(),
        model: model.into(),
        residuals: residuals.into(),
        kk_residuals,
        ..Reply::default()
    })
}

/// Run in the worker when the impedance workspace is first shown, before
/// any file: takes the two spectra of [`warm_up_spectra`] (a transmission
/// line and two arcs, each with its own fit code) through the path a picked
/// file takes, [`worker_read`] of their CSV text, then [`worker_fit`] with
/// the page's settings (`query`, the state's URL query), and drops the
/// answers. The browser compiles code to its optimising tier on background
/// threads once it has run for a while; warmed up here, in the time a
/// person takes to pick files, that compilation (about 0.8 s of a core) no
/// longer competes with the main thread while the first batch's table and
/// plots are laid out (docs/BENCHMARKS.md, "Impedance batch on the page").
///
/// [`warm_up_spectra`]: crate::app::impedance::model::warm_up_spectra
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_warm(query: &str) {
    let Ok(spectra) = crate::app::impedance::model::warm_up_spectra() else {
        return;
    };
    for spectrum in spectra {
        let csv = crate::io::to_csv(std::slice::from_ref(&spectrum));
        let _ = worker_read("warm-up.csv", csv.as_bytes());
        if let Ok((job, _)) = spectrum_message("fit", 0, query.to_string(), &spectrum) {
            let _ = worker_fit(job, false);
        }
    }
}

/// The spectrum a `fit`, `drt` or `circuit` job carries.
#[cfg(feature = "compute")]
fn job_spectrum(job: &Job) -> Result<Spectrum, JsValue> {
    let Some(freq) = job.freq.dyn_ref::<Float64Array>() else {
        return Err("the page sent no spectrum".into());
    };
    let spectrum = Spectrum {
        label: job.label.clone(),
        freq_hz: freq.to_vec(),
        z_ohm: pairs(&job.z),
    };
    if spectrum.z_ohm.len() != spectrum.freq_hz.len() {
        return Err("the page sent columns of different lengths".into());
    }
    Ok(spectrum)
}

/// Run in the worker: the DRT of a `drt` job's spectrum (see [`Job`]),
/// `{kind, id, answer}`, or the one line why there is none.
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_drt(job: JsValue) -> Result<JsValue, JsValue> {
    let job: Job = serde_wasm_bindgen::from_value(job)?;
    let spectrum = job_spectrum(&job)?;
    let by = crate::app::url::decode(&job.query).0.choice();
    let answer = crate::app::impedance::drt::run(&spectrum, by)?;
    to_js(&Reply {
        kind: "drt".into(),
        id: job.id,
        answer: Float64Array::from(&answer.to_flat()[..]).into(),
        message: Some(answer.text),
        ..Reply::default()
    })
}

/// Run in the worker: reads the circuit of a `circuit` job (see
/// [`send_circuit`]) into `{kind, id, name, message, lines, table_html, answer}`
/// (read back by [`preview`]) or the one line why it cannot be read.
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_circuit(job: JsValue) -> Result<JsValue, JsValue> {
    use crate::app::impedance::circuit::{self, domain_code};
    let job: Job = serde_wasm_bindgen::from_value(job)?;
    let spectrum = job_spectrum(&job)?;
    let shown = (!spectrum.freq_hz.is_empty()).then_some(&spectrum);
    let p = circuit::preview(&job.query, shown)?;
    let starts: Vec<f64> = p
        .params
        .iter()
        .map(|q| q.start.unwrap_or(f64::NAN))
        .collect();
    let lines: Vec<String> = p
        .params
        .iter()
        .map(|q| format!("{} {} {}", q.name, q.unit, domain_code(q.range)))
        .collect();
    to_js(&Reply {
        kind: "circuit".into(),
        id: job.id,
        name: p.notation,
        message: Some(p.formula),
        lines: Some(lines.join("\n")),
        table_html: Some(p.table_html),
        answer: Float64Array::from(&starts[..]).into(),
        ..Reply::default()
    })
}

/// The preview of a `circuit` reply (see [`worker_circuit`]), or its error.
pub fn preview(reply: &Reply) -> Result<Preview, String> {
    if let Some(why) = &reply.error {
        return Err(why.clone());
    }
    let unreadable = || "the worker's circuit is unreadable".to_string();
    let (Some(formula), Some(lines), Some(table_html), Some(starts)) = (
        reply.message.clone(),
        reply.lines.clone(),
        reply.table_html.clone(),
        reply.answer.dyn_ref::<Float64Array>(),
    ) else {
        return Err(unreadable());
    };
    let starts = starts.to_vec();
    let params = lines
        .lines()
        .zip(&starts)
        .map(|(line, &start)| {
            let mut words = line.rsplitn(2, ' ');
            let range = words.next().and_then(domain_from_code)?;
            let (name, unit) = words.next()?.split_once(' ')?;
            Some(ParamInfo {
                name: name.into(),
                unit: unit.into(),
                range,
                start: start.is_finite().then_some(start),
            })
        })
        .collect::<Option<Vec<_>>>()
        .filter(|p| p.len() == starts.len())
        .ok_or_else(unreadable)?;
    Ok(Preview {
        notation: reply.name.clone(),
        formula,
        params,
        table_html,
    })
}

/// Asks `worker` for the temperature series of `job` (text and numbers,
/// `crate::app::impedance::series::encode`) under the state of URL `query`.
pub fn send_series(
    worker: &Worker,
    id: u32,
    query: String,
    job: &(String, Vec<f64>),
) -> Result<(), JsValue> {
    let numbers = Float64Array::from(&job.1[..]);
    let transfer = Array::of1(&numbers.buffer());
    let message = message("series", id)?;
    set(&message, "query", &query.into())?;
    set(&message, "label", &job.0.as_str().into())?;
    set(&message, "freq", &numbers)?;
    worker.post_message_with_transfer(&message, &transfer)
}

/// Run in the worker: the temperature series of a `series` job (see
/// [`send_series`]), `{kind, id, message, table_html, csv, answer}`.
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_series(job: JsValue) -> Result<JsValue, JsValue> {
    use crate::app::impedance::series;
    let job: Job = serde_wasm_bindgen::from_value(job)?;
    let state = crate::app::url::decode(&job.query).0;
    let Some(numbers) = job.freq.dyn_ref::<Float64Array>() else {
        return Err("the page sent no series".into());
    };
    let (inputs, unit) = series::decode(&job.label, &numbers.to_vec())?;
    let (summary, html, csv, numbers) = series::compute(&state, inputs, unit).encode();
    to_js(&Reply {
        kind: "series".into(),
        id: job.id,
        message: Some(summary),
        table_html: Some(html),
        csv: Some(csv),
        answer: Float64Array::from(&numbers[..]).into(),
        ..Reply::default()
    })
}

/// The numbers of a reply's `answer` (a `Float64Array`), the worker's
/// error, or `missing` when it sent neither.
fn answer_numbers(reply: &Reply, missing: &str) -> Result<Vec<f64>, String> {
    match (&reply.error, reply.answer.dyn_ref::<Float64Array>()) {
        (Some(why), _) => Err(why.clone()),
        (None, Some(numbers)) => Ok(numbers.to_vec()),
        (None, None) => Err(missing.into()),
    }
}

/// The temperature series of a `series` reply, or why there is none.
pub fn series_answer(reply: &Reply) -> Result<crate::app::impedance::series::Answer, String> {
    let numbers = answer_numbers(reply, "the worker sent no series")?;
    crate::app::impedance::series::Answer::decode(
        reply.message.clone().unwrap_or_default(),
        reply.table_html.clone().unwrap_or_default(),
        reply.csv.clone().unwrap_or_default(),
        &numbers,
    )
}

/// The DRT of a `drt` reply, or why there is none.
pub fn drt_answer(reply: &Reply) -> Result<crate::app::impedance::drt::DrtAnswer, String> {
    let numbers = answer_numbers(reply, "No DRT: the worker sent none")?;
    crate::app::impedance::drt::DrtAnswer::from_flat(
        &numbers,
        reply.message.clone().unwrap_or_default(),
    )
}

/// A discharge job as the worker gets it: the job as postcard bytes.
#[cfg(feature = "compute")]
#[derive(serde::Deserialize)]
struct DischargeMessage {
    kind: String,
    id: u32,
    #[serde(with = "preserve")]
    job: Uint8Array,
}

fn bytes(value: &impl Serialize) -> Result<Uint8Array, JsValue> {
    to_wire(value)
        .map(|b| Uint8Array::from(&b[..]))
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Asks `worker` to run discharge `job`; `kind` is `discharge` or `fit-discharge`.
pub fn send_discharge(worker: &Worker, kind: &str, job: &DischargeJob) -> Result<(), JsValue> {
    let message = message(kind, job.id)?;
    let job: JsValue = bytes(job)?.into();
    set(&message, "job", &job)?;
    worker.post_message(&message)
}

/// The answer of a discharge reply, read from its bytes.
pub fn discharge_answer(reply: &Reply) -> Result<Answer, String> {
    match (&reply.error, reply.answer.dyn_ref::<Uint8Array>()) {
        (Some(why), _) => Err(why.clone()),
        (None, Some(answer)) => from_wire(&answer.to_vec()).map_err(|e| e.to_string()),
        (None, None) => Err("the worker sent no answer".into()),
    }
}

/// Run in the worker: runs a discharge job (see [`send_discharge`]) and
/// returns `{kind, id, answer}`, or why it failed.
#[cfg(feature = "compute")]
#[wasm_bindgen]
pub fn worker_discharge(data: JsValue) -> Result<JsValue, JsValue> {
    let message: DischargeMessage = serde_wasm_bindgen::from_value(data)?;
    let error = |e: crate::error::Error| JsValue::from_str(&e.to_string());
    let job: DischargeJob = from_wire(&message.job.to_vec()).map_err(error)?;
    let answer = crate::app::design::discharge::model::run(&job).map_err(error)?;
    to_js(&Reply {
        kind: message.kind,
        id: message.id,
        answer: bytes(&answer)?.into(),
        ..Reply::default()
    })
}
