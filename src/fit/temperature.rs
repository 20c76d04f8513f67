//! Temperature series: one spectrum per temperature → a resistance R(T)
//! from each fit → σ(T) by Eq. 3 → Arrhenius (Eq. 1) fitted as
//! `ionpath fit-conductivity` does ([`super::scalar::fit_arrhenius`]).
//! Temperatures are typed or read from file names (`LPSC_25C.mpt`,
//! `cell-298K.csv`, `T-10degC.txt`).

use serde::Serialize;

use super::scalar::{fit_arrhenius, ArrheniusFit, ArrheniusForm};
use crate::error::{require_positive, Error, Result};
use crate::physics::conductivity::conductivity_from_resistance_s_per_cm;

/// 0 °C in K.
const ZERO_CELSIUS_K: f64 = 273.15;

/// The temperature (K) written in `name`, e.g. `25C`, `25 °C`, `25degC`,
/// `-10C` after a separator (`cell_-10C`; in `run-10C` the dash separates),
/// `298K`, `298.15 K`, `T25C`; None when there is none. The number
/// must not follow another letter or digit except a `T` (so `LPSC25C` is
/// not read, `T25C` is) and the unit letter must not be followed by a
/// letter (`25Cycle` is no temperature). Several different temperatures
/// in one name are an error naming them.
pub fn temperature_from_name(name: &str) -> Result<Option<f64>> {
    // The file name without folders and extension.
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let chars: Vec<char> = stem.chars().collect();
    let mut found: Vec<(f64, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // A minus sign only where it cannot be a separator (`run-10C` is
        // 10 °C, `pellet_-10C` is −10 °C).
        let starts_number = chars[i].is_ascii_digit()
            || (chars[i] == '-'
                && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
                && (i == 0 || !chars[i - 1].is_alphanumeric()));
        let before_ok = i == 0
            || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.')
            || (chars[i - 1] == 'T' && (i == 1 || !chars[i - 2].is_alphanumeric()));
        if !(starts_number && before_ok) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        // Unit: optional space, then °C, degC, C or K.
        let mut j = i;
        if chars.get(j) == Some(&' ') {
            j += 1;
        }
        let rest: String = chars[j..].iter().take(4).collect();
        let (unit, len) = if rest.starts_with("°C") {
            ('C', 2)
        } else if rest.starts_with("degC") {
            ('C', 4)
        } else if rest.starts_with('C') {
            ('C', 1)
        } else if rest.starts_with('K') {
            ('K', 1)
        } else {
            continue;
        };
        if chars.get(j + len).is_some_and(|c| c.is_alphabetic()) {
            continue;
        }
        let Ok(value) = number.trim_start_matches('-').parse::<f64>() else {
            continue;
        };
        let value = if number.starts_with('-') {
            -value
        } else {
            value
        };
        let kelvin = if unit == 'C' {
            value + ZERO_CELSIUS_K
        } else {
            value
        };
        let text: String = chars[start..j + len].iter().collect();
        if !found.iter().any(|(k, _)| (k - kelvin).abs() < 1e-9) {
            found.push((kelvin, text));
        }
        i = j + len;
    }
    match found.as_slice() {
        [] => Ok(None),
        [(kelvin, text)] => {
            if *kelvin > 0.0 {
                Ok(Some(*kelvin))
            } else {
                Err(Error::Read {
                    source: name.to_string(),
                    line: None,
                    message: format!("the temperature {text} in the name is below absolute zero"),
                })
            }
        }
        several => Err(Error::Read {
            source: name.to_string(),
            line: None,
            message: format!(
                "the name holds several temperatures ({}): give the temperature yourself",
                several
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

/// One spectrum's point of the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    pub label: String,
    pub temperature_k: f64,
    /// The fitted resistance, Ω.
    pub resistance_ohm: f64,
}

/// σ(T) and the Arrhenius fit of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesFit {
    /// σ = L/(R·A) per point (Eq. 3), S/cm; with no geometry, the
    /// conductance 1/R in S (as if L/A = 1 cm⁻¹).
    pub sigma_s_per_cm: Vec<f64>,
    pub arrhenius: ArrheniusFit,
}

/// σ(T) from the points' resistances (Eq. 3 with `thickness_cm` and
/// `area_cm2` when given) and Eq. 1 (or the plain form) fitted to it.
/// E_A does not depend on the geometry; σ_0 does.
pub fn arrhenius_from_resistances(
    points: &[SeriesPoint],
    geometry: Option<(f64, f64)>,
    form: ArrheniusForm,
) -> Result<SeriesFit> {
    let (thickness_cm, area_cm2) = geometry.unwrap_or((1.0, 1.0));
    let sigma_s_per_cm = points
        .iter()
        .map(|p| {
            require_positive("temperature_k", p.temperature_k)?;
            conductivity_from_resistance_s_per_cm(thickness_cm, p.resistance_ohm, area_cm2)
        })
        .collect::<Result<Vec<f64>>>()?;
    let temperatures: Vec<f64> = points.iter().map(|p| p.temperature_k).collect();
    let arrhenius = fit_arrhenius(&temperatures, &sigma_s_per_cm, form)?;
    Ok(SeriesFit {
        sigma_s_per_cm,
        arrhenius,
    })
}

#[cfg(test)]
mod tests;
