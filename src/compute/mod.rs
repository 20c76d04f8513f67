//! The compute module: the crate built with the `compute` feature
//! (scripts/build-compute.sh) instead of the page. It exports every job of
//! the page's workers — reading impedance files and fitting them
//! (`crate::worker`'s `worker_read`, `worker_fit`: profiles, verdict,
//! Lin-KK, DRT), the discharge model (`worker_discharge`), the
//! microstructure workspace's jobs ([`micro_job`], `crate::app::micro::run`)
//! — and the JS API ([`api`], loaded by `api.js`). The page's own wasm holds
//! none of this code: `worker.js` fetches the module once the first results
//! are on screen, `micro-worker.js` when that workspace runs its first job
//! (the same file, from the browser's cache).

mod api;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::app::micro::model::{Event, Job};
use crate::app::micro::run::{run, Input};
use crate::app::wire::{from_wire, to_wire};

/// Runs the `micro` job `data` (`{kind, id, job}`, the job as postcard
/// bytes; messages: `src/worker.rs`) with `bytes` (a file's
/// contents or a volume's codes), calling `post(message, transfer)` for each
/// event as it comes: `{kind: "micro", id, event, progress?, bytes?}`
/// (`event` an `Event` as postcard bytes).
#[wasm_bindgen]
pub fn micro_job(data: JsValue, bytes: Option<Uint8Array>, post: &Function) -> Result<(), JsValue> {
    let wire = Reflect::get(&data, &"job".into())?
        .dyn_into::<Uint8Array>()
        .map_err(|_| JsValue::from_str("the page sent no microstructure job"))?;
    let job: Job = from_wire(&wire.to_vec()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let state = crate::app::url::decode(&job.query).0;
    let bytes = bytes.map(|b| b.to_vec()).unwrap_or_default();
    let file_name = Reflect::get(&data, &"file".into())
        .ok()
        .filter(|f| f.is_object())
        .and_then(|f| Reflect::get(&f, &"name".into()).ok())
        .and_then(|n| n.as_string());
    let input = match (&file_name, &job.volume) {
        (Some(name), _) => Input::File(name, &bytes),
        (None, Some(meta)) => Input::Volume(meta, &bytes),
        (None, None) => Input::Recipe,
    };
    run(&job, &state, input, &mut |event, payload| {
        let message = Object::new();
        let transfer = Array::new();
        let _ = Reflect::set(&message, &"kind".into(), &"micro".into());
        let _ = Reflect::set(&message, &"id".into(), &job.id.into());
        // The event as postcard bytes (the page's decoder of them is a
        // fraction of serde-wasm-bindgen's); progress flagged for
        // micro-worker.js, which thins it out.
        if let Ok(event) = to_wire(event) {
            let event = Uint8Array::from(&event[..]);
            transfer.push(&event.buffer());
            let _ = Reflect::set(&message, &"event".into(), &event);
        }
        if matches!(event, Event::Progress(_)) {
            let _ = Reflect::set(&message, &"progress".into(), &JsValue::TRUE);
        }
        if !payload.is_empty() {
            let array = Uint8Array::from(payload);
            transfer.push(&array.buffer());
            let _ = Reflect::set(&message, &"bytes".into(), &array);
        }
        let _ = post.call2(&JsValue::NULL, &message, &transfer);
    });
    Ok(())
}
