//! Data parallelism that is threads (rayon) natively and a plain loop in
//! wasm32, where the page solves in one worker. Every reduction adds its
//! partial sums in a fixed order, so results do not depend on the number of
//! threads (native and wasm give the same numbers).

/// Elements per chunk of the vector operations: large enough that a task is
/// worth scheduling, small enough to balance two or more cores.
pub const CHUNK: usize = 1 << 14;

/// Runs `f` on every item, in parallel natively.
pub fn for_each<T: Send, F: Fn(T) + Sync + Send>(items: Vec<T>, f: F) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.into_par_iter().for_each(f);
    }
    #[cfg(target_arch = "wasm32")]
    items.into_iter().for_each(f);
}

/// `f(item)` for every item, the results in the items' order (in parallel
/// natively).
pub fn map_items<T: Send, R: Send, F: Fn(T) -> R + Sync + Send>(items: Vec<T>, f: F) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.into_par_iter().map(f).collect()
    }
    #[cfg(target_arch = "wasm32")]
    items.into_iter().map(f).collect()
}

/// `f(i)` for i in 0..n, collected in order (in parallel natively).
pub fn map<R: Send, F: Fn(usize) -> R + Sync + Send>(n: usize, f: F) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(f).collect()
    }
    #[cfg(target_arch = "wasm32")]
    (0..n).map(f).collect()
}

/// Σ f(start, chunk) over consecutive chunks of `CHUNK` elements of `v`
/// (`start` is the chunk's first index), the partial sums added in order.
pub fn chunks_sum<T: Send, F: Fn(usize, &mut [T]) -> f64 + Sync + Send>(v: &mut [T], f: F) -> f64 {
    #[cfg(not(target_arch = "wasm32"))]
    let partial: Vec<f64> = {
        use rayon::prelude::*;
        v.par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(k, c)| f(k * CHUNK, c))
            .collect()
    };
    #[cfg(target_arch = "wasm32")]
    let partial: Vec<f64> = v
        .chunks_mut(CHUNK)
        .enumerate()
        .map(|(k, c)| f(k * CHUNK, c))
        .collect();
    partial.into_iter().sum()
}

/// [`chunks_sum`] over two vectors of the same length cut alike.
pub fn chunks2_sum<A: Send, B: Send, F>(a: &mut [A], b: &mut [B], f: F) -> f64
where
    F: Fn(usize, &mut [A], &mut [B]) -> f64 + Sync + Send,
{
    debug_assert_eq!(a.len(), b.len());
    #[cfg(not(target_arch = "wasm32"))]
    let partial: Vec<f64> = {
        use rayon::prelude::*;
        a.par_chunks_mut(CHUNK)
            .zip(b.par_chunks_mut(CHUNK))
            .enumerate()
            .map(|(k, (ca, cb))| f(k * CHUNK, ca, cb))
            .collect()
    };
    #[cfg(target_arch = "wasm32")]
    let partial: Vec<f64> = a
        .chunks_mut(CHUNK)
        .zip(b.chunks_mut(CHUNK))
        .enumerate()
        .map(|(k, (ca, cb))| f(k * CHUNK, ca, cb))
        .collect();
    partial.into_iter().sum()
}

/// Σ f(range) over consecutive ranges of `CHUNK` indices of 0..n, the
/// partial sums added in order.
pub fn sum<F: Fn(std::ops::Range<usize>) -> f64 + Sync + Send>(n: usize, f: F) -> f64 {
    let chunks = n.div_ceil(CHUNK);
    map(chunks, |k| f(k * CHUNK..((k + 1) * CHUNK).min(n)))
        .into_iter()
        .sum()
}

/// Both closures, in parallel natively.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        rayon::join(a, b)
    }
    #[cfg(target_arch = "wasm32")]
    (a(), b())
}

/// Splits `v` into consecutive mutable pieces of the given lengths (which
/// must add up to at most `v.len()`).
pub fn split_lengths<'a, T>(mut v: &'a mut [T], lengths: &[usize]) -> Vec<&'a mut [T]> {
    let mut out = Vec::with_capacity(lengths.len());
    for &len in lengths {
        let (head, tail) = v.split_at_mut(len);
        out.push(head);
        v = tail;
    }
    out
}

#[cfg(test)]
mod tests;
