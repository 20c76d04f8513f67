//! The fit outcome as the page's worker sends it to the main thread: a flat
//! list of numbers and a list of texts (a `Float64Array` and an array of
//! strings in the message), written and read in one fixed order.
//!
//! Every f64 crosses bit for bit (NaN and ±∞ included). What the receiver
//! can recompute is left out: the fitted model at the data's frequencies
//! (one evaluation of the line) and the units (the model's parameter
//! specs); the Kramers–Kronig fit itself (`fitted_ohm`) is not sent, as the
//! page shows only its residual figures.

use crate::error::{Error, Result};
use crate::fit::kk::KkResult;
use crate::fit::{FitResult, ParamEstimate};
use crate::impedance::Model;
use crate::spectrum::Spectrum;

use super::impedance::{line_model, line_spectrum, Outcome};
use super::state::State;

/// An encoded [`Outcome`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wire {
    pub nums: Vec<f64>,
    pub texts: Vec<String>,
}

impl Wire {
    fn num(&mut self, x: f64) {
        self.nums.push(x);
    }
    fn count(&mut self, n: usize) {
        self.nums.push(n as f64);
    }
    fn flag(&mut self, b: bool) {
        self.nums.push(if b { 1.0 } else { 0.0 });
    }
    fn opt(&mut self, x: Option<f64>) {
        self.flag(x.is_some());
        self.num(x.unwrap_or(0.0));
    }
    fn text(&mut self, s: &str) {
        self.texts.push(s.to_string());
    }
    fn texts(&mut self, list: &[String]) {
        self.count(list.len());
        self.texts.extend(list.iter().cloned());
    }
    fn pairs(&mut self, list: &[(f64, f64)]) {
        self.count(list.len());
        for &(a, b) in list {
            self.nums.extend([a, b]);
        }
    }
}

/// Reads a [`Wire`] back in the order it was written. A read past the end
/// (or a count that cannot be one) gives 0 and marks the message bad,
/// which [`decode`] checks once at the end.
struct Reader<'a> {
    wire: &'a Wire,
    num: usize,
    text: usize,
    bad: bool,
}

impl Reader<'_> {
    fn num(&mut self) -> f64 {
        let x = self.wire.nums.get(self.num).copied();
        self.num += 1;
        self.bad |= x.is_none();
        x.unwrap_or(0.0)
    }
    /// A whole number (a count of evaluations, starts, elements).
    fn int(&mut self) -> usize {
        let x = self.num();
        let ok = x >= 0.0 && x.fract() == 0.0 && x <= u32::MAX as f64;
        self.bad |= !ok;
        if ok {
            x as usize
        } else {
            0
        }
    }
    /// A list length, never more than the items the message holds.
    fn count(&mut self) -> usize {
        let n = self.int();
        if n > self.wire.nums.len() + self.wire.texts.len() {
            self.bad = true;
            return 0;
        }
        n
    }
    fn flag(&mut self) -> bool {
        self.num() != 0.0
    }
    fn opt(&mut self) -> Option<f64> {
        let some = self.flag();
        let x = self.num();
        some.then_some(x)
    }
    fn text(&mut self) -> String {
        let s = self.wire.texts.get(self.text).cloned();
        self.text += 1;
        self.bad |= s.is_none();
        s.unwrap_or_default()
    }
    fn texts(&mut self) -> Vec<String> {
        (0..self.count()).map(|_| self.text()).collect()
    }
    fn pairs(&mut self) -> Vec<(f64, f64)> {
        (0..self.count())
            .map(|_| (self.num(), self.num()))
            .collect()
    }
}

/// Writes `outcome` (the fit, the KK check, the settings).
pub fn encode(outcome: &Outcome) -> Wire {
    let mut w = Wire::default();
    let fit = &outcome.fit;
    w.text(&outcome.settings);
    w.text(&fit.label);
    w.count(fit.params.len());
    for p in &fit.params {
        w.text(&p.name);
        w.num(p.value);
        w.opt(p.stderr);
        w.opt(p.ci95.map(|c| c.0));
        w.opt(p.ci95.map(|c| c.1));
        w.flag(p.fixed);
        w.flag(p.determined);
        w.texts(p.reason.as_slice());
    }
    w.texts(&fit.free_names);
    w.count(fit.correlation.len());
    for row in &fit.correlation {
        w.count(row.len());
        w.nums.extend(row);
    }
    w.num(fit.chi2);
    w.num(fit.reduced_chi2);
    w.pairs(&fit.residuals);
    w.count(fit.evaluations);
    w.count(fit.starts_tried);
    w.text(&fit.stop_reason);
    w.flag(fit.converged);
    w.flag(fit.determined);
    w.num(fit.relative_condition);
    w.flag(fit.rails_interchangeable);
    w.texts(&fit.notes);
    match &outcome.kk {
        Ok(kk) => {
            w.flag(true);
            w.count(kk.elements);
            w.num(kk.mu);
            w.pairs(&kk.residuals);
            w.num(kk.max_residual);
            w.num(kk.rms_residual);
        }
        Err(why) => {
            w.flag(false);
            w.text(why);
        }
    }
    w
}

/// Reads an outcome written by [`encode`] for a fit of `spectrum` made with
/// `fit_state`, recomputing the model curve and taking the units from the
/// model; an error if the message does not match that model.
pub fn decode(wire: &Wire, fit_state: &State, spectrum: &Spectrum) -> Result<Outcome> {
    let mut r = Reader {
        wire,
        num: 0,
        text: 0,
        bad: false,
    };
    let settings = r.text();
    let label = r.text();
    let specs = line_model(fit_state)?.param_specs();
    // The names must be the model's, in its order (so are the units).
    let n = r.count();
    r.bad |= n != specs.len();
    let mut params = Vec::with_capacity(n);
    for spec in specs.into_iter().take(n) {
        let name = r.text();
        r.bad |= name != spec.name;
        let value = r.num();
        let stderr = r.opt();
        let (lo, hi) = (r.opt(), r.opt());
        params.push(ParamEstimate {
            name,
            unit: spec.unit,
            value,
            stderr,
            ci95: lo.zip(hi),
            fixed: r.flag(),
            determined: r.flag(),
            reason: r.texts().into_iter().next(),
        });
    }
    let free_names = r.texts();
    let correlation = (0..r.count())
        .map(|_| (0..r.count()).map(|_| r.num()).collect())
        .collect();
    let fit = FitResult {
        label,
        params,
        free_names,
        correlation,
        chi2: r.num(),
        reduced_chi2: r.num(),
        residuals: r.pairs(),
        evaluations: r.int(),
        starts_tried: r.int(),
        stop_reason: r.text(),
        converged: r.flag(),
        determined: r.flag(),
        relative_condition: r.num(),
        rails_interchangeable: r.flag(),
        notes: r.texts(),
        rival: None,
    };
    let kk = if r.flag() {
        Ok(KkResult {
            elements: r.int(),
            mu: r.num(),
            residuals: r.pairs(),
            max_residual: r.num(),
            rms_residual: r.num(),
            ..KkResult::default()
        })
    } else {
        Err(r.text())
    };
    if r.bad || r.num != wire.nums.len() || r.text != wire.texts.len() {
        return Err(Error::Inconsistent(
            "the worker's fit message does not match the model fitted".into(),
        ));
    }
    let model = line_spectrum(fit_state, &fit.values(), &spectrum.freq_hz, "fit")?;
    Ok(Outcome {
        fit,
        model,
        kk,
        settings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::design_plots::log_space;
    use crate::app::impedance::fit_one;

    fn state(query: &str) -> State {
        crate::app::url::decode(query).0
    }

    #[test]
    fn an_outcome_crosses_unchanged_but_for_the_kk_curve() {
        for query in [
            "layout=ion-ion&iface=c&rbulk=fixed&zrb=10",
            "layout=ion-electron&iface=cpe&rbulk=free",
        ] {
            let s = state(query);
            let freq = log_space(1e-2, 1e6, 41);
            let values: &[f64] = if query.contains("cpe") {
                &[10.0, 100.0, 5.0, 1e-4, 0.85]
            } else {
                &[10.0, 100.0, 0.5, 1e-4]
            };
            let data = line_spectrum(&s, values, &freq, "d").unwrap();
            let mut sent = fit_one(&s, &data).unwrap();
            sent.fit.notes.push("a note".into());
            sent.fit.correlation[0][0] = f64::NAN; // NaN must survive
            let got = decode(&encode(&sent), &s, &data).unwrap();
            assert!(got.fit.correlation[0][0].is_nan());
            sent.fit.correlation[0][0] = 0.0;
            let mut got = got;
            got.fit.correlation[0][0] = 0.0;
            if let Ok(kk) = sent.kk.as_mut() {
                // The wire carries M, μ and the residuals with their max and rms.
                *kk = KkResult {
                    elements: kk.elements,
                    mu: kk.mu,
                    residuals: std::mem::take(&mut kk.residuals),
                    max_residual: kk.max_residual,
                    rms_residual: kk.rms_residual,
                    ..KkResult::default()
                };
            }
            assert_eq!(got.fit, sent.fit);
            assert_eq!(got.kk, sent.kk);
            assert_eq!(got.model, sent.model);
            assert_eq!(got.settings, sent.settings);
        }
    }

    #[test]
    fn a_cut_or_mismatched_message_is_refused() {
        let s = state("layout=ion-ion&iface=c");
        let data =
            line_spectrum(&s, &[10.0, 100.0, 0.5, 1e-4], &log_space(1.0, 1e5, 21), "d").unwrap();
        let wire = encode(&fit_one(&s, &data).unwrap());
        let mut cut = wire.clone();
        cut.nums.truncate(cut.nums.len() - 1);
        assert!(decode(&cut, &s, &data).is_err());
        let mut long = wire.clone();
        long.nums.push(0.0);
        assert!(decode(&long, &s, &data).is_err());
        // Fitted with a capacitor, read as a CPE model: refused by name/count.
        assert!(decode(&wire, &state("layout=ion-ion&iface=cpe"), &data).is_err());
    }
}
