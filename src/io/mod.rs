//! Readers for impedance data → [`Spectrum`]s.
//!
//! Entry points: [`read_path`] for a file on disk (CLI) and [`read_bytes`]
//! for bytes already in memory (the page). Both detect the format from the
//! content and return every spectrum the file holds, or an [`Error::Read`]
//! naming the file and line.

use std::path::Path;

use num_complex::Complex64;

use crate::error::{Error, Result};
use crate::spectrum::Spectrum;

/// Reads every spectrum in the file at `path`.
pub fn read_path(path: &Path) -> Result<Vec<Spectrum>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        source: name.clone(),
        line: None,
        message: format!("cannot open: {e}"),
    })?;
    read_bytes(&name, &bytes)
}

/// Reads every spectrum in `bytes`; `name` labels messages and spectra.
///
/// Accepts three numeric columns `freq_hz, z_re_ohm, z_im_ohm` separated by
/// commas, semicolons, tabs or spaces, with an optional header line.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Vec<Spectrum>> {
    let err = |line: Option<usize>, message: String| Error::Read { source: name.to_string(), line, message };
    let text = std::str::from_utf8(bytes).map_err(|_| err(None, "not a text file".into()))?;
    let mut spectrum = Spectrum { label: name.to_string(), ..Spectrum::default() };
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split([',', ';', '\t', ' ']).filter(|c| !c.is_empty()).collect();
        let numbers: std::result::Result<Vec<f64>, _> = cells.iter().map(|c| c.parse::<f64>()).collect();
        match numbers {
            Err(_) if spectrum.is_empty() && line_no == 1 => continue, // header
            Err(_) => return Err(err(Some(line_no), format!("expected three numbers, found {line:?}"))),
            Ok(v) if v.len() != 3 => {
                return Err(err(Some(line_no), format!("expected 3 columns, found {}", v.len())))
            }
            Ok(v) => {
                if !v.iter().all(|x| x.is_finite()) {
                    return Err(err(Some(line_no), "NaN or infinite value".into()));
                }
                if v[0] <= 0.0 {
                    return Err(err(Some(line_no), format!("frequency must be > 0 Hz, found {}", v[0])));
                }
                spectrum.freq_hz.push(v[0]);
                spectrum.z_ohm.push(Complex64::new(v[1], v[2]));
            }
        }
    }
    if spectrum.is_empty() {
        return Err(err(None, "no data rows".into()));
    }
    Ok(vec![spectrum])
}
