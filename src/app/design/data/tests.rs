use super::*;
use crate::app::choices::Anode;

#[test]
fn points_are_read_as_people_paste_them_and_bad_lines_are_named() {
    let text =
        "current (mA/cm²), capacity (mAh/cm²)\n# a comment\n\n1, 14.9\n3\t12,5\n6 ; 13.1\n10 11\n";
    assert_eq!(
        parse_points(text, false).unwrap(),
        [(1.0, 14.9), (3.0, 12.5), (6.0, 13.1), (10.0, 11.0)]
    );
    let why = parse_points("1, 2\n3, x\n", false).unwrap_err();
    assert!(why.starts_with("line 2:"), "{why}");
    let why = parse_points("1, 2, 3\n", false).unwrap_err();
    assert!(why.starts_with("line 1:"), "{why}");
    assert!(parse_points("1, -2\n", false)
        .unwrap_err()
        .contains("positive"));
    assert!(parse_points("0.3, 2\n1.2, 1\n", true)
        .unwrap_err()
        .starts_with("line 2:"));
    assert_eq!(parse_points("", false).unwrap(), []);
}

/// Eq. 19 by hand for a half cell: C = q·σ·(U_c − V_cutoff − R_0·i)/i, in
/// C/cm² (q C/cm³, σ S/cm, i A/cm²).
fn eq19_half_cell(q: f64, sigma: f64, u: f64, r0: f64, i: f64) -> f64 {
    q * sigma * (u - r0 * i) / i
}

fn half_cell() -> State {
    let mut s = State::default();
    s.select(Anode::LiMetal);
    s
}

#[test]
fn the_rate_fit_recovers_the_sigma_eff_the_points_were_made_with() {
    let state = half_cell();
    let d = build(&state).unwrap();
    let q = d.cell.cathode.capacity_c_per_cm3;
    let window = state.get(In::UCathodeV) - state.get(In::CutoffV);
    let r0 = state.get(In::R0);
    let sigma = 0.4e-3;
    let full_mah = coulomb_to_mah(d.cell.cathode.full_capacity_c_per_cm2().unwrap());
    // Rate-limited points at 20…80 mA/cm², and one at full capacity (left out).
    let mut points: Vec<(f64, f64)> = [20.0, 30.0, 50.0, 80.0]
        .iter()
        .map(|&ma| {
            (
                ma,
                coulomb_to_mah(eq19_half_cell(q, sigma, window, r0, ma * 1e-3)),
            )
        })
        .collect();
    assert!(points.iter().all(|p| p.1 < full_mah));
    points.push((0.01, full_mah));
    let r = rate_fit(&d, &points).unwrap();
    assert_eq!((r.used, r.left_out), (4, 1));
    assert!((r.fit.sigma_s_per_cm.value / sigma - 1.0).abs() < 1e-6);
    // τ = ε·σ_i/σ_eff (Eq. 17).
    let tau = d.epsilon * d.sigma_i_s_per_cm / sigma;
    assert!((r.tau / tau - 1.0).abs() < 1e-6);
    // Exact points: an interval that holds the value and is narrow.
    let (lo, hi) = r.tau_interval.unwrap();
    assert!(lo <= r.tau && r.tau <= hi && hi - lo < 1e-3 * tau);
    // Using it sets τ and its uncertainty.
    let mut s = state.clone();
    let measured = Measured {
        rate: points,
        tau: Vec::new(),
    };
    let notice = use_rate_fit(&mut s, &measured).unwrap();
    assert!(notice.contains("τ ="), "{notice}");
    assert!((s.get(In::TauMeasured) - tau).abs() < 1e-6 * tau);
    assert!(s.get(In::TauUnc) < 1e-3 * tau);
    // The rows and the plot show the fit.
    let v = crate::app::design::view::view(&state, &measured);
    assert!(v
        .rows
        .iter()
        .any(|r| r.id == "rsig" && r.value.contains("0.4")));
    let capacity = v.plots.iter().find(|p| p.id == "capacity").unwrap();
    let names: Vec<&str> = capacity
        .figure
        .as_ref()
        .unwrap()
        .series
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(
        names.contains(&"your data") && names.contains(&"Eq. 19 fitted to your data"),
        "{names:?}"
    );
}

#[test]
fn the_tau_fit_recovers_k_and_alpha() {
    let points: Vec<(f64, f64)> = [0.2, 0.35, 0.5, 0.7]
        .iter()
        .map(|&e: &f64| (e, 1.3 * e.powf(-0.6)))
        .collect();
    let f = tau_fit(&points).unwrap();
    assert!((f.alpha.value - 0.6).abs() < 1e-9 && (f.k.value - 1.3).abs() < 1e-9);
    // Two points: k held at 1 (Bruggeman proper), α from the slope.
    let two = [(0.25, 0.25f64.powf(-0.5)), (0.5, 0.5f64.powf(-0.5))];
    let f = tau_fit(&two).unwrap();
    assert!((f.alpha.value - 0.5).abs() < 1e-9 && f.k.value == 1.0 && f.k.stderr.is_none());
    let mut s = State::default();
    let measured = Measured {
        rate: Vec::new(),
        tau: points,
    };
    use_tau_fit(&mut s, &measured).unwrap();
    assert_eq!(s.choice::<TauMode>(), TauMode::Bruggeman);
    assert!((s.get(In::Alpha) - 0.6).abs() < 0.01 && (s.get(In::BruggemanK) - 1.3).abs() < 0.01);
}

#[test]
fn the_capacity_range_is_eq19_at_the_ends_of_the_given_uncertainties() {
    // Half cell, ohmic limit: C ∝ σ_eff ∝ σ_i, and C ∝ (W − R_0·i).
    let mut s = half_cell();
    // Far from full at 6 mA/cm² even with σ_i 10 % higher.
    s.set(In::ThicknessUm, 2000.0).unwrap();
    s.set(In::SigmaIMs, 1.0).unwrap();
    assert!(range_row(&s).is_none(), "no uncertainty, no range");
    let d = build(&s).unwrap();
    let c = delivered_capacity(&d.cell, d.current_a_per_cm2)
        .unwrap()
        .capacity_c_per_cm2;
    s.set(In::SigmaIUncPct, 10.0).unwrap();
    let (lo, hi) = capacity_range(&s).unwrap().unwrap();
    assert!((lo.capacity_c_per_cm2 / c - 0.9).abs() < 1e-9);
    assert!((hi.capacity_c_per_cm2 / c - 1.1).abs() < 1e-9);
    // R_0 ± 2 Ω·cm² at 6 mA/cm²: the window W − R_0·i moves by ∓ 12 mV.
    s.set(In::SigmaIUncPct, 0.0).unwrap();
    s.set(In::R0Unc, 2.0).unwrap();
    let w = s.get(In::UCathodeV) - s.get(In::CutoffV) - s.get(In::R0) * 6e-3;
    let (lo, hi) = capacity_range(&s).unwrap().unwrap();
    assert!((lo.capacity_c_per_cm2 / c - (w - 0.012) / w).abs() < 1e-9);
    assert!((hi.capacity_c_per_cm2 / c - (w + 0.012) / w).abs() < 1e-9);
    // τ ± 0.5: σ_eff = ε·σ_i/τ at τ + 0.5 and τ − 0.5.
    s.set(In::R0Unc, 0.0).unwrap();
    s.set(In::TauUnc, 0.5).unwrap();
    let tau = s.get(In::TauMeasured);
    let (lo, hi) = capacity_range(&s).unwrap().unwrap();
    assert!((lo.capacity_c_per_cm2 / c - tau / (tau + 0.5)).abs() < 1e-9);
    assert!((hi.capacity_c_per_cm2 / c - tau / (tau - 0.5)).abs() < 1e-9);
    let row = range_row(&s).unwrap();
    assert!(row.label.contains("τ ± 0.5"), "{}", row.label);
    // The capacity plot carries the range as a band.
    let v = crate::app::design::view::view(&s, &Measured::default());
    let capacity = v.plots.iter().find(|p| p.id == "capacity").unwrap();
    assert_eq!(capacity.figure.as_ref().unwrap().bands.len(), 1);
    // Bruggeman: α ± u lowers σ_eff = σ_i·ε^(1+α)/k at α + u.
    let mut b = half_cell();
    b.set(In::ThicknessUm, 2000.0).unwrap();
    b.set(In::SigmaIMs, 1.0).unwrap();
    b.select(TauMode::Bruggeman);
    b.set(In::AlphaUnc, 0.2).unwrap();
    let d = build(&b).unwrap();
    let c = delivered_capacity(&d.cell, d.current_a_per_cm2)
        .unwrap()
        .capacity_c_per_cm2;
    let (lo, hi) = capacity_range(&b).unwrap().unwrap();
    assert!((lo.capacity_c_per_cm2 / c - d.epsilon.powf(0.2)).abs() < 1e-9);
    assert!((hi.capacity_c_per_cm2 / c - d.epsilon.powf(-0.2)).abs() < 1e-9);
}
