//! The adapter between any [`Model`] and the `levenberg-marquardt` crate:
//! residuals stacked [w·Re(Z_model − Z_data); w·Im(Z_model − Z_data)] as a
//! function of the free parameters in transformed space, and their
//! Jacobian in that space: analytic when the model gives ∂Z/∂p
//! ([`Model::impedance_and_gradient`]), else by finite differences.

use std::cell::RefCell;

use levenberg_marquardt::{LeastSquaresProblem, LevenbergMarquardt, TerminationReason};
use nalgebra::{storage::Owned, DMatrix, DVector, Dyn};
use num_complex::Complex64;

use super::transform::Transform;
use crate::impedance::Model;

/// Step in transformed space for the central differences: a relative change
/// of 1e-5 in a log-mapped parameter. Truncation error ~h², rounding ~ε/h,
/// both near 1e-10 relative.
pub const DIFF_STEP: f64 = 1e-5;

/// Step in transformed space for the forward differences that the
/// optimiser's steps use (half the cost of central ones; ~1e-7 relative
/// accuracy is ample for choosing a step, while uncertainties and
/// identifiability use [`DIFF_STEP`] central differences).
pub const FORWARD_STEP: f64 = 1e-7;

/// The weighted residual problem seen by the optimiser.
pub struct Problem<'a, M: Model> {
    model: RefCell<M>,
    /// The full parameter vector (fixed entries already set); free entries
    /// are overwritten on each evaluation.
    full: RefCell<Vec<f64>>,
    free: &'a [usize],
    transforms: &'a [Transform],
    omega_rad_s: &'a [f64],
    data_ohm: &'a [Complex64],
    /// Weights for the real and imaginary parts, one pair per point.
    weights: &'a [(f64, f64)],
    u: DVector<f64>,
    /// The residuals at the last point `residuals()` was asked for, which
    /// the optimiser's next `jacobian()` reuses as the forward-difference base.
    last: RefCell<Option<(Vec<f64>, Vec<f64>)>>,
    /// True when the model gives analytic derivatives.
    analytic: bool,
    /// Scratch for ∂Z/∂p at one point (one entry per model parameter).
    gradient: RefCell<Vec<Complex64>>,
    /// The analytic Jacobian computed with the last residuals, and where.
    jacobian_cache: RefCell<Option<(Vec<f64>, DMatrix<f64>)>>,
}

impl<'a, M: Model + Clone> Problem<'a, M> {
    /// Sets up the problem at the starting point `u0` (transformed free values).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        model: &M,
        full: Vec<f64>,
        free: &'a [usize],
        transforms: &'a [Transform],
        omega_rad_s: &'a [f64],
        data_ohm: &'a [Complex64],
        weights: &'a [(f64, f64)],
        u0: &[f64],
    ) -> Self {
        let mut gradient = vec![Complex64::new(0.0, 0.0); full.len()];
        let analytic = omega_rad_s
            .first()
            .is_some_and(|&w| model.impedance_and_gradient(w, &mut gradient).is_some());
        Problem {
            analytic,
            gradient: RefCell::new(gradient),
            jacobian_cache: RefCell::new(None),
            model: RefCell::new(model.clone()),
            full: RefCell::new(full),
            free,
            transforms,
            omega_rad_s,
            data_ohm,
            weights,
            u: DVector::from_column_slice(u0),
            last: RefCell::new(None),
        }
    }

    /// Number of stacked residuals, 2·points.
    pub fn residual_count(&self) -> usize {
        2 * self.data_ohm.len()
    }

    /// Current transformed free values.
    pub fn u(&self) -> &DVector<f64> {
        &self.u
    }

    /// Physical values of all parameters at transformed free values `u`.
    pub fn physical(&self, u: &[f64]) -> Vec<f64> {
        let mut full = self.full.borrow().clone();
        for ((&index, &t), &ui) in self.free.iter().zip(self.transforms).zip(u) {
            full[index] = t.to_physical(ui);
        }
        full
    }

    /// Writes the residuals at `u` into `out` (length 2·points); false if
    /// the model refuses the values or gives a non-finite impedance.
    pub fn fill_residuals(&self, u: &[f64], out: &mut [f64]) -> bool {
        let mut full = self.full.borrow_mut();
        for ((&index, &t), &ui) in self.free.iter().zip(self.transforms).zip(u) {
            full[index] = t.to_physical(ui);
        }
        let mut model = self.model.borrow_mut();
        if model.set_params(&full).is_err() {
            return false;
        }
        let m = self.data_ohm.len();
        let (re, im) = out.split_at_mut(m);
        for (k, ((&w, &z), &(wr, wi))) in self
            .omega_rad_s
            .iter()
            .zip(self.data_ohm)
            .zip(self.weights)
            .enumerate()
        {
            let d = model.impedance(w) - z;
            re[k] = wr * d.re;
            im[k] = wi * d.im;
        }
        out.iter().all(|r| r.is_finite())
    }

    /// Writes the residuals at `u` into `residuals` (length 2·points) and
    /// their analytic Jacobian with respect to the transformed free values
    /// into `jac` (2·points × free), from one evaluation per point; false if
    /// the model refuses the values, has no derivatives or gives a
    /// non-finite value.
    fn fill_analytic(&self, u: &[f64], residuals: &mut [f64], jac: &mut DMatrix<f64>) -> bool {
        let mut full = self.full.borrow_mut();
        for ((&index, &t), &ui) in self.free.iter().zip(self.transforms).zip(u) {
            full[index] = t.to_physical(ui);
        }
        let mut model = self.model.borrow_mut();
        if model.set_params(&full).is_err() {
            return false;
        }
        // dp/du of each free parameter, once per Jacobian.
        let scale: Vec<f64> = self
            .transforms
            .iter()
            .zip(u)
            .map(|(t, &ui)| t.derivative(ui))
            .collect();
        let mut gradient = self.gradient.borrow_mut();
        let m = self.data_ohm.len();
        if self.free.iter().any(|&i| i >= gradient.len())
            || jac.shape() != (2 * m, u.len())
            || residuals.len() != 2 * m
        {
            return false;
        }
        // Column-major storage: column j holds Re rows 0..m, then Im rows m..2m.
        let columns = jac.as_mut_slice();
        for (k, ((&w, &(wr, wi)), &data)) in self
            .omega_rad_s
            .iter()
            .zip(self.weights)
            .zip(self.data_ohm)
            .enumerate()
        {
            let Some(z) = model.impedance_and_gradient(w, &mut gradient) else {
                return false;
            };
            let d = z - data;
            residuals[k] = wr * d.re;
            residuals[m + k] = wi * d.im;
            for (column, (&index, &dp_du)) in columns
                .chunks_exact_mut(2 * m)
                .zip(self.free.iter().zip(&scale))
            {
                let dz = gradient[index] * dp_du;
                column[k] = wr * dz.re;
                column[m + k] = wi * dz.im;
            }
        }
        columns
            .iter()
            .chain(residuals.iter())
            .all(|v| v.is_finite())
    }

    /// Writes the residuals at `u` into `residuals` and their Jacobian into
    /// `jac` (2·points × free): analytic when the model allows, else by
    /// forward differences of [`FORWARD_STEP`]; false if an evaluation fails.
    pub(crate) fn residuals_and_jacobian(
        &self,
        u: &[f64],
        residuals: &mut [f64],
        jac: &mut DMatrix<f64>,
    ) -> bool {
        if self.analytic {
            return self.fill_analytic(u, residuals, jac);
        }
        self.fill_residuals(u, residuals) && self.fill_forward_jacobian(u, residuals, jac)
    }

    /// Writes into `jac` the forward differences of [`FORWARD_STEP`] from
    /// the residuals `base` at `u`; false if an evaluation fails.
    fn fill_forward_jacobian(&self, u: &[f64], base: &[f64], jac: &mut DMatrix<f64>) -> bool {
        if jac.shape() != (base.len(), u.len()) {
            return false;
        }
        let mut shifted = u.to_vec();
        let mut plus = vec![0.0; base.len()];
        for j in 0..u.len() {
            shifted[j] = u[j] + FORWARD_STEP;
            let ok = self.fill_residuals(&shifted, &mut plus);
            shifted[j] = u[j];
            if !ok {
                return false;
            }
            for (dst, (p, b)) in jac.column_mut(j).iter_mut().zip(plus.iter().zip(base)) {
                *dst = (p - b) / FORWARD_STEP;
            }
        }
        true
    }

    /// The Jacobian of the residuals with respect to the transformed free
    /// values at `u`: analytic when the model allows, else by central
    /// differences; None if an evaluation fails.
    pub fn jacobian_at(&self, u: &[f64]) -> Option<DMatrix<f64>> {
        let rows = self.residual_count();
        if self.analytic {
            let mut jac = DMatrix::<f64>::zeros(rows, u.len());
            let mut residuals = vec![0.0; rows];
            return self
                .fill_analytic(u, &mut residuals, &mut jac)
                .then_some(jac);
        }
        let mut jac = DMatrix::<f64>::zeros(rows, u.len());
        let mut shifted = u.to_vec();
        let mut plus = vec![0.0; rows];
        let mut minus = vec![0.0; rows];
        for j in 0..u.len() {
            shifted[j] = u[j] + DIFF_STEP;
            let ok_plus = self.fill_residuals(&shifted, &mut plus);
            shifted[j] = u[j] - DIFF_STEP;
            let ok_minus = self.fill_residuals(&shifted, &mut minus);
            shifted[j] = u[j];
            if !(ok_plus && ok_minus) {
                return None;
            }
            for (dst, (p, m)) in jac.column_mut(j).iter_mut().zip(plus.iter().zip(&minus)) {
                *dst = (p - m) / (2.0 * DIFF_STEP);
            }
        }
        Some(jac)
    }
}

impl<M: Model + Clone> LeastSquaresProblem<f64, Dyn, Dyn> for Problem<'_, M> {
    type ResidualStorage = Owned<f64, Dyn>;
    type JacobianStorage = Owned<f64, Dyn, Dyn>;
    type ParameterStorage = Owned<f64, Dyn>;

    fn set_params(&mut self, u: &DVector<f64>) {
        self.u.copy_from(u);
    }

    fn params(&self) -> DVector<f64> {
        self.u.clone()
    }

    fn residuals(&self) -> Option<DVector<f64>> {
        let mut out = DVector::<f64>::zeros(self.residual_count());
        if self.analytic {
            // The optimiser asks for the Jacobian at most accepted points:
            // compute it with the residuals, from the same evaluations.
            let u = self.u.as_slice();
            let mut jac = DMatrix::<f64>::zeros(self.residual_count(), u.len());
            let ok = self.fill_analytic(u, out.as_mut_slice(), &mut jac);
            *self.jacobian_cache.borrow_mut() = ok.then(|| (u.to_vec(), jac));
            return ok.then_some(out);
        }
        let ok = self.fill_residuals(self.u.as_slice(), out.as_mut_slice());
        if !self.analytic {
            *self.last.borrow_mut() =
                ok.then(|| (self.u.as_slice().to_vec(), out.as_slice().to_vec()));
        }
        ok.then_some(out)
    }

    fn jacobian(&self) -> Option<DMatrix<f64>> {
        let u = self.u.as_slice();
        let rows = self.residual_count();
        if self.analytic {
            let cached = self.jacobian_cache.borrow_mut().take();
            if let Some((_, jac)) = cached.filter(|(at, _)| at.as_slice() == u) {
                return Some(jac);
            }
            return self.jacobian_at(u);
        }
        let cached = self
            .last
            .borrow_mut()
            .take()
            .filter(|(at, _)| at.as_slice() == u);
        let base = match cached {
            Some((_, r)) => r,
            None => {
                let mut r = vec![0.0; rows];
                if !self.fill_residuals(u, &mut r) {
                    return None;
                }
                r
            }
        };
        let mut jac = DMatrix::<f64>::zeros(rows, u.len());
        self.fill_forward_jacobian(u, &base, &mut jac)
            .then_some(jac)
    }
}

/// What one Levenberg–Marquardt run produced.
#[derive(Debug, Clone)]
pub struct Run {
    /// Transformed free values at the end.
    pub u: Vec<f64>,
    /// Σ r² at the end (NaN if the run failed before any evaluation).
    pub chi2: f64,
    /// Residual evaluations used.
    pub evaluations: usize,
    /// Why it stopped, in words.
    pub stop_reason: String,
    /// True when the optimiser met a convergence criterion.
    pub converged: bool,
}

/// Evaluations, in units of (free + 1), after which a Levenberg–Marquardt
/// run that has not converged is restarted from its best point.
///
/// The solver scales each parameter's step by the largest norm its Jacobian
/// column has had during the run (MINPACK's diagonal, which only grows). A
/// parameter running off to its bound in fit space (ln R → −∞ for a series
/// resistance the data want at 0) has a column that shrinks with it, so its
/// steps stay sized for where it started: the run crawls until it runs out of
/// evaluations (the Gamry fixture's circuits used all 60·(free + 1) in every
/// start). A restart takes the column norms afresh, and a run that converges
/// within this many evaluations is not touched. Chosen on the instrument
/// fixtures (`docs/BENCHMARKS.md`, "Gamry first fit"): 5 used the fewest
/// evaluations without changing any model or verdict.
pub const RESTART_PATIENCE: usize = 5;

/// Runs Levenberg–Marquardt from the problem's current point, at most
/// `patience·(free + 1)` residual evaluations, restarted from its best point
/// every [`RESTART_PATIENCE`]·(free + 1) of them until it converges.
pub fn minimize<M: Model + Clone>(
    problem: Problem<'_, M>,
    patience: usize,
) -> (Problem<'_, M>, Run) {
    let per_patience = problem.u().len() + 1;
    let budget = patience.max(1) * per_patience;
    let mut chunk = RESTART_PATIENCE.min(patience.max(1));
    let mut problem = problem;
    let mut used = 0;
    let report = loop {
        let solver = LevenbergMarquardt::new()
            .with_ftol(1e-10)
            .with_xtol(1e-8)
            .with_gtol(1e-12)
            .with_patience(chunk);
        let (ended, mut report) = solver.minimize(problem);
        problem = ended;
        used += report.number_of_evaluations;
        report.number_of_evaluations = used;
        chunk = RESTART_PATIENCE.min(budget.saturating_sub(used) / per_patience);
        if !matches!(report.termination, TerminationReason::LostPatience) || chunk == 0 {
            break report;
        }
    };
    let u = problem.u().as_slice().to_vec();
    let mut chi2 = 2.0 * report.objective_function;
    if !report.termination.was_successful() {
        // The solver may stop at a point it could not evaluate while
        // reporting the χ² of an earlier one: the run's χ² is its end's.
        let mut r = vec![0.0; problem.residual_count()];
        chi2 = if problem.fill_residuals(&u, &mut r) {
            r.iter().map(|x| x * x).sum()
        } else {
            f64::INFINITY
        };
        if chi2.is_nan() {
            chi2 = f64::INFINITY;
        }
    }
    let run = Run {
        u,
        chi2,
        evaluations: report.number_of_evaluations,
        stop_reason: describe(&report.termination),
        converged: report.termination.was_successful(),
    };
    (problem, run)
}

/// A plain sentence for a termination reason.
fn describe(reason: &TerminationReason) -> String {
    match reason {
        TerminationReason::ResidualsZero => "residuals are zero".into(),
        TerminationReason::Orthogonal => {
            "gradient vanished (residuals orthogonal to the Jacobian)".into()
        }
        TerminationReason::Converged { ftol, xtol } => match (ftol, xtol) {
            (true, true) => "converged: χ² and parameters stopped changing".into(),
            (true, false) => "converged: χ² stopped changing".into(),
            _ => "converged: parameters stopped changing".into(),
        },
        TerminationReason::LostPatience => "stopped at the evaluation limit".into(),
        TerminationReason::NoImprovementPossible(what) => {
            format!("no further improvement possible ({what})")
        }
        TerminationReason::Numerical(what) => format!("numerical failure ({what} not finite)"),
        TerminationReason::User(what) => format!("model could not be evaluated ({what})"),
        TerminationReason::NoParameters => "no free parameters".into(),
        TerminationReason::NoResiduals => "no data points".into(),
        TerminationReason::WrongDimensions(what) => format!("internal dimension mismatch ({what})"),
    }
}

#[cfg(test)]
mod tests;
