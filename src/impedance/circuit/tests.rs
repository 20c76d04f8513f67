use super::*;
use crate::impedance::{Interface, Layout};

fn randles() -> Circuit {
    Circuit::Series(vec![
        Circuit::Element(Element::Resistor { r_ohm: 5.0 }),
        Circuit::Parallel(vec![
            Circuit::Element(Element::Resistor { r_ohm: 100.0 }),
            Circuit::Element(Element::Capacitor { c_f: 1e-6 }),
        ]),
    ])
}

#[test]
fn randles_circuit_matches_hand_formula() {
    // Z = R0 + R1/(1 + iωR1C) written out by hand.
    let c = randles();
    for w in [1.0, 1e4, 1e7] {
        let hand = 5.0 + 100.0 / (Complex64::new(1.0, w * 100.0 * 1e-6));
        assert!((c.impedance(w) - hand).norm() <= 1e-12 * hand.norm());
    }
}

#[test]
fn names_are_numbered_by_leaf_and_params_round_trip() {
    let line = TwoRailLine::new(
        Layout::IonIon,
        50.0,
        2.0,
        Interface::Cpe { q: 1e-5, n: 0.8 },
        0.0,
    )
    .unwrap();
    let mut c = Circuit::Series(vec![randles(), Circuit::Line(line)]);
    let names: Vec<String> = c.param_specs().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["r0", "r1", "c2", "r_ion3", "r_e3", "q3", "n3"]);
    let p = c.params();
    assert_eq!(p, vec![5.0, 100.0, 1e-6, 50.0, 2.0, 1e-5, 0.8]);
    let mut changed = p.clone();
    changed[4] = 3.0;
    c.set_params(&changed).unwrap();
    assert_eq!(c.params(), changed);
    // Bad values are refused and leave the circuit unchanged.
    let mut bad = changed.clone();
    bad[6] = 1.5;
    let msg = c.set_params(&bad).unwrap_err().to_string();
    assert!(msg.contains("n3"), "{msg}");
    bad[6] = 0.8;
    bad[3] = 0.0;
    bad[4] = 0.0;
    assert!(c.set_params(&bad).is_err());
    assert_eq!(c.params(), changed);
}

#[test]
fn named_params_need_each_name_once() {
    let c = randles();
    let ok = c
        .with_named_params(&[("c2", 2e-6), ("r0", 1.0), ("r1", 7.0)])
        .unwrap();
    assert_eq!(ok.params(), vec![1.0, 7.0, 2e-6]);
    let unknown = c
        .with_named_params(&[("r0", 1.0), ("r9", 1.0)])
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("r9"), "{unknown}");
    let missing = c
        .with_named_params(&[("r0", 1.0), ("r1", 1.0)])
        .unwrap_err()
        .to_string();
    assert!(missing.contains("c2"), "{missing}");
    assert!(c
        .with_named_params(&[("r0", 1.0), ("r0", 1.0), ("r1", 1.0), ("c2", 1.0)])
        .is_err());
}

#[test]
fn parallel_handles_shorts_opens_and_extremes() {
    let z = |re, im| Complex64::new(re, im);
    assert_eq!(parallel_impedance([z(5.0, 0.0), z(0.0, 0.0)]), z(0.0, 0.0));
    // Ideal LC at resonance: admittances cancel, the group is open.
    assert!(parallel_impedance([z(0.0, 2.0), z(0.0, -2.0)])
        .re
        .is_infinite());
    // Two 1e200 Ω resistors give 5e199 Ω (|z|² would overflow naively).
    let big = parallel_impedance([z(1e200, 0.0), z(1e200, 0.0)]);
    assert!((big.re - 5e199).abs() <= 1e185 && big.im == 0.0);
    let tiny = parallel_impedance([z(1e-200, 0.0), z(1e-200, 0.0)]);
    assert!((tiny.re - 5e-201).abs() <= 1e-215);
}

#[test]
fn analytic_gradient_matches_central_differences() {
    use crate::impedance::notation::parse_circuit;
    let cases: [(&str, &[f64]); 4] = [
        (
            "R-p(R,CPE)-p(R,CPE)",
            &[15.0, 120.0, 2e-6, 0.85, 300.0, 3e-3, 0.75],
        ),
        (
            "L-R-p(R-Wo,CPE)-C",
            &[1e-6, 5.0, 40.0, 30.0, 2.0, 1e-5, 0.9, 1e-3],
        ),
        ("R-p(R,C,Ws)", &[3.0, 50.0, 1e-6, 80.0, 0.5]),
        (
            "R-p(R,CPE)-TLMiiQ",
            &[10.0, 20.0, 1e-5, 0.8, 200.0, 4.0, 1e-4, 0.9],
        ),
    ];
    for (text, values) in cases {
        let mut c = parse_circuit(text).unwrap();
        c.set_params(values).unwrap();
        for omega in [0.3, 40.0, 7e3, 2e6] {
            let mut g = vec![Complex64::new(0.0, 0.0); values.len()];
            let z = c.impedance_and_gradient(omega, &mut g).unwrap();
            assert!(
                (z - c.impedance(omega)).norm() <= 1e-12 * z.norm(),
                "{text}"
            );
            for k in 0..values.len() {
                let h = 1e-6 * values[k];
                let mut up = values.to_vec();
                let mut down = values.to_vec();
                up[k] += h;
                down[k] -= h;
                let mut cu = c.clone();
                let mut cd = c.clone();
                cu.set_params(&up).unwrap();
                cd.set_params(&down).unwrap();
                let fd = (cu.impedance(omega) - cd.impedance(omega)) / (2.0 * h);
                let scale = z.norm() / values[k];
                assert!(
                    (g[k] - fd).norm() <= 1e-6 * scale,
                    "{text} ω {omega} parameter {k}: {} vs {fd}",
                    g[k]
                );
            }
        }
        // A wrong-sized gradient is refused.
        assert!(c
            .impedance_and_gradient(1.0, &mut [Complex64::new(0.0, 0.0)])
            .is_none());
    }
}
