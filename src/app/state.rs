//! The page state: every input's current value, always valid.
//!
//! Invariants: each value lies in its [`InputSpec`](super::inputs::InputSpec)
//! range; each choice index names one of its options; the cathode's three
//! fractions and the anode's two each add up to 100 %. A refused change
//! leaves the state as it was and returns a message saying why.

use super::choices::{Basis, Ch, Choice, Tab, CHOICES, N_CHOICES};
use super::inputs::{In, INPUTS, N_INPUTS};

/// Inputs that are fractions of one composite and add up to 100 %.
pub const FRACTION_GROUPS: [&[In]; 3] = [
    &[In::AmPct, In::SePct, In::CarbonPct],
    &[In::AnodeAmPct, In::AnodeSePct],
    &[
        In::MicroAmPct,
        In::MicroSePct,
        In::MicroCarbonPct,
        In::MicroVoidPct,
    ],
];

/// The circuit the impedance workspace fits with `zmodel=circuit`, in
/// the notation of `crate::impedance::notation` (five elements, two arcs).
pub const DEFAULT_CIRCUIT: &str = "R-p(R,CPE)-p(R,CPE)";

/// Longest circuit text kept.
pub const MAX_CIRCUIT_LEN: usize = 120;

/// Every input of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    values: [f64; N_INPUTS],
    choices: [usize; N_CHOICES],
    /// The circuit's text, spaces removed, made only of the notation's
    /// characters ([`check_circuit_text`]); parsed by the page worker.
    circuit: String,
}

/// `text` without spaces if it could be a circuit: 1 to
/// [`MAX_CIRCUIT_LEN`] characters, letters, `-`, `(`, `,` and `)` only
/// (the notation's grammar is checked where circuits are parsed, in the
/// page worker); else why not, naming the position.
pub fn check_circuit_text(text: &str) -> Result<String, String> {
    let kept: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if kept.is_empty() {
        return Err("circuit: empty; write one such as R-p(R,CPE)".into());
    }
    if let Some((k, c)) = kept
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphabetic() || "-(),".contains(*c)))
    {
        return Err(format!(
            "circuit: position {}: '{c}' is not part of the notation (element letters, -, p(…,…))",
            k + 1
        ));
    }
    if kept.len() > MAX_CIRCUIT_LEN {
        return Err(format!("circuit: longer than {MAX_CIRCUIT_LEN} characters"));
    }
    Ok(kept)
}

/// The cathode's fractions, in the order of [`CATHODE_DENSITIES`].
const CATHODE: [In; 3] = [In::AmPct, In::SePct, In::CarbonPct];
/// The densities of the cathode's active material, SE and carbon.
const CATHODE_DENSITIES: [In; 3] = [In::RhoAm, In::RhoSe, In::RhoCarbon];

impl Default for State {
    fn default() -> Self {
        let mut state = State {
            values: INPUTS.map(|s| s.default),
            choices: CHOICES.map(|c| c.default),
            circuit: DEFAULT_CIRCUIT.into(),
        };
        state.refresh();
        state
    }
}

impl State {
    /// Current value of `input`, in its display unit.
    pub fn get(&self, input: In) -> f64 {
        self.values[input as usize]
    }

    /// The selected option of choice `T`.
    pub fn choice<T: Choice>(&self) -> T {
        T::ALL
            .get(self.choices[T::ID as usize])
            .copied()
            .unwrap_or(T::ALL[0])
    }

    /// Selects option `value` of its choice.
    pub fn select<T: Choice>(&mut self, value: T) {
        self.choices[T::ID as usize] = value.index();
        self.refresh();
    }

    /// Name of the selected option of `choice` (for the URL and the DOM).
    pub fn choice_name(&self, choice: Ch) -> &'static str {
        choice.spec().name(self.choices[choice as usize])
    }

    /// Index of the selected option of `choice`.
    pub fn choice_index(&self, choice: Ch) -> usize {
        self.choices[choice as usize]
    }

    /// The circuit's text (`zmodel=circuit`).
    pub fn circuit(&self) -> &str {
        &self.circuit
    }

    /// Sets the circuit's text after [`check_circuit_text`].
    pub fn set_circuit(&mut self, text: &str) -> Result<(), String> {
        self.circuit = check_circuit_text(text)?;
        Ok(())
    }

    /// Sets `input` after checking its range. A fraction rescales the other
    /// fractions of its composite in proportion so they still add up to 100 %.
    /// Setting the derived ε changes the cathode's SE share ([`State::set_epsilon`]).
    pub fn set(&mut self, input: In, value: f64) -> Result<(), String> {
        let value = input.spec().check(value)?;
        if input == In::Epsilon {
            return self.set_epsilon(value);
        }
        self.values[input as usize] = value;
        if let Some(group) = FRACTION_GROUPS.iter().find(|g| g.contains(&input)) {
            rebalance(&mut self.values, group, input);
        }
        self.refresh();
        Ok(())
    }

    /// Sets `input` after checking its range, leaving the other fractions of
    /// its composite alone (the caller restores the 100 % sum). A derived
    /// input is set as by [`State::set`].
    pub(crate) fn set_unbalanced(&mut self, input: In, value: f64) -> Result<(), String> {
        if input.is_derived() {
            return self.set(input, value);
        }
        self.values[input as usize] = input.spec().check(value)?;
        self.refresh();
        Ok(())
    }

    /// Dense volume fractions (active material, SE, carbon) of the cathode,
    /// from its fractions in the chosen basis and its densities.
    fn cathode_dense_fractions(&self) -> [f64; 3] {
        let parts = CATHODE.map(|i| self.get(i));
        let dense = match self.choice::<Basis>() {
            Basis::Volume => parts,
            Basis::Weight => {
                let mut k = 0;
                parts.map(|w| {
                    let rho = self.get(CATHODE_DENSITIES[k]);
                    k += 1;
                    w / rho
                })
            }
        };
        let total: f64 = dense.iter().sum();
        if total > 0.0 {
            dense.map(|v| v / total)
        } else {
            [0.0; 3]
        }
    }

    /// The cathode's ε with voids: its SE's dense volume fraction times
    /// (1 − porosity).
    fn cathode_epsilon(&self) -> f64 {
        self.cathode_dense_fractions()[1] * (1.0 - self.get(In::PorosityPct) / 100.0)
    }

    /// Sets the cathode's ε (voids included) to `epsilon` by changing its
    /// SE share: the dense SE fraction becomes ε/(1 − p), the porosity p is
    /// kept and the rest goes to the active material and the carbon in
    /// their present volume ratio (all to the active material if both are
    /// 0); the fractions are then written back in the chosen basis (wt%
    /// through the densities). Refused when ε exceeds 1 − p.
    fn set_epsilon(&mut self, epsilon: f64) -> Result<(), String> {
        let solid = 1.0 - self.get(In::PorosityPct) / 100.0;
        let se = epsilon / solid;
        if se > 1.0 {
            return Err(format!(
                "{}: {} is more than the solid share 1 − p = {} leaves",
                In::Epsilon.spec().label,
                super::format::number(epsilon),
                super::format::number(solid)
            ));
        }
        let [am, _, carbon] = self.cathode_dense_fractions();
        let am_share = if am + carbon > 0.0 {
            am / (am + carbon)
        } else {
            1.0
        };
        let dense = [(1.0 - se) * am_share, se, (1.0 - se) * (1.0 - am_share)];
        let mut parts = dense;
        if self.choice::<Basis>() == Basis::Weight {
            for (part, rho) in parts.iter_mut().zip(CATHODE_DENSITIES) {
                *part *= self.get(rho);
            }
        }
        if !self.set_fractions_normalised(&CATHODE, &parts) {
            return Err(format!(
                "{}: no composition gives {}",
                In::Epsilon.spec().label,
                super::format::number(epsilon)
            ));
        }
        Ok(())
    }

    /// Recomputes the derived inputs ([`super::inputs::DERIVED`]) from the others.
    fn refresh(&mut self) {
        let epsilon = self.cathode_epsilon();
        if epsilon.is_finite() {
            self.values[In::Epsilon as usize] = epsilon.clamp(0.0, 1.0);
        }
    }

    /// Sets every input and choice of workspace `tab` back to its default
    /// (inputs added later included: they belong to a group, and every
    /// group to a workspace).
    pub fn reset_workspace(&mut self, tab: Tab) {
        for spec in INPUTS.iter().filter(|s| s.group.workspace() == tab) {
            self.values[spec.id as usize] = spec.default;
        }
        for spec in CHOICES.iter().filter(|c| c.id.workspace() == Some(tab)) {
            self.choices[spec.id as usize] = spec.default;
        }
        if tab == Tab::Impedance {
            self.circuit = DEFAULT_CIRCUIT.into();
        }
        self.refresh();
    }

    /// True when `self` and `other` agree on every input and choice of
    /// workspace `tab`.
    pub fn same_in(&self, other: &State, tab: Tab) -> bool {
        INPUTS
            .iter()
            .filter(|s| s.group.workspace() == tab)
            .all(|s| self.get(s.id) == other.get(s.id))
            && CHOICES
                .iter()
                .filter(|c| c.id.workspace() == Some(tab))
                .all(|c| self.choice_index(c.id) == other.choice_index(c.id))
            && (tab != Tab::Impedance || self.circuit == other.circuit)
    }

    /// Parses `text` (as typed in a number field) and sets `input`.
    pub fn set_text(&mut self, input: In, text: &str) -> Result<(), String> {
        let value = parse_number(text).ok_or_else(|| {
            format!(
                "{}: \"{}\" is not a number",
                input.spec().label,
                shorten(text, 24)
            )
        })?;
        self.set(input, value)
    }

    /// Selects option `name` of `choice`: the edge's parser (URL, DOM).
    pub fn set_choice(&mut self, choice: Ch, name: &str) -> Result<(), String> {
        let spec = choice.spec();
        let index = spec.index_of(name).ok_or_else(|| {
            let names: Vec<&str> = spec.options.iter().map(|o| o.0).collect();
            format!(
                "{}: \"{}\" is not one of {}",
                spec.label,
                shorten(name, 24),
                names.join(", ")
            )
        })?;
        self.choices[choice as usize] = index;
        self.refresh();
        Ok(())
    }

    /// Sets a whole fraction group from arbitrary non-negative parts,
    /// normalised to 100 %; used when decoding a URL. Returns false (and
    /// changes nothing) if the parts add up to 0.
    pub fn set_fractions_normalised(&mut self, group: &[In], parts: &[f64]) -> bool {
        let total: f64 = parts.iter().sum();
        if group.len() != parts.len() || !(total > 0.0 && total.is_finite()) {
            return false;
        }
        for (&input, &part) in group.iter().zip(parts) {
            self.values[input as usize] = (100.0 * part / total).clamp(0.0, 100.0);
        }
        self.refresh();
        true
    }
}

/// Gives the other members of `group` the rest of 100 %, in proportion to
/// their current values (equally if they are all 0).
fn rebalance(values: &mut [f64; N_INPUTS], group: &[In], changed: In) {
    let rest = 100.0 - values[changed as usize];
    let others: Vec<In> = group.iter().copied().filter(|&i| i != changed).collect();
    let others_total: f64 = others.iter().map(|&i| values[i as usize]).sum();
    for &other in &others {
        let share = if others_total > 0.0 {
            values[other as usize] / others_total
        } else {
            1.0 / others.len() as f64
        };
        values[other as usize] = (rest * share).clamp(0.0, 100.0);
    }
}

/// Parses a number as people type it: surrounding spaces, a decimal comma
/// and a typographic minus are accepted; NaN and infinities are not.
pub fn parse_number(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.len() > 64 {
        return None;
    }
    let mut cleaned = trimmed.replace('−', "-");
    if !cleaned.contains('.') {
        cleaned = cleaned.replace(',', ".");
    }
    let lower = cleaned.to_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// At most `max` characters of `text`, with an ellipsis if cut.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
