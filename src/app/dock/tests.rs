use super::*;
use crate::app::inputs::INPUTS;
use crate::app::State;

#[test]
fn every_input_names_a_plot_of_its_workspace_and_the_rows_exist() {
    let state = State::default();
    let design = crate::app::design::view::view(&state, &Default::default());
    let design_plots: Vec<&str> = design.plots.iter().map(|p| p.id).collect();
    let mut sim = state.clone();
    sim.select(crate::app::choices::ZMode::Simulate);
    let impedance = crate::app::impedance::view::view(&sim, &[], 0);
    let impedance_plots: Vec<&str> = impedance.plots.iter().map(|p| p.id).collect();
    for spec in INPUTS.iter() {
        let plots = match spec.group.workspace() {
            Tab::Design => &design_plots,
            Tab::Impedance => &impedance_plots,
        };
        assert!(plots.contains(&plot_for(spec.id)), "{}", spec.key);
    }
    // The strip's rows are rows of the views (those that always show).
    for id in ["cap", "util", "limit"] {
        assert!(rows(Tab::Design).contains(&id));
        assert!(design.rows.iter().any(|r| r.id == id), "{id}");
    }
    for id in ["zhf", "zlf"] {
        assert!(impedance.rows.iter().any(|r| r.id == id), "{id}");
    }
}
