use super::*;
use crate::app::micro::model::{Event, Task, VolumeMeta};

fn session() -> Session {
    let mut s = Session::default();
    let id = s.start(Task::Run, None, false);
    let meta = VolumeMeta {
        name: "e.tif".into(),
        shape: [2, 2, 2],
        voxel_um: 0.5,
        labels: (0..=255).collect(),
        present: vec![(0, 1), (1, 4), (2, 3)],
        generated: false,
    };
    s.apply(id, Event::Volume(meta), vec![0; 8]);
    for (label, axis, tau) in [(1, 0, None), (2, 1, Some(3.0)), (2, 0, Some(2.5))] {
        let row = PhaseRow {
            label,
            axis,
            tau,
            reason: tau.is_none().then(|| "no cluster connects".to_string()),
            volume_fraction: 0.375,
            percolating_fraction: if tau.is_some() { 0.9 } else { 0.0 },
            relative_conductivity: tau.map_or(0.0, |t| 0.375 / t),
            iterations: 11,
            residual: 2.5e-7,
        };
        s.apply(id, Event::Row(row), vec![]);
    }
    s
}

#[test]
fn the_table_lists_the_se_first_and_says_when_a_phase_does_not_percolate() {
    let table = results_table(&session()).unwrap();
    let first: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (r.cells[0].as_str(), r.cells[1].as_str()))
        .collect();
    assert_eq!(first, [("SE", "x"), ("SE", "y"), ("active material", "x")]);
    assert_eq!(table.rows[0].cells[2], "2.5");
    assert_eq!(table.rows[0].cells[4], "0.15"); // 0.375 / 2.5
    assert_eq!(table.rows[0].use_tau, Some((2.5, 0.375)));
    assert_eq!(table.rows[2].cells[2], "none, does not percolate");
    assert_eq!(table.rows[2].use_tau, None);
    assert_eq!(table.header.len(), table.rows[0].cells.len());
}

#[test]
fn the_csv_has_exact_numbers_and_an_empty_tau_with_the_reason() {
    let csv = results_csv(&session());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("volume,label,phase,axis,tau,"));
    assert!(
        lines[1].starts_with("e.tif,2,SE,x,2.5,0.375,0.15,0.9,11,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with("e.tif,1,active material,x,,0.375,0,0,"),
        "{}",
        lines[3]
    );
    assert!(lines[3].ends_with("no cluster connects"));
}

#[test]
fn the_rows_name_the_volume_and_the_se_tau() {
    let shown = rows(&session());
    let value = |id| shown.iter().find(|r| r.id == id).map(|r| r.value.clone());
    assert!(value("mvol").unwrap().starts_with("2×2×2 voxels of 0.5"));
    assert_eq!(value("mtau").as_deref(), Some("2.5"));
    assert!(value("mfrac").unwrap().contains("SE 37.5 %"));
    assert!(rows(&Session::default()).is_empty());
}
