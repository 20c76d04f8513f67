//! The calls behind the page's JavaScript module (`api.js`, see
//! `docs/EMBEDDING.md`): a host page calls the models directly with plain
//! objects in the core's units and gets plain objects back.
//!
//! Each call takes a request type that serde reads (from a JavaScript
//! object in `crate::web::api`, from JSON in the tests) and returns a type
//! serde writes, so the logic is pure and tested natively. Unknown fields
//! are refused (a misspelt name must not silently fall back to a default);
//! every error names the field.

pub mod fit;

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::impedance::{simulate, Interface, Layout, TwoRailLine};
use crate::physics::capacity::{delivered_capacity, Cell, Electrode};

pub use fit::{fit, FitInput};

/// Most points accepted in one call (frequencies or currents).
pub const MAX_POINTS: usize = 100_000;

/// Reads the input of call `call` from `input` as [`strict`] reads a
/// struct, naming the field at fault (`geometry.epsilon: invalid type …`).
pub fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(call: &str, input: D) -> Result<T>
where
    D::Error: std::fmt::Display,
{
    read_with(call, input, |e| e.to_string())
}

/// [`read`], with `message` the text of the deserializer's error.
pub fn read_with<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    call: &str,
    input: D,
    message: impl FnOnce(D::Error) -> String,
) -> Result<T> {
    serde_path_to_error::deserialize(input)
        .map(|Strict(input)| input)
        .map_err(|e| {
            let path = e.path().to_string();
            let at = if path == "." {
                String::new()
            } else {
                format!("{path}: ")
            };
            Error::Inconsistent(format!("{call} input: {at}{}", message(e.into_inner())))
        })
}

/// Reads struct `T` from every member of an object, so that its
/// `#[serde(deny_unknown_fields)]` sees them all: serde-wasm-bindgen (the
/// page's reader of JavaScript objects) asks an object only for the fields
/// a struct has, which would let a misspelt one pass unseen. The members
/// come from `deserialize_any`, as serde_json reads an object anyway.
pub fn strict<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    input: D,
) -> std::result::Result<T, D::Error> {
    input.deserialize_any(Members(PhantomData))
}

/// [`strict`] for an optional struct: absent or null is `None`.
pub fn strict_option<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    input: D,
) -> std::result::Result<Option<T>, D::Error> {
    input.deserialize_option(OptionalMembers(PhantomData))
}

/// A call's input read by [`strict`].
struct Strict<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Strict<T> {
    fn deserialize<D: Deserializer<'de>>(input: D) -> std::result::Result<Self, D::Error> {
        strict(input).map(Strict)
    }
}

/// The visitors of [`strict`] and [`strict_option`].
struct Members<T>(PhantomData<T>);
struct OptionalMembers<T>(PhantomData<T>);

/// "struct Name", as serde says what a struct expects.
fn expecting_struct<T>(f: &mut fmt::Formatter) -> fmt::Result {
    let name = std::any::type_name::<T>();
    write!(f, "struct {}", name.rsplit("::").next().unwrap_or(name))
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Members<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        expecting_struct::<T>(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, members: A) -> std::result::Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(members))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalMembers<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        expecting_struct::<T>(f)
    }

    fn visit_none<E>(self) -> std::result::Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> std::result::Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(
        self,
        input: D,
    ) -> std::result::Result<Option<T>, D::Error> {
        strict(input).map(Some)
    }
}

/// Input of [`simulate_tlm`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlmInput {
    pub layout: Layout,
    pub r_ion_ohm: f64,
    pub r_e_ohm: f64,
    /// 0 when absent.
    #[serde(default)]
    pub r_bulk_ohm: f64,
    /// Double-layer capacitance C_dl in F; or give `q` and `n` (a CPE).
    pub c_dl_f: Option<f64>,
    /// CPE Q in F·s^(n−1).
    pub q: Option<f64>,
    /// CPE exponent, 0 < n ≤ 1.
    pub n: Option<f64>,
    pub freq_hz: Vec<f64>,
}

/// Output of [`simulate_tlm`]: Ω, Im < 0 for capacitive behaviour.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TlmOutput {
    pub freq_hz: Vec<f64>,
    pub re_ohm: Vec<f64>,
    pub im_ohm: Vec<f64>,
}

/// The two-rail transmission line (Eq. 4–16) of `input`, checked.
pub fn tlm_line(input: &TlmInput) -> Result<TwoRailLine> {
    let interface = match (input.c_dl_f, input.q, input.n) {
        (Some(c_dl_f), None, None) => Interface::Capacitor { c_dl_f },
        (None, Some(q), Some(n)) => Interface::Cpe { q, n },
        _ => {
            return Err(Error::Inconsistent(
                "give either c_dl_f (a double layer) or both q and n (a CPE)".into(),
            ))
        }
    };
    TwoRailLine::new(
        input.layout,
        input.r_ion_ohm,
        input.r_e_ohm,
        interface,
        input.r_bulk_ohm,
    )
}

/// Simulates the two-rail line at `freq_hz`.
pub fn simulate_tlm(input: &TlmInput) -> Result<TlmOutput> {
    check_len("freq_hz", input.freq_hz.len())?;
    let line = tlm_line(input)?;
    let spectrum = simulate(&line, &input.freq_hz, "api")?;
    if let Some(k) = spectrum.z_ohm.iter().position(|z| !z.is_finite()) {
        return Err(Error::Numerical(format!(
            "Z is not finite at freq_hz[{k}] = {}",
            spectrum.freq_hz[k]
        )));
    }
    Ok(TlmOutput {
        re_ohm: spectrum.z_ohm.iter().map(|z| z.re).collect(),
        im_ohm: spectrum.z_ohm.iter().map(|z| z.im).collect(),
        freq_hz: spectrum.freq_hz,
    })
}

/// Input of [`capacity`]: Eq. 19's cell and the currents.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityInput {
    #[serde(deserialize_with = "strict")]
    pub cathode: Electrode,
    /// Absent or null: a half cell against Li metal.
    #[serde(default, deserialize_with = "strict_option")]
    pub anode: Option<Electrode>,
    pub u_c_v: f64,
    #[serde(default)]
    pub u_a_v: f64,
    pub v_cutoff_v: f64,
    #[serde(default)]
    pub r0_ohm_cm2: f64,
    pub currents_a_per_cm2: Vec<f64>,
}

/// One current's delivered capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacityPoint {
    pub current_a_per_cm2: f64,
    pub capacity_c_per_cm2: f64,
    /// `ohmic`, `cathode-full`, `anode-full` or `none-delivered`.
    pub limit: &'static str,
    pub full_c_per_cm2: Option<f64>,
    pub utilisation: Option<f64>,
}

/// Delivered capacity (Eq. 19, clamped) at each current.
pub fn capacity(input: &CapacityInput) -> Result<Vec<CapacityPoint>> {
    check_len("currents_a_per_cm2", input.currents_a_per_cm2.len())?;
    let cell = Cell {
        cathode: input.cathode,
        anode: input.anode,
        u_c_v: input.u_c_v,
        u_a_v: input.u_a_v,
        v_cutoff_v: input.v_cutoff_v,
        r0_ohm_cm2: input.r0_ohm_cm2,
    };
    input
        .currents_a_per_cm2
        .iter()
        .map(|&i| {
            let d = delivered_capacity(&cell, i)?;
            Ok(CapacityPoint {
                current_a_per_cm2: i,
                capacity_c_per_cm2: d.capacity_c_per_cm2,
                limit: d.limit.name(),
                full_c_per_cm2: d.full_c_per_cm2,
                utilisation: d.utilisation,
            })
        })
        .collect()
}

fn check_len(name: &'static str, len: usize) -> Result<()> {
    match len {
        0 => Err(Error::invalid(name, 0.0, "at least one value")),
        n if n > MAX_POINTS => Err(Error::invalid(name, n as f64, "at most 100000 values")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
