use super::*;
use crate::micro::transport::tortuosity;

/// A 24×16×16-voxel electrode of 0.5 µm (fast in a debug build).
fn small_state() -> State {
    let mut state = State::default();
    for (input, value) in [
        (In::MicroThicknessUm, 12.0),
        (In::MicroWidthUm, 8.0),
        (In::MicroVoxelUm, 0.5),
        (In::MicroDAmUm, 3.0),
        (In::MicroDAmSdUm, 0.5),
        (In::MicroDSeUm, 1.5),
        (In::MicroDCarbonUm, 1.0),
        (In::MicroSeed, 7.0),
    ] {
        state.set(input, value).unwrap();
    }
    state
}

fn job(task: Task, volume: Option<VolumeMeta>) -> Job {
    Job {
        id: 1,
        task,
        query: String::new(),
        volume,
    }
}

/// The events of a job with their bytes.
fn events(job: &Job, state: &State, input: Input) -> Vec<(Event, Vec<u8>)> {
    let mut out = Vec::new();
    run(job, state, input, &mut |e, b| {
        out.push((e.clone(), b.to_vec()))
    });
    out
}

#[test]
fn a_run_sends_the_volume_then_every_phase_and_axis_with_the_cores_tau() {
    let state = small_state();
    let all = events(&job(Task::Run, None), &state, Input::Recipe);
    let generated = generate(&recipe(&state).unwrap()).unwrap();
    let mut volumes = all.iter().filter_map(|(e, b)| match e {
        Event::Volume(m) => Some((m, b)),
        _ => None,
    });
    let (meta, codes) = volumes.next().expect("a volume");
    assert!(volumes.next().is_none());
    assert_eq!((meta.shape, codes), ([24, 16, 16], &generated.codes));
    assert!(meta.generated);
    let rows: Vec<&PhaseRow> = all
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Row(r) => Some(r),
            _ => None,
        })
        .collect();
    // Four phases, three axes each, the SE along x first.
    assert_eq!(rows.len(), 12);
    assert_eq!((rows[0].label, rows[0].axis), (SE, 0));
    let se = PhaseTable::new(&generated, &[(SE, 1.0)]).unwrap();
    let direct = tortuosity(
        &generated,
        &se,
        &Axis::ALL,
        &Options::default(),
        &mut |_| true,
    )
    .unwrap();
    for (row, want) in rows[..3].iter().zip(&direct) {
        assert_eq!(row.tau, want.tau);
        assert_eq!(row.iterations, want.iterations);
    }
    // The metrics come right after the first τ; the job ends with Done.
    let first_row = all
        .iter()
        .position(|(e, _)| matches!(e, Event::Row(_)))
        .unwrap();
    assert!(
        matches!(all[first_row + 2].0, Event::Metrics(_)),
        "{:?}",
        all[first_row + 2].0
    );
    assert_eq!(all.last().map(|(e, _)| e), Some(&Event::Done));
}

#[test]
fn a_bad_file_ends_the_job_with_one_line_naming_it() {
    let all = events(
        &job(Task::Run, None),
        &State::default(),
        Input::File("scan.tif", b"II*\0\x08\0\0\0\xff"),
    );
    match &all.last().unwrap().0 {
        Event::Error(why) => {
            assert!(why.starts_with("scan.tif: "), "{why}");
            assert!(!why.contains('\n'));
        }
        other => panic!("{other:?}"),
    }
    assert!(!all.iter().any(|(e, _)| matches!(e, Event::Volume(_))));
}

#[test]
fn the_volume_sent_back_is_written_as_a_tiff_that_reads_back() {
    let state = small_state();
    let volume = generate(&recipe(&state).unwrap()).unwrap();
    let meta = meta_of(&volume, "electrode".into(), true);
    let all = events(
        &job(Task::Tiff, Some(meta.clone())),
        &state,
        Input::Volume(&meta, &volume.codes),
    );
    let (name, bytes) = all
        .iter()
        .find_map(|(e, b)| match e {
            Event::Tiff(name) => Some((name, b)),
            _ => None,
        })
        .unwrap();
    assert_eq!(name, "electrode.tif");
    let back = read_volume(name, bytes, &ReadOptions::default()).unwrap();
    assert_eq!(back.codes, volume.codes);
    assert_eq!(back.voxel_um, 0.5);
    // Codes beyond the labels sent are refused, not read out of bounds.
    let short = VolumeMeta {
        labels: vec![0, 1],
        ..meta
    };
    let all = events(
        &job(Task::Tiff, None),
        &state,
        Input::Volume(&short, &volume.codes),
    );
    assert!(matches!(all.last().unwrap().0, Event::Error(_)));
}

#[test]
fn the_simulated_spectrum_carries_the_box_geometry() {
    let state = small_state();
    let volume = generate(&recipe(&state).unwrap()).unwrap();
    let meta = meta_of(&volume, "e".into(), true);
    let all = events(
        &job(Task::Impedance, None),
        &state,
        Input::Volume(&meta, &volume.codes),
    );
    let s = all
        .iter()
        .find_map(|(e, _)| match e {
            Event::Spectrum(s) => Some(s),
            _ => None,
        })
        .expect("a spectrum");
    // 24 voxels of 0.5 µm along x, 16 × 16 across.
    assert!((s.thickness_cm - 12e-4).abs() < 1e-15);
    assert!((s.area_cm2 - 8e-4 * 8e-4).abs() < 1e-18);
    assert!((s.epsilon - 0.35).abs() < 1e-3);
    assert!(s.freq_hz.len() > 10 && s.freq_hz.len() == s.z_im_ohm.len());
    // A blocking electrode: capacitive (−Im Z grows) at the lowest frequency.
    let last = s.freq_hz.len() - 1;
    assert!(s.z_im_ohm[last] < 0.0 && s.z_re_ohm.iter().all(|&r| r > 0.0));
}

#[test]
fn the_sweep_sends_one_point_per_recipe() {
    let mut state = small_state();
    state.set(In::SweepPoints, 3.0).unwrap();
    state.set(In::SweepFromPct, 30.0).unwrap();
    state.set(In::SweepToPct, 50.0).unwrap();
    let all = events(&job(Task::Sweep, None), &state, Input::Recipe);
    let points: Vec<&SweepPoint> = all
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Point(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(points.len(), 3);
    for (p, want) in points.iter().zip([0.3, 0.4, 0.5]) {
        assert!((p.se - want).abs() <= 0.01, "{p:?}");
        assert!(p.tau.is_some_and(|t| t > 1.0), "{p:?}");
        assert!(p.utilisation.is_some_and(|u| (0.0..=1.0).contains(&u)));
    }
    // More SE, a less tortuous SE.
    assert!(points[0].tau > points[2].tau);
}
