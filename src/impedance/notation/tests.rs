use super::*;
use crate::impedance::Model;

fn err(text: &str) -> String {
    parse_circuit(text).unwrap_err().to_string()
}

#[test]
fn parses_nested_circuits() {
    let c = parse_circuit("R - p(R,CPE-Wo) - TLMieQ").unwrap();
    assert_eq!(c.to_string(), "R-p(R,CPE-Wo)-TLMieQ");
    let names: Vec<String> = c.param_specs().into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        ["r0", "r1", "q2", "n2", "r_w3", "tau_w3", "r_ion4", "r_e4", "q4", "n4"]
    );
    assert!(
        matches!(parse_circuit("TLMee").unwrap(), Circuit::Line(l) if l.layout == Layout::ElectronElectron)
    );
    assert!(matches!(parse_circuit("p(p(R,C),L)").unwrap(), Circuit::Parallel(b) if b.len() == 2));
}

#[test]
fn errors_name_the_position() {
    assert!(err("").contains("position 1"));
    assert!(err("R-").contains("position 3"));
    assert!(err("R-X").contains("position 3: unknown element 'X'"));
    assert!(err("R0").contains("position 2"));
    assert!(err("p(R)").contains("position 4: p(…) needs at least two branches"));
    assert!(err("p(R,C").contains("position 6"));
    assert!(err("p R").contains("position 2: expected '('"));
    assert!(err("R)").contains("position 2: unexpected ')'"));
    assert!(err("TLMxy").contains("unknown element 'TLMxy'"));
    assert!(err("r").contains("unknown element 'r'"));
    let deep = "p(".repeat(40) + "R";
    assert!(err(&deep).contains("nested deeper"));
}
