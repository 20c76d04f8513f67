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

use super::layout::Layout;
use super::{coarse_slot, par, At, Level};

/// "No node here" in the voxel → node map.
pub const NONE: u32 = u32::MAX;

/// Conduction on a subset of a voxel grid; see the module doc.
#[derive(Debug, Clone)]
pub struct GridLaplacian {
    dims: [usize; 3],
    index: Vec<u32>,
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
    fn w(&self, i: usize, j: usize) -> f32;
    fn boundary(&self, i: usize) -> f32;
}

struct Uniform;

impl Faces for Uniform {
    #[inline(always)]
    fn w(&self, _: usize, _: usize) -> f32 {
        1.0
    }
    #[inline(always)]
    fn boundary(&self, _: usize) -> f32 {
        2.0
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
    fn boundary(&self, i: usize) -> f32 {
        2.0 * self.0[i]
    }
}

impl GridLaplacian {
    /// The nodes are the voxels where `conductivity(v) > 0` (v the linear
    /// index (x·n_y + y)·n_z + z); `capacitive(v)` gives S of a node (pass
    /// `None` for none). Conductivities are normalised by nothing: pass them
    /// in any consistent unit.
    pub fn new(
        dims: [usize; 3],
        conductivity: &(dyn Fn(usize) -> f32 + Sync),
        capacitive: Option<&(dyn Fn(usize) -> f32 + Sync)>,
        dirichlet: [bool; 2],
    ) -> GridLaplacian {
        let [nx, ny, nz] = dims;
        let plane = ny * nz;
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
        let mut index = vec![NONE; nx * plane];
        {
            let pieces: Vec<(usize, &mut [u32])> = index.chunks_mut(plane.max(1)).enumerate().collect();
            par::for_each(pieces, |(x, piece)| {
                let mut next = [layout.starts[0][x], layout.starts[1][x]];
                for y in 0..ny {
                    for z in 0..nz {
                        if conductivity((x * ny + y) * nz + z) > 0.0 {
                            let c = (x + y + z) & 1;
                            piece[y * nz + z] = next[c];
                            next[c] += 1;
                        }
                    }
                }
            });
        }
        let n = layout.len();
        // Node → voxel, to read the per-node values.
        let mut voxel_of = vec![0u32; n];
        for (v, &i) in index.iter().enumerate() {
            if i != NONE {
                voxel_of[i as usize] = v as u32;
            }
        }
        let sigma: Vec<f32> = voxel_of.iter().map(|&v| conductivity(v as usize)).collect();
        let uniform = sigma.iter().all(|&s| s == 1.0);
        let capacitive = capacitive.map(|s| voxel_of.iter().map(|&v| s(v as usize)).collect());
        GridLaplacian {
            dims,
            index,
            layout,
            sigma: (!uniform).then_some(sigma),
            dirichlet,
            capacitive,
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

    /// The node of voxel `v`, if it conducts.
    pub fn node(&self, v: usize) -> Option<usize> {
        let i = self.index[v];
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
            (0..2)
                .flat_map(|c| self.layout.range(c, k))
                .map(f)
                .sum()
        };
        let nx = self.dims[0];
        let inflow = if self.dirichlet[0] && nx > 0 {
            plane_sum(0, &|i| f64::from(self.boundary_conductance(i)) * (v_in - phi[i]))
        } else {
            0.0
        };
        let outflow = if self.dirichlet[1] && nx > 0 {
            plane_sum(nx - 1, &|i| f64::from(self.boundary_conductance(i)) * phi[i])
        } else {
            0.0
        };
        (inflow, outflow)
    }

    /// ‖b − A·φ‖₂ in f64, with A = G + shift·S and b = [`Self::rhs`]`(v_in)`,
    /// writing the residual into `r` (f32).
    pub fn true_residual(&self, shift: f64, v_in: f64, phi: &[f64], r: &mut [f32]) -> f64 {
        let pieces = self.layout.split_all(r);
        let planes = self.layout.planes();
        let items: Vec<(usize, &mut [f32])> = pieces.into_iter().enumerate().collect();
        par::map_items(items, |(p, piece)| {
            let (c, k) = (p / planes, p % planes);
            let start = self.layout.starts[c][k] as usize;
            let mut s = 0.0f64;
            self.scan(c, k, |i, x, y, z, v| {
                let mut acc = 0.0f64;
                let d = self.row_dyn(i, x, y, z, v, &mut |j, w| acc += f64::from(w) * phi[j]);
                let d = f64::from(d) + shift * f64::from(self.s(i));
                let b = if k == 0 && self.dirichlet[0] {
                    f64::from(self.boundary_conductance(i)) * v_in
                } else {
                    0.0
                };
                let res = b - (d * phi[i] - acc);
                piece[i - start] = res as f32;
                s += res * res;
            });
            s
        })
        .into_iter()
        .sum::<f64>()
        .sqrt()
    }

    #[inline(always)]
    fn s(&self, i: usize) -> f32 {
        self.capacitive.as_ref().map_or(0.0, |s| s[i])
    }

    /// Calls `f(i, x, y, z, v)` for the nodes of colour `c` in plane `x`,
    /// in node order.
    #[inline(always)]
    fn scan(&self, c: usize, x: usize, mut f: impl FnMut(usize, usize, usize, usize, usize)) {
        let [_, ny, nz] = self.dims;
        for y in 0..ny {
            let base = (x * ny + y) * nz;
            let mut z = (c + x + y) & 1;
            while z < nz {
                let v = base + z;
                let i = self.index[v];
                if i != NONE {
                    f(i as usize, x, y, z, v);
                }
                z += 2;
            }
        }
    }

    /// Calls `visit(j, w_ij)` for the neighbours of node `i` at voxel
    /// (x, y, z) = v and returns G_ii (including the Dirichlet terms).
    #[inline(always)]
    fn row<F: Faces>(
        &self,
        f: &F,
        i: usize,
        x: usize,
        y: usize,
        z: usize,
        v: usize,
        mut visit: impl FnMut(usize, f32),
    ) -> f32 {
        let [nx, ny, nz] = self.dims;
        let (sy, sx) = (nz, ny * nz);
        let index = &self.index;
        let mut d = 0.0f32;
        let mut take = |u: usize| {
            let j = index[u];
            if j != NONE {
                let w = f.w(i, j as usize);
                d += w;
                visit(j as usize, w);
            }
        };
        if z > 0 {
            take(v - 1);
        }
        if z + 1 < nz {
            take(v + 1);
        }
        if y > 0 {
            take(v - sy);
        }
        if y + 1 < ny {
            take(v + sy);
        }
        if x > 0 {
            take(v - sx);
        }
        if x + 1 < nx {
            take(v + sx);
        }
        if x == 0 && self.dirichlet[0] {
            d += f.boundary(i);
        }
        if x + 1 == nx && self.dirichlet[1] {
            d += f.boundary(i);
        }
        d
    }

    /// [`Self::row`] with the face rule chosen at run time (setup, checks).
    fn row_dyn(
        &self,
        i: usize,
        x: usize,
        y: usize,
        z: usize,
        v: usize,
        visit: &mut dyn FnMut(usize, f32),
    ) -> f32 {
        match &self.sigma {
            None => self.row(&Uniform, i, x, y, z, v, visit),
            Some(s) => self.row(&PerNode(s), i, x, y, z, v, visit),
        }
    }

    fn apply_with<F: Faces>(&self, f: &F, shift: f32, x: &[f32], out: &mut [f32]) {
        let planes = self.layout.planes();
        let items: Vec<(usize, &mut [f32])> =
            self.layout.split_all(out).into_iter().enumerate().collect();
        par::for_each(items, |(p, piece)| {
            let (c, k) = (p / planes, p % planes);
            let start = self.layout.starts[c][k] as usize;
            self.scan(c, k, |i, px, y, z, v| {
                let mut acc = 0.0f32;
                let d = self.row(f, i, px, y, z, v, |j, w| acc += w * x[j]);
                piece[i - start] = (d + shift * self.s(i)) * x[i] - acc;
            });
        });
    }

    fn sweep_with<F: Faces>(&self, f: &F, shift: f32, c: usize, b: &[f32], x: &mut [f32]) {
        let other_start = self.layout.colour(1 - c).start;
        let (mine, other) = self.layout.split_for_sweep(x, c);
        let items: Vec<(usize, &mut [f32])> = mine.into_iter().enumerate().collect();
        par::for_each(items, |(k, piece)| {
            let start = self.layout.starts[c][k] as usize;
            self.scan(c, k, |i, px, y, z, v| {
                let mut acc = 0.0f32;
                let d = self.row(f, i, px, y, z, v, |j, w| acc += w * other[j - other_start]);
                piece[i - start] = (b[i] + acc) / (d + shift * self.s(i));
            });
        });
    }

    fn restrict_with<F: Faces>(
        &self,
        f: &F,
        shift: f32,
        b: &[f32],
        x: &[f32],
        agg: &[u32],
        coarse: &Layout,
        rc: &mut [f32],
    ) {
        rc.fill(0.0);
        let nx = self.dims[0];
        let items: Vec<(usize, [&mut [f32]; 2])> =
            coarse.split_planes_both(rc).into_iter().enumerate().collect();
        par::for_each(items, |(kc, mut pieces)| {
            for px in [2 * kc, 2 * kc + 1] {
                if px >= nx {
                    continue;
                }
                for c in 0..2 {
                    self.scan(c, px, |i, px, y, z, v| {
                        let mut acc = 0.0f32;
                        let d = self.row(f, i, px, y, z, v, |j, w| acc += w * x[j]);
                        let r = b[i] - ((d + shift * self.s(i)) * x[i] - acc);
                        let (cc, off) = coarse_slot(coarse, kc, agg[i]);
                        pieces[cc][off] += r;
                    });
                }
            }
        });
    }
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

    fn restrict_residual(
        &self,
        shift: f32,
        b: &[f32],
        x: &[f32],
        agg: &[u32],
        coarse: &Layout,
        rc: &mut [f32],
    ) {
        match &self.sigma {
            None => self.restrict_with(&Uniform, shift, b, x, agg, coarse, rc),
            Some(s) => self.restrict_with(&PerNode(s), shift, b, x, agg, coarse, rc),
        }
    }

    fn plane_nodes(&self, plane: usize, out: &mut Vec<At>) {
        for c in 0..2 {
            self.scan(c, plane, |i, x, y, z, _| {
                out.push(At {
                    node: i as u32,
                    plane: x as u32,
                    y: y as u32,
                    z: z as u32,
                })
            });
        }
    }

    fn links(&self, at: At, f: &mut dyn FnMut(u32, f32)) {
        let [_, ny, nz] = self.dims;
        let (x, y, z) = (at.plane as usize, at.y as usize, at.z as usize);
        let v = (x * ny + y) * nz + z;
        self.row_dyn(at.node as usize, x, y, z, v, &mut |j, w| f(j as u32, w));
    }

    fn diagonal(&self, at: At) -> (f32, f32) {
        let [_, ny, nz] = self.dims;
        let (x, y, z) = (at.plane as usize, at.y as usize, at.z as usize);
        let v = (x * ny + y) * nz + z;
        let i = at.node as usize;
        (self.row_dyn(i, x, y, z, v, &mut |_, _| {}), self.s(i))
    }
}
