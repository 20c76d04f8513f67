//! The page state: every input's current value, always valid.
//!
//! Invariants: each value lies in its [`InputSpec`](super::inputs::InputSpec)
//! range; each choice index names one of its options; the cathode's three
//! fractions and the anode's two each add up to 100 %. A refused change
//! leaves the state as it was and returns a message saying why.

use super::choices::{Ch, Choice, CHOICES, N_CHOICES};
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

/// Every input of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    values: [f64; N_INPUTS],
    choices: [usize; N_CHOICES],
}

impl Default for State {
    fn default() -> Self {
        State {
            values: INPUTS.map(|s| s.default),
            choices: CHOICES.map(|c| c.default),
        }
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
    }

    /// Name of the selected option of `choice` (for the URL and the DOM).
    pub fn choice_name(&self, choice: Ch) -> &'static str {
        choice.spec().name(self.choices[choice as usize])
    }

    /// Index of the selected option of `choice`.
    pub fn choice_index(&self, choice: Ch) -> usize {
        self.choices[choice as usize]
    }

    /// Sets `input` after checking its range. A fraction rescales the other
    /// fractions of its composite in proportion so they still add up to 100 %.
    pub fn set(&mut self, input: In, value: f64) -> Result<(), String> {
        let value = input.spec().check(value)?;
        self.values[input as usize] = value;
        if let Some(group) = FRACTION_GROUPS.iter().find(|g| g.contains(&input)) {
            rebalance(&mut self.values, group, input);
        }
        Ok(())
    }

    /// Sets `input` after checking its range, leaving the other fractions of
    /// its composite alone (the caller restores the 100 % sum).
    pub(crate) fn set_unbalanced(&mut self, input: In, value: f64) -> Result<(), String> {
        self.values[input as usize] = input.spec().check(value)?;
        Ok(())
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
