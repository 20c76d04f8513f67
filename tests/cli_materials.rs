//! `ionpath materials` run as a program: the library as JSON and CSV, every
//! number with a source, and one-line errors.

mod common;

use common::ionpath;
use std::process::Output;

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Every object with a numeric "value" must carry a non-empty "source"; returns how many.
fn count_sourced(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(map) => {
            let own = if map.get("value").is_some_and(|x| x.is_number()) {
                let src = map.get("source").and_then(|s| s.as_str()).unwrap_or("");
                assert!(!src.trim().is_empty(), "value without source: {v}");
                1
            } else {
                0
            };
            own + map.values().map(count_sourced).sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter().map(count_sourced).sum(),
        _ => 0,
    }
}

#[test]
fn json_lists_every_group_with_unit_keys_and_sources() {
    let text = stdout(&ionpath("materials", &["--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for group in [
        "active_materials",
        "solid_electrolytes",
        "carbons",
        "current_collectors",
    ] {
        assert!(
            v[group].as_array().is_some_and(|a| !a.is_empty()),
            "{group}"
        );
    }
    let lgps = v["solid_electrolytes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "lgps")
        .unwrap();
    assert_eq!(lgps["sigma_s_per_cm_25c"]["value"].as_f64(), Some(0.012));
    assert_eq!(lgps["activation_energy_ev"]["value"].as_f64(), Some(0.25));
    // 12 active × 3 + 10 SEs × 2 (+ 5 activation energies) + 4 carbons + 4 collectors,
    // plus the disagreeing "other" values — each with a source.
    assert!(
        count_sourced(&v) >= 12 * 3 + 10 * 2 + 4 + 4,
        "{}",
        count_sourced(&v)
    );
}

#[test]
fn csv_has_one_sourced_line_per_property() {
    let text = stdout(&ionpath("materials", &["--format", "csv"]));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("group,id,name,property,value,typical,source,other_value,other_source")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 12 * 3 + 10 * 2 + 4 + 4);
    let lco = rows
        .iter()
        .find(|r| r.starts_with("active_material,lco,") && r.contains("density_g_per_cm3"))
        .unwrap();
    assert!(lco.contains(",5.05,") && lco.contains("Kato"), "{lco}");
}

#[test]
fn other_sets_as_json_and_csv() {
    let tau = stdout(&ionpath(
        "materials",
        &["--set", "tortuosity", "--format", "csv"],
    ));
    assert!(
        tau.lines()
            .any(|l| l.starts_with("kato2018-cathode,dense,0.571,2.47,")),
        "{tau}"
    );
    let table: serde_json::Value =
        serde_json::from_str(&stdout(&ionpath("materials", &["--set", "table1"]))).unwrap();
    assert_eq!(table.as_array().map(Vec::len), Some(7));
    let presets: serde_json::Value =
        serde_json::from_str(&stdout(&ionpath("materials", &["--set", "presets"]))).unwrap();
    assert!(presets
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "kato2018"));
}

#[test]
fn errors_are_one_line_naming_the_flag() {
    for args in [
        &["--set", "presets", "--format", "csv"][..],
        &["--format", "xml"][..],
    ] {
        let out = ionpath("materials", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("--format") || err.contains("format"), "{err}");
    }
}
