use num_complex::Complex64;
use serde_json::Value;

use super::*;

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
