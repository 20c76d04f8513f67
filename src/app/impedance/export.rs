//! The shown spectrum and its fit as CSV, with each point's mask, so that
//! a colleague can fit the same points again: `freq_hz, z_re_ohm,
//! z_im_ohm`, then `masked` (`no`, `masked`: clicked or left out after
//! the Kramers–Kronig check, or `outside range`: below or above the
//! frequency range applied), `fitted` (`yes` for the points the fit shown
//! used) and the fitted model there (`z_fit_re_ohm, z_fit_im_ohm`; empty
//! elsewhere or before a fit). Written with the crate's one CSV writer.

use crate::io::csv::{number, push_row};

use super::model::Loaded;

/// A frequency range applied to a spectrum (lo, hi in Hz; None: no bound).
pub type RangeHz = (Option<f64>, Option<f64>);

/// The CSV of `item` (see the module's documentation); `range_hz` is the
/// frequency range last applied to it, if any.
pub fn spectrum_csv(item: &Loaded, range_hz: Option<RangeHz>) -> String {
    let s = &item.spectrum;
    let model = match &item.outcome {
        Some(Ok(o)) if o.model.len() == s.len() - item.masked.len() => Some(&o.model),
        _ => None,
    };
    let outside = |f: f64| {
        range_hz.is_some_and(|(lo, hi)| lo.is_some_and(|lo| f < lo) || hi.is_some_and(|hi| f > hi))
    };
    let mut out = String::with_capacity(80 * (s.len() + 1));
    push_row(
        &mut out,
        [
            "freq_hz",
            "z_re_ohm",
            "z_im_ohm",
            "masked",
            "fitted",
            "z_fit_re_ohm",
            "z_fit_im_ohm",
        ],
    );
    let mut fitted = 0;
    for (k, (&f, z)) in s.freq_hz.iter().zip(&s.z_ohm).enumerate() {
        let masked = item.masked.binary_search(&k).is_ok();
        let fit = model.filter(|_| !masked).map(|m| m.z_ohm[fitted]);
        fitted += usize::from(!masked);
        let [re, im] = fit.map_or([String::new(), String::new()], |z| {
            [number(z.re), number(z.im)]
        });
        let mask = match (masked, outside(f)) {
            (false, _) => "no",
            (true, true) => "outside range",
            (true, false) => "masked",
        };
        push_row(
            &mut out,
            [
                number(f),
                number(z.re),
                number(z.im),
                mask.into(),
                if fit.is_some() { "yes" } else { "no" }.into(),
                re,
                im,
            ],
        );
    }
    out
}
