//! `ionpath simulate`, run as a program: its CSV against the closed forms
//! written naively here (moderate |x|, where they are accurate), and its
//! one-line refusals of bad flags.

mod common;

use common::{ionpath, rel};
use num_complex::Complex64;
use std::f64::consts::TAU;

/// Rows (f, Z) of a successful run's CSV, after checking the header.
fn csv(args: &[&str]) -> Vec<(f64, Complex64)> {
    let out = ionpath(args[0], &args[1..]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("freq_hz,z_re_ohm,z_im_ohm"));
    lines
        .map(|line| {
            let v: Vec<f64> = line.split(',').map(|s| s.parse().unwrap()).collect();
            assert_eq!(v.len(), 3, "{line}");
            (v[0], Complex64::new(v[1], v[2]))
        })
        .collect()
}

/// The MODELS.md table, naively: x = √(S·Y), Y given.
fn naive_line(layout: &str, r_ion: f64, r_e: f64, y: Complex64, r_bulk: f64) -> Complex64 {
    let s = r_ion + r_e;
    let x = (s * y).sqrt();
    let p = r_ion * r_e / s;
    let z = match layout {
        "ion-electron" => {
            p * (1.0 + 2.0 / (x * x.sinh()))
                + (r_ion * r_ion + r_e * r_e) / s * x.cosh() / x.sinh() / x
        }
        "ion-ion" => p + 2.0 * r_ion * r_ion / s * (x / 2.0).tanh() / x,
        _ => p + 2.0 * r_e * r_e / s * (x / 2.0).tanh() / x,
    };
    z + r_bulk
}

#[test]
fn tlm_csv_matches_the_naive_closed_forms() {
    // R_ion = 37 Ω, R_e = 2.9 Ω, C_dl = 4.7 µF: S·ω·C = 0.07 … 7e3 over
    // 60 Hz … 6 MHz, so 0.26 ≤ |x| ≤ 84.
    let freqs = "60,600,6000,6e4,6e5,6e6";
    for layout in ["ion-electron", "ion-ion", "electron-electron"] {
        let rows = csv(&[
            "simulate", "tlm", "--layout", layout, "--r-ion", "37", "--r-e", "2.9", "--c-dl",
            "4.7e-6", "--r-bulk", "1.3", "--freq", freqs,
        ]);
        assert_eq!(rows.len(), 6);
        for (f, z) in rows {
            let y = Complex64::new(0.0, TAU * f * 4.7e-6);
            let expected = naive_line(layout, 37.0, 2.9, y, 1.3);
            assert!(rel(z, expected) < 1e-6, "{layout} f={f}: {z} vs {expected}");
        }
    }
}

#[test]
fn tlm_with_cpe_and_a_log_range() {
    let rows = csv(&[
        "simulate",
        "tlm",
        "--layout",
        "ion-ion",
        "--r-ion",
        "210",
        "--r-e",
        "0.8",
        "--q",
        "3.3e-6",
        "--n",
        "0.83",
        "--freq-range",
        "1e5:10:5",
    ]);
    let expected_f = [1e5, 1e4, 1e3, 1e2, 1e1];
    assert_eq!(rows.len(), 5);
    for ((f, z), f_expected) in rows.into_iter().zip(expected_f) {
        assert!((f - f_expected).abs() <= 1e-9 * f_expected, "{f}");
        let y = Complex64::new(0.0, TAU * f).powf(0.83) * 3.3e-6;
        let expected = naive_line("ion-ion", 210.0, 0.8, y, 0.0);
        assert!(rel(z, expected) < 1e-6, "f={f}: {z} vs {expected}");
        assert!(z.im < 0.0, "capacitive behaviour has Im Z < 0: {z}");
    }
}

#[test]
fn circuit_csv_matches_a_hand_formula() {
    // R0 + (R1 ∥ CPE2) + C3: Z = R0 + R1/(1 + R1·Q·(iω)^n) + 1/(iωC).
    let rows = csv(&[
        "simulate",
        "circuit",
        "--circuit",
        "R-p(R,CPE)-C",
        "--params",
        "r0=12,r1=150,q2=2e-5,n2=0.87,c3=1e-3",
        "--freq",
        "0.5,50,5000",
    ]);
    assert_eq!(rows.len(), 3);
    for (f, z) in rows {
        let iw = Complex64::new(0.0, TAU * f);
        let expected = 12.0 + 150.0 / (1.0 + 150.0 * 2e-5 * iw.powf(0.87)) + 1.0 / (iw * 1e-3);
        assert!(rel(z, expected) < 1e-6, "f={f}: {z} vs {expected}");
    }
}

/// Fails with exit code ≠ 0 and one stderr line containing `needle`.
fn refuses(args: &[&str], needle: &str) {
    let out = ionpath(args[0], &args[1..]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} succeeded");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr} lacks {needle}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_flags_are_refused_in_one_line_naming_the_flag() {
    let tlm = |extra: &[&'static str]| {
        let mut args = vec!["simulate", "tlm", "--layout", "ion-electron"];
        args.extend_from_slice(extra);
        args
    };
    refuses(
        &tlm(&[
            "--r-ion", "-5", "--r-e", "1", "--c-dl", "1e-6", "--freq", "1",
        ]),
        "--r-ion",
    );
    refuses(
        &tlm(&[
            "--r-ion", "5", "--r-e", "NaN", "--c-dl", "1e-6", "--freq", "1",
        ]),
        "--r-e",
    );
    refuses(
        &tlm(&[
            "--r-ion", "0", "--r-e", "0", "--c-dl", "1e-6", "--freq", "1",
        ]),
        "--r-ion and --r-e",
    );
    refuses(
        &tlm(&["--r-ion", "5", "--r-e", "1", "--c-dl", "0", "--freq", "1"]),
        "--c-dl",
    );
    refuses(
        &tlm(&[
            "--r-ion", "5", "--r-e", "1", "--c-dl", "1e-6", "--freq", "1,0",
        ]),
        "--freq",
    );
    refuses(
        &tlm(&[
            "--r-ion", "5", "--r-e", "1", "--c-dl", "1e-6", "--freq", "-3",
        ]),
        "--freq",
    );
    refuses(
        &tlm(&[
            "--r-ion",
            "5",
            "--r-e",
            "1",
            "--c-dl",
            "1e-6",
            "--freq-range",
            "0:10:5",
        ]),
        "--freq-range",
    );
    refuses(
        &tlm(&[
            "--r-ion",
            "5",
            "--r-e",
            "1",
            "--c-dl",
            "1e-6",
            "--freq-range",
            "1:10",
        ]),
        "--freq-range",
    );
    refuses(
        &tlm(&[
            "--r-ion", "5", "--r-e", "1", "--c-dl", "1e-6", "--r-bulk", "-1", "--freq", "1",
        ]),
        "--r-bulk",
    );
    refuses(
        &tlm(&[
            "--r-ion", "5", "--r-e", "1", "--q", "1e-6", "--n", "1.2", "--freq", "1",
        ]),
        "--n",
    );
    // Missing or conflicting flags (clap's messages, kept to one line).
    refuses(
        &tlm(&["--r-e", "1", "--c-dl", "1e-6", "--freq", "1"]),
        "--r-ion",
    );
    refuses(
        &tlm(&["--r-ion", "5", "--r-e", "1", "--freq", "1"]),
        "--c-dl",
    );
    refuses(
        &tlm(&["--r-ion", "5", "--r-e", "1", "--c-dl", "1e-6"]),
        "--freq",
    );
    refuses(
        &tlm(&["--r-ion", "5", "--r-e", "1", "--q", "1e-6", "--freq", "1"]),
        "--n",
    );
    refuses(
        &tlm(&[
            "--r-ion", "5", "--r-e", "1", "--c-dl", "1e-6", "--q", "1e-6", "--n", "1", "--freq",
            "1",
        ]),
        "--q",
    );
    refuses(
        &tlm(&[
            "--r-ion", "x", "--r-e", "1", "--c-dl", "1e-6", "--freq", "1",
        ]),
        "--r-ion",
    );
    refuses(
        &[
            "simulate", "tlm", "--layout", "sideways", "--r-ion", "5", "--r-e", "1", "--c-dl",
            "1e-6", "--freq", "1",
        ],
        "--layout",
    );
    let circuit = |c: &'static str, p: &'static str| {
        vec![
            "simulate",
            "circuit",
            "--circuit",
            c,
            "--params",
            p,
            "--freq",
            "1",
        ]
    };
    refuses(&circuit("R-p(R,X)", "r0=1"), "--circuit: position 7");
    refuses(&circuit("R-p(R,C)", "r0=1,r1=2"), "c2");
    refuses(&circuit("R-p(R,C)", "r0=1,r1=2,c2=-1"), "c2");
    refuses(&circuit("R-p(R,C)", "r0=1,r1=2,c2=1e-6,r7=1"), "r7");
    refuses(&circuit("R", "r0"), "--params");
}

#[test]
fn help_lists_every_flag_with_its_unit() {
    let out = ionpath("simulate", &["tlm", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for (flag, unit) in [
        ("--layout", "ion-electron"),
        ("--r-ion", "Ω"),
        ("--r-e", "Ω"),
        ("--c-dl", "F"),
        ("--q", "F·s^(n-1)"),
        ("--n", "(0, 1]"),
        ("--r-bulk", "Ω"),
        ("--freq", "Hz"),
        ("--freq-range", "Hz"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{flag} ")))
            .unwrap_or("");
        assert!(line.contains(unit), "{flag}: {line:?}");
    }
    let out = ionpath("simulate", &["circuit", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--circuit", "--params", "--freq", "--freq-range"] {
        assert!(help.contains(flag), "{flag}");
    }
}
