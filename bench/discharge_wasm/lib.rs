//! Exports for bench/discharge_wasm.mjs: one discharge of a benchmark case,
//! and the 10-current rate sweep, as the page would run them.

use ionpath::discharge::cases::{limited_cathode, mild_cathode};
use ionpath::discharge::{discharge, CellParams, SolverOptions};

fn case(which: u32) -> Option<CellParams> {
    match which {
        0 => mild_cathode().ok(),
        _ => limited_cathode().ok(),
    }
}

/// Delivered capacity (C/cm²) of case `which` (0 mild, 1 transport-limited)
/// at `current` A/cm²; negative on failure.
#[no_mangle]
pub extern "C" fn discharge_case(which: u32, current: f64) -> f64 {
    let Some(cell) = case(which) else { return -1.0 };
    discharge(&cell, current, &SolverOptions::default(), &[])
        .map_or(-2.0, |d| d.delivered_c_per_cm2)
}

/// Ten discharges, log-spaced over 1.5 decades below `top` A/cm²: the sum
/// of the delivered capacities (C/cm²).
#[no_mangle]
pub extern "C" fn sweep_case(which: u32, top: f64) -> f64 {
    let Some(cell) = case(which) else { return -1.0 };
    (0..10)
        .map(|k| top * 10f64.powf(-1.5 * k as f64 / 9.0))
        .map(|i| {
            discharge(&cell, i, &SolverOptions::default(), &[])
                .map_or(-2.0, |d| d.delivered_c_per_cm2)
        })
        .sum()
}
