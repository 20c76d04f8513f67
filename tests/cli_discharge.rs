//! `ionpath discharge` and `ionpath fit-discharge` run as programs: the CSV
//! blocks, the JSON beside Eq. 19, a user's OCP table, the fit round trip,
//! and one-line errors naming the flag or the file and line.

mod common;

use common::{ionpath, ionpath_text, temp_dir};

/// A mild NMC811 cathode against Li metal (library OCP).
fn design(ocp: &str) -> Vec<String> {
    [
        "--thickness-um",
        "80",
        "--epsilon",
        "0.35",
        "--active-fraction",
        "0.55",
        "--tau",
        "2",
        "--sigma-i-ms-per-cm",
        "1",
        "--sigma-e-eff-ms-per-cm",
        "500",
        "--radius-um",
        "4",
        "--diffusivity-cm2-per-s",
        "1e-10",
        "--c-max-mol-per-l",
        "63.1",
        "--theta0",
        "0.3",
        "--ocp",
        ocp,
        "--i0-ma-per-cm2",
        "0.1",
        "--separator-um",
        "30",
        "--r0",
        "5",
        "--v-cutoff",
        "3.5",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn with(mut base: Vec<String>, extra: &[&str]) -> Vec<String> {
    base.extend(extra.iter().map(|s| s.to_string()));
    base
}

/// Rows (current, t, Q, V) of the CSV output.
fn rows(csv: &str) -> Vec<[f64; 4]> {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("current_ma_cm2,time_s,capacity_mah_cm2,voltage_v")
    );
    lines
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|c| c.parse().unwrap()).collect();
            [v[0], v[1], v[2], v[3]]
        })
        .collect()
}

#[test]
fn csv_has_one_block_per_current_ending_at_the_cutoff() {
    let (ok, out, err) = ionpath_text(
        "discharge",
        &with(design("nmc811"), &["--current-ma-cm2", "1,4"]),
    );
    assert!(ok, "{err}");
    let rows = rows(&out);
    for current in [1.0, 4.0] {
        let block: Vec<&[f64; 4]> = rows.iter().filter(|r| r[0] == current).collect();
        assert!(block.len() > 20, "{current}: {} rows", block.len());
        assert_eq!(block[0][1], 0.0);
        // Capacity is I·t in mAh/cm² (mA/cm² × s / 3600), rising with time.
        for r in &block {
            assert!((r[2] - current * r[1] / 3600.0).abs() <= 1e-9 * (1.0 + r[2]));
        }
        assert!(block.windows(2).all(|w| w[1][1] > w[0][1]));
        // Located on the cut-off, not the last step past it.
        assert_eq!(block.last().unwrap()[3], 3.5);
        assert!(block.iter().all(|r| r[3] >= 3.5 && r[3] < 4.4));
    }
    // Blocks in the order given; the higher current delivers less.
    let first_4 = rows.iter().position(|r| r[0] == 4.0).unwrap();
    assert!(rows[..first_4].iter().all(|r| r[0] == 1.0));
    let end = |c: f64| rows.iter().rfind(|r| r[0] == c).unwrap()[2];
    assert!(end(4.0) < end(1.0));
}

#[test]
fn json_puts_eq19_and_the_diagnosis_beside_each_curve() {
    let (ok, out, err) = ionpath_text(
        "discharge",
        &with(
            design("nmc811"),
            &["--current-ma-cm2", "2", "--format", "json"],
        ),
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &v["curves"][0];
    assert_eq!(c["current_ma_cm2"], 2.0);
    assert_eq!(c["end"], "cut-off");
    let delivered = c["delivered_mah_cm2"].as_f64().unwrap();
    let points = c["points"].as_array().unwrap();
    let last = points.last().unwrap()["capacity_mah_cm2"].as_f64().unwrap();
    assert!((delivered - last).abs() < 1e-12);
    let eq19 = c["eq19_mah_cm2"].as_f64().unwrap();
    let gap = c["eq19_overestimate"].as_f64().unwrap();
    assert!((gap - (eq19 - delivered) / delivered).abs() < 1e-9);
    assert!(c["diagnosis"].as_str().unwrap().contains("window"));
    assert_eq!(c["final_profile"]["x_um"].as_array().unwrap().len(), 20);
}

/// A user's OCP table (the NMC811 fit of Chen et al. 2020 tabulated here
/// from the printed formula) gives the library curve's capacity to 0.5 %.
#[test]
fn user_ocp_table_matches_the_library_fit() {
    let dir = temp_dir("discharge-ocp");
    let path = dir.join("nmc811.csv");
    let mut text = String::from("stoichiometry,potential_v\n");
    for k in 0..=200 {
        let x = 0.2 + 0.799 * k as f64 / 200.0;
        let u = -0.8090 * x + 4.4875
            - 0.0428 * (18.5138 * (x - 0.5542)).tanh()
            - 17.7326 * (15.7890 * (x - 0.3117)).tanh()
            + 17.5842 * (15.9308 * (x - 0.3120)).tanh();
        text.push_str(&format!("{x},{u}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let end = |ocp: &str| {
        let (ok, out, err) =
            ionpath_text("discharge", &with(design(ocp), &["--current-ma-cm2", "2"]));
        assert!(ok, "{err}");
        rows(&out).last().unwrap()[2]
    };
    let table = end(path.to_str().unwrap());
    let fit = end("nmc811");
    assert!((table / fit - 1.0).abs() < 5e-3, "{table} vs {fit}");
}

#[test]
fn bad_ocp_files_and_flags_are_one_line_errors() {
    let dir = temp_dir("discharge-bad");
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "stoichiometry,potential_v\n0.2,4.2\n0.6,3.9\n0.5,3.8\n0.9,3.6\n",
    )
    .unwrap();
    let bad_path = bad.to_str().unwrap().to_string();
    let few = dir.join("few.csv");
    std::fs::write(&few, "stoichiometry,potential_v\n0.2,4.2\n0.6,3.9\n").unwrap();
    let few_path = few.to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (
            with(design(&bad_path), &["--current-ma-cm2", "1"]),
            vec!["bad.csv", "line 4"],
        ),
        (
            with(design(&few_path), &["--current-ma-cm2", "1"]),
            vec!["few.csv", "too few"],
        ),
        (
            with(design("unobtainium"), &["--current-ma-cm2", "1"]),
            vec!["--ocp", "nmc811"],
        ),
        (
            with(design("nmc811"), &["--current-ma-cm2", "1,-2"]),
            vec!["--current-ma-cm2"],
        ),
        (
            with(design("nmc811"), &["--current-ma-cm2", "1", "--cells", "1"]),
            vec!["--cells"],
        ),
    ];
    for (args, words) in cases {
        let out = ionpath("discharge", &args);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        for w in words {
            assert!(err.contains(w), "{w} missing in {err}");
        }
    }
    // A bad value names its flag.
    let mut args = design("nmc811");
    let k = args.iter().position(|a| a == "--epsilon").unwrap();
    args[k + 1] = "1.5".into();
    let (ok, _, err) = ionpath_text("discharge", &with(args, &["--current-ma-cm2", "1"]));
    assert!(!ok && err.contains("--epsilon"), "{err}");
    // τ or Bruggeman, not both.
    let (ok, _, err) = ionpath_text(
        "discharge",
        &with(
            design("nmc811"),
            &["--current-ma-cm2", "1", "--alpha", "0.5"],
        ),
    );
    assert!(!ok && err.lines().count() == 1, "{err}");
}

/// Curves written by `ionpath discharge` read back into `fit-discharge`,
/// which finds the σ_eff and i0 they were made with from starts 2× off.
#[test]
fn fit_discharge_recovers_the_parameters_of_its_own_curves() {
    let dir = temp_dir("fit-discharge");
    let coarse = ["--cells", "6", "--shells", "4"];
    let (ok, out, err) = ionpath_text(
        "discharge",
        &with(
            with(design("nmc811"), &coarse),
            &["--current-ma-cm2", "1,4"],
        ),
    );
    assert!(ok, "{err}");
    let data = dir.join("curves.csv");
    std::fs::write(&data, out).unwrap();
    let mut start = with(design("nmc811"), &coarse);
    let k = start.iter().position(|a| a == "--tau").unwrap();
    start[k + 1] = "4".into(); // σ_eff half the truth
    let k = start.iter().position(|a| a == "--i0-ma-per-cm2").unwrap();
    start[k + 1] = "0.2".into();
    let mut args = vec![data.to_str().unwrap().to_string()];
    args.extend(start);
    args.extend(["--fit".to_string(), "sigma-eff,i0".to_string()]);
    let (ok, out, err) = ionpath_text("fit-discharge", &args);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("parameter,value,lower_95,upper_95,unit"));
    let value = |name: &str| -> f64 {
        out.lines()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap()
    };
    // σ_eff = σ_i·ε/τ = 1 mS/cm·0.35/2.
    assert!((value("sigma-eff") / 0.175 - 1.0).abs() < 0.02, "{out}");
    assert!((value("i0") / 0.1 - 1.0).abs() < 0.05, "{out}");
    assert!((value("tau") / 2.0 - 1.0).abs() < 0.02, "{out}");
}

/// The OCP library is listed with a source per curve, and each id works as `--ocp`.
#[test]
fn materials_lists_the_ocp_curves_with_sources() {
    let (ok, out, err) = ionpath_text("materials", &["--set", "ocp"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let curves = v.as_array().unwrap();
    let ids: Vec<&str> = curves.iter().map(|c| c["id"].as_str().unwrap()).collect();
    for id in ["nmc811", "nmc532", "lfp", "lco", "graphite", "lto"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(curves
        .iter()
        .all(|c| c["source"].as_str().unwrap().len() > 20));
    let (ok, out, _) = ionpath_text("materials", &["--set", "ocp", "--format", "csv"]);
    assert!(ok && out.starts_with("id,name,c_max_mol_per_l,source\n"));
}

/// Kato et al.'s LCO/LGPS/graphite full cell given by flags (the anode's
/// published τ_a = 3.32 with the σ_i that keeps its σ_eff,a = 0.21 mS/cm)
/// gives the library's `cases::kato2018` curve, built by hand there with
/// the shared σ_i and τ_a = ε·σ_i/σ_eff,a instead.
#[test]
fn a_composite_anode_by_flags_is_katos_full_cell() {
    use ionpath::discharge::{cases::kato2018, discharge, SolverOptions};
    use ionpath::materials::ocp_data::find_ocp;
    let cathode_um = 150.0;
    let c_max = |id: &str| find_ocp(id).unwrap().c_max_mol_per_l.to_string();
    let args: Vec<String> = [
        "--thickness-um".to_string(),
        cathode_um.to_string(),
        "--epsilon".into(),
        "0.571".into(),
        "--active-fraction".into(),
        "0.381".into(),
        "--tau".into(),
        "2.47".into(),
        "--sigma-i-ms-per-cm".into(),
        (2.47 * 0.73 / 0.571).to_string(),
        "--sigma-e-eff-ms-per-cm".into(),
        "100".into(),
        "--radius-um".into(),
        "10".into(),
        "--diffusivity-cm2-per-s".into(),
        "1e-9".into(),
        "--c-max-mol-per-l".into(),
        c_max("lco"),
        "--theta0".into(),
        "0.465".into(),
        "--ocp".into(),
        "lco".into(),
        "--i0-ma-per-cm2".into(),
        "0.049".into(),
        "--separator-um".into(),
        "0".into(),
        "--r0".into(),
        "8".into(),
        "--v-cutoff".into(),
        "2.5".into(),
        "--anode-thickness-um".into(),
        (1.1 * 953.0 * cathode_um / 1298.0).to_string(),
        "--anode-epsilon".into(),
        "0.571".into(),
        "--anode-active-fraction".into(),
        "0.429".into(),
        "--anode-tau".into(),
        "3.32".into(),
        "--anode-sigma-i-ms-per-cm".into(),
        (0.21 * 3.32 / 0.571).to_string(),
        "--anode-sigma-e-eff-ms-per-cm".into(),
        "1000".into(),
        "--anode-radius-um".into(),
        "5.86".into(),
        "--anode-diffusivity-cm2-per-s".into(),
        "3.3e-10".into(),
        "--anode-c-max-mol-per-l".into(),
        c_max("graphite"),
        "--anode-theta0".into(),
        "0.97".into(),
        "--anode-ocp".into(),
        "graphite".into(),
        "--anode-i0-ma-per-cm2".into(),
        "0.034".into(),
    ]
    .into();
    let (ok, out, err) = ionpath_text(
        "discharge",
        &with(args.clone(), &["--current-ma-cm2", "2", "--format", "json"]),
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &v["curves"][0];
    assert_eq!(c["end"], "cut-off");
    assert_eq!(
        c["anode_final_profile"]["x_um"].as_array().unwrap().len(),
        20
    );
    let by_hand = discharge(
        &kato2018(cathode_um).unwrap(),
        2e-3,
        &SolverOptions::default(),
        &[],
    )
    .unwrap();
    let delivered = c["delivered_mah_cm2"].as_f64().unwrap();
    let expected = by_hand.delivered_c_per_cm2 / 3.6;
    assert!(
        (delivered / expected - 1.0).abs() < 1e-4,
        "{delivered} vs {expected} mAh/cm²"
    );

    // An anode flag without the anode's thickness, or the thickness
    // without the rest: one line naming the flags.
    let thickness = args
        .iter()
        .position(|a| a == "--anode-thickness-um")
        .unwrap();
    let mut no_thickness = args.clone();
    no_thickness.drain(thickness..thickness + 2);
    let mut no_ocp = args.clone();
    let ocp = no_ocp.iter().position(|a| a == "--anode-ocp").unwrap();
    no_ocp.drain(ocp..ocp + 2);
    let mut bad_theta = args.clone();
    let theta = bad_theta
        .iter()
        .position(|a| a == "--anode-theta0")
        .unwrap();
    bad_theta[theta + 1] = "1.2".into();
    for (args, words) in [
        (no_thickness, ["--anode-epsilon", "--anode-thickness-um"]),
        (no_ocp, ["--anode-ocp", "required"]),
        (bad_theta, ["--anode-theta0", "1.2"]),
    ] {
        let out = ionpath("discharge", &with(args, &["--current-ma-cm2", "2"]));
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        for w in words {
            assert!(err.contains(w), "{w} missing in {err}");
        }
    }
}
