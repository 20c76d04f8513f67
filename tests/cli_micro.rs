//! `ionpath micro tau|metrics|generate`: JSON lines / CSV on success, one
//! line naming the flag or file and exit code 2 on failure.

mod common;

use std::path::Path;

use common::{ionpath, ionpath_text, temp_dir};
use serde_json::Value;

fn generate(out: &Path, seed: &str) -> (bool, String, String) {
    let out = out.to_str().unwrap();
    ionpath_text(
        "micro",
        &[
            "generate",
            "--size-um",
            "16,12,12",
            "--voxel-um",
            "0.5",
            "--am",
            "0.5",
            "--se",
            "0.35",
            "--carbon",
            "0.05",
            "--void",
            "0.1",
            "--d-am-um",
            "4",
            "--d-am-sd-um",
            "0.8",
            "--d-se-um",
            "1.5",
            "--seed",
            seed,
            "-o",
            out,
        ],
    )
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn generate_writes_the_recipe_and_the_same_seed_gives_the_same_file() {
    let dir = temp_dir("micro-generate");
    let (a, b, c) = (dir.join("a.tif"), dir.join("b.tif"), dir.join("c.tif"));
    let (ok, out, err) = generate(&a, "7");
    assert!(ok, "{err}");
    let summary = &json_lines(&out)[0];
    assert_eq!(summary["shape"], serde_json::json!([32, 24, 24]));
    for (key, want) in [("am", 0.5), ("se", 0.35), ("carbon", 0.05), ("void", 0.1)] {
        let got = summary[key].as_f64().unwrap();
        assert!((got - want).abs() <= 0.01, "{key}: {got}");
    }
    assert!(generate(&b, "7").0 && generate(&c, "8").0);
    let read = |p: &Path| std::fs::read(p).unwrap();
    assert_eq!(read(&a), read(&b));
    assert_ne!(read(&a), read(&c));
    // The written stack reads back with the voxel size and the labels.
    let v = ionpath::micro::io::read_volume("a.tif", &read(&a), &Default::default()).unwrap();
    assert_eq!((v.shape, v.voxel_um), ([32, 24, 24], 0.5));
}

#[test]
fn tau_of_straight_channels_is_one_and_across_them_none() {
    // A raw volume named with its shape: channels of label 1 along x.
    let dir = temp_dir("micro-channels");
    let file = dir.join("channels_12x6x6.raw");
    let bytes: Vec<u8> = (0..12 * 36).map(|v| u8::from((v % 36) % 7 == 0)).collect();
    std::fs::write(&file, bytes).unwrap();
    let (ok, out, err) = ionpath_text("micro", &["tau", file.to_str().unwrap(), "--axis", "all"]);
    assert!(ok, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    let tau = lines[0]["tau"].as_f64().unwrap();
    assert!((tau - 1.0).abs() < 1e-12, "{tau}");
    assert_eq!(lines[0]["percolates"], true);
    for l in &lines[1..] {
        assert_eq!(
            (l["tau"].clone(), l["percolates"].clone()),
            (Value::Null, Value::Bool(false))
        );
        assert!(l["reason"]
            .as_str()
            .unwrap()
            .contains("connects the two faces"));
    }
}

#[test]
fn tau_and_metrics_of_a_generated_electrode() {
    let dir = temp_dir("micro-tau");
    let file = dir.join("e.tif");
    assert!(generate(&file, "3").0);
    let f = file.to_str().unwrap();
    let (ok, out, err) = ionpath_text("micro", &["tau", f, "--phase", "2", "--axis", "all"]);
    assert!(ok, "{err}");
    for l in json_lines(&out) {
        let tau = l["tau"].as_f64().unwrap();
        let eps = l["volume_fraction"].as_f64().unwrap();
        assert!(tau > 1.0 && (eps - 0.35).abs() < 0.01, "{l}");
        assert!((l["relative_conductivity"].as_f64().unwrap() - eps / tau).abs() < 1e-12);
        assert!(l["residual"].as_f64().unwrap() <= 1e-6 && l["iterations"].as_u64().unwrap() > 0);
    }
    // CSV: a header and one row; SE and carbon conduct (ε = 0.35 + 0.05).
    let (ok, out, err) = ionpath_text(
        "micro",
        &[
            "tau",
            f,
            "--conductivity",
            "2=1",
            "--conductivity",
            "3=2",
            "--format",
            "csv",
        ],
    );
    assert!(ok, "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "file,axis,tau,volume_fraction,relative_conductivity,percolates,iterations,residual"
    );
    let cells: Vec<&str> = rows[1].split(',').collect();
    assert_eq!(cells[1], "x");
    assert!(
        (cells[3].parse::<f64>().unwrap() - 0.4).abs() < 0.01,
        "{}",
        rows[1]
    );
    // Metrics: fractions add up, utilisation between 0 and 1.
    let (ok, out, err) = ionpath_text("micro", &["metrics", f]);
    assert!(ok, "{err}");
    let m: Value = serde_json::from_str(out.trim()).unwrap();
    let sum: f64 = m["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["volume_fraction"].as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-12);
    let u = m["utilisation"]["fraction"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&u), "{u}");
    assert!(m["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["labels"] == serde_json::json!([1, 2])));
}

#[test]
fn failures_are_one_line_naming_the_flag_or_file() {
    let dir = temp_dir("micro-errors");
    let file = dir.join("e.tif");
    assert!(generate(&file, "1").0);
    let f = file.to_str().unwrap();
    let cut = dir.join("cut.tif");
    std::fs::write(&cut, &std::fs::read(&file).unwrap()[..500]).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["tau", "no/such.tif"], "no/such.tif"),
        (
            vec!["tau", cut.to_str().unwrap(), "--phase", "2"],
            "cut.tif",
        ),
        (vec!["tau", f], "--phase"),
        (vec!["tau", f, "--conductivity", "2=-1"], "--conductivity"),
        (vec!["tau", f, "--phase", "x"], "--phase"),
        (vec!["tau", f, "--phase", "300"], "label 300"),
        (
            vec!["tau", f, "--phase", "2", "--voxel-um", "0"],
            "--voxel-um",
        ),
        (vec!["metrics", f, "--shape", "1,2"], "--shape"),
        (
            vec![
                "generate",
                "--size-um",
                "10",
                "--voxel-um",
                "0.5",
                "--am",
                "0.5",
                "--se",
                "0.5",
                "--carbon",
                "0.1",
                "--void",
                "0",
                "--d-am-um",
                "3",
                "--d-se-um",
                "1",
                "--seed",
                "1",
                "-o",
                "x.tif",
            ],
            "add up to",
        ),
        (
            vec![
                "generate",
                "--size-um",
                "10",
                "--voxel-um",
                "0.5",
                "--am",
                "0.5",
                "--se",
                "0.5",
                "--carbon",
                "0",
                "--void",
                "0",
                "--d-am-um",
                "8",
                "--d-se-um",
                "1",
                "--seed",
                "1",
                "-o",
                "x.tif",
            ],
            "--d-am-um",
        ),
    ];
    for (args, needle) in cases {
        let out = ionpath("micro", &args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
