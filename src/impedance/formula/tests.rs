use super::formula;
use crate::impedance::{parse_circuit, Model};

#[test]
fn a_randles_cell_reads_as_written_by_hand() {
    let c = parse_circuit("R-p(R,CPE)").unwrap();
    assert_eq!(formula(&c), "Z(ω) = r0 + 1/(1/r1 + q2·(iω)^n2)");
    let c = parse_circuit("L-R-p(C,R-Wo)").unwrap();
    assert_eq!(
        formula(&c),
        "Z(ω) = iω·l0 + r1 + 1/(iω·c2 + 1/(r3 + r_w4·coth(√(iω·tau_w4))/√(iω·tau_w4)))"
    );
}

/// Every parameter of the circuit appears in its formula, in the order of
/// the circuit's own parameter list.
#[test]
fn the_formula_names_every_parameter_in_order() {
    for text in [
        "R-p(R,CPE)-p(R,CPE)",
        "R-p(R,CPE)-TLMie",
        "p(R-Ws,C)-TLMeeQ-L",
        "p(p(R,C),CPE)-Wo",
    ] {
        let c = parse_circuit(text).unwrap();
        let f = formula(&c);
        let mut from = 0;
        for spec in c.param_specs() {
            let at = f[from..]
                .find(&spec.name)
                .unwrap_or_else(|| panic!("{text}: {} not after {from} in {f}", spec.name));
            from += at;
        }
    }
}
