//! Composite electrodes generated from a recipe: the box and voxel size,
//! volume fractions of active material (AM), solid electrolyte (SE),
//! carbon/binder and voids, the AM diameter with a log-normal spread, the SE
//! and carbon particle sizes, and a seed.
//!
//! Labels: [`VOID`] 0, [`AM`] 1, [`SE`] 2, [`CARBON`] 3. The box is periodic
//! (particles leaving one face enter the opposite one), so the structure
//! has no walls.
//!
//! 1. AM: non-overlapping spheres. Diameters are drawn log-normal (mean and
//!    standard deviation as given, each at most half the smallest side) until
//!    their volume reaches the AM fraction, then scaled to meet it exactly;
//!    centres are uniform, and overlaps are removed by pushing pairs apart
//!    while the spheres grow from 70 % to full size (collective
//!    rearrangement), with a 1 % margin. The voxels of the spheres scaled by
//!    one common factor (≤ 1.01, so still disjoint) that gives exactly the
//!    AM voxel count are AM.
//! 2. Carbon, then SE: spheres of their own diameter at uniform random
//!    centres, overlapping each other but painting only voxels still free,
//!    until they cover the phase's voxel count; of the covered voxels the
//!    deepest inside a sphere (1 − distance/radius) are kept, exactly the
//!    phase's count.
//! 3. Voids: what is left.
//!
//! Every fraction is met to the voxel (well within ±0.01), and the same
//! recipe gives the same bytes on every platform ([`super::rng`]).

use super::rng::{exp, ln, Rng};
use super::volume::{Volume, MAX_VOXELS};
use crate::error::{Error, Result};

/// Label of voids.
pub const VOID: u8 = 0;
/// Label of the active material.
pub const AM: u8 = 1;
/// Label of the solid electrolyte.
pub const SE: u8 = 2;
/// Label of carbon and binder.
pub const CARBON: u8 = 3;

/// Extra radius the AM spheres are packed with (1 %), so that scaling them
/// up to meet the voxel count exactly cannot make them overlap.
const MARGIN: f64 = 0.01;

/// A recipe for a composite electrode; lengths in µm.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipe {
    /// Box size [x, y, z], µm.
    pub size_um: [f64; 3],
    /// Voxel edge, µm.
    pub voxel_um: f64,
    /// Volume fraction of active material.
    pub am: f64,
    /// Volume fraction of solid electrolyte.
    pub se: f64,
    /// Volume fraction of carbon/binder.
    pub carbon: f64,
    /// Volume fraction of voids.
    pub void: f64,
    /// Mean AM particle diameter, µm.
    pub d_am_um: f64,
    /// Standard deviation of the AM diameter (log-normal), µm; 0 for one size.
    pub d_am_sd_um: f64,
    /// SE particle diameter, µm.
    pub d_se_um: f64,
    /// Carbon/binder particle diameter, µm.
    pub d_carbon_um: f64,
    /// Seed of the random numbers.
    pub seed: u64,
}

impl Recipe {
    /// The benchmark electrode of docs/BENCHMARKS.md, n³ voxels of 0.25 µm:
    /// AM 0.50 (5 ± 1 µm), SE 0.35 (1.5 µm), carbon 0.05 (0.5 µm), voids
    /// 0.10 — a typical sulfide cathode composite.
    pub fn benchmark(n: usize, seed: u64) -> Recipe {
        Recipe {
            size_um: [n as f64 * 0.25; 3],
            voxel_um: 0.25,
            am: 0.5,
            se: 0.35,
            carbon: 0.05,
            void: 0.1,
            d_am_um: 5.0,
            d_am_sd_um: 1.0,
            d_se_um: 1.5,
            d_carbon_um: 0.5,
            seed,
        }
    }

    /// Voxels along each side: size/voxel, rounded, at least 1.
    pub fn shape(&self) -> Result<[usize; 3]> {
        crate::error::require_positive("voxel_um", self.voxel_um)?;
        let mut shape = [0; 3];
        for (k, &s) in self.size_um.iter().enumerate() {
            crate::error::require_positive("size_um", s)?;
            let n = (s / self.voxel_um).round();
            if !(n >= 1.0 && n <= MAX_VOXELS as f64) {
                return Err(Error::invalid(
                    "size_um",
                    s,
                    "at least one voxel and at most 2^31 voxels",
                ));
            }
            shape[k] = n as usize;
        }
        if shape.iter().product::<usize>() > MAX_VOXELS {
            return Err(Error::Inconsistent(format!(
                "{}×{}×{} voxels: at most 2^31",
                shape[0], shape[1], shape[2]
            )));
        }
        Ok(shape)
    }

    fn validate(&self) -> Result<[usize; 3]> {
        for (name, f) in [
            ("am", self.am),
            ("se", self.se),
            ("carbon", self.carbon),
            ("void", self.void),
        ] {
            if !(f.is_finite() && (0.0..=1.0).contains(&f)) {
                return Err(Error::invalid(name, f, "a fraction in [0, 1]"));
            }
        }
        let sum = self.am + self.se + self.carbon + self.void;
        if (sum - 1.0).abs() > 1e-3 {
            return Err(Error::Inconsistent(format!(
                "the fractions am + se + carbon + void add up to {sum}, not 1"
            )));
        }
        crate::error::require_positive("d_am_um", self.d_am_um)?;
        crate::error::require_non_negative("d_am_sd_um", self.d_am_sd_um)?;
        crate::error::require_positive("d_se_um", self.d_se_um)?;
        crate::error::require_positive("d_carbon_um", self.d_carbon_um)?;
        let shape = self.shape()?;
        let smallest = shape.iter().min().copied().unwrap_or(1) as f64 * self.voxel_um;
        if self.am > 0.0 && self.d_am_um > 0.5 * smallest {
            return Err(Error::invalid(
                "d_am_um",
                self.d_am_um,
                "at most half the smallest side of the box",
            ));
        }
        Ok(shape)
    }
}

/// Generates the electrode of a recipe.
pub fn generate(recipe: &Recipe) -> Result<Volume> {
    let shape = recipe.validate()?;
    let n: usize = shape.iter().product();
    let mut rng = Rng::new(recipe.seed);
    let mut labels = vec![VOID; n];
    let count = |f: f64| (f * n as f64).round() as usize;
    let (am_count, carbon_count) = (count(recipe.am), count(recipe.carbon));
    let se_count = count(recipe.se).min(n.saturating_sub(am_count + carbon_count));
    if am_count > 0 {
        place_am(recipe, shape, am_count, &mut rng, &mut labels)?;
    }
    let h = recipe.voxel_um;
    paint(
        shape,
        &mut labels,
        carbon_count,
        recipe.d_carbon_um / h,
        CARBON,
        &mut rng,
    );
    paint(
        shape,
        &mut labels,
        se_count,
        recipe.d_se_um / h,
        SE,
        &mut rng,
    );
    let volume = Volume::from_u8(shape, recipe.voxel_um, labels)?;
    let counts = volume.counts();
    for (name, label, want) in [
        ("am", AM, recipe.am),
        ("se", SE, recipe.se),
        ("carbon", CARBON, recipe.carbon),
        ("void", VOID, recipe.void),
    ] {
        let got = counts[label as usize] as f64 / n as f64;
        if (got - want).abs() > 0.01 {
            return Err(Error::Numerical(format!(
                "the generated {name} fraction is {got:.4}, the recipe asks {want}: \
                 the box is too small for its particles"
            )));
        }
    }
    Ok(volume)
}

/// Cube root by the generator's own ln/exp (platform-independent).
fn cbrt(x: f64) -> f64 {
    if x > 0.0 {
        exp(ln(x) / 3.0)
    } else {
        0.0
    }
}

/// Draws, packs and voxelises the AM spheres: exactly `count` voxels AM.
fn place_am(
    recipe: &Recipe,
    shape: [usize; 3],
    count: usize,
    rng: &mut Rng,
    labels: &mut [u8],
) -> Result<()> {
    let h = recipe.voxel_um;
    let size = shape.map(|n| n as f64 * h);
    let box_volume = size[0] * size[1] * size[2];
    let target = recipe.am * box_volume;
    let largest = 0.5 * size.iter().copied().fold(f64::INFINITY, f64::min);
    let ball = |d: f64| std::f64::consts::PI / 6.0 * d * d * d;
    let mut diameters = Vec::new();
    let mut total = 0.0;
    while total < target {
        let d = rng
            .log_normal(recipe.d_am_um, recipe.d_am_sd_um)
            .min(largest);
        total += ball(d);
        diameters.push(d);
        if diameters.len() > 50_000_000 {
            return Err(Error::invalid(
                "d_am_um",
                recipe.d_am_um,
                "large enough for at most 5·10^7 particles",
            ));
        }
    }
    let scale = cbrt(target / total);
    diameters.iter_mut().for_each(|d| *d *= scale);
    diameters.sort_by(|a, b| b.total_cmp(a));
    // In voxel units from here on.
    let radii: Vec<f64> = diameters
        .iter()
        .map(|d| 0.5 * d / h * (1.0 + MARGIN))
        .collect();
    let dims = shape.map(|n| n as f64);
    let mut centres: Vec<[f64; 3]> = radii
        .iter()
        .map(|_| {
            [
                rng.uniform() * dims[0],
                rng.uniform() * dims[1],
                rng.uniform() * dims[2],
            ]
        })
        .collect();
    if !pack(&mut centres, &radii, dims) {
        return Err(Error::invalid(
            "am",
            recipe.am,
            "a fraction that non-overlapping spheres of these sizes can reach (about 0.6 at most)",
        ));
    }
    // Distance/radius (radius without the margin) of every voxel inside a
    // sphere with the margin; spheres with the margin do not overlap.
    let mut t = vec![f32::INFINITY; labels.len()];
    for (c, &r) in centres.iter().zip(&radii) {
        let r0 = r / (1.0 + MARGIN);
        for_ball(shape, *c, r, |v, d2| {
            let q = (d2.sqrt() / r0) as f32;
            if q < t[v] {
                t[v] = q;
            }
        });
    }
    let mut inside: Vec<(f32, u32)> = t
        .iter()
        .enumerate()
        .filter(|(_, q)| q.is_finite())
        .map(|(v, &q)| (q, v as u32))
        .collect();
    let take = count.min(inside.len());
    if take > 0 && take < inside.len() {
        inside.select_nth_unstable_by(take - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    for &(_, v) in &inside[..take] {
        labels[v as usize] = AM;
    }
    Ok(())
}

/// Calls `f(voxel, squared distance)` for every voxel whose centre lies
/// within `r` (voxel units) of `c` in the periodic box of `shape`.
fn for_ball(shape: [usize; 3], c: [f64; 3], r: f64, mut f: impl FnMut(usize, f64)) {
    let [nx, ny, nz] = shape;
    let span = |k: usize| {
        (
            (c[k] - r - 0.5).floor() as i64,
            (c[k] + r - 0.5).ceil() as i64,
        )
    };
    let wrap = |i: i64, n: usize| i.rem_euclid(n as i64) as usize;
    let (x0, x1) = span(0);
    let (y0, y1) = span(1);
    let (z0, z1) = span(2);
    let r2 = r * r;
    for x in x0..=x1 {
        let dx = x as f64 + 0.5 - c[0];
        let dx2 = dx * dx;
        if dx2 > r2 {
            continue;
        }
        let xw = wrap(x, nx);
        for y in y0..=y1 {
            let dy = y as f64 + 0.5 - c[1];
            let dxy2 = dx2 + dy * dy;
            if dxy2 > r2 {
                continue;
            }
            let row = (xw * ny + wrap(y, ny)) * nz;
            for z in z0..=z1 {
                let dz = z as f64 + 0.5 - c[2];
                let d2 = dxy2 + dz * dz;
                if d2 <= r2 {
                    f(row + wrap(z, nz), d2);
                }
            }
        }
    }
}

/// Removes the overlaps of spheres (`radii`, voxel units) in the periodic
/// box `dims` by pushing overlapping pairs apart (each moved in inverse
/// proportion to its volume), while the spheres grow from 70 % to their
/// full size. Returns false if overlaps remain.
pub(crate) fn pack(centres: &mut [[f64; 3]], radii: &[f64], dims: [f64; 3]) -> bool {
    for scale in [0.7, 0.8, 0.86, 0.91, 0.95, 0.98, 1.0] {
        let sweeps = if scale < 1.0 { 200 } else { 5000 };
        let mut clear = false;
        for _ in 0..sweeps {
            if relax(centres, radii, dims, scale) {
                clear = true;
                break;
            }
        }
        if scale == 1.0 {
            return clear;
        }
    }
    false
}

/// One Gauss–Seidel pass of pair pushes at radii × `scale`; true when no
/// pair overlapped.
fn relax(centres: &mut [[f64; 3]], radii: &[f64], dims: [f64; 3], scale: f64) -> bool {
    let r_max = radii.iter().copied().fold(0.0, f64::max) * scale;
    // Cells at least one largest diameter wide; fewer than 3 along a side
    // means one cell along it.
    let cells = dims.map(|d| {
        let m = (d / (2.0 * r_max)).floor() as usize;
        if m < 3 {
            1
        } else {
            m
        }
    });
    let cell_of = |p: &[f64; 3]| -> [usize; 3] {
        let mut c = [0; 3];
        for k in 0..3 {
            c[k] = ((p[k] / dims[k] * cells[k] as f64) as usize).min(cells[k] - 1);
        }
        c
    };
    let index = |c: [usize; 3]| (c[0] * cells[1] + c[1]) * cells[2] + c[2];
    let total = cells[0] * cells[1] * cells[2];
    let mut start = vec![0usize; total + 1];
    let mut cell_ids: Vec<usize> = centres.iter().map(|p| index(cell_of(p))).collect();
    for &c in &cell_ids {
        start[c + 1] += 1;
    }
    for k in 0..total {
        start[k + 1] += start[k];
    }
    let mut members = vec![0usize; centres.len()];
    let mut next = start.clone();
    for (i, &c) in cell_ids.iter().enumerate() {
        members[next[c]] = i;
        next[c] += 1;
    }
    let offsets = |k: usize| -> Vec<i64> {
        if cells[k] == 1 {
            vec![0]
        } else {
            vec![-1, 0, 1]
        }
    };
    let (ox, oy, oz) = (offsets(0), offsets(1), offsets(2));
    let mut clear = true;
    for i in 0..centres.len() {
        let ci = cell_of(&centres[i]);
        cell_ids[i] = index(ci);
        for &dx in &ox {
            for &dy in &oy {
                for &dz in &oz {
                    let c = [
                        (ci[0] as i64 + dx).rem_euclid(cells[0] as i64) as usize,
                        (ci[1] as i64 + dy).rem_euclid(cells[1] as i64) as usize,
                        (ci[2] as i64 + dz).rem_euclid(cells[2] as i64) as usize,
                    ];
                    let cell = index(c);
                    for &j in &members[start[cell]..start[cell + 1]] {
                        if j <= i {
                            continue;
                        }
                        let mut d = [0.0; 3];
                        for k in 0..3 {
                            // Nearest periodic image (both centres lie in
                            // [0, L), so |e| < L).
                            let e = centres[j][k] - centres[i][k];
                            d[k] = if e > 0.5 * dims[k] {
                                e - dims[k]
                            } else if e < -0.5 * dims[k] {
                                e + dims[k]
                            } else {
                                e
                            };
                        }
                        let dist2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
                        // Overlaps below 1e-9 of the reach are rounding (and
                        // smaller than the packing margin).
                        let reach = (radii[i] + radii[j]) * scale;
                        if dist2 >= reach * reach * (1.0 - 2e-9) {
                            continue;
                        }
                        clear = false;
                        let dist = dist2.sqrt();
                        let u = if dist > 1e-12 {
                            [d[0] / dist, d[1] / dist, d[2] / dist]
                        } else {
                            [1.0, 0.0, 0.0]
                        };
                        // A little past contact, so that pairs do not
                        // creep back into each other.
                        let push = (reach - dist) * 1.05;
                        let (vi, vj) = (radii[i].powi(3), radii[j].powi(3));
                        let (wi, wj) = (vj / (vi + vj), vi / (vi + vj));
                        for k in 0..3 {
                            centres[i][k] = (centres[i][k] - u[k] * push * wi).rem_euclid(dims[k]);
                            centres[j][k] = (centres[j][k] + u[k] * push * wj).rem_euclid(dims[k]);
                        }
                    }
                }
            }
        }
    }
    clear
}

/// Paints `count` voxels still void with `label`: spheres of diameter
/// `d_vox` (voxel units) at uniform random centres until they cover
/// `count` void voxels, then the `count` deepest covered voxels
/// (1 − distance/radius, ties by position).
fn paint(shape: [usize; 3], labels: &mut [u8], count: usize, d_vox: f64, label: u8, rng: &mut Rng) {
    if count == 0 {
        return;
    }
    let free = labels.iter().filter(|&&l| l == VOID).count();
    if count >= free {
        labels
            .iter_mut()
            .filter(|l| **l == VOID)
            .for_each(|l| *l = label);
        return;
    }
    let r = 0.5 * d_vox;
    let dims = shape.map(|n| n as f64);
    let mut depth = vec![0.0f32; labels.len()];
    let mut covered = 0usize;
    let ball = (4.0 / 3.0 * std::f64::consts::PI * r * r * r).max(1.0);
    let max_spheres = 50 * (free as f64 / ball) as usize + 1000;
    for _ in 0..max_spheres {
        if covered >= count {
            break;
        }
        let c = [
            rng.uniform() * dims[0],
            rng.uniform() * dims[1],
            rng.uniform() * dims[2],
        ];
        let mut mark = |v: usize, q: f32| {
            if labels[v] == VOID && q > depth[v] {
                if depth[v] == 0.0 {
                    covered += 1;
                }
                depth[v] = q;
            }
        };
        if r < 0.5 {
            // A particle smaller than a voxel: the voxel it sits in.
            let v = (((c[0] as usize).min(shape[0] - 1) * shape[1]
                + (c[1] as usize).min(shape[1] - 1))
                * shape[2])
                + (c[2] as usize).min(shape[2] - 1);
            mark(v, 1.0);
        } else {
            for_ball(shape, c, r, |v, d2| {
                mark(v, (1.0 - d2.sqrt() / r).max(1e-6) as f32)
            });
        }
    }
    let mut candidates: Vec<(f32, u32)> = depth
        .iter()
        .enumerate()
        .filter(|&(v, _)| labels[v] == VOID)
        .map(|(v, &q)| (q, v as u32))
        .collect();
    // Deepest first; uncovered void voxels (depth 0) only if spheres did not
    // cover enough.
    candidates.select_nth_unstable_by(count - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, v) in &candidates[..count] {
        labels[v as usize] = label;
    }
}

#[cfg(test)]
mod tests;
