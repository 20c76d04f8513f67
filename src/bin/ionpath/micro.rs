//! `ionpath micro tau|metrics|generate`: segmented 3D images (TIFF stacks,
//! raw volumes) → τ per phase and axis and structure metrics; composite
//! electrodes generated from a recipe → TIFF.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use ionpath::micro::generate::{generate, Recipe};
use ionpath::micro::io::{read_volume, write_tiff, ReadOptions};
use ionpath::micro::metrics::{metrics, Roles};
use ionpath::micro::transport::{tortuosity, Options};
use ionpath::micro::{Axis, PhaseTable, Volume};
use ionpath::units::cm_to_um;
use serde_json::{json, Value};

use crate::cli::CliResult;

/// Flags of `ionpath micro`.
#[derive(Args)]
pub struct MicroArgs {
    #[command(subcommand)]
    command: MicroCommand,
}

#[derive(Subcommand)]
enum MicroCommand {
    /// τ, ε and σ_eff/σ of the conducting phase(s) per file and axis (TauFactor's definitions)
    Tau(TauArgs),
    /// Volume fractions, percolation, surface areas and AM utilisation of a volume (JSON)
    Metrics(MetricsArgs),
    /// Generate a composite electrode from a recipe and write it as a TIFF stack
    Generate(Box<GenerateArgs>),
}

/// How a volume is read.
#[derive(Args)]
struct VolumeArgs {
    /// Voxel edge in µm (overrides the file's own; default 1 µm).
    #[arg(long, value_name = "V")]
    voxel_um: Option<f64>,
    /// Shape X,Y,Z of a raw volume (else taken from a name like part_200x200x100.raw).
    #[arg(long, value_name = "X,Y,Z")]
    shape: Option<String>,
}

#[derive(Args)]
struct TauArgs {
    /// Segmented volumes: multi-page TIFF (8/16-bit labels) or raw.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Conducting labels (default for a two-valued image: its nonzero label).
    #[arg(long, value_name = "L[,L]")]
    phase: Option<String>,
    /// Conductivity of a label, L=V (any unit: only ratios matter; default 1); the label conducts.
    #[arg(long, value_name = "L=V")]
    conductivity: Vec<String>,
    /// Axis of the potential drop.
    #[arg(long, value_enum, default_value_t = AxisArg::X)]
    axis: AxisArg,
    #[command(flatten)]
    volume: VolumeArgs,
    /// One JSON object per file and axis per line, or CSV with a header.
    #[arg(long, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
}

#[derive(Args)]
struct MetricsArgs {
    /// A segmented volume: multi-page TIFF (8/16-bit labels) or raw.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    volume: VolumeArgs,
    /// Output format (JSON only).
    #[arg(long, value_enum, default_value_t = MetricsFormat::Json)]
    format: MetricsFormat,
}

#[derive(Args)]
struct GenerateArgs {
    /// Box size in µm: X (a cube) or X,Y,Z.
    #[arg(long, value_name = "X[,Y,Z]")]
    size_um: String,
    /// Voxel edge, µm.
    #[arg(long, value_name = "V")]
    voxel_um: f64,
    /// Volume fraction of active material (label 1).
    #[arg(long, value_name = "F")]
    am: f64,
    /// Volume fraction of solid electrolyte (label 2).
    #[arg(long, value_name = "F")]
    se: f64,
    /// Volume fraction of carbon/binder (label 3).
    #[arg(long, value_name = "F")]
    carbon: f64,
    /// Volume fraction of voids (label 0).
    #[arg(long, value_name = "F")]
    void: f64,
    /// Mean AM particle diameter, µm.
    #[arg(long, value_name = "D")]
    d_am_um: f64,
    /// Standard deviation of the AM diameter (log-normal), µm.
    #[arg(long, value_name = "S", default_value_t = 0.0)]
    d_am_sd_um: f64,
    /// SE particle diameter, µm.
    #[arg(long, value_name = "D")]
    d_se_um: f64,
    /// Carbon/binder particle diameter, µm (default: half the SE diameter).
    #[arg(long, value_name = "D")]
    d_carbon_um: Option<f64>,
    /// Seed of the random numbers: the same seed gives the same file.
    #[arg(long, value_name = "N")]
    seed: u64,
    /// Output TIFF file.
    #[arg(short = 'o', value_name = "OUT.tif")]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum AxisArg {
    X,
    Y,
    Z,
    All,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum FormatArg {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum MetricsFormat {
    Json,
}

/// Runs `micro`.
pub fn run(args: MicroArgs) -> CliResult {
    match args.command {
        MicroCommand::Tau(a) => run_tau(a),
        MicroCommand::Metrics(a) => run_metrics(a),
        MicroCommand::Generate(a) => run_generate(*a),
    }
}

fn read(path: &Path, args: &VolumeArgs) -> Result<Volume, String> {
    if let Some(v) = args.voxel_um {
        if !(v.is_finite() && v > 0.0) {
            return Err(format!("--voxel-um: expected a number > 0, got {v}"));
        }
    }
    let raw_shape = match &args.shape {
        None => None,
        Some(s) => {
            let parts: Vec<Option<usize>> = s.split(',').map(|p| p.trim().parse().ok()).collect();
            match parts.as_slice() {
                [Some(x), Some(y), Some(z)] if *x > 0 && *y > 0 && *z > 0 => Some([*x, *y, *z]),
                _ => {
                    return Err(format!(
                        "--shape: expected three whole numbers X,Y,Z > 0, got {s}"
                    ))
                }
            }
        }
    };
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    let options = ReadOptions {
        raw_shape,
        voxel_um: args.voxel_um,
    };
    read_volume(&name, &bytes, &options).map_err(|e| e.to_string())
}

fn parse_label(s: &str, flag: &str) -> Result<u16, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{flag}: expected a label 0–65535, got {s}"))
}

/// The conducting labels and their conductivities from --phase and
/// --conductivity.
fn conducting(phase: Option<&str>, conductivity: &[String]) -> Result<Vec<(u16, f64)>, String> {
    let mut out: Vec<(u16, f64)> = Vec::new();
    if let Some(p) = phase {
        for l in p.split(',') {
            out.push((parse_label(l, "--phase")?, 1.0));
        }
    }
    for c in conductivity {
        let (l, v) = c
            .split_once('=')
            .ok_or_else(|| format!("--conductivity: expected L=V, got {c}"))?;
        let label = parse_label(l, "--conductivity")?;
        let sigma: f64 = v
            .trim()
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s > 0.0)
            .ok_or_else(|| {
                format!("--conductivity: expected a number > 0 for label {label}, got {v}")
            })?;
        out.retain(|&(l, _)| l != label);
        out.push((label, sigma));
    }
    Ok(out)
}

fn run_tau(args: TauArgs) -> CliResult {
    let labels = conducting(args.phase.as_deref(), &args.conductivity)?;
    let axes: Vec<Axis> = match args.axis {
        AxisArg::X => vec![Axis::X],
        AxisArg::Y => vec![Axis::Y],
        AxisArg::Z => vec![Axis::Z],
        AxisArg::All => Axis::ALL.to_vec(),
    };
    let mut stdout = std::io::stdout().lock();
    let mut print = |line: String| {
        writeln!(stdout, "{line}").map_err(|e| format!("cannot write to standard output: {e}"))
    };
    if args.format == FormatArg::Csv {
        print(
            "file,axis,tau,volume_fraction,relative_conductivity,percolates,iterations,residual"
                .into(),
        )?;
    }
    for path in &args.files {
        let name = path.display().to_string();
        let volume = read(path, &args.volume)?;
        let phases = if labels.is_empty() {
            PhaseTable::default_for(&volume).map_err(|e| format!("{name}: {e} (--phase)"))?
        } else {
            PhaseTable::new(&volume, &labels)
                .map_err(|e| format!("{name}: {e} (--phase/--conductivity)"))?
        };
        let results = tortuosity(&volume, &phases, &axes, &Options::default(), &mut |_| true)
            .map_err(|e| format!("{name}: {e}"))?;
        for r in results {
            let line = match args.format {
                FormatArg::Json => json!({
                    "file": name,
                    "axis": r.axis.name(),
                    "tau": r.tau,
                    "volume_fraction": r.volume_fraction,
                    "relative_conductivity": r.relative_conductivity,
                    "percolates": r.tau.is_some(),
                    "iterations": r.iterations,
                    "residual": r.residual,
                    "percolating_fraction": r.percolating_fraction,
                    "reason": r.reason,
                    "tau_profile": r.tau_profile,
                })
                .to_string(),
                FormatArg::Csv => format!(
                    "{},{},{},{},{},{},{},{}",
                    csv_field(&name),
                    r.axis.name(),
                    r.tau.map(|t| t.to_string()).unwrap_or_default(),
                    r.volume_fraction,
                    r.relative_conductivity,
                    r.tau.is_some(),
                    r.iterations,
                    r.residual
                ),
            };
            print(line)?;
        }
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn run_metrics(args: MetricsArgs) -> CliResult {
    let MetricsFormat::Json = args.format;
    let name = args.file.display().to_string();
    let volume = read(&args.file, &args.volume)?;
    // The utilisation needs to know which label is which: the labels of
    // generated electrodes (1 AM, 2 SE, 3 carbon) when the volume uses no
    // others.
    let generated_labels = volume.present_labels().iter().all(|&(l, _)| l <= 3);
    let m = metrics(&volume, generated_labels.then_some(Roles::GENERATED));
    let per_um = |per_cm: f64| 1.0 / cm_to_um(1.0 / per_cm);
    let phases: Vec<Value> = m
        .phases
        .iter()
        .map(|p| {
            let percolation: serde_json::Map<String, Value> = p
                .percolation
                .iter()
                .map(|q| {
                    (
                        q.axis.name().to_string(),
                        json!({"both_faces": q.both_faces, "one_face": q.one_face, "isolated": q.isolated}),
                    )
                })
                .collect();
            json!({
                "label": p.label,
                "volume_fraction": p.volume_fraction,
                "percolation": percolation,
                "specific_surface_per_um": per_um(p.specific_surface_per_cm),
            })
        })
        .collect();
    let interfaces: Vec<Value> = m
        .interfaces
        .iter()
        .map(|i| {
            json!({
                "labels": [i.labels.0, i.labels.1],
                "area_um2": cm_to_um(cm_to_um(i.area_cm2)),
                "per_volume_per_um": per_um(i.per_volume_per_cm),
            })
        })
        .collect();
    let utilisation = m.utilisation.map(|u| {
        json!({
            "fraction": u.fraction,
            "electronic": u.electronic,
            "ionic": u.ionic,
            "am_clusters": u.clusters,
            "labels": {"am": 1, "se": 2, "carbon": 3},
            "separator": "x = 0",
            "current_collector": "x = n_x - 1",
        })
    });
    let out = json!({
        "file": name,
        "shape": volume.shape,
        "voxel_um": volume.voxel_um,
        "phases": phases,
        "interfaces": interfaces,
        "utilisation": utilisation,
    });
    println!("{out}");
    Ok(())
}

fn run_generate(args: GenerateArgs) -> CliResult {
    let parts: Vec<Option<f64>> = args
        .size_um
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect();
    let size_um = match parts.as_slice() {
        [Some(x)] => [*x; 3],
        [Some(x), Some(y), Some(z)] => [*x, *y, *z],
        _ => {
            return Err(format!(
                "--size-um: expected X or X,Y,Z in µm, got {}",
                args.size_um
            ))
        }
    };
    let recipe = Recipe {
        size_um,
        voxel_um: args.voxel_um,
        am: args.am,
        se: args.se,
        carbon: args.carbon,
        void: args.void,
        d_am_um: args.d_am_um,
        d_am_sd_um: args.d_am_sd_um,
        d_se_um: args.d_se_um,
        d_carbon_um: args.d_carbon_um.unwrap_or(0.5 * args.d_se_um),
        seed: args.seed,
    };
    let volume = generate(&recipe).map_err(|e| flag_message(&e.to_string()))?;
    let bytes = write_tiff(&volume).map_err(|e| e.to_string())?;
    let out = args.out.display().to_string();
    std::fs::write(&args.out, bytes).map_err(|e| format!("{out}: {e}"))?;
    let counts = volume.counts();
    let n = volume.len() as f64;
    println!(
        "{}",
        json!({
            "file": out,
            "shape": volume.shape,
            "voxel_um": volume.voxel_um,
            "am": counts[1] as f64 / n,
            "se": counts[2] as f64 / n,
            "carbon": counts[3] as f64 / n,
            "void": counts[0] as f64 / n,
        })
    );
    Ok(())
}

/// A core message about a recipe parameter (`d_am_um = …`) phrased with
/// its flag (`--d-am-um: …`).
fn flag_message(message: &str) -> String {
    for (name, flag) in [
        ("d_am_sd_um", "--d-am-sd-um"),
        ("d_am_um", "--d-am-um"),
        ("d_se_um", "--d-se-um"),
        ("d_carbon_um", "--d-carbon-um"),
        ("voxel_um", "--voxel-um"),
        ("size_um", "--size-um"),
        ("am", "--am"),
        ("se", "--se"),
        ("carbon", "--carbon"),
        ("void", "--void"),
    ] {
        if message.starts_with(&format!("{name} = ")) {
            return format!("{flag}: {message}");
        }
    }
    message.to_string()
}
