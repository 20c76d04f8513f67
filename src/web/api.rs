//! The wasm exports behind `api.js` (see `docs/EMBEDDING.md`): JSON text in,
//! JSON text out, errors as one-line strings. The logic is `crate::api`'s.

use wasm_bindgen::prelude::*;

/// `crate::api::simulate_tlm_json` for JavaScript.
#[wasm_bindgen]
pub fn api_simulate_tlm(input: &str) -> Result<String, JsValue> {
    crate::api::simulate_tlm_json(input).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// `crate::api::capacity_json` for JavaScript.
#[wasm_bindgen]
pub fn api_capacity(input: &str) -> Result<String, JsValue> {
    crate::api::capacity_json(input).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// `crate::api::fit_json` for JavaScript.
#[wasm_bindgen]
pub fn api_fit(input: &str) -> Result<String, JsValue> {
    crate::api::fit_json(input).map_err(|e| JsValue::from_str(&e.to_string()))
}
