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

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::impedance::{simulate, Interface, Layout, TwoRailLine};
use crate::physics::capacity::{delivered_capacity, Cell, Electrode};

pub use fit::{fit, FitInput};

/// Most points accepted in one call (frequencies or currents).
pub const MAX_POINTS: usize = 100_000;

/// Reads the input of call `call` from `input`, naming the field at fault
/// (`geometry.epsilon: invalid type …`).
pub fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(call: &str, input: D) -> Result<T>
where
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(input).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!("{path}: ")
        };
        Error::Inconsistent(format!("{call} input: {at}{}", e.inner()))
    })
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
    pub cathode: Electrode,
    /// Absent or null: a half cell against Li metal.
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
