//! The bytes that structured messages cross to the page workers and back
//! in: the discharge and microstructure jobs, their answers and events, and
//! a fit's outcome (`crate::worker`). Postcard: compact, and its decoders
//! cost the page's wasm far less than serde_json's or serde-wasm-bindgen's
//! for these types. A type sent this way serialises plainly: no
//! `flatten`, no skipped fields, no internally tagged enums.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// `value` as the bytes of a worker message.
pub fn to_wire<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    postcard::to_allocvec(value).map_err(|e| Error::Inconsistent(format!("cannot encode: {e}")))
}

/// The value in `bytes` (see [`to_wire`]).
pub fn from_wire<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T> {
    postcard::from_bytes(bytes)
        .map_err(|e| Error::Inconsistent(format!("the worker's message is unreadable: {e}")))
}
