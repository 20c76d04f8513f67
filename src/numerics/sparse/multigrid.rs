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

use super::csr::{CsrLevel, Rows};
use super::dense::Cholesky;
use super::grid::{fine_planes, GridLaplacian};
use super::layout::Layout;
use super::{dot, norm, par, At, Level, Transfer};

/// Coarsening stops once a level has at most this many nodes.
pub const COARSEST_NODES: usize = 400;

/// A geometric coarsening must shrink a coarse level at least this much,
/// else the level is aggregated algebraically.
const MIN_BLOCK_RATIO: usize = 2;

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
    /// Coarse cell K of level l + 1 covers cells 2K − offset[l] and
    /// 2K + 1 − offset[l] of level l (offsets alternate, so that a link
    /// across a block boundary lies inside a block one level up); `None`
    /// where level l + 1 is algebraic.
    offset: Vec<Option<usize>>,
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
        let mut offset = Vec::new();
        loop {
            let current: &dyn Level = coarse.last().map_or(&fine as &dyn Level, |c| c);
            let n = current.layout().len();
            if n <= COARSEST_NODES {
                break;
            }
            let geometric = coarse.last().is_none_or(|c| c.geometric);
            let o = coarse.len() % 2;
            let mut step = geometric.then(|| {
                let step = if coarse.is_empty() {
                    fine.coarsen_blocks(o)
                } else {
                    coarsen(current, o)
                };
                (step, Some(o))
            });
            // Blocks stop paying when a level no longer shrinks by half
            // (tenuous clusters split into many pieces per block): from
            // there on, aggregate by the graph alone.
            if let (Some(((_, next), _)), Some(_)) = (&step, coarse.last()) {
                if next.len() * MIN_BLOCK_RATIO > n {
                    step = None;
                }
            }
            let ((a, next), o) = match step {
                Some(step) => step,
                None => (
                    coarsen_algebraic(coarse.last().expect("not the finest")),
                    None,
                ),
            };
            if next.len() * 10 > n * 9 {
                break;
            }
            agg.push(a);
            offset.push(o);
            coarse.push(next);
        }
        // The cells were needed only to coarsen.
        for level in &mut coarse {
            level.cell = Vec::new();
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
            offset,
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
        let n = self.level(self.coarse.len()).layout().len();
        let shift = f64::from(self.shift);
        self.coarsest = if n > DENSE_MAX {
            None
        } else if let Some(last) = self.coarse.last() {
            Cholesky::new(n, last.dense(shift))
        } else {
            Cholesky::new(n, dense_matrix(&self.fine, shift))
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
        let to = Transfer {
            agg: &self.agg[l],
            coarse: self.level(l + 1).layout(),
            offset: self.offset[l],
        };
        self.level(l).restrict_residual(shift, b, x, &to, &mut w.b);
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
        if rho1.is_nan() || rho1 <= 0.0 {
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

/// The pieces of a fine vector that belong to coarse plane K: (first node,
/// piece) for its fine planes ([`fine_planes`]) in both colours.
pub(crate) fn pieces_per_coarse_plane<'a>(
    layout: &Layout,
    v: &'a mut [u32],
    coarse_planes: usize,
    offset: usize,
) -> Vec<Pieces<'a>> {
    let planes = layout.planes();
    let mut all: Vec<Option<&mut [u32]>> = layout.split_all(v).into_iter().map(Some).collect();
    (0..coarse_planes)
        .map(|kc| {
            let mut out = Vec::with_capacity(4);
            for c in 0..2 {
                for k in fine_planes(kc, offset, planes) {
                    if let Some(piece) = all[c * planes + k].take() {
                        out.push((layout.starts[c][k] as usize, piece));
                    }
                }
            }
            out
        })
        .collect()
}

/// The pieces of a fine vector of one coarse plane: (first node, piece).
pub(crate) type Pieces<'a> = Vec<(usize, &'a mut [u32])>;

/// Turns the local aggregate numbers of [`coarsen`] (per coarse plane and
/// colour, colour in bit 31) into coarse node numbers.
pub(crate) fn globalize(layout: &Layout, agg: &mut [u32], coarse: &Layout, offset: usize) {
    let bundles = pieces_per_coarse_plane(layout, agg, coarse.planes(), offset);
    let items: Vec<(usize, Pieces)> = bundles.into_iter().enumerate().collect();
    par::for_each(items, |(kc, pieces)| {
        for (_, piece) in pieces {
            for a in piece.iter_mut() {
                let colour = (*a >> 31) as usize;
                *a = coarse.starts[colour][kc] + (*a & 0x7fff_ffff);
            }
        }
    });
}

/// Writes `value` at node `i` of the fine pieces of one coarse plane.
pub(crate) fn put(pieces: &mut [(usize, &mut [u32])], i: usize, value: u32) {
    for (start, piece) in pieces.iter_mut() {
        if i >= *start && i < *start + piece.len() {
            piece[i - *start] = value;
            return;
        }
    }
    unreachable!("node {i} is not in the pieces of its coarse plane");
}

/// The fine nodes of coarse plane `kc`, with their parent cell's key
/// y·n_z + z on the coarse level.
fn nodes_of_coarse_plane(
    fine: &dyn Level,
    kc: usize,
    nz_coarse: usize,
    offset: usize,
) -> Vec<(u32, At)> {
    let planes = fine.dims()[0];
    let mut nodes = Vec::new();
    for k in fine_planes(kc, offset, planes) {
        fine.plane_nodes(k, &mut nodes);
    }
    let o = offset as u32;
    nodes
        .into_iter()
        .map(|at| (((at.y + o) / 2) * nz_coarse as u32 + (at.z + o) / 2, at))
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
/// 2×2×2 block, block K covering cells 2K − offset and 2K + 1 − offset) and
/// the Galerkin coarse level.
pub(crate) fn coarsen(fine: &dyn Level, offset: usize) -> (Vec<u32>, CsrLevel) {
    let dims = fine.dims();
    let cd = dims.map(|n| (n + offset).div_ceil(2));
    let layout = fine.layout();
    let mut agg = vec![0u32; layout.len()];
    // 1. Aggregates, numbered per coarse plane and colour (colour in bit 31).
    let counts: Vec<[u32; 2]> = {
        let bundles = pieces_per_coarse_plane(layout, &mut agg, cd[0], offset);
        let items: Vec<(usize, Pieces)> = bundles.into_iter().enumerate().collect();
        par::map_items(items, |(kc, mut pieces)| {
            let mut nodes = nodes_of_coarse_plane(fine, kc, cd[2], offset);
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
                    put(
                        &mut pieces,
                        at.node as usize,
                        number[r] | ((colour as u32) << 31),
                    );
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
    globalize(layout, &mut agg, &coarse_layout, offset);
    // 3. Galerkin rows, per coarse plane.
    let rows: Vec<[Rows; 2]> = par::map(cd[0], |kc| {
        let mut nodes = nodes_of_coarse_plane(fine, kc, cd[2], offset);
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
            out[usize::from(me >= boundary)].push(&mut entries, g, s, Some(nodes[start].0));
            start = end;
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

/// Pairwise aggregation (Notay, ETNA 37 (2010) 123): each node not yet
/// taken joins its most strongly linked free neighbour; a node whose
/// neighbours are all taken joins the aggregate of its strongest one.
/// Returns the aggregate of every node and the number of aggregates.
fn pairwise(level: &CsrLevel) -> (Vec<u32>, usize) {
    let n = level.len();
    let mut agg = vec![u32::MAX; n];
    let mut count = 0u32;
    for i in 0..n {
        if agg[i] != u32::MAX {
            continue;
        }
        let row = level.row_start[i] as usize..level.row_start[i + 1] as usize;
        let strongest = |free: bool| {
            row.clone()
                .filter(|&e| !free || agg[level.col[e] as usize] == u32::MAX)
                .max_by(|&a, &b| level.w[a].total_cmp(&level.w[b]))
                .map(|e| level.col[e] as usize)
        };
        if let Some(j) = strongest(true) {
            agg[i] = count;
            agg[j] = count;
            count += 1;
        } else if let Some(j) = strongest(false) {
            agg[i] = agg[j];
        } else {
            agg[i] = count;
            count += 1;
        }
    }
    (agg, count as usize)
}

/// The Galerkin product Pᵀ·A·P for the aggregates `agg` (numbered
/// 0..count), as an algebraic level.
fn galerkin(level: &CsrLevel, agg: &[u32], count: usize) -> CsrLevel {
    let mut start = vec![0u32; count + 1];
    for &a in agg {
        start[a as usize + 1] += 1;
    }
    for k in 0..count {
        start[k + 1] += start[k];
    }
    let mut members = vec![0u32; agg.len()];
    let mut next = start.clone();
    for (i, &a) in agg.iter().enumerate() {
        members[next[a as usize] as usize] = i as u32;
        next[a as usize] += 1;
    }
    const BLOCK: usize = 4096;
    let blocks: Vec<Rows> = par::map(count.div_ceil(BLOCK), |b| {
        let mut rows = Rows::default();
        let mut entries: Vec<(u32, f32)> = Vec::new();
        for me in b * BLOCK..((b + 1) * BLOCK).min(count) {
            let (mut g, mut s) = (0.0f32, 0.0f32);
            entries.clear();
            for &i in &members[start[me] as usize..start[me + 1] as usize] {
                let i = i as usize;
                g += level.g[i];
                s += level.s[i];
                for e in level.row_start[i] as usize..level.row_start[i + 1] as usize {
                    let other = agg[level.col[e] as usize];
                    if other as usize == me {
                        g -= level.w[e];
                    } else {
                        entries.push((other, level.w[e]));
                    }
                }
            }
            rows.push(&mut entries, g, s, None);
        }
        rows
    });
    CsrLevel::from_rows(
        [1, 1, 1],
        Layout::from_counts([&[count as u32], &[0]]),
        false,
        blocks.iter(),
    )
}

/// Two passes of pairwise aggregation (aggregates of about four nodes) and
/// the Galerkin coarse level.
fn coarsen_algebraic(level: &CsrLevel) -> (Vec<u32>, CsrLevel) {
    let (first, n1) = pairwise(level);
    let middle = galerkin(level, &first, n1);
    let (second, n2) = pairwise(&middle);
    let agg: Vec<u32> = first.iter().map(|&a| second[a as usize]).collect();
    let coarse = galerkin(level, &agg, n2);
    (agg, coarse)
}

#[cfg(test)]
mod tests;
