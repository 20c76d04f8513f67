//! Which inputs the page shows for the current choices: an input that does
//! not enter the computation is hidden, never silently ignored.

use super::choices::Ch;
use super::inputs::{Group, In};
use super::state::State;

/// True if `input` takes part in the current computation.
pub fn input_visible(state: &State, input: In) -> bool {
    let bruggeman = state.choice(Ch::TauMode) == "bruggeman";
    match input {
        In::Alpha | In::BruggemanK => bruggeman,
        In::TauMeasured | In::AnodeTau => !bruggeman && anode_ok(state, input),
        In::SimN => state.choice(Ch::Interface) == "cpe",
        // Against Li metal U_a is 0 V and not asked for.
        In::UAnodeV => state.choice(Ch::Anode) == "composite",
        In::LiExcessUm => state.choice(Ch::Anode) == "li",
        In::ZRBulkOhm => state.choice(Ch::RBulk) == "fixed" && state.choice(Ch::ZMode) == "fit",
        _ => match input.spec().group {
            Group::Anode => anode_ok(state, input),
            Group::Simulate => state.choice(Ch::ZMode) == "sim",
            _ => true,
        },
    }
}

/// Anode inputs count only with a composite anode.
fn anode_ok(state: &State, input: In) -> bool {
    input.spec().group != Group::Anode || state.choice(Ch::Anode) == "composite"
}

/// True if the page section for `group` is shown at all.
pub fn group_visible(state: &State, group: Group) -> bool {
    let design = state.choice(Ch::Tab) == "design";
    match group {
        Group::Cathode | Group::Electrolyte | Group::Operation => design,
        Group::Anode => design && state.choice(Ch::Anode) == "composite",
        Group::Geometry => !design,
        Group::Simulate => !design && state.choice(Ch::ZMode) == "sim",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tau_inputs_follow_the_mode_and_anode_inputs_the_anode() {
        let mut s = State::default();
        assert!(input_visible(&s, In::TauMeasured) && !input_visible(&s, In::Alpha));
        assert!(input_visible(&s, In::AnodeTau) && input_visible(&s, In::AnodeThicknessUm));
        s.set_choice(Ch::TauMode, "bruggeman").unwrap();
        assert!(!input_visible(&s, In::TauMeasured) && input_visible(&s, In::Alpha));
        assert!(!input_visible(&s, In::AnodeTau));
        s.set_choice(Ch::Anode, "li").unwrap();
        assert!(!input_visible(&s, In::AnodeThicknessUm));
        assert!(!group_visible(&s, Group::Anode));
        s.set_choice(Ch::Interface, "c").unwrap();
        assert!(!input_visible(&s, In::SimN));
        s.set_choice(Ch::Tab, "impedance").unwrap();
        assert!(group_visible(&s, Group::Geometry) && !group_visible(&s, Group::Cathode));
        assert!(!group_visible(&s, Group::Simulate));
    }
}
