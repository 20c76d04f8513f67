//! `ionpath fit-conductivity`, `fit-tortuosity` and `fit-rate` run as a
//! program on tables written here from known parameters (exact, and with
//! seeded noise): the values are recovered within the reported intervals
//! and agree with regressions and Eq. 19 written out independently here;
//! bad tables and flags end with one line naming the file and line or flag.

mod common;

use std::path::{Path, PathBuf};

use common::{ionpath_text, temp_dir};
use ionpath::fit::synth::SplitMix64;
use serde_json::Value;

/// k_B in eV/K and 1 eV in kJ/mol (CODATA), written here rather than taken from the crate.
const K_B: f64 = 8.617_333_262e-5;
const KJ_PER_MOL_PER_EV: f64 = 96.485_332_12;

fn write_table(dir: &Path, name: &str, header: &str, rows: &[(f64, f64)]) -> PathBuf {
    let mut text = format!("{header}\n");
    for (a, b) in rows {
        text.push_str(&format!("{a},{b}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs a subcommand that must succeed; its JSON lines.
fn json_lines(subcommand: &str, args: &[&str]) -> Vec<Value> {
    let (ok, stdout, stderr) = ionpath_text(subcommand, args);
    assert!(ok, "{subcommand} {args:?}: {stderr}");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn param(v: &Value, name: &str) -> (f64, f64, f64, f64) {
    let p = &v["params"][name];
    (
        p["value"].as_f64().unwrap(),
        p["stderr"].as_f64().unwrap(),
        p["ci95"][0].as_f64().unwrap(),
        p["ci95"][1].as_f64().unwrap(),
    )
}

/// Ordinary least squares y = a + b·x: (a, b, se_a, se_b, Σ residual²).
fn ols(x: &[f64], y: &[f64]) -> (f64, f64, f64, f64, f64) {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxx: f64 = x.iter().map(|x| (x - mx).powi(2)).sum();
    let sxy: f64 = x.iter().zip(y).map(|(x, y)| (x - mx) * (y - my)).sum();
    let b = sxy / sxx;
    let a = my - b * mx;
    let rss: f64 = x.iter().zip(y).map(|(x, y)| (y - a - b * x).powi(2)).sum();
    let s2 = rss / (n - 2.0);
    let sxx2: f64 = x.iter().map(|x| x * x).sum();
    (a, b, (s2 * sxx2 / (n * sxx)).sqrt(), (s2 / sxx).sqrt(), rss)
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

#[test]
fn arrhenius_plain_equals_an_independent_regression_of_ln_sigma_on_inverse_t() {
    let dir = temp_dir("arrhenius-plain");
    // σ = σ0·exp(−E_A/k_BT), σ0 = 500 S/cm, E_A = 0.30 eV, 0–100 °C, 2 % log-normal noise.
    let mut rng = SplitMix64::new(11);
    let rows: Vec<(f64, f64)> = (0..11)
        .map(|k| {
            let t_c = 10.0 * k as f64;
            let sigma =
                500.0 * (-0.30 / (K_B * (t_c + 273.15))).exp() * (0.02 * rng.normal()).exp();
            (t_c, sigma * 1e3)
        })
        .collect();
    let file = write_table(&dir, "s.csv", "temperature_c,sigma_ms_per_cm", &rows);
    let v = &json_lines(
        "fit-conductivity",
        &[file.to_str().unwrap(), "--model", "arrhenius-plain"],
    )[0];
    let x: Vec<f64> = rows.iter().map(|r| 1.0 / (r.0 + 273.15)).collect();
    let y: Vec<f64> = rows.iter().map(|r| (r.1 * 1e-3).ln()).collect();
    let (a, b, se_a, se_b, rss) = ols(&x, &y);
    let (ea, ea_se, lo, hi) = param(v, "activation_energy");
    assert!(close(ea, -b * K_B, 1e-9), "{ea} vs {}", -b * K_B);
    assert!(close(ea_se, se_b * K_B, 1e-6));
    // 9 degrees of freedom: Student's t = 2.262 (tables), not 1.96.
    assert!(close(hi - ea, 2.262 * ea_se, 1e-3) && close(ea - lo, 2.262 * ea_se, 1e-3));
    assert!(lo < 0.30 && 0.30 < hi, "[{lo}, {hi}]");
    let (s0, s0_se, s0_lo, s0_hi) = param(v, "sigma_0");
    assert!(close(s0, a.exp() * 1e3, 1e-9), "σ0 in mS/cm");
    assert!(close(s0_se, se_a * a.exp() * 1e3, 1e-6));
    assert!(close(s0_lo, (a - 2.262 * se_a).exp() * 1e3, 1e-3));
    assert!(close(s0_hi, (a + 2.262 * se_a).exp() * 1e3, 1e-3));
    assert!(s0_lo < 5e5 && 5e5 < s0_hi);
    assert!(close(v["chi2"].as_f64().unwrap(), rss, 1e-9));
    assert_eq!(v["dof"], 9);
    assert_eq!(v["params"]["sigma_0"]["unit"], "mS/cm");
    assert_eq!(v["residuals"].as_array().unwrap().len(), 11);
}

#[test]
fn arrhenius_eq1_recovers_exact_data_and_covers_the_truth_with_noise() {
    let dir = temp_dir("arrhenius");
    // Eq. 1: σ = (σ0/T)·exp(−E_A/k_BT), σ0 = 1e3 S·K/cm, E_A = 0.25 eV.
    let law = |t: f64| 1e3 / t * (-0.25 / (K_B * t)).exp();
    let temps: Vec<f64> = (0..8).map(|k| 250.0 + 20.0 * k as f64).collect();
    let exact: Vec<(f64, f64)> = temps.iter().map(|&t| (t, law(t))).collect();
    let exact_file = write_table(&dir, "exact.csv", "T (K),sigma (S/cm)", &exact);
    let v = &json_lines(
        "fit-conductivity",
        &[exact_file.to_str().unwrap(), "--energy-unit", "kj-per-mol"],
    )[0];
    assert!(close(
        param(v, "activation_energy").0,
        0.25 * KJ_PER_MOL_PER_EV,
        1e-8
    ));
    assert_eq!(v["params"]["activation_energy"]["unit"], "kJ/mol");
    assert!(
        close(param(v, "sigma_0").0, 1e6, 1e-7),
        "1e3 S·K/cm = 1e6 mS·K/cm"
    );
    // 40 noisy tables (1 % log-normal) in one call: the 95 % intervals
    // should hold the truth about 38 times (binomial sd 1.4); fewer than 33
    // would mean the intervals are too narrow.
    let mut rng = SplitMix64::new(5);
    let files: Vec<String> = (0..40)
        .map(|k| {
            let rows: Vec<(f64, f64)> = temps
                .iter()
                .map(|&t| (t, law(t) * (0.01 * rng.normal()).exp()))
                .collect();
            write_table(
                &dir,
                &format!("n{k}.csv"),
                "temperature_k,sigma_s_per_cm",
                &rows,
            )
            .display()
            .to_string()
        })
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let lines = json_lines("fit-conductivity", &args);
    assert_eq!(lines.len(), 40);
    let covered = |name: &str, truth: f64| {
        lines
            .iter()
            .filter(|v| {
                let (_, _, lo, hi) = param(v, name);
                lo <= truth && truth <= hi
            })
            .count()
    };
    assert!(
        covered("activation_energy", 0.25) >= 33,
        "{}",
        covered("activation_energy", 0.25)
    );
    assert!(covered("sigma_0", 1e6) >= 33, "{}", covered("sigma_0", 1e6));
}

#[test]
fn vtf_recovers_known_parameters_within_its_intervals() {
    let dir = temp_dir("vtf");
    // σ = A·T^(−½)·exp(−B/(T − T0)), A = 2 S·K^½/cm, B = 1200 K, T0 = 190 K, in °C and mS/cm.
    let law = |t: f64| 2.0 / t.sqrt() * (-1200.0 / (t - 190.0)).exp();
    let mut rng = SplitMix64::new(3);
    let rows: Vec<(f64, f64)> = (0..12)
        .map(|k| {
            let t = 270.0 + 10.0 * k as f64;
            (t - 273.15, law(t) * 1e3 * (0.003 * rng.normal()).exp())
        })
        .collect();
    let file = write_table(&dir, "vtf.csv", "T (°C);conductivity [mS/cm]", &[]);
    // Semicolon-separated with decimal commas, as some instruments write.
    let mut text = std::fs::read_to_string(&file).unwrap();
    for (a, b) in &rows {
        text.push_str(&format!(
            "{};{}\n",
            a.to_string().replace('.', ","),
            b.to_string().replace('.', ",")
        ));
    }
    std::fs::write(&file, text).unwrap();
    let v = &json_lines(
        "fit-conductivity",
        &[file.to_str().unwrap(), "--model", "vtf"],
    )[0];
    for (name, truth) in [
        ("a", 2e3),
        ("b", 1200.0),
        ("t0", 190.0),
        ("activation_energy", 1200.0 * K_B),
    ] {
        let (value, _, lo, hi) = param(v, name);
        assert!(
            lo <= truth && truth <= hi,
            "{name}: {value} in [{lo}, {hi}], truth {truth}"
        );
    }
    assert_eq!(v["dof"], 9);
    assert!(v["notes"].as_array().unwrap().is_empty(), "{}", v["notes"]);
    // T0 = 190 K lies well inside [0, T_min − 1 K] = [0, 269] K.
    assert!(v["params"]["t0"].get("at_bound").is_none(), "{v}");
}

#[test]
fn bruggeman_matches_regressions_of_ln_tau_on_ln_epsilon() {
    let dir = temp_dir("bruggeman");
    // τ = 1.4·ε^(−0.9), 3 % log-normal noise, ε given in %.
    let mut rng = SplitMix64::new(8);
    let eps: Vec<f64> = (0..9).map(|k| 0.2 + 0.075 * k as f64).collect();
    let rows: Vec<(f64, f64)> = eps
        .iter()
        .map(|&e| (100.0 * e, 1.4 * e.powf(-0.9) * (0.03 * rng.normal()).exp()))
        .collect();
    let file = write_table(&dir, "tau.csv", "epsilon (%),tau", &rows);
    let v = &json_lines("fit-tortuosity", &[file.to_str().unwrap()])[0];
    let x: Vec<f64> = eps.iter().map(|e| e.ln()).collect();
    let y: Vec<f64> = rows.iter().map(|r| r.1.ln()).collect();
    let (a, b, _, se_b, _) = ols(&x, &y);
    let (alpha, alpha_se, lo, hi) = param(v, "alpha");
    assert!(close(alpha, -b, 1e-9) && close(alpha_se, se_b, 1e-6));
    assert!(lo < 0.9 && 0.9 < hi);
    let (k, _, k_lo, k_hi) = param(v, "k");
    assert!(close(k, a.exp(), 1e-9));
    assert!(k_lo < 1.4 && 1.4 < k_hi);
    // With k held at 1: the regression through the origin, α = −Σ ln ε·ln τ / Σ (ln ε)².
    let v = &json_lines("fit-tortuosity", &[file.to_str().unwrap(), "--fix-k", "1"])[0];
    let through_origin =
        -x.iter().zip(&y).map(|(x, y)| x * y).sum::<f64>() / x.iter().map(|x| x * x).sum::<f64>();
    assert!(close(param(v, "alpha").0, through_origin, 1e-9));
    assert_eq!(v["params"]["k"]["fixed"], true);
    assert_eq!(v["dof"], 8);
}

/// Eq. 19 (MODELS.md) in mAh/cm², written out here: C = K·(U_c − U_a −
/// V_cutoff − R_0·i)/i with K = 1/(1/(q_c·σ_c) + 1/(q_a·σ_a)), q in C/cm³
/// (×3.6 from mAh/cm³), σ in S/cm, i in A/cm².
fn eq19_mah(
    q_c: f64,
    s_c: f64,
    anode: Option<(f64, f64)>,
    window_v: f64,
    r0: f64,
    i_ma: f64,
) -> f64 {
    let mut inv_k = 1.0 / (q_c * 3.6 * s_c * 1e-3);
    if let Some((q_a, s_a)) = anode {
        inv_k += 1.0 / (q_a * 3.6 * s_a * 1e-3);
    }
    let i = i_ma * 1e-3;
    (window_v - r0 * i) / i / inv_k / 3.6
}

const KATO: [&str; 10] = [
    "--q-c",
    "264.7",
    "--q-a",
    "360.5",
    "--u-c",
    "4.1",
    "--u-a",
    "0.1",
    "--v-cutoff",
    "2.5",
];

#[test]
fn eq19_fit_recovers_either_electrodes_sigma_and_tau() {
    let dir = temp_dir("rate");
    let currents = [1.0, 2.0, 4.0, 6.0, 8.0, 10.0];
    let anode = Some((360.5, 0.21));
    let mut rng = SplitMix64::new(4);
    let rows: Vec<(f64, f64)> = currents
        .iter()
        .map(|&i| {
            (
                i,
                eq19_mah(264.7, 0.73, anode, 1.5, 8.0, i) * (1.0 + 0.01 * rng.normal()),
            )
        })
        .collect();
    let file = write_table(&dir, "rate.csv", "current_ma_cm2,capacity_mah_cm2", &rows);
    let f = file.to_str().unwrap();
    let mut args = vec![
        f,
        "--r0",
        "8",
        "--sigma-a",
        "0.21",
        "--epsilon",
        "0.5",
        "--sigma-i-ms-per-cm",
        "12",
    ];
    args.extend(KATO);
    let v = &json_lines("fit-rate", &args)[0];
    let (s, _, lo, hi) = param(v, "sigma_eff");
    assert!(lo < 0.73 && 0.73 < hi, "σ_c {s} in [{lo}, {hi}]");
    assert_eq!(v["params"]["sigma_eff"]["unit"], "mS/cm");
    let (tau, _, t_lo, t_hi) = param(v, "tau");
    assert!(close(tau, 0.5 * 12.0 / s, 1e-12));
    assert!(close(t_lo, 6.0 / hi, 1e-12) && close(t_hi, 6.0 / lo, 1e-12));
    // Residuals are in mAh/cm²: measured minus Eq. 19 at the fitted σ.
    let res = v["residuals"].as_array().unwrap();
    for (r, (i, c)) in res.iter().zip(&rows) {
        let fitted = eq19_mah(264.7, s, anode, 1.5, 8.0, *i);
        assert!(
            (r.as_f64().unwrap() - (c - fitted)).abs() < 1e-6 * c,
            "{r} vs {}",
            c - fitted
        );
    }
    // Exact data, anode fitted with the cathode known: 0.21 mS/cm to 1e-6.
    let exact: Vec<(f64, f64)> = currents
        .iter()
        .map(|&i| (i, eq19_mah(264.7, 0.73, anode, 1.5, 8.0, i)))
        .collect();
    let file = write_table(
        &dir,
        "exact.csv",
        "current (mA/cm²),capacity (mAh/cm²)",
        &exact,
    );
    let mut args = vec![
        file.to_str().unwrap(),
        "--r0",
        "8",
        "--fit",
        "anode",
        "--sigma-c",
        "0.73",
        "--format",
        "csv",
    ];
    args.extend(KATO);
    let (ok, out, err) = ionpath_text("fit-rate", &args);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "sigma_eff_ms_per_cm")
        .unwrap();
    assert!(close(row[col].parse().unwrap(), 0.21, 1e-6), "{}", row[col]);
    assert_eq!(row[1], "eq19-anode");
}

#[test]
fn half_cell_fit_against_li_metal() {
    let dir = temp_dir("rate-half");
    let rows: Vec<(f64, f64)> = [0.5, 1.0, 3.0]
        .iter()
        .map(|&i| (i, eq19_mah(500.0, 0.1, None, 3.7, 20.0, i)))
        .collect();
    let file = write_table(&dir, "half.csv", "current_ma_cm2,capacity_mah_cm2", &rows);
    let v = &json_lines(
        "fit-rate",
        &[
            file.to_str().unwrap(),
            "--q-c",
            "500",
            "--u-c",
            "3.7",
            "--u-a",
            "0",
            "--v-cutoff",
            "0",
            "--r0",
            "20",
        ],
    )[0];
    assert!(close(param(v, "sigma_eff").0, 0.1, 1e-6));
}

/// Runs a subcommand that must fail with exit 2, nothing on stdout and one
/// line on stderr holding every one of `needles`.
fn fails_naming(subcommand: &str, args: &[&str], needles: &[&str]) {
    let out = common::ionpath(subcommand, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: {err:?} does not name {n:?}");
    }
}

#[test]
fn bad_tables_and_flags_are_one_line_naming_where() {
    let dir = temp_dir("bad-tables");
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let not_number = write(
        "nan.csv",
        "temperature_c,sigma_ms_per_cm\n25,1\n# note\n50,abc\n75,3\n",
    );
    fails_naming(
        "fit-conductivity",
        &[&not_number],
        &["nan.csv:4", "column 2", "abc"],
    );
    let no_unit = write("nounit.csv", "temperature,sigma_ms_per_cm\n25,1\n");
    fails_naming(
        "fit-conductivity",
        &[&no_unit],
        &["nounit.csv:1", "column 1", "unit"],
    );
    let odd_unit = write("odd.csv", "temperature_c,sigma (ohm)\n25,1\n");
    fails_naming(
        "fit-conductivity",
        &[&odd_unit],
        &["odd.csv:1", "column 2", "ohm"],
    );
    let headless = write("headless.csv", "25,1\n50,2\n75,3\n");
    fails_naming(
        "fit-conductivity",
        &[&headless],
        &["headless.csv:1", "header"],
    );
    let cold = write(
        "cold.csv",
        "temperature_c,sigma_ms_per_cm\n25,1\n-300,2\n75,3\n",
    );
    fails_naming(
        "fit-conductivity",
        &[&cold],
        &["cold.csv:3", "column 1", "absolute zero"],
    );
    let short = write("short.csv", "temperature_k,sigma_s_per_cm\n300,1e-3\n320\n");
    fails_naming("fit-conductivity", &[&short], &["short.csv:3", "column 2"]);
    let two = write(
        "two.csv",
        "temperature_k,sigma_s_per_cm\n300,1e-3\n320,2e-3\n",
    );
    fails_naming("fit-conductivity", &[&two], &["two.csv", "at least 3"]);
    let negative = write(
        "neg.csv",
        "temperature_k,sigma_s_per_cm\n300,1e-3\n320,-2e-3\n340,3e-3\n",
    );
    fails_naming(
        "fit-conductivity",
        &[&negative],
        &["neg.csv:3", "column 2", "> 0"],
    );
    fails_naming(
        "fit-conductivity",
        &["no/such/table.csv"],
        &["no/such/table.csv"],
    );
    let eps_one = write("eps.csv", "epsilon,tau\n0.4,2\n1.0,1\n0.6,1.5\n");
    fails_naming(
        "fit-tortuosity",
        &[&eps_one],
        &["eps.csv:3", "column 1", "between 0 and 1"],
    );
    let no_tau = write("notau.csv", "epsilon,porosity\n0.4,2\n");
    fails_naming("fit-tortuosity", &[&no_tau], &["notau.csv:1", "tau"]);
    let good_eps = write("good.csv", "epsilon,tau\n0.4,2\n0.5,1.7\n0.6,1.5\n");
    fails_naming(
        "fit-tortuosity",
        &[&good_eps, "--fix-k", "-1"],
        &["--fix-k"],
    );
    let rate = write("rate.csv", "current_ma_cm2,capacity_mah_cm2\n1,10\n2,5\n");
    let base = [
        "--q-c",
        "264.7",
        "--u-c",
        "4.1",
        "--u-a",
        "0.1",
        "--v-cutoff",
        "2.5",
        "--r0",
        "8",
    ];
    // The base with `extra` appended; a flag of `extra` replaces the base's.
    let with = |extra: &[&'static str]| -> Vec<String> {
        let mut v: Vec<String> = vec![rate.clone()];
        for pair in base.chunks(2) {
            if !extra.contains(&pair[0]) {
                v.extend(pair.iter().map(|s| s.to_string()));
            }
        }
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    for (extra, flag) in [
        (&["--fit", "anode"][..], "--q-a"),
        (&["--q-a", "360"][..], "--sigma-a"),
        (&["--epsilon", "0.4"][..], "--sigma-i-ms-per-cm"),
        (&["--r0", "-1"][..], ">= 0"),
        (&["--q-c", "0"][..], "--q-c"),
        (&["--sigma-c", "0.7"][..], "--sigma-c"),
    ] {
        let args = with(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails_naming("fit-rate", &args, &[flag]);
    }
    // R_0·i beyond the voltage window: Eq. 19 gives no capacity.
    let heavy = write(
        "heavy.csv",
        "current_ma_cm2,capacity_mah_cm2\n1,10\n500,1\n",
    );
    let mut args = vec![heavy.as_str()];
    args.extend(base);
    fails_naming("fit-rate", &args, &["heavy.csv", "point 2"]);
}

#[test]
fn vtf_says_when_t0_sits_at_a_bound_of_its_range() {
    // σ·√T = A·exp(−B/T) exactly: the VTF law with T0 = 0, the lower end of
    // the range [0, T_min − 1 K], so the bound, not the data, places T0. And
    // the law with T0 = 259.5 K, past the upper end T_min − 1 K = 259 K.
    let dir = temp_dir("vtf-edge");
    let table = |name: &str, law: &dyn Fn(f64) -> f64| {
        let rows: Vec<(f64, f64)> = (0..8)
            .map(|k| 260.0 + 20.0 * k as f64)
            .map(|t| (t, law(t)))
            .collect();
        write_table(&dir, name, "temperature_k,sigma_s_per_cm", &rows)
    };
    let low = table("low.csv", &|t| 5.0 / t.sqrt() * (-2000.0 / t).exp());
    let high = table("high.csv", &|t| {
        1.0 / t.sqrt() * (-30.0 / (t - 259.5)).exp()
    });
    let files = [low.to_str().unwrap(), high.to_str().unwrap()];
    let mut args = files.to_vec();
    args.extend(["--model", "vtf"]);
    let lines = json_lines("fit-conductivity", &args);
    for (v, side, bound, range) in [
        (&lines[0], "lower", 0.0, "t0 ≥ 0 K"),
        (&lines[1], "upper", 259.0, "t0 ≤ 259 K"),
    ] {
        let t0 = &v["params"]["t0"];
        assert_eq!(t0["at_bound"]["side"], side, "{t0}");
        assert_eq!(t0["at_bound"]["value"].as_f64(), Some(bound), "{t0}");
        assert!((t0["value"].as_f64().unwrap() - bound).abs() < 1e-3, "{t0}");
        // No error bar; the interval is one-sided, its end there the bound.
        assert!(t0["stderr"].is_null(), "{t0}");
        let end = if side == "lower" { 0 } else { 1 };
        assert_eq!(t0["ci95"][end].as_f64(), Some(bound), "{t0}");
        for other in ["a", "b", "activation_energy"] {
            assert!(v["params"][other].get("at_bound").is_none(), "{v}");
        }
        // The impedance fits' sentence, with the data in place of the spectrum.
        let notes = v["notes"].as_array().unwrap();
        let expected = format!(
            "t0 sits at its bound ({range}): the fit would take it past the bound, \
             so the bound sets its value, not the data"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.as_str().unwrap().starts_with(&expected)),
            "{notes:?}"
        );
    }
    // CSV: the side and the bound in columns of their own.
    args.extend(["--format", "csv"]);
    let (ok, out, err) = ionpath_text("fit-conductivity", &args);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let side = header.iter().position(|h| *h == "t0_k_at_bound_side");
    let bound = header.iter().position(|h| *h == "t0_k_at_bound");
    let (Some(side), Some(bound)) = (side, bound) else {
        panic!("{header:?}");
    };
    for (line, (want_side, want_bound)) in lines.zip([("lower", 0.0), ("upper", 259.0)]) {
        let row: Vec<&str> = line.split(',').collect();
        assert_eq!(row[side], want_side, "{line}");
        assert_eq!(row[bound].parse::<f64>().unwrap(), want_bound, "{line}");
    }
}
