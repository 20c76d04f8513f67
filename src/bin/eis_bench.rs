//! Impedance benchmark (not a test): circuit fits, Lin-KK and DRT timed
//! in-process, with their results as JSON lines for `bench/eis_bench.sh` to
//! set beside impedance.py and pyDRTtools.
//!
//!   eis_bench circuit [COUNT]   fit R-p(R,CPE)-p(R,CPE) and R-p(R,CPE)-Wo
//!       to COUNT seeded 71-point spectra (1 MHz–0.1 Hz, 0.5 % noise) with
//!       no guesses; median, p95 and max over the spectra of the least of
//!       3 runs each (ms), share within 10 % of the truth
//!   eis_bench verdict [COUNT]   the verdict's calibration: COUNT seeded
//!       spectra per case and noise level (0.1–2 %), right models (two ZARCs
//!       fitted as such; a blocking line with R_bulk held) and wrong ones (a
//!       line or one arc fitted to two R‖C arcs; two arcs from a cell drifting
//!       20 % during the sweep): how many come out good / questionable /
//!       does not describe
//!   eis_bench kk [--plain] FILE…   Lin-KK of each file (--plain: the
//!       first M with μ < 0.85 and no series C, as impedance.py's linKK): JSON line with M, μ, the
//!       largest and rms residual, pass, and the median time of 20 runs
//!   eis_bench drt [--lambda X | --lcurve | --defaults] FILE…   DRT of each
//!       file (unit weights, no series C, as pyDRTtools) with λ by GCV
//!       (no flag), the L-curve or fixed; --defaults: ionpath's own defaults
//!       (the CLI's and the page's): JSON line with λ (used, GCV, L-curve),
//!       peaks, median time of 20 runs

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
        /// `kk --plain`: Schönleber's plain μ rule, no series C.
        static PLAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        /// The λ choice of the `drt` subcommand (None: ionpath's defaults).
        static LAMBDA: std::cell::Cell<Option<LambdaChoice>> = const { std::cell::Cell::new(Some(LambdaChoice::Gcv)) };
    }
    use ionpath::fit::kk::{kk_check, KkOptions};
    use ionpath::fit::synth::{log_frequencies, sweep_times_s, synthetic_spectrum, SplitMix64};
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
            Some("kk") => match args.get(1).map(String::as_str) {
                // Schönleber's plain μ rule without C, as impedance.py's linKK.
                Some("--plain") => {
                    PLAIN.with(|p| p.set(true));
                    each_file(&args[2..], kk)
                }
                _ => each_file(&args[1..], kk),
            },
            Some("verdict") => verdict(args.get(1).map_or(Ok(100), |a| {
                a.parse()
                    .map_err(|_| format!("COUNT {a:?} is not a number"))
            })?),
            Some("drt") => {
                // eis_bench drt [--lambda X | --lcurve | --defaults] FILE…
                let (choice, files) = match args.get(1).map(String::as_str) {
                    Some("--lambda") => {
                        let text = args.get(2).ok_or("--lambda needs a value")?;
                        let v: f64 = text
                            .parse()
                            .map_err(|_| format!("--lambda {text:?} is not a number"))?;
                        (Some(LambdaChoice::Fixed(v)), &args[3..])
                    }
                    Some("--lcurve") => (Some(LambdaChoice::LCurve), &args[2..]),
                    Some("--defaults") => (None, &args[2..]),
                    _ => (Some(LambdaChoice::Gcv), &args[1..]),
                };
                LAMBDA.with(|l| l.set(choice));
                each_file(files, drt_file)
            }
            _ => Err(
                "usage: eis_bench circuit [COUNT] | verdict [COUNT] | kk FILE… | drt FILE…".into(),
            ),
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

    /// A spectrum of `model` (61 points, 100 kHz–0.1 Hz) whose parameters
    /// `grow` by a factor 1 + drift·t/t_total over the measuring time (two
    /// periods per point, at least 0.2 s): a cell changing during the sweep.
    fn drifting<M: Model + Clone>(model: &M, drift: f64, noise: f64, seed: u64) -> Spectrum {
        let freq = log_frequencies(1e5, 0.1, 61);
        let times = sweep_times_s(&freq);
        let total = times[times.len() - 1];
        let mut rng = SplitMix64::new(seed);
        let base = model.params();
        let specs = model.param_specs();
        let z_ohm = freq
            .iter()
            .zip(&times)
            .map(|(f, t)| {
                let g = 1.0 + drift * t / total;
                // Resistances grow, everything else stays.
                let values: Vec<f64> = base
                    .iter()
                    .zip(&specs)
                    .map(|(v, s)| if s.name.starts_with('r') { v * g } else { *v })
                    .collect();
                let mut m = model.clone();
                let _ = m.set_params(&values);
                let z = m.impedance(std::f64::consts::TAU * f);
                z + noise * z.norm() * num_complex::Complex64::new(rng.normal(), rng.normal())
            })
            .collect();
        Spectrum {
            label: "drifting".into(),
            freq_hz: freq,
            z_ohm,
        }
    }

    fn verdict(count: usize) -> Result<(), String> {
        use ionpath::fit::report::{fit_report, FitRequest, IonicRail, ModelRequest};
        use ionpath::fit::verdict::Verdict;
        use ionpath::fit::InterfaceKind;
        use ionpath::impedance::{Interface, Layout, TwoRailLine};
        let e = |e: ionpath::Error| e.to_string();
        let mut zarcs = parse_circuit("R-p(R,CPE)-p(R,CPE)").map_err(e)?;
        zarcs
            .set_params(&[10.0, 100.0, 1e-5, 0.85, 50.0, 5e-3, 0.8])
            .map_err(e)?;
        let mut two_rc = parse_circuit("R-p(R,C)-p(R,C)").map_err(e)?;
        two_rc
            .set_params(&[10.0, 100.0, 1e-5, 50.0, 6e-3])
            .map_err(e)?;
        let line = TwoRailLine::new(
            Layout::IonIon,
            200.0,
            2.0,
            Interface::Cpe { q: 2e-5, n: 0.9 },
            10.0,
        )
        .map_err(e)?;
        let held = FitOptions {
            fixed: vec![("r_bulk".into(), 10.0)],
            ..FitOptions::default()
        };
        // The verdict `ionpath fit` reports for `model` fitted to `s`.
        let judged = |s: &Spectrum, model: ModelRequest, options: &FitOptions| {
            let request = FitRequest {
                model,
                options: options.clone(),
                ionic_rail: IonicRail::Larger,
                geometry: None,
                kk: false,
                kk_options: ionpath::fit::kk::KkOptions::default(),
            };
            let report = fit_report(s, &request).map_err(e)?;
            if std::env::var_os("EIS_BENCH_VERBOSE").is_some() {
                eprintln!(
                    "{:?}: {:?}",
                    report.judgement.verdict, report.judgement.reasons
                );
            }
            Ok::<Verdict, String>(report.judgement.verdict)
        };
        let circuit_case = |text: &str, s: &Spectrum| -> Result<Verdict, String> {
            let circuit = parse_circuit(text).map_err(e)?;
            judged(s, ModelRequest::Circuit(circuit), &FitOptions::default())
        };
        let line_case = |s: &Spectrum| -> Result<Verdict, String> {
            let model = ModelRequest::Line {
                layout: Layout::IonIon,
                interface: InterfaceKind::Cpe,
            };
            judged(s, model, &held)
        };
        type Case<'a> = (
            &'a str,
            Box<dyn Fn(f64, u64) -> Result<Verdict, String> + 'a>,
        );
        let cases: Vec<Case> = vec![
            (
                "right: two ZARCs fitted as R-p(R,CPE)-p(R,CPE)",
                Box::new(|noise, seed| {
                    circuit_case("R-p(R,CPE)-p(R,CPE)", &drifting(&zarcs, 0.0, noise, seed))
                }),
            ),
            (
                "right: ion–ion line fitted as such (R_bulk held)",
                Box::new(|noise, seed| line_case(&drifting(&line, 0.0, noise, seed))),
            ),
            (
                "wrong: two R‖C arcs fitted with the ion–ion line",
                Box::new(|noise, seed| line_case(&drifting(&two_rc, 0.0, noise, seed))),
            ),
            (
                "wrong: two R‖C arcs fitted with one arc R-p(R,CPE)",
                Box::new(|noise, seed| {
                    circuit_case("R-p(R,CPE)", &drifting(&two_rc, 0.0, noise, seed))
                }),
            ),
            (
                "drift: two ZARCs, resistances +20 % over the sweep",
                Box::new(|noise, seed| {
                    circuit_case("R-p(R,CPE)-p(R,CPE)", &drifting(&zarcs, 0.2, noise, seed))
                }),
            ),
        ];
        println!("| case | noise | good | questionable | does not describe | failed |");
        println!("|---|---|---|---|---|---|");
        for (name, case) in &cases {
            for noise in [0.001, 0.005, 0.01, 0.02] {
                let mut tally = [0usize; 4];
                for seed in 0..count as u64 {
                    let slot = match case(noise, seed) {
                        Ok(Verdict::Good) => 0,
                        Ok(Verdict::Questionable) => 1,
                        Ok(Verdict::DoesNotDescribe) => 2,
                        Err(_) => 3,
                    };
                    tally[slot] += 1;
                }
                println!(
                    "| {name} | {} % | {} | {} | {} | {} |",
                    noise * 100.0,
                    tally[0],
                    tally[1],
                    tally[2],
                    tally[3]
                );
            }
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
        let options = if PLAIN.with(|p| p.get()) {
            KkOptions {
                selection: ionpath::fit::kk::Selection::Mu,
                series_capacitance: Some(false),
                ..KkOptions::default()
            }
        } else {
            KkOptions::default()
        };
        let (kk, ms) = timed(20, || kk_check(s, &options));
        let kk = kk.map_err(|e| format!("{path}: {e}"))?;
        Ok(
            json!({"file": path, "elements": kk.elements, "mu": kk.mu, "max_residual": kk.max_residual,
            "rms_residual": kk.rms_residual, "noise": kk.noise, "outside": kk.outside.len(),
            "pass": kk.pass, "inductance_h": kk.inductance_h, "capacitance_f": kk.series_capacitance_f, "ms": ms}),
        )
    }

    fn drt_file(path: &str, s: &Spectrum) -> Result<serde_json::Value, String> {
        // As pyDRTtools' simple_run: unit weights, series R and L, first
        // derivative, GCV, FWHM coefficient 0.5, no series C; or the defaults.
        let options = match LAMBDA.with(|l| l.get()) {
            Some(lambda) => DrtOptions {
                lambda,
                weighting: Weighting::Unit,
                series_capacitance: Some(false),
                ..DrtOptions::default()
            },
            None => DrtOptions::default(),
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
            "r_inf_ohm": d.r_inf_ohm, "inductance_h": d.inductance_h,
            "series_capacitance_f": d.series_capacitance_f, "rms_residual": d.rms_residual,
            "peaks": peaks, "ms": ms}),
        )
    }
}
