use super::*;
use proptest::prelude::*;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn bruggeman_spheres_at_062() {
    // MODELS.md: ε = 0.62, α = 0.5 → τ = 1.27 (1/√0.62 = 1.26997).
    let tau = bruggeman_tortuosity(0.62, 0.5, 1.0).unwrap();
    assert!((tau - 1.27).abs() < 5e-4, "{tau}");
    // σ_eff = σ_i·ε^1.5 = 10 mS/cm · 0.62·0.787401 = 4.88188 mS/cm.
    let s = bruggeman_effective_conductivity_s_per_cm(1e-2, 0.62, 0.5, 1.0).unwrap();
    assert!(close(s, 4.88188e-3, 1e-5), "{s}");
    // The prefactor scales τ up and σ_eff down by the same factor.
    let tau2 = bruggeman_tortuosity(0.62, 0.5, 2.0).unwrap();
    assert!(close(tau2, 2.0 * tau, 1e-14));
}

#[test]
fn kato_cathode_exponent() {
    // Kato et al.: ε = 0.571, τ = 2.47 → α = ln 2.47 / −ln 0.571
    // = 0.904218 / 0.560366 = 1.61363, and back.
    let alpha = bruggeman_exponent(0.571, 2.47).unwrap();
    assert!(close(alpha, 1.61363, 2e-5), "{alpha}");
    assert!(close(
        bruggeman_tortuosity(0.571, alpha, 1.0).unwrap(),
        2.47,
        1e-12
    ));
    assert!(bruggeman_exponent(1.0, 1.5).is_err());
    assert!(bruggeman_exponent(0.5, 0.9).is_err());
}

#[test]
fn eq9_eq10_match_pore_counting() {
    // L = 100 µm, r = 1 µm, A = 1 cm², ε = 0.5: N = A·ε/(π·r²) = 1.591549e7 pores.
    let n = 0.5 / (std::f64::consts::PI * 1e-8);
    // One pore of 1e6 Ω/cm over 0.01 cm is 1e4 Ω; N of them in parallel.
    let r = pore_ionic_resistance_ohm(0.01, 1e6, 1e-4, 1.0, 0.5).unwrap();
    assert!(close(r, 1e4 / n, 1e-12), "{r}");
    assert!(close(r, 6.283185e-4, 1e-6));
    // Half the wall area N·π·r·L = 50 cm², at 10 µF/cm²: 5e-4 F.
    let c = pore_double_layer_capacitance_f(1e-5, 0.01, 1.0, 0.5, 1e-4).unwrap();
    assert!(close(
        c,
        1e-5 * n * std::f64::consts::PI * 1e-4 * 0.01,
        1e-12
    ));
    assert!(close(c, 5e-4, 1e-12));
    assert!(pore_ionic_resistance_ohm(0.01, 1e6, 1e-4, 1.0, 0.0).is_err());
    assert!(pore_double_layer_capacitance_f(1e-5, 0.01, 1.0, 1.2, 1e-4).is_err());
}

#[test]
fn bad_inputs_name_the_parameter() {
    let msg = bruggeman_tortuosity(0.5, -0.1, 1.0)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("alpha"), "{msg}");
    let msg = bruggeman_tortuosity(0.5, 0.5, 0.0).unwrap_err().to_string();
    assert!(msg.contains('k'), "{msg}");
    let msg = tortuosity_from_conductivities(f64::NAN, 1.0, 1.0)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("epsilon"), "{msg}");
}

proptest! {
    #[test]
    fn tau_decreases_with_epsilon(e1 in 0.01f64..1.0, de in 1e-3f64..0.5, alpha in 0.05f64..3.0, k in 0.5f64..5.0) {
        let e2 = (e1 + de).min(1.0);
        prop_assume!(e2 > e1);
        let t1 = bruggeman_tortuosity(e1, alpha, k).unwrap();
        let t2 = bruggeman_tortuosity(e2, alpha, k).unwrap();
        prop_assert!(t2 < t1);
    }

    #[test]
    fn eq17_round_trip(eps in 0.01f64..1.0, sigma in 1e-6f64..1.0, tau in 1.0f64..50.0) {
        let eff = effective_conductivity_s_per_cm(eps, sigma, tau).unwrap();
        prop_assert!(eff <= eps * sigma * (1.0 + 1e-15));
        let back = tortuosity_from_conductivities(eps, sigma, eff).unwrap();
        prop_assert!(close(back, tau, 1e-12));
    }

    #[test]
    fn bruggeman_two_routes_agree(eps in 0.01f64..1.0, alpha in 0.0f64..3.0, k in 0.5f64..5.0) {
        // σ_i·ε^(1+α)/k against Eq. 17 with τ = k·ε^(−α).
        let direct = bruggeman_effective_conductivity_s_per_cm(2e-3, eps, alpha, k).unwrap();
        let tau = bruggeman_tortuosity(eps, alpha, k).unwrap();
        let via_tau = effective_conductivity_s_per_cm(eps, 2e-3, tau).unwrap();
        prop_assert!(close(direct, via_tau, 1e-12));
        let m = Microstructure::Bruggeman { epsilon: eps, alpha, k };
        let sigma_i = m.electrolyte_conductivity_s_per_cm(direct).unwrap();
        prop_assert!(close(sigma_i, 2e-3, 1e-12));
    }

    #[test]
    fn exponent_round_trip(eps in 0.01f64..0.99, alpha in 0.0f64..4.0) {
        let tau = bruggeman_tortuosity(eps, alpha, 1.0).unwrap();
        let back = bruggeman_exponent(eps, tau).unwrap();
        prop_assert!((back - alpha).abs() <= 1e-9 * (1.0 + alpha));
    }
}
