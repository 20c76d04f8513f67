//! `ionpath fit` end to end: spectra written to a temporary folder, the
//! binary run on them, and the JSON / CSV shape checked.

mod common;

use std::path::PathBuf;

use common::{csv_cell, csv_rows, ionpath_text, param, temp_dir};

use ionpath::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use ionpath::impedance::{Interface, Layout, TwoRailLine};

/// Writes an Eq. 8 spectrum (R_e = 0) as three columns with a header.
fn write_spectrum(dir: &std::path::Path, name: &str, r_ion: f64, seed: u64) -> PathBuf {
    let line = TwoRailLine::new(
        Layout::IonElectron,
        r_ion,
        0.0,
        Interface::Capacitor { c_dl_f: 1e-6 },
        20.0,
    )
    .unwrap();
    let s = synthetic_spectrum(
        &line,
        &log_frequencies(1e6, 0.1, 71),
        0.002,
        &mut SplitMix64::new(seed),
        name,
    );
    common::write_spectrum_csv(dir, name, &s)
}

#[test]
fn json_lines_one_object_per_file() {
    let dir = temp_dir("json");
    let a = write_spectrum(&dir, "a.csv", 300.0, 1);
    let b = write_spectrum(&dir, "b.csv", 900.0, 2);
    let (ok, stdout, stderr) = ionpath_text(
        "fit",
        &[a.to_str().unwrap(), b.to_str().unwrap(), "--fix", "r_e=0"],
    );
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    for (line, (file, r_ion)) in lines.iter().zip([(&a, 300.0), (&b, 900.0)]) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["file"], file.to_str().unwrap());
        assert_eq!(v["converged"], true);
        assert!(v["chi2"].as_f64().unwrap() >= 0.0);
        for name in ["r_bulk", "r_ion", "r_e", "c_dl"] {
            let p = &param(&v, name);
            assert!(
                p["value"].is_number() && p["determined"].is_boolean(),
                "{name}: {p}"
            );
            assert!(p["stderr"].is_number() || p["stderr"].is_null());
        }
        assert_eq!(param(&v, "r_e")["value"], 0.0);
        assert!(param(&v, "r_e")["stderr"].is_null());
        let fitted = param(&v, "r_ion")["value"].as_f64().unwrap();
        assert!((fitted - r_ion).abs() < 0.02 * r_ion, "{fitted} vs {r_ion}");
        assert!(v["params"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["name"] != "q"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cpe_gives_q_and_n_and_csv_has_one_row_per_file() {
    let dir = temp_dir("csv");
    let a = write_spectrum(&dir, "a.csv", 300.0, 3);
    let b = write_spectrum(&dir, "b.csv", 500.0, 4);
    let (ok, stdout, stderr) = ionpath_text(
        "fit",
        &[
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--interface",
            "cpe",
            "--format",
            "csv",
        ],
    );
    assert!(ok, "{stderr}");
    let rows = csv_rows(&stdout);
    assert_eq!(rows.len(), 3, "{stdout}");
    let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    for col in [
        "file",
        "converged",
        "chi2",
        "r_ion",
        "r_ion_stderr",
        "r_ion_determined",
        "q",
        "n",
    ] {
        assert!(header.contains(&col), "{col} missing in {header:?}");
    }
    assert!(!header.contains(&"c_dl"));
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len(), "{row:?}");
    }
    let (ok, stdout, _) = ionpath_text(
        "fit",
        &[
            a.to_str().unwrap(),
            "--interface",
            "cpe",
            "--bound",
            "n=0.6:1",
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(param(&v, "q")["value"].is_number());
    let n = param(&v, "n")["value"].as_f64().unwrap();
    assert!(n > 0.6 && n <= 1.0, "{n}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_are_one_line_naming_the_culprit() {
    let dir = temp_dir("err");
    let missing = dir.join("missing.csv");
    let (ok, stdout, stderr) = ionpath_text("fit", &[missing.to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("missing.csv"), "{stderr}");
    // JSON mode still reports the file on stdout, as an error object.
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(v["error"].is_string());
    let a = write_spectrum(&dir, "a.csv", 300.0, 5);
    let (ok, _, stderr) = ionpath_text("fit", &[a.to_str().unwrap(), "--fix", "r_e"]);
    assert!(!ok && stderr.contains("--fix"), "{stderr}");
    let (ok, _, stderr) = ionpath_text("fit", &[a.to_str().unwrap(), "--bound", "n=1:0.5"]);
    assert!(!ok && stderr.contains("--bound"), "{stderr}");
    let (ok, _, stderr) = ionpath_text("fit", &[a.to_str().unwrap(), "--fix", "r_x=1"]);
    assert!(!ok && stderr.contains("r_x"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ion_ion_with_r_bulk_free_says_not_determined() {
    let dir = temp_dir("ii");
    let line = TwoRailLine::new(
        Layout::IonIon,
        200.0,
        50.0,
        Interface::Capacitor { c_dl_f: 1e-6 },
        20.0,
    )
    .unwrap();
    let s = synthetic_spectrum(
        &line,
        &log_frequencies(1e6, 0.1, 71),
        0.005,
        &mut SplitMix64::new(9),
        "ii",
    );
    let mut text = String::new();
    for (f, z) in s.freq_hz.iter().zip(&s.z_ohm) {
        text.push_str(&format!("{f} {} {}\n", z.re, z.im));
    }
    let path = dir.join("ii.txt");
    std::fs::write(&path, text).unwrap();
    let (ok, stdout, stderr) =
        ionpath_text("fit", &[path.to_str().unwrap(), "--layout", "ion-ion"]);
    assert!(ok, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(param(&v, "r_ion")["determined"], false);
    assert!(param(&v, "r_ion")["stderr"].is_null());
    assert!(v["notes"].to_string().contains("fix R_bulk"));
    // Along the valley R_e reaches 0: its profile interval has no lower end.
    let r_e = param(&v, "r_e");
    assert!(
        r_e["ci95"][0].is_null() && r_e["ci95"][1].is_number(),
        "{r_e}"
    );
    assert!(
        v["notes"].to_string().contains("r_e ≤") && r_e["determined"] == false,
        "{v}"
    );
    // The same fit as CSV: the open end is an empty cell, the other a number.
    let (ok, stdout, _) = ionpath_text(
        "fit",
        &[
            path.to_str().unwrap(),
            "--layout",
            "ion-ion",
            "--format",
            "csv",
        ],
    );
    assert!(ok);
    let rows = csv_rows(&stdout);
    assert_eq!(csv_cell(&rows, "r_e_ci95_lo", 1), "");
    assert!(csv_cell(&rows, "r_e_ci95_hi", 1).parse::<f64>().is_ok());
    // With R_bulk fixed at its true value the same spectrum determines R_ion.
    let (ok, stdout, _) = ionpath_text(
        "fit",
        &[
            path.to_str().unwrap(),
            "--layout",
            "ion-ion",
            "--fix",
            "r_bulk=20",
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(param(&v, "r_ion")["determined"], true);
    let r_ion = param(&v, "r_ion")["value"].as_f64().unwrap();
    assert!((r_ion - 200.0).abs() < 0.05 * 200.0, "{r_ion}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_with_geometry_adds_sigma_eff_and_tau_computed_by_hand() {
    let dir = temp_dir("derived");
    let a = write_spectrum(&dir, "a.csv", 250.0, 9);
    let (ok, stdout, stderr) = ionpath_text(
        "fit",
        &[
            a.to_str().unwrap(),
            "--fix",
            "r_e=0",
            "--format",
            "csv",
            "--thickness-um",
            "100",
            "--area-cm2",
            "2",
            "--epsilon",
            "0.4",
            "--sigma-i-ms-per-cm",
            "1",
        ],
    );
    assert!(ok, "{stderr}");
    let rows = csv_rows(&stdout);
    let cell = |name: &str| -> f64 { csv_cell(&rows, name, 1).parse().unwrap() };
    // The right model with 1 % noise: the verdict lets σ_eff and τ through.
    assert_eq!(csv_cell(&rows, "verdict", 1), "good");
    assert_eq!(csv_cell(&rows, "model", 1), "tlm ion-electron capacitor");
    // Eq. 3 on the ionic rail, then Eq. 17, written out: L = 0.01 cm, A = 2 cm².
    let r_ion = cell("r_ion");
    assert!((r_ion / 250.0 - 1.0).abs() < 0.02, "r_ion = {r_ion}");
    let sigma_eff = 0.01 / (r_ion * 2.0);
    let tau = 0.4 * 1e-3 / sigma_eff;
    assert!((cell("derived_sigma_eff_s_per_cm") / sigma_eff - 1.0).abs() < 1e-12);
    assert!((cell("derived_tortuosity") / tau - 1.0).abs() < 1e-12);
    assert!((cell("derived_bruggeman_alpha") - (-tau.ln() / 0.4f64.ln())).abs() < 1e-12);
    // Relative standard errors carry over from R_ion to σ_eff and τ.
    let rel = cell("r_ion_stderr") / r_ion;
    assert!(
        (cell("derived_tortuosity_stderr") / cell("derived_tortuosity") / rel - 1.0).abs() < 1e-9
    );
    // The profile interval of R_ion around its value, and its ends through
    // Eq. 3 and 17: σ_eff's ends swap, τ's follow.
    let (lo, hi) = (cell("r_ion_ci95_lo"), cell("r_ion_ci95_hi"));
    assert!(lo < r_ion && r_ion < hi, "[{lo}, {hi}]");
    let sigma_lo = 0.01 / (hi * 2.0);
    assert!((cell("derived_sigma_eff_s_per_cm_ci95_lo") / sigma_lo - 1.0).abs() < 1e-12);
    assert!(
        (cell("derived_tortuosity_ci95_hi") / (0.4 * 1e-3 * hi * 2.0 / 0.01) - 1.0).abs() < 1e-12
    );
}

#[test]
fn json_and_csv_name_the_rival_of_an_ion_electron_fit() {
    // Rails of similar size, R_bulk free, 1 % noise (draw 16): the fit lands
    // on the other branch and names the truth's rails as its rival.
    let line = common::rivalled_line();
    let s = synthetic_spectrum(
        &line,
        &log_frequencies(1e6, 0.1, 71),
        0.01,
        &mut SplitMix64::new(16),
        "rivalled",
    );
    let mut text = String::from("freq_hz,z_re_ohm,z_im_ohm\n");
    for (f, z) in s.freq_hz.iter().zip(&s.z_ohm) {
        text.push_str(&format!("{f},{},{}\n", z.re, z.im));
    }
    let dir = temp_dir("rival");
    let path = dir.join("rivalled.csv");
    std::fs::write(&path, text).unwrap();
    let clear = write_spectrum(&dir, "clear.csv", 300.0, 1);

    let (ok, stdout, stderr) = ionpath_text("fit", &[path.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let rival = &v["rival"];
    let excess = rival["excess_chi2_per_dof"].as_f64().unwrap();
    assert!((0.0..9.0).contains(&excess), "{rival}");
    let names: Vec<&str> = rival["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["r_bulk", "r_ion", "r_e", "c_dl"], "{rival}");
    // --ionic-rail larger (the default) names the rival's rails as the fit's.
    let (r_ion, r_e) = (
        param(rival, "r_ion")["value"].as_f64().unwrap(),
        param(rival, "r_e")["value"].as_f64().unwrap(),
    );
    assert!(
        r_ion >= r_e && (r_ion - 48.75).abs() < 0.02 * 48.75,
        "{rival}"
    );
    let fitted = param(&v, "r_ion")["value"].as_f64().unwrap();
    assert!((fitted - 48.75).abs() > 0.3 * 48.75, "{v}");

    // Eq. 8 with R_e fixed looks for no rival: no key.
    let (ok, stdout, stderr) = ionpath_text("fit", &[clear.to_str().unwrap(), "--fix", "r_e=0"]);
    assert!(ok, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(v.get("rival").is_none(), "{v}");

    // CSV: the rival's columns after the fit's, empty when there is none.
    let (ok, stdout, stderr) = ionpath_text(
        "fit",
        &[
            path.to_str().unwrap(),
            clear.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert!(ok, "{stderr}");
    let rows = csv_rows(&stdout);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{stdout}");
    let r_ion: f64 = csv_cell(&rows, "rival_r_ion", 1).parse().unwrap();
    assert!((r_ion - 48.75).abs() < 0.02 * 48.75, "{stdout}");
    assert!(csv_cell(&rows, "rival_excess_chi2_per_dof", 1)
        .parse::<f64>()
        .is_ok());
    // The clear fit names no rival: its rival cells are empty.
    assert_eq!(csv_cell(&rows, "rival_r_ion", 2), "");
}
