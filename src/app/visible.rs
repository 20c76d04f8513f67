//! Which inputs the page shows for the current choices: an input that does
//! not enter the computation is hidden, never silently ignored.

use super::choices::{Anode, RBulk, Tab, TauMode, ZMode};
use super::inputs::{Group, In};
use super::state::State;
use crate::fit::InterfaceKind;

/// True if `input` takes part in the current computation.
pub fn input_visible(state: &State, input: In) -> bool {
    let bruggeman = state.choice::<TauMode>() == TauMode::Bruggeman;
    match input {
        In::Alpha | In::BruggemanK | In::AlphaUnc => bruggeman,
        In::TauMeasured | In::AnodeTau | In::TauUnc => !bruggeman && anode_ok(state, input),
        In::SimN => state.choice::<InterfaceKind>() == InterfaceKind::Cpe,
        // Against Li metal U_a is 0 V and not asked for.
        In::UAnodeV => state.choice::<Anode>() == Anode::Composite,
        In::LiExcessUm => state.choice::<Anode>() == Anode::LiMetal,
        In::ZRBulkOhm => {
            state.choice::<RBulk>() == RBulk::Fixed && state.choice::<ZMode>() == ZMode::Fit
        }
        _ => match input.spec().group {
            Group::Anode => anode_ok(state, input),
            Group::Simulate => state.choice::<ZMode>() == ZMode::Simulate,
            _ => true,
        },
    }
}

/// Anode inputs count only with a composite anode.
fn anode_ok(state: &State, input: In) -> bool {
    input.spec().group != Group::Anode || state.choice::<Anode>() == Anode::Composite
}

/// True if the page section for `group` is shown at all.
pub fn group_visible(state: &State, group: Group) -> bool {
    let design = state.choice::<Tab>() == Tab::Design;
    match group {
        Group::Cathode | Group::Electrolyte | Group::Operation | Group::Uncertainty => design,
        Group::Anode => design && state.choice::<Anode>() == Anode::Composite,
        Group::Geometry => !design,
        Group::Simulate => !design && state.choice::<ZMode>() == ZMode::Simulate,
    }
}

#[cfg(test)]
mod tests;
