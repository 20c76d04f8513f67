use super::*;
use num_complex::Complex64;
use serde_json::json;

#[test]
fn one_and_several_spectra() {
    let s = |label: &str| Spectrum {
        label: label.into(),
        freq_hz: vec![1000.0, 0.1],
        z_ohm: vec![Complex64::new(1.5, -0.25), Complex64::new(2.0, 1e-300)],
    };
    assert_eq!(
        to_csv(&[s("a")]),
        "freq_hz,z_re_ohm,z_im_ohm\n1000,1.5,-0.25\n0.1,2,1e-300\n"
    );
    let two = to_csv(&[s("a"), s("b,\"c\"")]);
    assert!(
        two.starts_with("spectrum,freq_hz,z_re_ohm,z_im_ohm\na,1000,1.5,-0.25\n"),
        "{two}"
    );
    assert!(two.ends_with("\"b,\"\"c\"\"\",0.1,2,1e-300\n"), "{two}");
}

#[test]
fn fields_are_quoted_for_commas_quotes_and_both_line_breaks() {
    let mut out = String::new();
    push_row(&mut out, ["a", "b,c", "say \"x\"", "1\n2", "3\r4"]);
    assert_eq!(out, "a,\"b,c\",\"say \"\"x\"\"\",\"1\n2\",\"3\r4\"\n");
}

#[test]
fn records_flatten_into_the_union_of_their_columns() {
    let a = json!({"file": "a.csv", "chi2": 0.5,
        "params": [{"name": "r_ion", "value": 100.0, "stderr": 2.0, "ci95": [96.0, 104.0]}],
        "derived": {"tau": {"value": 4.0, "stderr": null, "ci95": [3.5, null]}},
        "notes": ["x", "y"], "residuals": [[1.0, 2.0]], "kk": {"outside": [3, 7]}});
    let b = json!({"file": "b.csv", "error": "no"});
    assert_eq!(
        from_records(&[a, b]),
        "file,chi2,r_ion,r_ion_stderr,r_ion_ci95_lo,r_ion_ci95_hi,derived_tau,derived_tau_stderr,\
         derived_tau_ci95_lo,derived_tau_ci95_hi,notes,error\n\
         a.csv,0.5,100,2,96,104,4,,3.5,,x; y,\n\
         b.csv,,,,,,,,,,,no\n"
    );
}
