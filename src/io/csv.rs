//! The crate's one CSV writer (RFC 4180, `\n` line ends): every CSV the CLI
//! prints and the page exports is written with [`push_row`], its numbers
//! with [`number`]. Also spectra as `freq_hz,z_re_ohm,z_im_ohm` ([`to_csv`],
//! what `ionpath convert` prints and the page exports) and serde values
//! flattened into columns ([`from_records`], the CLI's fit reports).

use std::borrow::Cow;
use std::fmt::Write;

use serde_json::Value;

use crate::spectrum::Spectrum;

/// `text` as one field: quoted, its quotes doubled, when it holds a comma,
/// a quote or a line break (`\n` or `\r`).
pub fn field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends one line of `fields`, each quoted as [`field`] says.
pub fn push_row<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (k, f) in fields.into_iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&field(f.as_ref()));
    }
    out.push('\n');
}

/// The shortest text that reads back to `v`: plain digits for ordinary
/// magnitudes, an exponent for very small or large ones; empty for NaN.
pub fn number(v: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, v);
    out
}

/// Appends [`number`]`(v)`.
pub fn push_number(out: &mut String, v: f64) {
    // Writing to a String cannot fail.
    let _ = if v.is_nan() {
        Ok(())
    } else if v == 0.0 || (1e-5..1e16).contains(&v.abs()) {
        write!(out, "{v}")
    } else {
        write!(out, "{v:e}")
    };
}

/// CSV of `spectra`: a header, then one row per point, values at full
/// precision. With more than one spectrum a leading `spectrum` column
/// holds each one's label.
pub fn to_csv(spectra: &[Spectrum]) -> String {
    let labelled = spectra.len() > 1;
    let rows: usize = spectra.iter().map(Spectrum::len).sum();
    let mut out = String::with_capacity(64 * (rows + 1));
    if labelled {
        out.push_str("spectrum,");
    }
    out.push_str("freq_hz,z_re_ohm,z_im_ohm\n");
    for spectrum in spectra {
        let label = field(&spectrum.label);
        for (f, z) in spectrum.freq_hz.iter().zip(&spectrum.z_ohm) {
            if labelled {
                out.push_str(&label);
                out.push(',');
            }
            for (k, v) in [*f, z.re, z.im].into_iter().enumerate() {
                push_number(&mut out, v);
                out.push(if k == 2 { '\n' } else { ',' });
            }
        }
    }
    out
}

/// The key of an interval `[lo, hi]` (`ci95`), which [`flatten`] writes as
/// two columns.
const INTERVAL: &str = "ci95";

/// `value` as (column, text) pairs. An object's members become columns
/// named by their path joined with `_` (a member `value` adds nothing to
/// the name); an array of objects that have a `name` gives each element
/// the prefix of its name instead of the array's (`params` → `r_ion`,
/// `r_ion_stderr`, …); an interval `ci95: [lo, hi]` is `_ci95_lo` and
/// `_ci95_hi` (a `null` end, open, an empty cell); an array of strings is
/// joined with `; `, and other arrays (residuals, index lists, matrices)
/// are left out. Null is an empty cell.
pub fn flatten(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten_into(&mut out, "", value);
    out
}

fn join(prefix: &str, key: &str) -> String {
    match (prefix.is_empty(), key == "value") {
        (true, _) => key.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}_{key}"),
    }
}

/// The elements of `value` when it is a non-empty array of objects that
/// each have a `name`, with those names.
fn named_list(value: &Value) -> Option<Vec<(&str, &Value)>> {
    let items = value.as_array().filter(|items| !items.is_empty())?;
    items
        .iter()
        .map(|v| Some((v.get("name")?.as_str()?, v)))
        .collect()
}

fn flatten_into(out: &mut Vec<(String, String)>, prefix: &str, value: &Value) {
    let text = |n: &serde_json::Number| n.as_f64().map_or(String::new(), number);
    match value {
        Value::Null => out.push((prefix.to_string(), String::new())),
        Value::Bool(b) => out.push((prefix.to_string(), b.to_string())),
        Value::Number(n) => out.push((prefix.to_string(), text(n))),
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Object(members) => {
            for (key, v) in members {
                match named_list(v) {
                    Some(items) => {
                        for (name, item) in items {
                            let fields = item.as_object().into_iter().flatten();
                            for (key, v) in fields.filter(|(key, _)| *key != "name") {
                                flatten_into(out, &join(&join(prefix, name), key), v);
                            }
                        }
                    }
                    None => flatten_into(out, &join(prefix, key), v),
                }
            }
        }
        Value::Array(items) => {
            let end = |v: &Value| match v {
                Value::Number(n) => Some(text(n)),
                Value::Null => Some(String::new()),
                _ => None,
            };
            match &items[..] {
                [lo, hi] if prefix.ends_with(INTERVAL) => {
                    if let (Some(lo), Some(hi)) = (end(lo), end(hi)) {
                        out.push((join(prefix, "lo"), lo));
                        out.push((join(prefix, "hi"), hi));
                    }
                }
                _ if items.iter().all(Value::is_string) => {
                    let texts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                    out.push((prefix.to_string(), texts.join("; ")));
                }
                // Per-point arrays, index lists, matrices: JSON only.
                _ => {}
            }
        }
    }
}

/// CSV of `records` flattened by [`flatten`]: the header is every column
/// any record has, in the order first seen; a record without a column
/// leaves its cell empty.
pub fn from_records(records: &[Value]) -> String {
    let rows: Vec<Vec<(String, String)>> = records.iter().map(flatten).collect();
    let mut columns: Vec<&str> = Vec::new();
    for (name, _) in rows.iter().flatten() {
        if !columns.contains(&name.as_str()) {
            columns.push(name);
        }
    }
    let mut out = String::new();
    push_row(&mut out, &columns);
    for row in &rows {
        push_row(
            &mut out,
            columns.iter().map(|c| {
                row.iter()
                    .find(|(name, _)| name == c)
                    .map_or("", |(_, text)| text.as_str())
            }),
        );
    }
    out
}

#[cfg(test)]
mod tests;
