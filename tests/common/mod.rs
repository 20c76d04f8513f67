//! Helpers shared by integration tests. `ladder` is an independent,
//! discretised solution of the two-rail line, against which the closed forms
//! are checked; `fixture` finds the shared real-instrument files; `ionpath`
//! runs the command-line program and `temp_dir` gives each test a folder;
//! `rivalled_line` is an ion–electron line whose spectrum a second branch of
//! solutions matches within 1 % noise.
#![allow(dead_code)]

pub mod ladder;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output};

use ionpath::impedance::{Interface, Layout, TwoRailLine};
use num_complex::Complex64;

/// Rails of similar size with R_bulk free: a second branch (R_ion about
/// half, R_bulk larger, a small second rail) keeps both intercepts, the 45°
/// slope and C_dl; its best fit to this line's noise-free spectrum is 0.24 σ
/// away at 1 % noise (fit_bench branches, seed 1).
pub fn rivalled_line() -> TwoRailLine {
    TwoRailLine::new(
        Layout::IonElectron,
        48.75,
        39.49,
        Interface::Capacitor { c_dl_f: 8.0e-7 },
        28.19,
    )
    .expect("valid parameters")
}

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

/// Runs `ionpath SUBCOMMAND ARGS…` (the binary built for these tests).
pub fn ionpath<S: AsRef<OsStr>>(subcommand: &str, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ionpath"))
        .arg(subcommand)
        .args(args)
        .output()
        .expect("the ionpath binary runs")
}

/// [`ionpath`] as (success, stdout, stderr).
pub fn ionpath_text<S: AsRef<OsStr>>(subcommand: &str, args: &[S]) -> (bool, String, String) {
    let out = ionpath(subcommand, args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A fresh, empty folder under the system temp dir, unique to `tag` and
/// this test process.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ionpath-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Writes `spectrum` to `dir/name` as three columns with a header
/// (freq_hz, z_re_ohm, z_im_ohm) and returns the path.
pub fn write_spectrum_csv(
    dir: &std::path::Path,
    name: &str,
    spectrum: &ionpath::Spectrum,
) -> PathBuf {
    let mut text = String::from("freq_hz,z_re_ohm,z_im_ohm\n");
    for (f, z) in spectrum.freq_hz.iter().zip(&spectrum.z_ohm) {
        text.push_str(&format!("{f},{},{}\n", z.re, z.im));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a file in the temporary folder");
    path
}
