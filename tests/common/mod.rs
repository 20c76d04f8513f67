//! Shared test helpers. `ladder` is an independent, discretised solution of
//! the two-rail line, against which the closed forms are checked.
#![allow(dead_code)]

pub mod ladder;

use num_complex::Complex64;

/// |a − b| / |b|.
pub fn rel(a: Complex64, b: Complex64) -> f64 {
    (a - b).norm() / b.norm()
}

/// `n` log-spaced values from `lo` to `hi` (written here, not taken from the
/// crate, so that tests do not lean on the code they check).
pub fn log_grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|k| lo * (hi / lo).powf(k as f64 / (n - 1) as f64))
        .collect()
}

/// Path of a file in the shared EIS fixtures: `../shared/fixtures/eis/REL`
/// beside the repository, or the workplace copy when that does not exist.
pub fn fixture(rel: &str) -> std::path::PathBuf {
    let beside = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/eis")).join(rel);
    if beside.exists() {
        beside
    } else {
        std::path::PathBuf::from("/work/shared/fixtures/eis").join(rel)
    }
}
