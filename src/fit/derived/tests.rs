use super::*;

#[test]
fn hand_calculation() {
    // L = 100 µm = 0.01 cm, A = 1 cm², R_ion = 20 Ω ± 1 Ω:
    // σ_eff = 0.01/(20·1) = 5e-4 S/cm = 0.5 mS/cm.
    // ε = 0.5, σ_i = 5 mS/cm: τ = 0.5·5e-3/5e-4 = 5.
    // α = −ln 5/ln 0.5 = 1.6094/0.6931 = 2.3219.
    let g = Geometry {
        thickness_cm: 0.01,
        area_cm2: 1.0,
        epsilon: 0.5,
        sigma_i_s_per_cm: 5e-3,
    };
    let d = derive(20.0, Some(1.0), None, &g).unwrap();
    assert!((d.sigma_eff_s_per_cm.value - 5e-4).abs() < 1e-15);
    assert!((d.tortuosity.value - 5.0).abs() < 1e-12);
    let alpha = d.bruggeman_alpha.unwrap();
    assert!((alpha.value - 2.321_928).abs() < 1e-6);
    // 5 % on R_ion: 2.5e-5 S/cm on σ_eff, 0.25 on τ, 0.05/ln 2 = 0.0721 on α.
    assert!((d.sigma_eff_s_per_cm.stderr.unwrap() - 2.5e-5).abs() < 1e-15);
    assert!((d.tortuosity.stderr.unwrap() - 0.25).abs() < 1e-12);
    assert!((alpha.stderr.unwrap() - 0.072_135).abs() < 1e-6);
}

#[test]
fn intervals_map_through_the_monotone_relations() {
    // As in the hand calculation, with R_ion in [16, 25] Ω: σ_eff =
    // 0.01/R_ion S/cm in [4e-4, 6.25e-4] (ends swapped), τ = 0.25·R_ion
    // in [4, 6.25], α = ln τ/ln 2 in [2, 2.6439]. An open upper end of
    // R_ion leaves σ_eff without a lower end and τ, α without an upper one.
    let g = Geometry {
        thickness_cm: 0.01,
        area_cm2: 1.0,
        epsilon: 0.5,
        sigma_i_s_per_cm: 5e-3,
    };
    let d = derive(20.0, None, Some(Interval::closed(16.0, 25.0)), &g).unwrap();
    let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-9 * b;
    let s = d.sigma_eff_s_per_cm.ci95.unwrap();
    assert!(close(s.lo, 4e-4) && close(s.hi, 6.25e-4), "{s:?}");
    let t = d.tortuosity.ci95.unwrap();
    assert!(close(t.lo, 4.0) && close(t.hi, 6.25), "{t:?}");
    let a = d.bruggeman_alpha.unwrap().ci95.unwrap();
    assert!(
        close(a.lo, 2.0) && close(a.hi, 6.25f64.ln() / 2f64.ln()),
        "{a:?}"
    );
    let open = Interval {
        lo: Some(16.0),
        hi: None,
    };
    let d = derive(20.0, None, Some(open), &g).unwrap();
    assert_eq!(d.sigma_eff_s_per_cm.ci95.unwrap().lo, None);
    assert_eq!(d.tortuosity.ci95.unwrap().hi, None);
    // τ below 1 at the low end: α's lower end is 0 (τ = ε^−α needs α ≥ 0).
    let d = derive(20.0, None, Some(Interval::closed(2.0, 25.0)), &g).unwrap();
    assert_eq!(d.bruggeman_alpha.unwrap().ci95.unwrap().lo, Some(0.0));
}

#[test]
fn kato_cathode_figures() {
    // MODELS.md: ε = 0.571, and Kato et al. report τ = 2.47 for the cathode;
    // Eq. 17 then needs σ_eff = ε·σ_i/τ. With σ_i = 12 mS/cm, L = 600 µm,
    // A = 1 cm²: σ_eff = 0.571·0.012/2.47 S/cm and R_ion = L/(σ_eff·A).
    let sigma_eff = 0.571 * 0.012 / 2.47;
    let r_ion = 0.06 / sigma_eff;
    let g = Geometry {
        thickness_cm: 0.06,
        area_cm2: 1.0,
        epsilon: 0.571,
        sigma_i_s_per_cm: 0.012,
    };
    let d = derive(r_ion, None, None, &g).unwrap();
    assert!((d.tortuosity.value - 2.47).abs() < 1e-12);
    assert!(d.tortuosity.stderr.is_none());
}

#[test]
fn bad_geometry_is_named() {
    let g = Geometry {
        thickness_cm: -1.0,
        area_cm2: 1.0,
        epsilon: 0.5,
        sigma_i_s_per_cm: 5e-3,
    };
    assert!(derive(20.0, None, None, &g)
        .unwrap_err()
        .to_string()
        .contains("thickness_cm"));
    let g = Geometry {
        thickness_cm: 0.01,
        area_cm2: 1.0,
        epsilon: 1.0,
        sigma_i_s_per_cm: 5e-3,
    };
    assert!(derive(20.0, None, None, &g)
        .unwrap()
        .bruggeman_alpha
        .is_none());
}
