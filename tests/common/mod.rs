//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a file in the shared EIS fixtures: `../shared/fixtures/eis/REL`
/// beside the repository, or the workplace copy when that does not exist.
pub fn fixture(rel: &str) -> PathBuf {
    let beside = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/eis"
    ))
    .join(rel);
    if beside.exists() {
        beside
    } else {
        PathBuf::from("/work/shared/fixtures/eis").join(rel)
    }
}
