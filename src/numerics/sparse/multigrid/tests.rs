use super::*;

/// A random 0/1 volume with about `fraction` conducting voxels.
fn random_volume(dims: [usize; 3], fraction: f64, seed: u64) -> Vec<f32> {
    let mut s = seed;
    (0..dims.iter().product::<usize>())
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if ((s >> 11) as f64 / (1u64 << 53) as f64) < fraction {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

fn grid(dims: [usize; 3], sigma: &[f32]) -> GridLaplacian {
    GridLaplacian::new(dims, &|v| sigma[v], None, [true, true])
}

#[test]
fn galerkin_coarse_operator_equals_pt_a_p() {
    let dims = [7, 6, 5];
    let mut sigma = random_volume(dims, 0.7, 3);
    for (k, s) in sigma.iter_mut().enumerate() {
        if *s > 0.0 {
            *s = 1.0 + (k % 3) as f32;
        }
    }
    let fine = grid(dims, &sigma);
    let (agg, coarse) = coarsen(&fine, 0);
    let (n, nc) = (fine.len(), coarse.len());
    let a = dense_matrix(&fine, 0.0);
    let ac = coarse.dense(0.0);
    let mut want = vec![0.0; nc * nc];
    for i in 0..n {
        for j in 0..n {
            want[agg[i] as usize * nc + agg[j] as usize] += a[i * n + j];
        }
    }
    for (k, (&g, &w)) in ac.iter().zip(&want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-5 * (1.0 + w.abs()),
            "entry {k}: {g} vs {w}"
        );
    }
    // Every aggregate lies in one 2×2×2 block and is connected there.
    assert!(nc < n);
}

#[test]
fn the_block_table_coarsening_of_the_finest_level_equals_the_search() {
    for (dims, seed, offset) in [([9, 8, 7], 5, 0), ([6, 9, 8], 6, 1), ([5, 5, 11], 7, 1)] {
        let mut sigma = random_volume(dims, 0.6, seed);
        for (k, s) in sigma.iter_mut().enumerate() {
            if *s > 0.0 {
                *s = 0.5 + (k % 4) as f32;
            }
        }
        let fine = grid(dims, &sigma);
        let (a1, c1) = coarsen(&fine, offset);
        let (a2, c2) = fine.coarsen_blocks(offset);
        // The same aggregates (pieces of one block may be numbered in
        // another order) and the same coarse matrix up to that order.
        assert_eq!(c1.layout, c2.layout);
        let nc = c1.len();
        let mut map = vec![u32::MAX; nc];
        for (&x, &y) in a1.iter().zip(&a2) {
            assert!(map[x as usize] == u32::MAX || map[x as usize] == y);
            map[x as usize] = y;
        }
        let (d1, d2) = (c1.dense(0.0), c2.dense(0.0));
        for i in 0..nc {
            assert_eq!(c1.cell[i], c2.cell[map[i] as usize]);
            for j in 0..nc {
                let (x, y) = (d1[i * nc + j], d2[map[i] as usize * nc + map[j] as usize]);
                assert!((x - y).abs() <= 1e-5 * (1.0 + x.abs()), "{x} vs {y}");
            }
        }
    }
}

#[test]
fn aggregates_are_connected_pieces_of_blocks() {
    // Two voxels in one block that touch only at an edge are two
    // aggregates; two that share a face are one.
    let dims = [2, 2, 2];
    let mut sigma = vec![0.0f32; 8];
    sigma[0] = 1.0; // (0,0,0)
    sigma[3] = 1.0; // (0,1,1): edge contact only
    let (_, coarse) = coarsen(&grid(dims, &sigma), 0);
    assert_eq!(coarse.len(), 2);
    sigma[1] = 1.0; // (0,0,1) joins both
    let (_, coarse) = coarsen(&grid(dims, &sigma), 0);
    assert_eq!(coarse.len(), 1);
}

#[test]
fn one_cycle_reduces_the_error_of_a_random_volume() {
    let dims = [24, 20, 22];
    let sigma = random_volume(dims, 1.0, 1);
    let fine = grid(dims, &sigma);
    let n = fine.len();
    let mut mg = Multigrid::new(fine, Cycle::K);
    assert!(mg.level_sizes().len() >= 3, "{:?}", mg.level_sizes());
    // Stationary iteration x ← x + B(b − A x) converges fast.
    let b: Vec<f32> = (0..n).map(|i| ((i * 7919) % 13) as f32 - 6.0).collect();
    let mut x = vec![0.0f32; n];
    let (mut r, mut z, mut ax) = (b.clone(), vec![0.0f32; n], vec![0.0f32; n]);
    let r0 = norm(&r);
    for _ in 0..8 {
        mg.precondition(&r, &mut z);
        for (xi, zi) in x.iter_mut().zip(&z) {
            *xi += zi;
        }
        mg.apply(&x, &mut ax);
        for ((ri, bi), ai) in r.iter_mut().zip(&b).zip(&ax) {
            *ri = bi - ai;
        }
    }
    let reduction = norm(&r) / r0;
    assert!(
        reduction < 1e-3,
        "residual reduced only {reduction:e} in 8 cycles"
    );
}
