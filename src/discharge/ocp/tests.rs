use super::*;
use crate::materials::ocp_data::{find_ocp, OCP_CURVES};

/// The fits as the papers print them, written out here independently of the
/// coefficient tables.
fn printed(id: &str, x: f64) -> f64 {
    let tanh = f64::tanh;
    let exp = f64::exp;
    match id {
        "nmc811" => {
            -0.8090 * x + 4.4875
                - 0.0428 * tanh(18.5138 * (x - 0.5542))
                - 17.7326 * tanh(15.7890 * (x - 0.3117))
                + 17.5842 * tanh(15.9308 * (x - 0.3120))
        }
        "graphite" => {
            1.9793 * exp(-39.3631 * x) + 0.2482
                - 0.0909 * tanh(29.8538 * (x - 0.1234))
                - 0.04478 * tanh(14.9159 * (x - 0.2769))
                - 0.0205 * tanh(30.4444 * (x - 0.6103))
        }
        "nmc532" => {
            4.3452 - 1.6518 * x + 1.6225 * x.powi(2) - 2.0843 * x.powi(3) + 3.5146 * x.powi(4)
                - 2.2166 * x.powi(5)
                - 0.5623e-4 * exp(109.451 * x - 100.006)
        }
        "lfp" => 3.4077 - 0.020269 * x + 0.5 * exp(-150.0 * x) - 0.9 * exp(-30.0 * (1.0 - x)),
        "lco" => {
            let s = 1.062 * x;
            2.16216 + 0.07645 * tanh(30.834 - 54.4806 * s) + 2.1581 * tanh(52.294 - 50.294 * s)
                - 0.14169 * tanh(11.0923 - 19.8543 * s)
                + 0.2051 * tanh(1.4684 - 5.4888 * s)
                + 0.2531 * tanh((-s + 0.56478) / 0.1316)
                - 0.02167 * tanh((s - 0.525) / 0.006)
        }
        "lto" => {
            let omegas = [14025.5664, 15593.5771, -100475.7578, -26389.4648];
            if x > 0.1186100244522095 && x < 0.8482373952865601 {
                155770.73438 / 96485.33212
            } else {
                let mut mu = -155432.9219 + 8.314462618 * 300.0 * (x / (1.0 - x)).ln();
                for (i, o) in omegas.iter().enumerate() {
                    let i = i as i32;
                    mu += o
                        * ((1.0 - 2.0 * x).powi(i + 1)
                            - 2.0 * i as f64 * x * (1.0 - x) * (1.0 - 2.0 * x).powi(i - 1));
                }
                -mu / 96485.33212
            }
        }
        other => panic!("no printed form for {other}"),
    }
}

#[test]
fn library_fits_equal_their_printed_forms_and_slopes() {
    assert!(OCP_CURVES.len() >= 6);
    for curve in OCP_CURVES {
        for k in 1..50 {
            let theta = k as f64 / 50.0;
            let (u, du) = curve.fit.evaluate(theta);
            let expected = printed(curve.id, theta);
            assert!(
                (u - expected).abs() < 1e-9,
                "{} at {theta}: {u} vs {expected}",
                curve.id
            );
            let h = 1e-6;
            let fd = (printed(curve.id, theta + h) - printed(curve.id, theta - h)) / (2.0 * h);
            // The LTO plateau's edges are kinks: skip the points next to them.
            if curve.id == "lto" && ((theta - 0.1186).abs() < 0.02 || (theta - 0.848).abs() < 0.02)
            {
                continue;
            }
            assert!(
                (du - fd).abs() < 1e-5 * (1.0 + fd.abs()),
                "{} slope at {theta}: {du} vs {fd}",
                curve.id
            );
        }
    }
}

#[test]
fn library_curves_are_in_the_expected_voltage_ranges() {
    // Plain facts about the materials (V vs Li/Li⁺): layered oxides 3.5–4.4 V,
    // LFP's plateau near 3.4 V, graphite below 0.3 V mid-range, LTO near 1.55–1.62 V.
    let at = |id: &str, theta: f64| find_ocp(id).unwrap().fit.evaluate(theta).0;
    assert!((3.5..4.4).contains(&at("nmc811", 0.5)));
    assert!((3.5..4.4).contains(&at("nmc532", 0.5)));
    assert!((3.8..4.2).contains(&at("lco", 0.6)));
    assert!((3.35..3.45).contains(&at("lfp", 0.5)));
    assert!((0.05..0.3).contains(&at("graphite", 0.5)));
    assert!((1.55..1.62).contains(&at("lto", 0.5)));
    assert!(find_ocp("NMC811").is_some() && find_ocp("nmc9").is_none());
}

#[test]
fn table_interpolates_through_its_knots_monotonically_and_exactly_for_lines() {
    let theta = vec![0.1, 0.2, 0.35, 0.5, 0.8, 0.9];
    let u = vec![4.2, 4.0, 3.9, 3.88, 3.7, 3.0];
    let table = OcpTable::new(theta.clone(), u.clone()).unwrap();
    for (t, v) in theta.iter().zip(&u) {
        assert!((table.evaluate(*t).0 - v).abs() < 1e-12);
    }
    let mut last = f64::INFINITY;
    for k in 0..=1000 {
        let t = 0.1 + 0.8 * k as f64 / 1000.0;
        let (v, dv) = table.evaluate(t);
        assert!(v <= last + 1e-12, "not monotone at {t}");
        assert!(dv <= 1e-12, "positive slope at {t}");
        last = v;
        let h = 1e-7;
        if (0.1 + h..0.9 - h).contains(&t) {
            let fd = (table.evaluate(t + h).0 - table.evaluate(t - h).0) / (2.0 * h);
            assert!((dv - fd).abs() < 1e-5 * (1.0 + fd.abs()), "slope at {t}");
        }
    }
    // Data on a line are reproduced exactly, also between the knots.
    let line = OcpTable::new(vec![0.0, 0.3, 0.4, 1.0], vec![4.0, 3.7, 3.6, 3.0]).unwrap();
    for k in 0..=20 {
        let t = k as f64 / 20.0;
        let (v, dv) = line.evaluate(t);
        assert!((v - (4.0 - t)).abs() < 1e-12 && (dv + 1.0).abs() < 1e-12);
    }
}

#[test]
fn csv_reads_header_comments_and_descending_rows() {
    let text = "# my cathode\nstoichiometry,potential_v\n0.9,3.5\n0.5;3.9\n\n0.2\t4.2\n";
    let table = read_ocp_csv(text, "ocp.csv").unwrap();
    assert_eq!(table.range(), (0.2, 0.9));
    assert!((table.evaluate(0.5).0 - 3.9).abs() < 1e-12);
}

#[test]
fn csv_errors_name_the_file_and_line() {
    let cases = [
        ("s,u\n0.1,4\n0.5,3.8\n0.4,3.7\n", "line 4", "order"),
        ("s,u\n0.1,4\n1.2,3.8\n0.9,3.7\n", "line 3", "outside [0, 1]"),
        ("s,u\n0.1,4\n0.5,3.8\n", "ocp.csv", "too few"),
        ("s,u\n0.1,4\n0.5,x\n0.9,3\n", "line 3", "not a number"),
        ("s,u\n0.1,4\n0.5,4.1\n0.9,3\n", "line 3", "rises"),
        ("s,u\n0.1,4\n0.5\n0.9,3\n", "line 3", "two columns"),
    ];
    for (text, line, what) in cases {
        let message = read_ocp_csv(text, "ocp.csv").unwrap_err().to_string();
        assert!(
            message.contains("ocp.csv") && message.contains(line) && message.contains(what),
            "{message}"
        );
        assert_eq!(message.lines().count(), 1);
    }
}
