//! A coarse multigrid level stored as compressed rows: off-diagonal
//! conductances w_ij > 0 (the matrix entry is −w_ij), the diagonal of G
//! and of S. A geometric level keeps the cell of every node and the
//! red–black plane layout; an algebraic one (aggregated by the graph alone,
//! once blocks stop shrinking the level) is one plane, smoothed by
//! sequential symmetric Gauss–Seidel.

use super::grid::fine_planes;
use super::layout::Layout;
use super::{coarse_slot, par, At, Level, Transfer};

/// A level A = G + shift·S in compressed rows, nodes ordered by [`Layout`].
#[derive(Debug, Clone, Default)]
pub struct CsrLevel {
    pub(crate) dims: [usize; 3],
    pub(crate) layout: Layout,
    pub(crate) row_start: Vec<u32>,
    pub(crate) col: Vec<u32>,
    pub(crate) w: Vec<f32>,
    pub(crate) g: Vec<f32>,
    pub(crate) s: Vec<f32>,
    /// y·n_z + z of each node's cell (its plane follows from the layout);
    /// empty on an algebraic level.
    pub(crate) cell: Vec<u32>,
    /// Nodes sit in cells with the red–black plane layout.
    pub(crate) geometric: bool,
}

/// Rows being assembled (one coarse plane and colour, or a block of an
/// algebraic level), in node order.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    len: Vec<u32>,
    col: Vec<u32>,
    w: Vec<f32>,
    g: Vec<f32>,
    s: Vec<f32>,
    cell: Vec<u32>,
}

impl Rows {
    /// Appends the row of one node: its links `entries` (sorted here,
    /// duplicates summed), diagonal G and S, and cell (ignored for
    /// algebraic levels).
    pub(crate) fn push(&mut self, entries: &mut [(u32, f32)], g: f32, s: f32, cell: Option<u32>) {
        entries.sort_unstable_by_key(|&(c, _)| c);
        let before = self.col.len();
        for &(c, w) in entries.iter() {
            if self.col.len() > before && self.col[self.col.len() - 1] == c {
                let last = self.w.len() - 1;
                self.w[last] += w;
            } else {
                self.col.push(c);
                self.w.push(w);
            }
        }
        self.len.push((self.col.len() - before) as u32);
        self.g.push(g);
        self.s.push(s);
        self.cell.extend(cell);
    }
}

impl CsrLevel {
    /// A level from rows given in node order.
    pub(crate) fn from_rows<'a>(
        dims: [usize; 3],
        layout: Layout,
        geometric: bool,
        rows: impl Iterator<Item = &'a Rows>,
    ) -> CsrLevel {
        let mut level = CsrLevel {
            dims,
            layout,
            row_start: vec![0],
            geometric,
            ..CsrLevel::default()
        };
        for r in rows {
            let mut at = level.row_start[level.row_start.len() - 1];
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
        level
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.g.len()
    }

    /// True when the level has no node.
    pub fn is_empty(&self) -> bool {
        self.g.is_empty()
    }

    /// Number of stored off-diagonal entries.
    pub fn off_diagonal_count(&self) -> usize {
        self.col.len()
    }

    #[inline(always)]
    fn a_ii(&self, shift: f32, i: usize) -> f32 {
        self.g[i] + shift * self.s[i]
    }

    #[inline(always)]
    fn row(&self, i: usize) -> std::ops::Range<usize> {
        self.row_start[i] as usize..self.row_start[i + 1] as usize
    }

    /// The dense matrix G + shift·S (row-major, f64), for the coarsest level.
    pub fn dense(&self, shift: f64) -> Vec<f64> {
        let n = self.len();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            a[i * n + i] = f64::from(self.g[i]) + shift * f64::from(self.s[i]);
            for e in self.row(i) {
                a[i * n + self.col[e] as usize] -= f64::from(self.w[e]);
            }
        }
        a
    }
}

impl Level for CsrLevel {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn dims(&self) -> [usize; 3] {
        self.dims
    }

    fn apply(&self, shift: f32, x: &[f32], y: &mut [f32]) {
        par::chunks_sum(y, |start, ys| {
            for (k, yi) in ys.iter_mut().enumerate() {
                let i = start + k;
                let mut acc = 0.0f32;
                for e in self.row(i) {
                    acc += self.w[e] * x[self.col[e] as usize];
                }
                *yi = self.a_ii(shift, i) * x[i] - acc;
            }
            0.0
        });
    }

    fn sweep(&self, shift: f32, c: usize, b: &[f32], x: &mut [f32]) {
        if !self.geometric {
            // Forward (c = 0) or backward (c = 1) Gauss–Seidel.
            let mut update = |i: usize| {
                let mut acc = 0.0f32;
                for e in self.row(i) {
                    acc += self.w[e] * x[self.col[e] as usize];
                }
                x[i] = (b[i] + acc) / self.a_ii(shift, i);
            };
            if c == 0 {
                (0..self.len()).for_each(&mut update);
            } else {
                (0..self.len()).rev().for_each(&mut update);
            }
            return;
        }
        let other_start = self.layout.colour(1 - c).start;
        let (mine, other) = self.layout.split_for_sweep(x, c);
        let items: Vec<(usize, &mut [f32])> = mine.into_iter().enumerate().collect();
        par::for_each(items, |(k, piece)| {
            let range = self.layout.range(c, k);
            let start = range.start;
            for i in range {
                let mut acc = 0.0f32;
                for e in self.row(i) {
                    acc += self.w[e] * other[self.col[e] as usize - other_start];
                }
                piece[i - start] = (b[i] + acc) / self.a_ii(shift, i);
            }
        });
    }

    fn restrict_residual(&self, shift: f32, b: &[f32], x: &[f32], to: &Transfer, rc: &mut [f32]) {
        rc.fill(0.0);
        let planes = self.layout.planes();
        let residual = |i: usize| {
            let mut acc = 0.0f32;
            for e in self.row(i) {
                acc += self.w[e] * x[self.col[e] as usize];
            }
            b[i] - (self.a_ii(shift, i) * x[i] - acc)
        };
        let (agg, coarse) = (to.agg, to.coarse);
        let Some(offset) = to.offset.filter(|_| self.geometric) else {
            for i in 0..self.len() {
                rc[agg[i] as usize] += residual(i);
            }
            return;
        };
        let items: Vec<(usize, [&mut [f32]; 2])> = coarse
            .split_planes_both(rc)
            .into_iter()
            .enumerate()
            .collect();
        par::for_each(items, |(kc, pieces)| {
            for k in fine_planes(kc, offset, planes) {
                for i in self.layout.range(0, k) {
                    let (cc, off) = coarse_slot(coarse, kc, agg[i]);
                    pieces[cc][off] += residual(i);
                }
            }
        });
    }

    fn plane_nodes(&self, plane: usize, out: &mut Vec<At>) {
        if !self.geometric {
            out.extend((0..self.len() as u32).map(|node| At {
                node,
                plane: 0,
                y: 0,
                z: 0,
            }));
            return;
        }
        let nz = self.dims[2] as u32;
        for c in 0..2 {
            for i in self.layout.range(c, plane) {
                let cell = self.cell[i];
                out.push(At {
                    node: i as u32,
                    plane: plane as u32,
                    y: cell / nz,
                    z: cell % nz,
                });
            }
        }
    }

    fn links(&self, at: At, f: &mut dyn FnMut(u32, f32)) {
        for e in self.row(at.node as usize) {
            f(self.col[e], self.w[e]);
        }
    }

    fn diagonal(&self, at: At) -> (f32, f32) {
        let i = at.node as usize;
        (self.g[i], self.s[i])
    }
}
