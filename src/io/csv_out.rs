//! Spectra → CSV text (`freq_hz,z_re_ohm,z_im_ohm`), the form `ionpath
//! convert` prints and the page exports.

use std::fmt::Write;

use crate::spectrum::Spectrum;

/// CSV of `spectra`: a header, then one row per point, values at full
/// precision (shortest text that reads back to the same `f64`). With more
/// than one spectrum a leading `spectrum` column holds each one's label
/// (quoted when it contains a comma, quote or line break).
pub fn to_csv(spectra: &[Spectrum]) -> String {
    let labelled = spectra.len() > 1;
    let rows: usize = spectra.iter().map(Spectrum::len).sum();
    let mut out = String::with_capacity(64 * (rows + 1));
    if labelled {
        out.push_str("spectrum,");
    }
    out.push_str("freq_hz,z_re_ohm,z_im_ohm\n");
    for spectrum in spectra {
        let label = csv_cell(&spectrum.label);
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

/// Shortest text that reads back to `v`: plain digits for ordinary
/// magnitudes, an exponent for very small or large ones.
fn push_number(out: &mut String, v: f64) {
    // Writing to a String cannot fail.
    let _ = if v == 0.0 || (1e-5..1e16).contains(&v.abs()) {
        write!(out, "{v}")
    } else {
        write!(out, "{v:e}")
    };
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_complex::Complex64;

    #[test]
    fn one_and_several_spectra() {
        let s = |label: &str| Spectrum {
            label: label.into(),
            freq_hz: vec![1000.0, 0.1],
            z_ohm: vec![Complex64::new(1.5, -0.25), Complex64::new(2.0, 1e-300)],
        };
        assert_eq!(
            to_csv(&[s("a")]),
            "freq_hz,z_re_ohm,z_im_ohm\n1000,1.5,-0.25\n0.1,2,1e-300\n"
        );
        let two = to_csv(&[s("a"), s("b,\"c\"")]);
        assert!(
            two.starts_with("spectrum,freq_hz,z_re_ohm,z_im_ohm\na,1000,1.5,-0.25\n"),
            "{two}"
        );
        assert!(two.ends_with("\"b,\"\"c\"\"\",0.1,2,1e-300\n"), "{two}");
    }
}
