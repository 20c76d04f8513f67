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
mod tests {
    use super::*;

    #[test]
    fn log_space_has_equal_ratios_and_exact_ends() {
        let up = log_space(1e-2, 1e6, 81);
        assert_eq!((up[0], up[80]), (1e-2, 1e6));
        for w in up.windows(2) {
            assert!((w[1] / w[0] - 10f64.powf(0.1)).abs() < 1e-12);
        }
        let down = log_space(1e6, 0.1, 71);
        assert_eq!((down[0], down[70]), (1e6, 0.1));
        assert!((down[10] - 1e5).abs() < 1e-9);
        assert_eq!(log_space(3.0, 7.0, 1), vec![3.0]);
        assert!(log_space(1.0, 2.0, 0).is_empty());
    }

    #[test]
    fn lin_space_includes_both_ends() {
        assert_eq!(lin_space(0.0, 1.0, 5), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    }
}
