//! The circuit builder of the impedance workspace (`zmodel=circuit`): the
//! parsed circuit's preview — its formula and parameter list with the
//! automatic starts read off the shown spectrum ([`preview`], run in the
//! page worker: the parser and the starts stay out of the page's wasm) —
//! and the user's start values, bounds and held values for each parameter
//! ([`Builder`], session state, checked as typed), which the fit receives
//! as [`Held`]. The circuit's text itself is in the page state
//! (`State::circuit`, in the permalink).

use crate::fit::FitOptions;
use crate::impedance::Domain;
use crate::spectrum::Spectrum;

/// One letter for a parameter's [`Domain`] in the worker's message: `p`
/// (0, ∞), `n` [0, ∞) or `e` (0, 1] (a CPE exponent).
pub fn domain_code(domain: Domain) -> &'static str {
    match domain {
        Domain::Positive => "p",
        Domain::NonNegative => "n",
        Domain::Exponent => "e",
    }
}

/// The domain of [`domain_code`].
pub fn domain_from_code(code: &str) -> Option<Domain> {
    [Domain::Positive, Domain::NonNegative, Domain::Exponent]
        .into_iter()
        .find(|d| domain_code(*d) == code)
}

/// Why start value `value` is outside `domain`, if it is.
fn refuse(domain: Domain, value: f64) -> Option<&'static str> {
    match domain {
        _ if !value.is_finite() => Some("the start value must be a finite number"),
        Domain::Positive if value <= 0.0 => Some("the start value must be > 0"),
        Domain::NonNegative if value < 0.0 => Some("the start value must be ≥ 0"),
        Domain::Exponent if !(value > 0.0 && value <= 1.0) => {
            Some("the start value must lie in (0, 1]")
        }
        _ => None,
    }
}

/// One parameter of a previewed circuit.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamInfo {
    pub name: String,
    pub unit: String,
    pub range: Domain,
    /// The automatic start read off the shown spectrum (None without one).
    pub start: Option<f64>,
}

/// A circuit as the page worker read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The circuit written back in the notation.
    pub notation: String,
    /// Z(ω) written out (`crate::impedance::formula`).
    pub formula: String,
    pub params: Vec<ParamInfo>,
    /// The parameter table's markup ([`table_html`]), empty fields.
    pub table_html: String,
}

/// The builder's parameter table as HTML ([`crate::app::html::Table`],
/// every text escaped): one row per parameter with empty start, lower and
/// upper fields (`cp-start-K` …, the automatic start as the start's
/// placeholder) and a "held" checkbox (`cp-fixed-K`). Built in the page
/// worker, so that the page's wasm carries no code to build it; the page
/// fills in the user's values.
pub fn table_html(params: &[ParamInfo]) -> String {
    let mut table =
        crate::app::html::Table::new(&["parameter", "start", "lower bound", "upper bound", "held"]);
    for (k, p) in params.iter().enumerate() {
        table.row().text(&format!("{} ({})", p.name, p.unit));
        let auto = p.start.map_or("automatic".to_string(), |v| {
            format!("auto {}", crate::precision::significant(v, 3))
        });
        for (field, placeholder) in [
            ("start", auto.as_str()),
            ("lower", "none"),
            ("upper", "none"),
        ] {
            table.input(&[
                ("id", &format!("cp-{field}-{k}")),
                ("inputmode", "decimal"),
                ("aria-label", &format!("{field} value of {}", p.name)),
                ("placeholder", placeholder),
            ]);
        }
        table.input(&[
            ("id", &format!("cp-fixed-{k}")),
            ("type", "checkbox"),
            ("aria-label", &format!("hold {} at its start value", p.name)),
        ]);
    }
    table.finish()
}

/// Parses `text` and describes it, with the automatic starts
/// (`fit::circuit_start::best_start`) on `spectrum` when there is one;
/// a typing error in one line, naming the position and what was expected.
pub fn preview(text: &str, spectrum: Option<&Spectrum>) -> Result<Preview, String> {
    use crate::impedance::Model;
    let circuit = crate::impedance::parse_circuit(text).map_err(|e| e.to_string())?;
    let starts = match spectrum {
        Some(s) if !s.is_empty() => {
            crate::fit::circuit_start::best_start(&circuit, s, &FitOptions::default())
                .ok()
                .flatten()
        }
        _ => None,
    };
    let params: Vec<ParamInfo> = circuit
        .param_specs()
        .into_iter()
        .enumerate()
        .map(|(k, spec)| ParamInfo {
            start: starts.as_ref().and_then(|s| s.get(k).copied()),
            name: spec.name,
            unit: spec.unit.to_string(),
            range: spec.domain,
        })
        .collect();
    Ok(Preview {
        notation: circuit.to_string(),
        formula: crate::impedance::formula::formula(&circuit),
        table_html: table_html(&params),
        params,
    })
}

/// What the user set for one parameter (None: automatic).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Setting {
    pub start: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Held at `start` (or at the automatic start when none is given).
    pub fixed: bool,
}

/// Which number of a [`Setting`] a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Start,
    Lower,
    Upper,
}

impl Field {
    /// The field named `start`, `lower` or `upper` (DOM ids).
    pub fn from_name(name: &str) -> Option<Field> {
        match name {
            "start" => Some(Field::Start),
            "lower" => Some(Field::Lower),
            "upper" => Some(Field::Upper),
            _ => None,
        }
    }
}

/// The user's settings as the fit takes them ([`FitOptions`]' fields).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Held {
    pub fixed: Vec<(String, f64)>,
    pub guesses: Vec<(String, f64)>,
    pub bounds: Vec<(String, f64, f64)>,
}

impl Held {
    /// Reads [`Builder::held_text`] back.
    pub fn from_text(text: &str) -> Result<Held, String> {
        let mut held = Held::default();
        for item in text.split(';').filter(|t| !t.is_empty()) {
            let words: Vec<&str> = item.split(' ').collect();
            let num = |k: usize| -> Result<f64, String> {
                words
                    .get(k)
                    .and_then(|w| w.parse::<f64>().ok())
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("the page sent a bad setting \"{item}\""))
            };
            let name = words.get(1).map(|n| n.to_string()).unwrap_or_default();
            match (words[0], words.len()) {
                ("fix", 3) => held.fixed.push((name, num(2)?)),
                ("guess", 3) => held.guesses.push((name, num(2)?)),
                ("bound", 4) => held.bounds.push((name, num(2)?, num(3)?)),
                _ => return Err(format!("the page sent a bad setting \"{item}\"")),
            }
        }
        Ok(held)
    }

    /// Writes the settings into `options`.
    pub fn apply(&self, options: &mut FitOptions) {
        options.fixed.extend(self.fixed.iter().cloned());
        options.guesses.extend(self.guesses.iter().cloned());
        options.bounds.extend(self.bounds.iter().cloned());
    }
}

/// Widest span a one-sided bound is closed with (the fit's bounds are pairs).
const OPEN_SPAN: f64 = 1e12;

/// The builder's state: the last circuit the worker read, the user's
/// setting of each of its parameters, and the last typing error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Builder {
    pub preview: Option<Preview>,
    /// One per parameter of the preview.
    pub settings: Vec<Setting>,
    /// The typing error of the last text (the preview stays the last good one).
    pub error: Option<String>,
}

impl Builder {
    /// A new preview arrived: settings of parameters of the same name are
    /// kept, the others start automatic; the typing error is cleared.
    pub fn take(&mut self, preview: Preview) {
        let old = self.preview.take();
        self.settings = preview
            .params
            .iter()
            .map(|p| {
                old.as_ref()
                    .and_then(|o| o.params.iter().position(|q| q.name == p.name))
                    .and_then(|k| self.settings.get(k).copied())
                    .unwrap_or_default()
            })
            .collect();
        self.preview = Some(preview);
        self.error = None;
    }

    /// Sets `field` of parameter `k` from `text` (empty: automatic); a
    /// refusal names the parameter and leaves the setting as it was.
    pub fn set(&mut self, k: usize, field: Field, text: &str) -> Result<(), String> {
        let (info, old) = self.param(k)?;
        let text = text.trim();
        let value = if text.is_empty() {
            None
        } else {
            Some(super::super::state::parse_number(text).ok_or_else(|| {
                format!(
                    "{}: \"{}\" is not a number",
                    info.name,
                    super::super::state::shorten(text, 16)
                )
            })?)
        };
        let mut new = old;
        match field {
            Field::Start => new.start = value,
            Field::Lower => new.lower = value,
            Field::Upper => new.upper = value,
        }
        check(info, &new)?;
        self.settings[k] = new;
        Ok(())
    }

    /// Holds parameter `k` (at its start, else the automatic one) or lets
    /// it free; holding needs a value.
    pub fn set_fixed(&mut self, k: usize, fixed: bool) -> Result<(), String> {
        let (info, old) = self.param(k)?;
        if fixed && old.start.or(info.start).is_none() {
            return Err(format!("{}: give a start value to hold it at", info.name));
        }
        self.settings[k].fixed = fixed;
        Ok(())
    }

    fn param(&self, k: usize) -> Result<(&ParamInfo, Setting), String> {
        let info = self
            .preview
            .as_ref()
            .and_then(|p| p.params.get(k))
            .ok_or_else(|| format!("there is no parameter {k}"))?;
        Ok((info, self.settings.get(k).copied().unwrap_or_default()))
    }

    /// The settings for a fit of circuit `notation` (empty unless it is
    /// the one previewed) as text for the worker's message, read back by
    /// [`Held::from_text`] (serde's derives would cost the page's wasm
    /// more): `fix r0 12;guess r1 90;bound r1 10 10000000000000;` (f64's
    /// `Display` reads back exactly).
    pub fn held_text(&self, notation: &str) -> String {
        let mut out = String::new();
        let Some(preview) = self.preview.as_ref().filter(|p| p.notation == notation) else {
            return out;
        };
        for (info, s) in preview.params.iter().zip(&self.settings) {
            let name = &info.name;
            if s.fixed {
                if let Some(v) = s.start.or(info.start) {
                    out.push_str(&format!("fix {name} {v};"));
                }
                continue;
            }
            if let Some(v) = s.start {
                out.push_str(&format!("guess {name} {v};"));
            }
            if let Some((lo, hi)) = closed_bounds(info.range, s.lower, s.upper) {
                out.push_str(&format!("bound {name} {lo} {hi};"));
            }
        }
        out
    }
}

/// A bound pair from one or two bounds: an exponent's missing side is its
/// domain's (0 or 1), another's [`OPEN_SPAN`] away.
fn closed_bounds(range: Domain, lower: Option<f64>, upper: Option<f64>) -> Option<(f64, f64)> {
    match (range, lower, upper) {
        (_, None, None) => None,
        (_, Some(lo), Some(hi)) => Some((lo, hi)),
        (Domain::Exponent, lo, hi) => Some((lo.unwrap_or(0.0), hi.unwrap_or(1.0))),
        (_, Some(lo), None) => Some((lo, lo * OPEN_SPAN)),
        (_, None, Some(hi)) => Some((hi / OPEN_SPAN, hi)),
    }
}

/// Checks a parameter's setting: every value in the parameter's range,
/// bounds > 0 (an exponent's in [0, 1]), lower < start < upper; else why
/// not, naming the parameter.
pub fn check(info: &ParamInfo, s: &Setting) -> Result<(), String> {
    why_not(info.range, s).map_or(Ok(()), |why| Err(format!("{}: {why}", info.name)))
}

fn why_not(range: Domain, s: &Setting) -> Option<&'static str> {
    if let Some(why) = s.start.and_then(|v| refuse(range, v)) {
        return Some(why);
    }
    let bad_bound = |b: f64| match range {
        Domain::Exponent => !(0.0..=1.0).contains(&b),
        _ => !(b.is_finite() && b > 0.0),
    };
    if s.lower.into_iter().chain(s.upper).any(bad_bound) {
        return Some(match range {
            Domain::Exponent => "a bound must lie in [0, 1]",
            _ => "a bound must be > 0 (the fit works in log space)",
        });
    }
    if let (Some(lo), Some(hi)) = (s.lower, s.upper) {
        if lo >= hi {
            return Some("the lower bound must be below the upper");
        }
    }
    let v = s.start?;
    (s.lower.is_some_and(|lo| v <= lo) || s.upper.is_some_and(|hi| v >= hi))
        .then_some("the start value must lie between the bounds")
}

#[cfg(test)]
mod tests;
