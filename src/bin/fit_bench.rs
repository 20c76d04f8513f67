//! Fitting benchmark (not a test): seeded synthetic spectra, fitted with no
//! user guesses; prints median/p95 time per fit, the share recovering R_ion
//! within max(2 %, 4 × Cramér–Rao bound) and the failures, per layout, and
//! how many misses are limits of least squares itself: the fit's minimum
//! has a χ² no higher than the one Levenberg–Marquardt reaches from the
//! truth (FIT_BENCH_VERBOSE=1 prints each miss), and how many fits (and
//! misses) name a rival solution the data cannot rule out, and the share
//! recovering R_ion in the fit or in its named rival.
//!
//!   fit_bench recovery [TRIALS] [SEED]   in-process, the target set
//!   fit_bench coverage [TRIALS] [SEED]   95 % profile intervals of R_ion:
//!       for each layout (ion–electron with R_bulk free, ion–ion and
//!       electron–electron with R_bulk fixed and free), the share holding the
//!       true R_ion (the Jacobian interval value·e^(±1.96·stderr/value) beside
//!       it), open intervals, second minima, the median half-width in log
//!       space over 1.96 × the Cramér–Rao bound where that bound is below
//!       30 %, the time per fit with and without profiles, and the profile's
//!       statistic at the truth (the fit with R_ion held at the true value:
//!       shares at or below 0.01·F — flat —, 2.71 and F); a fit without an
//!       interval counts as a failure
//!   fit_bench write-eq8 DIR [COUNT] [SEED]   Eq. 8 spectra (R_e = 0) as
//!       three-column files DIR/eq8_NNNN.csv plus DIR/truth.csv, for
//!       `ionpath fit --fix r_e=0` and bench/impedance_py_bench.py to read
//!   fit_bench check-eq8 DIR JSONL   recovery of `ionpath fit` JSON output
//!   fit_bench time-eq8 DIR   in-process time per fit of those files (no I/O),
//!       without and with profile intervals
//!   fit_bench branches [TRIALS] [SEED] [DRAWS]   for each ion–electron miss
//!       of `recovery`: the weighted distance d (in noise σ) from the truth's
//!       noise-free spectrum to the best fit on the miss's branch, the share
//!       Φ(−d/2) of noise draws expected to prefer that branch, and the
//!       measured share over DRAWS fresh draws at the same truth
//!   fit_bench choose [TRIALS] [SEED]   the automatic first model
//!       (`fit_first`, no profiles, no R_bulk given, as the page's first
//!       fit) on TRIALS spectra of each family: Eq. 8, ion–electron lines,
//!       ion–ion lines, and an arc merging into a CPE tail
//!       (R-p(R,CPE)-CPE, no top of −Im Z between them); per family the
//!       share the shape alone gives the line, the share kept as a line
//!       (of them, with the ion–electron layout), the share fitted with an
//!       R‖CPE arc, the failures and the time per choice; FIT_BENCH_VERBOSE=1
//!       names each failure, each ion–ion spectrum given the ion–electron
//!       line and each line spectrum given a circuit

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
    use std::fmt::Write as _;
    use std::time::Instant;

    use ionpath::fit::first_model::{first_model, fit_first, FirstModel};
    use ionpath::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
    use ionpath::fit::uncertainty::cramer_rao;
    use ionpath::fit::{fit_line, FitOptions, InterfaceKind};
    use ionpath::impedance::notation::parse_circuit;
    use ionpath::impedance::{Circuit, Interface, Layout, Model, TwoRailLine};

    const POINTS: usize = 71;
    /// χ²₁(0.90) = 1.645²: the 95 % threshold of a likelihood ratio whose
    /// parameter sits at a bound, ½χ²₀ + ½χ²₁ (Self & Liang 1987).
    const CHI2_1_90: f64 = 2.705_543;
    const NOISE: f64 = 0.01;

    /// One random line from the target ranges.
    fn draw(layout: Layout, rng: &mut SplitMix64, eq8: bool) -> TwoRailLine {
        let r_ion = rng.log_uniform(10.0, 1e4);
        let r_e = if eq8 {
            0.0
        } else {
            r_ion * rng.log_uniform(0.01, 100.0)
        };
        let f_c = rng.log_uniform(1.0, 1e4);
        let c_dl = 1.0 / (std::f64::consts::TAU * f_c * (r_ion + r_e));
        let r_bulk = match layout {
            // Blocking layouts: R_bulk is known (fixed), including 0.
            Layout::IonIon | Layout::ElectronElectron if rng.uniform() < 0.25 => 0.0,
            _ => r_ion * rng.log_uniform(0.01, 1.0),
        };
        // Parameters drawn from valid ranges: construction cannot fail.
        TwoRailLine {
            layout,
            r_ion_ohm: r_ion,
            r_e_ohm: r_e,
            interface: Interface::Capacitor { c_dl_f: c_dl },
            r_bulk_ohm: r_bulk,
        }
    }

    fn percentile(sorted: &[f64], q: f64) -> f64 {
        if sorted.is_empty() {
            return f64::NAN;
        }
        sorted[((sorted.len() - 1) as f64 * q).round() as usize]
    }

    pub fn run(args: Vec<String>) -> Result<(), String> {
        let num = |i: usize, default: u64| -> Result<u64, String> {
            args.get(i).map_or(Ok(default), |s| {
                s.parse()
                    .map_err(|_| format!("argument {s:?} is not a whole number"))
            })
        };
        match args.first().map(String::as_str) {
            Some("recovery") | None => recovery(num(1, 300)? as usize, num(2, 1)?),
            Some("coverage") => coverage(num(1, 300)? as usize, num(2, 1)?),
            Some("branches") => branches(num(1, 300)? as usize, num(2, 1)?, num(3, 100)? as usize),
            Some("choose") => choose(num(1, 100)? as usize, num(2, 1)?),
            Some("write-eq8") => {
                let dir = args.get(1).ok_or("write-eq8 needs a directory")?;
                write_eq8(dir, num(2, 200)? as usize, num(3, 2)?)
            }
            Some("time-eq8") => time_eq8(args.get(1).ok_or("time-eq8 needs DIR")?),
            Some("check-eq8") => {
                let (dir, jsonl) = (
                    args.get(1).ok_or("check-eq8 needs DIR")?,
                    args.get(2).ok_or("and JSONL")?,
                );
                check_eq8(dir, jsonl)
            }
            Some(other) => Err(format!(
                "unknown mode {other:?}: recovery | coverage | branches | choose | write-eq8 | check-eq8 | time-eq8"
            )),
        }
    }

    fn recovery(trials: usize, seed: u64) -> Result<(), String> {
        let freqs = log_frequencies(1e6, 0.1, POINTS);
        println!("layout              trials  median_ms  p95_ms  recovered  failures  crb>e-fold  lower-χ²-elsewhere  rival-noted (of misses)  in-fit-or-rival (+misses in rival)");
        for layout in Layout::ALL {
            let mut rng = SplitMix64::new(seed ^ (layout as u64 + 1).wrapping_mul(0x9E37_79B9));
            let (mut times, mut recovered, mut failures, mut unidentifiable) =
                (Vec::new(), 0, 0, 0);
            let (mut lower_elsewhere, mut rival_noted, mut rival_noted_misses) = (0, 0, 0);
            let mut in_rival = 0;
            for t in 0..trials {
                let truth = draw(layout, &mut rng, false);
                let spectrum =
                    synthetic_spectrum(&truth, &freqs, NOISE, &mut rng, &format!("trial {t}"));
                let fixed = match layout {
                    Layout::IonElectron => vec![],
                    _ => vec![("r_bulk".to_string(), truth.r_bulk_ohm)],
                };
                let options = FitOptions {
                    fixed: fixed.clone(),
                    ..FitOptions::default()
                };
                let crb = cramer_rao(&truth, &freqs, NOISE, &fixed).map_err(|e| e.to_string())?;
                let crb_r_ion = crb[1].unwrap_or(f64::INFINITY);
                if !crb_r_ion.is_finite() {
                    unidentifiable += 1;
                }
                let start = Instant::now();
                let fit = fit_line(layout, InterfaceKind::Capacitor, &spectrum, &options);
                times.push(start.elapsed().as_secs_f64() * 1e3);
                let fit = match fit {
                    Ok(fit) => fit,
                    Err(e) => {
                        failures += 1;
                        if std::env::var_os("FIT_BENCH_VERBOSE").is_some() {
                            eprintln!("failure {}: truth {truth:?}: {e}", layout.name());
                        }
                        continue;
                    }
                };
                let tolerance = (0.02 * truth.r_ion_ohm).max(4.0 * crb_r_ion);
                let value = |n: &str| fit.param(n).map_or(f64::NAN, |p| p.value);
                let hit = |v: f64| (v - truth.r_ion_ohm).abs() <= tolerance;
                let ok =
                    hit(value("r_ion")) || (layout == Layout::IonElectron && hit(value("r_e")));
                let rival = fit.notes.iter().any(|n| n.contains("A second solution"));
                rival_noted += usize::from(rival);
                if ok {
                    recovered += 1;
                    continue;
                }
                // Either rail of the named rival (r_bulk, r_ion, r_e, …) within the tolerance.
                let rival_rails = fit.rival.as_ref().map_or(&[][..], |r| &r.values[1..3]);
                in_rival += usize::from(rival_rails.iter().any(|&v| hit(v)));
                // A miss: is it least squares itself (the fit's minimum has a χ² no
                // higher than the minimum Levenberg–Marquardt reaches from the truth)?
                let near = ionpath::fit::fit_model(&truth, &spectrum, &options);
                let near_chi2 = near.as_ref().map_or(f64::INFINITY, |f| f.chi2);
                if fit.chi2 <= near_chi2 * (1.0 + 1e-9) {
                    lower_elsewhere += 1;
                }
                rival_noted_misses += usize::from(rival);
                if std::env::var_os("FIT_BENCH_VERBOSE").is_some() {
                    eprintln!(
                        "miss {}: truth {:?} crb {crb_r_ion:.3e}\n  fit {:?} (determined: {}) χ² {:.6e} starts {} {}\n  LM from the truth: {:?} χ² {near_chi2:.6e}",
                        layout.name(),
                        truth,
                        fit.values(),
                        fit.determined,
                        fit.chi2,
                        fit.starts_tried,
                        fit.stop_reason,
                        near.map(|f| f.values()).ok(),
                    );
                }
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{:<18} {:>7} {:>10.3} {:>7.3} {:>9.1}% {:>9} {:>11} {:>19} {:>12} ({:>2}) {:>9.1}% (+{})",
                layout.name(),
                trials,
                percentile(&times, 0.5),
                percentile(&times, 0.95),
                100.0 * recovered as f64 / trials.max(1) as f64,
                failures,
                unidentifiable,
                lower_elsewhere,
                rival_noted,
                rival_noted_misses,
                100.0 * (recovered + in_rival) as f64 / trials.max(1) as f64,
                in_rival
            );
        }
        Ok(())
    }

    /// The fitted estimate of the truth's R_ion: `r_ion`, or in the
    /// ion–electron layout (rails interchangeable) the fitted rail in the
    /// truth's order, as a user who knows which rail is ionic would take.
    fn ionic_estimate<'a>(
        fit: &'a ionpath::fit::FitResult,
        truth: &TwoRailLine,
    ) -> Option<&'a ionpath::fit::ParamEstimate> {
        let (ion, el) = (fit.param("r_ion")?, fit.param("r_e")?);
        if truth.layout != Layout::IonElectron {
            return Some(ion);
        }
        let larger = if ion.value >= el.value { ion } else { el };
        let smaller = if ion.value >= el.value { el } else { ion };
        Some(if truth.r_ion_ohm >= truth.r_e_ohm {
            larger
        } else {
            smaller
        })
    }

    fn coverage(trials: usize, seed: u64) -> Result<(), String> {
        let freqs = log_frequencies(1e6, 0.1, POINTS);
        println!(
            "layout             r_bulk  trials  covered  jacobian  open  second  failures  hw/1.96CRB (n)  median_ms  p95_ms  no-profile_ms  evaluations (no profiles)  at-truth: flat  ≤2.71  ≤F"
        );
        let cases = [
            (Layout::IonElectron, false),
            (Layout::IonIon, true),
            (Layout::IonIon, false),
            (Layout::ElectronElectron, true),
            (Layout::ElectronElectron, false),
        ];
        for (layout, bulk_fixed) in cases {
            let mut rng = SplitMix64::new(
                seed ^ (layout as u64 + 1 + 8 * u64::from(bulk_fixed)).wrapping_mul(0x9E37_79B9),
            );
            let (mut covered, mut jacobian, mut open, mut second, mut failures) = (0, 0, 0, 0, 0);
            let (mut flat, mut within_2_71, mut within_f) = (0, 0, 0);
            let (mut times, mut plain_times, mut widths) = (Vec::new(), Vec::new(), Vec::new());
            let (mut evaluations, mut plain_evaluations) = (Vec::new(), Vec::new());
            for t in 0..trials {
                let mut truth = draw(layout, &mut rng, false);
                if !bulk_fixed && truth.r_bulk_ohm == 0.0 {
                    // An unknown R_bulk is a positive one.
                    truth.r_bulk_ohm = truth.r_ion_ohm * rng.log_uniform(0.01, 1.0);
                }
                let spectrum =
                    synthetic_spectrum(&truth, &freqs, NOISE, &mut rng, &format!("trial {t}"));
                let fixed = if bulk_fixed {
                    vec![("r_bulk".to_string(), truth.r_bulk_ohm)]
                } else {
                    vec![]
                };
                let options = FitOptions {
                    fixed: fixed.clone(),
                    ..FitOptions::default()
                };
                let crb = cramer_rao(&truth, &freqs, NOISE, &fixed).map_err(|e| e.to_string())?[1]
                    .unwrap_or(f64::INFINITY)
                    / truth.r_ion_ohm;
                let start = Instant::now();
                let fit = fit_line(layout, InterfaceKind::Capacitor, &spectrum, &options);
                times.push(start.elapsed().as_secs_f64() * 1e3);
                let plain = FitOptions {
                    profiles: false,
                    ..options.clone()
                };
                let start = Instant::now();
                let plain_fit = fit_line(layout, InterfaceKind::Capacitor, &spectrum, &plain);
                plain_times.push(start.elapsed().as_secs_f64() * 1e3);
                if let (Ok(f), Ok(p)) = (&fit, &plain_fit) {
                    evaluations.push(f.evaluations as f64);
                    plain_evaluations.push(p.evaluations as f64);
                }
                let Some(estimate) = fit.as_ref().ok().and_then(|f| ionic_estimate(f, &truth))
                else {
                    failures += 1;
                    continue;
                };
                let truth_r = truth.r_ion_ohm;
                // A fit without an interval (not profiled) holds nothing.
                let Some(ci) = estimate.ci95 else {
                    failures += 1;
                    continue;
                };
                covered += usize::from(ci.contains(truth_r));
                open += usize::from(!ci.is_closed());
                second += usize::from(estimate.second_minimum.is_some());
                if let Some(se) = estimate.stderr {
                    let half = 1.96 * se / estimate.value;
                    let (lo, hi) = (estimate.value * (-half).exp(), estimate.value * half.exp());
                    jacobian += usize::from(lo <= truth_r && truth_r <= hi);
                }
                if crb < 0.3 {
                    let half = match (ci.lo, ci.hi) {
                        (Some(lo), Some(hi)) => 0.5 * (hi / lo).ln(),
                        _ => f64::INFINITY,
                    };
                    widths.push(half / (1.96 * crb));
                }
                // The profile's statistic at the truth, independently: the
                // best fit with the estimate held at the true R_ion (started
                // from the truth and from the fit), its χ² excess over s².
                let name = estimate.name.clone();
                let fit = fit.as_ref().map_err(|e| e.to_string())?;
                let mut held = options.clone();
                held.profiles = false;
                held.fixed.push((name.clone(), truth_r));
                let mut start = truth;
                if name == "r_e" {
                    (start.r_ion_ohm, start.r_e_ohm) = (truth.r_e_ohm, truth.r_ion_ohm);
                }
                let mut from_fit = fit.values();
                if let Some(k) = fit.params.iter().position(|p| p.name == name) {
                    from_fit[k] = truth_r;
                }
                let excess = ionpath::fit::fit_from_starts(
                    &start,
                    &[start.params(), from_fit],
                    &spectrum,
                    &held,
                )
                .map_or(f64::NAN, |f| {
                    ((f.chi2 - fit.chi2) / fit.reduced_chi2).max(0.0)
                });
                let threshold = fit.profile_threshold.unwrap_or(f64::NAN);
                flat += usize::from(excess <= 0.01 * threshold);
                within_2_71 += usize::from(excess <= CHI2_1_90);
                within_f += usize::from(excess <= threshold);
                if std::env::var_os("FIT_BENCH_VERBOSE").is_some() && !ci.contains(truth_r) {
                    eprintln!(
                        "miss {} bulk_fixed {bulk_fixed}: truth {truth:?} crb {crb:.3}\n  fit {:?} ci {ci:?} excess at truth {excess:.2} s² notes {:?}",
                        layout.name(),
                        fit.values(),
                        fit.notes,
                    );
                }
            }
            times.sort_by(f64::total_cmp);
            plain_times.sort_by(f64::total_cmp);
            widths.sort_by(f64::total_cmp);
            evaluations.sort_by(f64::total_cmp);
            plain_evaluations.sort_by(f64::total_cmp);
            let share = |k: usize| 100.0 * k as f64 / trials.max(1) as f64;
            println!(
                "{:<18} {:>6} {:>7} {:>7.1}% {:>8.1}% {:>5} {:>7} {:>9} {:>10.2} ({:>3}) {:>10.3} {:>7.3} {:>14.3} {:>12} ({})  {:>6.1}% {:>5.1}% {:>5.1}%",
                layout.name(),
                if bulk_fixed { "fixed" } else { "free" },
                trials,
                share(covered),
                share(jacobian),
                open,
                second,
                failures,
                percentile(&widths, 0.5),
                widths.len(),
                percentile(&times, 0.5),
                percentile(&times, 0.95),
                percentile(&plain_times, 0.5),
                percentile(&evaluations, 0.5),
                percentile(&plain_evaluations, 0.5),
                share(flat),
                share(within_2_71),
                share(within_f),
            );
        }
        Ok(())
    }

    /// Standard normal CDF, Φ(x) = erfc(−x/√2)/2, erfc by Abramowitz & Stegun
    /// 7.1.26 (absolute error < 1.5e-7).
    fn normal_cdf(x: f64) -> f64 {
        let z = x.abs() / std::f64::consts::SQRT_2;
        let t = 1.0 / (1.0 + 0.327_591_1 * z);
        let poly = t
            * (0.254_829_592
                + t * (-0.284_496_736
                    + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
        let erfc = poly * (-z * z).exp();
        if x >= 0.0 {
            1.0 - 0.5 * erfc
        } else {
            0.5 * erfc
        }
    }

    /// Is the fit's R_ion (either rail) within max(2 %, 4 × CRB) of the truth?
    fn either_rail_hits(
        fit: &ionpath::fit::result::FitResult,
        truth: &TwoRailLine,
        crb: f64,
    ) -> bool {
        let tolerance = (0.02 * truth.r_ion_ohm).max(4.0 * crb);
        ["r_ion", "r_e"].iter().any(|n| {
            fit.param(n)
                .is_some_and(|p| (p.value - truth.r_ion_ohm).abs() <= tolerance)
        })
    }

    fn branches(trials: usize, seed: u64, draws: usize) -> Result<(), String> {
        let freqs = log_frequencies(1e6, 0.1, POINTS);
        let layout = Layout::IonElectron;
        let options = FitOptions::default();
        let mut rng = SplitMix64::new(seed ^ (layout as u64 + 1).wrapping_mul(0x9E37_79B9));
        let mut misses = Vec::new();
        for t in 0..trials {
            let truth = draw(layout, &mut rng, false);
            let spectrum =
                synthetic_spectrum(&truth, &freqs, NOISE, &mut rng, &format!("trial {t}"));
            let crb = cramer_rao(&truth, &freqs, NOISE, &[]).map_err(|e| e.to_string())?[1]
                .unwrap_or(f64::INFINITY);
            if let Ok(fit) = fit_line(layout, InterfaceKind::Capacitor, &spectrum, &options) {
                if !either_rail_hits(&fit, &truth, crb) {
                    misses.push((truth, crb, fit.values()));
                }
            }
        }
        println!("{} ion–electron misses in {trials} trials (seed {seed}); {draws} fresh draws at each truth", misses.len());
        println!("Re/Ri  Rb/Ri  f_c_Hz   CRB/Ri  alt_Ri/Ri  d_sigma  Φ(−d/2)  missed  miss_χ²≤truth-LM  hits_rms/CRB");
        let mut draw_rng = SplitMix64::new(seed.wrapping_add(0xB5AD_4ECE_DA1C_E2A9));
        for (truth, crb, alt) in &misses {
            // The best fit on the miss's branch to the truth's noise-free spectrum.
            let clean = synthetic_spectrum(truth, &freqs, 0.0, &mut draw_rng, "clean");
            let mut alt_line = *truth;
            alt_line.set_params(alt).map_err(|e| e.to_string())?;
            let alt_fit =
                ionpath::fit::fit_model(&alt_line, &clean, &options).map_err(|e| e.to_string())?;
            let alt_ri = alt_fit
                .values()
                .iter()
                .skip(1)
                .take(2)
                .copied()
                .min_by(|a, b| {
                    (a - truth.r_ion_ohm)
                        .abs()
                        .total_cmp(&(b - truth.r_ion_ohm).abs())
                })
                .unwrap_or(f64::NAN);
            let d = alt_fit.chi2.sqrt() / NOISE;
            let (mut missed, mut limit, mut hit_sq, mut hits) = (0, 0, 0.0, 0);
            for k in 0..draws {
                let noisy =
                    synthetic_spectrum(truth, &freqs, NOISE, &mut draw_rng, &format!("draw {k}"));
                let Ok(fit) = fit_line(layout, InterfaceKind::Capacitor, &noisy, &options) else {
                    missed += 1;
                    continue;
                };
                if either_rail_hits(&fit, truth, *crb) {
                    let v = ["r_ion", "r_e"]
                        .iter()
                        .filter_map(|n| fit.param(n).map(|p| p.value))
                        .min_by(|a, b| {
                            (a - truth.r_ion_ohm)
                                .abs()
                                .total_cmp(&(b - truth.r_ion_ohm).abs())
                        })
                        .unwrap_or(f64::NAN);
                    hit_sq += (v - truth.r_ion_ohm).powi(2);
                    hits += 1;
                } else {
                    missed += 1;
                    let near = ionpath::fit::fit_model(truth, &noisy, &options);
                    if near.is_ok_and(|n| fit.chi2 <= n.chi2 * (1.0 + 1e-9)) {
                        limit += 1;
                    }
                }
            }
            let c_dl = match truth.interface {
                Interface::Capacitor { c_dl_f } => c_dl_f,
                Interface::Cpe { q, .. } => q,
            };
            println!(
                "{:5.3}  {:5.3}  {:7.1}  {:6.3}  {:9.3}  {:7.2}  {:7.3}  {:6.3}  {:16}  {:12.2}",
                truth.r_e_ohm / truth.r_ion_ohm,
                truth.r_bulk_ohm / truth.r_ion_ohm,
                1.0 / (std::f64::consts::TAU * (truth.r_ion_ohm + truth.r_e_ohm) * c_dl),
                crb / truth.r_ion_ohm,
                alt_ri / truth.r_ion_ohm,
                d,
                normal_cdf(-d / 2.0),
                missed as f64 / draws.max(1) as f64,
                limit,
                (hit_sq / hits.max(1) as f64).sqrt() / crb,
            );
        }
        Ok(())
    }

    fn write_eq8(dir: &str, count: usize, seed: u64) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
        let freqs = log_frequencies(1e6, 0.1, POINTS);
        let mut rng = SplitMix64::new(seed);
        let mut truth_csv = String::from("file,r_bulk,r_ion,c_dl,crb_r_ion\n");
        for k in 0..count {
            let truth = draw(Layout::IonElectron, &mut rng, true);
            let spectrum = synthetic_spectrum(&truth, &freqs, NOISE, &mut rng, "eq8");
            let name = format!("eq8_{k:04}.csv");
            let mut text = String::from("freq_hz,z_re_ohm,z_im_ohm\n");
            for (f, z) in spectrum.freq_hz.iter().zip(&spectrum.z_ohm) {
                let _ = writeln!(text, "{f:.10e},{:.12e},{:.12e}", z.re, z.im);
            }
            std::fs::write(format!("{dir}/{name}"), text)
                .map_err(|e| format!("{dir}/{name}: {e}"))?;
            let crb = cramer_rao(&truth, &freqs, NOISE, &[("r_e".to_string(), 0.0)])
                .map_err(|e| e.to_string())?;
            let c_dl = match truth.interface {
                Interface::Capacitor { c_dl_f } => c_dl_f,
                Interface::Cpe { q, .. } => q,
            };
            let _ = writeln!(
                truth_csv,
                "{name},{:.12e},{:.12e},{c_dl:.12e},{:.6e}",
                truth.r_bulk_ohm,
                truth.r_ion_ohm,
                crb[1].unwrap_or(f64::INFINITY)
            );
        }
        std::fs::write(format!("{dir}/truth.csv"), truth_csv)
            .map_err(|e| format!("{dir}/truth.csv: {e}"))?;
        println!("wrote {count} Eq. 8 spectra to {dir}");
        Ok(())
    }

    /// An arc merging into a CPE tail, R0-p(R1,CPE1)-CPE2: R1 log-uniform
    /// in 1–10 × R0 (R0 log-uniform 1–1000 Ω), n1 in 0.55–0.75 (a flat
    /// arc), its top at 10²–10⁴ Hz, the tail's CPE (n2 in 0.7–0.9)
    /// reaching |Z| = R1 one to two decades below it.
    fn arc_and_tail(rng: &mut SplitMix64) -> Result<Circuit, String> {
        let r0 = rng.log_uniform(1.0, 1e3);
        let r1 = r0 * rng.log_uniform(1.0, 10.0);
        let n1 = 0.55 + 0.2 * rng.uniform();
        let w1 = std::f64::consts::TAU * rng.log_uniform(1e2, 1e4);
        let q1 = 1.0 / (r1 * w1.powf(n1));
        let n2 = 0.7 + 0.2 * rng.uniform();
        let w2 = w1 / rng.log_uniform(10.0, 100.0);
        let q2 = 1.0 / (r1 * w2.powf(n2));
        let mut circuit = parse_circuit("R-p(R,CPE)-CPE").map_err(|e| e.to_string())?;
        circuit
            .set_params(&[r0, r1, q1, n1, q2, n2])
            .map_err(|e| e.to_string())?;
        Ok(circuit)
    }

    /// See `choose` in the module's documentation.
    fn choose(trials: usize, seed: u64) -> Result<(), String> {
        let freqs = log_frequencies(1e6, 0.1, POINTS);
        let options = FitOptions {
            profiles: false,
            ..FitOptions::default()
        };
        println!("family              trials  shape→line  kept line  ie line  with arc  failed  median_ms  p95_ms");
        let verbose = std::env::var_os("FIT_BENCH_VERBOSE").is_some();
        for family in ["eq8", "ion-electron", "ion-ion", "arc+tail"] {
            let mut rng = SplitMix64::new(seed ^ family.len() as u64);
            let (mut shape_line, mut line, mut ie_line, mut arc, mut failed) = (0, 0, 0, 0, 0);
            let mut times = Vec::new();
            for t in 0..trials {
                let truth: Box<dyn Model> = match family {
                    "eq8" => Box::new(draw(Layout::IonElectron, &mut rng, true)),
                    "ion-electron" => Box::new(draw(Layout::IonElectron, &mut rng, false)),
                    "ion-ion" => Box::new(draw(Layout::IonIon, &mut rng, false)),
                    _ => Box::new(arc_and_tail(&mut rng)?),
                };
                let label = format!("{family} {t}");
                let spectrum = synthetic_spectrum(truth.as_ref(), &freqs, NOISE, &mut rng, &label);
                if matches!(first_model(&spectrum, None).model, FirstModel::Line { .. }) {
                    shape_line += 1;
                }
                let start = Instant::now();
                let chosen = fit_first(&spectrum, None, &options);
                times.push(start.elapsed().as_secs_f64() * 1e3);
                let lines_family = family != "arc+tail";
                match chosen.map(|c| c.choice.model) {
                    Ok(FirstModel::Line { layout, .. }) => {
                        line += 1;
                        if layout == Layout::IonElectron {
                            ie_line += 1;
                            if verbose && family == "ion-ion" {
                                eprintln!("{label}: the ion–electron line");
                            }
                        }
                    }
                    Ok(FirstModel::Circuit { notation }) => {
                        if notation.contains("p(R,CPE)") {
                            arc += 1;
                        }
                        if verbose && lines_family {
                            eprintln!("{label}: {notation}");
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        if verbose {
                            eprintln!("{e}");
                        }
                    }
                }
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{family:<18}  {trials:>6}  {shape_line:>10}  {line:>9}  {ie_line:>7}  {arc:>8}  {failed:>6}  {:>9.2}  {:>6.2}",
                percentile(&times, 0.5),
                percentile(&times, 0.95)
            );
        }
        Ok(())
    }

    /// Times `fit_line` alone on the Eq. 8 files (read beforehand).
    fn time_eq8(dir: &str) -> Result<(), String> {
        let mut spectra = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("eq8_"))
            {
                spectra.extend(ionpath::io::read_path(&path).map_err(|e| e.to_string())?);
            }
        }
        // Profiles off first, so that the line the script parses comes last.
        for profiles in [false, true] {
            let options = FitOptions {
                fixed: vec![("r_e".to_string(), 0.0)],
                profiles,
                ..FitOptions::default()
            };
            let mut times = Vec::new();
            for s in &spectra {
                let start = Instant::now();
                let _ = fit_line(Layout::IonElectron, InterfaceKind::Capacitor, s, &options);
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
            times.sort_by(f64::total_cmp);
            println!(
                "in-process Eq. 8 fits{}: {} spectra, median {:.3} ms, p95 {:.3} ms",
                if profiles { "" } else { " without profiles" },
                times.len(),
                percentile(&times, 0.5),
                percentile(&times, 0.95)
            );
        }
        Ok(())
    }

    /// Reads truth.csv and `ionpath fit` JSON lines; prints the share of
    /// files whose R_ion is within max(2 %, 4 × CRB).
    fn check_eq8(dir: &str, jsonl: &str) -> Result<(), String> {
        let truth = std::fs::read_to_string(format!("{dir}/truth.csv"))
            .map_err(|e| format!("{dir}/truth.csv: {e}"))?;
        let out = std::fs::read_to_string(jsonl).map_err(|e| format!("{jsonl}: {e}"))?;
        let mut by_file = std::collections::HashMap::new();
        for line in truth.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            if let [name, _, r_ion, _, crb] = cells.as_slice() {
                let parse = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
                by_file.insert(name.to_string(), (parse(r_ion), parse(crb)));
            }
        }
        let (mut total, mut recovered, mut failed) = (0, 0, 0);
        for line in out.lines() {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{jsonl}: {e}"))?;
            let file = v["file"].as_str().unwrap_or_default();
            let name = std::path::Path::new(file)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let Some(&(r_ion, crb)) = by_file.get(name) else {
                continue;
            };
            total += 1;
            let r_ion_fit = v["params"]
                .as_array()
                .and_then(|ps| ps.iter().find(|p| p["name"] == "r_ion"))
                .and_then(|p| p["value"].as_f64());
            match r_ion_fit {
                Some(fit) if (fit - r_ion).abs() <= (0.02 * r_ion).max(4.0 * crb) => recovered += 1,
                Some(_) => {}
                None => failed += 1,
            }
        }
        println!("ionpath eq8: {recovered}/{total} recovered R_ion within max(2%, 4×CRB), {failed} failed");
        Ok(())
    }
}
