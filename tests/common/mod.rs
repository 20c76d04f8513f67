//! Helpers shared by integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

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
