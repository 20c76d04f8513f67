use super::*;

fn recipe() -> Recipe {
    Recipe {
        size_um: [20.0, 16.0, 18.0],
        voxel_um: 0.4,
        am: 0.45,
        se: 0.4,
        carbon: 0.05,
        void: 0.1,
        d_am_um: 5.0,
        d_am_sd_um: 1.0,
        d_se_um: 2.0,
        d_carbon_um: 0.8,
        seed: 3,
    }
}

#[test]
fn fractions_are_met_within_a_hundredth() {
    let cases = [
        (0.45, 0.40, 0.05, 0.10),
        (0.60, 0.30, 0.02, 0.08),
        (0.30, 0.55, 0.05, 0.10),
        (0.00, 0.80, 0.00, 0.20),
        (0.50, 0.50, 0.00, 0.00),
        (0.55, 0.25, 0.10, 0.10),
    ];
    for (k, (am, se, carbon, void)) in cases.into_iter().enumerate() {
        let r = Recipe {
            am,
            se,
            carbon,
            void,
            seed: k as u64,
            ..recipe()
        };
        let v = generate(&r).unwrap_or_else(|e| panic!("{r:?}: {e}"));
        let counts = v.counts();
        let n = v.len() as f64;
        for (label, want) in [(AM, am), (SE, se), (CARBON, carbon), (VOID, void)] {
            let got = counts[label as usize] as f64 / n;
            assert!(
                (got - want).abs() <= 0.01,
                "{r:?}: label {label} {got} vs {want}"
            );
        }
        assert_eq!(counts[4..].iter().sum::<u64>(), 0);
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let a = super::super::io::write_tiff(&generate(&recipe()).unwrap()).unwrap();
    let b = super::super::io::write_tiff(&generate(&recipe()).unwrap()).unwrap();
    assert_eq!(a, b);
    let c = generate(&Recipe {
        seed: 4,
        ..recipe()
    })
    .unwrap();
    assert_ne!(super::super::io::write_tiff(&c).unwrap(), a);
}

#[test]
fn packed_spheres_do_not_overlap() {
    let mut rng = Rng::new(9);
    let dims = [40.0, 36.0, 30.0];
    let radii: Vec<f64> = (0..300).map(|_| 1.5 + 2.0 * rng.uniform()).collect();
    // φ = Σ 4/3 π r³ / V ≈ 0.55.
    let phi: f64 = radii.iter().map(|r| 4.18879 * r * r * r).sum::<f64>() / (40.0 * 36.0 * 30.0);
    assert!(phi > 0.5, "{phi}");
    let mut c: Vec<[f64; 3]> = radii
        .iter()
        .map(|_| {
            [
                rng.uniform() * 40.0,
                rng.uniform() * 36.0,
                rng.uniform() * 30.0,
            ]
        })
        .collect();
    assert!(pack(&mut c, &radii, dims));
    for i in 0..c.len() {
        for j in i + 1..c.len() {
            let d2: f64 = (0..3)
                .map(|k| {
                    let e = c[j][k] - c[i][k];
                    let e = e - dims[k] * (e / dims[k]).round();
                    e * e
                })
                .sum();
            assert!(d2.sqrt() >= (radii[i] + radii[j]) * (1.0 - 1e-8), "{i} {j}");
        }
    }
}

#[test]
fn bad_recipes_name_the_parameter() {
    let err = |r: Recipe| generate(&r).unwrap_err().to_string();
    assert!(err(Recipe {
        am: 0.5,
        ..recipe()
    })
    .contains("add up to"));
    assert!(err(Recipe {
        se: -0.1,
        void: 0.6,
        ..recipe()
    })
    .starts_with("se = -0.1"));
    assert!(err(Recipe {
        d_am_um: 9.0,
        ..recipe()
    })
    .starts_with("d_am_um = 9"));
    assert!(err(Recipe {
        voxel_um: 0.0,
        ..recipe()
    })
    .starts_with("voxel_um = 0"));
    let dense = Recipe {
        am: 0.75,
        se: 0.15,
        carbon: 0.0,
        void: 0.1,
        ..recipe()
    };
    assert!(err(dense).starts_with("am = 0.75"));
}
