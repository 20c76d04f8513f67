//! Grids of sample points: the crate's one log-spaced and one linearly
//! spaced sequence (frequencies, currents, sweeps of the plots).

/// `n` values from `from` to `to` (both > 0; either may be the larger, as
/// instruments sweep down) equally spaced in log, both ends exactly as
/// given; `n = 1` gives `from` alone.
pub fn log_space(from: f64, to: f64, n: usize) -> Vec<f64> {
    let (a, b) = (from.ln(), to.ln());
    let last = n.saturating_sub(1).max(1) as f64;
    let mut out: Vec<f64> = (0..n)
        .map(|k| (a + (b - a) * k as f64 / last).exp())
        .collect();
    if let Some(first) = out.first_mut() {
        *first = from;
    }
    if n > 1 {
        out[n - 1] = to;
    }
    out
}

/// `n` values from `from` to `to` equally spaced, both ends included.
pub fn lin_space(from: f64, to: f64, n: usize) -> Vec<f64> {
    let last = n.saturating_sub(1).max(1) as f64;
    (0..n)
        .map(|k| from + (to - from) * k as f64 / last)
        .collect()
}

#[cfg(test)]
mod tests;
