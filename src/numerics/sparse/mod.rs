//! Sparse linear solvers for conduction on voxel grids: the flexible
//! preconditioned conjugate gradients ([`cg`]) and an aggregation multigrid
//! preconditioner ([`multigrid`]) for symmetric graph Laplacians with
//! Dirichlet terms — the matrices of finite-volume conduction on a subset of
//! a 3D grid (6 neighbours, face conductances > 0), optionally plus a
//! diagonal `shift·S` (the capacitive term of an impedance solve).
//!
//! The finest level is matrix-free ([`grid::GridLaplacian`]: a voxel → node
//! map and per-node conductivities, f32); coarser levels are compressed
//! rows ([`csr::CsrLevel`]). Aggregates are the connected pieces of each
//! 2×2×2 block of cells, so the coarse graphs stay nearly 7-point and the
//! coarse operators are exact Galerkin products. Pure: no I/O, no clock;
//! threads through [`par`] (rayon natively, one thread in wasm32).

pub mod cg;
pub mod csr;
pub mod dense;
pub mod grid;
pub mod layout;
pub mod multigrid;
pub mod par;

pub use layout::Layout;

/// A node of a level and the cell it sits in (`plane` along the first
/// axis, then `y`, `z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub node: u32,
    pub plane: u32,
    pub y: u32,
    pub z: u32,
}

/// One level of the multigrid hierarchy: the operator A = G + shift·S,
/// with G a graph Laplacian plus Dirichlet terms on the diagonal
/// (off-diagonal entries −w, w > 0) and S ≥ 0 diagonal, on nodes ordered
/// by [`Layout`].
pub trait Level: Sync {
    /// The order of the nodes.
    fn layout(&self) -> &Layout;
    /// The grid of cells (planes, rows, columns) the nodes sit in.
    fn dims(&self) -> [usize; 3];
    /// y = A x.
    fn apply(&self, shift: f32, x: &[f32], y: &mut [f32]);
    /// One Gauss–Seidel pass over the nodes of colour `c`:
    /// x_i = (b_i + Σ_j w_ij x_j) / A_ii.
    fn sweep(&self, shift: f32, c: usize, b: &[f32], x: &mut [f32]);
    /// rc = Σ over each aggregate of `to` of the residual b − A x; rc is
    /// overwritten. On a geometric level the nodes of colour 1 are left
    /// out: the cycle calls this right after a Gauss–Seidel pass over
    /// colour 1, which leaves their residual zero.
    fn restrict_residual(&self, shift: f32, b: &[f32], x: &[f32], to: &Transfer, rc: &mut [f32]);
    /// Appends the nodes of `plane` (any order).
    fn plane_nodes(&self, plane: usize, out: &mut Vec<At>);
    /// Calls `f(j, w_ij)` for every neighbour j of node `at`.
    fn links(&self, at: At, f: &mut dyn FnMut(u32, f32));
    /// (G_ii, S_ii) of node `at`.
    fn diagonal(&self, at: At) -> (f32, f32);
}

/// How the nodes of one level map to the next: node i belongs to coarse
/// node `agg[i]`. With `offset: Some(o)` the next level is geometric, laid
/// out by `coarse`, its cell K covering cells 2K − o and 2K + 1 − o of this
/// level; with `None` it is algebraic.
#[derive(Debug, Clone, Copy)]
pub struct Transfer<'a> {
    pub agg: &'a [u32],
    pub coarse: &'a Layout,
    pub offset: Option<usize>,
}

/// Σ a_i·b_i in f64, in a fixed order.
pub fn dot(a: &[f32], b: &[f32]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    par::sum(a.len(), |r| {
        a[r.clone()]
            .iter()
            .zip(&b[r])
            .map(|(&x, &y)| f64::from(x) * f64::from(y))
            .sum()
    })
}

/// √(Σ a_i²) in f64.
pub fn norm(a: &[f32]) -> f64 {
    dot(a, a).sqrt()
}

/// Maps the node `i` of a fine level that belongs to coarse node `c` to
/// its place in the coarse pieces of one plane (see
/// [`Layout::split_planes_both`]): (colour, offset).
#[inline]
pub(crate) fn coarse_slot(coarse: &Layout, plane: usize, c: u32) -> (usize, usize) {
    let boundary = coarse.starts[0][coarse.planes()];
    if c < boundary {
        (0, (c - coarse.starts[0][plane]) as usize)
    } else {
        (1, (c - coarse.starts[1][plane]) as usize)
    }
}
