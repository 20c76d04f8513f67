//! Profile-likelihood intervals for least-squares fits (docs/INTERVALS.md).
//!
//! For a fit with residuals r(u) over parameters u (in fit space, e.g. the
//! logarithm of a resistance), the profile of parameter j is
//! χ²_j(t) = min over the others of |r(u)|² with u_j = t. Its 95 % interval
//! is { t : χ²_j(t) − χ²_min ≤ s²·F₀.₉₅(1, ν) }, with s² = χ²_min/ν the noise
//! scale from the residuals and ν = rows − parameters; F₀.₉₅(1, ν) = t²₀.₉₇₅(ν),
//! so for a model linear in the parameter the interval is exactly Student's.
//!
//! Each end is found by walking away from the minimum: every step refits the
//! other parameters from a warm start (the previous point moved along the
//! profile's tangent), the next value is aimed where a local quadratic model of
//! the profile (its slope and curvature from the Jacobian) reaches the
//! threshold, and once the threshold is bracketed the crossing is refined
//! with the same model, safeguarded by a secant in √(χ² − χ²_min). An end not
//! reached within the parameter's span is open (or at the parameter's bound).
//! Other local minima of χ² below the threshold are walked from too; a profile
//! that rises above the threshold between two of them has two minima.
//! Interval ends, openness and bounds are invariant under monotone maps of the
//! parameter, so fit space and physical values give the same statement.

use std::cell::{Cell, RefCell};

use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

use super::transform::LOG_U_LIMIT;
use super::uncertainty::student_t95;

/// ln 10⁶: a log-mapped parameter's profile is followed this far either way
/// from the fitted value before an end is called open ("no bound within 10⁶×").
pub const LN_MILLION: f64 = 13.815_510_557_964_274;

/// A logistic-mapped parameter is followed to |u| = this, where σ(u) is
/// within 10⁻⁶ of its bound.
pub const LOGISTIC_EDGE: f64 = 14.0;

/// Other minima that differ from the best fit by less than this in fit space
/// (a tenth of a log unit, ~10 %) are the same minimum for that parameter.
const DISTINCT: f64 = 0.1;
/// Lowest ln p a refit starts a free log-mapped value from.
const LOG_FLOOR: f64 = -300.0;
/// Largest |du_k/dt| a warm start follows.
const MAX_TANGENT: f64 = 10.0;
/// Most other minima walked from, per parameter.
const MAX_ANCHORS: usize = 3;
/// Damped Gauss–Newton iterations per refit.
const MAX_ITERATIONS: usize = 40;
/// Steps outward per end before the end is called open.
const MAX_WALK: usize = 30;
/// Refinements of a bracketed crossing.
const MAX_ROOT: usize = 30;
/// A crossing is accepted when χ² − χ²_min is within this share of the threshold.
const ROOT_TOLERANCE: f64 = 0.02;
/// Most profile points kept per parameter (for plots and reports).
pub const MAX_KEPT: usize = 24;

/// A 95 % interval [lo, hi]; an end is None when open (no bound was found
/// within the range searched). Serialised as `[lo, hi]` with `null` for an
/// open end.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "[Option<f64>; 2]", into = "[Option<f64>; 2]")]
pub struct Interval {
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

impl Interval {
    /// Both ends known.
    pub fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            lo: Some(lo),
            hi: Some(hi),
        }
    }

    /// True when both ends are known.
    pub fn is_closed(&self) -> bool {
        self.lo.is_some() && self.hi.is_some()
    }

    /// True when `x` lies inside (an open end holds everything beyond it).
    pub fn contains(&self, x: f64) -> bool {
        self.lo.is_none_or(|lo| x >= lo) && self.hi.is_none_or(|hi| x <= hi)
    }

    /// This interval widened to hold `x`: an end on the wrong side of `x`
    /// (by rounding through a map) becomes `x`; open ends stay open.
    pub fn holding(self, x: f64) -> Interval {
        Interval {
            lo: self.lo.map(|lo| lo.min(x)),
            hi: self.hi.map(|hi| hi.max(x)),
        }
    }

    /// The image under a monotone map `f` (`increasing` or decreasing);
    /// open ends stay open (on the other side when `f` decreases).
    pub fn map(self, f: impl Fn(f64) -> f64, increasing: bool) -> Interval {
        let (lo, hi) = (self.lo.map(&f), self.hi.map(&f));
        if increasing {
            Interval { lo, hi }
        } else {
            Interval { lo: hi, hi: lo }
        }
    }
}

impl From<[Option<f64>; 2]> for Interval {
    fn from([lo, hi]: [Option<f64>; 2]) -> Interval {
        Interval { lo, hi }
    }
}

impl From<Interval> for [Option<f64>; 2] {
    fn from(i: Interval) -> [Option<f64>; 2] {
        [i.lo, i.hi]
    }
}

/// Threshold of χ² − χ²_min for a 95 % profile interval, in units of
/// s² = χ²_min/ν: F₀.₉₅(1, ν) = t²₀.₉₇₅(ν). None for ν = 0.
pub fn threshold_per_s2(dof: usize) -> Option<f64> {
    student_t95(dof).map(|t| t * t)
}

/// Residuals of a least-squares problem in fit space.
pub(crate) trait Residuals {
    /// Number of residuals.
    fn rows(&self) -> usize;
    /// Writes r(u) into `r` and ∂r/∂u into `jac` (rows × parameters); false
    /// when the model cannot be evaluated at `u`.
    fn eval(&self, u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>) -> bool;
}

/// How far a parameter's profile is followed, in fit space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    pub lo: f64,
    pub hi: f64,
    /// True when lo and hi are the parameter's own bounds (reaching them is
    /// an end at the bound), false when they only end the search (open).
    pub bounded: bool,
    /// True when u = ln p for a value p > 0.
    pub log: bool,
}

impl Span {
    /// ± [`LN_MILLION`] around `u` (a log-mapped value), open.
    pub fn log(u: f64) -> Span {
        Span {
            lo: u - LN_MILLION,
            hi: u + LN_MILLION,
            bounded: false,
            log: true,
        }
    }

    /// [`lo`, `hi`] for a value in its own units: ends at its bounds when
    /// `bounded`, else open.
    pub fn linear(lo: f64, hi: f64, bounded: bool) -> Span {
        Span {
            lo,
            hi,
            bounded,
            log: false,
        }
    }
}

/// One end of a profile interval, in fit space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum End {
    /// The profile crosses the threshold here.
    At(f64),
    /// No crossing within the span: open.
    Open,
    /// No crossing before the parameter's bound, here.
    Bound(f64),
}

impl End {
    /// Whether `t` lies on the inner side of this end, `dir` pointing outward.
    fn holds(self, t: f64, dir: f64) -> bool {
        match self {
            End::At(x) | End::Bound(x) => (t - x) * dir <= 0.0,
            End::Open => true,
        }
    }

    /// The farther of two ends in direction `dir`.
    fn outer(self, other: End, dir: f64) -> End {
        match (self, other) {
            (End::Open, _) | (_, End::Open) => End::Open,
            (End::At(a) | End::Bound(a), End::At(b) | End::Bound(b)) => {
                if (b - a) * dir > 0.0 {
                    other
                } else {
                    self
                }
            }
        }
    }
}

/// How refining a bracketed crossing ended.
enum Rooted {
    End(End),
    /// The outer point was a refit gone astray: walk on from here.
    Resume(Point),
}

/// Another minimum of χ² within the threshold, seen in one parameter, with
/// the profile rising above the threshold between it and the fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Second {
    /// The parameter's value there, fit space.
    pub t: f64,
    /// χ² − χ²_min in units of s².
    pub excess: f64,
}

/// The profile of one parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParamProfile {
    pub lo: End,
    pub hi: End,
    pub second: Option<Second>,
    /// Points the walk visited, (t, (χ²_j(t) − χ²_min)/s²), ordered by t, at
    /// most [`MAX_KEPT`] ([`thin`]).
    pub points: Vec<(f64, f64)>,
}

/// What profiling found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// One profile per parameter.
    Done(Vec<ParamProfile>),
    /// A point with χ² below the fit's minimum: the fit should restart there.
    Lower(Vec<f64>),
}

/// A point on a profile: the refit at u_j = t with its local model.
#[derive(Debug, Clone)]
struct Point {
    t: f64,
    u: Vec<f64>,
    chi2: f64,
    /// Both rails held at t (the ordered pair's constraint is active).
    tied: bool,
    /// dχ²/dt and d²χ²/dt² of the profile (Gauss–Newton), and du/dt along it.
    slope: f64,
    curvature: f64,
    tangent: Vec<f64>,
    /// When tied: releasing the other rail would lower χ².
    release: bool,
}

/// The walker: a problem, its minimum and the threshold.
pub(crate) struct Profiler<'a, R: Residuals> {
    problem: &'a R,
    n: usize,
    chi2_min: f64,
    s2: f64,
    /// χ²_min + threshold.
    target: f64,
    delta: f64,
    spans: Vec<Span>,
    /// An ordered pair (larger, smaller) of interchangeable parameters with
    /// the same map: a profile keeps the larger ≥ the smaller.
    tie: Option<(usize, usize)>,
    /// Refits stop when they would gain less than this in χ².
    tol: f64,
    allow_lower: bool,
    /// Residual evaluations so far.
    pub evaluations: Cell<usize>,
    /// (t, χ²) of the profile points visited for the parameter being walked.
    visited: RefCell<Vec<(f64, f64)>>,
}

type Eval = (Vec<f64>, DMatrix<f64>, f64);

impl<'a, R: Residuals> Profiler<'a, R> {
    /// A profiler at the minimum χ²_min with `dof` degrees of freedom; None
    /// when there is no degree of freedom or χ²_min is not finite. The noise
    /// scale is taken as at least `chi2_floor`/ν, the χ² that rounding alone
    /// leaves (so that noise-free data do not make a numerically flat
    /// direction look determined).
    pub fn new(
        problem: &'a R,
        chi2_min: f64,
        chi2_floor: f64,
        dof: usize,
        spans: Vec<Span>,
        tie: Option<(usize, usize)>,
        allow_lower: bool,
    ) -> Option<Profiler<'a, R>> {
        let per_s2 = threshold_per_s2(dof)?;
        if !(chi2_min.is_finite() && chi2_min >= 0.0) {
            return None;
        }
        let s2 = chi2_min.max(chi2_floor) / dof as f64;
        let delta = s2 * per_s2;
        Some(Profiler {
            problem,
            n: spans.len(),
            chi2_min,
            s2,
            target: chi2_min + delta,
            delta,
            spans,
            tie,
            tol: 1e-3 * s2,
            allow_lower,
            evaluations: Cell::new(0),
            visited: RefCell::new(Vec::new()),
        })
    }

    /// F₀.₉₅(1, ν): the threshold of (χ² − χ²_min)/s².
    pub fn threshold(&self) -> f64 {
        self.delta / self.s2
    }

    /// Remembers a profile point (the walk's and the refinement's).
    fn visit(&self, p: &Point) {
        self.visited.borrow_mut().push((p.t, p.chi2));
    }

    fn eval(&self, u: &[f64]) -> Option<Eval> {
        self.evaluations.set(self.evaluations.get() + 1);
        let mut r = vec![0.0; self.problem.rows()];
        let mut jac = DMatrix::zeros(r.len(), self.n);
        if !self.problem.eval(u, &mut r, &mut jac) {
            return None;
        }
        let chi2: f64 = r.iter().map(|x| x * x).sum();
        chi2.is_finite().then_some((r, jac, chi2))
    }

    /// The other member of the ordered pair, if `j` is in it, and whether
    /// `j` is the larger.
    fn partner(&self, j: usize) -> Option<(usize, bool)> {
        match self.tie {
            Some((l, s)) if l == j => Some((s, true)),
            Some((l, s)) if s == j => Some((l, false)),
            _ => None,
        }
    }

    fn held(&self, j: usize, tied: bool) -> Vec<usize> {
        match self.partner(j) {
            Some((other, _)) if tied => vec![j, other],
            _ => vec![j],
        }
    }

    /// The profile point at `u` (already refitted) from its residuals and Jacobian.
    fn point(&self, j: usize, u: Vec<f64>, e: &Eval, tied: bool) -> Point {
        let (r, jac, chi2) = e;
        let held = self.held(j, tied);
        let free: Vec<usize> = (0..self.n).filter(|k| !held.contains(k)).collect();
        // The held column(s) move together with t.
        let mut c = jac.column(j).clone_owned();
        if let (true, Some((other, _))) = (tied, self.partner(j)) {
            c += jac.column(other);
        }
        let rv = DVector::from_column_slice(r);
        let jf = jac.select_columns(&free);
        let a = jf.tr_mul(&jf);
        let gc = jf.tr_mul(&c);
        let x = solve_spd(&a, &gc).unwrap_or_else(|| DVector::zeros(free.len()));
        let mut tangent = vec![0.0; self.n];
        for &h in &held {
            tangent[h] = 1.0;
        }
        for (i, &k) in free.iter().enumerate() {
            // Bounded: a near-null direction would fling a warm start away.
            tangent[k] = (-x[i]).clamp(-MAX_TANGENT, MAX_TANGENT);
        }
        let release = match (tied, self.partner(j)) {
            (true, Some((other, larger))) => {
                let d = 2.0 * jac.column(other).dot(&rv);
                if larger {
                    d > 0.0
                } else {
                    d < 0.0
                }
            }
            _ => false,
        };
        Point {
            t: u[j],
            u,
            chi2: *chi2,
            tied,
            slope: 2.0 * c.dot(&rv),
            curvature: 2.0 * (c.dot(&c) - gc.dot(&x)),
            tangent,
            release,
        }
    }

    /// Minimises χ² over the parameters not in `held`, from `u`, by damped
    /// Gauss–Newton; returns the end point and its evaluation.
    fn minimise(&self, mut u: Vec<f64>, held: &[usize]) -> Option<(Vec<f64>, Eval)> {
        let free: Vec<usize> = (0..self.n).filter(|k| !held.contains(k)).collect();
        for &k in &free {
            if self.spans[k].log {
                // p = e^-300 is 0 for any physical value, and p·∂r/∂p stays
                // representable there, so that [`Self::revive`] can read ∂r/∂p.
                u[k] = u[k].max(LOG_FLOOR);
            }
        }
        let mut e = self.eval(&u)?;
        if free.is_empty() {
            return Some((u, e));
        }
        let mut lambda = 1e-6;
        // Revival is tried until it fails once (a value may rightly sit at 0).
        let mut revive = true;
        for _ in 0..MAX_ITERATIONS {
            if revive {
                match self.revive(&u, &e, &free) {
                    Some(better) => (u, e) = better,
                    None => revive = false,
                }
            }
            let jf = e.1.select_columns(&free);
            let a = jf.tr_mul(&jf);
            let g = jf.tr_mul(&DVector::from_column_slice(&e.0));
            let ridge = 1e-14 * a.diagonal().max().max(f64::MIN_POSITIVE);
            let mut moved = false;
            while lambda < 1e10 {
                let mut m = a.clone();
                for i in 0..free.len() {
                    m[(i, i)] += lambda * a[(i, i)] + ridge;
                }
                let Some(delta) = m.cholesky().map(|c| c.solve(&(-&g))) else {
                    lambda = (lambda * 10.0).max(1e-6);
                    continue;
                };
                let predicted = -(2.0 * g.dot(&delta) + delta.dot(&(&a * &delta)));
                if predicted.is_nan() || predicted <= self.tol {
                    return Some((u, e));
                }
                let mut trial = u.clone();
                for (i, &k) in free.iter().enumerate() {
                    trial[k] += delta[i];
                    if self.spans[k].log {
                        trial[k] = trial[k].clamp(LOG_FLOOR, LOG_U_LIMIT);
                    }
                }
                match self.eval(&trial) {
                    Some(next) if next.2 < e.2 => {
                        let gained = e.2 - next.2;
                        (u, e) = (trial, next);
                        lambda = (lambda * 0.1).max(1e-9);
                        moved = gained > self.tol;
                        break;
                    }
                    _ => lambda = (lambda * 10.0).max(1e-4),
                }
            }
            if !moved {
                break;
            }
        }
        Some((u, e))
    }

    /// A log-mapped value p near 0 barely moves χ² per e-fold (its column
    /// ∂r/∂u = p·∂r/∂p vanishes), so steps in u cannot bring it back where
    /// it matters. When some free value is that negligible, try one
    /// Gauss–Newton step with those values in p itself (the others in u),
    /// and keep it if it lowers χ².
    fn revive(&self, u: &[f64], e: &Eval, free: &[usize]) -> Option<(Vec<f64>, Eval)> {
        let stuck: Vec<bool> = free
            .iter()
            .map(|&k| self.spans[k].log && e.1.column(k).norm_squared() < self.tol)
            .collect();
        if !stuck.iter().any(|&s| s) {
            return None;
        }
        let mut jf = e.1.select_columns(free);
        for (i, &k) in free.iter().enumerate() {
            if stuck[i] {
                let p = u[k].exp();
                jf.column_mut(i).scale_mut(1.0 / p);
            }
        }
        let a = jf.tr_mul(&jf);
        let g = jf.tr_mul(&DVector::from_column_slice(&e.0));
        let delta = solve_spd(&a, &(-g))?;
        let mut trial = u.to_vec();
        for (i, &k) in free.iter().enumerate() {
            if !stuck[i] {
                trial[k] += delta[i];
                continue;
            }
            let p = u[k].exp() + delta[i];
            if p > 0.0 {
                trial[k] = p.ln().min(LOG_U_LIMIT);
            }
        }
        if trial.iter().any(|x| !x.is_finite()) {
            return None;
        }
        let next = self.eval(&trial)?;
        (next.2 < e.2).then_some((trial, next))
    }

    /// Refits at u_j = t from `start`, honouring the ordered pair.
    fn refit(&self, j: usize, t: f64, start: &[f64], tied: bool) -> Option<Point> {
        let run = |tied: bool, start: &[f64]| -> Option<Point> {
            let mut u = start.to_vec();
            u[j] = t;
            let held = self.held(j, tied);
            for &h in &held {
                u[h] = t;
            }
            let (u, e) = self.minimise(u, &held)?;
            Some(self.point(j, u, &e, tied))
        };
        let Some((other, larger)) = self.partner(j) else {
            return run(false, start);
        };
        let ordered = |p: &Point| {
            if larger {
                p.u[other] <= t
            } else {
                p.u[other] >= t
            }
        };
        if tied {
            let p = run(true, start)?;
            if p.release {
                if let Some(free) = run(false, &p.u).filter(|q| ordered(q) && q.chi2 < p.chi2) {
                    return Some(free);
                }
            }
            return Some(p);
        }
        let p = run(false, start)?;
        if ordered(&p) {
            Some(p)
        } else {
            run(true, &p.u)
        }
    }

    /// Refits at u_j = t starting from `p` moved along its tangent, else
    /// (when that start cannot be evaluated) from `p` itself.
    fn refit_near(&self, j: usize, t: f64, p: &Point) -> Option<Point> {
        self.refit(j, t, &warm_start(p, t), p.tied)
            .or_else(|| self.refit(j, t, &p.u, p.tied))
    }

    /// A refit `p` that lands far above what `inner`'s local model predicts
    /// may have gone astray from its warm start (a long valley bends): refit
    /// it once more from `inner` itself and keep the lower.
    fn recheck(&self, j: usize, inner: &Point, p: Point) -> Point {
        let dt = p.t - inner.t;
        let predicted = inner.slope * dt + 0.5 * inner.curvature.max(0.0) * dt * dt;
        let kept = if p.chi2 < self.target || p.chi2 - inner.chi2 <= 4.0 * predicted.max(self.delta)
        {
            p
        } else {
            match self.refit(j, p.t, &inner.u, inner.tied) {
                Some(q) if q.chi2 < p.chi2 => q,
                _ => p,
            }
        };
        self.visit(&kept);
        kept
    }

    /// Distance (> 0) from `p` in direction `dir` at which its local
    /// quadratic model first reaches the target; ∞ when it never does.
    fn predict(&self, p: &Point, dir: f64) -> f64 {
        // c + a·x + ½·b·x² = target, smallest root x > 0.
        let (c, a, b) = (p.chi2 - self.target, p.slope * dir, p.curvature);
        let roots = if b.abs() > f64::MIN_POSITIVE {
            let disc = a * a - 2.0 * b * c;
            if disc < 0.0 {
                return f64::INFINITY;
            }
            let root = disc.sqrt();
            [(-a - root) / b, (-a + root) / b]
        } else {
            [-c / a, f64::INFINITY]
        };
        roots
            .into_iter()
            .filter(|x| *x > 0.0)
            .fold(f64::INFINITY, f64::min)
    }

    /// Where the profile of `j` crosses the threshold beyond `start` in
    /// direction `dir` (±1); Err with a lower point when one is met.
    fn walk(&self, j: usize, start: &Point, dir: f64) -> Result<End, Vec<f64>> {
        let span = self.spans[j];
        let limit = if dir > 0.0 { span.hi } else { span.lo };
        let at_limit = if span.bounded {
            End::Bound(limit)
        } else {
            End::Open
        };
        let first_cap = 0.05 * (span.hi - span.lo);
        let mut inner = start.clone();
        for _ in 0..MAX_WALK {
            if (limit - inner.t) * dir <= 0.0 {
                return Ok(at_limit);
            }
            let travelled = (inner.t - start.t).abs();
            let x = (1.02 * self.predict(&inner, dir)).clamp(1e-12, first_cap.max(3.0 * travelled));
            let mut t = inner.t + dir * x;
            if (t - limit) * dir > 0.0 {
                t = limit;
            }
            let outer = match self.refit_near(j, t, &inner) {
                Some(p) => {
                    if self.allow_lower && p.chi2 < self.chi2_min - 0.01 * self.s2 {
                        return Err(p.u);
                    }
                    let p = self.recheck(j, &inner, p);
                    if p.chi2 < self.target {
                        inner = p;
                        continue;
                    }
                    Some(p)
                }
                // Cannot be evaluated there: the crossing lies before it.
                None => None,
            };
            match self.root(j, start.t, inner, outer, t, dir)? {
                Rooted::End(end) => return Ok(end),
                Rooted::Resume(p) => inner = p,
            }
        }
        Ok(End::Open)
    }

    /// Refines a crossing, walked to from `from`, bracketed by `inner` (below
    /// the target) and `outer` at `t_out` (above it, or None when not
    /// evaluable there): the
    /// local quadratic from the inner point, else a secant in √(χ² − χ²_min),
    /// else (or when the bracket stopped halving) its middle. Returns the
    /// outer end when the crossing is not pinned down, which widens the
    /// interval rather than narrowing it, unless a refit there from close by
    /// lands below the threshold after all: then the walk resumes.
    fn root(
        &self,
        j: usize,
        from: f64,
        mut inner: Point,
        mut outer: Option<Point>,
        mut t_out: f64,
        dir: f64,
    ) -> Result<Rooted, Vec<f64>> {
        let w_target = self.delta.sqrt();
        let w = |chi2: f64| (chi2 - self.chi2_min).max(0.0).sqrt();
        let mut last_width = f64::INFINITY;
        for _ in 0..MAX_ROOT {
            if let Some(o) = &outer {
                if o.chi2 - self.target <= ROOT_TOLERANCE * self.delta {
                    return Ok(Rooted::End(End::At(o.t)));
                }
            }
            // A bracket within 0.5 % of the distance walked (or of one unit:
            // 0.5 % of a log-mapped value) pins the end; a kink, flat inside
            // and steep outside, allows no closer χ².
            let width = t_out - inner.t;
            if width.abs() <= 0.005 * (t_out - from).abs().min(1.0) {
                break;
            }
            let inside = |t: f64| (t - inner.t) * (t - t_out) < 0.0;
            let mut t = inner.t + dir * self.predict(&inner, dir);
            if !inside(t) {
                t = match &outer {
                    Some(o) => {
                        let (wi, wo) = (w(inner.chi2), w(o.chi2));
                        inner.t + width * (w_target - wi) / (wo - wi).max(f64::MIN_POSITIVE)
                    }
                    None => inner.t + 0.5 * width,
                };
            }
            if width.abs() > 0.5 * last_width {
                t = inner.t + 0.5 * width;
            }
            last_width = width.abs();
            t = t.clamp(
                inner.t.min(t_out) + 0.01 * width.abs(),
                inner.t.max(t_out) - 0.01 * width.abs(),
            );
            let Some(p) = self.refit_near(j, t, &inner) else {
                (outer, t_out) = (None, t);
                continue;
            };
            let p = self.recheck(j, &inner, p);
            if self.allow_lower && p.chi2 < self.chi2_min - 0.01 * self.s2 {
                return Err(p.u);
            }
            if p.chi2 < self.target {
                if self.target - p.chi2 <= ROOT_TOLERANCE * self.delta {
                    return Ok(Rooted::End(End::At(p.t)));
                }
                inner = p;
            } else {
                t_out = t;
                outer = Some(p);
            }
        }
        // Before settling on the outer end, refit it from the inner point,
        // now close: a far refit that went astray (a bending valley) would
        // otherwise end the walk at a wall that is not there.
        if outer.is_some() {
            if let Some(q) = self.refit_near(j, t_out, &inner) {
                self.visit(&q);
                if q.chi2 < self.target {
                    return Ok(Rooted::Resume(q));
                }
            }
        }
        Ok(Rooted::End(End::At(t_out)))
    }

    /// Profiles every parameter of the minimum `best`, walking also from the
    /// other minima `anchors` whose χ² lies below the threshold.
    pub fn run(&mut self, best: &[f64], anchors: &[Vec<f64>]) -> Option<Outcome> {
        let at_best = self.eval(best)?;
        // A log-mapped value that is negligible at the fit (an e-fold moves χ²
        // by less than the refits resolve) sits at 0 for the data: "10⁶× the
        // fitted value" means nothing there, so its upper end is sought up to
        // where the map ends.
        for (j, span) in self.spans.iter_mut().enumerate() {
            if span.log && at_best.1.column(j).norm_squared() < self.tol {
                span.hi = LOG_U_LIMIT;
            }
        }
        if self.delta <= 0.0 {
            // A perfect fit: no noise left to widen anything.
            let point = |t| ParamProfile {
                lo: End::At(t),
                hi: End::At(t),
                second: None,
                points: vec![(t, 0.0)],
            };
            return Some(Outcome::Done(best.iter().map(|&t| point(t)).collect()));
        }
        let anchors = self.anchors(anchors);
        let mut profiles = Vec::with_capacity(self.n);
        for j in 0..self.n {
            let p0 = self.point(j, best.to_vec(), &at_best, false);
            self.visited.replace(Vec::new());
            self.visit(&p0);
            let main = match (self.walk(j, &p0, -1.0), self.walk(j, &p0, 1.0)) {
                (Ok(lo), Ok(hi)) => (lo, hi),
                (Err(u), _) | (_, Err(u)) => return Some(Outcome::Lower(u)),
            };
            let (mut lo, mut hi) = main;
            let mut second = None;
            let mut walked = 0;
            for (u, e) in &anchors {
                let t = u[j];
                // Inside the interval walked so far (the profile stays below
                // the threshold up to it), or the fit's value: nothing to add.
                if (t - best[j]).abs() <= DISTINCT
                    || (lo.holds(t, -1.0) && hi.holds(t, 1.0))
                    || walked == MAX_ANCHORS
                {
                    continue;
                }
                walked += 1;
                let pa = self.point(j, u.clone(), e, false);
                self.visit(&pa);
                let piece = match (self.walk(j, &pa, -1.0), self.walk(j, &pa, 1.0)) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(u), _) | (_, Err(u)) => return Some(Outcome::Lower(u)),
                };
                // b starts at or below where a ends.
                let reaches = |a: (End, End), b: (End, End)| match (a.1, b.0) {
                    (End::At(x) | End::Bound(x), End::At(y) | End::Bound(y)) => x >= y,
                    _ => true,
                };
                let separated = !(reaches(main, piece) && reaches(piece, main));
                lo = lo.outer(piece.0, -1.0);
                hi = hi.outer(piece.1, 1.0);
                if separated && second.is_none() {
                    second = Some(Second {
                        t,
                        excess: (e.2 - self.chi2_min) / self.s2,
                    });
                }
            }
            let visited = self.visited.take();
            let points = visited
                .into_iter()
                .map(|(t, chi2)| (t, ((chi2 - self.chi2_min) / self.s2).max(0.0)))
                .collect();
            profiles.push(ParamProfile {
                lo,
                hi,
                second,
                points: thin(points, self.threshold(), MAX_KEPT),
            });
        }
        Some(Outcome::Done(profiles))
    }

    /// The other minima worth walking from: below the threshold, the pair in
    /// the best fit's order, ordered by χ². (Minima that differ only where it
    /// does not matter, e.g. R_bulk at e^-30 or e^-690, are many: which of
    /// them add to a parameter's interval is decided per parameter.)
    fn anchors(&self, others: &[Vec<f64>]) -> Vec<(Vec<f64>, Eval)> {
        let mut candidates: Vec<Vec<f64>> = others
            .iter()
            .filter(|u| u.len() == self.n)
            .cloned()
            .collect();
        if let Some((l, s)) = self.tie {
            for u in candidates.iter_mut() {
                if u[l] < u[s] {
                    u.swap(l, s);
                }
            }
        }
        let mut evaluated: Vec<(Vec<f64>, Eval)> = candidates
            .into_iter()
            .filter_map(|u| self.eval(&u).map(|e| (u, e)))
            .filter(|(_, e)| e.2 < self.target)
            .collect();
        evaluated.sort_by(|a, b| a.1 .2.total_cmp(&b.1 .2));
        evaluated
    }
}

/// The profile points `points` ((t, statistic), any order) ordered by t,
/// one per t (the lowest), thinned to at most `cap`: while too many, the
/// point with the closest neighbours goes, but never the lowest point, the
/// two outermost, nor a pair on either side of a crossing of `threshold`.
pub(crate) fn thin(mut points: Vec<(f64, f64)>, threshold: f64, cap: usize) -> Vec<(f64, f64)> {
    points.retain(|p| p.0.is_finite() && p.1.is_finite());
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    points.dedup_by(|later, earlier| later.0 == earlier.0);
    while points.len() > cap.max(3) {
        let lowest = (0..points.len())
            .min_by(|&a, &b| points[a].1.total_cmp(&points[b].1))
            .unwrap_or(0);
        let above = |i: usize| points[i].1 > threshold;
        let crossing = |i: usize| {
            (i > 0 && above(i - 1) != above(i))
                || (i + 1 < points.len() && above(i + 1) != above(i))
        };
        let gap = |i: usize| points[i + 1].0 - points[i - 1].0;
        let closest = |spare: &dyn Fn(usize) -> bool| {
            (1..points.len() - 1)
                .filter(|&i| i != lowest && !spare(i))
                .min_by(|&a, &b| gap(a).total_cmp(&gap(b)))
        };
        // Crossings are spared unless there are too many of them to keep.
        match closest(&crossing).or_else(|| closest(&|_| false)) {
            Some(i) => {
                points.remove(i);
            }
            None => break,
        }
    }
    points
}

/// Start of a refit at `t`: `p` moved along its profile's tangent.
fn warm_start(p: &Point, t: f64) -> Vec<f64> {
    let dt = t - p.t;
    p.u.iter()
        .zip(&p.tangent)
        .map(|(u, d)| u + d * dt)
        .collect()
}

/// Solves A·x = b for a symmetric positive semi-definite A (Cholesky, with a
/// tiny ridge when A is singular).
fn solve_spd(a: &DMatrix<f64>, b: &DVector<f64>) -> Option<DVector<f64>> {
    if a.nrows() == 0 {
        return Some(DVector::zeros(0));
    }
    if let Some(c) = a.clone().cholesky() {
        return Some(c.solve(b));
    }
    let ridge = 1e-12 * a.diagonal().max().max(f64::MIN_POSITIVE);
    let mut m = a.clone();
    for i in 0..m.nrows() {
        m[(i, i)] += ridge;
    }
    m.cholesky().map(|c| c.solve(b))
}

/// Residuals given as a closure (the scalar fits).
pub(crate) struct ClosureResiduals<F: Fn(&[f64], &mut [f64], &mut DMatrix<f64>) -> bool> {
    pub rows: usize,
    pub eval: F,
}

impl<F: Fn(&[f64], &mut [f64], &mut DMatrix<f64>) -> bool> Residuals for ClosureResiduals<F> {
    fn rows(&self) -> usize {
        self.rows
    }
    fn eval(&self, u: &[f64], r: &mut [f64], jac: &mut DMatrix<f64>) -> bool {
        (self.eval)(u, r, jac)
    }
}

/// Profile intervals of a small fit given as residuals: each parameter's
/// interval in fit space (ends open or at a bound as their spans say), or
/// None when there is no degree of freedom. For the scalar fits, whose
/// minimum is found by their own solvers (a lower point would only be a
/// numerical wobble, so none is sought).
pub(crate) fn scalar_intervals<F>(
    residuals: &ClosureResiduals<F>,
    best: &[f64],
    spans: &[Span],
) -> Option<Vec<(End, End)>>
where
    F: Fn(&[f64], &mut [f64], &mut DMatrix<f64>) -> bool,
{
    let dof = residuals.rows.checked_sub(best.len())?;
    let mut r = vec![0.0; residuals.rows];
    let mut jac = DMatrix::zeros(residuals.rows, best.len());
    if !residuals.eval(best, &mut r, &mut jac) {
        return None;
    }
    let chi2: f64 = r.iter().map(|x| x * x).sum();
    let mut profiler = Profiler::new(residuals, chi2, 0.0, dof, spans.to_vec(), None, false)?;
    match profiler.run(best, &[])? {
        Outcome::Done(p) => Some(p.into_iter().map(|p| (p.lo, p.hi)).collect()),
        Outcome::Lower(_) => None,
    }
}

/// The physical interval of ends in fit space through `to_physical`
/// (increasing); an open end stays open.
pub(crate) fn physical(lo: End, hi: End, to_physical: impl Fn(f64) -> f64) -> Interval {
    let map = |e: End| match e {
        End::At(t) | End::Bound(t) => Some(to_physical(t)),
        End::Open => None,
    };
    Interval {
        lo: map(lo),
        hi: map(hi),
    }
}

#[cfg(test)]
pub(crate) mod tests;
