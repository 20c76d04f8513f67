//! Every model, over 1 mHz–100 MHz and parameters over many decades
//! (1e-6–1e9 Ω, 1e-12–1 F): Z is finite and passive (Re Z ≥ 0). Also the
//! circuit notation round-trips.

use ionpath::impedance::{parse_circuit, Circuit, Element, Interface, Layout, Model, TwoRailLine};
use proptest::prelude::*;
use std::f64::consts::TAU;

fn decades(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..=hi).prop_map(|e: f64| 10f64.powf(e))
}

fn ohms() -> impl Strategy<Value = f64> {
    decades(-6.0, 9.0)
}

fn farads() -> impl Strategy<Value = f64> {
    decades(-12.0, 0.0)
}

fn freq_hz() -> impl Strategy<Value = f64> {
    decades(-3.0, 8.0)
}

fn interface() -> impl Strategy<Value = Interface> {
    prop_oneof![
        farads().prop_map(|c_dl_f| Interface::Capacitor { c_dl_f }),
        (farads(), 0.01..=1.0f64).prop_map(|(q, n)| Interface::Cpe { q, n }),
    ]
}

fn line() -> impl Strategy<Value = TwoRailLine> {
    let r_or_zero = prop_oneof![1 => Just(0.0), 4 => ohms()];
    (0..3usize, ohms(), r_or_zero.clone(), interface(), r_or_zero).prop_map(
        |(k, r_ion, r_e, interface, r_bulk)| TwoRailLine {
            layout: Layout::ALL[k],
            r_ion_ohm: r_ion,
            r_e_ohm: r_e,
            interface,
            r_bulk_ohm: r_bulk,
        },
    )
}

fn element() -> impl Strategy<Value = Element> {
    prop_oneof![
        ohms().prop_map(|r_ohm| Element::Resistor { r_ohm }),
        farads().prop_map(|c_f| Element::Capacitor { c_f }),
        decades(-12.0, 0.0).prop_map(|l_h| Element::Inductor { l_h }),
        (farads(), 0.01..=1.0f64).prop_map(|(q, n)| Element::Cpe { q, n }),
        (ohms(), decades(-9.0, 3.0))
            .prop_map(|(r_w_ohm, tau_w_s)| Element::WarburgShort { r_w_ohm, tau_w_s }),
        (ohms(), decades(-9.0, 3.0))
            .prop_map(|(r_w_ohm, tau_w_s)| Element::WarburgOpen { r_w_ohm, tau_w_s }),
    ]
}

fn circuit() -> impl Strategy<Value = Circuit> {
    let leaf = prop_oneof![
        4 => element().prop_map(Circuit::Element),
        1 => line().prop_map(|mut l| {
            l.r_bulk_ohm = 0.0;
            Circuit::Line(l)
        }),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Circuit::Series),
            prop::collection::vec(inner, 2..4).prop_map(Circuit::Parallel),
        ]
    })
}

proptest! {
    #[test]
    fn lines_are_finite_and_passive(line in line(), f in freq_hz()) {
        prop_assume!(line.r_ion_ohm + line.r_e_ohm > 0.0);
        let z = line.impedance(TAU * f);
        prop_assert!(z.re.is_finite() && z.im.is_finite(), "{line:?} f={f}: {z}");
        prop_assert!(z.re >= 0.0, "{line:?} f={f}: {z}");
    }

    #[test]
    fn elements_are_finite_and_passive(element in element(), f in freq_hz()) {
        let z = element.impedance(TAU * f);
        prop_assert!(z.re.is_finite() && z.im.is_finite(), "{element:?} f={f}: {z}");
        prop_assert!(z.re >= 0.0, "{element:?} f={f}: {z}");
    }

    #[test]
    fn circuits_are_finite_and_passive(circuit in circuit(), f in freq_hz()) {
        prop_assert!(circuit.validate().is_ok());
        let z = Model::impedance(&circuit, TAU * f);
        prop_assert!(z.re.is_finite() && z.im.is_finite(), "{circuit:?} f={f}: {z}");
        prop_assert!(z.re >= 0.0, "{circuit:?} f={f}: {z}");
    }

    #[test]
    fn notation_round_trips(circuit in circuit()) {
        let text = circuit.to_string();
        let parsed = parse_circuit(&text).unwrap();
        prop_assert_eq!(parsed.to_string(), text);
        let names = |c: &Circuit| c.param_specs().into_iter().map(|s| s.name).collect::<Vec<_>>();
        prop_assert_eq!(names(&parsed), names(&circuit));
        // Setting the original's values on the parsed circuit reproduces it.
        let mut rebuilt = parsed;
        rebuilt.set_params(&circuit.params()).unwrap();
        // (equal up to rounding: nested series are flattened, so sums reorder)
        let omega = 1234.5;
        let (a, b) = (Model::impedance(&rebuilt, omega), Model::impedance(&circuit, omega));
        prop_assert!((a - b).norm() <= 1e-12 * b.norm(), "{a} vs {b}");
    }

    #[test]
    fn params_round_trip_through_set_params(circuit in circuit()) {
        let mut copy = circuit.clone();
        copy.set_params(&circuit.params()).unwrap();
        prop_assert_eq!(copy, circuit);
    }
}
