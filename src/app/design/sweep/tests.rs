use super::*;

/// The CSV's lines, each split at its commas (no field here is quoted).
fn table(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn a_thickness_sweep_has_one_line_per_step_and_the_areal_capacity_follows_l() {
    let state = State::default();
    let values = steps(In::ThicknessUm, 100.0, 600.0, 6).unwrap();
    assert_eq!(values, [100.0, 200.0, 300.0, 400.0, 500.0, 600.0]);
    let rows = table(&csv(&state, In::ThicknessUm, &values));
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0][0], "th_µm");
    assert_eq!(rows[0][1..12], COLUMNS.map(String::from));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let areal = col("areal_capacity_mah_per_cm2");
    // q_c·L grows in proportion to L.
    let a100: f64 = rows[1][areal].parse().unwrap();
    for (k, row) in rows[1..].iter().enumerate() {
        let a: f64 = row[areal].parse().unwrap();
        assert!((a / a100 - (k + 1) as f64).abs() < 1e-9, "{row:?}");
        assert_eq!(row[col("note")], "");
    }
    // The 600 µm line is the default design: 13.1 mAh/cm² at 6 mA/cm², ohmic.
    let last = &rows[6];
    let delivered: f64 = last[col("delivered_mah_per_cm2")].parse().unwrap();
    assert!((delivered - 13.14).abs() < 0.01, "{delivered}");
    assert_eq!(last[col("limit")], "ohmic");
}

#[test]
fn a_log_input_is_swept_in_log_steps_and_refused_values_are_noted() {
    assert_eq!(steps(In::CurrentMa, 0.1, 10.0, 3).unwrap().len(), 3);
    let v = steps(In::CurrentMa, 0.1, 10.0, 3).unwrap();
    assert!((v[1] - 1.0).abs() < 1e-12);
    assert!(steps(In::CurrentMa, 0.1, 1e9, 3)
        .unwrap_err()
        .contains("out of range"));
    assert!(steps(In::CurrentMa, 0.1, 1.0, 1).is_err());
    // ε up to 0.95 with 10 % porosity: the last steps are refused, with why.
    let mut state = State::default();
    state.set(In::PorosityPct, 10.0).unwrap();
    let values = steps(In::Epsilon, 0.5, 0.95, 4).unwrap();
    let rows = table(&csv(&state, In::Epsilon, &values));
    let note = rows[0].len() - 1;
    assert_eq!(rows[1][note], "");
    assert!(rows[4][note].contains("1 − p"), "{:?}", rows[4]);
    assert_eq!(rows[4][1], "");
    // The ε column follows the swept ε where it was accepted.
    let eps: f64 = rows[1][1].parse().unwrap();
    assert!((eps - 0.5).abs() < 1e-9);
}
