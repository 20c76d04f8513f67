//! The JSON API behind the page's JavaScript module (`api.js`, see
//! `docs/EMBEDDING.md`): a host page calls the models directly with plain
//! objects in the core's units and gets plain objects back.
//!
//! Each function takes one JSON text and returns one JSON text, so the
//! logic is pure and tested natively; `crate::web::api` only moves strings
//! across the wasm boundary. Unknown fields are refused (a misspelt name
//! must not silently fall back to a default); every error names the field.

pub mod fit;
pub mod json;

use crate::capacity::{delivered_capacity, Cell, Electrode};
use crate::error::{Error, Result};
use crate::float_format::Float;
use crate::impedance::{simulate, Interface, Layout, TwoRailLine};
use json::{numbers, object, opt_number, Fields, Value};

pub use fit::fit_json;

/// Most points accepted in one call (frequencies or currents).
pub const MAX_POINTS: usize = 100_000;

/// Input of [`simulate_tlm_json`].
#[derive(Debug, Clone, PartialEq)]
pub struct TlmRequest {
    /// `ion-electron`, `ion-ion` or `electron-electron`.
    pub layout: String,
    pub r_ion_ohm: f64,
    pub r_e_ohm: f64,
    /// 0 when absent.
    pub r_bulk_ohm: f64,
    /// Double-layer capacitance C_dl in F; or give `q` and `n` (a CPE).
    pub c_dl_f: Option<f64>,
    /// CPE Q in F·s^(n−1).
    pub q: Option<f64>,
    /// CPE exponent, 0 < n ≤ 1.
    pub n: Option<f64>,
    pub freq_hz: Vec<f64>,
}

impl TlmRequest {
    fn read(f: &mut Fields) -> Result<TlmRequest> {
        Ok(TlmRequest {
            layout: f.string("layout")?,
            r_ion_ohm: f.number("r_ion_ohm")?,
            r_e_ohm: f.number("r_e_ohm")?,
            r_bulk_ohm: f.opt_number("r_bulk_ohm")?.unwrap_or(0.0),
            c_dl_f: f.opt_number("c_dl_f")?,
            q: f.opt_number("q")?,
            n: f.opt_number("n")?,
            freq_hz: f.numbers("freq_hz")?,
        })
    }
}

/// The layout named `name`, or an error listing the three.
pub fn layout(name: &str) -> Result<Layout> {
    Layout::from_name(name).ok_or_else(|| {
        Error::Inconsistent(format!(
            "layout \"{}\" is unknown: expected ion-electron, ion-ion or electron-electron",
            name.chars().take(40).collect::<String>()
        ))
    })
}

/// The two-rail transmission line (Eq. 4–16) of `request`, checked.
pub fn tlm_line(request: &TlmRequest) -> Result<TwoRailLine> {
    let layout = layout(&request.layout)?;
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
    let mut f = Fields::parse("simulateTlm", input)?;
    let request = TlmRequest::read(&mut f)?;
    f.finish()?;
    check_len("freq_hz", request.freq_hz.len())?;
    let line = tlm_line(&request)?;
    let spectrum = simulate(&line, &request.freq_hz, "api")?;
    let re_ohm: Vec<f64> = spectrum.z_ohm.iter().map(|z| z.re).collect();
    let im_ohm: Vec<f64> = spectrum.z_ohm.iter().map(|z| z.im).collect();
    for (k, (re, im)) in re_ohm.iter().zip(&im_ohm).enumerate() {
        if !re.is_finite() || !im.is_finite() {
            return Err(Error::Numerical(format!(
                "Z is not finite at freq_hz[{k}] = {}",
                Float(spectrum.freq_hz.get(k).copied().unwrap_or(f64::NAN))
            )));
        }
    }
    Ok(json::to_string(&object([
        ("freq_hz", numbers(&spectrum.freq_hz)),
        ("re_ohm", numbers(&re_ohm)),
        ("im_ohm", numbers(&im_ohm)),
    ])))
}

/// The electrode of field `name` (Eq. 19's q, σ_eff, L).
fn electrode(f: &mut Fields, name: &str) -> Result<Option<Electrode>> {
    let Some(mut e) = f.opt_object(name)? else {
        return Ok(None);
    };
    let electrode = Electrode {
        capacity_c_per_cm3: e.number("capacity_c_per_cm3")?,
        sigma_eff_s_per_cm: e.number("sigma_eff_s_per_cm")?,
        thickness_cm: e.opt_number("thickness_cm")?,
    };
    e.finish()?;
    Ok(Some(electrode))
}

/// Delivered capacity (Eq. 19, clamped) at each current:
/// `{cathode: {capacity_c_per_cm3, sigma_eff_s_per_cm, thickness_cm?},
/// anode?, u_c_v, u_a_v?, v_cutoff_v, r0_ohm_cm2?, currents_a_per_cm2: […]}`
/// → `[{current_a_per_cm2, capacity_c_per_cm2, limit, full_c_per_cm2, utilisation}]`
/// (`limit`: `ohmic`, `cathode-full`, `anode-full` or `none-delivered`;
/// `anode` absent or null: a half cell against Li metal).
pub fn capacity_json(input: &str) -> Result<String> {
    let mut f = Fields::parse("capacity", input)?;
    let cathode =
        electrode(&mut f, "cathode")?.ok_or_else(|| f.error("cathode", "is missing (or null)"))?;
    let cell = Cell {
        cathode,
        anode: electrode(&mut f, "anode")?,
        u_c_v: f.number("u_c_v")?,
        u_a_v: f.opt_number("u_a_v")?.unwrap_or(0.0),
        v_cutoff_v: f.number("v_cutoff_v")?,
        r0_ohm_cm2: f.opt_number("r0_ohm_cm2")?.unwrap_or(0.0),
    };
    let currents = f.numbers("currents_a_per_cm2")?;
    f.finish()?;
    check_len("currents_a_per_cm2", currents.len())?;
    let points = currents
        .iter()
        .map(|&i| {
            let d = delivered_capacity(&cell, i)?;
            Ok(object([
                ("current_a_per_cm2", Value::Number(i)),
                ("capacity_c_per_cm2", Value::Number(d.capacity_c_per_cm2)),
                ("limit", Value::String(d.limit.name().into())),
                ("full_c_per_cm2", opt_number(d.full_c_per_cm2)),
                ("utilisation", opt_number(d.utilisation)),
            ]))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(json::to_string(&Value::Array(points)))
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
