use super::*;
use crate::app::inputs::In;
use crate::app::micro::model::{Event, PhaseRow, Task, VolumeMeta};

fn session_with_se_tau(state: &State, tau: f64) -> Session {
    let mut s = Session::default();
    let id = s.start(Task::Run, recipe(state).ok(), false);
    let meta = VolumeMeta {
        name: "e".into(),
        shape: [1, 1, 2],
        voxel_um: 1.0,
        labels: (0..=255).collect(),
        present: vec![(1, 1), (2, 1)],
        generated: true,
    };
    s.apply(id, Event::Volume(meta), vec![1, 2]);
    s.apply(
        id,
        Event::Row(PhaseRow {
            label: SE,
            axis: 0,
            tau: Some(tau),
            reason: None,
            volume_fraction: 0.5,
            percolating_fraction: 1.0,
            relative_conductivity: 0.5 / tau,
            iterations: 3,
            residual: 1e-8,
        }),
        vec![],
    );
    s
}

#[test]
fn a_changed_recipe_is_pointed_out() {
    let mut state = State::default();
    let session = session_with_se_tau(&state, 2.0);
    assert!(view(&state, &session, None).messages.is_empty());
    state.set(In::MicroSeed, 2.0).unwrap();
    let messages = view(&state, &session, None).messages;
    assert!(messages[0].contains("recipe has changed"), "{messages:?}");
}

#[test]
fn tau_from_the_fitted_spectrum_is_shown_beside_the_geometrys() {
    let state = State::default();
    let session = session_with_se_tau(&state, 2.0);
    let v = view(&state, &session, Some(Ok(1.8)));
    let row = v.rows.iter().find(|r| r.id == "meis").unwrap();
    assert_eq!(row.value, "1.8 (from the geometry 2; EIS/geometry 0.9)");
    let v = view(&state, &session, Some(Err("being fitted".into())));
    let row = v.rows.iter().find(|r| r.id == "meis").unwrap();
    assert_eq!(
        (row.value.as_str(), row.why.as_deref()),
        ("—", Some("being fitted"))
    );
}
