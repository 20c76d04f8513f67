//! A circuit's Z(ω) written out as plain text for people (the page's
//! circuit preview), with the parameter names of [`super::circuit`]:
//! `R-p(R,CPE)` reads `Z(ω) = r0 + 1/(1/r1 + q2·(iω)^n2)`.
//!
//! Each element is written as in [`super::elements`]: R, 1/(iω·c),
//! iω·l, 1/(q·(iω)^n), r_w·tanh(√(iω·τ_w))/√(iω·τ_w) (Ws) and
//! r_w·coth(√(iω·τ_w))/√(iω·τ_w) (Wo); a parallel group as the reciprocal of
//! its branches' admittances (1/r, iω·c, q·(iω)^n, else 1/(Z)); a
//! transmission line by its layout and parameters, Z_TLM,ie(r_ion, r_e, c_dl)
//! (its equations: `line.rs`, MODELS.md).

use super::circuit::Circuit;
use super::elements::Element;
use super::line::{Interface, Layout};

/// `Z(ω) = …` for `circuit`.
pub fn formula(circuit: &Circuit) -> String {
    let mut leaf = 0;
    format!("Z(ω) = {}", impedance(circuit, &mut leaf, true))
}

/// Z of `c` as text; `leaf` numbers the leaves in writing order; `top`
/// when no parentheses are needed around a sum.
fn impedance(c: &Circuit, leaf: &mut usize, top: bool) -> String {
    match c {
        Circuit::Series(parts) => {
            let sum: Vec<String> = parts.iter().map(|p| impedance(p, leaf, true)).collect();
            let sum = sum.join(" + ");
            if top {
                sum
            } else {
                format!("({sum})")
            }
        }
        Circuit::Parallel(branches) => {
            let terms: Vec<String> = branches.iter().map(|b| admittance(b, leaf)).collect();
            format!("1/({})", terms.join(" + "))
        }
        Circuit::Element(e) => {
            let k = next(leaf);
            match e {
                Element::Resistor { .. } => format!("r{k}"),
                Element::Capacitor { .. } => format!("1/(iω·c{k})"),
                Element::Inductor { .. } => format!("iω·l{k}"),
                Element::Cpe { .. } => format!("1/(q{k}·(iω)^n{k})"),
                Element::WarburgShort { .. } => {
                    format!("r_w{k}·tanh(√(iω·tau_w{k}))/√(iω·tau_w{k})")
                }
                Element::WarburgOpen { .. } => {
                    format!("r_w{k}·coth(√(iω·tau_w{k}))/√(iω·tau_w{k})")
                }
            }
        }
        Circuit::Line(line) => {
            let k = next(leaf);
            let code = match line.layout {
                Layout::IonElectron => "ie",
                Layout::IonIon => "ii",
                Layout::ElectronElectron => "ee",
            };
            let interface = match line.interface {
                Interface::Capacitor { .. } => format!("c_dl{k}"),
                Interface::Cpe { .. } => format!("q{k}, n{k}"),
            };
            format!("Z_TLM,{code}(r_ion{k}, r_e{k}, {interface})")
        }
    }
}

/// 1/Z of `c` as text, written directly for R, C and CPE.
fn admittance(c: &Circuit, leaf: &mut usize) -> String {
    match c {
        Circuit::Element(Element::Resistor { .. }) => format!("1/r{}", next(leaf)),
        Circuit::Element(Element::Capacitor { .. }) => format!("iω·c{}", next(leaf)),
        Circuit::Element(Element::Cpe { .. }) => {
            let k = next(leaf);
            format!("q{k}·(iω)^n{k}")
        }
        other => format!("1/{}", wrapped(&impedance(other, leaf, true))),
    }
}

/// `text` in parentheses unless it is one name or already one group.
fn wrapped(text: &str) -> String {
    let simple = text.chars().all(|ch| ch.is_alphanumeric() || ch == '_');
    if simple {
        text.to_string()
    } else {
        format!("({text})")
    }
}

fn next(leaf: &mut usize) -> usize {
    *leaf += 1;
    *leaf - 1
}

#[cfg(test)]
mod tests;
