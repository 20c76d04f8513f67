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
use crate::plot::{push_escaped, Axis, Figure, Marker, Series, Style};
use crate::precision::{plus_minus, significant};

use super::super::state::State;
use super::super::view::{plot_view, PlotView};
use super::model::{geometry, ionic_rail, Loaded};

/// The unit temperatures are shown and typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TUnit {
    #[default]
    Celsius,
    Kelvin,
}

/// 0 °C in K.
const ZERO_CELSIUS_K: f64 = 273.15;

impl TUnit {
    /// The select's value (`C`, `K`); anything else is °C.
    pub fn parse(value: &str) -> TUnit {
        if value == "K" {
            TUnit::Kelvin
        } else {
            TUnit::Celsius
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            TUnit::Celsius => "°C",
            TUnit::Kelvin => "K",
        }
    }

    /// The offset from K to this unit.
    fn offset(self) -> f64 {
        match self {
            TUnit::Celsius => ZERO_CELSIUS_K,
            TUnit::Kelvin => 0.0,
        }
    }
}

/// The temperatures the user typed (K), per spectrum (file and place in
/// the file); kept for the session only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Temperatures {
    /// (file, place in the file, K); a few spectra, so a list.
    typed: Vec<(String, usize, f64)>,
}

impl Temperatures {
    /// `text` typed in `unit` as `item`'s temperature; empty text goes
    /// back to the file name's. A value that is no temperature is refused
    /// with why.
    pub fn set(&mut self, item: &Loaded, text: &str, unit: TUnit) -> Result<(), String> {
        self.typed
            .retain(|(f, i, _)| !(*f == item.file && *i == item.index));
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        match text.parse::<f64>().map(|t| t + unit.offset()) {
            Ok(t_k) if t_k > 0.0 && t_k.is_finite() => {
                self.typed.push((item.file.clone(), item.index, t_k));
                Ok(())
            }
            _ => Err(format!(
                "“{text}” is not a temperature in {} above absolute zero",
                unit.symbol()
            )),
        }
    }

    pub fn clear(&mut self) {
        self.typed.clear();
    }

    /// The temperature typed for `item`, K.
    fn typed(&self, item: &Loaded) -> Option<f64> {
        self.typed
            .iter()
            .find(|(f, i, _)| *f == item.file && *i == item.index)
            .map(|t| t.2)
    }
}

/// One spectrum as the worker gets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub file: String,
    pub label: String,
    /// The temperature typed, K.
    pub typed_k: Option<f64>,
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
            typed_k: temperatures.typed(item),
            r_ion: r_ion_of(state, item),
        })
        .collect()
}

/// Numbers per input in [`encode`]: typed T, R_ion, its error, its interval.
const PER_INPUT: usize = 5;

/// `inputs` as text (a line `file⇥label⇥why not` each) and numbers
/// ([`PER_INPUT`] each, NaN for none), the page worker's series job.
pub fn encode(inputs: &[Input]) -> (String, Vec<f64>) {
    let mut text = String::new();
    let mut numbers = Vec::new();
    for i in inputs {
        let (r, why) = match &i.r_ion {
            Ok(r) => (Some(*r), ""),
            Err(why) => (None, why.as_str()),
        };
        text.push_str(&format!("{}\t{}\t{why}\n", i.file, i.label));
        let ci = r.and_then(|r| r.2);
        numbers.extend(
            [
                i.typed_k,
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

/// A number of [`encode`]: None for NaN.
fn some(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// The inputs [`encode`] wrote (in the worker), or why they cannot be read.
pub fn decode(text: &str, numbers: &[f64]) -> Result<Vec<Input>, String> {
    let lines: Vec<&str> = text.lines().collect();
    if numbers.len() != PER_INPUT * lines.len() {
        return Err("the page sent a series whose parts do not match".into());
    }
    lines
        .iter()
        .zip(numbers.chunks_exact(PER_INPUT))
        .map(|(line, n)| {
            let mut parts = line.splitn(3, '\t');
            let (Some(file), Some(label), Some(why)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(format!(
                    "the page sent a series line without its parts: {line}"
                ));
            };
            let r_ion = if why.is_empty() {
                let ci = (some(n[3]).is_some() || some(n[4]).is_some()).then_some(Interval {
                    lo: some(n[3]),
                    hi: some(n[4]),
                });
                Ok((n[1], some(n[2]), ci))
            } else {
                Err(why.to_string())
            };
            Ok(Input {
                file: file.into(),
                label: label.into(),
                typed_k: some(n[0]),
                r_ion,
            })
        })
        .collect()
}

/// One spectrum's line of the series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
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
}

/// The series of `inputs` with the geometry of `state` (in the worker).
pub fn compute(state: &State, inputs: Vec<Input>) -> TemperatureSeries {
    let g = geometry(state);
    let mut rows = Vec::new();
    let mut points = Vec::new();
    for input in inputs {
        let temperature = match input.typed_k {
            Some(t) => Ok(t),
            None => match temperature_from_name(&input.file) {
                Ok(Some(t)) => Ok(t),
                Ok(None) => Err(
                    "no temperature: type one (the file name has none, such as 25C or 298K)"
                        .to_string(),
                ),
                Err(e) => Err(e.to_string()),
            },
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
            (Ok(t_k), Ok(r)) => {
                points.push(SeriesPoint {
                    label: input.label.clone(),
                    temperature_k: *t_k,
                    resistance_ohm: r.0,
                });
                None
            }
        };
        rows.push(SeriesRow {
            input,
            temperature_k: temperature.ok(),
            sigma_s_per_cm: sigma,
            left_out,
        });
    }
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
    TemperatureSeries { rows, fit }
}

/// An estimate as `value ± error unit (95 %: lo … hi)`.
fn estimate_text(e: &crate::fit::derived::Estimate, unit: &str) -> String {
    let mut text = plus_minus(e.value, e.stderr, unit);
    if let Some(ci) = e.ci95 {
        let end = |v: Option<f64>| v.map_or("open".to_string(), |v| significant(v, 3));
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

    /// The answer for the page: the summary then each row's reason for
    /// being left out (empty when in the fit), one per line; the CSV; and
    /// numbers: E_A (NaN: no fit), then per row T (K), R_ion, its error,
    /// σ_eff (NaN: none), then the points in the fit — 1000/T, log₁₀ σ_eff
    /// and the half-width of its error bar (R_ion's 95 % interval carried
    /// through σ = L/(R·A), half its width in log σ; ±2 standard errors
    /// when an end is open) — and the fitted Eq. 1 as [`LINE_POINTS`]
    /// points (1000/T, log₁₀ σ).
    pub fn encode(&self) -> (String, String, Vec<f64>) {
        let mut message = self.summary();
        let mut numbers = vec![self
            .fit
            .as_ref()
            .map_or(f64::NAN, |f| f.arrhenius.activation_energy_ev.value)];
        let mut x = Vec::new();
        let mut err = Vec::new();
        for r in &self.rows {
            message.push('\n');
            message.push_str(r.left_out.as_deref().unwrap_or(""));
            let fitted = r.input.r_ion.as_ref().ok();
            numbers.extend(
                [
                    r.temperature_k,
                    fitted.map(|p| p.0),
                    fitted.and_then(|p| p.1),
                    r.sigma_s_per_cm,
                ]
                .map(|v| v.unwrap_or(f64::NAN)),
            );
            if let (None, Some(t), Some(&(value, stderr, ci))) =
                (&r.left_out, r.temperature_k, fitted)
            {
                x.push(1e3 / t);
                err.push(match ci.map(|c| (c.lo, c.hi)) {
                    Some((Some(lo), Some(hi))) if lo > 0.0 => 0.5 * (hi / lo).log10(),
                    _ => stderr.map_or(0.0, |se| 2.0 * se / value / std::f64::consts::LN_10),
                });
            }
        }
        if let Ok(fit) = &self.fit {
            numbers.push(x.len() as f64);
            numbers.extend(&x);
            numbers.extend(fit.sigma_s_per_cm.iter().map(|s| s.log10()));
            numbers.extend(&err);
            let (lo, hi) = x
                .iter()
                .fold((f64::INFINITY, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
            let a = &fit.arrhenius;
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
        (message, self.to_csv(), numbers)
    }
}

/// The series as the page shows it ([`TemperatureSeries::encode`] read back).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    pub summary: String,
    pub csv: String,
    /// E_A, eV, when there is a fit.
    pub ea: Option<f64>,
    /// Per row: the reason it is left out (empty: in the fit) and T (K),
    /// R_ion, its error, σ_eff (NaN: none).
    pub rows: Vec<(String, [f64; 4])>,
    /// The points in the fit (1000/T, log σ, error bar) and the line.
    pub points: [Vec<f64>; 3],
    pub line: [Vec<f64>; 2],
}

impl Answer {
    /// The worker's answer read back, or why it cannot be.
    pub fn decode(message: &str, csv: String, numbers: &[f64]) -> Result<Answer, String> {
        let bad = || "the worker's series is malformed".to_string();
        let mut lines = message.split('\n');
        let summary = lines.next().unwrap_or_default().to_string();
        let whys: Vec<&str> = lines.collect();
        let (&ea, rest) = numbers.split_first().ok_or_else(bad)?;
        let (rows, rest) = rest.split_at_checked(4 * whys.len()).ok_or_else(bad)?;
        let mut answer = Answer {
            summary,
            csv,
            ea: some(ea),
            rows: whys
                .iter()
                .zip(rows.chunks_exact(4))
                .map(|(w, n)| (w.to_string(), [n[0], n[1], n[2], n[3]]))
                .collect(),
            ..Answer::default()
        };
        if let Some((&n, rest)) = rest.split_first() {
            let n = n as usize;
            if rest.len() != 3 * n + 2 * LINE_POINTS {
                return Err(bad());
            }
            let (p, l) = rest.split_at(3 * n);
            answer.points = [0, 1, 2].map(|k| p[k * n..(k + 1) * n].to_vec());
            answer.line = [0, 1].map(|k| l[k * LINE_POINTS..(k + 1) * LINE_POINTS].to_vec());
        }
        Ok(answer)
    }

    /// The table as HTML for the page, with the `labels` of the spectra:
    /// spectrum, temperature (an input `data-series-t` in `unit`, empty
    /// when none), R_ion, σ_eff (mS/cm), in the fit or why not; every text
    /// escaped.
    pub fn table_html(&self, labels: &[String], unit: TUnit) -> String {
        let u = unit.symbol();
        let mut out = format!("<table><tr><th>spectrum</th><th>T / {u}</th><th>R_ion / Ω</th><th>σ_eff / (mS/cm)</th><th>in the fit</th></tr>");
        let text = |v: f64, f: &dyn Fn(f64) -> String| some(v).map(f).unwrap_or_default();
        for (k, ((why, n), label)) in self.rows.iter().zip(labels).enumerate() {
            // To 0.01 of the unit, without trailing zeros (25, 298.15).
            let t = text(n[0], &|t| {
                super::super::format::exact(((t - unit.offset()) * 100.0).round() / 100.0)
            });
            let cells = [
                text(n[1], &|r| plus_minus(r, some(n[2]), "Ω")),
                text(n[3], &|s| significant(1e3 * s, 3)),
                if why.is_empty() {
                    "yes".into()
                } else {
                    format!("no: {why}")
                },
            ];
            out.push_str("<tr><td>");
            push_escaped(&mut out, label);
            out.push_str(&format!("</td><td><input type=\"text\" inputmode=\"decimal\" size=\"7\" autocomplete=\"off\" data-series-t=\"{k}\" value=\"{t}\" aria-label=\"Temperature of "));
            push_escaped(&mut out, label);
            out.push_str(&format!(" in {u}\"></td>"));
            for c in cells {
                out.push_str("<td>");
                push_escaped(&mut out, &c);
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
        out
    }

    /// log₁₀ σ_eff against 1000/T with error bars and the fitted line;
    /// None without a fit.
    pub fn plot(&self) -> Option<PlotView> {
        let ea = self.ea?;
        let mut fig = Figure::new(
            "Arrhenius plot of σ_eff",
            Axis::linear("1000/T / K⁻¹"),
            Axis::linear("log₁₀(σ_eff / (S/cm))"),
        );
        let [x, y, err] = self.points.clone();
        let mut points = Series::new("σ_eff from R_ion", x, y, Style::Markers(Marker::Dot));
        points.y_err = Some(err);
        fig.series.push(points);
        let [lx, ly] = self.line.clone();
        fig.series.push(
            Series::new(
                format!("Eq. 1, E_A = {} eV", significant(ea, 3)),
                lx,
                ly,
                Style::Line { dashed: false },
            )
            .color(1),
        );
        Some(plot_view("arrhenius", Ok(fig)))
    }
}

/// The page's side of the series jobs: the job last sent and the last
/// answer, with the job it answers (a job is sent when what the fits give
/// changed; the last answer is shown until the next arrives).
#[derive(Debug, Clone, Default)]
pub struct Panel {
    asked: Option<(u32, (String, Vec<f64>))>,
    done: Option<((String, Vec<f64>), Result<Answer, String>)>,
}

/// Two jobs are the same when their text and numbers (bit for bit: NaN
/// stands for none) are.
fn same(a: &(String, Vec<f64>), b: &(String, Vec<f64>)) -> bool {
    a.0 == b.0
        && a.1.len() == b.1.len()
        && a.1
            .iter()
            .zip(&b.1)
            .all(|(x, y)| x.to_bits() == y.to_bits())
}

impl Panel {
    /// True when `job` is neither under way nor answered: it is to be sent.
    pub fn wants(&self, job: &(String, Vec<f64>)) -> bool {
        !(self.asked.as_ref().is_some_and(|(_, j)| same(j, job))
            || self.done.as_ref().is_some_and(|(j, _)| same(j, job)))
    }

    /// Job `id` was sent for `job`.
    pub fn ask(&mut self, id: u32, job: (String, Vec<f64>)) {
        self.asked = Some((id, job));
    }

    /// The answer to job `id`; false when it is not the one asked for last.
    pub fn answered(&mut self, id: u32, result: Result<Answer, String>) -> bool {
        match self.asked.take() {
            Some((asked, job)) if asked == id => {
                self.done = Some((job, result));
                true
            }
            other => {
                self.asked = other;
                false
            }
        }
    }

    pub fn clear(&mut self) {
        *self = Panel::default();
    }

    /// The last answer and the spectra's labels it has, if any.
    pub fn answer(&self) -> Option<(Vec<String>, &Result<Answer, String>)> {
        self.done.as_ref().map(|((text, _), r)| {
            let labels = text
                .lines()
                .map(|l| l.split('\t').nth(1).unwrap_or_default().to_string())
                .collect();
            (labels, r)
        })
    }
}

#[cfg(test)]
mod tests;
