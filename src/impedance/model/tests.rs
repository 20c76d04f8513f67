use super::*;
use crate::impedance::Layout;

#[test]
fn line_params_round_trip_and_are_checked() {
    let mut line = TwoRailLine::new(
        Layout::IonIon,
        100.0,
        5.0,
        Interface::Cpe { q: 1e-5, n: 0.9 },
        3.0,
    )
    .unwrap();
    let p = line.params();
    assert_eq!(p, vec![3.0, 100.0, 5.0, 1e-5, 0.9]);
    assert_eq!(line.param_specs().len(), p.len());
    line.set_params(&p).unwrap();
    assert_eq!(line.params(), p);
    assert!(line.set_params(&[1.0, 2.0]).is_err());
    assert!(line.set_params(&[1.0, 2.0, 3.0, 1e-5, 1.5]).is_err());
}
