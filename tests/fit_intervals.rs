//! Profile-likelihood intervals of impedance fits against computations
//! written here: the exact Student-t interval of a model linear in its
//! parameters, and profiles built by brute force (a dense grid of the
//! parameter, every other parameter refitted by Levenberg–Marquardt at each
//! grid value).

use ionpath::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use ionpath::fit::uncertainty::student_t95;
use ionpath::fit::{fit_line, fit_model, FitOptions, FitResult, InterfaceKind, Weighting};
use ionpath::impedance::notation::parse_circuit;
use ionpath::impedance::{Interface, Layout, Model, TwoRailLine};
use ionpath::Spectrum;
use num_complex::Complex64;

#[test]
fn a_model_linear_in_its_parameters_gets_the_exact_student_interval() {
    // Z = R + i(ω·L − D/ω) with D = 1/C is linear in (R, L, D); with unit
    // weights least squares is ordinary regression: R̂ is the mean of Re Z,
    // (L̂, D̂) the regression of Im Z on (ω, −1/ω).
    let (r, l, c) = (20.0, 1e-4, 1e-5);
    let freqs = log_frequencies(1e5, 10.0, 30);
    let omega: Vec<f64> = freqs.iter().map(|f| std::f64::consts::TAU * f).collect();
    let mut rng = SplitMix64::new(7);
    let z: Vec<Complex64> = omega
        .iter()
        .map(|w| {
            Complex64::new(
                r + 0.2 * rng.normal(),
                w * l - 1.0 / (w * c) + 0.2 * rng.normal(),
            )
        })
        .collect();
    let m = z.len() as f64;
    let r_hat = z.iter().map(|z| z.re).sum::<f64>() / m;
    // Normal equations of Im Z ≈ L·ω + D·(−1/ω).
    let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (w, z) in omega.iter().zip(&z) {
        let (x1, x2) = (*w, -1.0 / w);
        a11 += x1 * x1;
        a12 += x1 * x2;
        a22 += x2 * x2;
        b1 += x1 * z.im;
        b2 += x2 * z.im;
    }
    let det = a11 * a22 - a12 * a12;
    let (l_hat, d_hat) = ((a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det);
    let rss: f64 = omega
        .iter()
        .zip(&z)
        .map(|(w, z)| (z.re - r_hat).powi(2) + (z.im - l_hat * w + d_hat / w).powi(2))
        .sum();
    let dof = 2 * z.len() - 3;
    let s2 = rss / dof as f64;
    let (se_r, se_l, se_d) = (
        (s2 / m).sqrt(),
        (s2 * a22 / det).sqrt(),
        (s2 * a11 / det).sqrt(),
    );
    // t₀.₉₇₅(57) = 2.0025 (statistics tables).
    let t = 2.002_465;
    assert!((student_t95(dof).unwrap() - t).abs() < 1e-4);

    let mut start = parse_circuit("R-L-C").unwrap();
    start.set_params(&[15.0, 2e-4, 2e-5]).unwrap();
    let spectrum = Spectrum {
        label: "linear".into(),
        freq_hz: freqs,
        z_ohm: z,
    };
    let options = FitOptions {
        weighting: Weighting::Unit,
        ..FitOptions::default()
    };
    let fit = fit_model(&start, &spectrum, &options).unwrap();
    let exact = [
        (r_hat - t * se_r, r_hat + t * se_r, t * se_r),
        (l_hat - t * se_l, l_hat + t * se_l, t * se_l),
        // C = 1/D falls with D: the ends swap.
        (1.0 / (d_hat + t * se_d), 1.0 / (d_hat - t * se_d), 0.0),
    ];
    for (p, (lo, hi, half)) in fit.params.iter().zip(exact) {
        let ci = p.ci95.unwrap();
        let (got_lo, got_hi) = (ci.lo.unwrap(), ci.hi.unwrap());
        // The crossing is found to 2 % of the threshold: ~1 % of the half-width.
        let half = if half > 0.0 { half } else { 0.5 * (hi - lo) };
        assert!(
            (got_lo - lo).abs() < 0.015 * half,
            "{}: {got_lo} vs {lo}",
            p.name
        );
        assert!(
            (got_hi - hi).abs() < 0.015 * half,
            "{}: {got_hi} vs {hi}",
            p.name
        );
    }
}

/// The brute-force profile of `name` over `grid`: at each value, the other
/// free parameters refitted by Levenberg–Marquardt from each of `starts`,
/// the lowest χ² kept (`keep` may refuse a solution).
fn brute_profile(
    model: &TwoRailLine,
    spectrum: &Spectrum,
    options: &FitOptions,
    name: &str,
    grid: &[f64],
    starts: &[Vec<f64>],
    keep: impl Fn(&FitResult) -> bool,
) -> Vec<f64> {
    grid.iter()
        .map(|&t| {
            let mut held = options.clone();
            held.profiles = false;
            held.fixed.push((name.to_string(), t));
            starts
                .iter()
                .filter_map(|s| {
                    let mut start = *model;
                    start.set_params(s).ok()?;
                    fit_model(&start, spectrum, &held).ok()
                })
                .filter(|f| keep(f))
                .map(|f| f.chi2)
                .fold(f64::INFINITY, f64::min)
        })
        .collect()
}

/// Where χ² − χ²_min crosses `threshold` on the grid, outermost on each
/// side, by linear interpolation between neighbours.
fn crossings(grid: &[f64], chi2: &[f64], chi2_min: f64, threshold: f64) -> (f64, f64) {
    let inside: Vec<usize> = (0..grid.len())
        .filter(|&k| chi2[k] - chi2_min <= threshold)
        .collect();
    let (first, last) = (inside[0], *inside.last().unwrap());
    assert!(
        first > 0 && last + 1 < grid.len(),
        "the grid does not reach the crossings"
    );
    let cross = |a: usize, b: usize| {
        let (ga, gb) = (
            chi2[a] - chi2_min - threshold,
            chi2[b] - chi2_min - threshold,
        );
        grid[a] + (grid[b] - grid[a]) * ga / (ga - gb)
    };
    (cross(first - 1, first), cross(last, last + 1))
}

/// A log-spaced grid of `n` values from `lo` to `hi`.
fn grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|k| lo * (hi / lo).powf(k as f64 / (n - 1) as f64))
        .collect()
}

/// An ion–electron line (R_ion, R_e, C_dl, R_bulk) and its spectrum: 71
/// points from 1 MHz to 0.1 Hz, 1 % noise of draw `seed`.
fn noisy_line(
    r_ion: f64,
    r_e: f64,
    c_dl_f: f64,
    r_bulk: f64,
    seed: u64,
) -> (TwoRailLine, Spectrum) {
    let line = TwoRailLine::new(
        Layout::IonElectron,
        r_ion,
        r_e,
        Interface::Capacitor { c_dl_f },
        r_bulk,
    )
    .unwrap();
    let freqs = log_frequencies(1e6, 0.1, 71);
    let spectrum = synthetic_spectrum(&line, &freqs, 0.01, &mut SplitMix64::new(seed), "noisy");
    (line, spectrum)
}

/// The ion–electron fit of `spectrum` and its profile threshold
/// s²·t²₀.₉₇₅(ν), ν = 2·points − `free`.
fn fit_with_threshold(spectrum: &Spectrum, options: &FitOptions, free: usize) -> (FitResult, f64) {
    let fit = fit_line(
        Layout::IonElectron,
        InterfaceKind::Capacitor,
        spectrum,
        options,
    )
    .unwrap();
    let dof = 2 * spectrum.len() - free;
    let threshold = fit.chi2 / dof as f64 * student_t95(dof).unwrap().powi(2);
    (fit, threshold)
}

#[test]
fn eq8_profiles_match_a_brute_force_profile() {
    // Eq. 8 (R_e = 0): R_bulk, R_ion and C_dl free, 1 % noise.
    let (truth, spectrum) = noisy_line(150.0, 0.0, 1e-5, 12.0, 3);
    let options = FitOptions {
        fixed: vec![("r_e".into(), 0.0)],
        ..FitOptions::default()
    };
    let (fit, threshold) = fit_with_threshold(&spectrum, &options, 3);
    for name in ["r_bulk", "r_ion", "c_dl"] {
        let p = fit.param(name).unwrap();
        let g = grid(0.9 * p.value, 1.1 * p.value, 801);
        let chi2 = brute_profile(
            &truth,
            &spectrum,
            &options,
            name,
            &g,
            &[fit.values()],
            |_| true,
        );
        let (lo, hi) = crossings(&g, &chi2, fit.chi2, threshold);
        let ci = p.ci95.unwrap();
        let half = 0.5 * (hi - lo);
        for (got, want) in [(ci.lo.unwrap(), lo), (ci.hi.unwrap(), hi)] {
            assert!(
                (got - want).abs() < 0.015 * half,
                "{name}: {got} vs brute force {want} (half-width {half})"
            );
        }
    }
}

#[test]
fn a_curved_valley_profile_matches_a_brute_force_profile() {
    // Rails of similar size with R_bulk free (the README's valley of equal
    // intercepts): the larger rail's profile, the smaller kept below it.
    let (truth, spectrum) = noisy_line(48.75, 39.49, 8.0e-7, 28.19, 1);
    let options = FitOptions::default();
    let (fit, threshold) = fit_with_threshold(&spectrum, &options, 4);
    let (ion, el) = (fit.param("r_ion").unwrap(), fit.param("r_e").unwrap());
    let (larger, smaller) = if ion.value >= el.value {
        (ion, el)
    } else {
        (el, ion)
    };
    let ci = larger.ci95.unwrap();
    let (lo, hi) = (ci.lo.unwrap(), ci.hi.unwrap());
    // Starts for every grid value: the fit, and the valley's far branch
    // (R_ion about half, R_bulk larger, a small second rail).
    let v = fit.values();
    let name = larger.name.clone();
    let other = if name == "r_ion" { 2 } else { 1 };
    let at = |r_bulk: f64, rail: f64, second: f64| {
        let mut s = v.clone();
        s[0] = r_bulk;
        s[3 - other] = rail;
        s[other] = second;
        s
    };
    let starts = [
        v.clone(),
        at(
            v[0] + 0.4 * larger.value,
            0.5 * larger.value,
            0.05 * larger.value,
        ),
        at(0.5 * v[0], larger.value, larger.value),
    ];
    let g = grid(0.5 * lo, 1.5 * hi, 601);
    // The larger rail stays the larger: solutions with the other rail above
    // it are the mirror image, refused; so is nothing else.
    let mut chi2 = brute_profile(&truth, &spectrum, &options, &name, &g, &starts, |f| {
        f.params[other].value <= f.params[3 - other].value * (1.0 + 1e-9)
    });
    // Both rails at the grid value (the order's edge), as the profile allows.
    for (k, &t) in g.iter().enumerate() {
        let mut held = options.clone();
        held.profiles = false;
        held.fixed
            .extend([("r_ion".to_string(), t), ("r_e".to_string(), t)]);
        let mut start = truth;
        start.set_params(&v).unwrap();
        if let Ok(f) = fit_model(&start, &spectrum, &held) {
            chi2[k] = chi2[k].min(f.chi2);
        }
    }
    let (want_lo, want_hi) = crossings(&g, &chi2, fit.chi2, threshold);
    let half = 0.5 * (want_hi - want_lo);
    assert!(
        (lo - want_lo).abs() < 0.02 * half && (hi - want_hi).abs() < 0.02 * half,
        "{name}: [{lo}, {hi}] vs brute force [{want_lo}, {want_hi}]; smaller rail {}",
        smaller.value
    );
}
