//! Structure metrics of a labelled volume: volume fractions, percolation per
//! phase and axis, surface and interface areas, and the active-material
//! utilisation of Bielefeld et al. (J. Phys. Chem. C 123 (2019) 1626).
//!
//! Areas count voxel faces between different labels inside the box (faces on
//! the box's own boundary are not interfaces), each h² with h the voxel edge.
//! Face counting overestimates the area of a smooth isotropic surface by
//! about 3/2 on average (a cube's faces seen from every direction); the
//! numbers are what the voxel model conducts and charges through, as in
//! the solvers, not a smoothed estimate.

use super::components::{face_bit, Components};
use super::volume::{Axis, Volume};
use crate::units::um_to_cm;

/// Which labels play which role in an electrode, for the utilisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles {
    pub am: u16,
    pub se: u16,
    /// Carbon/binder (electronically conducting), if any.
    pub carbon: Option<u16>,
}

impl Roles {
    /// The labels of generated electrodes: 1 AM, 2 SE, 3 carbon.
    pub const GENERATED: Roles = Roles {
        am: super::generate::AM as u16,
        se: super::generate::SE as u16,
        carbon: Some(super::generate::CARBON as u16),
    };
}

/// Percolation of one phase along one axis: shares of the phase's voxels
/// whose cluster touches both faces normal to the axis, exactly one, none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percolation {
    pub axis: Axis,
    pub both_faces: f64,
    pub one_face: f64,
    pub isolated: f64,
}

/// One label's metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseMetrics {
    pub label: u16,
    pub volume_fraction: f64,
    pub percolation: Vec<Percolation>,
    /// Its surface (faces to any other label) per box volume, 1/cm.
    pub specific_surface_per_cm: f64,
}

/// The interface between two labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Interface {
    pub labels: (u16, u16),
    pub area_cm2: f64,
    /// Area per box volume, 1/cm.
    pub per_volume_per_cm: f64,
}

/// Active-material utilisation (Bielefeld et al. 2019): the share of AM
/// in AM clusters that are electronically connected, through AM and carbon,
/// to the current collector (the last layer, x = n_x − 1) and that touch SE
/// connected through SE to the separator (the first layer, x = 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Utilisation {
    /// Share of AM that is both: the utilisation.
    pub fraction: f64,
    /// Share of AM electronically connected to the current collector.
    pub electronic: f64,
    /// Share of AM touching SE connected to the separator.
    pub ionic: f64,
    /// AM clusters (6-connected).
    pub clusters: usize,
}

/// All metrics of a volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub phases: Vec<PhaseMetrics>,
    pub interfaces: Vec<Interface>,
    /// With `roles` given and both AM and SE present.
    pub utilisation: Option<Utilisation>,
}

/// Computes the metrics; the utilisation when `roles` says which labels are
/// AM, SE and carbon.
pub fn metrics(volume: &Volume, roles: Option<Roles>) -> Metrics {
    let n = volume.len() as f64;
    let h_cm = um_to_cm(volume.voxel_um);
    let box_cm3 = n * h_cm * h_cm * h_cm;
    let faces = face_counts(volume);
    let counts = volume.counts();
    let codes: Vec<usize> = (0..256).filter(|&c| counts[c] > 0).collect();
    let phases = codes
        .iter()
        .map(|&c| {
            let comps = Components::new(volume.shape, |v| volume.codes[v] as usize == c);
            let percolation = Axis::ALL
                .iter()
                .map(|&axis| percolation(&comps, axis, counts[c] as f64))
                .collect();
            let surface: u64 = (0..256).filter(|&d| d != c).map(|d| faces[c][d]).sum();
            PhaseMetrics {
                label: volume.labels[c],
                volume_fraction: counts[c] as f64 / n,
                percolation,
                specific_surface_per_cm: surface as f64 * h_cm * h_cm / box_cm3,
            }
        })
        .collect();
    let mut interfaces = Vec::new();
    for (k, &a) in codes.iter().enumerate() {
        for &b in &codes[k + 1..] {
            let area = faces[a][b] as f64 * h_cm * h_cm;
            interfaces.push(Interface {
                labels: (volume.labels[a], volume.labels[b]),
                area_cm2: area,
                per_volume_per_cm: area / box_cm3,
            });
        }
    }
    let utilisation = roles.and_then(|r| utilisation(volume, r));
    Metrics {
        phases,
        interfaces,
        utilisation,
    }
}

fn percolation(comps: &Components, axis: Axis, voxels: f64) -> Percolation {
    let (lo, hi) = (face_bit(axis.index(), false), face_bit(axis.index(), true));
    let (mut both, mut one) = (0u64, 0u64);
    for (c, &f) in comps.faces.iter().enumerate() {
        match (f & lo != 0, f & hi != 0) {
            (true, true) => both += comps.size[c],
            (true, false) | (false, true) => one += comps.size[c],
            _ => {}
        }
    }
    let (both, one) = (both as f64 / voxels, one as f64 / voxels);
    Percolation {
        axis,
        both_faces: both,
        one_face: one,
        isolated: (1.0 - both - one).max(0.0),
    }
}

/// faces[a][b]: voxel faces inside the box between codes a and b
/// (symmetric).
fn face_counts(volume: &Volume) -> Vec<[u64; 256]> {
    let [nx, ny, nz] = volume.shape;
    let mut faces = vec![[0u64; 256]; 256];
    let c = &volume.codes;
    let mut add = |a: u8, b: u8| {
        if a != b {
            faces[a as usize][b as usize] += 1;
            faces[b as usize][a as usize] += 1;
        }
    };
    for x in 0..nx {
        for y in 0..ny {
            for z in 0..nz {
                let v = (x * ny + y) * nz + z;
                if z + 1 < nz {
                    add(c[v], c[v + 1]);
                }
                if y + 1 < ny {
                    add(c[v], c[v + nz]);
                }
                if x + 1 < nx {
                    add(c[v], c[v + ny * nz]);
                }
            }
        }
    }
    faces
}

fn utilisation(volume: &Volume, roles: Roles) -> Option<Utilisation> {
    let am = volume.code_of(roles.am)?;
    let se = volume.code_of(roles.se)?;
    let carbon = roles.carbon.and_then(|l| volume.code_of(l));
    let counts = volume.counts();
    if counts[am as usize] == 0 || counts[se as usize] == 0 {
        return None;
    }
    let [nx, ny, nz] = volume.shape;
    let codes = &volume.codes;
    let electronic = Components::new(volume.shape, |v| codes[v] == am || Some(codes[v]) == carbon);
    let ionic = Components::new(volume.shape, |v| codes[v] == se);
    let clusters = Components::new(volume.shape, |v| codes[v] == am);
    let collector = face_bit(0, true);
    let separator = face_bit(0, false);
    let k = clusters.size.len();
    let mut wired = vec![false; k];
    let mut fed = vec![false; k];
    for v in 0..volume.len() {
        let c = clusters.id[v];
        if c == super::components::NONE {
            continue;
        }
        let c = c as usize;
        wired[c] = electronic.faces[electronic.id[v] as usize] & collector != 0;
        if fed[c] {
            continue;
        }
        let (x, y, z) = (v / (ny * nz), (v / nz) % ny, v % nz);
        let neighbours = [
            (z > 0).then(|| v - 1),
            (z + 1 < nz).then(|| v + 1),
            (y > 0).then(|| v - nz),
            (y + 1 < ny).then(|| v + nz),
            (x > 0).then(|| v - ny * nz),
            (x + 1 < nx).then(|| v + ny * nz),
        ];
        fed[c] = neighbours
            .into_iter()
            .flatten()
            .any(|u| codes[u] == se && ionic.faces[ionic.id[u] as usize] & separator != 0);
    }
    let total = counts[am as usize] as f64;
    let share = |keep: &dyn Fn(usize) -> bool| {
        (0..k)
            .filter(|&c| keep(c))
            .map(|c| clusters.size[c])
            .sum::<u64>() as f64
            / total
    };
    Some(Utilisation {
        fraction: share(&|c| wired[c] && fed[c]),
        electronic: share(&|c| wired[c]),
        ionic: share(&|c| fed[c]),
        clusters: k,
    })
}

#[cfg(test)]
mod tests;
