use super::*;
use crate::app::choices::Sweep;

#[test]
fn the_default_recipe_is_the_benchmark_electrode() {
    // docs/BENCHMARKS.md's electrode, 128³ voxels of 0.25 µm, seed 1.
    assert_eq!(
        recipe(&State::default()).unwrap(),
        Recipe::benchmark(128, 1)
    );
}

#[test]
fn a_box_beyond_the_page_limit_is_refused_with_its_size() {
    let mut state = State::default();
    state.set(In::MicroVoxelUm, 0.1).unwrap(); // 320³
    let why = recipe(&state).unwrap_err();
    assert!(why.contains("320×320×320") && why.contains("300³"), "{why}");
}

#[test]
fn the_sweep_spaces_the_swept_fraction_and_keeps_the_others_in_proportion() {
    let mut state = State::default();
    state.set(In::SweepFromPct, 20.0).unwrap();
    state.set(In::SweepToPct, 50.0).unwrap();
    state.set(In::SweepPoints, 4.0).unwrap();
    let base = recipe(&state).unwrap();
    let points = sweep(&state).unwrap();
    let swept: Vec<f64> = points.iter().map(|(f, _)| *f).collect();
    for (got, want) in swept.iter().zip([0.2, 0.3, 0.4, 0.5]) {
        assert!((got - want).abs() < 1e-12, "{swept:?}");
    }
    for (f, r) in &points {
        assert_eq!(r.se, *f);
        assert!((r.am + r.se + r.carbon + r.void - 1.0).abs() < 1e-12);
        // AM : carbon : voids as in the recipe (0.50 : 0.05 : 0.10).
        assert!((r.am / r.carbon - base.am / base.carbon).abs() < 1e-9);
        assert!((r.void / r.carbon - base.void / base.carbon).abs() < 1e-9);
        assert_eq!((r.seed, r.size_um), (base.seed, base.size_um));
    }
    state.select(Sweep::Am);
    for (f, r) in sweep(&state).unwrap() {
        assert_eq!(r.am, f);
        assert!((r.se / r.carbon - base.se / base.carbon).abs() < 1e-9);
    }
}

fn meta(present: &[(u16, u64)], generated: bool) -> VolumeMeta {
    VolumeMeta {
        name: "v".into(),
        shape: [1, 1, present.iter().map(|p| p.1 as usize).sum()],
        voxel_um: 1.0,
        labels: (0..=255).collect(),
        present: present.to_vec(),
        generated,
    }
}

#[test]
fn phases_are_named_and_ordered_by_what_the_labels_mean() {
    let electrode = meta(&[(0, 1), (1, 5), (2, 3), (3, 1)], false);
    assert!(electrode.generator_labels());
    assert_eq!(electrode.solve_order(), vec![SE, AM, CARBON, VOID]);
    assert_eq!(electrode.phase_name(SE), "SE");
    assert!((electrode.fraction(AM) - 0.5).abs() < 1e-12);
    // A two-valued pore image is not an electrode: labels by number, the
    // nonzero one first.
    let pores = meta(&[(0, 4), (255, 6)], false);
    assert!(!pores.generator_labels());
    assert_eq!(pores.solve_order(), vec![255, 0]);
    assert_eq!(pores.phase_name(0), "label 0");
    // Labels 0/1 alone are not the generator's either.
    assert!(!meta(&[(0, 4), (1, 6)], false).generator_labels());
}
