use super::*;
use crate::fit::synth::{log_frequencies, SplitMix64};

/// Simpson's rule on a fine grid over a wide range: an independent check of
/// the trapezoidal nodes.
fn simpson(f: impl Fn(f64) -> f64, lo: f64, hi: f64, intervals: usize) -> f64 {
    let h = (hi - lo) / intervals as f64;
    let mut sum = f(lo) + f(hi);
    for k in 1..intervals {
        sum += f(lo + k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 };
    }
    sum * h / 3.0
}

fn spectrum_of(z: impl Fn(f64) -> Complex64, noise: f64, seed: u64) -> Spectrum {
    let freq_hz = log_frequencies(1e5, 1e-2, 71);
    let mut rng = SplitMix64::new(seed);
    let z_ohm = freq_hz
        .iter()
        .map(|&f| {
            let z = z(std::f64::consts::TAU * f);
            z + noise * z.norm() * Complex64::new(rng.normal(), rng.normal())
        })
        .collect();
    Spectrum {
        label: "synthetic".into(),
        freq_hz,
        z_ohm,
    }
}

fn decades(a: f64, b: f64) -> f64 {
    (a / b).log10().abs()
}

#[test]
fn basis_integrals_match_simpson() {
    for epsilon in [0.7, 3.6, 12.0] {
        let quad = Quadrature::new(epsilon);
        for alpha in [1e-4, 0.03, 1.0, 7.0, 1e5] {
            let (re, im) = quad.kernel(alpha);
            let g = |x: f64| (-(epsilon * x).powi(2)).exp();
            let want_re = simpson(
                |x| g(x) / (1.0 + (alpha * x.exp()).powi(2)),
                -40.0,
                40.0,
                40_000,
            );
            let want_im = simpson(
                |x| -g(x) * alpha * x.exp() / (1.0 + (alpha * x.exp()).powi(2)),
                -40.0,
                40.0,
                40_000,
            );
            let scale = std::f64::consts::PI.sqrt() / epsilon;
            assert!(
                (re - want_re).abs() < 1e-12 * scale,
                "ε {epsilon} α {alpha}: {re} vs {want_re}"
            );
            assert!(
                (im - want_im).abs() < 1e-12 * scale,
                "ε {epsilon} α {alpha}: {im} vs {want_im}"
            );
        }
    }
}

#[test]
fn penalty_matches_integrated_derivatives() {
    let epsilon = 2.5;
    let phi1 =
        |y: f64, c: f64| -2.0 * epsilon * epsilon * (y - c) * (-(epsilon * (y - c)).powi(2)).exp();
    let phi2 = |y: f64, c: f64| {
        let u = epsilon * (y - c);
        2.0 * epsilon * epsilon * (2.0 * u * u - 1.0) * (-u * u).exp()
    };
    for gap in [0.0, 0.3, 0.9, 2.0] {
        let d = epsilon * gap;
        let first = simpson(|y| phi1(y, 0.0) * phi1(y, gap), -20.0, 20.0, 100_000);
        let second = simpson(|y| phi2(y, 0.0) * phi2(y, gap), -20.0, 20.0, 100_000);
        let got1 = penalty_gram(Penalty::FirstDerivative, epsilon, d);
        let got2 = penalty_gram(Penalty::SecondDerivative, epsilon, d);
        assert!(
            (got1 - first).abs() < 1e-9 * epsilon,
            "{gap}: {got1} vs {first}"
        );
        assert!(
            (got2 - second).abs() < 1e-9 * epsilon.powi(3),
            "{gap}: {got2} vs {second}"
        );
    }
}

#[test]
fn one_rc_element_gives_one_peak_at_rc() {
    // R0 + R/(1 + iωRC): a single relaxation at τ = RC = 1e-3 s of 100 Ω.
    let (r0, r, c) = (10.0, 100.0, 1e-5);
    let s = spectrum_of(|w| r0 + r / Complex64::new(1.0, w * r * c), 0.002, 1);
    let d = drt(&s, &DrtOptions::default()).unwrap();
    assert_eq!(d.peaks.len(), 1, "{:?}", d.peaks);
    let p = d.peaks[0];
    assert!(decades(p.tau_s, r * c) < 0.05, "τ {}", p.tau_s);
    assert!(
        (p.resistance_ohm - r).abs() < 0.05 * r,
        "R {}",
        p.resistance_ohm
    );
    assert!((d.r_inf_ohm - r0).abs() < 0.05 * r0, "R∞ {}", d.r_inf_ohm);
    assert!(d.rms_residual < 0.01, "{}", d.rms_residual);
    assert!(d.series_capacitance_f.is_none());
}

#[test]
fn zarc_peak_sits_at_its_characteristic_time() {
    // R‖CPE: τ0 = (R·Q)^(1/n); its DRT is symmetric about ln τ0 with area R.
    let (r, q, n): (f64, f64, f64) = (50.0, 2e-4, 0.8);
    let tau0 = (r * q).powf(1.0 / n);
    let zarc = |w: f64| {
        let y = Complex64::from_polar(q * w.powf(n), n * std::f64::consts::FRAC_PI_2);
        r / (1.0 + r * y)
    };
    let s = spectrum_of(|w| 5.0 + zarc(w), 0.001, 2);
    let d = drt(&s, &DrtOptions::default()).unwrap();
    assert_eq!(d.peaks.len(), 1, "{:?}", d.peaks);
    assert!(
        decades(d.peaks[0].tau_s, tau0) < 0.05,
        "{} vs {tau0}",
        d.peaks[0].tau_s
    );
    assert!((d.peaks[0].resistance_ohm - r).abs() < 0.05 * r);
}

#[test]
fn two_separated_arcs_give_two_peaks_and_the_lead_inductance() {
    // τ = 1e-4 s (40 Ω) and 0.1 s (80 Ω), with 2 µH of leads.
    let l = 2e-6;
    let rc = |w: f64, r: f64, tau: f64| r / Complex64::new(1.0, w * tau);
    let s = spectrum_of(
        |w| 3.0 + Complex64::new(0.0, w * l) + rc(w, 40.0, 1e-4) + rc(w, 80.0, 0.1),
        0.002,
        3,
    );
    let d = drt(&s, &DrtOptions::default()).unwrap();
    assert_eq!(d.peaks.len(), 2, "{:?}", d.peaks);
    assert!(decades(d.peaks[0].tau_s, 1e-4) < 0.05, "{:?}", d.peaks);
    assert!(decades(d.peaks[1].tau_s, 0.1) < 0.05, "{:?}", d.peaks);
    assert!((d.peaks[0].resistance_ohm - 40.0).abs() < 3.0);
    assert!((d.peaks[1].resistance_ohm - 80.0).abs() < 5.0);
    let got = d.inductance_h.unwrap();
    assert!((got - l).abs() < 0.1 * l, "L {got}");
}

#[test]
fn blocking_tail_gets_a_series_capacitance() {
    // R0 + R‖C + series C of 1 mF: −Im Z rises at low frequency.
    let c_series = 1e-3;
    let s = spectrum_of(
        |w| {
            5.0 + 50.0 / Complex64::new(1.0, w * 50.0 * 1e-6)
                + Complex64::new(0.0, -1.0 / (w * c_series))
        },
        0.002,
        4,
    );
    let d = drt(&s, &DrtOptions::default()).unwrap();
    let got = d.series_capacitance_f.unwrap();
    assert!((got - c_series).abs() < 0.05 * c_series, "C {got}");
    assert!(decades(d.peaks[0].tau_s, 50e-6) < 0.05, "{:?}", d.peaks);
}

#[test]
fn lambda_choices_stay_in_range_and_fixed_is_used() {
    let s = spectrum_of(|w| 10.0 + 100.0 / Complex64::new(1.0, w * 1e-3), 0.005, 5);
    let options = DrtOptions::default();
    let d = drt(&s, &options).unwrap();
    for l in [d.lambda_gcv, d.lambda_lcurve] {
        assert!(
            l >= options.lambda_min * 0.999 && l <= options.lambda_max * 1.001,
            "{l}"
        );
    }
    assert_eq!(d.lambda, d.lambda_lcurve);
    let gcv = drt(
        &s,
        &DrtOptions {
            lambda: LambdaChoice::Gcv,
            ..options
        },
    )
    .unwrap();
    assert_eq!(gcv.lambda, gcv.lambda_gcv);
    let fixed = drt(
        &s,
        &DrtOptions {
            lambda: LambdaChoice::Fixed(0.3),
            ..options
        },
    )
    .unwrap();
    assert_eq!(fixed.lambda, 0.3);
    // More smoothing spreads the peak: its height drops.
    let less = drt(
        &s,
        &DrtOptions {
            lambda: LambdaChoice::Fixed(1e-4),
            ..options
        },
    )
    .unwrap();
    assert!(fixed.peaks[0].gamma_ohm < less.peaks[0].gamma_ohm);
}

#[test]
fn areas_add_up_to_the_polarisation() {
    let s = spectrum_of(
        |w| 2.0 + 30.0 / Complex64::new(1.0, w * 1e-3) + 60.0 / Complex64::new(1.0, w * 1.0),
        0.002,
        6,
    );
    let d = drt(&s, &DrtOptions::default()).unwrap();
    let sum: f64 = d.peaks.iter().map(|p| p.resistance_ohm).sum();
    assert!((sum - d.polarisation_ohm).abs() < 1e-9 * d.polarisation_ohm);
    // R∞ + ∫γ is the low-frequency intercept, 92 Ω.
    assert!((d.r_inf_ohm + d.polarisation_ohm - 92.0).abs() < 2.0);
}

#[test]
fn bad_options_and_data_are_named() {
    let s = spectrum_of(|w| 10.0 + 100.0 / Complex64::new(1.0, w * 1e-3), 0.0, 7);
    let bad = |o: DrtOptions| drt(&s, &o).unwrap_err().to_string();
    assert!(bad(DrtOptions {
        fwhm_coefficient: 0.0,
        ..DrtOptions::default()
    })
    .contains("fwhm_coefficient"));
    assert!(bad(DrtOptions {
        lambda: LambdaChoice::Fixed(-1.0),
        ..DrtOptions::default()
    })
    .contains("lambda"));
    assert!(bad(DrtOptions {
        lambda_max: 1e-9,
        ..DrtOptions::default()
    })
    .contains("lambda_max"));
    let short = Spectrum {
        label: "short".into(),
        freq_hz: s.freq_hz[..4].to_vec(),
        z_ohm: s.z_ohm[..4].to_vec(),
    };
    assert!(drt(&short, &DrtOptions::default())
        .unwrap_err()
        .to_string()
        .contains("5 points"));
}

/// R‖CPE with τ0 = `tau0_s` and resistance `r_ohm`, CPE exponent `n`:
/// R/(1 + (iωτ0)ⁿ); its DRT is symmetric about ln τ0 with area R.
fn zarc(w: f64, r_ohm: f64, tau0_s: f64, n: f64) -> Complex64 {
    r_ohm / (1.0 + Complex64::new(0.0, w * tau0_s).powf(n))
}

/// The default λ on ZARCs of known τ0 with 0.2 % noise (six noise draws
/// each): every process found within 0.1 decade of its τ0, no peak elsewhere.
#[test]
fn default_lambda_resolves_known_zarcs_without_extra_peaks() {
    let cases: [&[(f64, f64, f64)]; 2] = [
        // (R Ω, τ0 s, n): three processes 1.5 decades apart …
        &[(20.0, 1e-3, 0.9), (50.0, 3e-2, 0.85), (30.0, 1.0, 0.9)],
        // … and two a decade apart.
        &[(40.0, 1e-3, 0.95), (60.0, 1e-2, 0.95)],
    ];
    for elements in cases {
        for seed in 1..=6 {
            let s = spectrum_of(
                |w| {
                    5.0 + elements
                        .iter()
                        .map(|&(r, tau0, n)| zarc(w, r, tau0, n))
                        .sum::<Complex64>()
                },
                0.002,
                seed,
            );
            let d = drt(&s, &DrtOptions::default()).unwrap();
            let taus: Vec<f64> = d.peaks.iter().map(|p| p.tau_s).collect();
            assert_eq!(taus.len(), elements.len(), "seed {seed}: {taus:?}");
            for (&tau, &(_, tau0, _)) in taus.iter().zip(elements) {
                assert!(decades(tau, tau0) < 0.1, "seed {seed}: {taus:?}");
            }
        }
    }
}
