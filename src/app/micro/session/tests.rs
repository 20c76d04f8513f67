use super::*;
use crate::app::micro::model::{PhaseRow, Step};

fn row(label: u16, axis: usize, tau: Option<f64>) -> PhaseRow {
    PhaseRow {
        label,
        axis,
        tau,
        reason: None,
        volume_fraction: 0.3,
        percolating_fraction: 1.0,
        relative_conductivity: 0.1,
        iterations: 11,
        residual: 1e-7,
    }
}

fn meta(n: usize) -> VolumeMeta {
    VolumeMeta {
        name: "v".into(),
        shape: [n, 1, 1],
        voxel_um: 1.0,
        labels: (0..=255).collect(),
        present: vec![(2, n as u64)],
        generated: true,
    }
}

#[test]
fn events_of_the_job_under_way_are_taken_and_others_ignored() {
    let mut s = Session::default();
    assert!(s.is_fresh());
    let id = s.start(Task::Run, None, false);
    assert_eq!(s.task(), Some(Task::Run));
    assert_eq!(
        s.apply(id, Event::Volume(meta(4)), vec![2; 4]),
        Effect::Slices
    );
    assert_eq!(
        s.apply(id + 7, Event::Row(row(2, 0, Some(2.0))), vec![]),
        Effect::None
    );
    assert!(s.rows.is_empty());
    s.apply(id, Event::Row(row(2, 0, Some(2.0))), vec![]);
    // A row sent again replaces the first.
    s.apply(id, Event::Row(row(2, 0, Some(2.5))), vec![]);
    assert_eq!(s.rows.len(), 1);
    assert_eq!(s.row(2, 0).and_then(|r| r.tau), Some(2.5));
    let step = Step {
        what: "τ".into(),
        done: 1,
        total: 3,
        iteration: 4,
        residual: 1e-3,
    };
    s.apply(id, Event::Progress(step.clone()), vec![]);
    assert_eq!(s.busy.as_ref().and_then(|b| b.step.clone()), Some(step));
    s.apply(id, Event::Done, vec![]);
    assert_eq!(s.task(), None);
    assert!(!s.is_fresh());
}

#[test]
fn a_volume_whose_codes_do_not_fill_it_is_refused() {
    let mut s = Session::default();
    let id = s.start(Task::Run, None, false);
    assert_eq!(
        s.apply(id, Event::Volume(meta(4)), vec![2; 3]),
        Effect::None
    );
    assert!(s.volume.is_none() && s.error.is_some());
}

#[test]
fn cancelling_keeps_what_arrived_and_ignores_what_follows() {
    let mut s = Session::default();
    let id = s.start(Task::Run, None, false);
    s.apply(id, Event::Volume(meta(2)), vec![2; 2]);
    s.apply(id, Event::Row(row(2, 0, Some(2.0))), vec![]);
    s.cancel("Cancelled");
    assert_eq!(s.error.as_deref(), Some("Cancelled"));
    s.apply(id, Event::Row(row(2, 1, Some(2.0))), vec![]);
    assert_eq!(s.rows.len(), 1);
    assert!(s.volume.is_some());
    // A new run on the volume shown keeps it; one from a recipe does not.
    let again = s.start(Task::Run, None, true);
    assert!(s.volume.is_some() && s.rows.is_empty() && s.error.is_none());
    s.apply(again, Event::Error("bad".into()), vec![]);
    assert_eq!((s.task(), s.error.as_deref()), (None, Some("bad")));
    s.start(Task::Run, None, false);
    assert!(s.volume.is_none());
}

#[test]
fn files_and_spectra_are_handed_to_the_page() {
    let mut s = Session::default();
    let id = s.start(Task::Tiff, None, true);
    assert_eq!(
        s.apply(id, Event::Tiff("a.tif".into()), vec![1, 2]),
        Effect::Download("a.tif".into(), vec![1, 2])
    );
}
