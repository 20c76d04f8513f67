//! `ionpath fit`: fits the two-rail transmission line, an equivalent
//! circuit, or the first model the spectrum's shape calls for, to one or
//! more spectra and prints one [`FitReport`] per file — with its verdict
//! (good, questionable, the model does not describe the spectrum) and the
//! reasons — as a JSON line, or a CSV row flattened from the same value
//! (`docs/FIT-REPORT.md`); with `--arrhenius`, one more line with a
//! parameter against temperature and Arrhenius (Eq. 1) fitted to it.

use std::path::PathBuf;

use std::io::Write;

use clap::{Args, ValueEnum};
use ionpath::fit::derived::Geometry;
use ionpath::fit::report::{fit_report, FitRequest, ModelRequest};
use ionpath::fit::scalar::ArrheniusForm;
use ionpath::fit::temperature::{arrhenius_from_resistances, temperature_from_name, SeriesPoint};
use ionpath::fit::verdict::Verdict;
use ionpath::fit::{FitOptions, FitReport, InterfaceKind, IonicRail, Weighting};
use ionpath::impedance::notation::parse_circuit;
use ionpath::impedance::Layout;
use ionpath::units::{ms_to_s, um_to_cm};
use serde_json::json;

use crate::cli::CliResult;
use crate::fit_report::FormatArg;
use crate::spectra::outcome_of;

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

/// Fits every file, on `jobs` threads (0: one per core), keeping file order.
fn fit_all<F>(files: &[PathBuf], jobs: usize, fit_one: &F) -> Vec<Result<FitReport, String>>
where
    F: Fn(&PathBuf) -> Result<FitReport, String> + Sync,
{
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = if jobs == 0 { cores } else { jobs }.clamp(1, files.len().max(1));
    if workers == 1 {
        return files.iter().map(fit_one).collect();
    }
    let mut slots: Vec<Option<Result<FitReport, String>>> =
        (0..files.len()).map(|_| None).collect();
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

/// The model of --model, --layout, --interface and --circuit.
fn model(args: &FitArgs) -> Result<ModelRequest, String> {
    Ok(match (args.model, &args.circuit) {
        (ModelArg::Circuit, Some(text)) => ModelRequest::Circuit(
            parse_circuit(text).map_err(|e| format!("--circuit {text:?}: {e}"))?,
        ),
        (ModelArg::Circuit, None) => {
            return Err("--model circuit needs --circuit, e.g. --circuit \"R-p(R,CPE)\"".into())
        }
        (_, Some(_)) => return Err("--circuit goes with --model circuit".into()),
        (ModelArg::Auto, None) => ModelRequest::Auto,
        (ModelArg::Tlm, None) => ModelRequest::Line {
            layout: match args.layout {
                LayoutArg::IonElectron => Layout::IonElectron,
                LayoutArg::IonIon => Layout::IonIon,
                LayoutArg::ElectronElectron => Layout::ElectronElectron,
            },
            interface: match args.interface {
                InterfaceArg::Capacitor => InterfaceKind::Capacitor,
                InterfaceArg::Cpe => InterfaceKind::Cpe,
            },
        },
    })
}

pub fn run(args: FitArgs) -> CliResult {
    let request = FitRequest {
        model: model(&args)?,
        options: FitOptions {
            weighting: match args.weight {
                WeightArg::Modulus => Weighting::Modulus,
                WeightArg::Proportional => Weighting::Proportional,
                WeightArg::Unit => Weighting::Unit,
            },
            fixed: pairs("--fix", &args.fix)?,
            guesses: pairs("--guess", &args.guess)?,
            bounds: bounds(&args.bound)?,
            ..FitOptions::default()
        },
        ionic_rail: match args.ionic_rail {
            RailArg::Larger => IonicRail::Larger,
            RailArg::Smaller => IonicRail::Smaller,
        },
        geometry: geometry(&args)?,
        kk: args.kk,
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
    let outcomes = fit_all(&args.files, args.jobs, &|path| fit_file(path, &request));
    let series = args
        .arrhenius
        .as_ref()
        .map(|name| series_line(name, &args, &outcomes))
        .transpose()?;
    let mut failures: Vec<String> = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut records = Vec::new(); // CSV: every record first, for the header
    let write_error = |e: std::io::Error| format!("cannot write to standard output: {e}");
    for (path, outcome) in args.files.iter().zip(outcomes) {
        let name = path.display().to_string();
        let error = outcome.as_ref().err().map(|message| {
            // Core errors about a file usually start with its name already.
            failures.push(if message.starts_with(&name) {
                message.clone()
            } else {
                format!("{name}: {message}")
            });
            json!({"file": name, "error": message})
        });
        match (args.format, &outcome, error) {
            (FormatArg::Json, Ok(report), _) => {
                serde_json::to_writer(&mut out, &report.to_json())
                    .map_err(|e| format!("{name}: {e}"))?;
                writeln!(out).map_err(write_error)?;
            }
            (FormatArg::Json, Err(_), Some(error)) => {
                writeln!(out, "{error}").map_err(write_error)?
            }
            (FormatArg::Csv, Ok(report), _) => records.push(report.to_json()),
            (_, _, error) => records.extend(error),
        }
    }
    if args.format == FormatArg::Csv {
        out.write_all(ionpath::io::csv::from_records(&records).as_bytes())
            .map_err(write_error)?;
    }
    if let Some(line) = series {
        writeln!(out, "{line}").map_err(write_error)?;
    }
    out.flush().map_err(write_error)?;
    outcome_of(&failures, args.files.len())
}

/// The --arrhenius line: the parameter `name` of every file whose fit
/// describes it and determines the parameter, its temperature, σ and the
/// Arrhenius fit; the files left out, with why.
fn series_line(
    name: &str,
    args: &FitArgs,
    outcomes: &[Result<FitReport, String>],
) -> Result<String, String> {
    let mut points = Vec::new();
    let mut left_out = Vec::new();
    for (k, (path, outcome)) in args.files.iter().zip(outcomes).enumerate() {
        let file = path.display().to_string();
        let Ok(report) = outcome else {
            left_out.push(json!({"file": file, "why": "the fit failed"}));
            continue;
        };
        let Some(p) = report.fit.param(name) else {
            return Err(format!(
                "--arrhenius {name}: {file} has no parameter {name}"
            ));
        };
        let why = if report.judgement.verdict == Verdict::DoesNotDescribe {
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

/// Reads and fits one file.
fn fit_file(path: &std::path::Path, request: &FitRequest) -> Result<FitReport, String> {
    let spectra = ionpath::io::read_path(path).map_err(|e| e.to_string())?;
    let spectrum = spectra.first().ok_or("the file holds no spectrum")?;
    let mut report = fit_report(spectrum, request).map_err(|e| e.to_string())?;
    report.file = Some(path.display().to_string());
    Ok(report)
}
