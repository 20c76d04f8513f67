use super::*;
use proptest::prelude::*;

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

/// Kato et al. 2018 cathode: LCO/AB/SE = 61/3/36 wt%, 5.05/2.00/2.00 g/cm³.
fn kato_cathode() -> Composition {
    Composition::new(
        vec![
            Constituent {
                role: Role::Active,
                mass_fraction: 0.61,
                density_g_per_cm3: 5.05,
            },
            Constituent {
                role: Role::Conductor,
                mass_fraction: 0.03,
                density_g_per_cm3: 2.00,
            },
            Constituent {
                role: Role::Electrolyte,
                mass_fraction: 0.36,
                density_g_per_cm3: 2.00,
            },
        ],
        0.0,
    )
    .unwrap()
}

#[test]
fn kato_cathode_volume_fractions_match_published() {
    // Published (MODELS.md): 38.1 / 4.8 / 57.1 vol%. By hand:
    // 0.61/5.05 = 0.120792, 0.03/2 = 0.015, 0.36/2 = 0.18, sum 0.315792
    // → 0.38250, 0.04750, 0.57000. The paper rounds (and may have used
    // slightly different densities), so allow 0.002 absolute.
    let phi = kato_cathode().dense_volume_fractions();
    for (got, published) in phi.iter().zip([0.381, 0.048, 0.571]) {
        assert!((got - published).abs() < 2e-3, "{got} vs {published}");
    }
    let by_hand = 0.18 / (0.61 / 5.05 + 0.015 + 0.18);
    assert!((kato_cathode().epsilon_dense() - by_hand).abs() < 1e-12);
}

#[test]
fn kato_capacity_densities_match_published() {
    let c = kato_cathode();
    let phi_am = c.active_fraction_with_voids();
    let q_c = capacity_density_c_per_cm3(phi_am, 5.05, 137.0).unwrap();
    assert!(rel(q_c, 953.0) < 2e-3, "q_c = {q_c}");
    let q_c_mah = capacity_density_mah_per_cm3(phi_am, 5.05, 137.0).unwrap();
    assert!(rel(q_c_mah, 264.7) < 2e-3, "q_c = {q_c_mah} mAh/cm3");

    // Anode graphite/SE = 46/54 wt%, 2.27/2.00 g/cm³, 370 mAh/g → 1298 C/cm³.
    let phi = dense_volume_fractions(&[0.46, 0.54], &[2.27, 2.00]).unwrap();
    let q_a = capacity_density_c_per_cm3(phi[0], 2.27, 370.0).unwrap();
    assert!(rel(q_a, 1298.0) < 3e-3, "q_a = {q_a}");
}

#[test]
fn loading_and_capacity_units() {
    // 0.5 × 4 g/cm³ × 0.01 cm = 0.02 g/cm² = 20 mg/cm²; × 150 mAh/g = 3 mAh/cm² = 10.8 C/cm².
    let m = active_loading_mg_per_cm2(0.5, 4.0, 0.01).unwrap();
    assert!(rel(m, 20.0) < 1e-12);
    assert!(rel(areal_capacity_mah_per_cm2(m, 150.0).unwrap(), 3.0) < 1e-12);
    assert!(rel(areal_capacity_c_per_cm2(m, 150.0).unwrap(), 10.8) < 1e-12);
}

#[test]
fn porosity_bases() {
    let c = Composition::new(
        vec![
            Constituent {
                role: Role::Active,
                mass_fraction: 0.5,
                density_g_per_cm3: 4.0,
            },
            Constituent {
                role: Role::Electrolyte,
                mass_fraction: 0.5,
                density_g_per_cm3: 2.0,
            },
        ],
        0.2,
    )
    .unwrap();
    // Dense: 0.125 and 0.25 cm³/g → 1/3 and 2/3; with 20 % voids: ×0.8.
    assert!((c.epsilon_dense() - 2.0 / 3.0).abs() < 1e-12);
    assert!((c.epsilon_with_voids() - 0.8 * 2.0 / 3.0).abs() < 1e-12);
    let sum: f64 = c.volume_fractions_with_voids().iter().sum();
    assert!((sum - 0.8).abs() < 1e-12);
    // Loading through the two routes: φ_AM·ρ_AM·L and w_AM·ρ_apparent·L.
    let direct = active_loading_mg_per_cm2(c.active_fraction_with_voids(), 4.0, 0.01).unwrap();
    assert!(rel(c.active_loading_mg_per_cm2(0.01).unwrap(), direct) < 1e-12);
    assert!((with_voids(0.5, 0.2).unwrap() - 0.4).abs() < 1e-15);
}

#[test]
fn bad_input_is_named() {
    let e = dense_volume_fractions(&[0.6, 0.5], &[5.0, 2.0])
        .unwrap_err()
        .to_string();
    assert!(e.contains("mass fractions") && e.contains("1.1"), "{e}");
    let e = dense_volume_fractions(&[0.5, 0.5], &[5.0, 0.0])
        .unwrap_err()
        .to_string();
    assert!(e.contains("density"), "{e}");
    assert!(dense_volume_fractions(&[0.5, 0.5], &[5.0]).is_err());
    assert!(dense_volume_fractions(&[], &[]).is_err());
    assert!(dense_volume_fractions(&[f64::NAN, 1.0], &[1.0, 1.0]).is_err());
    assert!(require_porosity(1.0).is_err());
    assert!(require_porosity(-0.01).is_err());
    assert!(active_loading_mg_per_cm2(0.4, 5.0, -1.0).is_err());
    assert!(normalize_ratios(&[0.0, 0.0]).is_err());
}

#[test]
fn ratios_normalize() {
    let w = normalize_ratios(&[15.0, 3.0, 2.0, 0.2]).unwrap();
    assert!((w[0] - 15.0 / 20.2).abs() < 1e-15);
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

fn fractions_and_densities() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (2usize..6).prop_flat_map(|n| {
        (
            prop::collection::vec(0.01f64..10.0, n),
            prop::collection::vec(0.5f64..12.0, n),
        )
    })
}

proptest! {
    #[test]
    fn mass_volume_round_trip((raw, rho) in fractions_and_densities()) {
        let w = normalize_ratios(&raw).unwrap();
        let phi = dense_volume_fractions(&w, &rho).unwrap();
        prop_assert!((phi.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let back = mass_fractions_from_dense(&phi, &rho).unwrap();
        for (a, b) in w.iter().zip(&back) {
            prop_assert!((a - b).abs() < 1e-12);
        }
    }

    #[test]
    fn denser_constituent_takes_less_volume((raw, rho) in fractions_and_densities()) {
        // For each k: φ_k < w_k exactly when ρ_k is above the mean solid density.
        let w = normalize_ratios(&raw).unwrap();
        let phi = dense_volume_fractions(&w, &rho).unwrap();
        let rho_mean = 1.0 / w.iter().zip(&rho).map(|(w, r)| w / r).sum::<f64>();
        for k in 0..w.len() {
            if rho[k] > rho_mean * (1.0 + 1e-9) { prop_assert!(phi[k] < w[k]); }
            if rho[k] < rho_mean * (1.0 - 1e-9) { prop_assert!(phi[k] > w[k]); }
        }
    }
}
