use super::*;
use crate::discharge::simulate::tests::half_cell;
use crate::discharge::Mesh;
use crate::fit::synth::SplitMix64;

/// Curves the model made (3 currents, 2 mV Gaussian noise) give back
/// σ_eff, D_s and i0 within their 95 % profile intervals, and near the truth.
#[test]
fn recovers_known_parameters_from_noisy_model_curves() {
    let mut truth = half_cell();
    truth.cathode.thickness_cm = 60e-4;
    truth.cathode.diffusivity_cm2_per_s = 5e-11;
    let options = DischargeFitOptions {
        solver: SolverOptions {
            cathode_mesh: Mesh {
                cells: 6,
                shells: 4,
            },
            rtol: 1e-7,
            ..SolverOptions::default()
        },
        profile_step_ln: 0.25,
        profile_points: 8,
        patience: 15,
    };
    let mut rng = SplitMix64::new(7);
    let mut data = Vec::new();
    for current in [0.5e-3, 2e-3, 5e-3] {
        let d = discharge(&truth, current, &options.solver, &[]).unwrap();
        let q_end = d.delivered_c_per_cm2;
        let mut curve = MeasuredCurve {
            current_a_per_cm2: current,
            capacity_c_per_cm2: vec![],
            voltage_v: vec![],
        };
        for k in 1..16 {
            let q = q_end * k as f64 / 16.0;
            let i = d.points.partition_point(|p| p.capacity_c_per_cm2 <= q);
            let (a, b) = (&d.points[i - 1], &d.points[i]);
            let f = (q - a.capacity_c_per_cm2) / (b.capacity_c_per_cm2 - a.capacity_c_per_cm2);
            let v = a.voltage_v + f * (b.voltage_v - a.voltage_v);
            curve.capacity_c_per_cm2.push(q);
            curve.voltage_v.push(v + 2e-3 * rng.normal());
        }
        data.push(curve);
    }
    let free = [
        DischargeParam::SigmaEff,
        DischargeParam::Diffusivity,
        DischargeParam::ExchangeCurrent,
    ];
    let true_values: Vec<f64> = free.iter().map(|p| p.get(&truth).unwrap()).collect();
    // Start a factor 2–3 away from the truth.
    let mut start = truth.clone();
    for (p, (v, f)) in free.iter().zip(true_values.iter().zip([2.0, 0.4, 3.0])) {
        p.set(&mut start, v * f).unwrap();
    }
    let fit = fit_discharge(&start, &data, &free, &options).unwrap();
    assert!(fit.rms_v < 3e-3, "rms {}", fit.rms_v);
    for (v, truth) in fit.values.iter().zip(&true_values) {
        assert!(
            (v.value / truth - 1.0).abs() < 0.2,
            "{:?}: {} vs {truth}",
            v.param,
            v.value
        );
        let (lo, hi) = (v.lower.unwrap_or(0.0), v.upper.unwrap_or(f64::INFINITY));
        assert!(
            lo < *truth && *truth < hi,
            "{:?}: [{lo}, {hi}] misses {truth}",
            v.param
        );
        assert!(lo < v.value && v.value < hi);
    }
}

#[test]
fn bad_fit_input_is_an_error() {
    let cell = half_cell();
    let data = [MeasuredCurve {
        current_a_per_cm2: 1e-3,
        capacity_c_per_cm2: vec![1.0],
        voltage_v: vec![3.9],
    }];
    assert!(fit_discharge(
        &cell,
        &data,
        &[DischargeParam::SigmaEff, DischargeParam::Diffusivity],
        &DischargeFitOptions::default()
    )
    .is_err());
    assert!(fit_discharge(&cell, &data, &[], &DischargeFitOptions::default()).is_err());
    assert_eq!(
        DischargeParam::from_name("i0"),
        Some(DischargeParam::ExchangeCurrent)
    );
}
