//! `ionpath fit`: fits the two-rail transmission line, an equivalent
//! circuit, or the first model the spectrum's shape calls for, to one or
//! more spectra and prints one JSON object (or CSV row) per file, each with
//! a verdict (good, questionable, the model does not describe the spectrum)
//! and its reasons.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ionpath::fit::circuit_start::fit_circuit;
use ionpath::fit::derived::{Derived, Geometry};
use ionpath::fit::first_model::{fit_first, Choice, FirstModel};
use ionpath::fit::kk::{kk_check, KkOptions};
use ionpath::fit::scalar::ArrheniusForm;
use ionpath::fit::temperature::{arrhenius_from_resistances, temperature_from_name, SeriesPoint};
use ionpath::fit::verdict::{judge, offer_derived, Verdict};
use ionpath::fit::{fit_line, FitOptions, FitResult, InterfaceKind, ParamEstimate, Weighting};
use ionpath::impedance::notation::parse_circuit;
use ionpath::impedance::{Interface, Layout, Model, TwoRailLine};
use ionpath::units::{ms_to_s, um_to_cm};
use ionpath::Spectrum;
use num_complex::Complex64;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{json, Value};

use crate::cli::CliResult;
use crate::spectra::{csv_cell, outcome_of};

#[derive(Args)]
pub struct FitArgs {
    /// Spectra: three columns freq_hz, z_re_ohm, z_im_ohm (header optional).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Model to fit: the two-rail transmission line (--layout, --interface),
    /// an equivalent circuit (--circuit), or `auto`: the first model the
    /// spectrum's shape calls for (a line layout or a circuit; R_bulk held
    /// at --fix r_bulk=… when given).
    #[arg(long, value_enum, default_value_t = ModelArg::Tlm)]
    model: ModelArg,
    /// Circuit for --model circuit, e.g. "R-p(R,CPE)-p(R,CPE)" (starts are automatic).
    #[arg(long)]
    circuit: Option<String>,
    /// Which rails the cell's terminals touch.
    #[arg(long, value_enum, default_value_t = LayoutArg::IonElectron)]
    layout: LayoutArg,
    /// Interface between the rails: ideal capacitor (c_dl) or CPE (q, n).
    #[arg(long, value_enum, default_value_t = InterfaceArg::Capacitor)]
    interface: InterfaceArg,
    /// Residual weighting.
    #[arg(long, value_enum, default_value_t = WeightArg::Modulus)]
    weight: WeightArg,
    /// Hold a parameter fixed, e.g. --fix r_e=0 (Eq. 8) or --fix r_bulk=12.5; repeatable.
    #[arg(long = "fix", value_name = "NAME=VALUE")]
    fix: Vec<String>,
    /// Starting value for a parameter (optional; starts are automatic), repeatable.
    #[arg(long = "guess", value_name = "NAME=VALUE")]
    guess: Vec<String>,
    /// Bounds for a free parameter, e.g. --bound n=0.5:1 or --bound c_dl=1e-9:1e-3; repeatable.
    #[arg(long = "bound", value_name = "NAME=LO:HI")]
    bound: Vec<String>,
    /// Ion–electron layout only: the spectrum cannot tell the rails apart, so
    /// say which is ionic. Default `larger`: in a carbon-containing cathode
    /// σ_e ≫ σ_i, so R_ion is the larger resistance.
    #[arg(long, value_enum, default_value_t = RailArg::Larger)]
    ionic_rail: RailArg,
    /// Threads to fit files on (0: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
    /// Also report the Lin-KK check (always run for the verdict).
    #[arg(long)]
    kk: bool,
    /// Composite thickness in µm (with --area-cm2, --epsilon, --sigma-i-ms-per-cm: adds σ_eff, τ, α).
    #[arg(long)]
    thickness_um: Option<f64>,
    /// Electrode area in cm².
    #[arg(long)]
    area_cm2: Option<f64>,
    /// SE volume fraction ε of the composite (0–1].
    #[arg(long)]
    epsilon: Option<f64>,
    /// Ionic conductivity of the pure SE in mS/cm.
    #[arg(long)]
    sigma_i_ms_per_cm: Option<f64>,
    /// Temperature series: after the files, one more JSON line with the
    /// fitted parameter NAME (e.g. r_ion, or r1 of a circuit) against
    /// temperature, σ = L/(R·A) (Eq. 3; with --thickness-um and --area-cm2,
    /// else 1/R) and Arrhenius (Eq. 1) fitted to it. Temperatures from
    /// --temperature-c, else from the file names (25C, 298K …).
    #[arg(long, value_name = "NAME")]
    arrhenius: Option<String>,
    /// Temperatures of the files in °C, in their order, comma-separated.
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    temperature_c: Vec<f64>,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ModelArg {
    Tlm,
    Circuit,
    Auto,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    IonElectron,
    IonIon,
    ElectronElectron,
}

#[derive(Clone, Copy, ValueEnum)]
enum InterfaceArg {
    Capacitor,
    Cpe,
}

#[derive(Clone, Copy, ValueEnum)]
enum WeightArg {
    Modulus,
    Proportional,
    Unit,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum RailArg {
    Larger,
    Smaller,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum FormatArg {
    Json,
    Csv,
}

/// Fits every file, on `jobs` threads (0: one per core), keeping file order.
fn fit_all<F>(files: &[PathBuf], jobs: usize, fit_one: &F) -> Vec<Result<Record, String>>
where
    F: Fn(&PathBuf) -> Result<Record, String> + Sync,
{
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = if jobs == 0 { cores } else { jobs }.clamp(1, files.len().max(1));
    if workers == 1 {
        return files.iter().map(fit_one).collect();
    }
    let mut slots: Vec<Option<Result<Record, String>>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .skip(w)
                        .step_by(workers)
                        .map(|(k, path)| (k, fit_one(path)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            // A worker that panicked leaves its slots empty: reported below.
            for (k, outcome) in handle.join().unwrap_or_default() {
                slots[k] = Some(outcome);
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err("internal error: the fit did not finish".into())))
        .collect()
}

/// Parses NAME=LO:HI items of --bound.
fn bounds(items: &[String]) -> Result<Vec<(String, f64, f64)>, String> {
    items
        .iter()
        .map(|item| {
            let bad = || format!("--bound {item:?}: expected NAME=LO:HI with numbers LO < HI");
            let (name, range) = item.split_once('=').ok_or_else(bad)?;
            let (lo, hi) = range.split_once(':').ok_or_else(bad)?;
            let (lo, hi): (f64, f64) = (
                lo.trim().parse().map_err(|_| bad())?,
                hi.trim().parse().map_err(|_| bad())?,
            );
            if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                return Err(bad());
            }
            Ok((name.trim().to_string(), lo, hi))
        })
        .collect()
}

/// Parses NAME=VALUE pairs of `flag`.
fn pairs(flag: &str, items: &[String]) -> Result<Vec<(String, f64)>, String> {
    items
        .iter()
        .map(|item| {
            let (name, value) = item
                .split_once('=')
                .ok_or_else(|| format!("{flag} {item:?}: expected NAME=VALUE"))?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{flag} {item:?}: {value:?} is not a number"))?;
            if !value.is_finite() {
                return Err(format!("{flag} {item:?}: value must be finite"));
            }
            Ok((name.trim().to_string(), value))
        })
        .collect()
}

fn geometry(args: &FitArgs) -> Result<Option<Geometry>, String> {
    match (args.thickness_um, args.area_cm2, args.epsilon, args.sigma_i_ms_per_cm) {
        (None, None, None, None) => Ok(None),
        (Some(l), Some(a), Some(e), Some(s)) => Ok(Some(Geometry {
            thickness_cm: um_to_cm(l),
            area_cm2: a,
            epsilon: e,
            sigma_i_s_per_cm: ms_to_s(s),
        })),
        _ => Err("--thickness-um, --area-cm2, --epsilon and --sigma-i-ms-per-cm go together: give all four".into()),
    }
}

pub fn run(args: FitArgs) -> CliResult {
    let model = match (args.model, &args.circuit) {
        (ModelArg::Circuit, Some(text)) => {
            Chosen::Circuit(parse_circuit(text).map_err(|e| format!("--circuit {text:?}: {e}"))?)
        }
        (ModelArg::Circuit, None) => {
            return Err("--model circuit needs --circuit, e.g. --circuit \"R-p(R,CPE)\"".into())
        }
        (_, Some(_)) => return Err("--circuit goes with --model circuit".into()),
        (ModelArg::Auto, None) => Chosen::Auto,
        (ModelArg::Tlm, None) => Chosen::Line,
    };
    let layout = match args.layout {
        LayoutArg::IonElectron => Layout::IonElectron,
        LayoutArg::IonIon => Layout::IonIon,
        LayoutArg::ElectronElectron => Layout::ElectronElectron,
    };
    let kind = match args.interface {
        InterfaceArg::Capacitor => InterfaceKind::Capacitor,
        InterfaceArg::Cpe => InterfaceKind::Cpe,
    };
    let weighting = match args.weight {
        WeightArg::Modulus => Weighting::Modulus,
        WeightArg::Proportional => Weighting::Proportional,
        WeightArg::Unit => Weighting::Unit,
    };
    let options = FitOptions {
        weighting,
        fixed: pairs("--fix", &args.fix)?,
        guesses: pairs("--guess", &args.guess)?,
        bounds: bounds(&args.bound)?,
        ..FitOptions::default()
    };
    let geometry = geometry(&args)?;
    let fit_one = |path: &PathBuf| {
        fit_file(
            path,
            &model,
            layout,
            kind,
            &options,
            args.ionic_rail,
            args.kk,
            geometry.as_ref(),
        )
    };
    if args.arrhenius.is_some() && args.format != FormatArg::Json {
        return Err("--arrhenius writes JSON: leave out --format csv".into());
    }
    if !args.temperature_c.is_empty() && args.temperature_c.len() != args.files.len() {
        return Err(format!(
            "--temperature-c gives {} temperatures for {} files",
            args.temperature_c.len(),
            args.files.len()
        ));
    }
    let outcomes = fit_all(&args.files, args.jobs, &fit_one);
    let series = args
        .arrhenius
        .as_ref()
        .map(|name| series_line(name, &args, &outcomes))
        .transpose()?;
    let mut failures: Vec<String> = Vec::new();
    let mut csv_header_done = false;
    let mut out = String::new();
    for (path, outcome) in args.files.iter().zip(outcomes) {
        let name = path.display().to_string();
        match (&outcome, args.format) {
            (Ok(record), FormatArg::Json) => {
                out.push_str(&serde_json::to_string(record).map_err(|e| format!("{name}: {e}"))?)
            }
            (Err(message), FormatArg::Json) => {
                out.push_str(&json!({"file": name, "error": message}).to_string())
            }
            (Ok(record), FormatArg::Csv) => {
                if !csv_header_done {
                    out.push_str(&csv_header(record));
                    out.push('\n');
                    csv_header_done = true;
                }
                out.push_str(&csv_row(record));
            }
            (Err(message), FormatArg::Csv) => {
                out.push_str(&format!("{},error,{}", csv_cell(&name), csv_cell(message)))
            }
        }
        out.push('\n');
        if let Err(message) = outcome {
            // Core errors about a file usually start with its name already.
            failures.push(if message.starts_with(&name) {
                message
            } else {
                format!("{name}: {message}")
            });
        }
        if out.len() > 1 << 16 {
            print!("{out}");
            out.clear();
        }
    }
    if let Some(line) = series {
        out.push_str(&line);
        out.push('\n');
    }
    print!("{out}");
    outcome_of(&failures, args.files.len())
}

/// The --arrhenius line: the parameter `name` of every file whose fit
/// describes it and determines the parameter, its temperature, σ and the
/// Arrhenius fit; the files left out, with why.
fn series_line(
    name: &str,
    args: &FitArgs,
    outcomes: &[Result<Record, String>],
) -> Result<String, String> {
    let mut points = Vec::new();
    let mut left_out = Vec::new();
    for (k, (path, outcome)) in args.files.iter().zip(outcomes).enumerate() {
        let file = path.display().to_string();
        let Ok(record) = outcome else {
            left_out.push(json!({"file": file, "why": "the fit failed"}));
            continue;
        };
        let Some(p) = record.params.0.iter().find(|p| p.name == name) else {
            return Err(format!(
                "--arrhenius {name}: {file} has no parameter {name}"
            ));
        };
        let why = if record.verdict == Verdict::DoesNotDescribe {
            Some("the model does not describe the spectrum")
        } else if !(p.determined || p.fixed) {
            Some("the parameter is not determined")
        } else {
            None
        };
        if let Some(why) = why {
            left_out.push(json!({"file": file, "why": why}));
            continue;
        }
        let temperature_k = match args.temperature_c.get(k) {
            Some(c) => c + 273.15,
            None => temperature_from_name(&file)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("{file}: no temperature in the name (such as 25C or 298K): give --temperature-c"))?,
        };
        points.push(SeriesPoint {
            label: file,
            temperature_k,
            resistance_ohm: p.value,
        });
    }
    let geometry = match (args.thickness_um, args.area_cm2) {
        (Some(l), Some(a)) => Some((um_to_cm(l), a)),
        _ => None,
    };
    let fit = arrhenius_from_resistances(&points, geometry, ArrheniusForm::InverseT)
        .map_err(|e| format!("--arrhenius {name}: {e}"))?;
    let a = &fit.arrhenius;
    Ok(json!({"series": {
        "param": name,
        "law": "sigma = (sigma_0/T)·exp(−E_A/(k_B·T)) (Eq. 1)",
        "sigma_unit": if geometry.is_some() { "S/cm" } else { "S (1/R: no --thickness-um and --area-cm2)" },
        "points": points.iter().zip(&fit.sigma_s_per_cm).map(|(p, s)| json!({
            "file": p.label, "temperature_k": p.temperature_k, "resistance_ohm": p.resistance_ohm, "sigma": s})).collect::<Vec<_>>(),
        "left_out": left_out,
        "activation_energy_ev": a.activation_energy_ev,
        "sigma_0": a.sigma_0,
        "rms_log_residual": a.rms_log_residual,
        "dof": a.dof,
    }})
    .to_string())
}

/// One file's outcome, serialised with its fields in this order.
#[derive(Serialize)]
struct Record {
    file: String,
    /// The model fitted: a line layout and interface, or a circuit.
    model: String,
    /// --model auto: why this model, and what the user should enter.
    #[serde(skip_serializing_if = "Option::is_none")]
    model_choice: Option<Choice>,
    converged: bool,
    determined: bool,
    verdict: Verdict,
    verdict_reasons: Vec<String>,
    /// The measures behind the verdict (relative residuals, KK noise, χ²/dof, runs, miss).
    verdict_measures: Value,
    chi2: f64,
    reduced_chi2: f64,
    evaluations: usize,
    starts: usize,
    stop_reason: String,
    rails_interchangeable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    ionic_rail: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rails_swapped: Option<bool>,
    params: Params,
    correlation: Value,
    notes: Vec<String>,
    /// A second solution the spectrum cannot rule out (ion–electron, R_bulk free).
    #[serde(skip_serializing_if = "Option::is_none")]
    rival: Option<RivalEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derived: Option<Derived>,
    /// Why σ_eff, τ and α are not given, when geometry was.
    #[serde(skip_serializing_if = "Option::is_none")]
    derived_withheld: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kk: Option<Value>,
}

/// One parameter's JSON object.
#[derive(Serialize)]
struct ParamEntry {
    value: f64,
    stderr: Option<f64>,
    determined: bool,
    fixed: bool,
    ci95: Option<[f64; 2]>,
    unit: &'static str,
}

/// Parameters as a JSON object in model order.
struct Params(Vec<ParamEstimate>);

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for p in &self.0 {
            let entry = ParamEntry {
                value: p.value,
                stderr: p.stderr,
                determined: p.determined,
                fixed: p.fixed,
                ci95: p.ci95.map(|(a, b)| [a, b]),
                unit: p.unit,
            };
            map.serialize_entry(&p.name, &entry)?;
        }
        map.end()
    }
}

/// The fit's rival: its χ² excess and its values by name in model order.
#[derive(Serialize)]
struct RivalEntry {
    excess_chi2_per_dof: f64,
    params: Named,
}

/// Values by name, serialised as a JSON object in this order.
struct Named(Vec<(String, f64)>);

impl Serialize for Named {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The fit's rival with its rails named by the same `rail` rule as the fit's.
fn rival_entry(fit: &ionpath::fit::FitResult, rail: RailArg) -> Option<RivalEntry> {
    let rival = fit.rival.as_ref()?;
    let mut named: Vec<(String, f64)> = fit
        .params
        .iter()
        .map(|p| p.name.clone())
        .zip(rival.values.iter().copied())
        .collect();
    let ion = named.iter().position(|(n, _)| n == "r_ion");
    let el = named.iter().position(|(n, _)| n == "r_e");
    if let (Some(i), Some(e)) = (ion, el) {
        if (named[i].1 < named[e].1) == (rail == RailArg::Larger) {
            let (a, b) = (named[i].1, named[e].1);
            (named[i].1, named[e].1) = (b, a);
        }
    }
    Some(RivalEntry {
        excess_chi2_per_dof: rival.excess_chi2_per_dof,
        params: Named(named),
    })
}

/// The model of the `fit` call.
enum Chosen {
    Line,
    Circuit(ionpath::impedance::circuit::Circuit),
    Auto,
}

/// Reads, fits and describes one file.
#[allow(clippy::too_many_arguments)]
fn fit_file(
    path: &std::path::Path,
    model: &Chosen,
    layout: Layout,
    kind: InterfaceKind,
    options: &FitOptions,
    rail: RailArg,
    with_kk: bool,
    geometry: Option<&Geometry>,
) -> Result<Record, String> {
    let spectra = ionpath::io::read_path(path).map_err(|e| e.to_string())?;
    let spectrum = spectra.first().ok_or("the file holds no spectrum")?;
    let err = |e: ionpath::Error| e.to_string();
    let (mut fit, name, choice, line) = match model {
        Chosen::Line => {
            let fit = fit_line(layout, kind, spectrum, options).map_err(err)?;
            (fit, line_name(layout, kind), None, Some((layout, kind)))
        }
        Chosen::Circuit(circuit) => {
            let fit = fit_circuit(circuit, spectrum, options).map_err(err)?;
            (fit, circuit.to_string(), None, None)
        }
        Chosen::Auto => {
            let r_bulk = options
                .fixed
                .iter()
                .find(|(n, _)| n == "r_bulk")
                .map(|p| p.1);
            let first = fit_first(spectrum, r_bulk, options).map_err(err)?;
            let (name, line) = match &first.choice.model {
                FirstModel::Line {
                    layout,
                    cpe_interface,
                    ..
                } => {
                    let kind = if *cpe_interface {
                        InterfaceKind::Cpe
                    } else {
                        InterfaceKind::Capacitor
                    };
                    (line_name(*layout, kind), Some((*layout, kind)))
                }
                FirstModel::Circuit { notation } => (notation.clone(), None),
            };
            (first.fit, name, Some(first.choice), line)
        }
    };
    let mut swapped = false;
    if fit.rails_interchangeable {
        if let (Some(ion), Some(el)) = (fit.param("r_ion"), fit.param("r_e")) {
            let want_larger = rail == RailArg::Larger;
            // Swap only when both rails were fitted: a fixed value is the user's assignment.
            if !ion.fixed
                && !el.fixed
                && ion.value != el.value
                && (ion.value < el.value) == want_larger
            {
                fit = fit.swap_rails().map_err(|e| e.to_string())?;
                swapped = true;
            }
        }
    }
    let model_ohm = match (model, line) {
        (Chosen::Circuit(circuit), _) => evaluate(circuit.clone(), &fit, spectrum),
        (_, Some((layout, kind))) => {
            let interface = match kind {
                InterfaceKind::Capacitor => Interface::Capacitor { c_dl_f: 1e-6 },
                InterfaceKind::Cpe => Interface::Cpe { q: 1e-6, n: 0.9 },
            };
            let line = TwoRailLine::new(layout, 1.0, 1.0, interface, 1.0).map_err(err)?;
            evaluate(line, &fit, spectrum)
        }
        (_, None) => {
            let notation = &name;
            evaluate(parse_circuit(notation).map_err(err)?, &fit, spectrum)
        }
    }?;
    let kk = kk_check(spectrum, &KkOptions::default()).map_err(err)?;
    let judgement = judge(
        spectrum,
        &model_ohm,
        fit.free_names.len(),
        fit.converged,
        &kk,
    )
    .map_err(err)?;
    let (derived, derived_withheld) = match geometry {
        None => (None, None),
        Some(g) if line.is_some() => match offer_derived(&fit, "r_ion", &judgement, g) {
            Ok(d) => (Some(d), None),
            Err(why) => (None, Some(why)),
        },
        Some(_) => (
            None,
            Some("σ_eff, τ and α are not given: an equivalent circuit has no R_ion.".into()),
        ),
    };
    let kk_pass = kk.pass;
    let kk = with_kk.then(|| {
        json!({"elements": kk.elements, "mu": kk.mu, "max_residual": kk.max_residual,
            "rms_residual": kk.rms_residual, "noise": kk.noise, "band": kk.band,
            "outside": kk.outside, "pass": kk.pass, "summary": kk.summary,
            "residuals": kk.residuals})
    });
    let interchangeable = fit.rails_interchangeable;
    let rival = rival_entry(&fit, rail);
    Ok(Record {
        file: path.display().to_string(),
        model: name,
        model_choice: choice,
        converged: fit.converged,
        determined: fit.determined,
        verdict: judgement.verdict,
        verdict_measures: json!({"rms": judgement.rms, "noise": judgement.noise,
            "chi2_per_dof": judgement.chi2_per_dof, "runs_z": [judgement.runs_z.0, judgement.runs_z.1],
            "systematic": judgement.systematic, "systematic_at_hz": judgement.systematic_at_hz,
            "kk_pass": kk_pass}),
        verdict_reasons: judgement.reasons,
        chi2: fit.chi2,
        reduced_chi2: fit.reduced_chi2,
        evaluations: fit.evaluations,
        starts: fit.starts_tried,
        stop_reason: fit.stop_reason,
        rails_interchangeable: interchangeable,
        ionic_rail: interchangeable.then_some(if rail == RailArg::Larger {
            "larger"
        } else {
            "smaller"
        }),
        rails_swapped: interchangeable.then_some(swapped),
        correlation: json!({"names": fit.free_names, "matrix": fit.correlation}),
        params: Params(fit.params),
        notes: fit.notes,
        rival,
        derived,
        derived_withheld,
        kk,
    })
}

/// "tlm ion-electron capacitor" and the like.
fn line_name(layout: Layout, kind: InterfaceKind) -> String {
    let interface = match kind {
        InterfaceKind::Capacitor => "capacitor",
        InterfaceKind::Cpe => "cpe",
    };
    format!("tlm {} {interface}", layout.name())
}

/// `model` with the fit's values, at the spectrum's frequencies.
fn evaluate<M: Model>(
    mut model: M,
    fit: &FitResult,
    spectrum: &Spectrum,
) -> Result<Vec<Complex64>, String> {
    model.set_params(&fit.values()).map_err(|e| e.to_string())?;
    Ok((0..spectrum.len())
        .map(|k| model.impedance(spectrum.omega(k)))
        .collect())
}

const CSV_FIXED: [&str; 8] = [
    "file",
    "model",
    "verdict",
    "converged",
    "determined",
    "chi2",
    "reduced_chi2",
    "evaluations",
];

fn csv_header(record: &Record) -> String {
    let mut cols: Vec<String> = CSV_FIXED.iter().map(|s| s.to_string()).collect();
    for p in &record.params.0 {
        cols.extend([
            p.name.clone(),
            format!("{}_stderr", p.name),
            format!("{}_determined", p.name),
        ]);
    }
    if record.derived.is_some() {
        for name in DERIVED_COLUMNS {
            cols.extend([name.to_string(), format!("{name}_stderr")]);
        }
    }
    // Ion–electron fits (rails interchangeable) may name a rival: its columns, empty when none.
    if record.rails_interchangeable {
        cols.push("rival_excess_chi2_per_dof".into());
        cols.extend(record.params.0.iter().map(|p| format!("rival_{}", p.name)));
    }
    cols.join(",")
}

/// Columns added when geometry is given (σ_eff in S/cm, τ and α dimensionless).
const DERIVED_COLUMNS: [&str; 3] = ["sigma_eff_s_per_cm", "tortuosity", "bruggeman_alpha"];

fn csv_row(record: &Record) -> String {
    let mut cells = vec![
        csv_cell(&record.file),
        csv_cell(&record.model),
        record.verdict.key().to_string(),
        record.converged.to_string(),
        record.determined.to_string(),
        format!("{:e}", record.chi2),
        format!("{:e}", record.reduced_chi2),
        record.evaluations.to_string(),
    ];
    let number = |x: Option<f64>| x.map(|x| format!("{x:e}")).unwrap_or_default();
    for p in &record.params.0 {
        cells.extend([
            number(Some(p.value)),
            number(p.stderr),
            p.determined.to_string(),
        ]);
    }
    if let Some(d) = &record.derived {
        for estimate in [
            Some(d.sigma_eff_s_per_cm),
            Some(d.tortuosity),
            d.bruggeman_alpha,
        ] {
            cells.extend([
                number(estimate.map(|e| e.value)),
                number(estimate.and_then(|e| e.stderr)),
            ]);
        }
    }
    if record.rails_interchangeable {
        let rival = record.rival.as_ref();
        cells.push(number(rival.map(|r| r.excess_chi2_per_dof)));
        for k in 0..record.params.0.len() {
            cells.push(number(rival.and_then(|r| r.params.0.get(k)).map(|v| v.1)));
        }
    }
    cells.join(",")
}
