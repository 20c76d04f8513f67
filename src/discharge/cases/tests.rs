use super::*;
use crate::discharge::{discharge, End, Eq19Design, SolverOptions};

/// Kato's cell as built here keeps the paper's figures: σ_eff of both
/// electrodes, q_c, and a cathode-limited capacity near 15.9 mAh/cm².
#[test]
fn kato_cell_keeps_the_published_figures() {
    let cell = kato2018(600.0).unwrap();
    let design = Eq19Design::of(&cell).unwrap();
    assert!((design.cell.cathode.sigma_eff_s_per_cm - 0.73e-3).abs() < 1e-9);
    let anode = design.cell.anode.unwrap();
    assert!((anode.sigma_eff_s_per_cm - 0.21e-3).abs() < 1e-9);
    assert!((design.cell.cathode.capacity_c_per_cm3 / 953.0 - 1.0).abs() < 0.01);
    // 137 mAh/g × 115.4 mg/cm² ≈ 15.8 mAh/cm² for L600.
    assert!(
        (design.full_c_per_cm2 / 3.6 - 15.8).abs() < 0.3,
        "{}",
        design.full_c_per_cm2 / 3.6
    );
    let d = discharge(&cell, 6e-3, &SolverOptions::default(), &[]).unwrap();
    assert_eq!(d.end, End::CutOff);
    assert!(d.delivered_c_per_cm2 < design.full_c_per_cm2);
}

#[test]
fn benchmark_cases_run_to_their_cutoff() {
    for cell in [mild_cathode().unwrap(), limited_cathode().unwrap()] {
        let d = discharge(&cell, 1e-3, &SolverOptions::default(), &[]).unwrap();
        assert_eq!(d.end, End::CutOff);
    }
}
