//! `fit` of the JavaScript API: the two-rail transmission line (Eq. 4–16)
//! fitted to one spectrum, given as arrays or as the text of an instrument
//! file the core's readers accept, reported as [`FitReport`] (σ_eff, τ and
//! α from R_ion, Eq. 3, 17, 18, when the electrode's geometry is given).

use std::collections::BTreeMap;

use num_complex::Complex64;
use serde::Deserialize;

use super::check_len;
use crate::error::{Error, Result};
use crate::fit::derived::Geometry;
use crate::fit::report::{fit_report, FitRequest, ModelRequest};
use crate::fit::{FitOptions, FitReport, InterfaceKind, IonicRail, Weighting};
use crate::impedance::Layout;
use crate::io::{read_bytes_with, ImColumn, ReadOptions};
use crate::spectrum::Spectrum;

/// Longest file text accepted, in bytes (the page's own file limit).
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// The input of [`fit`]: the spectrum (arrays, or a file's text) and the
/// fit's settings, each optional one with its default.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitInput {
    pub freq_hz: Option<Vec<f64>>,
    pub z_re_ohm: Option<Vec<f64>>,
    pub z_im_ohm: Option<Vec<f64>>,
    pub file_text: Option<String>,
    pub file_name: Option<String>,
    pub im_column: Option<ImColumn>,
    pub spectrum_index: Option<usize>,
    pub layout: Layout,
    #[serde(default)]
    pub interface: Option<InterfaceKind>,
    #[serde(default, rename = "weight")]
    pub weighting: Weighting,
    #[serde(default)]
    pub fix: BTreeMap<String, f64>,
    #[serde(default)]
    pub guess: BTreeMap<String, f64>,
    #[serde(default)]
    pub bounds: BTreeMap<String, (f64, f64)>,
    #[serde(default)]
    pub ionic_rail: IonicRail,
    #[serde(default, deserialize_with = "super::strict_option")]
    pub geometry: Option<Geometry>,
}

/// The spectrum of `input`: its arrays, or spectrum `spectrum_index` of
/// `file_text` read by the instrument readers.
fn spectrum(input: &FitInput) -> Result<Spectrum> {
    let arrays = (&input.freq_hz, &input.z_re_ohm, &input.z_im_ohm);
    match (arrays, &input.file_text) {
        ((Some(freq_hz), Some(re), Some(im)), None) => {
            if input.file_name.is_some()
                || input.im_column.is_some()
                || input.spectrum_index.is_some()
            {
                return Err(Error::Inconsistent(
                    "file_name, im_column and spectrum_index go with file_text, not with arrays"
                        .into(),
                ));
            }
            check_len("freq_hz", freq_hz.len())?;
            if re.len() != freq_hz.len() || im.len() != freq_hz.len() {
                return Err(Error::Inconsistent(format!(
                    "freq_hz, z_re_ohm and z_im_ohm must be equally long: {}, {} and {} values",
                    freq_hz.len(),
                    re.len(),
                    im.len()
                )));
            }
            if freq_hz.len() < crate::io::MIN_POINTS {
                return Err(Error::invalid(
                    "freq_hz",
                    freq_hz.len() as f64,
                    "at least 3 points",
                ));
            }
            Ok(Spectrum {
                label: "spectrum".into(),
                freq_hz: freq_hz.clone(),
                z_ohm: re
                    .iter()
                    .zip(im)
                    .map(|(&r, &i)| Complex64::new(r, i))
                    .collect(),
            })
        }
        ((None, None, None), Some(text)) => {
            if text.len() > MAX_TEXT_BYTES {
                return Err(Error::invalid(
                    "file_text",
                    text.len() as f64,
                    "at most 16 MiB",
                ));
            }
            let name = input.file_name.as_deref().unwrap_or("file_text");
            let options = ReadOptions {
                format: None,
                im_column: input.im_column.unwrap_or(ImColumn::FromHeader),
            };
            let mut reading = read_bytes_with(name, text.as_bytes(), &options)?;
            let count = reading.spectra.len();
            let k = input.spectrum_index.unwrap_or(0);
            if k >= count {
                return Err(Error::invalid(
                    "spectrum_index",
                    k as f64,
                    "a whole number from 0 to the file's spectrum count − 1",
                ));
            }
            Ok(reading.spectra.swap_remove(k))
        }
        _ => Err(Error::Inconsistent(
            "give the spectrum either as freq_hz, z_re_ohm and z_im_ohm, or as file_text".into(),
        )),
    }
}

/// The fit's settings from `input`.
fn request(input: &FitInput) -> Result<FitRequest> {
    let mut bounds = Vec::new();
    for (name, &(lo, hi)) in &input.bounds {
        if lo >= hi {
            return Err(Error::Inconsistent(format!(
                "bounds.{name} must be [lo, hi], two numbers with lo < hi"
            )));
        }
        bounds.push((name.clone(), lo, hi));
    }
    let pairs = |map: &BTreeMap<String, f64>| map.iter().map(|(k, &v)| (k.clone(), v)).collect();
    Ok(FitRequest {
        model: ModelRequest::Line {
            layout: input.layout,
            interface: input.interface.unwrap_or(InterfaceKind::Capacitor),
        },
        options: FitOptions {
            weighting: input.weighting,
            fixed: pairs(&input.fix),
            guesses: pairs(&input.guess),
            bounds,
            ..FitOptions::default()
        },
        ionic_rail: input.ionic_rail,
        geometry: input.geometry,
        kk: false,
        kk_options: crate::fit::kk::KkOptions::default(),
    })
}

/// Fits the two-rail line to the spectrum of `input` (see `docs/EMBEDDING.md`).
pub fn fit(input: &FitInput) -> Result<FitReport> {
    let spectrum = spectrum(input)?;
    let request = request(input)?;
    fit_report(&spectrum, &request)
}
