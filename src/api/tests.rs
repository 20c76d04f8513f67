use num_complex::Complex64;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::*;

/// Calls `f` as `api.js` does, with the JSON text `input` read as its input.
fn call<I: DeserializeOwned, O: Serialize>(
    name: &str,
    input: &str,
    f: impl Fn(&I) -> Result<O>,
) -> Result<String> {
    let input: I = read(name, &mut serde_json::Deserializer::from_str(input))?;
    Ok(serde_json::to_string(&f(&input)?).unwrap())
}

fn simulate_tlm_json(input: &str) -> Result<String> {
    call("simulateTlm", input, simulate_tlm)
}

fn capacity_json(input: &str) -> Result<String> {
    call("capacity", input, capacity)
}

fn fit_json(input: &str) -> Result<String> {
    call("fit", input, |i| fit(i).map(|r| r.to_json()))
}

fn reply(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn floats(v: &Value, key: &str) -> Vec<f64> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn ion_electron_line_with_no_electronic_resistance_is_de_levie() {
    // Eq. 8 written out independently: Z = R_bulk + sqrt(R_ion/Y)·coth(sqrt(R_ion·Y)), Y = iωC.
    let (r_ion, c, r_bulk) = (120.0, 2e-6, 15.0);
    let out = simulate_tlm_json(
        r#"{"layout":"ion-electron","r_ion_ohm":120,"r_e_ohm":0,"r_bulk_ohm":15,"c_dl_f":2e-6,"freq_hz":[0.1,10,1000,100000]}"#,
    )
    .unwrap();
    let v = reply(&out);
    let (f, re, im) = (
        floats(&v, "freq_hz"),
        floats(&v, "re_ohm"),
        floats(&v, "im_ohm"),
    );
    assert_eq!(f, vec![0.1, 10.0, 1000.0, 100000.0]);
    for k in 0..f.len() {
        let y = Complex64::new(0.0, 2.0 * std::f64::consts::PI * f[k] * c);
        let x = (y * r_ion).sqrt();
        let coth = x.cosh() / x.sinh();
        let z = r_bulk + (Complex64::from(r_ion) / y).sqrt() * coth;
        assert!(
            (re[k] - z.re).abs() < 1e-9 * z.norm(),
            "re at {}: {} vs {}",
            f[k],
            re[k],
            z.re
        );
        assert!(
            (im[k] - z.im).abs() < 1e-9 * z.norm(),
            "im at {}: {} vs {}",
            f[k],
            im[k],
            z.im
        );
    }
}

#[test]
fn ion_ion_line_at_low_frequency_is_r_ion_plus_bulk() {
    // Electron blocking with R_e = 0: 2R·tanh(x/2)/x → R_ion as ω → 0 (no DC blocking).
    let out = simulate_tlm_json(
        r#"{"layout":"ion-ion","r_ion_ohm":50,"r_e_ohm":0,"r_bulk_ohm":5,"q":1e-6,"n":0.9,"freq_hz":[1e-6]}"#,
    )
    .unwrap();
    let v = reply(&out);
    assert!((floats(&v, "re_ohm")[0] - 55.0).abs() < 1e-3);
    assert!(floats(&v, "im_ohm")[0].abs() < 1e-2);
}

#[test]
fn simulate_refuses_bad_input_naming_it() {
    let bad = [
        (
            r#"{"layout":"ion-ion","r_ion_ohm":1,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[1],"rion":3}"#,
            "rion",
        ),
        (
            r#"{"layout":"sideways","r_ion_ohm":1,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[1]}"#,
            "sideways",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":1,"r_e_ohm":0,"c_dl_f":1e-6,"q":1,"n":1,"freq_hz":[1]}"#,
            "either",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":1,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[]}"#,
            "freq_hz",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":1,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[1,-2]}"#,
            "freq_hz",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":-1,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[1]}"#,
            "r_ion_ohm",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":0,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[1]}"#,
            "both 0",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":1,"r_e_ohm":0,"q":1e-6,"n":1.5,"freq_hz":[1]}"#,
            "n",
        ),
        (
            r#"{"layout":"ion-ion","r_ion_ohm":1,"r_e_ohm":0,"c_dl_f":1e-6,"freq_hz":[null]}"#,
            "input",
        ),
        ("not json", "simulateTlm input"),
    ];
    for (input, named) in bad {
        let err = simulate_tlm_json(input).unwrap_err().to_string();
        assert!(err.contains(named), "{input} → {err}");
    }
}

/// A half cell: q = 360 C/cm³ (100 mAh/cm³), σ_eff = 1e-4 S/cm, U_c − V_cut = 0.7 V, R_0 = 10 Ω·cm².
const HALF_CELL: &str = r#""cathode":{"capacity_c_per_cm3":360,"sigma_eff_s_per_cm":1e-4,"thickness_cm":0.1},"u_c_v":3.7,"v_cutoff_v":3.0,"r0_ohm_cm2":10"#;

#[test]
fn capacity_follows_eq19_by_hand() {
    let out = capacity_json(&format!(
        r#"{{{HALF_CELL},"currents_a_per_cm2":[1e-3,1e-2,0.1]}}"#
    ))
    .unwrap();
    let v = reply(&out);
    let points = v.as_array().unwrap();
    // i = 1 mA/cm²: K = 360·1e-4 = 0.036; (0.7 − 0.01)·0.036/1e-3 = 24.84 C/cm² < q·L = 36: ohmic.
    assert_eq!(points[0]["limit"], "ohmic");
    assert!((points[0]["capacity_c_per_cm2"].as_f64().unwrap() - 24.84).abs() < 1e-9);
    assert!((points[0]["full_c_per_cm2"].as_f64().unwrap() - 36.0).abs() < 1e-9);
    // i = 10 mA/cm²: (0.7 − 0.1)·0.036/1e-2 = 2.16 C/cm², utilisation 2.16/36 = 0.06.
    assert!((points[1]["capacity_c_per_cm2"].as_f64().unwrap() - 2.16).abs() < 1e-9);
    assert!((points[1]["utilisation"].as_f64().unwrap() - 0.06).abs() < 1e-12);
    // i = 100 mA/cm²: R_0·i = 1 V exceeds the 0.7 V window.
    assert_eq!(points[2]["limit"], "none-delivered");
    assert_eq!(points[2]["capacity_c_per_cm2"].as_f64().unwrap(), 0.0);
}

#[test]
fn capacity_with_a_thin_cathode_is_full() {
    let thin = HALF_CELL.replace("0.1}", "0.01}");
    let v = reply(&capacity_json(&format!(r#"{{{thin},"currents_a_per_cm2":[1e-3]}}"#)).unwrap());
    // q·L = 360·0.01 = 3.6 C/cm² < 24.84.
    assert_eq!(v[0]["limit"], "cathode-full");
    assert!((v[0]["capacity_c_per_cm2"].as_f64().unwrap() - 3.6).abs() < 1e-12);
}

#[test]
fn capacity_refuses_bad_input_naming_it() {
    let bad = [
        (
            format!(r#"{{{HALF_CELL},"currents_a_per_cm2":[0]}}"#),
            "current_a_per_cm2",
        ),
        (
            format!(r#"{{{HALF_CELL},"currents_a_per_cm2":[]}}"#),
            "currents_a_per_cm2",
        ),
        (format!(r#"{{{HALF_CELL},"currents":[1]}}"#), "currents"),
        (
            HALF_CELL
                .replace("1e-4", "-1e-4")
                .replace("\"cathode\"", "{\"cathode\"")
                + r#","currents_a_per_cm2":[1]}"#,
            "sigma_eff_s_per_cm",
        ),
    ];
    for (input, named) in bad {
        let err = capacity_json(&input).unwrap_err().to_string();
        assert!(err.contains(named), "{input} → {err}");
    }
}

/// Eq. 8 (R_e = 0, ion–electron) written out: Z = R_bulk + sqrt(R_ion/Y)·coth(sqrt(R_ion·Y)), Y = iωC.
fn de_levie(r_bulk: f64, r_ion: f64, c: f64, f_hz: f64) -> Complex64 {
    let y = Complex64::new(0.0, 2.0 * std::f64::consts::PI * f_hz * c);
    let x = (y * r_ion).sqrt();
    r_bulk + (Complex64::from(r_ion) / y).sqrt() * (x.cosh() / x.sinh())
}

/// 10 mHz … 1 MHz, 8 per decade.
fn frequencies() -> Vec<f64> {
    (0..=64)
        .map(|k| 10f64.powf(-2.0 + k as f64 / 8.0))
        .collect()
}

fn param<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["params"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {v}"))
}

#[test]
fn fit_recovers_an_eq8_spectrum_and_derives_sigma_and_tau() {
    let (r_bulk, r_ion, c) = (12.0, 150.0, 3e-6);
    let f = frequencies();
    let z: Vec<Complex64> = f.iter().map(|&f| de_levie(r_bulk, r_ion, c, f)).collect();
    let input = serde_json::json!({
        "freq_hz": f,
        "z_re_ohm": z.iter().map(|z| z.re).collect::<Vec<_>>(),
        "z_im_ohm": z.iter().map(|z| z.im).collect::<Vec<_>>(),
        "layout": "ion-electron",
        "fix": {"r_e": 0},
        "geometry": {"thickness_cm": 0.01, "area_cm2": 0.5, "epsilon": 0.4, "sigma_i_s_per_cm": 2e-3},
    });
    let v = reply(&fit_json(&input.to_string()).unwrap());
    let value = |name: &str| param(&v, name)["value"].as_f64().unwrap();
    assert!((value("r_ion") - r_ion).abs() < 1e-4 * r_ion, "{v}");
    assert!((value("r_bulk") - r_bulk).abs() < 1e-4 * r_bulk, "{v}");
    assert!((value("c_dl") - c).abs() < 1e-4 * c, "{v}");
    assert_eq!(param(&v, "r_e")["fixed"], true);
    assert_eq!(value("r_e"), 0.0);
    let ion = param(&v, "r_ion");
    assert_eq!(ion["determined"], true);
    assert!(ion["reason"].is_null());
    let ci = ion["ci95"].as_array().unwrap();
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    assert!(lo <= value("r_ion") && value("r_ion") <= hi && hi - lo < 1e-3 * r_ion);
    // The profile behind the interval, the same points as every other output:
    // [value, statistic] pairs around the fit, below and above the threshold.
    let threshold = v["profile_threshold"].as_f64().unwrap();
    let points: Vec<(f64, f64)> = ion["profile"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q[0].as_f64().unwrap(), q[1].as_f64().unwrap()))
        .collect();
    assert!(
        points.iter().any(|q| q.0 < lo && q.1 >= 0.98 * threshold),
        "{points:?}"
    );
    assert!(
        points.iter().any(|q| q.0 > hi && q.1 >= 0.98 * threshold),
        "{points:?}"
    );
    assert!(points.iter().any(|q| q.1 == 0.0));
    assert!(param(&v, "r_e").get("profile").is_none());
    assert!(v["chi2"].as_f64().unwrap() < 1e-12, "{v}");
    assert_eq!(v["points"], 65);
    assert_eq!(v["converged"], true);
    assert!(!v["stop_reason"].as_str().unwrap().is_empty());
    assert!(v["evaluations"].as_f64().unwrap() >= 1.0);
    // Exact data of the model fitted: a good fit, by residuals at the noise floor.
    assert_eq!(v["model"], "tlm ion-electron capacitor");
    assert_eq!(v["verdict"], "good", "{}", v["verdict_reasons"]);
    assert!(v["verdict_measures"]["rms"].as_f64().unwrap() < 1e-6);
    assert!(v["verdict_measures"]["kk_pass"].is_boolean());
    assert!(v.get("derived_withheld").is_none());
    // Eq. 3: σ_eff = L/(R_ion·A) = 0.01/(150·0.5) = 1.3333e-4 S/cm;
    // Eq. 17: τ = ε·σ_i/σ_eff = 0.4·2e-3/1.3333e-4 = 6.0.
    let d = &v["derived"];
    let sigma = d["sigma_eff_s_per_cm"]["value"].as_f64().unwrap();
    assert!((sigma - 0.01 / 75.0).abs() < 1e-4 * sigma, "{d}");
    let tau = d["tortuosity"]["value"].as_f64().unwrap();
    assert!((tau - 6.0).abs() < 1e-3, "{d}");
    // Eq. 18: α = −ln τ / ln ε = ln 6 / ln 2.5 = 1.9555.
    let alpha = d["bruggeman_alpha"]["value"].as_f64().unwrap();
    assert!((alpha - 6f64.ln() / 2.5f64.ln()).abs() < 1e-3, "{d}");
}

#[test]
fn fit_reads_the_text_of_a_file() {
    let (r_bulk, r_ion, c) = (5.0, 80.0, 1e-5);
    let mut text = String::from("freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n");
    for f in frequencies() {
        let z = de_levie(r_bulk, r_ion, c, f);
        text.push_str(&format!("{f:e}\t{:e}\t{:e}\n", z.re, -z.im));
    }
    let input = serde_json::json!({
        "file_text": text, "file_name": "cell.txt",
        "layout": "ion-electron", "interface": "capacitor", "weight": "modulus",
        "fix": {"r_e": 0},
    });
    let v = reply(&fit_json(&input.to_string()).unwrap());
    assert_eq!(
        v["label"].as_str().unwrap().split(' ').next(),
        Some("cell.txt")
    );
    let r = param(&v, "r_ion")["value"].as_f64().unwrap();
    assert!((r - r_ion).abs() < 1e-4 * r_ion, "{v}");
    assert!(v.get("derived").is_none());
}

#[test]
fn fit_says_which_parameters_the_spectrum_cannot_determine() {
    // Ion–ion with R_bulk, R_ion and R_e all free: only combinations are determined.
    let spectrum = simulate_tlm_json(&format!(
        r#"{{"layout":"ion-ion","r_ion_ohm":100,"r_e_ohm":10,"r_bulk_ohm":5,"c_dl_f":1e-6,"freq_hz":{:?}}}"#,
        frequencies()
    ))
    .unwrap();
    let s = reply(&spectrum);
    let input = serde_json::json!({
        "freq_hz": s["freq_hz"], "z_re_ohm": s["re_ohm"], "z_im_ohm": s["im_ohm"],
        "layout": "ion-ion",
        "geometry": {"thickness_cm": 0.01, "area_cm2": 1, "epsilon": 0.4, "sigma_i_s_per_cm": 1e-3},
    });
    let v = reply(&fit_json(&input.to_string()).unwrap());
    assert_eq!(v["determined"], false);
    // R_ion not determined: no σ_eff, τ or α, and the sentence says why.
    assert!(v.get("derived").is_none(), "{v}");
    let why = v["derived_withheld"].as_str().unwrap();
    assert!(why.contains("r_ion is not determined"), "{why}");
    let ion = param(&v, "r_ion");
    assert_eq!(ion["determined"], false);
    assert!(ion["stderr"].is_null(), "{ion}");
    // The profile runs along the valley of equal spectra: with R_ion²/S =
    // 100²/110 and R_bulk + R_ion·R_e/S = 5 + 1000/110 held, R_ion reaches
    // from 90.9 Ω (R_e → 0) to 105.0 Ω (R_bulk → 0).
    let ci = ion["ci95"].as_array().unwrap();
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    assert!((lo - 100.0 * 100.0 / 110.0).abs() < 0.5, "{ion}");
    assert!(
        (hi - (5.0 + 1000.0 / 110.0 + 100.0 * 100.0 / 110.0)).abs() < 0.5,
        "{ion}"
    );
    assert!(
        ion["reason"].as_str().unwrap().contains("fix R_bulk"),
        "{ion}"
    );
}

#[test]
fn fit_refuses_bad_input_naming_it() {
    let ok = r#""freq_hz":[1,10,100],"z_re_ohm":[3,2,1],"z_im_ohm":[-1,-1,-1],"layout":"ion-ion""#;
    let bad = [
        (format!(r#"{{{ok},"rion":3}}"#), "unknown field `rion`"),
        (
            format!(
                r#"{{{ok},"geometry":{{"thickness_cm":1,"area_cm2":1,"epsilon":0.5,"sigma_i_s_per_cm":1,"depth":2}}}}"#
            ),
            "geometry.depth: unknown field `depth`",
        ),
        (
            format!(r#"{{{ok},"geometry":{{"thickness_cm":1,"area_cm2":1,"epsilon":0.5}}}}"#),
            "geometry: missing field `sigma_i_s_per_cm`",
        ),
        (
            format!(r#"{{{ok},"fix":{{"r_e":"0"}}}}"#),
            "fix.r_e: invalid type: string",
        ),
        (format!(r#"{{{ok},"fix":{{"r_x":1}}}}"#), "r_x"),
        (
            format!(r#"{{{ok},"bounds":{{"n":[1,0.5]}}}}"#),
            "bounds.n must be [lo, hi]",
        ),
        (
            format!(r#"{{{ok},"interface":"cap"}}"#),
            "interface: unknown variant `cap`, expected `capacitor` or `cpe`",
        ),
        (
            format!(r#"{{{ok},"weight":"none"}}"#),
            "weight: unknown variant `none`",
        ),
        (format!(r#"{{{ok},"ionic_rail":"left"}}"#), "ionic_rail"),
        (format!(r#"{{{ok},"file_text":"1 2 3"}}"#), "either"),
        (
            format!(r#"{{{ok},"spectrum_index":1}}"#),
            "go with file_text",
        ),
        (
            ok.replace("[3,2,1]", "[3,2]")
                .replace(r#""freq"#, r#"{"freq"#)
                + "}",
            "equally long",
        ),
        (
            ok.replace("[1,10,100]", "[1,-10,100]")
                .replace(r#""freq"#, r#"{"freq"#)
                + "}",
            "frequency",
        ),
        (
            r#"{"freq_hz":[1,10],"z_re_ohm":[3,2],"z_im_ohm":[-1,-1],"layout":"ion-ion"}"#.into(),
            "at least 3 points",
        ),
        (
            r#"{"file_text":"not a spectrum","layout":"ion-ion"}"#.into(),
            "file_text",
        ),
        (
            r#"{"file_text":"1 2 -3\n10 2 -2\n100 1 -1\n","spectrum_index":1,"layout":"ion-ion"}"#
                .into(),
            "spectrum_index",
        ),
        (
            format!(r#"{{{}}}"#, ok.replace("ion-ion", "ion")),
            "layout: unknown variant `ion`",
        ),
        (
            "\"fit\"".into(),
            "fit input: invalid type: string \"fit\", expected struct FitInput",
        ),
    ];
    for (input, named) in bad {
        let err = fit_json(&input).unwrap_err().to_string();
        assert!(err.contains(named), "{input} → {err}");
    }
}
