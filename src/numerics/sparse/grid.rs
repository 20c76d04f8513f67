//! The finest multigrid level, matrix-free: finite-volume conduction on the
//! conducting voxels of a 3D grid, 6 neighbours, face conductance the
//! harmonic mean 2·σ_i·σ_j/(σ_i + σ_j) of the two voxels' conductivities
//! (1 when every node conducts alike), in voxel units (edge 1).
//!
//! Dirichlet faces: the planes x = −½ (inlet) and x = n_x − ½ (outlet), half
//! a voxel outside the first and last layer, so a node of the first or last
//! plane has conductance 2·σ_i to the boundary. No flux through the other
//! faces. Optionally a diagonal S per node (the double layer of an impedance
//! solve, scaled by `shift`).
//!
//! Memory: a u32 node number per voxel (u32::MAX where nothing conducts),
//! plus an f32 conductivity per node only when they differ.

use super::csr::{CsrLevel, Rows};
use super::layout::Layout;
use super::multigrid::{globalize, pieces_per_coarse_plane, put, Pieces};
use super::{coarse_slot, par, At, Level, Transfer};

/// "No node here" in the voxel → node map.
pub const NONE: u32 = u32::MAX;

/// Conduction on a subset of a voxel grid; see the module doc.
#[derive(Debug, Clone)]
pub struct GridLaplacian {
    dims: [usize; 3],
    /// Voxel → node on the grid padded by one empty voxel on every side,
    /// so that every node has six neighbour slots and no bounds to check.
    index: Vec<u32>,
    /// Node → padded voxel.
    pos: Vec<u32>,
    layout: Layout,
    /// Per-node conductivity; `None` when all are 1.
    sigma: Option<Vec<f32>>,
    /// Dirichlet at the inlet (x = −½) and the outlet (x = n_x − ½).
    dirichlet: [bool; 2],
    /// Per-node S (the capacitive diagonal); `None` when S = 0.
    capacitive: Option<Vec<f32>>,
}

/// Face conductances of a grid: uniform or from per-node conductivities.
trait Faces: Sync {
    /// w_ij.
    fn w(&self, i: usize, j: usize) -> f32;
    fn sigma(&self, i: usize) -> f32;
}

struct Uniform;

impl Faces for Uniform {
    #[inline(always)]
    fn w(&self, _: usize, _: usize) -> f32 {
        1.0
    }
    #[inline(always)]
    fn sigma(&self, _: usize) -> f32 {
        1.0
    }
}

struct PerNode<'a>(&'a [f32]);

impl Faces for PerNode<'_> {
    #[inline(always)]
    fn w(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (self.0[i], self.0[j]);
        2.0 * a * b / (a + b)
    }
    #[inline(always)]
    fn sigma(&self, i: usize) -> f32 {
        self.0[i]
    }
}

impl GridLaplacian {
    /// The nodes are the voxels where `conductivity(v) > 0` (v the linear
    /// index (x·n_y + y)·n_z + z); `capacitive(v)` gives S of a node (pass
    /// `None` for none). Conductivities may be in any consistent unit.
    pub fn new(
        dims: [usize; 3],
        conductivity: &(dyn Fn(usize) -> f32 + Sync),
        capacitive: Option<&(dyn Fn(usize) -> f32 + Sync)>,
        dirichlet: [bool; 2],
    ) -> GridLaplacian {
        let [nx, ny, nz] = dims;
        let (py, pz) = (ny + 2, nz + 2);
        let padded_plane = py * pz;
        // Nodes per (colour, plane).
        let counts: Vec<[u32; 2]> = par::map(nx, |x| {
            let mut c = [0u32; 2];
            for y in 0..ny {
                for z in 0..nz {
                    if conductivity((x * ny + y) * nz + z) > 0.0 {
                        c[(x + y + z) & 1] += 1;
                    }
                }
            }
            c
        });
        let c0: Vec<u32> = counts.iter().map(|c| c[0]).collect();
        let c1: Vec<u32> = counts.iter().map(|c| c[1]).collect();
        let layout = Layout::from_counts([&c0, &c1]);
        let n = layout.len();
        let mut index = vec![NONE; (nx + 2) * padded_plane];
        let mut pos = vec![0u32; n];
        {
            // Plane x of the padded map is padded plane x + 1.
            let planes: Vec<&mut [u32]> = index.chunks_mut(padded_plane).skip(1).take(nx).collect();
            let mut pos_pieces = layout.split_all(&mut pos).into_iter();
            let first: Vec<&mut [u32]> = pos_pieces.by_ref().take(nx).collect();
            #[allow(clippy::type_complexity)]
            let items: Vec<(usize, &mut [u32], [&mut [u32]; 2])> = planes
                .into_iter()
                .zip(first.into_iter().zip(pos_pieces))
                .enumerate()
                .map(|(x, (plane, (p0, p1)))| (x, plane, [p0, p1]))
                .collect();
            par::for_each(items, |(x, plane, pieces)| {
                let mut next = [layout.starts[0][x], layout.starts[1][x]];
                let mut k = [0usize; 2];
                for y in 0..ny {
                    for z in 0..nz {
                        if conductivity((x * ny + y) * nz + z) > 0.0 {
                            let c = (x + y + z) & 1;
                            let local = (y + 1) * pz + z + 1;
                            plane[local] = next[c];
                            pieces[c][k[c]] = ((x + 1) * padded_plane + local) as u32;
                            next[c] += 1;
                            k[c] += 1;
                        }
                    }
                }
            });
        }
        let grid = GridLaplacian {
            dims,
            index,
            pos,
            layout,
            sigma: None,
            dirichlet,
            capacitive: None,
        };
        let voxel = |i: usize| {
            let (x, y, z) = grid.coordinates(i);
            (x * ny + y) * nz + z
        };
        let sigma: Vec<f32> = (0..n).map(|i| conductivity(voxel(i))).collect();
        let uniform = sigma.iter().all(|&s| s == 1.0);
        let capacitive = capacitive.map(|s| (0..n).map(|i| s(voxel(i))).collect());
        GridLaplacian {
            sigma: (!uniform).then_some(sigma),
            capacitive,
            ..grid
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.layout.len()
    }

    /// True when no voxel conducts.
    pub fn is_empty(&self) -> bool {
        self.layout.is_empty()
    }

    /// (x, y, z) of node `i`.
    pub fn coordinates(&self, i: usize) -> (usize, usize, usize) {
        let [_, ny, nz] = self.dims;
        let (py, pz) = (ny + 2, nz + 2);
        let p = self.pos[i] as usize;
        (p / (py * pz) - 1, (p / pz) % py - 1, p % pz - 1)
    }

    /// The node of voxel (x, y, z), if it conducts.
    pub fn node(&self, x: usize, y: usize, z: usize) -> Option<usize> {
        let [_, ny, nz] = self.dims;
        let i = self.index[((x + 1) * (ny + 2) + y + 1) * (nz + 2) + z + 1];
        (i != NONE).then_some(i as usize)
    }

    /// Conductivity of node `i`.
    pub fn sigma(&self, i: usize) -> f32 {
        self.sigma.as_ref().map_or(1.0, |s| s[i])
    }

    /// Conductance of the face between nodes `i` and `j`.
    pub fn face(&self, i: usize, j: usize) -> f32 {
        match &self.sigma {
            None => Uniform.w(i, j),
            Some(s) => PerNode(s).w(i, j),
        }
    }

    /// S of node `i` (0 without a capacitive term).
    pub fn capacitive(&self, i: usize) -> f32 {
        self.capacitive.as_ref().map_or(0.0, |s| s[i])
    }

    /// Conductance between node `i` (in the first or last plane) and the
    /// Dirichlet plane half a voxel away: 2·σ_i.
    pub fn boundary_conductance(&self, i: usize) -> f32 {
        2.0 * self.sigma(i)
    }

    /// ‖b‖₂ of the right-hand side of A·φ = b for inlet potential `v_in`
    /// and outlet potential 0: b_i = 2σ_i·v_in on the first plane, 0 elsewhere.
    pub fn rhs_norm(&self, v_in: f64) -> f64 {
        if !self.dirichlet[0] || self.layout.planes() == 0 {
            return 0.0;
        }
        (0..2)
            .flat_map(|c| self.layout.range(c, 0))
            .map(|i| (f64::from(self.boundary_conductance(i)) * v_in).powi(2))
            .sum::<f64>()
            .sqrt()
    }

    /// Current into the inlet and out of the outlet (Dirichlet faces) for
    /// potentials `phi` with inlet at `v_in` and outlet at 0, in the units
    /// of the conductivities × potential (per voxel edge).
    pub fn boundary_fluxes(&self, phi: &[f64], v_in: f64) -> (f64, f64) {
        let plane_sum = |k: usize, f: &dyn Fn(usize) -> f64| -> f64 {
            (0..2).flat_map(|c| self.layout.range(c, k)).map(f).sum()
        };
        let nx = self.dims[0];
        let inflow = if self.dirichlet[0] && nx > 0 {
            plane_sum(0, &|i| {
                f64::from(self.boundary_conductance(i)) * (v_in - phi[i])
            })
        } else {
            0.0
        };
        let outflow = if self.dirichlet[1] && nx > 0 {
            plane_sum(nx - 1, &|i| {
                f64::from(self.boundary_conductance(i)) * phi[i]
            })
        } else {
            0.0
        };
        (inflow, outflow)
    }

    /// ‖b − A·φ‖₂ in f64, with A = G + shift·S and b the right-hand side of
    /// [`Self::rhs_norm`]`(v_in)`, writing the residual into `r` (f32).
    pub fn true_residual(&self, shift: f64, v_in: f64, phi: &[f64], r: &mut [f32]) -> f64 {
        self.layout
            .map_pieces(r, |k, range, piece| {
                let start = range.start;
                let boundary = self.boundary_factor(k);
                let inlet = if k == 0 && self.dirichlet[0] {
                    v_in
                } else {
                    0.0
                };
                let mut s = 0.0f64;
                for i in range {
                    let mut acc = 0.0f64;
                    let g = self.row_dyn(i, &mut |j, w| acc += f64::from(w) * phi[j]);
                    let sigma_b = f64::from(self.sigma(i)) * f64::from(boundary);
                    let d = f64::from(g) + sigma_b + shift * f64::from(self.capacitive(i));
                    let b = 2.0 * f64::from(self.sigma(i)) * inlet;
                    let res = b - (d * phi[i] - acc);
                    piece[i - start] = res as f32;
                    s += res * res;
                }
                s
            })
            .into_iter()
            .sum::<f64>()
            .sqrt()
    }

    /// y = G·x in f64 (no shift), for the impedance solves.
    pub fn apply_f64(&self, x: &[f64], y: &mut [f64]) {
        self.layout.map_pieces(y, |k, range, piece| {
            let start = range.start;
            let boundary = f64::from(self.boundary_factor(k));
            for i in range {
                let mut acc = 0.0f64;
                let g = self.row_dyn(i, &mut |j, w| acc += f64::from(w) * x[j]);
                let d = f64::from(g) + boundary * f64::from(self.sigma(i));
                piece[i - start] = d * x[i] - acc;
            }
        });
    }

    /// The nodes of the first plane (next to the inlet).
    pub fn inlet_nodes(&self) -> impl Iterator<Item = usize> + '_ {
        (0..2).flat_map(|c| self.layout.range(c, 0))
    }

    /// The Dirichlet conductance of plane `k` per unit σ: 2 per Dirichlet
    /// plane the layer touches.
    #[inline(always)]
    fn boundary_factor(&self, k: usize) -> f32 {
        let nx = self.dims[0];
        let mut f = 0.0;
        if k == 0 && self.dirichlet[0] {
            f += 2.0;
        }
        if k + 1 == nx && self.dirichlet[1] {
            f += 2.0;
        }
        f
    }

    /// Σ_k w_ij_k and Σ_k w_ij_k·x(j_k) over the six neighbour slots of node
    /// `i`, where a slot with no node reads node `fallback` instead; and the
    /// number of slots that hold a node. Branch-free: which neighbours
    /// conduct is random in porous media, so branches on it would be
    /// mispredicted half the time; the callers cancel the fallback's terms
    /// instead (for fallback = i they cancel in w·(x_i − x_j) by
    /// themselves).
    #[inline(always)]
    fn row<F: Faces>(
        &self,
        f: &F,
        i: usize,
        fallback: usize,
        x: impl Fn(usize) -> f32,
    ) -> (f32, f32, u32) {
        let [_, ny, nz] = self.dims;
        let (sy, sx) = (nz + 2, (ny + 2) * (nz + 2));
        let v = self.pos[i] as usize;
        let index = &self.index;
        let (mut d, mut acc, mut count) = (0.0f32, 0.0f32, 0u32);
        for u in [v - 1, v + 1, v - sy, v + sy, v - sx, v + sx] {
            let j = index[u];
            count += u32::from(j != NONE);
            let j = if j != NONE { j as usize } else { fallback };
            let w = f.w(i, j);
            d += w;
            acc += w * x(j);
        }
        (d, acc, count)
    }

    /// Calls `visit(j, w_ij)` for the neighbours of node `i` that exist
    /// and returns Σ w_ij (setup and checks, where speed matters less).
    fn row_dyn(&self, i: usize, visit: &mut dyn FnMut(usize, f32)) -> f32 {
        let [_, ny, nz] = self.dims;
        let (sy, sx) = (nz + 2, (ny + 2) * (nz + 2));
        let v = self.pos[i] as usize;
        let mut d = 0.0;
        for u in [v - 1, v + 1, v - sy, v + sy, v - sx, v + sx] {
            let j = self.index[u];
            if j != NONE {
                let w = self.face(i, j as usize);
                d += w;
                visit(j as usize, w);
            }
        }
        d
    }

    fn apply_with<F: Faces>(&self, f: &F, shift: f32, x: &[f32], out: &mut [f32]) {
        self.layout.map_pieces(out, |k, range, piece| {
            let start = range.start;
            let boundary = self.boundary_factor(k);
            for i in range {
                let (d, acc, _) = self.row(f, i, i, |j| x[j]);
                let d = d + boundary * f.sigma(i) + shift * self.capacitive(i);
                piece[i - start] = d * x[i] - acc;
            }
        });
    }

    fn sweep_with<F: Faces>(&self, f: &F, shift: f32, c: usize, b: &[f32], x: &mut [f32]) {
        let other_start = self.layout.colour(1 - c).start;
        let (mine, other) = self.layout.split_for_sweep(x, c);
        let items: Vec<(usize, &mut [f32])> = mine.into_iter().enumerate().collect();
        par::for_each(items, |(k, piece)| {
            let range = self.layout.range(c, k);
            let start = range.start;
            let boundary = self.boundary_factor(k);
            for i in range {
                // Empty slots read the other colour's first node; their
                // terms are taken back out.
                let (d, acc) = if other.is_empty() {
                    (0.0, 0.0)
                } else {
                    let (d, acc, count) = self.row(f, i, other_start, |j| other[j - other_start]);
                    let empty = (6 - count) as f32;
                    let w = f.w(i, other_start);
                    (d - empty * w, acc - empty * w * other[0])
                };
                let d = d + boundary * f.sigma(i) + shift * self.capacitive(i);
                piece[i - start] = (b[i] + acc) / d;
            }
        });
    }

    fn restrict_with<F: Faces>(
        &self,
        f: &F,
        shift: f32,
        b: &[f32],
        x: &[f32],
        to: &Transfer,
        rc: &mut [f32],
    ) {
        rc.fill(0.0);
        let nx = self.dims[0];
        let residual = |i: usize, boundary: f32| {
            let (d, acc, _) = self.row(f, i, i, |j| x[j]);
            let d = d + boundary * f.sigma(i) + shift * self.capacitive(i);
            b[i] - (d * x[i] - acc)
        };
        let (agg, coarse) = (to.agg, to.coarse);
        let Some(offset) = to.offset else {
            for k in 0..nx {
                let boundary = self.boundary_factor(k);
                for i in self.layout.range(0, k) {
                    rc[agg[i] as usize] += residual(i, boundary);
                }
            }
            return;
        };
        let items: Vec<(usize, [&mut [f32]; 2])> = coarse
            .split_planes_both(rc)
            .into_iter()
            .enumerate()
            .collect();
        par::for_each(items, |(kc, pieces)| {
            for k in fine_planes(kc, offset, nx) {
                let boundary = self.boundary_factor(k);
                for i in self.layout.range(0, k) {
                    let (cc, off) = coarse_slot(coarse, kc, agg[i]);
                    pieces[cc][off] += residual(i, boundary);
                }
            }
        });
    }
}

impl GridLaplacian {
    /// The nodes of the 2×2×2 block of coarse cell (kc, py, pz) (block K
    /// covering cells 2K − offset and 2K + 1 − offset), position
    /// dx·4 + dy·2 + dz, [`NONE`] where empty; and the occupancy bits.
    fn block(&self, kc: usize, py: usize, pz: usize, offset: usize) -> ([u32; 8], usize) {
        let [_, ny, nz] = self.dims;
        let mut nodes = [NONE; 8];
        let mut pattern = 0;
        for (p, node) in nodes.iter_mut().enumerate() {
            // Padded coordinates: fine cell f sits at f + 1, and the blocks
            // never reach beyond the padding.
            let x = 2 * kc + (p >> 2) + 1 - offset;
            let y = 2 * py + ((p >> 1) & 1) + 1 - offset;
            let z = 2 * pz + (p & 1) + 1 - offset;
            *node = self.index[(x * (ny + 2) + y) * (nz + 2) + z];
            pattern |= usize::from(*node != NONE) << p;
        }
        (nodes, pattern)
    }

    /// [`super::multigrid`]'s coarsening for the finest level, by block
    /// patterns instead of a search: the aggregates of each 2×2×2 block (its
    /// face-connected pieces) come from a table of the 256 occupancy
    /// patterns, and the Galerkin rows from the voxel neighbours.
    pub(crate) fn coarsen_blocks(&self, offset: usize) -> (Vec<u32>, CsrLevel) {
        let cd = self.dims.map(|n| (n + offset).div_ceil(2));
        let table = block_pieces();
        let mut agg = vec![0u32; self.len()];
        let counts: Vec<[u32; 2]> = {
            let bundles = pieces_per_coarse_plane(&self.layout, &mut agg, cd[0], offset);
            let items: Vec<(usize, Pieces)> = bundles.into_iter().enumerate().collect();
            par::map_items(items, |(kc, mut pieces)| {
                let mut next = [0u32; 2];
                for py in 0..cd[1] {
                    for pz in 0..cd[2] {
                        let (nodes, pattern) = self.block(kc, py, pz, offset);
                        if pattern == 0 {
                            continue;
                        }
                        let colour = (kc + py + pz) & 1;
                        let (piece_of, count) = table[pattern];
                        for p in (0..8).filter(|p| pattern >> p & 1 == 1) {
                            let local = next[colour] + u32::from(piece_of[p]);
                            put(
                                &mut pieces,
                                nodes[p] as usize,
                                local | ((colour as u32) << 31),
                            );
                        }
                        next[colour] += u32::from(count);
                    }
                }
                next
            })
        };
        let c0: Vec<u32> = counts.iter().map(|c| c[0]).collect();
        let c1: Vec<u32> = counts.iter().map(|c| c[1]).collect();
        let coarse_layout = Layout::from_counts([&c0, &c1]);
        globalize(&self.layout, &mut agg, &coarse_layout, offset);
        let agg_ref = &agg;
        let rows: Vec<[Rows; 2]> = par::map(cd[0], |kc| {
            let mut out = [Rows::default(), Rows::default()];
            let mut entries: Vec<(u32, f32)> = Vec::new();
            for py in 0..cd[1] {
                for pz in 0..cd[2] {
                    let (nodes, pattern) = self.block(kc, py, pz, offset);
                    if pattern == 0 {
                        continue;
                    }
                    let colour = (kc + py + pz) & 1;
                    let (piece_of, count) = table[pattern];
                    for piece in 0..count {
                        let (mut g, mut s) = (0.0f32, 0.0f32);
                        entries.clear();
                        for p in (0..8).filter(|&p| pattern >> p & 1 == 1 && piece_of[p] == piece) {
                            let i = nodes[p] as usize;
                            let plane = 2 * kc + (p >> 2) - offset;
                            g += self.boundary_factor(plane) * self.sigma(i);
                            s += self.capacitive(i);
                            self.row_dyn(i, &mut |j, w| {
                                let other = agg_ref[j];
                                if other != agg_ref[i] {
                                    g += w;
                                    entries.push((other, w));
                                }
                            });
                        }
                        out[colour].push(&mut entries, g, s, Some((py * cd[2] + pz) as u32));
                    }
                }
            }
            out
        });
        let level = CsrLevel::from_rows(
            cd,
            coarse_layout,
            true,
            (0..2).flat_map(|c| rows.iter().map(move |plane| &plane[c])),
        );
        (agg, level)
    }
}

/// For each occupancy pattern of a 2×2×2 block (bit dx·4 + dy·2 + dz): the
/// piece of each occupied position (pieces are face-connected, numbered in
/// order of their first position) and the number of pieces.
fn block_pieces() -> Vec<([u8; 8], u8)> {
    (0..256usize)
        .map(|pattern| {
            let mut piece = [u8::MAX; 8];
            let mut count = 0u8;
            for start in 0..8 {
                if pattern >> start & 1 == 0 || piece[start] != u8::MAX {
                    continue;
                }
                // Flood the piece of `start` over occupied face neighbours
                // (positions one bit apart).
                let mut stack = vec![start];
                piece[start] = count;
                while let Some(p) = stack.pop() {
                    for bit in [1, 2, 4] {
                        let q = p ^ bit;
                        if pattern >> q & 1 == 1 && piece[q] == u8::MAX {
                            piece[q] = count;
                            stack.push(q);
                        }
                    }
                }
                count += 1;
            }
            (piece, count)
        })
        .collect()
}

/// The fine planes of coarse plane `kc` when coarse cell K covers fine
/// cells 2K − offset and 2K + 1 − offset.
pub(crate) fn fine_planes(kc: usize, offset: usize, n: usize) -> impl Iterator<Item = usize> {
    (2 * kc..2 * kc + 2)
        .filter(move |&k| k >= offset && k - offset < n)
        .map(move |k| k - offset)
}

impl Level for GridLaplacian {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn dims(&self) -> [usize; 3] {
        self.dims
    }

    fn apply(&self, shift: f32, x: &[f32], y: &mut [f32]) {
        match &self.sigma {
            None => self.apply_with(&Uniform, shift, x, y),
            Some(s) => self.apply_with(&PerNode(s), shift, x, y),
        }
    }

    fn sweep(&self, shift: f32, c: usize, b: &[f32], x: &mut [f32]) {
        match &self.sigma {
            None => self.sweep_with(&Uniform, shift, c, b, x),
            Some(s) => self.sweep_with(&PerNode(s), shift, c, b, x),
        }
    }

    fn restrict_residual(&self, shift: f32, b: &[f32], x: &[f32], to: &Transfer, rc: &mut [f32]) {
        match &self.sigma {
            None => self.restrict_with(&Uniform, shift, b, x, to, rc),
            Some(s) => self.restrict_with(&PerNode(s), shift, b, x, to, rc),
        }
    }

    fn plane_nodes(&self, plane: usize, out: &mut Vec<At>) {
        for c in 0..2 {
            for i in self.layout.range(c, plane) {
                let (x, y, z) = self.coordinates(i);
                out.push(At {
                    node: i as u32,
                    plane: x as u32,
                    y: y as u32,
                    z: z as u32,
                });
            }
        }
    }

    fn links(&self, at: At, f: &mut dyn FnMut(u32, f32)) {
        self.row_dyn(at.node as usize, &mut |j, w| f(j as u32, w));
    }

    fn diagonal(&self, at: At) -> (f32, f32) {
        let i = at.node as usize;
        let g = self.row_dyn(i, &mut |_, _| {});
        let b = self.boundary_factor(at.plane as usize) * self.sigma(i);
        (g + b, self.capacitive(i))
    }
}
