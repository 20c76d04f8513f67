//! The JSON API behind the page's JavaScript module (`api.js`, see
//! `docs/EMBEDDING.md`): a host page calls the models directly with plain
//! objects in the core's units and gets plain objects back.
//!
//! Each function takes one JSON text and returns one JSON text, so the
//! logic is pure and tested natively; `crate::web::api` only moves strings
//! across the wasm boundary. Unknown fields are refused (a misspelt name
//! must not silently fall back to a default); every error names the field.

use serde::{Deserialize, Serialize};

use crate::capacity::{delivered_capacity, Cell, Electrode};
use crate::error::{Error, Result};
use crate::impedance::{simulate, Interface, Layout, TwoRailLine};

/// Most points accepted in one call (frequencies or currents).
pub const MAX_POINTS: usize = 100_000;

/// Input of [`simulate_tlm_json`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlmRequest {
    /// `ion-electron`, `ion-ion` or `electron-electron`.
    pub layout: String,
    pub r_ion_ohm: f64,
    pub r_e_ohm: f64,
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

/// Output of [`simulate_tlm_json`]: Z = re + i·im in Ω at each frequency.
#[derive(Debug, Serialize)]
pub struct SpectrumReply {
    pub freq_hz: Vec<f64>,
    pub re_ohm: Vec<f64>,
    pub im_ohm: Vec<f64>,
}

/// The two-rail transmission line (Eq. 4–16) of `request`, checked.
pub fn tlm_line(request: &TlmRequest) -> Result<TwoRailLine> {
    let layout = Layout::from_name(&request.layout).ok_or_else(|| {
        Error::Inconsistent(format!(
            "layout \"{}\" is unknown: expected ion-electron, ion-ion or electron-electron",
            request.layout.chars().take(40).collect::<String>()
        ))
    })?;
    let interface = match (request.c_dl_f, request.q, request.n) {
        (Some(c_dl_f), None, None) => Interface::Capacitor { c_dl_f },
        (None, Some(q), Some(n)) => Interface::Cpe { q, n },
        _ => {
            return Err(Error::Inconsistent(
                "give either c_dl_f (a double layer) or both q and n (a CPE)".into(),
            ))
        }
    };
    TwoRailLine::new(
        layout,
        request.r_ion_ohm,
        request.r_e_ohm,
        interface,
        request.r_bulk_ohm,
    )
}

/// Simulates the two-rail line: `{layout, r_ion_ohm, r_e_ohm, r_bulk_ohm?,
/// c_dl_f | q + n, freq_hz: [Hz…]}` → `{freq_hz, re_ohm, im_ohm}` (Ω; Im < 0
/// for capacitive behaviour).
pub fn simulate_tlm_json(input: &str) -> Result<String> {
    let request: TlmRequest = parse("simulateTlm", input)?;
    check_len("freq_hz", request.freq_hz.len())?;
    let line = tlm_line(&request)?;
    let spectrum = simulate(&line, &request.freq_hz, "api")?;
    let reply = SpectrumReply {
        re_ohm: spectrum.z_ohm.iter().map(|z| z.re).collect(),
        im_ohm: spectrum.z_ohm.iter().map(|z| z.im).collect(),
        freq_hz: spectrum.freq_hz,
    };
    for (k, (re, im)) in reply.re_ohm.iter().zip(&reply.im_ohm).enumerate() {
        if !re.is_finite() || !im.is_finite() {
            return Err(Error::Numerical(format!(
                "Z is not finite at freq_hz[{k}] = {}",
                reply.freq_hz.get(k).copied().unwrap_or(f64::NAN)
            )));
        }
    }
    to_json(&reply)
}

/// One electrode of a [`CapacityRequest`] (Eq. 19's q, σ_eff, L).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectrodeRequest {
    pub capacity_c_per_cm3: f64,
    pub sigma_eff_s_per_cm: f64,
    pub thickness_cm: Option<f64>,
}

/// Input of [`capacity_json`]: the cell of Eq. 19 and the currents.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityRequest {
    pub cathode: ElectrodeRequest,
    /// Absent or `null`: a half cell against Li metal.
    pub anode: Option<ElectrodeRequest>,
    pub u_c_v: f64,
    #[serde(default)]
    pub u_a_v: f64,
    pub v_cutoff_v: f64,
    #[serde(default)]
    pub r0_ohm_cm2: f64,
    pub currents_a_per_cm2: Vec<f64>,
}

/// One current of [`capacity_json`]'s reply.
#[derive(Debug, Serialize)]
pub struct CapacityPoint {
    pub current_a_per_cm2: f64,
    pub capacity_c_per_cm2: f64,
    /// `ohmic`, `cathode-full`, `anode-full` or `none-delivered`.
    pub limit: &'static str,
    pub full_c_per_cm2: Option<f64>,
    pub utilisation: Option<f64>,
}

fn electrode(e: &ElectrodeRequest) -> Electrode {
    Electrode {
        capacity_c_per_cm3: e.capacity_c_per_cm3,
        sigma_eff_s_per_cm: e.sigma_eff_s_per_cm,
        thickness_cm: e.thickness_cm,
    }
}

/// Delivered capacity (Eq. 19, clamped) at each current:
/// `{cathode: {capacity_c_per_cm3, sigma_eff_s_per_cm, thickness_cm?},
/// anode?, u_c_v, u_a_v?, v_cutoff_v, r0_ohm_cm2?, currents_a_per_cm2: […]}`
/// → `[{current_a_per_cm2, capacity_c_per_cm2, limit, full_c_per_cm2, utilisation}]`.
pub fn capacity_json(input: &str) -> Result<String> {
    let request: CapacityRequest = parse("capacity", input)?;
    check_len("currents_a_per_cm2", request.currents_a_per_cm2.len())?;
    let cell = Cell {
        cathode: electrode(&request.cathode),
        anode: request.anode.as_ref().map(electrode),
        u_c_v: request.u_c_v,
        u_a_v: request.u_a_v,
        v_cutoff_v: request.v_cutoff_v,
        r0_ohm_cm2: request.r0_ohm_cm2,
    };
    let points = request
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
        .collect::<Result<Vec<_>>>()?;
    to_json(&points)
}

fn parse<'a, T: Deserialize<'a>>(call: &str, input: &'a str) -> Result<T> {
    serde_json::from_str(input).map_err(|e| Error::Read {
        source: format!("{call} input"),
        line: None,
        message: e.to_string(),
    })
}

fn check_len(name: &'static str, len: usize) -> Result<()> {
    match len {
        0 => Err(Error::invalid(name, 0.0, "at least one value")),
        n if n > MAX_POINTS => Err(Error::invalid(name, n as f64, "at most 100000 values")),
        _ => Ok(()),
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::Numerical(format!("could not write the reply: {e}")))
}

#[cfg(test)]
mod tests;
