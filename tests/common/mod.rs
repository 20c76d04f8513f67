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

/// The fields of every line of RFC 4180 CSV text (quoted fields may hold
/// commas, quotes and line breaks): a reader independent of `ionpath::io::csv`.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

/// The column `name` of CSV `rows` (header first) in row `k`.
pub fn csv_cell<'a>(rows: &'a [Vec<String>], name: &str, k: usize) -> &'a str {
    let col = rows[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]));
    &rows[k][col]
}

/// The parameter `name` of a fit report's `params` array.
pub fn param<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["params"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("no parameter {name} in {report}"))
}

/// Writes `spectrum` to `dir/name` as three columns with a header
/// (freq_hz, z_re_ohm, z_im_ohm; `ionpath::io::csv::to_csv`, whose numbers
/// read back exactly) and returns the path.
pub fn write_spectrum_csv(
    dir: &std::path::Path,
    name: &str,
    spectrum: &ionpath::Spectrum,
) -> PathBuf {
    let path = dir.join(name);
    let text = ionpath::io::csv::to_csv(std::slice::from_ref(spectrum));
    std::fs::write(&path, text).expect("a file in the temporary folder");
    path
}
