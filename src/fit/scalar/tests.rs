use super::*;

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn arrhenius_both_forms_recover_exact_data() {
    // σ(T) = (σ0/T)·exp(−Ea/(kT)), Ea = 0.25 eV, σ0 = 1e3 S·K/cm.
    let t: Vec<f64> = (0..6).map(|k| 250.0 + 20.0 * k as f64).collect();
    let over_t: Vec<f64> = t
        .iter()
        .map(|t| 1e3 / t * (-0.25 / (8.617_333_262e-5 * t)).exp())
        .collect();
    let fit = fit_arrhenius(&t, &over_t, ArrheniusForm::InverseT).unwrap();
    assert!(rel(fit.activation_energy_ev.value, 0.25) < 1e-9);
    assert!(rel(fit.sigma_0.value, 1e3) < 1e-8);
    assert!(fit.rms_log_residual < 1e-10);
    // The same data read with the plain form give a different (smaller) E_A:
    // ln σ = ln σ0 − ln T − Ea/kT, and −ln T adds about +kT̄ to the slope term.
    let plain = fit_arrhenius(&t, &over_t, ArrheniusForm::Plain).unwrap();
    assert!(plain.activation_energy_ev.value < 0.25 && plain.activation_energy_ev.value > 0.2);
}

#[test]
fn arrhenius_error_shrinks_with_less_noise() {
    let t: Vec<f64> = (0..8).map(|k| 260.0 + 15.0 * k as f64).collect();
    let wobble = [1.0, -1.0, 0.5, -0.5, 1.0, -1.0, 0.5, -0.5];
    let data = |amp: f64| -> Vec<f64> {
        t.iter()
            .zip(wobble)
            .map(|(t, w)| 2.0 * (-0.3 / (8.617_333_262e-5 * t)).exp() * (1.0 + amp * w))
            .collect()
    };
    let a = fit_arrhenius(&t, &data(0.02), ArrheniusForm::Plain).unwrap();
    let b = fit_arrhenius(&t, &data(0.002), ArrheniusForm::Plain).unwrap();
    assert!(a.activation_energy_ev.stderr.unwrap() > 5.0 * b.activation_energy_ev.stderr.unwrap());
    assert!((b.activation_energy_ev.value - 0.3).abs() < 0.01);
}

#[test]
fn vtf_recovers_exact_data() {
    // σ = A·T^(−1/2)·exp(−B/(T − T0)), A = 2 S·K^½/cm, B = 1200 K, T0 = 190 K.
    let t: Vec<f64> = (0..9).map(|k| 280.0 + 12.5 * k as f64).collect();
    let fit = fit_vtf(&t, &vtf_data(&t, 2.0, 1200.0, 190.0, &[0.0; 9])).unwrap();
    assert_eq!(fit.t0_k.at_bound, None, "{:?}", fit.t0_k);
    assert!(rel(fit.t0_k.value, 190.0) < 1e-4, "{:?}", fit.t0_k);
    assert!(rel(fit.b_k.value, 1200.0) < 1e-3, "{:?}", fit.b_k);
    assert!(rel(fit.a.value, 2.0) < 1e-3, "{:?}", fit.a);
}

#[test]
fn bruggeman_with_and_without_prefactor() {
    // τ = 1.4·ε^(−0.9) on ε = 0.3 … 0.7.
    let eps = [0.3, 0.4, 0.5, 0.6, 0.7];
    let tau: Vec<f64> = eps
        .iter()
        .map(|&e| crate::physics::tortuosity::bruggeman_tortuosity(e, 0.9, 1.4).unwrap())
        .collect();
    let fit = fit_bruggeman(&eps, &tau, None).unwrap();
    assert!(rel(fit.alpha.value, 0.9) < 1e-10 && rel(fit.k.value, 1.4) < 1e-10);
    // Pure power law on τ = ε^(−0.5) (spheres).
    let tau: Vec<f64> = eps.iter().map(|e: &f64| e.powf(-0.5)).collect();
    let fit = fit_bruggeman(&eps, &tau, Some(1.0)).unwrap();
    assert!(rel(fit.alpha.value, 0.5) < 1e-12 && fit.k.value == 1.0);
    assert!(fit_bruggeman(&[0.5, 1.0, 0.4], &[2.0, 1.0, 3.0], None).is_err());
}

/// The residual sum of ln(σ·√T) at a given T0: (ln A, B) by the normal
/// equations of a straight line in x = −1/(T − T0), written out here.
fn vtf_rss<'a>(t: &'a [f64], s: &[f64]) -> impl Fn(f64) -> f64 + 'a {
    let y: Vec<f64> = t.iter().zip(s).map(|(t, s)| (s * t.sqrt()).ln()).collect();
    move |t0: f64| {
        let x: Vec<f64> = t.iter().map(|t| -1.0 / (t - t0)).collect();
        let n = x.len() as f64;
        let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
        let sxy: f64 = x.iter().zip(&y).map(|(x, y)| (x - mx) * (y - my)).sum();
        let sxx: f64 = x.iter().map(|x| (x - mx) * (x - mx)).sum();
        let b = sxy / sxx;
        x.iter()
            .zip(&y)
            .map(|(x, y)| (y - my - b * (x - mx)).powi(2))
            .sum::<f64>()
    }
}

#[test]
fn vtf_t0_interval_matches_a_brute_force_profile() {
    // σ = A·T^(−½)·exp(−B/(T − T0)) with 2 % scatter: at each T0 of a
    // dense grid, (ln A, B) by the normal equations of a straight line in
    // x = −1/(T − T0); the crossings of rss(T0) − rss_min = s²·t²(ν).
    let t: Vec<f64> = (0..10).map(|k| 270.0 + 15.0 * k as f64).collect();
    let wobble = [1.0, -0.6, 0.2, 0.9, -1.0, 0.4, -0.3, 0.8, -0.7, 0.1];
    let s: Vec<f64> = t
        .iter()
        .zip(wobble)
        .map(|(t, w)| 2.0 / t.sqrt() * (-900.0 / (t - 160.0)).exp() * (1.0 + 0.02 * w))
        .collect();
    let fit = fit_vtf(&t, &s).unwrap();
    assert_eq!(fit.t0_k.at_bound, None, "{:?}", fit.t0_k);
    let rss = vtf_rss(&t, &s);
    let grid: Vec<f64> = (0..20001).map(|k| 0.0 + k as f64 * 0.0125).collect();
    let profile: Vec<f64> = grid.iter().map(|&t0| rss(t0)).collect();
    // t₀.₉₇₅(7) = 2.3646 (statistics tables).
    let (lo, hi) = crate::fit::profile::tests::grid_interval(&grid, &profile, 7, 2.3646);
    assert!(hi - lo > 2.0, "{lo} … {hi}");
    crate::fit::profile::tests::assert_ends_match(fit.t0_k.ci95.unwrap(), lo, hi);
    // Not the symmetric Jacobian interval: T0's profile is lopsided.
    let se = fit.t0_k.stderr.unwrap();
    let asymmetry = (hi - fit.t0_k.value) / (fit.t0_k.value - lo);
    assert!((asymmetry - 1.0).abs() > 0.05 && se > 0.0, "{asymmetry}");
}

/// σ = A·T^(−½)·exp(−B/(T − T0)) (A in S·K^½/cm, B and T0 in K) on `t`,
/// each point times (1 + `scatter`).
fn vtf_data(t: &[f64], a: f64, b_k: f64, t0_k: f64, scatter: &[f64]) -> Vec<f64> {
    t.iter()
        .zip(scatter)
        .map(|(t, w)| a / t.sqrt() * (-b_k / (t - t0_k)).exp() * (1.0 + w))
        .collect()
}

/// Checks T0 fitted on `bound` of [0, `t0_max_k`] against the brute-force
/// profile of ten points (ν = 7, t₀.₉₇₅(7) = 2.3646, statistics tables):
/// the profile's minimum on the bound (over a 0.01 K grid of the range),
/// no standard error, and the interval one-sided, from the bound to the
/// crossing on `fine`, a grid near the bound.
fn assert_t0_at_bound(
    fit: &VtfFit,
    t: &[f64],
    s: &[f64],
    bound: AtBound,
    t0_max_k: f64,
    fine: &[f64],
) {
    let t0 = fit.t0_k;
    assert_eq!(t0.at_bound, Some(bound), "{t0:?}");
    assert!(
        (t0.value - bound.value).abs() < 1e-6 && t0.stderr.is_none(),
        "{t0:?}"
    );
    let rss = vtf_rss(t, s);
    let steps = (t0_max_k / 0.01).round() as usize;
    let coarse: Vec<f64> = (0..=steps).map(|k| rss(k as f64 * 0.01)).collect();
    let best = (0..=steps).min_by(|&a, &b| coarse[a].total_cmp(&coarse[b]));
    let on_bound = match bound.side {
        crate::fit::BoundSide::Lower => 0,
        crate::fit::BoundSide::Upper => steps,
    };
    assert_eq!(
        best,
        Some(on_bound),
        "the data's best T0 is not {}",
        bound.value
    );
    let profile: Vec<f64> = fine.iter().map(|&t0| rss(t0)).collect();
    let (lo, hi) = crate::fit::profile::tests::grid_interval(fine, &profile, 7, 2.3646);
    let ci = t0.ci95.unwrap();
    assert_eq!(bound.closing(ci), ci, "{ci:?}");
    crate::fit::profile::tests::assert_ends_match(ci, lo, hi);
}

#[test]
fn vtf_t0_of_arrhenius_like_data_sits_at_zero() {
    // σ = A·T^(−½)·exp(−B/T): the VTF law with T0 = 0, A = 5 S·K^½/cm,
    // B = 2000 K, exact and with a scatter that bends ln(σ·√T) against 1/T
    // the other way from any T0 > 0 (ends up, middle down).
    let t: Vec<f64> = (0..10).map(|k| 260.0 + 15.0 * k as f64).collect();
    let wobble = [0.9, 0.2, -0.3, -0.8, -1.0, -0.6, -0.9, -0.2, 0.4, 1.0];
    let zero = AtBound {
        side: crate::fit::BoundSide::Lower,
        value: 0.0,
    };
    let exact = fit_vtf(&t, &vtf_data(&t, 5.0, 2000.0, 0.0, &[0.0; 10])).unwrap();
    assert_eq!(exact.t0_k.at_bound, Some(zero), "{:?}", exact.t0_k);
    assert!(rel(exact.b_k.value, 2000.0) < 1e-9, "{:?}", exact.b_k);
    let s = vtf_data(&t, 5.0, 2000.0, 0.0, &wobble.map(|w| 0.01 * w));
    let fit = fit_vtf(&t, &s).unwrap();
    let grid: Vec<f64> = (0..=20000).map(|k| k as f64 * 0.01).collect();
    assert_t0_at_bound(&fit, &t, &s, zero, 259.0, &grid);
    // A and B are those of the straight line y = ln A + B·x at T0 = 0,
    // x = −1/T, y = ln(σ·√T), with its standard errors (normal equations).
    let x: Vec<f64> = t.iter().map(|t| -1.0 / t).collect();
    let y: Vec<f64> = t.iter().zip(&s).map(|(t, s)| (s * t.sqrt()).ln()).collect();
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxx: f64 = x.iter().map(|x| (x - mx) * (x - mx)).sum();
    let slope = x
        .iter()
        .zip(&y)
        .map(|(x, y)| (x - mx) * (y - my))
        .sum::<f64>()
        / sxx;
    let s2 = vtf_rss(&t, &s)(0.0) / (n - 2.0);
    assert!(rel(fit.b_k.value, slope) < 1e-6, "{:?} vs {slope}", fit.b_k);
    let se_slope = (s2 / sxx).sqrt();
    assert!(
        rel(fit.b_k.stderr.unwrap(), se_slope) < 1e-6,
        "{:?} vs {se_slope}",
        fit.b_k
    );
    assert!(fit.a.stderr.is_some());
}

#[test]
fn vtf_t0_that_would_pass_t_min_minus_1_k_sits_at_that_bound() {
    // The VTF law with T0 = 249.6 K, 0.4 K below the coldest point (250 K):
    // past the fit's range [0, T_min − 1 K] = [0, 249] K.
    let t: Vec<f64> = (0..10).map(|k| 250.0 + 15.0 * k as f64).collect();
    let s = vtf_data(&t, 1.0, 30.0, 249.6, &[0.0; 10]);
    let fit = fit_vtf(&t, &s).unwrap();
    let top = AtBound {
        side: crate::fit::BoundSide::Upper,
        value: 249.0,
    };
    // The interval is a fraction of a kelvin wide: a fine grid near the bound.
    let grid: Vec<f64> = (0..=20000).map(|k| 245.0 + k as f64 * 0.0002).collect();
    assert_t0_at_bound(&fit, &t, &s, top, 249.0, &grid);
}

#[test]
fn arrhenius_and_bruggeman_have_no_bound() {
    // Their parameters are unbounded (E_A, α) or fitted as logarithms
    // (σ_0, k): nothing to sit on, even for data far from the law.
    let t = [250.0, 300.0, 350.0, 400.0];
    let s = [1e-3, 1e-6, 1e-2, 1e-9];
    let fit = fit_arrhenius(&t, &s, ArrheniusForm::InverseT).unwrap();
    assert!(fit.activation_energy_ev.at_bound.is_none() && fit.sigma_0.at_bound.is_none());
    let eps = [0.3, 0.5, 0.7];
    let tau = [1.0, 50.0, 1.0];
    for k in [None, Some(1.0)] {
        let fit = fit_bruggeman(&eps, &tau, k).unwrap();
        assert!(fit.alpha.at_bound.is_none() && fit.k.at_bound.is_none());
    }
}
