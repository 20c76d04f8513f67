//! A segmented 3D image: one label per voxel.
//!
//! Axis convention (as numpy/tifffile read a stack and as TauFactor solves):
//! x is the first array axis — the TIFF page index —, y the rows of a page,
//! z its columns; voxels are stored in that order (C order, z fastest), so
//! voxel (x, y, z) is at (x·n_y + y)·n_z + z. Voxels are cubes of edge
//! `voxel_um` µm.

use crate::error::{Error, Result};

/// Most voxels a volume may have (2³¹: node numbers and indices fit u32 with
/// room to spare, and a wasm32 page cannot hold much more anyway).
pub const MAX_VOXELS: usize = 1 << 31;

/// One of the three axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Axis {
    X,
    Y,
    Z,
}

impl Axis {
    /// The three axes in order.
    pub const ALL: [Axis; 3] = [Axis::X, Axis::Y, Axis::Z];

    /// "x", "y" or "z".
    pub fn name(self) -> &'static str {
        match self {
            Axis::X => "x",
            Axis::Y => "y",
            Axis::Z => "z",
        }
    }

    /// 0, 1 or 2.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses "x", "y" or "z".
    pub fn from_name(s: &str) -> Option<Axis> {
        Axis::ALL.into_iter().find(|a| a.name() == s)
    }
}

/// A labelled voxel volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Volume {
    /// [n_x, n_y, n_z].
    pub shape: [usize; 3],
    /// Voxel edge, µm.
    pub voxel_um: f64,
    /// One code per voxel, x slowest, z fastest.
    pub codes: Vec<u8>,
    /// The label each code stands for: the identity for 8-bit images; the
    /// distinct values in ascending order for a 16-bit image with labels
    /// above 255 (at most 256 distinct labels).
    pub labels: Vec<u16>,
}

impl Volume {
    /// A volume of 8-bit labels (codes are the labels).
    pub fn from_u8(shape: [usize; 3], voxel_um: f64, codes: Vec<u8>) -> Result<Volume> {
        check_shape("volume", shape, codes.len())?;
        crate::error::require_positive("voxel_um", voxel_um)?;
        Ok(Volume {
            shape,
            voxel_um,
            codes,
            labels: (0..=255).collect(),
        })
    }

    /// A volume of 16-bit labels: kept as 8-bit codes when every label is
    /// below 256, else mapped to codes through the sorted distinct labels
    /// (an error naming `source` if there are more than 256 of them).
    pub fn from_u16(
        source: &str,
        shape: [usize; 3],
        voxel_um: f64,
        values: &[u16],
    ) -> Result<Volume> {
        check_shape(source, shape, values.len())?;
        crate::error::require_positive("voxel_um", voxel_um)?;
        if values.iter().all(|&v| v < 256) {
            return Volume::from_u8(shape, voxel_um, values.iter().map(|&v| v as u8).collect());
        }
        let mut seen = vec![false; 1 << 16];
        for &v in values {
            seen[v as usize] = true;
        }
        let labels: Vec<u16> = (0..=u16::MAX).filter(|&v| seen[v as usize]).collect();
        if labels.len() > 256 {
            return Err(Error::Read {
                source: source.into(),
                line: None,
                message: format!(
                    "{} distinct labels; a segmented image may have at most 256",
                    labels.len()
                ),
            });
        }
        let mut code_of = vec![0u8; 1 << 16];
        for (c, &l) in labels.iter().enumerate() {
            code_of[l as usize] = c as u8;
        }
        Ok(Volume {
            shape,
            voxel_um,
            codes: values.iter().map(|&v| code_of[v as usize]).collect(),
            labels,
        })
    }

    /// Number of voxels.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when the volume has no voxel.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The code of `label`, if the volume's label table has it.
    pub fn code_of(&self, label: u16) -> Option<u8> {
        self.labels
            .iter()
            .position(|&l| l == label)
            .map(|c| c as u8)
    }

    /// Voxels per code.
    pub fn counts(&self) -> [u64; 256] {
        let mut counts = [0u64; 256];
        for &c in &self.codes {
            counts[c as usize] += 1;
        }
        counts
    }

    /// The labels present, ascending, with their voxel counts.
    pub fn present_labels(&self) -> Vec<(u16, u64)> {
        let counts = self.counts();
        let mut out: Vec<(u16, u64)> = counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(c, &n)| (self.labels[c], n))
            .collect();
        out.sort_unstable();
        out
    }

    /// The codes re-ordered so that `axis` becomes the first array axis
    /// (the others keep their order): returns the new shape and codes.
    pub fn along(&self, axis: Axis) -> ([usize; 3], Vec<u8>) {
        along(self.shape, &self.codes, axis)
    }
}

/// Shape after moving `axis` to the front: X → [x, y, z], Y → [y, x, z],
/// Z → [z, x, y].
pub fn shape_along(shape: [usize; 3], axis: Axis) -> [usize; 3] {
    let [nx, ny, nz] = shape;
    match axis {
        Axis::X => [nx, ny, nz],
        Axis::Y => [ny, nx, nz],
        Axis::Z => [nz, nx, ny],
    }
}

/// The voxel of the original volume at (a, b, c) of the volume re-ordered
/// by [`along`].
pub fn original_voxel(shape: [usize; 3], axis: Axis, a: usize, b: usize, c: usize) -> usize {
    let [_, ny, nz] = shape;
    let (x, y, z) = match axis {
        Axis::X => (a, b, c),
        Axis::Y => (b, a, c),
        Axis::Z => (b, c, a),
    };
    (x * ny + y) * nz + z
}

/// `data` (of `shape`, C order) re-ordered so that `axis` comes first.
pub fn along<T: Copy + Default>(shape: [usize; 3], data: &[T], axis: Axis) -> ([usize; 3], Vec<T>) {
    let [nx, ny, nz] = shape;
    let out_shape = shape_along(shape, axis);
    let out = match axis {
        Axis::X => data.to_vec(),
        Axis::Y => {
            let mut out = Vec::with_capacity(data.len());
            for y in 0..ny {
                for x in 0..nx {
                    let row = (x * ny + y) * nz;
                    out.extend_from_slice(&data[row..row + nz]);
                }
            }
            out
        }
        Axis::Z => {
            // out[(z·n_x + x)·n_y + y] = data[(x·n_y + y)·n_z + z], in tiles.
            let mut out = vec![T::default(); data.len()];
            const T: usize = 32;
            for x in 0..nx {
                for y0 in (0..ny).step_by(T) {
                    for z0 in (0..nz).step_by(T) {
                        for y in y0..(y0 + T).min(ny) {
                            let row = (x * ny + y) * nz;
                            for z in z0..(z0 + T).min(nz) {
                                out[(z * nx + x) * ny + y] = data[row + z];
                            }
                        }
                    }
                }
            }
            out
        }
    };
    (out_shape, out)
}

/// Checks that `shape` is non-empty, within [`MAX_VOXELS`] and holds `len`
/// voxels.
pub fn check_shape(source: &str, shape: [usize; 3], len: usize) -> Result<()> {
    let voxels = shape
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .filter(|&v| v > 0 && v <= MAX_VOXELS);
    match voxels {
        Some(v) if v == len => Ok(()),
        Some(v) => Err(Error::Read {
            source: source.into(),
            line: None,
            message: format!(
                "{} voxels for a {}×{}×{} volume, which needs {v}",
                len, shape[0], shape[1], shape[2]
            ),
        }),
        None => Err(Error::Read {
            source: source.into(),
            line: None,
            message: format!(
                "a {}×{}×{} volume: each side must be ≥ 1 and the total at most 2^31 voxels",
                shape[0], shape[1], shape[2]
            ),
        }),
    }
}

#[cfg(test)]
mod tests;
