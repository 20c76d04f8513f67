//! Tests of the batch table: every number is the FitResult's (or Eq. 3/17
//! recomputed by hand from it), undetermined parameters say so, and the CSV
//! survives file names with commas and quotes.

use super::*;
use crate::app::impedance::model::{fit_one, line_spectrum};
use crate::numerics::grid::log_space;

fn state(query: &str) -> State {
    let (state, notices) = crate::app::url::decode(query);
    assert!(notices.is_empty(), "{notices:?}");
    state
}

const ION_ION: &str =
    "zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1";

fn fitted(s: &State, file: &str, index: usize, r_ion_ohm: f64) -> Loaded {
    let freq = log_space(1e-2, 1e6, 61);
    let data = line_spectrum(s, &[10.0, r_ion_ohm, 0.5, 1e-4], &freq, file).unwrap();
    Loaded {
        file: file.into(),
        index,
        outcome: Some(Ok(fit_one(s, &data).unwrap())),
        masked: Vec::new(),
        spectrum: data,
    }
}

/// An RFC 4180 reader, written independently of `crate::io::csv`.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn column(name: &str) -> usize {
    CSV_COLUMNS.iter().position(|c| *c == name).unwrap()
}

#[test]
fn rows_carry_the_fit_results_and_hand_computed_sigma_and_tau() {
    let s = state(ION_ION);
    let loaded = vec![
        fitted(&s, "a.csv", 1, 100.0),
        fitted(&s, "b.csv", 1, 250.0),
        Loaded {
            file: "c.csv".into(),
            index: 2,
            spectrum: crate::spectrum::Spectrum::default(),
            outcome: Some(Err("no convergence".into())),
            masked: Vec::new(),
        },
    ];
    let table = batch_table(&s, &loaded, 1);
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.selected, 1);
    let csv = parse_csv(&table.to_csv());
    assert_eq!(csv[0], CSV_COLUMNS.map(String::from).to_vec());
    assert_eq!(csv.len(), 4);
    for (k, item) in loaded.iter().take(2).enumerate() {
        let fit = &item.outcome.as_ref().unwrap().as_ref().unwrap().report.fit;
        let line = &csv[k + 1];
        assert_eq!(line.len(), CSV_COLUMNS.len());
        assert_eq!(line[column("file")], item.file);
        assert_eq!(line[column("model")], "tlm ion-ion capacitor");
        assert_eq!(line[column("verdict")], "good");
        assert_eq!(table.rows[k].cells[3], "good");
        for name in ["r_ion", "r_e", "r_bulk", "c_dl"] {
            let p = fit.param(name).unwrap();
            let value: f64 = line[column(&format!(
                "{name}_{}",
                if name == "c_dl" { "f" } else { "ohm" }
            ))]
            .parse()
            .unwrap();
            assert_eq!(value, p.value, "{name}");
        }
        let r_ion = fit.param("r_ion").unwrap();
        let se: f64 = line[column("r_ion_stderr_ohm")].parse().unwrap();
        assert_eq!(Some(se), r_ion.stderr);
        // The profile interval, and σ_eff's through Eq. 3 from its ends (swapped).
        let ci = r_ion.ci95.unwrap();
        let lo: f64 = line[column("r_ion_ci95_lo_ohm")].parse().unwrap();
        let hi: f64 = line[column("r_ion_ci95_hi_ohm")].parse().unwrap();
        assert_eq!((Some(lo), Some(hi)), (ci.lo, ci.hi));
        let sigma_lo: f64 = line[column("sigma_eff_ci95_lo_s_per_cm")].parse().unwrap();
        assert!((sigma_lo - 0.01 / hi).abs() < 1e-12 * sigma_lo);
        // R_bulk was held: a value, no standard error.
        assert_eq!(line[column("r_bulk_stderr_ohm")], "");
        assert_eq!(line[column("q_f_s_n_minus_1")], "");
        let chi2: f64 = line[column("reduced_chi2")].parse().unwrap();
        assert_eq!(chi2, fit.reduced_chi2);
        // Eq. 3 and 17 by hand: σ_eff = L/(R_ion·A), L = 0.01 cm, A = 1 cm²;
        // τ = ε·σ_i/σ_eff with ε = 0.4, σ_i = 1e-3 S/cm.
        let sigma: f64 = line[column("sigma_eff_s_per_cm")].parse().unwrap();
        let sigma_hand = 0.01 / (r_ion.value * 1.0);
        assert!((sigma - sigma_hand).abs() < 1e-12 * sigma_hand);
        let tau: f64 = line[column("tau")].parse().unwrap();
        assert!((tau - 0.4 * 1e-3 / sigma_hand).abs() < 1e-9 * tau);
        // σ_eff ∝ 1/R_ion: the same relative error as R_ion.
        let sigma_se: f64 = line[column("sigma_eff_stderr_s_per_cm")].parse().unwrap();
        let rel = r_ion.stderr.unwrap() / r_ion.value;
        assert!((sigma_se / sigma - rel).abs() < 1e-9 * rel.max(1e-300));
        assert_eq!(line[column("undetermined")], "");
        assert_eq!(table.rows[k].cells[9], "all");
        // Shown as value [95 % profile interval], as in the parameter table.
        let cell = &table.rows[k].cells[4];
        assert!(cell.contains(" … "), "{cell}");
        let lo_shown: f64 = cell
            .split('[')
            .nth(1)
            .unwrap()
            .split(" … ")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((lo_shown - lo).abs() <= 0.01 * (hi - lo), "{cell} vs {lo}");
    }
    // Truth: 100 Ω and 250 Ω (noise-free data).
    let r0: f64 = csv[1][column("r_ion_ohm")].parse().unwrap();
    let r1: f64 = csv[2][column("r_ion_ohm")].parse().unwrap();
    assert!(
        (r0 - 100.0).abs() < 1e-3 && (r1 - 250.0).abs() < 1e-3,
        "{r0} {r1}"
    );
    // The failed fit keeps its row and says why, with no numbers.
    assert_eq!(csv[3][column("spectrum")], "2");
    assert_eq!(csv[3][column("r_ion_ohm")], "");
    assert!(csv[3][column("status")].contains("no convergence"));
    assert!(table.rows[2].cells[2].contains("no convergence"));
}

#[test]
fn an_undetermined_parameter_has_no_error_and_is_named() {
    let s = state(ION_ION);
    let mut item = fitted(&s, "x.csv", 1, 100.0);
    if let Some(Ok(o)) = item.outcome.as_mut() {
        o.report
            .fit
            .mark_undetermined(&["r_e"], "R_e is below what the data resolve");
    }
    let table = batch_table(&s, &[item], 0);
    let csv = parse_csv(&table.to_csv());
    assert_eq!(csv[1][column("r_e_stderr_ohm")], "");
    assert_ne!(csv[1][column("r_e_ohm")], "");
    assert_eq!(csv[1][column("undetermined")], "r_e");
    let cells = &table.rows[0].cells;
    assert!(cells[5].contains("(not determined"), "{}", cells[5]);
    assert_eq!(cells[9], "not determined: r_e");
    assert!(cells[6].ends_with("(held)"), "{}", cells[6]);
}

#[test]
fn file_names_with_commas_and_quotes_stay_one_field() {
    let s = state(ION_ION);
    let name = "cell 3, \"dry\" run.csv";
    let table = batch_table(&s, &[fitted(&s, name, 4, 100.0)], 0);
    let text = table.to_csv();
    assert!(text.contains("\"cell 3, \"\"dry\"\" run.csv\""), "{text}");
    let csv = parse_csv(&text);
    assert_eq!(csv[1].len(), CSV_COLUMNS.len());
    assert_eq!(csv[1][0], name);
    assert_eq!(csv[1][1], "4");
}

#[test]
fn with_interchangeable_rails_the_chosen_ionic_rail_is_r_ion() {
    // Ion–electron: R_ion and R_e can be swapped; "smaller is ionic" puts
    // the smaller fitted rail in the r_ion column.
    let s = state(
        "zmodel=line&layout=ion-electron&iface=c&rails=smaller&rbulk=fixed&zrb=10&zl=100&za=1&zeps=0.4&zsig=1",
    );
    let freq = log_space(1e-2, 1e6, 61);
    let data = line_spectrum(&s, &[10.0, 200.0, 20.0, 1e-4], &freq, "ie").unwrap();
    let outcome = fit_one(&s, &data).unwrap();
    assert!(outcome.report.fit.rails_interchangeable);
    let small = ["r_ion", "r_e"]
        .map(|n| outcome.report.fit.param(n).unwrap().value)
        .into_iter()
        .fold(f64::INFINITY, f64::min);
    let item = Loaded {
        file: "ie.csv".into(),
        index: 1,
        spectrum: data,
        outcome: Some(Ok(outcome)),
        masked: Vec::new(),
    };
    let csv = parse_csv(&batch_table(&s, &[item], 0).to_csv());
    let r_ion: f64 = csv[1][column("r_ion_ohm")].parse().unwrap();
    assert_eq!(r_ion, small);
    assert!((r_ion - 20.0).abs() < 0.1, "{r_ion}");
}
