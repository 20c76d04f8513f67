//! `ionpath simulate`: the impedance of a two-rail line or of any circuit
//! at given frequencies, printed as CSV `freq_hz,z_re_ohm,z_im_ohm`
//! (Im negative for capacitive behaviour, every digit of each f64).

use std::io::Write;

use clap::{ArgGroup, Args, Subcommand};

use ionpath::error::{require_non_negative, require_positive, Error};
use ionpath::impedance::{
    log_spaced_freq_hz, parse_circuit, simulate, Interface, Layout, Model, TwoRailLine,
};
use ionpath::Spectrum;

use crate::cli::CliResult;

#[derive(Args)]
pub struct SimulateArgs {
    #[command(subcommand)]
    model: SimulateModel,
}

#[derive(Subcommand)]
enum SimulateModel {
    /// The two-rail transmission line of a composite electrode.
    Tlm(TlmArgs),
    /// Any circuit in ionpath's notation, e.g. "R-p(R,CPE)-TLMie".
    Circuit(CircuitArgs),
}

/// The frequencies: a list or a log-spaced range, exactly one of them.
#[derive(Args)]
#[command(group(ArgGroup::new("frequencies").required(true).args(["freq", "freq_range"])))]
struct FreqArgs {
    /// Frequencies in Hz, comma-separated, e.g. 1e6,1e3,1.
    #[arg(long, value_name = "HZ,...", allow_hyphen_values = true)]
    freq: Option<String>,
    /// N frequencies log-spaced from FMIN to FMAX, in Hz, e.g. 1e7:1e-3:61.
    #[arg(long, value_name = "FMIN:FMAX:N", allow_hyphen_values = true)]
    freq_range: Option<String>,
}

#[derive(Args)]
#[command(group(ArgGroup::new("interface").required(true).args(["c_dl", "q"])))]
struct TlmArgs {
    /// Which rails the terminals touch: ions in, electrons out (SS/CE/SE/CE/SS);
    /// both ionic (Li/SE/CE/SE/Li); both electronic (SS/CE/SS).
    #[arg(long, value_name = "LAYOUT",
          value_parser = ["ion-electron", "ion-ion", "electron-electron"])]
    layout: String,
    /// Ionic-rail resistance R_ion of the composite, in Ω.
    #[arg(long, value_name = "OHM", allow_negative_numbers = true)]
    r_ion: f64,
    /// Electronic-rail resistance R_e of the composite, in Ω.
    #[arg(long, value_name = "OHM", allow_negative_numbers = true)]
    r_e: f64,
    /// Double-layer capacitance C_dl of the whole interface, in F (or --q and --n).
    #[arg(long, value_name = "F", allow_negative_numbers = true)]
    c_dl: Option<f64>,
    /// CPE interface Y = Q·(iω)^n: Q in F·s^(n-1) (with --n, instead of --c-dl).
    #[arg(
        long,
        value_name = "F·s^(n-1)",
        requires = "n",
        allow_negative_numbers = true
    )]
    q: Option<f64>,
    /// CPE exponent n, in (0, 1] (with --q).
    #[arg(
        long,
        value_name = "EXP",
        requires = "q",
        allow_negative_numbers = true
    )]
    n: Option<f64>,
    /// Series resistance outside the composite (SE layers, contacts), in Ω.
    #[arg(
        long,
        value_name = "OHM",
        default_value_t = 0.0,
        allow_negative_numbers = true
    )]
    r_bulk: f64,
    #[command(flatten)]
    frequencies: FreqArgs,
}

#[derive(Args)]
struct CircuitArgs {
    /// The circuit: elements R, C, L, CPE, Ws, Wo, TLMie|TLMii|TLMee (suffix Q for a
    /// CPE interface), '-' for series, p(a,b,...) for parallel.
    #[arg(long, value_name = "CIRCUIT")]
    circuit: String,
    /// Every parameter as name=value, comma-separated, in Ω, F, H, s, F·s^(n-1) or –;
    /// names are the base name plus the element's number from 0, e.g. r0=10,q1=1e-5,n1=0.9.
    #[arg(long, value_name = "NAME=VALUE,...", allow_hyphen_values = true)]
    params: String,
    #[command(flatten)]
    frequencies: FreqArgs,
}

pub fn run(args: SimulateArgs) -> CliResult {
    let (model, frequencies): (Box<dyn Model>, &FreqArgs) = match &args.model {
        SimulateModel::Tlm(tlm) => (Box::new(build_line(tlm)?), &tlm.frequencies),
        SimulateModel::Circuit(c) => (Box::new(build_circuit(c)?), &c.frequencies),
    };
    let freq_hz = frequencies.resolve()?;
    let spectrum = simulate(model.as_ref(), &freq_hz, "simulated").map_err(|e| e.to_string())?;
    print_csv(&spectrum).map_err(|e| format!("cannot write the output: {e}"))
}

/// `flag: message` for a value the core refused.
fn flag_error(flag: &str, error: Error) -> String {
    match error {
        Error::InvalidParameter {
            value, expected, ..
        } => {
            format!("{flag} = {value} is invalid: expected {expected}")
        }
        Error::Read { message, .. } => format!("{flag}: {message}"),
        other => format!("{flag}: {other}"),
    }
}

fn build_line(args: &TlmArgs) -> Result<TwoRailLine, String> {
    let layout = Layout::from_name(&args.layout)
        .ok_or_else(|| format!("--layout: unknown layout '{}'", args.layout))?;
    let r_ion = require_non_negative("r_ion", args.r_ion).map_err(|e| flag_error("--r-ion", e))?;
    let r_e = require_non_negative("r_e", args.r_e).map_err(|e| flag_error("--r-e", e))?;
    let r_bulk =
        require_non_negative("r_bulk", args.r_bulk).map_err(|e| flag_error("--r-bulk", e))?;
    if r_ion + r_e <= 0.0 {
        return Err("--r-ion and --r-e are both 0: at least one rail needs resistance".into());
    }
    let interface = match (args.c_dl, args.q, args.n) {
        (Some(c_dl), _, _) => Interface::Capacitor {
            c_dl_f: require_positive("c_dl", c_dl).map_err(|e| flag_error("--c-dl", e))?,
        },
        (None, Some(q), Some(n)) => {
            let q = require_positive("q", q).map_err(|e| flag_error("--q", e))?;
            if !(n.is_finite() && n > 0.0 && n <= 1.0) {
                return Err(format!(
                    "--n = {n} is invalid: expected a CPE exponent in (0, 1]"
                ));
            }
            Interface::Cpe { q, n }
        }
        _ => return Err("give --c-dl, or --q with --n".into()),
    };
    TwoRailLine::new(layout, r_ion, r_e, interface, r_bulk).map_err(|e| e.to_string())
}

fn build_circuit(args: &CircuitArgs) -> Result<ionpath::impedance::Circuit, String> {
    let circuit = parse_circuit(&args.circuit).map_err(|e| flag_error("--circuit", e))?;
    let mut named = Vec::new();
    for item in args
        .params
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| format!("--params: '{item}' is not NAME=VALUE"))?;
        let value: f64 = value
            .trim()
            .parse()
            .map_err(|_| format!("--params: {name} = '{value}' is not a number"))?;
        named.push((name.trim(), value));
    }
    circuit
        .with_named_params(&named)
        .map_err(|e| flag_error("--params", e))
}

impl FreqArgs {
    /// The frequencies in Hz, each checked to be finite and > 0.
    fn resolve(&self) -> Result<Vec<f64>, String> {
        match (&self.freq, &self.freq_range) {
            (Some(list), None) => {
                let mut freq_hz = Vec::new();
                for item in list.split(',').map(str::trim) {
                    let f: f64 = item
                        .parse()
                        .map_err(|_| format!("--freq: '{item}' is not a number"))?;
                    freq_hz.push(require_positive("freq", f).map_err(|e| flag_error("--freq", e))?);
                }
                Ok(freq_hz)
            }
            (None, Some(range)) => {
                let usage =
                    || format!("--freq-range: '{range}' is not FMIN:FMAX:N, e.g. 1e7:1e-3:61");
                let parts: Vec<&str> = range.split(':').map(str::trim).collect();
                let [f_min, f_max, n] = parts.as_slice() else {
                    return Err(usage());
                };
                let f_min: f64 = f_min.parse().map_err(|_| usage())?;
                let f_max: f64 = f_max.parse().map_err(|_| usage())?;
                let n: usize = n.parse().map_err(|_| usage())?;
                log_spaced_freq_hz(f_min, f_max, n).map_err(|e| flag_error("--freq-range", e))
            }
            _ => Err("give exactly one of --freq and --freq-range".into()),
        }
    }
}

fn print_csv(spectrum: &Spectrum) -> std::io::Result<()> {
    let text = ionpath::io::to_csv(std::slice::from_ref(spectrum));
    std::io::stdout().lock().write_all(text.as_bytes())
}
