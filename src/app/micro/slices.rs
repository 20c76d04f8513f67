//! The three orthogonal slices through a volume, as RGBA pixels in phase
//! colours, and the legend that names the colours.
//!
//! Slice `axis` at `depth` is the plane normal to that axis: normal to x it
//! is the (y, z) plane with y down the rows; normal to y the (x, z) plane
//! and normal to z the (x, y) plane, x down the rows (the separator at the
//! top, the current collector at the bottom).

use super::model::{VolumeMeta, AM, CARBON, SE, VOID};

/// The colour of a label: the generator's phases in fixed colours (SE
/// yellow, active material dark blue, carbon black, voids white); other
/// labels from a palette of distinct colours.
pub fn colour(meta: &VolumeMeta, label: u16) -> [u8; 3] {
    if meta.generator_labels() {
        match label {
            VOID => return [250, 250, 250],
            AM => return [38, 70, 140],
            SE => return [236, 190, 50],
            CARBON => return [20, 20, 20],
            _ => {}
        }
    }
    const PALETTE: [[u8; 3]; 8] = [
        [250, 250, 250],
        [38, 70, 140],
        [236, 190, 50],
        [20, 20, 20],
        [200, 60, 60],
        [60, 160, 90],
        [150, 90, 180],
        [90, 170, 200],
    ];
    let rank = meta
        .present
        .iter()
        .position(|&(l, _)| l == label)
        .unwrap_or(0);
    PALETTE[rank % PALETTE.len()]
}

/// Width and height (pixels) of the slice normal to `axis`.
pub fn size(shape: [usize; 3], axis: usize) -> (usize, usize) {
    let [nx, ny, nz] = shape;
    match axis {
        0 => (nz, ny),
        1 => (nz, nx),
        _ => (ny, nx),
    }
}

/// The RGBA pixels (rows of [`size`]'s width) of the slice normal to `axis`
/// at `depth` (clamped into the volume).
pub fn rgba(meta: &VolumeMeta, codes: &[u8], axis: usize, depth: usize) -> Vec<u8> {
    let [_, ny, nz] = meta.shape;
    let depth = depth.min(meta.shape[axis.min(2)].saturating_sub(1));
    let table: Vec<[u8; 4]> = meta
        .labels
        .iter()
        .map(|&l| {
            let [r, g, b] = colour(meta, l);
            [r, g, b, 255]
        })
        .collect();
    let (w, h) = size(meta.shape, axis);
    let mut out = Vec::with_capacity(4 * w * h);
    for row in 0..h {
        for col in 0..w {
            let (x, y, z) = match axis {
                0 => (depth, row, col),
                1 => (row, depth, col),
                _ => (row, col, depth),
            };
            let code = codes.get((x * ny + y) * nz + z).copied().unwrap_or(0);
            out.extend_from_slice(table.get(code as usize).unwrap_or(&[0, 0, 0, 255]));
        }
    }
    out
}

/// The legend: each label present with its name, colour and volume fraction.
pub fn legend(meta: &VolumeMeta) -> Vec<(String, [u8; 3])> {
    meta.present
        .iter()
        .map(|&(l, _)| {
            (
                format!(
                    "{} ({} %)",
                    meta.phase_name(l),
                    super::super::format::number(100.0 * meta.fraction(l))
                ),
                colour(meta, l),
            )
        })
        .collect()
}

/// The caption of a slice: where it lies, in voxels and µm.
pub fn caption(meta: &VolumeMeta, axis: usize, depth: usize) -> String {
    let name = ["x", "y", "z"][axis.min(2)];
    let n = meta.shape[axis.min(2)];
    format!(
        "{name} = {} of {n} ({} µm)",
        depth + 1,
        super::super::format::number((depth as f64 + 0.5) * meta.voxel_um)
    )
}

#[cfg(test)]
mod tests;
