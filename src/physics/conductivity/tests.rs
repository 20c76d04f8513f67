use super::*;
use crate::units::{celsius_to_kelvin, ms_to_s};
use proptest::prelude::*;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// σ_i = 10 mS/cm at 25 °C, E_A = 0.25 eV → σ at 60 °C, by hand:
/// E_A/k_B = 0.25/8.617333262e-5 = 2901.12 K; 1/298.15 − 1/333.15 = 3.52365e-4 K⁻¹;
/// exponent 1.022251; e^1.022251 = 2.779464 → plain 27.7946 mS/cm;
/// with 1/T: × 298.15/333.15 = 0.894942 → 24.8746 mS/cm.
#[test]
fn ten_ms_at_25c_to_60c() {
    let (t_ref, t) = (celsius_to_kelvin(25.0), celsius_to_kelvin(60.0));
    let plain =
        conductivity_at_temperature_s_per_cm(ArrheniusForm::Plain, ms_to_s(10.0), t_ref, 0.25, t)
            .unwrap();
    let inv_t = conductivity_at_temperature_s_per_cm(
        ArrheniusForm::InverseT,
        ms_to_s(10.0),
        t_ref,
        0.25,
        t,
    )
    .unwrap();
    assert!(close(plain, 27.7946e-3, 2e-5), "{plain}");
    assert!(close(inv_t, 24.8746e-3, 2e-5), "{inv_t}");
}

#[test]
fn prefactor_route_agrees_with_ratio_route() {
    let (t_ref, t) = (298.15, 233.15);
    let s0 = arrhenius_prefactor_s_k_per_cm(1e-3, t_ref, 0.4).unwrap();
    let via_prefactor = arrhenius_conductivity_s_per_cm(s0, 0.4, t).unwrap();
    let via_ratio =
        conductivity_at_temperature_s_per_cm(ArrheniusForm::InverseT, 1e-3, t_ref, 0.4, t).unwrap();
    assert!(close(via_prefactor, via_ratio, 1e-12));
    let s0 = arrhenius_plain_prefactor_s_per_cm(1e-3, t_ref, 0.4).unwrap();
    let via_prefactor = arrhenius_plain_conductivity_s_per_cm(s0, 0.4, t).unwrap();
    let via_ratio =
        conductivity_at_temperature_s_per_cm(ArrheniusForm::Plain, 1e-3, t_ref, 0.4, t).unwrap();
    assert!(close(via_prefactor, via_ratio, 1e-12));
}

#[test]
fn arrhenius_slope_is_activation_energy() {
    // ln(σ·T) against 1/T has slope −E_A/k_B for Eq. 1; ln σ for the plain form.
    let e_a = 0.31;
    let (t1, t2) = (250.0, 350.0);
    let s1 = arrhenius_conductivity_s_per_cm(5e3, e_a, t1).unwrap();
    let s2 = arrhenius_conductivity_s_per_cm(5e3, e_a, t2).unwrap();
    let slope = ((s2 * t2).ln() - (s1 * t1).ln()) / (1.0 / t2 - 1.0 / t1);
    assert!(close(-slope * BOLTZMANN_EV_PER_K, e_a, 1e-10));
    let p1 = arrhenius_plain_conductivity_s_per_cm(5.0, e_a, t1).unwrap();
    let p2 = arrhenius_plain_conductivity_s_per_cm(5.0, e_a, t2).unwrap();
    let slope = (p2.ln() - p1.ln()) / (1.0 / t2 - 1.0 / t1);
    assert!(close(-slope * BOLTZMANN_EV_PER_K, e_a, 1e-10));
}

#[test]
fn vtf_by_hand_and_domain() {
    // A = 10, B = 1000 K, T0 = 200 K, T = 300 K: 10/√300 · e^(−10) = 0.577350·4.539993e-5.
    let s = vtf_conductivity_s_per_cm(10.0, 1000.0, 200.0, 300.0).unwrap();
    assert!(close(s, 0.577_350_27 * 4.539_993e-5, 1e-6), "{s}");
    assert!(vtf_conductivity_s_per_cm(10.0, 1000.0, 200.0, 200.0).is_err());
    assert!(vtf_conductivity_s_per_cm(10.0, 1000.0, 200.0, 150.0).is_err());
    let a = vtf_prefactor_s_k_half_per_cm(s, 300.0, 1000.0, 200.0).unwrap();
    assert!(close(a, 10.0, 1e-12));
}

#[test]
fn unreachable_targets_are_errors() {
    // Plain Arrhenius never exceeds σ0.
    assert!(temperature_for_conductivity_k(ArrheniusForm::Plain, 1.0, 0.3, 2.0).is_err());
    // Eq. 1 peaks at T = E_A/k_B with σ0·k_B/E_A·e^(−1).
    let peak = 1e4 * BOLTZMANN_EV_PER_K / 0.3 * (-1.0f64).exp();
    assert!(
        temperature_for_conductivity_k(ArrheniusForm::InverseT, 1e4, 0.3, peak * 1.01).is_err()
    );
    assert!(temperature_for_conductivity_k(ArrheniusForm::InverseT, 1e4, 0.3, peak * 0.99).is_ok());
    assert!(vtf_temperature_for_conductivity_k(10.0, 1000.0, 200.0, 1.0).is_err());
}

#[test]
fn eq2_eq3_eq20_by_hand() {
    // 1e21 Li⁺/cm³ × 1.602176634e-19 C × 1e-4 cm²/(V·s) = 1.602176634e-2 S/cm.
    let li = ChargeCarrier {
        density_per_cm3: 1e21,
        charge_c: 1.602_176_634e-19,
        mobility_cm2_per_v_s: 1e-4,
    };
    let s = conductivity_from_carriers_s_per_cm(&[li]).unwrap();
    assert!(close(s, 1.602_176_634e-2, 1e-12));
    // An anion with negative charge adds, it does not cancel.
    let anion = ChargeCarrier {
        charge_c: -1.602_176_634e-19,
        ..li
    };
    assert!(close(
        conductivity_from_carriers_s_per_cm(&[li, anion]).unwrap(),
        2.0 * s,
        1e-12
    ));
    assert!(conductivity_from_carriers_s_per_cm(&[]).is_err());
    // 1 mm pellet, 1.13 cm², 88.5 Ω → 0.1/(88.5·1.13) = 1.0000e-3 S/cm.
    let s = conductivity_from_resistance_s_per_cm(0.1, 88.5, 1.13).unwrap();
    assert!(close(s, 0.1 / 100.005, 1e-12));
    // A 1 µm neck of 10 mS/cm over 1 µm² (1e-8 cm²): 1e-4/(1e-2·1e-8) = 1e6 Ω.
    assert!(close(
        contact_resistance_ohm(1e-4, 1e-2, 1e-8).unwrap(),
        1e6,
        1e-12
    ));
    assert!(contact_resistance_ohm(1e-4, 0.0, 1e-8).is_err());
    assert!(resistance_from_conductivity_ohm(f64::NAN, 1.0, 1.0).is_err());
}

proptest! {
    #[test]
    fn eq3_round_trip(d in 1e-4f64..1.0, r in 1e-2f64..1e6, a in 0.01f64..10.0) {
        let s = conductivity_from_resistance_s_per_cm(d, r, a).unwrap();
        let back = resistance_from_conductivity_ohm(d, s, a).unwrap();
        prop_assert!(close(back, r, 1e-12));
    }

    #[test]
    fn arrhenius_temperature_inverse(
        e_a in 0.05f64..0.8, t in 150.0f64..500.0, inverse_t in any::<bool>()
    ) {
        let form = if inverse_t { ArrheniusForm::InverseT } else { ArrheniusForm::Plain };
        let s0 = 1e3;
        let sigma = match form {
            ArrheniusForm::InverseT => arrhenius_conductivity_s_per_cm(s0, e_a, t).unwrap(),
            ArrheniusForm::Plain => arrhenius_plain_conductivity_s_per_cm(s0, e_a, t).unwrap(),
        };
        let back = temperature_for_conductivity_k(form, s0, e_a, sigma).unwrap();
        prop_assert!(close(back, t, 1e-9), "{} vs {}", back, t);
    }

    #[test]
    fn vtf_temperature_inverse(b in 100.0f64..2000.0, t0 in 100.0f64..250.0, dt in 5.0f64..200.0) {
        let t = t0 + dt;
        let sigma = vtf_conductivity_s_per_cm(50.0, b, t0, t).unwrap();
        let back = vtf_temperature_for_conductivity_k(50.0, b, t0, sigma).unwrap();
        prop_assert!(close(back, t, 1e-9), "{} vs {}", back, t);
    }

    #[test]
    fn warmer_is_more_conductive_below_the_peak(e_a in 0.1f64..0.8, t in 200.0f64..400.0) {
        let cold = conductivity_at_temperature_s_per_cm(ArrheniusForm::InverseT, 1e-3, 298.15, e_a, t).unwrap();
        let warm = conductivity_at_temperature_s_per_cm(ArrheniusForm::InverseT, 1e-3, 298.15, e_a, t + 1.0).unwrap();
        prop_assert!(warm > cold);
    }
}
