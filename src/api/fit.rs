//! `fit` of the JavaScript API: the two-rail transmission line (Eq. 4–16)
//! fitted to one spectrum, given as arrays or as the text of an instrument
//! file the core's readers accept, with σ_eff, τ and α derived from R_ion
//! (Eq. 3, 17, 18) when the electrode's geometry is given.

use num_complex::Complex64;

use super::json::{self, numbers, object, opt_number, Fields, Value};
use super::{check_len, layout};
use crate::error::{Error, Result};
use crate::fit::derived::{derive_from_fit, Derived, Estimate, Geometry};
use crate::fit::{fit_line, FitOptions, FitResult, InterfaceKind, Interval, Weighting};
use crate::io::{read_bytes_with, ImColumn, ReadOptions};
use crate::spectrum::Spectrum;

/// Longest file text accepted, in bytes (the page's own file limit).
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// What to fit and how: the parsed input of [`fit_json`].
#[derive(Debug, Clone, PartialEq)]
pub struct FitRequest {
    pub spectrum: Spectrum,
    pub layout: crate::impedance::Layout,
    pub interface: InterfaceKind,
    pub options: FitOptions,
    /// Ion–electron layout: take the larger (true) or smaller fitted rail as R_ion.
    pub ionic_larger: bool,
    pub geometry: Option<Geometry>,
}

/// `name` among `choices` (name, value); the error lists them.
fn pick<T: Copy>(f: &Fields, field: &str, name: &str, choices: &[(&str, T)]) -> Result<T> {
    choices
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| v)
        .ok_or_else(|| {
            let known: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            f.error(
                field,
                &format!(
                    "is \"{}\": expected {}",
                    name.chars().take(40).collect::<String>(),
                    known.join(", ")
                ),
            )
        })
}

/// An object of parameter name → number (`fix`, `guess`).
fn named_numbers(f: &mut Fields, field: &str) -> Result<Vec<(String, f64)>> {
    let Some(mut inner) = f.opt_object(field)? else {
        return Ok(Vec::new());
    };
    inner
        .take_all()
        .into_iter()
        .map(|(name, v)| match v {
            Value::Number(x) => Ok((name, x)),
            other => Err(inner.error(&name, &format!("must be a number, found {}", other.kind()))),
        })
        .collect()
}

/// `bounds`: parameter name → [lo, hi].
fn bounds(f: &mut Fields) -> Result<Vec<(String, f64, f64)>> {
    let Some(mut inner) = f.opt_object("bounds")? else {
        return Ok(Vec::new());
    };
    inner
        .take_all()
        .into_iter()
        .map(|(name, v)| match v {
            Value::Array(pair) => match pair[..] {
                [Value::Number(lo), Value::Number(hi)] if lo < hi => Ok((name, lo, hi)),
                _ => Err(inner.error(&name, "must be [lo, hi], two numbers with lo < hi")),
            },
            _ => Err(inner.error(&name, "must be [lo, hi], two numbers with lo < hi")),
        })
        .collect()
}

/// The spectrum: `freq_hz`, `z_re_ohm`, `z_im_ohm`, or `file_text` (with
/// `file_name`, `im_column` and `spectrum_index` optional).
fn spectrum(f: &mut Fields) -> Result<Spectrum> {
    let arrays = (
        f.opt_numbers("freq_hz")?,
        f.opt_numbers("z_re_ohm")?,
        f.opt_numbers("z_im_ohm")?,
    );
    let text = f.opt_string("file_text")?;
    let name = f.opt_string("file_name")?;
    let im_column = f.opt_string("im_column")?;
    let index = f.opt_number("spectrum_index")?;
    match (arrays, text) {
        ((Some(freq_hz), Some(re), Some(im)), None) => {
            if name.is_some() || im_column.is_some() || index.is_some() {
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
                label: name.unwrap_or_else(|| "spectrum".into()),
                freq_hz,
                z_ohm: re
                    .iter()
                    .zip(&im)
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
            let im_column = match im_column.as_deref() {
                None => ImColumn::FromHeader,
                Some(c) => pick(
                    f,
                    "im_column",
                    c,
                    &[
                        ("header", ImColumn::FromHeader),
                        ("im", ImColumn::Im),
                        ("neg-im", ImColumn::NegIm),
                    ],
                )?,
            };
            let name = name.unwrap_or_else(|| "file_text".into());
            let options = ReadOptions {
                format: None,
                im_column,
            };
            let mut reading = read_bytes_with(&name, text.as_bytes(), &options)?;
            let count = reading.spectra.len();
            let k = match index {
                None => 0,
                Some(x) if x >= 0.0 && x.fract() == 0.0 && x < count as f64 => x as usize,
                Some(x) => {
                    return Err(Error::invalid(
                        "spectrum_index",
                        x,
                        "a whole number from 0 to the file's spectrum count − 1",
                    ))
                }
            };
            Ok(reading.spectra.swap_remove(k))
        }
        _ => Err(Error::Inconsistent(
            "give the spectrum either as freq_hz, z_re_ohm and z_im_ohm, or as file_text".into(),
        )),
    }
}

/// The electrode geometry of field `geometry`, if given.
fn geometry(f: &mut Fields) -> Result<Option<Geometry>> {
    let Some(mut g) = f.opt_object("geometry")? else {
        return Ok(None);
    };
    let geometry = Geometry {
        thickness_cm: g.number("thickness_cm")?,
        area_cm2: g.number("area_cm2")?,
        epsilon: g.number("epsilon")?,
        sigma_i_s_per_cm: g.number("sigma_i_s_per_cm")?,
    };
    g.finish()?;
    Ok(Some(geometry))
}

/// The fields of a fit request.
pub const FIELDS: [&str; 15] = [
    "freq_hz",
    "z_re_ohm",
    "z_im_ohm",
    "file_text",
    "file_name",
    "im_column",
    "spectrum_index",
    "layout",
    "interface",
    "weight",
    "fix",
    "guess",
    "bounds",
    "ionic_rail",
    "geometry",
];

impl FitRequest {
    /// Reads the request from the input's fields; unknown fields refused
    /// first (a misspelt `z_im_ohm` is named as such, not as a missing spectrum).
    pub fn read(f: &mut Fields) -> Result<FitRequest> {
        f.allow(&FIELDS)?;
        let spectrum = spectrum(f)?;
        let layout = layout(&f.string("layout")?)?;
        let interface = match f.opt_string("interface")? {
            None => InterfaceKind::Capacitor,
            Some(name) => pick(
                f,
                "interface",
                &name,
                &[
                    ("capacitor", InterfaceKind::Capacitor),
                    ("cpe", InterfaceKind::Cpe),
                ],
            )?,
        };
        let weighting = match f.opt_string("weight")? {
            None => Weighting::default(),
            Some(name) => Weighting::from_name(&name)
                .ok_or_else(|| f.error("weight", "must be modulus, proportional or unit"))?,
        };
        let ionic_larger = match f.opt_string("ionic_rail")? {
            None => true,
            Some(name) => pick(
                f,
                "ionic_rail",
                &name,
                &[("larger", true), ("smaller", false)],
            )?,
        };
        let options = FitOptions {
            weighting,
            fixed: named_numbers(f, "fix")?,
            guesses: named_numbers(f, "guess")?,
            bounds: bounds(f)?,
            ..FitOptions::default()
        };
        let geometry = geometry(f)?;
        Ok(FitRequest {
            spectrum,
            layout,
            interface,
            options,
            ionic_larger,
            geometry,
        })
    }
}

/// Fits `request`: the fit (rails ordered as asked when interchangeable),
/// whether they were swapped, and the derived quantities if geometry was given.
pub fn fit_request(request: &FitRequest) -> Result<(FitResult, bool, Option<Derived>)> {
    let mut fit = fit_line(
        request.layout,
        request.interface,
        &request.spectrum,
        &request.options,
    )?;
    let mut swapped = false;
    if fit.rails_interchangeable {
        if let (Some(ion), Some(el)) = (fit.param("r_ion"), fit.param("r_e")) {
            // Only when both rails were fitted: a fixed value is the caller's assignment.
            if !ion.fixed
                && !el.fixed
                && ion.value != el.value
                && (ion.value < el.value) == request.ionic_larger
            {
                fit = fit.swap_rails()?;
                swapped = true;
            }
        }
    }
    let derived = match &request.geometry {
        Some(g) => Some(derive_from_fit(&fit, g)?),
        None => None,
    };
    Ok((fit, swapped, derived))
}

fn estimate(e: &Estimate) -> Value {
    object([
        ("value", Value::Number(e.value)),
        ("stderr", opt_number(e.stderr)),
        ("ci95", e.ci95.map_or(Value::Null, interval)),
    ])
}

/// A profile interval as [lo, hi], null for an open end.
fn interval(i: Interval) -> Value {
    Value::Array(vec![opt_number(i.lo), opt_number(i.hi)])
}

/// The reply of [`fit_json`].
pub fn report(fit: &FitResult, swapped: bool, derived: Option<&Derived>) -> Value {
    let params = fit
        .params
        .iter()
        .map(|p| {
            object([
                ("name", Value::String(p.name.clone())),
                ("unit", Value::String(p.unit.into())),
                ("value", Value::Number(p.value)),
                ("stderr", opt_number(p.stderr)),
                ("ci95", p.ci95.map_or(Value::Null, interval)),
                ("fixed", Value::Bool(p.fixed)),
                ("determined", Value::Bool(p.determined)),
                (
                    "reason",
                    p.reason.clone().map_or(Value::Null, Value::String),
                ),
            ])
        })
        .collect();
    let mut reply = object([
        ("label", Value::String(fit.label.clone())),
        ("points", Value::Number(fit.residuals.len() as f64)),
        ("params", Value::Array(params)),
        ("chi2", Value::Number(fit.chi2)),
        ("reduced_chi2", Value::Number(fit.reduced_chi2)),
        ("evaluations", Value::Number(fit.evaluations as f64)),
        ("starts_tried", Value::Number(fit.starts_tried as f64)),
        ("stop_reason", Value::String(fit.stop_reason.clone())),
        ("converged", Value::Bool(fit.converged)),
        ("determined", Value::Bool(fit.determined)),
        (
            "rails_interchangeable",
            Value::Bool(fit.rails_interchangeable),
        ),
        ("rails_swapped", Value::Bool(swapped)),
        (
            "correlation",
            object([
                (
                    "names",
                    Value::Array(fit.free_names.iter().cloned().map(Value::String).collect()),
                ),
                (
                    "matrix",
                    Value::Array(fit.correlation.iter().map(|row| numbers(row)).collect()),
                ),
            ]),
        ),
        (
            "notes",
            Value::Array(fit.notes.iter().cloned().map(Value::String).collect()),
        ),
    ]);
    if let (Some(d), Value::Object(members)) = (derived, &mut reply) {
        members.push((
            "derived".into(),
            object([
                ("sigma_eff_s_per_cm", estimate(&d.sigma_eff_s_per_cm)),
                ("tortuosity", estimate(&d.tortuosity)),
                (
                    "bruggeman_alpha",
                    d.bruggeman_alpha.as_ref().map_or(Value::Null, estimate),
                ),
            ]),
        ));
    }
    reply
}

/// Fits the two-rail line to one spectrum:
/// `{freq_hz, z_re_ohm, z_im_ohm | file_text (+ file_name, im_column,
/// spectrum_index), layout, interface?, weight?, fix?, guess?, bounds?,
/// ionic_rail?, geometry?}` → the fit report (see `docs/EMBEDDING.md`).
pub fn fit_json(input: &str) -> Result<String> {
    let mut f = Fields::parse("fit", input)?;
    let request = FitRequest::read(&mut f)?;
    f.finish()?;
    let (fit, swapped, derived) = fit_request(&request)?;
    Ok(json::to_string(&report(&fit, swapped, derived.as_ref())))
}
