//! The order of unknowns shared by every multigrid level: all nodes of
//! colour 0 (cells with x + y + z even), then all of colour 1; within a
//! colour, plane by plane along the first axis, and within a plane in the
//! order of the cells. Links only join cells that share a face, hence
//! nodes of different colours, so a Gauss–Seidel pass over one colour reads
//! only the other colour and can update whole planes in parallel.

use std::ops::Range;

/// Where the nodes of each colour and plane start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// `starts[c][k]` is the first node of colour `c` in plane `k`;
    /// `starts[c][planes]` is one past the last node of colour `c`.
    pub starts: [Vec<u32>; 2],
}

impl Layout {
    /// From the node count of every (colour, plane): `counts[c][k]`.
    pub fn from_counts(counts: [&[u32]; 2]) -> Layout {
        let planes = counts[0].len();
        debug_assert_eq!(planes, counts[1].len());
        let mut starts = [
            Vec::with_capacity(planes + 1),
            Vec::with_capacity(planes + 1),
        ];
        let mut at = 0u32;
        for c in 0..2 {
            for &n in counts[c] {
                starts[c].push(at);
                at += n;
            }
            starts[c].push(at);
        }
        Layout { starts }
    }

    /// Number of planes.
    pub fn planes(&self) -> usize {
        self.starts[0].len().saturating_sub(1)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.starts[1].last().copied().unwrap_or(0) as usize
    }

    /// True when there is no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Nodes of colour `c` in plane `k`.
    pub fn range(&self, c: usize, k: usize) -> Range<usize> {
        self.starts[c][k] as usize..self.starts[c][k + 1] as usize
    }

    /// All nodes of colour `c`.
    pub fn colour(&self, c: usize) -> Range<usize> {
        let s = &self.starts[c];
        s[0] as usize..s[s.len() - 1] as usize
    }

    /// Nodes of colour `c` per plane as mutable pieces of `v` (indexed by
    /// node − `self.colour(c).start`), and the other colour's part of `v`.
    pub fn split_for_sweep<'a, T>(&self, v: &'a mut [T], c: usize) -> (Vec<&'a mut [T]>, &'a [T]) {
        let boundary = self.colour(0).end;
        let (first, second) = v.split_at_mut(boundary);
        let (mine, other): (&mut [T], &[T]) = if c == 0 {
            (first, second)
        } else {
            (second, first)
        };
        let lengths: Vec<usize> = (0..self.planes()).map(|k| self.range(c, k).len()).collect();
        (super::par::split_lengths(mine, &lengths), other)
    }

    /// `v` cut into one piece per (colour, plane), colour 0's planes first.
    pub fn split_all<'a, T>(&self, v: &'a mut [T]) -> Vec<&'a mut [T]> {
        let lengths: Vec<usize> = (0..2)
            .flat_map(|c| (0..self.planes()).map(move |k| (c, k)))
            .map(|(c, k)| self.range(c, k).len())
            .collect();
        super::par::split_lengths(v, &lengths)
    }

    /// `f(plane, nodes, piece)` for every (colour, plane) piece of `v` (the
    /// piece holds those nodes), in parallel natively; the results in order.
    pub fn map_pieces<T: Send, R: Send>(
        &self,
        v: &mut [T],
        f: impl Fn(usize, Range<usize>, &mut [T]) -> R + Sync + Send,
    ) -> Vec<R> {
        let planes = self.planes();
        let items: Vec<(usize, &mut [T])> = self.split_all(v).into_iter().enumerate().collect();
        super::par::map_items(items, |(p, piece)| {
            f(p % planes, self.range(p / planes, p % planes), piece)
        })
    }

    /// Pieces of `v` for coarse plane `k`: (colour 0 part, colour 1 part),
    /// for every plane; used to add fine contributions plane by plane.
    pub fn split_planes_both<'a, T>(&self, v: &'a mut [T]) -> Vec<[&'a mut [T]; 2]> {
        let mut pieces = self.split_all(v).into_iter();
        let planes = self.planes();
        let first: Vec<&mut [T]> = pieces.by_ref().take(planes).collect();
        first.into_iter().zip(pieces).map(|(a, b)| [a, b]).collect()
    }
}

#[cfg(test)]
mod tests;
