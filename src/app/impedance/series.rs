//! The impedance workspace's temperature series: one temperature per loaded
//! spectrum (read from its file name as [`temperature_from_name`] reads it,
//! or typed), the fitted R_ion of each fit that counts, σ_eff(T) from it
//! with the state's geometry (Eq. 3), and Arrhenius (Eq. 1) fitted to
//! σ_eff(T) by the core's [`arrhenius_from_resistances`] — the fit of
//! `ionpath fit --arrhenius r_ion` — drawn as log σ against 1000/T.
//!
//! The page collects what each fit gives ([`inputs`], [`encode`]); the
//! page worker reads the names, fits and writes the table's text
//! ([`decode`], [`compute`], [`TemperatureSeries::encode`]); the page
//! shows the [`Answer`]. So the page's wasm holds neither the name reader
//! nor the fit.
//!
//! A fit counts when the model describes the spectrum (verdict not "does
//! not describe") and the ionic rail is determined (or held), the CLI's
//! rule. The τ ≥ 1 test of [`crate::fit::verdict::offer_derived`] is not
//! applied: it compares σ_eff with σ_i at 25 °C, which says nothing at
//! another temperature.

use crate::fit::scalar::ArrheniusForm;
use crate::fit::temperature::{
    arrhenius_from_resistances, temperature_from_name, SeriesFit, SeriesPoint,
};
use crate::fit::verdict::Verdict;
use crate::fit::Interval;
use crate::io::csv::{number, push_row};
use crate::physics::conductivity::arrhenius_conductivity_s_per_cm;
use crate::plot::{Axis, Figure, Marker, Series, Style};
use crate::precision::{plus_minus, significant};

use super::super::choices::Choice;
pub use super::super::choices::TUnit;
use super::super::state::State;
use super::super::view::{plot_view, PlotView};
use super::asked::Asked;
use super::model::{geometry, ionic_rail, Loaded};

/// 0 °C in K.
const ZERO_CELSIUS_K: f64 = 273.15;

impl TUnit {
    /// The offset from K to this unit.
    fn offset(self) -> f64 {
        match self {
            TUnit::Celsius => ZERO_CELSIUS_K,
            TUnit::Kelvin => 0.0,
        }
    }
}

/// The temperatures the user typed (as typed, in the unit shown), per
/// spectrum (file and place in the file); kept for the session only. The
/// worker reads them ([`compute`]) and says in the table when one is no
/// temperature.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Temperatures {
    /// (file, place in the file, text); a few spectra, so a list.
    typed: Vec<(String, usize, String)>,
}

impl Temperatures {
    /// `text` typed as `item`'s temperature; empty text goes back to the
    /// file name's.
    pub fn set(&mut self, item: &Loaded, text: &str) {
        self.typed
            .retain(|(f, i, _)| !(*f == item.file && *i == item.index));
        if !text.trim().is_empty() {
            self.typed
                .push((item.file.clone(), item.index, text.trim().to_string()));
        }
    }

    pub fn clear(&mut self) {
        self.typed.clear();
    }
}

/// One spectrum as the worker gets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub file: String,
    pub label: String,
    /// The temperature typed (empty: none), in the job's unit.
    pub typed: String,
    /// The ionic rail's value (Ω), standard error and 95 % interval, or
    /// why the fit does not count.
    pub r_ion: Result<(f64, Option<f64>, Option<Interval>), String>,
}

/// Why `item`'s fit gives no R_ion to the series, or its ionic rail.
fn r_ion_of(state: &State, item: &Loaded) -> Result<(f64, Option<f64>, Option<Interval>), String> {
    let report = match &item.outcome {
        None => return Err("not fitted yet".into()),
        Some(Err(_)) => return Err("the fit failed".into()),
        Some(Ok(o)) => &o.report,
    };
    if report.judgement.verdict == Verdict::DoesNotDescribe {
        return Err("the model does not describe the spectrum".into());
    }
    let ionic = ionic_rail(state, &report.fit);
    match report.fit.param(ionic) {
        None => Err(format!("the model fitted has no {ionic}")),
        Some(p) if !(p.determined || p.fixed) => Err(format!("{ionic} is not determined")),
        Some(p) => Ok((p.value, p.stderr, p.ci95)),
    }
}

/// What each loaded spectrum gives the series (on the page).
pub fn inputs(state: &State, loaded: &[Loaded], temperatures: &Temperatures) -> Vec<Input> {
    loaded
        .iter()
        .map(|item| Input {
            file: item.file.clone(),
            label: item.spectrum.label.clone(),
            typed: temperatures
                .typed
                .iter()
                .find(|(f, i, _)| *f == item.file && *i == item.index)
                .map(|t| t.2.clone())
                .unwrap_or_default(),
            r_ion: r_ion_of(state, item),
        })
        .collect()
}

/// Numbers per input in [`encode`]: R_ion, its error, its interval.
const PER_INPUT: usize = 4;

/// `inputs` as text (the name of `state`'s [`TUnit`], then a line `file⇥label⇥typed
/// T⇥why not` each, every field [`escape`]d) and numbers ([`PER_INPUT`]
/// each, NaN for none), the page worker's series job.
pub fn encode(inputs: &[Input], state: &State) -> (String, Vec<f64>) {
    let mut text = state
        .choice_name(super::super::choices::Ch::TUnit)
        .to_string();
    let mut numbers = Vec::new();
    for i in inputs {
        let (r, why) = match &i.r_ion {
            Ok(r) => (Some(*r), ""),
            Err(why) => (None, why.as_str()),
        };
        text.push('\n');
        escape(&i.file, &mut text);
        for field in [&i.label, &i.typed, why] {
            text.push('\t');
            escape(field, &mut text);
        }
        let ci = r.and_then(|r| r.2);
        numbers.extend(
            [
                r.map(|r| r.0),
                r.and_then(|r| r.1),
                ci.and_then(|c| c.lo),
                ci.and_then(|c| c.hi),
            ]
            .map(|v| v.unwrap_or(f64::NAN)),
        );
    }
    (text, numbers)
}

/// Appends `field` to `out` with `\`, tab and newline written `\\`, `\t`
/// and `\n`, so that a file name, label or typed text holding them stays one
/// field of [`encode`]'s lines.
fn escape(field: &str, out: &mut String) {
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// A field [`escape`] wrote, as it was.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('t') => '\t',
            Some('n') => '\n',
            Some(other) => other,
            None => '\\',
        });
    }
    out
}

/// A number of [`encode`]: None for NaN.
fn some(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// The inputs and unit [`encode`] wrote (in the worker), or why they cannot be read.
pub fn decode(text: &str, numbers: &[f64]) -> Result<(Vec<Input>, TUnit), String> {
    let mut lines = text.split('\n');
    let unit = lines
        .next()
        .and_then(TUnit::from_name)
        .ok_or("the page sent a series without its unit")?;
    let lines: Vec<&str> = lines.collect();
    if numbers.len() != PER_INPUT * lines.len() {
        return Err("the page sent a series whose parts do not match".into());
    }
    let inputs = lines
        .iter()
        .zip(numbers.chunks_exact(PER_INPUT))
        .map(|(line, n)| {
            let parts: Vec<&str> = line.splitn(4, '\t').collect();
            let [file, label, typed, why] = parts[..] else {
                return Err(format!(
                    "the page sent a series line without its parts: {line}"
                ));
            };
            let r_ion = if why.is_empty() {
                let ci = (some(n[2]).is_some() || some(n[3]).is_some()).then_some(Interval {
                    lo: some(n[2]),
                    hi: some(n[3]),
                });
                Ok((n[0], some(n[1]), ci))
            } else {
                Err(unescape(why))
            };
            Ok(Input {
                file: unescape(file),
                label: unescape(label),
                typed: unescape(typed),
                r_ion,
            })
        })
        .collect::<Result<Vec<Input>, String>>()?;
    Ok((inputs, unit))
}

/// One spectrum's line of the series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    /// The spectrum's place in the page's list ([`inputs`]' order), which
    /// the table's temperature field names.
    pub index: usize,
    pub input: Input,
    /// K, typed or from the file name.
    pub temperature_k: Option<f64>,
    /// σ_eff = L/(R_ion·A), S/cm.
    pub sigma_s_per_cm: Option<f64>,
    /// Why the spectrum is left out of the fit (None: it is in).
    pub left_out: Option<String>,
}

/// The series and its Arrhenius fit, or why there is none (in the worker).
#[derive(Debug, Clone, PartialEq)]
pub struct TemperatureSeries {
    pub rows: Vec<SeriesRow>,
    pub fit: Result<SeriesFit, String>,
    /// The unit temperatures are shown in.
    pub unit: TUnit,
}

/// The series of `inputs` (temperatures typed in `unit`) with the
/// geometry of `state` (in the worker): rows by increasing temperature,
/// those without one last, each group in the order of `inputs`.
pub fn compute(state: &State, inputs: Vec<Input>, unit: TUnit) -> TemperatureSeries {
    let g = geometry(state);
    let mut rows = Vec::new();
    for (index, input) in inputs.into_iter().enumerate() {
        let temperature = match input.typed.parse::<f64>().map(|t| t + unit.offset()) {
            _ if input.typed.is_empty() => match temperature_from_name(&input.file) {
                Ok(Some(t)) => Ok(t),
                Ok(None) => Err(
                    "no temperature: type one (the file name has none, such as 25C or 298K)"
                        .to_string(),
                ),
                Err(e) => Err(e.to_string()),
            },
            Ok(t_k) if t_k > 0.0 && t_k.is_finite() => Ok(t_k),
            _ => Err(format!(
                "“{}” is not a temperature in {} above absolute zero",
                input.typed,
                unit.label()
            )),
        };
        let r = input.r_ion.as_ref().ok().map(|r| r.0);
        let sigma = r.and_then(|r| {
            crate::physics::conductivity::conductivity_from_resistance_s_per_cm(
                g.thickness_cm,
                r,
                g.area_cm2,
            )
            .ok()
        });
        let left_out = match (&temperature, &input.r_ion) {
            (_, Err(why)) | (Err(why), _) => Some(why.clone()),
            (Ok(_), Ok(_)) => None,
        };
        rows.push(SeriesRow {
            index,
            input,
            temperature_k: temperature.ok(),
            sigma_s_per_cm: sigma,
            left_out,
        });
    }
    // A stable sort: None (no temperature) after every number.
    rows.sort_by(|a, b| match (a.temperature_k, b.temperature_k) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    let points: Vec<SeriesPoint> = rows
        .iter()
        .filter(|r| r.left_out.is_none())
        .filter_map(|r| {
            Some(SeriesPoint {
                label: r.input.label.clone(),
                temperature_k: r.temperature_k?,
                resistance_ohm: r.input.r_ion.as_ref().ok()?.0,
            })
        })
        .collect();
    // Temperatures not seen before in the list.
    let t: Vec<f64> = points.iter().map(|p| p.temperature_k).collect();
    let distinct = (0..t.len()).filter(|&k| !t[..k].contains(&t[k])).count();
    let fit = if distinct < 3 {
        Err(format!(
            "No Arrhenius fit: it needs spectra at 3 or more temperatures whose fits count (a line through 2 has no interval); {} usable spectra at {distinct} temperature(s) now. Give the missing temperatures in the table or fit the spectra left out with a model that describes them.",
            points.len()
        ))
    } else {
        arrhenius_from_resistances(
            &points,
            Some((g.thickness_cm, g.area_cm2)),
            ArrheniusForm::InverseT,
        )
        .map_err(|e| format!("No Arrhenius fit: {e}"))
    };
    TemperatureSeries { rows, fit, unit }
}

/// An estimate as `value ± error unit (95 %: lo … hi)`.
fn estimate_text(e: &crate::fit::derived::Estimate, unit: &str) -> String {
    let mut text = plus_minus(e.value, e.stderr, unit);
    if let Some(ci) = e.ci95 {
        // The ends to the digits of the error's second figure (3 at least).
        let digits = e.stderr.filter(|se| *se > 0.0).map_or(3, |se| {
            ((e.value.abs() / se).log10().ceil() as i32 + 2).clamp(3, 12) as usize
        });
        let end = |v: Option<f64>| v.map_or("open".to_string(), |v| significant(v, digits));
        text.push_str(&format!(" (95 %: {} … {})", end(ci.lo), end(ci.hi)));
    }
    text
}

/// Points of the fitted line drawn.
const LINE_POINTS: usize = 41;

impl TemperatureSeries {
    /// The sentence under the table: E_A and σ_0 with their intervals, or why there is no fit.
    pub fn summary(&self) -> String {
        match &self.fit {
            Err(why) => why.clone(),
            Ok(f) => format!(
                "Arrhenius (Eq. 1, σ_eff = (σ_0/T)·exp(−E_A/k_BT)) over {} spectra: E_A = {}, σ_0 = {}; RMS of ln σ residuals {}.",
                f.sigma_s_per_cm.len(),
                estimate_text(&f.arrhenius.activation_energy_ev, "eV"),
                estimate_text(&f.arrhenius.sigma_0, "S·K/cm"),
                significant(f.arrhenius.rms_log_residual, 2),
            ),
        }
    }

    /// The series as CSV: one row per spectrum, units in the column names,
    /// the Arrhenius fit's E_A and σ_0 (with their 95 % intervals) on every row.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "file",
                "label",
                "temperature_k",
                "r_ion_ohm",
                "r_ion_stderr_ohm",
                "sigma_eff_s_per_cm",
                "in_fit",
                "left_out_because",
                "activation_energy_ev",
                "activation_energy_ci95_lo_ev",
                "activation_energy_ci95_hi_ev",
                "sigma_0_s_k_per_cm",
                "sigma_0_ci95_lo_s_k_per_cm",
                "sigma_0_ci95_hi_s_k_per_cm",
            ],
        );
        let opt = |v: Option<f64>| v.map(number).unwrap_or_default();
        let fit: Vec<String> = match &self.fit {
            Ok(f) => [&f.arrhenius.activation_energy_ev, &f.arrhenius.sigma_0]
                .iter()
                .flat_map(|e| {
                    [
                        number(e.value),
                        opt(e.ci95.and_then(|c| c.lo)),
                        opt(e.ci95.and_then(|c| c.hi)),
                    ]
                })
                .collect(),
            Err(_) => vec![String::new(); 6],
        };
        for r in &self.rows {
            let fitted = r.input.r_ion.as_ref().ok();
            let mut fields = vec![
                r.input.file.clone(),
                r.input.label.clone(),
                opt(r.temperature_k),
                opt(fitted.map(|p| p.0)),
                opt(fitted.and_then(|p| p.1)),
                opt(r.sigma_s_per_cm),
                if r.left_out.is_none() { "yes" } else { "no" }.to_string(),
                r.left_out.clone().unwrap_or_default(),
            ];
            fields.extend(fit.iter().cloned());
            push_row(&mut out, fields);
        }
        out
    }

    /// The table as HTML for the page: spectrum, temperature (an input
    /// `data-series-t` holding the row's [`SeriesRow::index`], in the unit,
    /// empty when none), R_ion, σ_eff (mS/cm), in the fit or why not; every
    /// text escaped.
    pub fn table_html(&self) -> String {
        let u = self.unit.label();
        let mut table = crate::app::html::Table::new(&[
            "spectrum",
            &format!("T / {u}"),
            "R_ion / Ω",
            "σ_eff / (mS/cm)",
            "in the fit",
        ]);
        for r in &self.rows {
            let k = r.index;
            // To 0.01 of the unit, without trailing zeros (25, 298.15).
            let t = r.temperature_k.map_or(String::new(), |t| {
                super::super::format::exact(((t - self.unit.offset()) * 100.0).round() / 100.0)
            });
            let label = &r.input.label;
            let fitted = r.input.r_ion.as_ref().ok();
            table.row().text(label).input(&[
                ("type", "text"),
                ("inputmode", "decimal"),
                ("size", "7"),
                ("autocomplete", "off"),
                ("data-series-t", &k.to_string()),
                ("value", &t),
                ("aria-label", &format!("Temperature of {label} in {u}")),
            ]);
            table
                .text(&fitted.map_or(String::new(), |p| plus_minus(p.0, p.1, "Ω")))
                .text(
                    &r.sigma_s_per_cm
                        .map_or(String::new(), |s| significant(1e3 * s, 3)),
                )
                .text(
                    &r.left_out
                        .as_ref()
                        .map_or("yes".to_string(), |why| format!("no: {why}")),
                );
        }
        table.finish()
    }

    /// The answer for the page: the summary, the table's HTML, the CSV,
    /// and numbers: E_A (none without a fit), then the points in the fit
    /// — 1000/T, log₁₀ σ_eff and the half-width of its error bar (R_ion's
    /// 95 % interval carried through σ = L/(R·A), half its width in log σ;
    /// ±2 standard errors when an end is open) — and the fitted Eq. 1 as
    /// [`LINE_POINTS`] points (1000/T, log₁₀ σ).
    pub fn encode(&self) -> (String, String, String, Vec<f64>) {
        let mut numbers = Vec::new();
        if let Ok(fit) = &self.fit {
            let mut x = Vec::new();
            let mut err = Vec::new();
            for r in self.rows.iter().filter(|r| r.left_out.is_none()) {
                let (Some(t), Ok((value, stderr, ci))) = (r.temperature_k, &r.input.r_ion) else {
                    continue;
                };
                x.push(1e3 / t);
                err.push(match ci.map(|c| (c.lo, c.hi)) {
                    Some((Some(lo), Some(hi))) if lo > 0.0 => 0.5 * (hi / lo).log10(),
                    _ => stderr.map_or(0.0, |se| 2.0 * se / value / std::f64::consts::LN_10),
                });
            }
            let a = &fit.arrhenius;
            numbers.push(a.activation_energy_ev.value);
            numbers.extend(&x);
            numbers.extend(fit.sigma_s_per_cm.iter().map(|s| s.log10()));
            numbers.extend(&err);
            let (lo, hi) = x
                .iter()
                .fold((f64::INFINITY, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
            let line_x: Vec<f64> = (0..LINE_POINTS)
                .map(|k| lo + (hi - lo) * k as f64 / (LINE_POINTS - 1) as f64)
                .collect();
            numbers.extend(&line_x);
            numbers.extend(line_x.iter().map(|&inv| {
                arrhenius_conductivity_s_per_cm(
                    a.sigma_0.value,
                    a.activation_energy_ev.value,
                    1e3 / inv,
                )
                .map_or(f64::NAN, f64::log10)
            }));
        }
        (self.summary(), self.table_html(), self.to_csv(), numbers)
    }
}

/// The series as the page shows it ([`TemperatureSeries::encode`] read back).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    pub summary: String,
    pub html: String,
    pub csv: String,
    /// E_A, eV, when there is a fit.
    pub ea: Option<f64>,
    /// The numbers after E_A: the points in the fit (1000/T, log σ, error
    /// bar, n each) and the line (x then y).
    numbers: Vec<f64>,
}

impl Answer {
    /// The worker's answer read back, or why it cannot be.
    pub fn decode(
        summary: String,
        html: String,
        csv: String,
        numbers: &[f64],
    ) -> Result<Answer, String> {
        let (ea, numbers) = match numbers.split_first() {
            None => (None, Vec::new()),
            Some((ea, rest))
                if rest.len() >= 2 * LINE_POINTS && (rest.len() - 2 * LINE_POINTS) % 3 == 0 =>
            {
                (Some(*ea), rest.to_vec())
            }
            Some(_) => return Err("the worker's series is malformed".into()),
        };
        Ok(Answer {
            summary,
            html,
            csv,
            ea,
            numbers,
        })
    }

    /// log₁₀ σ_eff against 1000/T with error bars and the fitted line;
    /// None without a fit.
    pub fn plot(&self) -> Option<PlotView> {
        let ea = self.ea?;
        let v = &self.numbers;
        let n = (v.len() - 2 * LINE_POINTS) / 3;
        let part = |k: usize, len: usize| v[k..k + len].to_vec();
        let mut fig = Figure::new(
            "Arrhenius plot of σ_eff",
            Axis::linear("1000/T / K⁻¹"),
            Axis::linear("log₁₀(σ_eff / (S/cm))"),
        );
        let mut points = Series::new(
            "σ_eff from R_ion",
            part(0, n),
            part(n, n),
            Style::Markers(Marker::Dot),
        );
        points.y_err = Some(part(2 * n, n));
        fig.series.push(points);
        fig.series.push(
            Series::new(
                format!("Eq. 1, E_A = {} eV", significant(ea, 3)),
                part(3 * n, LINE_POINTS),
                part(3 * n + LINE_POINTS, LINE_POINTS),
                Style::Line { dashed: false },
            )
            .color(1),
        );
        Some(plot_view("arrhenius", Ok(fig)))
    }
}

/// A series job: its text and numbers ([`encode`]).
pub type Job = (String, Vec<f64>);

/// The page's side of the series jobs: the job last sent and the last
/// answer, with the job it answers (a job is sent when what the fits give
/// changed; the last answer is shown until the next arrives).
pub type Panel = Asked<Job, Answer>;

/// Two jobs are the same when their text and numbers (bit for bit: NaN
/// stands for none) are.
fn same(a: &Job, b: &Job) -> bool {
    a.0 == b.0
        && a.1.len() == b.1.len()
        && a.1
            .iter()
            .zip(&b.1)
            .all(|(x, y)| x.to_bits() == y.to_bits())
}

impl Asked<Job, Answer> {
    /// True when `job` is neither under way nor answered: it is to be sent.
    pub fn wants(&self, job: &Job) -> bool {
        !(self.asked.as_ref().is_some_and(|(_, j)| same(j, job))
            || self.done.as_ref().is_some_and(|(j, _)| same(j, job)))
    }

    /// The last answer, if any.
    pub fn answer(&self) -> Option<&Result<Answer, String>> {
        self.done.as_ref().map(|(_, r)| r)
    }
}

#[cfg(test)]
mod tests;
