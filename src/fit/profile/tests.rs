use super::*;
use crate::fit::uncertainty::student_t95;

/// For tests: the outermost values of `grid` whose brute-force profile
/// `chi2` lies within min·t²/`dof` of its minimum (`t` the tabled
/// t₀.₉₇₅(`dof`)), the 95 % interval read off a dense grid.
pub(crate) fn grid_interval(grid: &[f64], chi2: &[f64], dof: usize, t: f64) -> (f64, f64) {
    let min = chi2.iter().copied().fold(f64::INFINITY, f64::min);
    let threshold = min / dof as f64 * t * t;
    let inside: Vec<f64> = grid
        .iter()
        .zip(chi2)
        .filter(|(_, c)| **c - min <= threshold)
        .map(|(g, _)| *g)
        .collect();
    (inside[0], inside[inside.len() - 1])
}

/// For tests: both ends of `ci` within 2 % of the half-width of [lo, hi].
pub(crate) fn assert_ends_match(ci: Interval, lo: f64, hi: f64) {
    let half = 0.5 * (hi - lo);
    for (got, want) in [(ci.lo, lo), (ci.hi, hi)] {
        let got = got.unwrap_or(f64::NAN);
        assert!((got - want).abs() < 0.02 * half, "{ci:?} vs [{lo}, {hi}]");
    }
}

#[test]
fn the_profile_interval_of_a_straight_line_is_students() {
    // Least squares by the normal equations, written out here.
    static XS: [f64; 7] = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    static YS: [f64; 7] = [1.1, 2.9, 5.2, 6.8, 9.1, 11.2, 12.8];
    let n = XS.len() as f64;
    let (sx, sy) = (XS.iter().sum::<f64>(), YS.iter().sum::<f64>());
    let sxx: f64 = XS.iter().map(|x| x * x).sum();
    let sxy: f64 = XS.iter().zip(&YS).map(|(x, y)| x * y).sum();
    let b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    let a = (sy - b * sx) / n;
    let rss: f64 = XS
        .iter()
        .zip(&YS)
        .map(|(x, y)| (y - a - b * x).powi(2))
        .sum();
    let s2 = rss / (n - 2.0);
    let dxx = sxx - sx * sx / n;
    let se_b = (s2 / dxx).sqrt();
    let se_a = (s2 * sxx / (n * dxx)).sqrt();
    let t = student_t95(5).unwrap();
    let spans = [Span::log(a), Span::log(b)];
    // y = a + b·x, unit weights.
    let line = ClosureResiduals {
        rows: XS.len(),
        eval: |u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>| {
            for (k, (&x, &y)) in XS.iter().zip(&YS).enumerate() {
                r[k] = u[0] + u[1] * x - y;
                jac[(k, 0)] = 1.0;
                jac[(k, 1)] = x;
            }
            true
        },
    };
    let got = scalar_intervals(&line, &[a, b], &spans).unwrap();
    for ((lo, hi), (v, se)) in got.iter().zip([(a, se_a), (b, se_b)]) {
        let (End::At(lo), End::At(hi)) = (lo, hi) else {
            panic!("open: {got:?}");
        };
        // Within the crossing tolerance: 2 % of the threshold is ~1 % of the half-width.
        assert!(
            (lo - (v - t * se)).abs() < 0.01 * t * se,
            "{lo} vs {}",
            v - t * se
        );
        assert!(
            (hi - (v + t * se)).abs() < 0.01 * t * se,
            "{hi} vs {}",
            v + t * se
        );
    }
}

#[test]
fn an_end_the_data_do_not_reach_is_open_or_at_the_bound() {
    // r = (e^u − 1)·w: χ² flattens as u → −∞ (open below), rises fast above.
    let residuals = ClosureResiduals {
        rows: 3,
        eval: |u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>| {
            for (k, w) in [1.0, 0.5, -0.3].iter().enumerate() {
                r[k] = (u[0].exp() - 1.0 + 0.01 * w) * 10.0;
                jac[(k, 0)] = u[0].exp() * 10.0;
            }
            true
        },
    };
    // χ² flat below needs noise larger than the whole signal: scale it.
    let flat = ClosureResiduals {
        rows: 3,
        eval: |u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>| {
            for (k, w) in [1.0, -1.0, 0.5].iter().enumerate() {
                r[k] = u[0].exp() * 0.01 + w;
                jac[(k, 0)] = u[0].exp() * 0.01;
            }
            true
        },
    };
    let closed = scalar_intervals(&residuals, &[0.0], &[Span::log(0.0)]).unwrap();
    assert!(matches!(closed[0], (End::At(_), End::At(_))), "{closed:?}");
    // The minimum of the flat one is at e^u·0.01 = −mean(w) < 0: the
    // edge; from u = 0 the profile falls away downward (a lower point
    // is not sought here) and never reaches the threshold.
    let open = scalar_intervals(&flat, &[-20.0], &[Span::log(-20.0)]).unwrap();
    assert_eq!(open[0].0, End::Open, "{open:?}");
    let bounded = Span::linear(-30.0, 5.0, true);
    let at_bound = scalar_intervals(&flat, &[-20.0], &[bounded]).unwrap();
    assert_eq!(at_bound[0].0, End::Bound(-30.0), "{at_bound:?}");
}

#[test]
fn intervals_map_through_monotone_functions_and_serialise_as_pairs() {
    let i = Interval {
        lo: Some(2.0),
        hi: None,
    };
    assert!(i.contains(1e9) && !i.contains(1.0) && !i.is_closed());
    let inverse = i.map(|x| 1.0 / x, false);
    assert_eq!(
        inverse,
        Interval {
            lo: None,
            hi: Some(0.5)
        }
    );
    assert_eq!(serde_json::to_string(&i).unwrap(), "[2.0,null]");
    assert_eq!(serde_json::from_str::<Interval>("[2.0,null]").unwrap(), i);
    assert_eq!(threshold_per_s2(0), None);
    // F(1, ν) = t²(ν): 12.706² for ν = 1 (any statistics table).
    assert!((threshold_per_s2(1).unwrap() - 161.45).abs() < 0.05);
}
