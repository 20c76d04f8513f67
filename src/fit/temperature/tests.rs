use super::*;
use crate::physics::conductivity::arrhenius_conductivity_s_per_cm;

#[test]
fn temperatures_are_read_from_names() {
    let k = |name: &str| temperature_from_name(name).unwrap();
    assert_eq!(k("LPSC_25C.mpt"), Some(298.15));
    assert_eq!(k("data/cell 25 °C.csv"), Some(298.15));
    assert_eq!(k("run-10degC.txt"), Some(283.15));
    assert_eq!(k("pellet_-10C.txt"), Some(263.15));
    assert_eq!(k("cell_298K.z"), Some(298.0));
    assert_eq!(k("cell_298.15K.z"), Some(298.15));
    assert_eq!(k("T60C_run2.DTA"), Some(333.15));
    // Not temperatures: a digit run inside a word, a unit starting a word.
    assert_eq!(k("LPSC25C.mpt"), None);
    assert_eq!(k("sample_3Cycles.csv"), None);
    assert_eq!(k("spectrum_12.csv"), None);
    // The same temperature twice is one.
    assert_eq!(k("25C_cell_25C.csv"), Some(298.15));
}

#[test]
fn ambiguous_or_impossible_names_are_errors() {
    let e = temperature_from_name("from_25C_to_60C.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("25C") && e.contains("60C"), "{e}");
    assert!(temperature_from_name("cell_-300C.csv").is_err());
}

#[test]
fn activation_energy_comes_back_from_resistances() {
    // σ(T) by Eq. 1 with E_A = 0.35 eV, σ_0 = 5e4 S·K/cm; R = L/(σ·A)
    // with L = 0.05 cm, A = 0.5 cm².
    let temps = [253.15, 273.15, 298.15, 323.15, 353.15];
    let points: Vec<SeriesPoint> = temps
        .iter()
        .map(|&t| {
            let sigma = arrhenius_conductivity_s_per_cm(5e4, 0.35, t).unwrap();
            SeriesPoint {
                label: format!("{t} K"),
                temperature_k: t,
                resistance_ohm: 0.05 / (sigma * 0.5),
            }
        })
        .collect();
    let fit =
        arrhenius_from_resistances(&points, Some((0.05, 0.5)), ArrheniusForm::InverseT).unwrap();
    assert!((fit.arrhenius.activation_energy_ev.value - 0.35).abs() < 1e-9);
    assert!((fit.arrhenius.sigma_0.value - 5e4).abs() < 1e-6 * 5e4);
    // Without geometry E_A is the same; σ_0 absorbs L/A = 0.1 cm⁻¹.
    let bare = arrhenius_from_resistances(&points, None, ArrheniusForm::InverseT).unwrap();
    assert!((bare.arrhenius.activation_energy_ev.value - 0.35).abs() < 1e-9);
    assert!((bare.arrhenius.sigma_0.value - 5e4 / 0.1).abs() < 1e-6 * 5e5);
}

#[test]
fn bad_points_are_named() {
    let p = |t: f64, r: f64| SeriesPoint {
        label: "x".into(),
        temperature_k: t,
        resistance_ohm: r,
    };
    let e = arrhenius_from_resistances(
        &[p(300.0, 1.0), p(-1.0, 1.0), p(320.0, 1.0)],
        None,
        ArrheniusForm::InverseT,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("temperature_k"), "{e}");
    assert!(arrhenius_from_resistances(
        &[p(300.0, 1.0), p(310.0, 0.0), p(320.0, 1.0)],
        None,
        ArrheniusForm::InverseT
    )
    .is_err());
}
