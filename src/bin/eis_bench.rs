//! Impedance benchmark (not a test): circuit fits, Lin-KK and DRT timed
//! in-process, with their results as JSON lines for `bench/eis_bench.sh` to
//! set beside impedance.py and pyDRTtools.
//!
//!   eis_bench circuit [COUNT]   fit R-p(R,CPE)-p(R,CPE) and R-p(R,CPE)-Wo
//!       to COUNT seeded 71-point spectra (1 MHz–0.1 Hz, 0.5 % noise) with
//!       no guesses; median, p95 and max over the spectra of the least of
//!       3 runs each (ms), share within 10 % of the truth
//!   eis_bench kk FILE…     Lin-KK of each file: JSON line with M, μ, the
//!       largest and rms residual, pass, and the median time of 20 runs
//!   eis_bench drt [--lambda X | --lcurve] FILE…   DRT of each file (unit
//!       weights, as pyDRTtools) with λ by GCV (default), the L-curve or
//!       fixed: JSON line with λ (used, GCV, L-curve), peaks, median time

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match native::run(std::env::args().skip(1).collect()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use ionpath::fit::circuit_start::fit_circuit;
    use ionpath::fit::drt::{drt, DrtOptions, LambdaChoice};

    thread_local! {
        /// The λ choice of the `drt` subcommand.
        static LAMBDA: std::cell::Cell<LambdaChoice> = const { std::cell::Cell::new(LambdaChoice::Gcv) };
    }
    use ionpath::fit::kk::{kk_check, KkOptions};
    use ionpath::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
    use ionpath::fit::{FitOptions, Weighting};
    use ionpath::impedance::notation::parse_circuit;
    use ionpath::impedance::Model;
    use ionpath::Spectrum;
    use serde_json::json;

    /// The benchmark circuits and their true values.
    pub const CIRCUITS: [(&str, [f64; 7]); 2] = [
        (
            "R-p(R,CPE)-p(R,CPE)",
            [15.0, 120.0, 2e-6, 0.85, 300.0, 3e-3, 0.75],
        ),
        ("R-p(R,CPE)-Wo", [8.0, 60.0, 1e-5, 0.9, 40.0, 5.0, f64::NAN]),
    ];

    pub fn run(args: Vec<String>) -> Result<(), String> {
        match args.first().map(String::as_str) {
            Some("circuit") => circuit(args.get(1).map_or(Ok(200), |a| {
                a.parse()
                    .map_err(|_| format!("COUNT {a:?} is not a number"))
            })?),
            Some("kk") => each_file(&args[1..], kk),
            Some("drt") => {
                // eis_bench drt [--lambda X | --lcurve] FILE…
                let (choice, files) = match args.get(1).map(String::as_str) {
                    Some("--lambda") => {
                        let text = args.get(2).ok_or("--lambda needs a value")?;
                        let v: f64 = text
                            .parse()
                            .map_err(|_| format!("--lambda {text:?} is not a number"))?;
                        (LambdaChoice::Fixed(v), &args[3..])
                    }
                    Some("--lcurve") => (LambdaChoice::LCurve, &args[2..]),
                    _ => (LambdaChoice::Gcv, &args[1..]),
                };
                LAMBDA.with(|l| l.set(choice));
                each_file(files, drt_file)
            }
            _ => Err("usage: eis_bench circuit [COUNT] | kk FILE… | drt FILE…".into()),
        }
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * q).round() as usize]
    }

    fn circuit(count: usize) -> Result<(), String> {
        for (text, truth) in CIRCUITS {
            let truth: Vec<f64> = truth.into_iter().filter(|v| !v.is_nan()).collect();
            let mut model = parse_circuit(text).map_err(|e| e.to_string())?;
            model.set_params(&truth).map_err(|e| e.to_string())?;
            let template = parse_circuit(text).map_err(|e| e.to_string())?;
            let (mut times, mut good) = (Vec::new(), 0);
            for seed in 0..count as u64 {
                let s = synthetic_spectrum(
                    &model,
                    &log_frequencies(1e6, 0.1, 71),
                    0.005,
                    &mut SplitMix64::new(seed),
                    text,
                );
                // The least of 3 runs: the machine's other work only adds.
                let (fit, ms) = least_of(3, || fit_circuit(&template, &s, &FitOptions::default()));
                times.push(ms);
                if let Ok(fit) = fit {
                    if fit
                        .values()
                        .iter()
                        .zip(&truth)
                        .all(|(g, w)| (g - w).abs() <= 0.1 * w)
                    {
                        good += 1;
                    }
                }
            }
            println!(
                "{text}: {count} spectra of 71 points, no guesses, least of 3 runs each: median {:.2} ms, p95 {:.2} ms, max {:.2} ms; all parameters within 10 % in {good}/{count}",
                median(times.clone()),
                percentile(times.clone(), 0.95),
                percentile(times, 1.0)
            );
        }
        Ok(())
    }

    fn each_file(
        files: &[String],
        f: fn(&str, &Spectrum) -> Result<serde_json::Value, String>,
    ) -> Result<(), String> {
        if files.is_empty() {
            return Err("give at least one FILE".into());
        }
        for path in files {
            let spectra =
                ionpath::io::read_path(std::path::Path::new(path)).map_err(|e| e.to_string())?;
            let line = match spectra.first() {
                Some(s) => f(path, s)?,
                None => json!({"file": path, "error": "no spectrum"}),
            };
            println!("{line}");
        }
        Ok(())
    }

    /// The result and the least wall time (ms) of `repeats` calls of `f`.
    fn least_of<T>(repeats: usize, mut f: impl FnMut() -> T) -> (T, f64) {
        let mut out = None;
        let mut least = f64::INFINITY;
        for _ in 0..repeats.max(1) {
            let start = Instant::now();
            out = Some(f());
            least = least.min(start.elapsed().as_secs_f64() * 1e3);
        }
        (out.expect("repeats ≥ 1"), least)
    }

    /// Median wall time (ms) of `repeats` calls of `f`.
    fn timed<T>(repeats: usize, mut f: impl FnMut() -> T) -> (T, f64) {
        let mut out = None;
        let mut times = Vec::new();
        for _ in 0..repeats {
            let start = Instant::now();
            out = Some(f());
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        (out.expect("repeats ≥ 1"), median(times))
    }

    fn kk(path: &str, s: &Spectrum) -> Result<serde_json::Value, String> {
        let (kk, ms) = timed(20, || kk_check(s, &KkOptions::default()));
        let kk = kk.map_err(|e| format!("{path}: {e}"))?;
        Ok(
            json!({"file": path, "elements": kk.elements, "mu": kk.mu, "max_residual": kk.max_residual,
            "rms_residual": kk.rms_residual, "noise": kk.noise, "outside": kk.outside.len(),
            "pass": kk.pass, "inductance_h": kk.inductance_h, "capacitance_f": kk.series_capacitance_f, "ms": ms}),
        )
    }

    fn drt_file(path: &str, s: &Spectrum) -> Result<serde_json::Value, String> {
        // As pyDRTtools' simple_run: unit weights, series R and L, first
        // derivative, GCV, FWHM coefficient 0.5, no series C.
        let options = DrtOptions {
            lambda: LAMBDA.with(|l| l.get()),
            weighting: Weighting::Unit,
            series_capacitance: Some(false),
            ..DrtOptions::default()
        };
        let (d, ms) = timed(20, || drt(s, &options));
        let d = d.map_err(|e| format!("{path}: {e}"))?;
        let peaks: Vec<serde_json::Value> = d
            .peaks
            .iter()
            .map(|p| json!({"tau_s": p.tau_s, "gamma_ohm": p.gamma_ohm, "resistance_ohm": p.resistance_ohm}))
            .collect();
        Ok(
            json!({"file": path, "lambda": d.lambda, "lambda_gcv": d.lambda_gcv, "lambda_lcurve": d.lambda_lcurve,
            "r_inf_ohm": d.r_inf_ohm, "inductance_h": d.inductance_h, "rms_residual": d.rms_residual,
            "peaks": peaks, "ms": ms}),
        )
    }
}
