//! Header names → which column holds what, in which unit, with which sign.
//!
//! A header cell is matched first as a whole (`Re(Z)`, `Zreal`, `|Z|`), then
//! split into a name and a unit at `/`, at a trailing `(…)` or `[…]`, at the
//! last `_` or at the last space (`freq/Hz`, `Frequency (Hz)`, `Z' [kOhm]`,
//! `z_re_ohm`, `Zre ohms`). Names are compared without case, spaces, `_` or
//! `.`; units keep their case so that `mHz` (milli) and `MHz` (mega) differ.
//! A leading `-` on an imaginary-part or phase name (`-Im(Z)`, `-Z''`,
//! `-Phase`) says the column holds the negated quantity.

use super::table::unquote;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Freq,
    Re,
    Im,
    Modulus,
    Phase,
    Split,
}

/// One numeric column: where it is and how to turn its cells into core units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Col {
    /// 0-based cell index.
    pub index: usize,
    /// Multiplies a cell to give Hz, Ω or rad (a negative factor for `-Im`, `-Phase`).
    pub scale: f64,
    /// The header text, for messages.
    pub name: String,
}

impl Col {
    /// A column with no header: its name for messages is `what`.
    pub fn fixed(index: usize, what: &str) -> Self {
        Col {
            index,
            scale: 1.0,
            name: what.to_string(),
        }
    }
}

/// How the impedance is given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ZCols {
    /// Re(Z) and Im(Z) (or −Im(Z)) in Ω.
    Cartesian { re: Col, im: Col },
    /// |Z| in Ω and the phase of Z in rad.
    Polar { modulus: Col, phase: Col },
}

/// The columns a table reader needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Columns {
    pub freq: Col,
    pub z: ZCols,
    /// A column whose value changes where a new spectrum begins (loop, cycle, label).
    pub split: Option<usize>,
}

/// What a header line turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HeaderMatch {
    /// Frequency and a complete impedance.
    Complete(Columns),
    /// Some impedance columns, but `missing` is not there.
    Partial { missing: &'static str },
    /// Not an impedance header.
    Nothing,
}

const FREQ: &[&str] = &["f", "freq", "frequency", "fr", "frequencies"];
const RE: &[&str] = &[
    "re(z)", "z'", "z′", "zre", "zreal", "real", "re", "rez", "realz", "real(z)", "zr", "z(re)",
];
const IM: &[&str] = &[
    "im(z)",
    "z''",
    "z\"",
    "z′′",
    "z″",
    "zim",
    "zimag",
    "zimg",
    "imag",
    "im",
    "imz",
    "imagz",
    "imag(z)",
    "zi",
    "z(im)",
    "zimaginary",
    "imaginary",
];
const MODULUS: &[&str] = &[
    "|z|",
    "z",
    "zmod",
    "mod(z)",
    "modulus",
    "abs(z)",
    "zabs",
    "magnitude",
];
const PHASE: &[&str] = &[
    "phase",
    "phase(z)",
    "phz",
    "zphz",
    "zphase",
    "phi",
    "theta",
    "phaseangle",
];
const SPLIT: &[&str] = &["spectrum", "cyclenumber", "cycle", "zcycle", "loop"];

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '.')
        .map(|c| match c {
            '’' | '´' | '`' => '\'',
            '”' | '“' => '"',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The role of a normalized name and whether it is negated.
fn role_of(norm: &str) -> Option<(Role, bool)> {
    let (negated, bare) = match norm.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, norm),
    };
    let table: [(&[&str], Role); 6] = [
        (FREQ, Role::Freq),
        (RE, Role::Re),
        (IM, Role::Im),
        (MODULUS, Role::Modulus),
        (PHASE, Role::Phase),
        (SPLIT, Role::Split),
    ];
    let role = table
        .iter()
        .find(|(names, _)| names.contains(&bare))
        .map(|(_, role)| *role)?;
    match (role, negated) {
        (_, false) => Some((role, false)),
        (Role::Im | Role::Phase, true) => Some((role, true)),
        _ => None,
    }
}

/// Hz per unit of a frequency column.
fn freq_scale(unit: &str) -> Option<f64> {
    match unit {
        "" | "Hz" | "hz" | "HZ" => Some(1.0),
        "kHz" | "khz" | "KHz" | "KHZ" => Some(1e3),
        "MHz" => Some(1e6),
        "mHz" => Some(1e-3),
        _ => None,
    }
}

/// Ω per unit of an impedance column.
fn ohm_scale(unit: &str) -> Option<f64> {
    const OHM: &[&str] = &["ohm", "ohms", "Ohm", "Ohms", "OHM", "OHMS", "Ω", "Ω"];
    // ZPlot labels its impedance columns Z'(a) and Z''(b): the letters name
    // plot axes, the values are in Ω.
    if unit.is_empty() || unit == "a" || unit == "b" || OHM.contains(&unit) {
        return Some(1.0);
    }
    let mut chars = unit.chars();
    let prefix = chars.next()?;
    if !OHM.contains(&chars.as_str()) {
        return None;
    }
    match prefix {
        'k' | 'K' => Some(1e3),
        'M' => Some(1e6),
        'G' => Some(1e9),
        'm' => Some(1e-3),
        'µ' | 'μ' | 'u' => Some(1e-6),
        _ => None,
    }
}

/// Radians per unit of a phase column (degrees when no unit is given).
fn angle_scale(unit: &str) -> Option<f64> {
    match unit {
        "" | "deg" | "Deg" | "degree" | "degrees" | "°" | "º" => {
            Some(std::f64::consts::PI / 180.0)
        }
        "rad" | "Rad" => Some(1.0),
        _ => None,
    }
}

fn unit_scale(role: Role, unit: &str) -> Option<f64> {
    match role {
        Role::Freq => freq_scale(unit),
        Role::Re | Role::Im | Role::Modulus => ohm_scale(unit),
        Role::Phase => angle_scale(unit),
        Role::Split => Some(1.0),
    }
}

/// Splits `raw` into (name, unit) candidates, most specific first; the flag
/// says whether an unknown unit is an error (an explicit `/unit` or `(unit)`).
fn splits(raw: &str) -> Vec<(&str, &str, bool)> {
    let mut out = Vec::new();
    if let Some(pos) = raw.rfind('/') {
        out.push((&raw[..pos], &raw[pos + 1..], true));
    }
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let (Some(pos), true) = (raw.rfind(open), raw.ends_with(close)) {
            out.push((&raw[..pos], &raw[pos + 1..raw.len() - 1], true));
        }
    }
    for sep in ['_', ' '] {
        if let Some(pos) = raw.rfind(sep) {
            out.push((&raw[..pos], &raw[pos + 1..], false));
        }
    }
    out
}

/// The role, scale (unit × sign) of one header cell; `Err` names an unknown unit.
fn classify(cell: &str) -> Result<Option<(Role, f64)>, String> {
    let raw = unquote(cell);
    if let Some((role, negated)) = role_of(&normalize(raw)) {
        let scale = unit_scale(role, "").unwrap_or(1.0);
        return Ok(Some((role, if negated { -scale } else { scale })));
    }
    for (name, unit, strict) in splits(raw) {
        let Some((role, negated)) = role_of(&normalize(name)) else {
            continue;
        };
        let unit = unit.trim();
        match unit_scale(role, unit) {
            Some(scale) => return Ok(Some((role, if negated { -scale } else { scale }))),
            None if strict => {
                return Err(format!(
                    "column \"{raw}\" has a unit this reader does not know: \"{unit}\""
                ))
            }
            None => continue,
        }
    }
    Ok(None)
}

/// Matches a header line's cells to columns.
pub(crate) fn match_header<'a>(
    cells: impl Iterator<Item = &'a str>,
) -> Result<HeaderMatch, String> {
    let mut found: [Option<Col>; 5] = Default::default();
    let mut split = None;
    for (index, cell) in cells.enumerate() {
        let Some((role, scale)) = classify(cell)? else {
            continue;
        };
        let slot = match role {
            Role::Freq => 0,
            Role::Re => 1,
            Role::Im => 2,
            Role::Modulus => 3,
            Role::Phase => 4,
            Role::Split => {
                split = split.or(Some(index));
                continue;
            }
        };
        if found[slot].is_none() {
            let name = unquote(cell).to_string();
            found[slot] = Some(Col { index, scale, name });
        }
    }
    let count = found.iter().filter(|c| c.is_some()).count();
    let [freq, re, im, modulus, phase] = found;
    let z = match (re, im, modulus, phase) {
        (Some(re), Some(im), _, _) => Some(ZCols::Cartesian { re, im }),
        (_, _, Some(modulus), Some(phase)) => Some(ZCols::Polar { modulus, phase }),
        (re, im, modulus, phase) => {
            if count < 2 {
                return Ok(HeaderMatch::Nothing);
            }
            let missing = match (
                re.is_some(),
                im.is_some(),
                modulus.is_some(),
                phase.is_some(),
            ) {
                (true, false, _, _) => {
                    "column for the imaginary part of Z (such as Im(Z)/Ohm, -Im(Z)/Ohm, Z'')"
                }
                (false, true, _, _) => "column for the real part of Z (such as Re(Z)/Ohm, Z')",
                (_, _, true, false) => "phase column (such as Phase(Z)/deg)",
                (_, _, false, true) => "modulus column (such as |Z|/Ohm)",
                _ => "impedance columns (Re(Z) and Im(Z), or |Z| and phase)",
            };
            return Ok(HeaderMatch::Partial { missing });
        }
    };
    match (freq, z) {
        (Some(freq), Some(z)) => Ok(HeaderMatch::Complete(Columns { freq, z, split })),
        (None, Some(_)) => Ok(HeaderMatch::Partial {
            missing: "frequency column (such as freq/Hz, Frequency (Hz))",
        }),
        _ => Ok(HeaderMatch::Nothing),
    }
}

#[cfg(test)]
mod tests;
