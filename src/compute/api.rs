//! The wasm exports behind `api.js` (see `docs/EMBEDDING.md`): a plain
//! JavaScript object in, a plain object out (serde-wasm-bindgen), errors as
//! one-line strings. The logic is `crate::api`'s.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;

/// `result`'s value as a plain object (`null` for None), or its error's text.
fn reply<T: Serialize>(result: crate::Result<T>) -> Result<JsValue, JsValue> {
    let value = result.map_err(|e| JsValue::from_str(&e.to_string()))?;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The input object of `call`, read member by member (`api::read`, which
/// refuses unknown fields and names the one at fault).
fn input<T: serde::de::DeserializeOwned>(call: &str, value: JsValue) -> crate::Result<T> {
    // serde-wasm-bindgen's errors are JavaScript `Error`s: their message.
    api::read_with(
        call,
        serde_wasm_bindgen::Deserializer::from(value),
        |e| match JsValue::from(e).dyn_into::<js_sys::Error>() {
            Ok(error) => error.message().into(),
            Err(other) => other.as_string().unwrap_or_default(),
        },
    )
}

/// `crate::api::simulate_tlm` for JavaScript.
#[wasm_bindgen]
pub fn api_simulate_tlm(value: JsValue) -> Result<JsValue, JsValue> {
    reply(input("simulateTlm", value).and_then(|i| api::simulate_tlm(&i)))
}

/// `crate::api::capacity` for JavaScript.
#[wasm_bindgen]
pub fn api_capacity(value: JsValue) -> Result<JsValue, JsValue> {
    reply(input("capacity", value).and_then(|i| api::capacity(&i)))
}

/// `crate::api::fit` for JavaScript.
#[wasm_bindgen]
pub fn api_fit(value: JsValue) -> Result<JsValue, JsValue> {
    reply(input("fit", value).and_then(|i| api::fit(&i).map(|r| r.to_json())))
}
