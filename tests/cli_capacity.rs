//! `ionpath capacity` run as a program: CSV against Eq. 19 written out here,
//! half cells, clamping, and one-line errors naming the flag.

mod common;

use common::ionpath;
use std::process::Output;

/// Kato et al.'s cell in display units: q in mAh/cm³ (953 and 1298 C/cm³ are
/// 264.7 and 360.5 mAh/cm³), σ in mS/cm.
const KATO: [&str; 14] = [
    "--q-c",
    "264.7",
    "--sigma-c",
    "0.73",
    "--q-a",
    "360.5",
    "--sigma-a",
    "0.21",
    "--u-c",
    "4.1",
    "--u-a",
    "0.1",
    "--v-cutoff",
    "2.5",
];

fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(extra).copied().collect()
}

/// Eq. 19 (MODELS.md) in mAh/cm², unclamped: C = (1/i)·(1/(q_c·σ_c) + 1/(q_a·σ_a))^(−1)
/// ·(U_c − U_a − V_cutoff − R_0·i), all converted to C/cm³, S/cm, A/cm² here.
fn eq19_mah(
    q_c_mah: f64,
    s_c_ms: f64,
    anode: Option<(f64, f64)>,
    window_v: f64,
    r0: f64,
    i_ma: f64,
) -> f64 {
    let i = i_ma / 1000.0;
    let mut resistance = 1.0 / (q_c_mah * 3.6 * s_c_ms / 1000.0);
    if let Some((q_a_mah, s_a_ms)) = anode {
        resistance += 1.0 / (q_a_mah * 3.6 * s_a_ms / 1000.0);
    }
    (window_v - r0 * i) / (resistance * i) / 3.6
}

fn parse_csv(out: &Output) -> Vec<(f64, f64, String)> {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("current_ma_cm2,capacity_mah_cm2,limit"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3, "{l}");
            (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                f[2].to_string(),
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

#[test]
fn full_cell_matches_eq19_and_kato() {
    let out = ionpath(
        "capacity",
        &with(&KATO, &["--r0", "8", "--current", "1,6,12.5"]),
    );
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 3);
    for (i, c, limit) in &rows {
        assert_eq!(limit, "ohmic");
        let expected = eq19_mah(264.7, 0.73, Some((360.5, 0.21)), 1.5, 8.0, *i);
        assert!(close(*c, expected), "{i}: {c} vs {expected}");
    }
    // Kato et al.: 13.2 mAh/cm² at 6 mA/cm².
    assert!((rows[1].1 - 13.2).abs() < 0.05, "{}", rows[1].1);
}

#[test]
fn half_cell_drops_the_anode() {
    let args = [
        "--q-c",
        "264.7",
        "--sigma-c",
        "0.73",
        "--u-c",
        "4.25",
        "--u-a",
        "0",
        "--v-cutoff",
        "3",
        "--r0",
        "20",
        "--current",
        "0.5,5",
    ];
    for (i, c, limit) in parse_csv(&ionpath("capacity", &args)) {
        assert_eq!(limit, "ohmic");
        let expected = eq19_mah(264.7, 0.73, None, 1.25, 20.0, i);
        assert!(close(c, expected), "{i}: {c} vs {expected}");
    }
}

#[test]
fn clamped_cases_name_their_limit() {
    // 600 µm cathode: 264.7 mAh/cm³ · 0.06 cm = 15.882 mAh/cm².
    let out = ionpath(
        "capacity",
        &with(
            &KATO,
            &["--r0", "8", "--l-c", "600", "--current", "1,6,200"],
        ),
    );
    let rows = parse_csv(&out);
    assert_eq!(rows[0].2, "cathode-full");
    assert!(close(rows[0].1, 15.882));
    assert_eq!(rows[1].2, "ohmic");
    // 200 mA/cm² · 8 Ω·cm² = 1.6 V > 1.5 V window.
    assert_eq!((rows[2].1, rows[2].2.as_str()), (0.0, "none-delivered"));
    // A 20 µm anode holds 360.5 · 0.002 = 0.721 mAh/cm².
    let out = ionpath(
        "capacity",
        &with(
            &KATO,
            &["--r0", "8", "--l-c", "600", "--l-a", "20", "--current", "1"],
        ),
    );
    let rows = parse_csv(&out);
    assert_eq!(rows[0].2, "anode-full");
    assert!(close(rows[0].1, 0.721));
}

#[test]
fn bad_flags_give_one_line_naming_the_flag() {
    let half = [
        "--q-c",
        "264.7",
        "--sigma-c",
        "0.73",
        "--u-c",
        "4.1",
        "--u-a",
        "0",
        "--v-cutoff",
        "2.5",
    ];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (with(&half, &["--r0", "-1", "--current", "1"]), "--r0"),
        (with(&half, &["--r0", "NaN", "--current", "1"]), "--r0"),
        (with(&half, &["--r0", "8", "--current", ""]), "--current"),
        (
            with(&half, &["--r0", "8", "--current", "1,-2"]),
            "--current",
        ),
        (with(&half, &["--r0", "8", "--current", "1,x"]), "--current"),
        (with(&half, &["--r0", "8", "--current", "0"]), "--current"),
        (
            with(&half, &["--r0", "8", "--current", "1", "--l-c", "0"]),
            "--l-c",
        ),
        (
            with(&half, &["--r0", "8", "--current", "1", "--q-a", "300"]),
            "--sigma-a",
        ),
        (
            with(&half, &["--r0", "8", "--current", "1", "--sigma-a", "0.2"]),
            "--q-a",
        ),
        (
            with(&half, &["--r0", "8", "--current", "1", "--l-a", "50"]),
            "--l-a",
        ),
        (with(&half, &["--current", "1"]), "--r0"),
        (with(&half, &["--r0", "abc", "--current", "1"]), "--r0"),
        (
            [
                "--q-c",
                "-5",
                "--sigma-c",
                "1",
                "--u-c",
                "4",
                "--u-a",
                "0",
                "--v-cutoff",
                "3",
                "--r0",
                "1",
                "--current",
                "1",
            ]
            .to_vec(),
            "--q-c",
        ),
        (
            [
                "--q-c",
                "5",
                "--sigma-c",
                "0",
                "--u-c",
                "4",
                "--u-a",
                "0",
                "--v-cutoff",
                "3",
                "--r0",
                "1",
                "--current",
                "1",
            ]
            .to_vec(),
            "--sigma-c",
        ),
        (
            [
                "--q-c",
                "5",
                "--sigma-c",
                "1",
                "--u-c",
                "inf",
                "--u-a",
                "0",
                "--v-cutoff",
                "3",
                "--r0",
                "1",
                "--current",
                "1",
            ]
            .to_vec(),
            "--u-c",
        ),
    ];
    for (args, flag) in cases {
        let out = ionpath("capacity", &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(flag),
            "{args:?}: {stderr} does not name {flag}"
        );
    }
}

#[test]
fn help_lists_every_flag_with_its_unit() {
    let out = ionpath("capacity", &["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for (flag, unit) in [
        ("--q-c", "mAh/cm³"),
        ("--sigma-c", "mS/cm"),
        ("--q-a", "mAh/cm³"),
        ("--sigma-a", "mS/cm"),
        ("--u-c", "V"),
        ("--u-a", "V"),
        ("--v-cutoff", "V"),
        ("--r0", "Ω·cm²"),
        ("--l-c", "µm"),
        ("--l-a", "µm"),
        ("--current", "mA/cm²"),
    ] {
        let line = help
            .lines()
            .position(|l| l.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("{flag} missing"));
        // The description is on the flag's line or the next one.
        let text: String = help.lines().skip(line).take(2).collect();
        assert!(text.contains(unit), "{flag}: {text}");
    }
}
