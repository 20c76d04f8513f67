//! Aggregation multigrid for the voxel-grid operators of [`super::grid`]:
//! the preconditioner of the conjugate gradients in [`super::cg`].
//!
//! Coarsening: the nodes of each 2×2×2 block of cells are split into the
//! pieces that are connected inside the block; each piece becomes one coarse
//! node (piecewise-constant prolongation P). The coarse operator is the
//! Galerkin product Pᵀ·A·P — again a graph Laplacian with Dirichlet terms,
//! whose links join only face-adjacent blocks, so the red–black colouring
//! and the plane layout carry over to every level. Coarsening stops at
//! [`COARSEST_NODES`] or when it no longer shrinks the level; the coarsest
//! level is solved by a dense Cholesky factorisation.
//!
//! Cycle: one red–black Gauss–Seidel pass before and one (reversed) after
//! the coarse correction, and on every coarse level but the last the
//! K-cycle of Notay and Vassilevski (Numer. Linear Algebra Appl. 15 (2008)
//! 473): the coarse system is solved by two steps of flexible CG
//! preconditioned by the next level's cycle, the second skipped when the
//! first already reduced the residual 4-fold. Unsmoothed aggregation needs
//! this Krylov acceleration to keep the iteration count independent of the
//! grid size. The K-cycle is not a fixed linear operator; [`Cycle::V`]
//! gives one (for COCG) at the cost of more iterations.

use super::csr::CsrLevel;
use super::dense::Cholesky;
use super::grid::GridLaplacian;
use super::layout::Layout;
use super::{dot, norm, par, At, Level};

/// Coarsening stops once a level has at most this many nodes.
pub const COARSEST_NODES: usize = 400;

/// Largest coarsest level solved by a dense factorisation; a larger one
/// (when coarsening stalls) is smoothed instead.
const DENSE_MAX: usize = 1500;

/// The kind of cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cycle {
    /// Notay's K-cycle (a nonlinear preconditioner: use flexible CG).
    K,
    /// The plain V-cycle (a fixed symmetric preconditioner).
    V,
}

/// Vectors of one coarse level.
#[derive(Debug, Clone, Default)]
struct Work {
    b: Vec<f32>,
    e: Vec<f32>,
    v1: Vec<f32>,
    w1: Vec<f32>,
    r2: Vec<f32>,
    v2: Vec<f32>,
    w2: Vec<f32>,
}

/// The hierarchy of levels over a fine [`GridLaplacian`].
#[derive(Debug, Clone)]
pub struct Multigrid {
    fine: GridLaplacian,
    coarse: Vec<CsrLevel>,
    /// `agg[l][i]`: the node of level l + 1 that node i of level l belongs to.
    agg: Vec<Vec<u32>>,
    shift: f32,
    cycle: Cycle,
    coarsest: Option<Cholesky>,
    work: Vec<Work>,
}

impl Multigrid {
    /// Builds the hierarchy (the setup: aggregation and Galerkin products).
    pub fn new(fine: GridLaplacian, cycle: Cycle) -> Multigrid {
        let mut coarse: Vec<CsrLevel> = Vec::new();
        let mut agg = Vec::new();
        loop {
            let current: &dyn Level = coarse.last().map_or(&fine as &dyn Level, |c| c);
            let n = current.layout().len();
            if n <= COARSEST_NODES {
                break;
            }
            let (a, next) = coarsen(current);
            if next.len() * 10 > n * 9 {
                break;
            }
            agg.push(a);
            coarse.push(next);
        }
        let mut work = vec![Work::default()];
        let last = coarse.len();
        for (l, level) in coarse.iter().enumerate() {
            let n = level.len();
            let k_vectors = if l + 1 < last { n } else { 0 };
            work.push(Work {
                b: vec![0.0; n],
                e: vec![0.0; n],
                v1: vec![0.0; k_vectors],
                w1: vec![0.0; k_vectors],
                r2: vec![0.0; k_vectors],
                v2: vec![0.0; k_vectors],
                w2: vec![0.0; k_vectors],
            });
        }
        let mut mg = Multigrid {
            fine,
            coarse,
            agg,
            shift: 0.0,
            cycle,
            coarsest: None,
            work,
        };
        mg.factor_coarsest();
        mg
    }

    /// The finest level.
    pub fn fine(&self) -> &GridLaplacian {
        &self.fine
    }

    /// Nodes of every level, finest first.
    pub fn level_sizes(&self) -> Vec<usize> {
        std::iter::once(self.fine.len())
            .chain(self.coarse.iter().map(CsrLevel::len))
            .collect()
    }

    /// The current diagonal shift (A = G + shift·S).
    pub fn shift(&self) -> f32 {
        self.shift
    }

    /// Sets the shift of every level (A = G + shift·S) and refactors the
    /// coarsest level.
    pub fn set_shift(&mut self, shift: f32) {
        self.shift = shift;
        self.factor_coarsest();
    }

    fn factor_coarsest(&mut self) {
        let last = self.level(self.coarse.len());
        let n = last.layout().len();
        self.coarsest = if n <= DENSE_MAX {
            Cholesky::new(n, dense_matrix(last, f64::from(self.shift)))
        } else {
            None
        };
    }

    fn level(&self, l: usize) -> &dyn Level {
        if l == 0 {
            &self.fine
        } else {
            &self.coarse[l - 1]
        }
    }

    /// z = B·r: one cycle from z = 0.
    pub fn precondition(&mut self, r: &[f32], z: &mut [f32]) {
        self.cycle(0, r, z);
    }

    /// y = A·x on the finest level.
    pub fn apply(&self, x: &[f32], y: &mut [f32]) {
        self.fine.apply(self.shift, x, y);
    }

    fn cycle(&mut self, l: usize, b: &[f32], x: &mut [f32]) {
        let last = self.coarse.len();
        let shift = self.shift;
        if l == last {
            self.solve_coarsest(b, x);
            return;
        }
        x.fill(0.0);
        self.level(l).sweep(shift, 0, b, x);
        self.level(l).sweep(shift, 1, b, x);
        let mut w = std::mem::take(&mut self.work[l + 1]);
        self.level(l).restrict_residual(
            shift,
            b,
            x,
            &self.agg[l],
            self.level(l + 1).layout(),
            &mut w.b,
        );
        if l + 1 == last || self.cycle == Cycle::V {
            let (rhs, mut e) = (std::mem::take(&mut w.b), std::mem::take(&mut w.e));
            self.cycle(l + 1, &rhs, &mut e);
            (w.b, w.e) = (rhs, e);
        } else {
            self.k_cycle(l + 1, &mut w);
        }
        prolong(x, &self.agg[l], &w.e);
        self.work[l + 1] = w;
        self.level(l).sweep(shift, 1, b, x);
        self.level(l).sweep(shift, 0, b, x);
    }

    /// Two steps of flexible CG on A_m·e = w.b, preconditioned by the cycle
    /// of level m (the K-cycle); the result goes to `w.e`.
    fn k_cycle(&mut self, m: usize, w: &mut Work) {
        let shift = self.shift;
        self.cycle(m, &w.b, &mut w.v1);
        self.level(m).apply(shift, &w.v1, &mut w.w1);
        let rho1 = dot(&w.v1, &w.w1);
        let alpha1 = dot(&w.v1, &w.b);
        if !(rho1 > 0.0) {
            w.e.fill(0.0);
            return;
        }
        let a1 = alpha1 / rho1;
        for ((r2, &b), &w1) in w.r2.iter_mut().zip(&w.b).zip(&w.w1) {
            *r2 = (f64::from(b) - a1 * f64::from(w1)) as f32;
        }
        if norm(&w.r2) <= 0.25 * norm(&w.b) {
            for (e, &v1) in w.e.iter_mut().zip(&w.v1) {
                *e = (a1 * f64::from(v1)) as f32;
            }
            return;
        }
        self.cycle(m, &w.r2, &mut w.v2);
        self.level(m).apply(shift, &w.v2, &mut w.w2);
        let gamma = dot(&w.v2, &w.w1);
        let beta = dot(&w.v2, &w.w2);
        let alpha2 = dot(&w.v2, &w.r2);
        let rho2 = beta - gamma * gamma / rho1;
        let (c1, c2) = if rho2 > 0.0 {
            (a1 - gamma * alpha2 / (rho1 * rho2), alpha2 / rho2)
        } else {
            (a1, 0.0)
        };
        for ((e, &v1), &v2) in w.e.iter_mut().zip(&w.v1).zip(&w.v2) {
            *e = (c1 * f64::from(v1) + c2 * f64::from(v2)) as f32;
        }
    }

    fn solve_coarsest(&self, b: &[f32], x: &mut [f32]) {
        if let Some(chol) = &self.coarsest {
            let mut v: Vec<f64> = b.iter().map(|&v| f64::from(v)).collect();
            chol.solve(&mut v);
            for (xi, vi) in x.iter_mut().zip(v) {
                *xi = vi as f32;
            }
        } else {
            let level = self.level(self.coarse.len());
            x.fill(0.0);
            for _ in 0..10 {
                level.sweep(self.shift, 0, b, x);
                level.sweep(self.shift, 1, b, x);
                level.sweep(self.shift, 1, b, x);
                level.sweep(self.shift, 0, b, x);
            }
        }
    }
}

/// x_i += e[agg_i].
fn prolong(x: &mut [f32], agg: &[u32], e: &[f32]) {
    par::chunks_sum(x, |start, xs| {
        for (xi, &a) in xs.iter_mut().zip(&agg[start..]) {
            *xi += e[a as usize];
        }
        0.0
    });
}

/// The dense matrix G + shift·S of a (small) level, row-major.
fn dense_matrix(level: &dyn Level, shift: f64) -> Vec<f64> {
    let n = level.layout().len();
    let mut a = vec![0.0; n * n];
    let mut nodes = Vec::new();
    for k in 0..level.layout().planes() {
        level.plane_nodes(k, &mut nodes);
    }
    for at in nodes {
        let i = at.node as usize;
        let (g, s) = level.diagonal(at);
        a[i * n + i] += f64::from(g) + shift * f64::from(s);
        level.links(at, &mut |j, w| a[i * n + j as usize] -= f64::from(w));
    }
    a
}

/// Rows of one coarse plane and colour, in node order.
#[derive(Debug, Default)]
struct Rows {
    len: Vec<u32>,
    col: Vec<u32>,
    w: Vec<f32>,
    g: Vec<f32>,
    s: Vec<f32>,
    cell: Vec<u32>,
}

/// The pieces of a fine vector that belong to coarse plane K: (first node,
/// piece) for fine planes 2K and 2K + 1 in both colours.
fn pieces_per_coarse_plane<'a>(
    layout: &Layout,
    v: &'a mut [u32],
    coarse_planes: usize,
) -> Vec<Vec<(usize, &'a mut [u32])>> {
    let planes = layout.planes();
    let mut all: Vec<Option<&mut [u32]>> = layout.split_all(v).into_iter().map(Some).collect();
    (0..coarse_planes)
        .map(|kc| {
            let mut out = Vec::with_capacity(4);
            for c in 0..2 {
                for k in [2 * kc, 2 * kc + 1] {
                    if k < planes {
                        if let Some(piece) = all[c * planes + k].take() {
                            out.push((layout.starts[c][k] as usize, piece));
                        }
                    }
                }
            }
            out
        })
        .collect()
}

/// Writes `value` at node `i` of the fine pieces of one coarse plane.
fn put(pieces: &mut [(usize, &mut [u32])], i: usize, value: u32) {
    for (start, piece) in pieces.iter_mut() {
        if i >= *start && i < *start + piece.len() {
            piece[i - *start] = value;
            return;
        }
    }
    unreachable!("node {i} is not in the pieces of its coarse plane");
}

/// The fine nodes of coarse plane `kc`, with their parent-cell key.
fn nodes_of_coarse_plane(fine: &dyn Level, kc: usize, nz_coarse: usize) -> Vec<(u32, At)> {
    let planes = fine.dims()[0];
    let mut nodes = Vec::new();
    for k in [2 * kc, 2 * kc + 1] {
        if k < planes {
            fine.plane_nodes(k, &mut nodes);
        }
    }
    nodes
        .into_iter()
        .map(|at| ((at.y / 2) * nz_coarse as u32 + at.z / 2, at))
        .collect()
}

/// Finds the root of `i` in a small union–find forest.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// One coarsening step: the aggregates of `fine` (connected pieces of each
/// 2×2×2 block) and the Galerkin coarse level.
pub(crate) fn coarsen(fine: &dyn Level) -> (Vec<u32>, CsrLevel) {
    let dims = fine.dims();
    let cd = [
        dims[0].div_ceil(2),
        dims[1].div_ceil(2),
        dims[2].div_ceil(2),
    ];
    let layout = fine.layout();
    let mut agg = vec![0u32; layout.len()];
    // 1. Aggregates, numbered per coarse plane and colour (colour in bit 31).
    let counts: Vec<[u32; 2]> = {
        let bundles = pieces_per_coarse_plane(layout, &mut agg, cd[0]);
        let items: Vec<(usize, Vec<(usize, &mut [u32])>)> = bundles.into_iter().enumerate().collect();
        par::map_items(items, |(kc, mut pieces)| {
            let mut nodes = nodes_of_coarse_plane(fine, kc, cd[2]);
            nodes.sort_unstable_by_key(|&(key, at)| (key, at.node));
            let mut next = [0u32; 2];
            let mut parent: Vec<usize> = Vec::new();
            let mut number: Vec<u32> = Vec::new();
            let mut start = 0;
            while start < nodes.len() {
                let key = nodes[start].0;
                let mut end = start;
                while end < nodes.len() && nodes[end].0 == key {
                    end += 1;
                }
                let group = &nodes[start..end];
                parent.clear();
                parent.extend(0..group.len());
                for (a, &(_, at)) in group.iter().enumerate() {
                    fine.links(at, &mut |j, _| {
                        if let Ok(b) = group.binary_search_by_key(&j, |&(_, g)| g.node) {
                            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                            if ra != rb {
                                parent[ra.max(rb)] = ra.min(rb);
                            }
                        }
                    });
                }
                let (py, pz) = (key / cd[2] as u32, key % cd[2] as u32);
                let colour = (kc + py as usize + pz as usize) & 1;
                number.clear();
                number.resize(group.len(), u32::MAX);
                for (a, &(_, at)) in group.iter().enumerate() {
                    let r = root(&mut parent, a);
                    if number[r] == u32::MAX {
                        number[r] = next[colour];
                        next[colour] += 1;
                    }
                    put(&mut pieces, at.node as usize, number[r] | ((colour as u32) << 31));
                }
                start = end;
            }
            next
        })
    };
    let c0: Vec<u32> = counts.iter().map(|c| c[0]).collect();
    let c1: Vec<u32> = counts.iter().map(|c| c[1]).collect();
    let coarse_layout = Layout::from_counts([&c0, &c1]);
    // 2. Global coarse numbers.
    {
        let bundles = pieces_per_coarse_plane(layout, &mut agg, cd[0]);
        let items: Vec<(usize, Vec<(usize, &mut [u32])>)> = bundles.into_iter().enumerate().collect();
        par::for_each(items, |(kc, pieces)| {
            for (_, piece) in pieces {
                for a in piece.iter_mut() {
                    let colour = (*a >> 31) as usize;
                    *a = coarse_layout.starts[colour][kc] + (*a & 0x7fff_ffff);
                }
            }
        });
    }
    // 3. Galerkin rows, per coarse plane.
    let rows: Vec<[Rows; 2]> = par::map(cd[0], |kc| {
        let mut nodes = nodes_of_coarse_plane(fine, kc, cd[2]);
        nodes.sort_unstable_by_key(|&(_, at)| (agg[at.node as usize], at.node));
        let mut out = [Rows::default(), Rows::default()];
        let mut entries: Vec<(u32, f32)> = Vec::new();
        let boundary = coarse_layout.colour(0).end as u32;
        let mut start = 0;
        while start < nodes.len() {
            let me = agg[nodes[start].1.node as usize];
            let mut end = start;
            while end < nodes.len() && agg[nodes[end].1.node as usize] == me {
                end += 1;
            }
            let (mut g, mut s) = (0.0f32, 0.0f32);
            entries.clear();
            for &(_, at) in &nodes[start..end] {
                let (gi, si) = fine.diagonal(at);
                g += gi;
                s += si;
                fine.links(at, &mut |j, w| {
                    let other = agg[j as usize];
                    if other == me {
                        g -= w;
                    } else {
                        entries.push((other, w));
                    }
                });
            }
            entries.sort_unstable_by_key(|&(c, _)| c);
            let rows = &mut out[usize::from(me >= boundary)];
            let before = rows.col.len();
            for &(c, w) in &entries {
                if rows.col.len() > before && *rows.col.last().expect("nonempty") == c {
                    *rows.w.last_mut().expect("nonempty") += w;
                } else {
                    rows.col.push(c);
                    rows.w.push(w);
                }
            }
            rows.len.push((rows.col.len() - before) as u32);
            rows.g.push(g);
            rows.s.push(s);
            rows.cell.push(nodes[start].0);
            start = end;
        }
        out
    });
    let mut level = CsrLevel {
        dims: cd,
        layout: coarse_layout,
        row_start: vec![0],
        ..CsrLevel::default()
    };
    for c in 0..2 {
        for plane in &rows {
            let r = &plane[c];
            let mut at = *level.row_start.last().expect("starts with 0");
            for &len in &r.len {
                at += len;
                level.row_start.push(at);
            }
            level.col.extend_from_slice(&r.col);
            level.w.extend_from_slice(&r.w);
            level.g.extend_from_slice(&r.g);
            level.s.extend_from_slice(&r.s);
            level.cell.extend_from_slice(&r.cell);
        }
    }
    (agg, level)
}

#[cfg(test)]
mod tests {
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
        let (agg, coarse) = coarsen(&fine);
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
            assert!((g - w).abs() <= 1e-5 * (1.0 + w.abs()), "entry {k}: {g} vs {w}");
        }
        // Every aggregate lies in one 2×2×2 block and is connected there.
        assert!(nc < n);
    }

    #[test]
    fn aggregates_are_connected_pieces_of_blocks() {
        // Two voxels in one block that touch only at an edge are two
        // aggregates; two that share a face are one.
        let dims = [2, 2, 2];
        let mut sigma = vec![0.0f32; 8];
        sigma[0] = 1.0; // (0,0,0)
        sigma[3] = 1.0; // (0,1,1): edge contact only
        let (_, coarse) = coarsen(&grid(dims, &sigma));
        assert_eq!(coarse.len(), 2);
        sigma[1] = 1.0; // (0,0,1) joins both
        let (_, coarse) = coarsen(&grid(dims, &sigma));
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
        assert!(reduction < 1e-3, "residual reduced only {reduction:e} in 8 cycles");
    }
}
