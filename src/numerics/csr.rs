//! A coarse multigrid level stored as compressed rows: off-diagonal
//! conductances w_ij > 0 (the matrix entry is −w_ij), the diagonal of G
//! and of S, and the cell of every node (for the next coarsening).

use super::layout::Layout;
use super::{coarse_slot, par, At, Level};

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
    /// y·n_z + z of each node's cell (its plane follows from the layout).
    pub(crate) cell: Vec<u32>,
}

impl CsrLevel {
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

    fn restrict_residual(
        &self,
        shift: f32,
        b: &[f32],
        x: &[f32],
        agg: &[u32],
        coarse: &Layout,
        rc: &mut [f32],
    ) {
        rc.fill(0.0);
        let planes = self.layout.planes();
        let items: Vec<(usize, [&mut [f32]; 2])> =
            coarse.split_planes_both(rc).into_iter().enumerate().collect();
        par::for_each(items, |(kc, pieces)| {
            for k in [2 * kc, 2 * kc + 1] {
                if k >= planes {
                    continue;
                }
                for c in 0..2 {
                    for i in self.layout.range(c, k) {
                        let mut acc = 0.0f32;
                        for e in self.row(i) {
                            acc += self.w[e] * x[self.col[e] as usize];
                        }
                        let r = b[i] - (self.a_ii(shift, i) * x[i] - acc);
                        let (cc, off) = coarse_slot(coarse, kc, agg[i]);
                        pieces[cc][off] += r;
                    }
                }
            }
        });
    }

    fn plane_nodes(&self, plane: usize, out: &mut Vec<At>) {
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
