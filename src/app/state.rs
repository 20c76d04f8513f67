//! The page state: every input's current value, always valid.
//!
//! Invariants: each value lies in its [`InputSpec`](super::inputs::InputSpec)
//! range; each choice index names one of its options; the cathode's three
//! fractions and the anode's two each add up to 100 %. A refused change
//! leaves the state as it was and returns a message saying why.

use super::choices::{Ch, Choice, CHOICES, N_CHOICES};
use super::inputs::{In, INPUTS, N_INPUTS};

/// Inputs that are fractions of one composite and add up to 100 %.
pub const FRACTION_GROUPS: [&[In]; 2] = [
    &[In::AmPct, In::SePct, In::CarbonPct],
    &[In::AnodeAmPct, In::AnodeSePct],
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
mod tests {
    use super::*;

    fn sum(state: &State, group: &[In]) -> f64 {
        group.iter().map(|&i| state.get(i)).sum()
    }

    #[test]
    fn refused_value_keeps_last_valid_and_says_why() {
        let mut s = State::default();
        s.set(In::ThicknessUm, 120.0).unwrap();
        let msg = s.set(In::ThicknessUm, 1e6).unwrap_err();
        assert!(msg.contains("out of range"), "{msg}");
        assert_eq!(s.get(In::ThicknessUm), 120.0);
        let msg = s.set_text(In::ThicknessUm, "abc").unwrap_err();
        assert!(msg.contains("not a number"), "{msg}");
        assert_eq!(s.get(In::ThicknessUm), 120.0);
        assert!(s.set_text(In::ThicknessUm, "NaN").is_err());
        assert_eq!(s.get(In::ThicknessUm), 120.0);
    }

    #[test]
    fn typed_numbers_are_read_like_people_write_them() {
        assert_eq!(parse_number(" 1,5 "), Some(1.5));
        assert_eq!(parse_number("−2.5"), Some(-2.5));
        assert_eq!(parse_number("3e-4"), Some(3e-4));
        assert_eq!(parse_number("1,000.5"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn raising_the_se_fraction_rescales_the_others_in_proportion() {
        let mut s = State::default(); // 61 / 36 / 3 wt%
        s.set(In::SePct, 50.0).unwrap();
        // The other 50 % split 61 : 3 → 47.65625 and 2.34375.
        assert!((s.get(In::AmPct) - 50.0 * 61.0 / 64.0).abs() < 1e-12);
        assert!((s.get(In::CarbonPct) - 50.0 * 3.0 / 64.0).abs() < 1e-12);
        s.set(In::AnodeAmPct, 30.0).unwrap();
        assert_eq!(s.get(In::AnodeSePct), 70.0);
        // All others at 0: the rest is split equally.
        s.set(In::AmPct, 100.0).unwrap();
        s.set(In::AmPct, 40.0).unwrap();
        assert_eq!((s.get(In::SePct), s.get(In::CarbonPct)), (30.0, 30.0));
    }

    #[test]
    fn choices_are_checked() {
        use crate::impedance::Layout;
        let mut s = State::default();
        s.select(Layout::ElectronElectron);
        assert_eq!(s.choice::<Layout>(), Layout::ElectronElectron);
        let msg = s.set_choice(Ch::Layout, "sideways").unwrap_err();
        assert!(msg.contains("sideways") && msg.contains("ion-ion"), "{msg}");
        assert_eq!(s.choice_name(Ch::Layout), "electron-electron");
    }

    proptest::proptest! {
        #[test]
        fn fractions_always_add_up_to_100(moves in proptest::collection::vec((0usize..3, 0.0f64..=100.0), 1..20)) {
            let mut s = State::default();
            let group = FRACTION_GROUPS[0];
            for (which, value) in moves {
                s.set(group[which], value).unwrap();
                proptest::prop_assert!((sum(&s, group) - 100.0).abs() < 1e-9);
                proptest::prop_assert_eq!(s.get(group[which]), value);
                for &i in group {
                    proptest::prop_assert!((0.0..=100.0).contains(&s.get(i)));
                }
            }
        }

        #[test]
        fn any_text_never_panics_and_never_breaks_the_range(text in ".{0,40}") {
            let mut s = State::default();
            for spec in INPUTS.iter() {
                let _ = s.set_text(spec.id, &text);
                proptest::prop_assert!(spec.check(s.get(spec.id)).is_ok());
            }
        }
    }
}
