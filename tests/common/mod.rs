//! Helpers shared by integration tests. `ladder` is an independent,
//! discretised solution of the two-rail line, against which the closed forms
//! are checked; `fixture` finds the shared real-instrument files.
#![allow(dead_code)]

pub mod ladder;

use std::path::PathBuf;

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

/// A file under the shared real-instrument fixtures (`../shared/fixtures/eis/`
/// beside the repository), falling back to `/work/shared/fixtures/eis/`.
pub fn fixture(relative: &str) -> PathBuf {
    let beside = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/eis"
    ))
    .join(relative);
    if beside.exists() {
        beside
    } else {
        PathBuf::from("/work/shared/fixtures/eis").join(relative)
    }
}

/// A file of this repository's own test data (`tests/data/`).
pub fn data(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data")).join(relative)
}
