//! τ against closed forms (straight channels, layers in series and in
//! parallel) and against an independent dense solve of the same
//! finite-volume equations written here.

use super::{tortuosity, AxisResult, Options};
use crate::micro::phases::PhaseTable;
use crate::micro::volume::{Axis, Volume};

fn solve(volume: &Volume, phases: &PhaseTable, axes: &[Axis]) -> Vec<AxisResult> {
    tortuosity(volume, phases, axes, &Options::default(), &mut |_| true).unwrap()
}

fn lcg(seed: &mut u64) -> f64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn straight_channels_give_exactly_one() {
    // Channels along x at a scattered set of (y, z); the rest insulates.
    let shape = [17, 9, 8];
    let open = |y: usize, z: usize| (y * 3 + z * 5) % 7 < 2;
    let codes = (0..shape.iter().product::<usize>())
        .map(|v| {
            let (y, z) = ((v / 8) % 9, v % 8);
            u8::from(open(y, z))
        })
        .collect();
    let volume = Volume::from_u8(shape, 1.0, codes).unwrap();
    let phases = PhaseTable::default_for(&volume).unwrap();
    let r = &solve(&volume, &phases, &[Axis::X])[0];
    let tau = r.tau.unwrap();
    assert!((tau - 1.0).abs() < 1e-12, "τ = {tau}");
    assert!((r.relative_conductivity - r.volume_fraction).abs() < 1e-12);
    assert_eq!(r.tau_profile.len(), 16);
    assert!(
        r.tau_profile.iter().all(|t| (t - 1.0).abs() < 1e-9),
        "{:?}",
        r.tau_profile
    );
    // Across the channels nothing percolates: no τ, and why.
    for r in solve(&volume, &phases, &[Axis::Y, Axis::Z]) {
        assert_eq!(r.tau, None);
        assert!(
            r.reason
                .as_deref()
                .unwrap()
                .contains("connects the two faces"),
            "{r:?}"
        );
        assert_eq!(r.percolating_fraction, 0.0);
    }
}

#[test]
fn layers_in_series_give_the_harmonic_mean_and_in_parallel_the_arithmetic() {
    // Layers normal to x with labels 1..=4 and conductivities 1, 3, 0.5, 7.
    let sigmas = [1.0, 3.0, 0.5, 7.0];
    let shape = [12, 6, 5];
    let codes = (0..360).map(|v| 1 + ((v / 30) % 4) as u8).collect();
    let volume = Volume::from_u8(shape, 1.0, codes).unwrap();
    let table: Vec<(u16, f64)> = sigmas
        .iter()
        .enumerate()
        .map(|(k, &s)| (k as u16 + 1, s))
        .collect();
    let phases = PhaseTable::new(&volume, &table).unwrap();
    let mean: f64 = sigmas.iter().sum::<f64>() / 4.0;
    let harmonic = 4.0 / sigmas.iter().map(|s| 1.0 / s).sum::<f64>();
    let r = solve(&volume, &phases, &Axis::ALL);
    // Series (x): σ_eff = harmonic mean of the layers, τ = Σε_pσ_p/σ_eff.
    let tau_x = r[0].tau.unwrap();
    assert!(
        (tau_x - mean / harmonic).abs() < 1e-6 * tau_x,
        "τ_x = {tau_x}, want {}",
        mean / harmonic
    );
    // Parallel (y, z): σ_eff = arithmetic mean: τ = 1.
    for r in &r[1..] {
        assert!((r.tau.unwrap() - 1.0).abs() < 1e-6, "{r:?}");
    }
}

/// The same equations, assembled and solved densely here: nodes are the
/// conducting voxels reachable from both Dirichlet planes (breadth-first),
/// faces the harmonic means, the planes half a voxel outside.
fn reference_tau(shape: [usize; 3], sigma: &[f64]) -> Option<f64> {
    let [nx, ny, nz] = shape;
    let at = |x: usize, y: usize, z: usize| (x * ny + y) * nz + z;
    let neighbours = |v: usize| {
        let (x, y, z) = (v / (ny * nz), (v / nz) % ny, v % nz);
        let mut out = Vec::new();
        if x > 0 {
            out.push(at(x - 1, y, z));
        }
        if x + 1 < nx {
            out.push(at(x + 1, y, z));
        }
        if y > 0 {
            out.push(at(x, y - 1, z));
        }
        if y + 1 < ny {
            out.push(at(x, y + 1, z));
        }
        if z > 0 {
            out.push(at(x, y, z - 1));
        }
        if z + 1 < nz {
            out.push(at(x, y, z + 1));
        }
        out
    };
    let reach = |plane: usize| {
        let mut seen = vec![false; sigma.len()];
        let mut queue: Vec<usize> = (0..ny * nz)
            .map(|k| plane * ny * nz + k)
            .filter(|&v| sigma[v] > 0.0)
            .collect();
        for &v in &queue {
            seen[v] = true;
        }
        while let Some(v) = queue.pop() {
            for u in neighbours(v) {
                if sigma[u] > 0.0 && !seen[u] {
                    seen[u] = true;
                    queue.push(u);
                }
            }
        }
        seen
    };
    let (from_in, from_out) = (reach(0), reach(nx - 1));
    let nodes: Vec<usize> = (0..sigma.len())
        .filter(|&v| from_in[v] && from_out[v])
        .collect();
    if nodes.is_empty() {
        return None;
    }
    let n = nodes.len();
    let mut number = vec![usize::MAX; sigma.len()];
    for (i, &v) in nodes.iter().enumerate() {
        number[v] = i;
    }
    let mut a = vec![0.0; n * n];
    let mut b = vec![0.0; n];
    for (i, &v) in nodes.iter().enumerate() {
        for u in neighbours(v) {
            if number[u] != usize::MAX {
                let w = 2.0 * sigma[v] * sigma[u] / (sigma[v] + sigma[u]);
                a[i * n + i] += w;
                a[i * n + number[u]] -= w;
            }
        }
        let x = v / (ny * nz);
        if x == 0 {
            a[i * n + i] += 2.0 * sigma[v];
            b[i] += 2.0 * sigma[v];
        }
        if x == nx - 1 {
            a[i * n + i] += 2.0 * sigma[v];
        }
    }
    // Gaussian elimination with partial pivoting.
    for k in 0..n {
        let p = (k..n)
            .max_by(|&i, &j| a[i * n + k].abs().total_cmp(&a[j * n + k].abs()))
            .unwrap();
        for j in 0..n {
            a.swap(k * n + j, p * n + j);
        }
        b.swap(k, p);
        for i in k + 1..n {
            let f = a[i * n + k] / a[k * n + k];
            if f != 0.0 {
                for j in k..n {
                    a[i * n + j] -= f * a[k * n + j];
                }
                b[i] -= f * b[k];
            }
        }
    }
    let mut phi = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|j| a[i * n + j] * phi[j]).sum();
        phi[i] = (b[i] - s) / a[i * n + i];
    }
    let current: f64 = nodes
        .iter()
        .enumerate()
        .filter(|(_, &v)| v / (ny * nz) == 0)
        .map(|(i, &v)| 2.0 * sigma[v] * (1.0 - phi[i]))
        .sum();
    let sigma_eff = current * nx as f64 / (ny * nz) as f64;
    let weighted: f64 = sigma.iter().sum::<f64>() / sigma.len() as f64;
    Some(weighted / sigma_eff)
}

#[test]
fn random_volumes_match_an_independent_dense_solve() {
    let mut seed = 7u64;
    for (shape, fraction, phases_count) in [
        ([10, 9, 8], 0.55, 1),
        ([9, 11, 7], 0.7, 1),
        ([8, 8, 9], 0.8, 3),
        ([12, 7, 6], 0.45, 1),
    ] {
        let sigmas = [0.0, 1.0, 0.2, 5.0];
        let codes: Vec<u8> = (0..shape.iter().product::<usize>())
            .map(|_| {
                if lcg(&mut seed) < fraction {
                    1 + (lcg(&mut seed) * phases_count as f64) as u8
                } else {
                    0
                }
            })
            .collect();
        let volume = Volume::from_u8(shape, 1.0, codes.clone()).unwrap();
        let table: Vec<(u16, f64)> = (1..=phases_count).map(|p| (p as u16, sigmas[p])).collect();
        let phases = PhaseTable::new(&volume, &table).unwrap();
        for axis in Axis::ALL {
            let (s, moved) = volume.along(axis);
            let sigma: Vec<f64> = moved.iter().map(|&c| sigmas[c as usize]).collect();
            let want = reference_tau(s, &sigma);
            let got = &solve(&volume, &phases, &[axis])[0];
            match want {
                None => assert_eq!(got.tau, None, "{shape:?} {axis:?}"),
                Some(want) => {
                    let tau = got.tau.unwrap();
                    assert!(
                        (tau - want).abs() <= 1e-5 * want,
                        "{shape:?} {axis:?} ({phases_count} phases): τ = {tau}, dense {want}"
                    );
                    assert!(got.residual <= 1e-6 && got.flux_mismatch <= 1e-4, "{got:?}");
                }
            }
        }
    }
}

#[test]
fn a_larger_random_volume_converges_with_balanced_fluxes() {
    let mut seed = 11u64;
    let shape = [40, 36, 32];
    let codes = (0..shape.iter().product::<usize>())
        .map(|_| u8::from(lcg(&mut seed) < 0.5))
        .collect();
    let volume = Volume::from_u8(shape, 1.0, codes).unwrap();
    let phases = PhaseTable::default_for(&volume).unwrap();
    let mut calls = 0;
    let r = tortuosity(
        &volume,
        &phases,
        &Axis::ALL,
        &Options::default(),
        &mut |_| {
            calls += 1;
            true
        },
    )
    .unwrap();
    assert!(calls > 3);
    for r in r {
        let tau = r.tau.unwrap();
        // A 50 % random packing sits just above the site-percolation
        // threshold (0.31): very tortuous.
        assert!(tau > 2.0 && tau < 30.0, "{r:?}");
        assert!(r.residual <= 1e-6 && r.flux_mismatch <= 1e-4, "{r:?}");
        assert!(r.iterations < 60, "{r:?}");
        assert!(
            r.percolating_fraction > 0.8 && r.percolating_fraction < 1.0,
            "{r:?}"
        );
    }
}

#[test]
fn cancelling_stops_with_an_error() {
    let volume = Volume::from_u8([4, 4, 4], 1.0, vec![1; 64]).unwrap();
    let phases = PhaseTable::default_for(&volume).unwrap();
    let err = tortuosity(
        &volume,
        &phases,
        &[Axis::X],
        &Options::default(),
        &mut |_| false,
    );
    assert!(err.unwrap_err().to_string().contains("cancelled"));
}
