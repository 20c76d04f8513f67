//! "Nice" tick positions: 1-2-5 steps on linear axes, decades (with minor
//! ticks at 2…9) on log axes.

use super::labels::{decade_label, linear_labels};
use super::scale::ScaleKind;

/// Tick positions (data values) and their labels for one axis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ticks {
    /// Labelled ticks, ascending, all inside the axis range.
    pub major: Vec<f64>,
    /// One label per major tick.
    pub labels: Vec<String>,
    /// Unlabelled ticks, ascending, inside the range.
    pub minor: Vec<f64>,
}

/// Upper bound on the number of ticks any call returns.
pub const MAX_TICKS: usize = 64;

/// The smallest step of the form {1, 2, 5}·10^k that is ≥ `span / target`,
/// correctly rounded from its decimal value.
/// Returns `None` for a span or target that is not finite and positive.
pub fn nice_step(span: f64, target: usize) -> Option<f64> {
    if !(span.is_finite() && span > 0.0) || target == 0 {
        return None;
    }
    let raw = span / target as f64;
    let e = raw.log10().floor() as i32;
    [(1.0, e), (2.0, e), (5.0, e), (1.0, e + 1)]
        .into_iter()
        .map(|(m, k)| decimal(m, k))
        .find(|s| *s >= raw * (1.0 - 1e-12))
}

/// m·10^k for a small integer m, correctly rounded (one rounding step).
fn decimal(m: f64, k: i32) -> f64 {
    match k {
        0..=22 => m * 10f64.powi(k),
        -22..=-1 => m / 10f64.powi(-k),
        _ => format!("{m}e{k}")
            .parse::<f64>()
            .ok()
            .unwrap_or(if k > 0 { f64::MAX } else { 0.0 }),
    }
}

/// The next smaller 1-2-5 step: 10→5, 5→2, 2→1.
fn smaller_step(step: f64) -> f64 {
    let e = step.log10().floor() as i32;
    let m = (step / pow10(e)).round();
    match m as i64 {
        1 => decimal(5.0, e - 1),
        2 => decimal(1.0, e),
        _ => decimal(2.0, e),
    }
}

/// 10^e, correctly rounded.
pub fn pow10(e: i32) -> f64 {
    decimal(1.0, e)
}

/// Multiples of `step` in [lo, hi]; empty if there would be too many.
fn multiples(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step - 1e-9).ceil();
    let last = (hi / step + 1e-9).floor();
    if !(first.is_finite() && last.is_finite()) || last - first > MAX_TICKS as f64 {
        return Vec::new();
    }
    let mut ticks: Vec<f64> = Vec::with_capacity((last - first).max(0.0) as usize + 1);
    let mut i = first;
    while i <= last {
        let t = (i * step).clamp(lo, hi);
        if ticks.last().is_none_or(|&p| t > p) {
            ticks.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        }
        i += 1.0;
    }
    ticks
}

/// Multiples of a 1-2-5 step for about `target` intervals in [lo, hi]:
/// the step is the smallest nice one ≥ span/target, made finer once or
/// twice if fewer than 2 ticks would fall inside. For any finite lo < hi
/// whose span is at least 1e-9 of the values' magnitude this gives between
/// 2 and max(target + 1, 6) ticks. Returns the ticks and the step (empty
/// and 0 for an unusable range).
pub fn linear_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, f64) {
    let target = target.clamp(1, MAX_TICKS - 1);
    let Some(mut step) = nice_step(hi - lo, target) else {
        return (Vec::new(), 0.0);
    };
    let mut ticks = multiples(lo, hi, step);
    for _ in 0..3 {
        if ticks.len() >= 2 {
            break;
        }
        step = smaller_step(step);
        ticks = multiples(lo, hi, step);
    }
    if ticks.is_empty() {
        return (Vec::new(), 0.0);
    }
    (ticks, step)
}

/// Linear ticks with labels and minor ticks between them.
pub fn linear(lo: f64, hi: f64, target: usize) -> Ticks {
    let (major, step) = linear_ticks(lo, hi, target);
    if major.is_empty() {
        return Ticks::default();
    }
    let mantissa = step / pow10(step.log10().floor() as i32);
    let parts = if (mantissa - 2.0).abs() < 1e-6 {
        4.0
    } else {
        5.0
    };
    let minor_step = step / parts;
    let mut minor = Vec::new();
    let first = (lo / minor_step).ceil();
    let last = (hi / minor_step).floor();
    if last - first < 4.0 * MAX_TICKS as f64 {
        let mut i = first;
        while i <= last {
            let t = i * minor_step;
            if major.iter().all(|m| (m - t).abs() > minor_step * 1e-3) {
                minor.push(t.clamp(lo, hi));
            }
            i += 1.0;
        }
    }
    let labels = linear_labels(&major, step);
    Ticks {
        major,
        labels,
        minor,
    }
}

/// Log-axis ticks for 0 < lo < hi: decades 10ⁿ when at least two fall in
/// the range (every k-th decade when there are many), with minor ticks at
/// 2…9 × 10ⁿ; over less than that, 1-2-5 ticks on the values themselves.
pub fn log10(lo: f64, hi: f64, target: usize) -> Ticks {
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return Ticks::default();
    }
    let target = target.clamp(2, MAX_TICKS - 1);
    let (l0, l1) = (lo.log10(), hi.log10());
    let d0 = (l0 - 1e-9).ceil() as i32;
    let d1 = (l1 + 1e-9).floor() as i32;
    if d1 - d0 < 1 {
        return linear(lo, hi, target);
    }
    let n = (d1 - d0 + 1) as usize;
    let stride = [1usize, 2, 3, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|s| n.div_ceil(*s) <= target + 1)
        .unwrap_or(100);
    let mut major = Vec::new();
    let mut labels = Vec::new();
    let mut minor = Vec::new();
    for d in d0..=d1 {
        let v = pow10(d).clamp(lo, hi);
        if d.rem_euclid(stride as i32) == 0 {
            major.push(v);
            labels.push(decade_label(d));
        } else if stride <= 10 {
            minor.push(v);
        }
    }
    if stride == 1 && n <= 12 {
        for d in (d0 - 1)..=d1 {
            for m in 2..=9 {
                let v = m as f64 * pow10(d);
                if v > lo && v < hi {
                    minor.push(v);
                }
            }
        }
    }
    Ticks {
        major,
        labels,
        minor,
    }
}

/// Ticks for an axis of the given kind.
pub fn for_scale(kind: ScaleKind, lo: f64, hi: f64, target: usize) -> Ticks {
    match kind {
        ScaleKind::Linear => linear(lo, hi, target),
        ScaleKind::Log10 => log10(lo, hi, target),
    }
}
