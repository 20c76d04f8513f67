//! Connected components of a set of voxels (6-connectivity) by union–find
//! in one raster scan (the Hoshen–Kopelman scheme), and which faces of the
//! volume each component touches.

/// Not a member of the set.
pub const NONE: u32 = u32::MAX;

/// Bit of the face x = 0 (first page); `face_bit(axis, high)` for others.
pub fn face_bit(axis: usize, high: bool) -> u8 {
    1 << (2 * axis + usize::from(high))
}

/// The components of one set of voxels.
#[derive(Debug, Clone, PartialEq)]
pub struct Components {
    /// Component of each voxel ([`NONE`] outside the set), numbered in
    /// order of first voxel.
    pub id: Vec<u32>,
    /// Faces each component touches ([`face_bit`]).
    pub faces: Vec<u8>,
    /// Voxels per component.
    pub size: Vec<u64>,
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let p = parent[i as usize];
        parent[i as usize] = parent[p as usize];
        i = p;
    }
    i
}

impl Components {
    /// Components of the voxels where `member(v)` holds, in a volume of
    /// `shape` (voxel v = (x·n_y + y)·n_z + z).
    pub fn new(shape: [usize; 3], member: impl Fn(usize) -> bool) -> Components {
        let [nx, ny, nz] = shape;
        let n = nx * ny * nz;
        // Union–find with the parent in `id`, roots the smallest voxel.
        let mut id = vec![NONE; n];
        for x in 0..nx {
            for y in 0..ny {
                for z in 0..nz {
                    let v = (x * ny + y) * nz + z;
                    if !member(v) {
                        continue;
                    }
                    id[v] = v as u32;
                    let before = [
                        (z > 0).then(|| v - 1),
                        (y > 0).then(|| v - nz),
                        (x > 0).then(|| v - ny * nz),
                    ];
                    for u in before.into_iter().flatten() {
                        if id[u] != NONE {
                            let (ru, rv) = (find(&mut id, u as u32), find(&mut id, v as u32));
                            if ru != rv {
                                id[ru.max(rv) as usize] = ru.min(rv);
                            }
                        }
                    }
                }
            }
        }
        // Roots come before their members, so one forward pass relabels.
        let mut faces = Vec::new();
        let mut size = Vec::new();
        for v in 0..n {
            if id[v] == NONE {
                continue;
            }
            let parent = id[v] as usize;
            let c = if parent == v {
                faces.push(0u8);
                size.push(0u64);
                (faces.len() - 1) as u32
            } else {
                // Parents are earlier voxels, relabelled already with the
                // number of their (and so v's) component.
                id[parent]
            };
            id[v] = c;
            let (x, y, z) = (v / (ny * nz), (v / nz) % ny, v % nz);
            let mut f = 0u8;
            for (axis, (pos, len)) in [(x, nx), (y, ny), (z, nz)].into_iter().enumerate() {
                if pos == 0 {
                    f |= face_bit(axis, false);
                }
                if pos + 1 == len {
                    f |= face_bit(axis, true);
                }
            }
            faces[c as usize] |= f;
            size[c as usize] += 1;
        }
        Components { id, faces, size }
    }

    /// True when voxel `v` is in a component touching both faces normal to
    /// `axis`.
    pub fn spans(&self, v: usize, axis: usize) -> bool {
        let c = self.id[v];
        let both = face_bit(axis, false) | face_bit(axis, true);
        c != NONE && self.faces[c as usize] & both == both
    }
}

#[cfg(test)]
mod tests;
