//! A small, strict text notation for [`Circuit`]s.
//!
//! ```text
//! circuit  := series
//! series   := term ('-' term)*
//! term     := element | 'p(' series (',' series)+ ')'
//! element  := 'R' | 'C' | 'L' | 'CPE' | 'Ws' | 'Wo'
//!           | 'TLM' layout ['Q']          layout := 'ie' | 'ii' | 'ee'
//! ```
//!
//! `-` joins in series and `p(a,b,…)` in parallel (at least two branches,
//! each of which may be a series). `Ws`/`Wo` are the transmissive and
//! reflective finite Warburgs; `TLMie`, `TLMii`, `TLMee` the two-rail line
//! in the ion–electron, ion–ion and electron–electron layouts with a
//! double-layer capacitance, and with a trailing `Q` a CPE interface.
//! Symbols are case-sensitive and carry no numbers (parameters are numbered
//! automatically, see [`super::circuit`]); spaces between symbols are
//! ignored. Example: `R-p(R,CPE)-TLMieQ`.
//!
//! Parsed circuits hold placeholder values (1 Ω, 1 µF, 1 µH, Q = 1e-6 with
//! n = 0.9, R_w = 1 Ω with τ_w = 1 s, R_ion = R_e = 1 Ω) until their
//! parameters are set. Errors name the 1-based character position.

use std::fmt;

use super::circuit::Circuit;
use super::elements::Element;
use super::line::{Interface, Layout, TwoRailLine};
use crate::error::{Error, Result};

/// Deepest nesting of `p(` accepted (keeps recursion bounded).
pub const MAX_DEPTH: usize = 32;

/// Parses the circuit notation described in this module's documentation.
pub fn parse_circuit(text: &str) -> Result<Circuit> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    let circuit = parser.series(0)?;
    parser.skip_spaces();
    match parser.peek() {
        None => Ok(circuit),
        Some(c) => Err(parser.error(format!("unexpected '{c}' after a complete circuit"))),
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn error(&self, message: String) -> Error {
        Error::Read {
            source: "circuit".into(),
            line: None,
            message: format!("position {}: {message}", self.at + 1),
        }
    }

    fn series(&mut self, depth: usize) -> Result<Circuit> {
        let mut parts = vec![self.term(depth)?];
        loop {
            self.skip_spaces();
            if self.peek() != Some('-') {
                break;
            }
            self.at += 1;
            parts.push(self.term(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Circuit::Series(parts)
        })
    }

    fn term(&mut self, depth: usize) -> Result<Circuit> {
        self.skip_spaces();
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        if word.is_empty() {
            return Err(match self.peek() {
                None => self.error("expected an element or p(…), found the end".into()),
                Some(c) => self.error(format!("expected an element or p(…), found '{c}'")),
            });
        }
        if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return Err(self.error(format!(
                "no numbers after '{word}': elements are numbered automatically"
            )));
        }
        if word == "p" {
            return self.parallel(depth + 1);
        }
        leaf(&word).ok_or_else(|| {
            self.at = start;
            self.error(format!(
                "unknown element '{word}' (known: R, C, L, CPE, Ws, Wo, TLMie, TLMii, TLMee, \
                 and TLMieQ, TLMiiQ, TLMeeQ with a CPE interface)"
            ))
        })
    }

    fn parallel(&mut self, depth: usize) -> Result<Circuit> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("p(…) nested deeper than {MAX_DEPTH}")));
        }
        if self.peek() != Some('(') {
            return Err(self.error("expected '(' right after p".into()));
        }
        self.at += 1;
        let mut branches = vec![self.series(depth)?];
        loop {
            self.skip_spaces();
            match self.peek() {
                Some(',') => {
                    self.at += 1;
                    branches.push(self.series(depth)?);
                }
                Some(')') if branches.len() >= 2 => {
                    self.at += 1;
                    return Ok(Circuit::Parallel(branches));
                }
                Some(')') => return Err(self.error("p(…) needs at least two branches".into())),
                Some(c) => return Err(self.error(format!("expected ',' or ')', found '{c}'"))),
                None => return Err(self.error("expected ',' or ')', found the end".into())),
            }
        }
    }
}

/// The leaf written `word`, with placeholder values.
fn leaf(word: &str) -> Option<Circuit> {
    let element = match word {
        "R" => Element::Resistor { r_ohm: 1.0 },
        "C" => Element::Capacitor { c_f: 1e-6 },
        "L" => Element::Inductor { l_h: 1e-6 },
        "CPE" => Element::Cpe { q: 1e-6, n: 0.9 },
        "Ws" => Element::WarburgShort {
            r_w_ohm: 1.0,
            tau_w_s: 1.0,
        },
        "Wo" => Element::WarburgOpen {
            r_w_ohm: 1.0,
            tau_w_s: 1.0,
        },
        _ => return line_leaf(word),
    };
    Some(Circuit::Element(element))
}

fn line_leaf(word: &str) -> Option<Circuit> {
    let rest = word.strip_prefix("TLM")?;
    let (code, interface) = match rest.strip_suffix('Q') {
        Some(code) => (code, Interface::Cpe { q: 1e-6, n: 0.9 }),
        None => (rest, Interface::Capacitor { c_dl_f: 1e-6 }),
    };
    let layout = Layout::ALL.into_iter().find(|l| layout_code(*l) == code)?;
    Some(Circuit::Line(TwoRailLine {
        layout,
        r_ion_ohm: 1.0,
        r_e_ohm: 1.0,
        interface,
        r_bulk_ohm: 0.0,
    }))
}

/// `ie`, `ii` or `ee`.
fn layout_code(layout: Layout) -> &'static str {
    match layout {
        Layout::IonElectron => "ie",
        Layout::IonIon => "ii",
        Layout::ElectronElectron => "ee",
    }
}

/// Writes the notation back; `parse_circuit(&c.to_string())` has the same
/// structure as `c` for any circuit the parser can produce.
impl fmt::Display for Circuit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, parts: &[Circuit], sep: &str| {
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{part}")?;
            }
            Ok(())
        };
        match self {
            Circuit::Element(element) => f.write_str(element.symbol()),
            Circuit::Line(line) => {
                let q = if matches!(line.interface, Interface::Cpe { .. }) {
                    "Q"
                } else {
                    ""
                };
                write!(f, "TLM{}{q}", layout_code(line.layout))
            }
            Circuit::Series(parts) => join(f, parts, "-"),
            Circuit::Parallel(parts) => {
                f.write_str("p(")?;
                join(f, parts, ",")?;
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests;
