use super::*;
use crate::discharge::simulate::tests::half_cell;
use crate::physics::tortuosity::Microstructure;

fn budget_sum(b: &VoltageBudget) -> f64 {
    b.ocp_slope_v
        + b.uneven_use_v
        + b.solid_diffusion_v
        + b.kinetics_v
        + b.ionic_v
        + b.electronic_v
        + b.series_v
}

/// The budget's terms add up to the window U_mean − V_end (an identity of
/// the decomposition; checks its bookkeeping).
#[test]
fn voltage_budget_adds_up_to_the_window() {
    let mut cell = half_cell();
    cell.r0_ohm_cm2 = 5.0;
    let points = rate_capability(&cell, &[1e-3, 4e-3], &SolverOptions::default()).unwrap();
    for p in &points {
        let b = &p.diagnosis.budget;
        assert!((budget_sum(b) - b.window_v).abs() < 1e-6, "{b:?}");
        assert!(
            b.ionic_v > 0.0 && b.kinetics_v > 0.0 && b.series_v > 0.0,
            "{b:?}"
        );
    }
    // More current, less capacity, from both models.
    assert!(points[1].model_c_per_cm2 < points[0].model_c_per_cm2);
    assert!(points[1].eq19_c_per_cm2 <= points[0].eq19_c_per_cm2);
}

/// An SE-limited cathode (thick, poor SE, fast particles and kinetics, flat
/// OCP): Eq. 19's regime. Its capacity comes within 15 % of the full model
/// and the SE takes most of the window.
#[test]
fn ionic_limited_cathode_is_close_to_eq19() {
    let mut cell = half_cell();
    cell.cathode.ocp =
        crate::discharge::Ocp::Fit(crate::materials::ocp_data::find_ocp("lfp").unwrap().fit);
    cell.cathode.theta0 = 0.02;
    cell.cathode.thickness_cm = 300e-4;
    cell.cathode.diffusivity_cm2_per_s = 1e-8;
    cell.cathode.i0_ref_a_per_cm2 = 1e-2;
    cell.cathode.sigma_e_eff_s_per_cm = 10.0;
    cell.sigma_i_s_per_cm = 0.1e-3;
    cell.separator_thickness_cm = 0.0;
    cell.v_cutoff_v = 2.8;
    let p = &rate_capability(&cell, &[2e-3], &SolverOptions::default()).unwrap()[0];
    let gap = p.eq19_overestimate.unwrap();
    assert!(gap.abs() < 0.15, "gap {gap}: {}", p.sentence());
    let b = &p.diagnosis.budget;
    assert!(b.ionic_v > 0.5 * b.window_v, "{}", p.sentence());
    assert!(
        matches!(
            p.diagnosis.failing,
            Assumption::Holds | Assumption::ReactionZone
        ),
        "{}",
        p.sentence()
    );
    assert!(p.diagnosis.front_depth_cm.is_some(), "{}", p.sentence());
}

/// Slow solid diffusion in a thin, well-conducting cathode: Eq. 19 (no
/// diffusion term) overestimates, and the diagnosis says why.
#[test]
fn slow_solid_diffusion_is_named() {
    let mut cell = half_cell();
    cell.cathode.thickness_cm = 40e-4;
    cell.cathode.diffusivity_cm2_per_s = 3e-12;
    cell.cathode.radius_cm = 6e-4;
    cell.cathode.microstructure = Microstructure::Tortuosity {
        epsilon: 0.35,
        tau: 1.5,
    };
    cell.sigma_i_s_per_cm = 5e-3;
    let p = &rate_capability(&cell, &[2e-3], &SolverOptions::default()).unwrap()[0];
    assert_eq!(
        p.diagnosis.failing,
        Assumption::SolidDiffusion,
        "{}",
        p.sentence()
    );
    assert!(p.eq19_overestimate.unwrap() > 0.1, "{}", p.sentence());
    assert!(p.sentence().contains("solid diffusion"));
}

/// Slow kinetics: the overpotential takes the window.
#[test]
fn slow_kinetics_is_named() {
    let mut cell = half_cell();
    cell.cathode.thickness_cm = 40e-4;
    cell.cathode.diffusivity_cm2_per_s = 1e-8;
    cell.cathode.i0_ref_a_per_cm2 = 3e-7;
    cell.sigma_i_s_per_cm = 5e-3;
    let p = &rate_capability(&cell, &[2e-3], &SolverOptions::default()).unwrap()[0];
    assert_eq!(
        p.diagnosis.failing,
        Assumption::Kinetics,
        "{}",
        p.sentence()
    );
}

/// Eq. 19's inputs for the same design: q_c·(fully used layer) and the
/// mean OCP computed here from the fit.
#[test]
fn eq19_design_uses_the_windows_and_mean_ocp() {
    let cell = half_cell();
    let design = Eq19Design::of(&cell).unwrap();
    let p = &cell.cathode;
    // The slow discharge ends where U(θ) = 3.5 V (the cut-off).
    let theta_end =
        crate::numerics::roots::bisect(|t| p.ocp.potential_v(t) - 3.5, 0.5, 0.999, 1e-12).unwrap();
    assert!((design.theta_end_cathode - theta_end).abs() < 1e-6);
    let n = 2000;
    let mean: f64 = (0..n)
        .map(|k| {
            p.ocp
                .potential_v(p.theta0 + (theta_end - p.theta0) * (k as f64 + 0.5) / n as f64)
        })
        .sum::<f64>()
        / n as f64;
    assert!((design.cell.u_c_v - mean).abs() < 1e-5);
    let sigma_eff = 1e-3 * 0.35 / 2.0;
    assert!((design.cell.cathode.sigma_eff_s_per_cm - sigma_eff).abs() < 1e-15);
    assert!((design.cell.r0_ohm_cm2 - 30e-4 / 1e-3).abs() < 1e-12);
}
