//! `ionpath energy` run as a program: a stack computed by hand here, an
//! Eq. 19 rate-limited case, the Ragone series, one-line errors.

mod common;

use common::ionpath;

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = ionpath("energy", &all);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v[0].clone()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

#[test]
fn hand_computed_li_metal_stack() {
    // LCO/AB/LGPS 61/3/36 wt% (5.05/2.00/2.00 g/cm³), 100 µm, no voids:
    // ρ = 1/(0.61/5.05 + 0.03/2 + 0.36/2) = 1/0.315792 = 3.16664 g/cm³ → 0.0316664 g/cm².
    // LGPS separator 30 µm × 2.0 = 0.006; Li excess 20 µm × 0.534 = 0.001068;
    // Al 12 µm × 2.70 = 0.00324; Cu 8 µm × 8.96 = 0.007168. Sum 0.0491424 g/cm².
    // Separator R = 0.003 cm / 0.012 S/cm = 0.25 Ω·cm² → 0.25 mV at 1 mA/cm²,
    // so 2 mAh/cm² at 3.79975 V: 7.5995 mWh/cm² → 7.5995e-3/0.0491424e-3 = 154.642 Wh/kg.
    // Plated Li 2/(3861 × 0.534) cm = 9.7004 µm → 179.7004 µm of stack
    // → 7.5995e-3 / 1.797004e-5 L = 422.898 Wh/L.
    let v = json(&[
        "--u-c",
        "3.8",
        "--delivered-mah",
        "2",
        "--current-ma",
        "1",
        "--separator-um",
        "30",
    ]);
    assert!(
        close(v["areal_mass_g_per_cm2"].as_f64().unwrap(), 0.0491424, 1e-5),
        "{v}"
    );
    assert!(
        close(v["wh_per_kg"].as_f64().unwrap(), 154.642, 1e-5),
        "{v}"
    );
    assert!(close(v["wh_per_l"].as_f64().unwrap(), 422.898, 1e-5), "{v}");
    assert_eq!(v["target"]["wh_per_kg"].as_f64(), Some(400.0));
    assert_eq!(v["meets_wh_per_kg"].as_bool(), Some(false));
}

#[test]
fn eq19_rate_limited_half_cell() {
    // φ_LCO = 0.120792/0.315792 = 0.382505; q = 0.382505 × 5.05 × 137 × 3.6 = 952.69 C/cm³.
    // ε = 0.57000, σ_SE = 1 mS/cm, τ = 5.7 → σ_eff = 0.57 × 1e-3 / 5.7 = 1e-4 S/cm.
    // Separator 30 µm: R_0 = 0.003/0.001 = 3 Ω·cm² → 0.03 V at 10 mA/cm².
    // Eq. 19 (half cell): C = q·σ·(U_c − V_cutoff − R_0·i)/i = 952.69 × 1e-4 × 1.27 / 0.01
    // = 12.099 C/cm² = 3.361 mAh/cm² < full (300 µm: 7.94 mAh/cm²), so the
    // voltage runs from 3.77 V to the 2.5 V cut-off: mean 3.135 V.
    let v = json(&[
        "--u-c",
        "3.8",
        "--thickness-um",
        "300",
        "--sigma-se-ms",
        "1",
        "--tau-c",
        "5.7",
        "--current-ma",
        "10",
        "--separator-um",
        "30",
    ]);
    assert!(
        close(v["delivered_mah_per_cm2"].as_f64().unwrap(), 3.3609, 2e-4),
        "{v}"
    );
    assert!(
        close(v["mean_voltage_v"].as_f64().unwrap(), 3.135, 1e-9),
        "{v}"
    );
}

#[test]
fn ragone_series_trades_energy_for_power() {
    let out = ionpath(
        "energy",
        &[
            "--thickness-um",
            "300",
            "--sigma-se-ms",
            "1",
            "--ragone",
            "0.1:20:6",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 6);
    for w in rows.windows(2) {
        assert!(w[1][3] <= w[0][3] && w[1][5] > w[0][5], "{w:?}");
    }
    assert!(rows[5][3] < rows[0][3], "energy should fall at 20 mA/cm²");
}

#[test]
fn composite_anode_uses_the_li_ion_target() {
    let v = json(&["--anode", "graphite"]);
    assert_eq!(v["target"]["wh_per_l"].as_f64(), Some(1000.0));
}

#[test]
fn errors_are_one_line_naming_the_flag() {
    for (args, flag) in [
        (&["--cathode", "unobtainium"][..], "--cathode"),
        (&["--composition", "61/3/30"][..], "--composition"),
        (&["--ragone", "1:2"][..], "--ragone"),
        (
            &["--anode", "graphite", "--anode-thickness-um", "-5"][..],
            "--anode-thickness-um",
        ),
        (&["--r0", "-1"][..], "--r0"),
        (&["--thickness-um", "nan"][..], "--thickness-um"),
    ] {
        let out = ionpath("energy", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(flag), "{args:?}: {err}");
    }
}
