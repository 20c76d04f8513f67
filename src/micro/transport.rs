//! Steady conduction through the conducting phases of a volume, per axis,
//! with TauFactor's definitions (Cooper et al., SoftwareX 5 (2016) 203;
//! Kench et al., J. Open Source Softw. 8 (2023) 5358) so that numbers
//! compare:
//!
//! - finite volumes on the voxel grid, 6 neighbours, face conductance the
//!   harmonic mean 2σ_iσ_j/(σ_i + σ_j);
//! - potential 1 and 0 on the planes half a voxel outside the first and the
//!   last layer normal to the axis, no flux through the other four faces;
//! - σ_eff = I·L/(A·ΔV) with I the current, L = n voxels along the axis and
//!   A the cross-section in voxels;
//! - τ = ε·σ/σ_eff for one conducting phase and τ = Σ_p ε_p·σ_p/σ_eff for
//!   several (Eq. 17 of the review), ε_p the volume fraction of phase p in
//!   the whole volume (isolated clusters included, as TauFactor's VF).
//!
//! Only the voxels of clusters that touch both Dirichlet planes are
//! unknowns: the others carry no current and would make the matrix
//! singular. A phase with no such cluster has no τ, and says so.
//!
//! Solver: flexible conjugate gradients preconditioned by aggregation
//! multigrid ([`crate::numerics`]) to a true relative residual of 1e-6 (or
//! the tolerance given), tightened tenfold while the inlet and outlet
//! currents differ by more than the flux tolerance.

use super::components::Components;
use super::phases::PhaseTable;
use super::volume::{along, shape_along, Axis, Volume};
use crate::error::{Error, Result};
use crate::numerics::sparse::cg::{self, Problem};
use crate::numerics::sparse::grid::GridLaplacian;
use crate::numerics::sparse::multigrid::{Cycle, Multigrid};
use crate::numerics::sparse::Level;

/// Solver settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Relative residual ‖b − A·φ‖/‖b‖ to reach.
    pub tolerance: f64,
    /// Largest |I_in − I_out|/I accepted; the tolerance is tightened
    /// (down to 1e-10) until it holds.
    pub flux_tolerance: f64,
    /// Most CG iterations per solve.
    pub max_iterations: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tolerance: 1e-6,
            flux_tolerance: 1e-4,
            max_iterations: 1000,
        }
    }
}

/// What a solve is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Labelling the connected clusters.
    Connectivity,
    /// Building the multigrid hierarchy for an axis.
    Setup,
    /// Iterating.
    Solve,
}

/// Reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub axis: Option<Axis>,
    pub stage: Stage,
    pub iteration: usize,
    /// ‖b − A·φ‖/‖b‖ (1 before the first iteration).
    pub relative_residual: f64,
}

/// The transport of the conducting phases along one axis.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisResult {
    pub axis: Axis,
    /// τ; `None` when no cluster connects the two faces (see `reason`).
    pub tau: Option<f64>,
    /// Why there is no τ.
    pub reason: Option<String>,
    /// Σ ε_p of the conducting phases (whole volume).
    pub volume_fraction: f64,
    /// Share of the conducting voxels in clusters touching both faces.
    pub percolating_fraction: f64,
    /// σ_eff/σ̄ with σ̄ = Σ ε_pσ_p/Σ ε_p (σ_eff/σ for one phase) = ε/τ.
    pub relative_conductivity: f64,
    /// CG iterations.
    pub iterations: usize,
    /// Final relative residual ‖b − A·φ‖/‖b‖.
    pub residual: f64,
    /// |I_in − I_out| / ((I_in + I_out)/2).
    pub flux_mismatch: f64,
    /// Nodes of each multigrid level, finest first.
    pub levels: Vec<usize>,
    /// τ(x) between consecutive layers k and k + 1 (TauFactor's `tau_x`):
    /// ½(m_k + m_{k+1})·(φ̄_k − φ̄_{k+1})·A/I, with m_k = Σ_p ε_p,kσ_p/σ_max
    /// of layer k and φ̄_k the mean potential of its conducting voxels.
    pub tau_profile: Vec<f64>,
}

/// Solves every axis in `axes` and returns one result per axis.
/// `progress` is called often; returning `false` cancels (an error).
pub fn tortuosity(
    volume: &Volume,
    phases: &PhaseTable,
    axes: &[Axis],
    options: &Options,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Vec<AxisResult>> {
    let cancelled = || Error::Numerical("the solve was cancelled".into());
    let mut report = |axis, stage, iteration, relative_residual| {
        progress(&Progress {
            axis,
            stage,
            iteration,
            relative_residual,
        })
    };
    if !report(None, Stage::Connectivity, 0, 1.0) {
        return Err(cancelled());
    }
    let conducts: Vec<bool> = (0..=255u8).map(|c| phases.sigma(c) > 0.0).collect();
    // Bit a of spans[v]: voxel v is in a cluster touching both faces
    // normal to axis a. (The cluster labels, 4 bytes a voxel, are dropped.)
    let spans: Vec<u8> = {
        let components = Components::new(volume.shape, |v| conducts[volume.codes[v] as usize]);
        (0..volume.len())
            .map(|v| {
                (0..3).fold(0u8, |bits, a| {
                    bits | (u8::from(components.spans(v, a)) << a)
                })
            })
            .collect()
    };
    let counts = volume.counts();
    let n = volume.len() as f64;
    let sigma_max = phases.max_sigma();
    let volume_fraction: f64 = (0..256)
        .filter(|&c| conducts[c])
        .map(|c| counts[c] as f64 / n)
        .sum();
    // Σ ε_p·σ_p/σ_max.
    let weighted: f64 = (0..256)
        .map(|c| counts[c] as f64 / n * phases.sigma(c as u8) / sigma_max)
        .sum();
    let conducting_voxels = (volume_fraction * n).round();
    let mut results = Vec::with_capacity(axes.len());
    for &axis in axes {
        let a = axis.index();
        let spanning: Vec<u8> = spans.iter().map(|&b| (b >> a) & 1).collect();
        let percolating = spanning.iter().filter(|&&s| s == 1).count() as f64;
        let mut result = AxisResult {
            axis,
            tau: None,
            reason: None,
            volume_fraction,
            percolating_fraction: if conducting_voxels > 0.0 {
                percolating / conducting_voxels
            } else {
                0.0
            },
            relative_conductivity: 0.0,
            iterations: 0,
            residual: 0.0,
            flux_mismatch: 0.0,
            levels: Vec::new(),
            tau_profile: Vec::new(),
        };
        if conducting_voxels == 0.0 {
            result.reason = Some("no voxel of the conducting phase".into());
            results.push(result);
            continue;
        }
        if percolating == 0.0 {
            result.reason = Some(format!(
                "no cluster of the conducting phase connects the two faces normal to {}",
                axis.name()
            ));
            results.push(result);
            continue;
        }
        if !report(Some(axis), Stage::Setup, 0, 1.0) {
            return Err(cancelled());
        }
        let shape = shape_along(volume.shape, axis);
        let (_, codes) = volume.along(axis);
        let (_, spanning) = along(volume.shape, &spanning, axis);
        let sigma: Vec<f32> = (0..=255u8)
            .map(|c| (phases.sigma(c) / sigma_max) as f32)
            .collect();
        let layer = shape[1] * shape[2];
        let layer_weight: Vec<f64> = codes
            .chunks(layer)
            .map(|l| l.iter().map(|&c| f64::from(sigma[c as usize])).sum::<f64>() / layer as f64)
            .collect();
        let grid = GridLaplacian::new(
            shape,
            &|v| {
                if spanning[v] == 1 {
                    sigma[codes[v] as usize]
                } else {
                    0.0
                }
            },
            None,
            [true, true],
        );
        drop((codes, spanning));
        let solved = solve_potential(grid, options, &mut |iteration, residual| {
            report(Some(axis), Stage::Solve, iteration, residual)
        })?;
        let Solved {
            mg,
            phi,
            outcome,
            flux_in,
            flux_out,
        } = solved;
        let current = 0.5 * (flux_in + flux_out);
        let area = layer as f64;
        // σ_eff/σ_max = I·L/(A·ΔV), ΔV = 1.
        let sigma_eff = current * shape[0] as f64 / area;
        let tau = weighted / sigma_eff;
        result.tau = Some(tau);
        result.relative_conductivity = volume_fraction / tau;
        result.iterations = outcome.iterations;
        result.residual = outcome.relative_residual;
        result.flux_mismatch = (flux_in - flux_out).abs() / current;
        result.levels = mg.level_sizes();
        result.tau_profile = tau_profile(mg.fine(), &phi, &layer_weight, area, current);
        results.push(result);
    }
    Ok(results)
}

/// A converged potential and what it took.
pub(crate) struct Solved {
    pub mg: Multigrid,
    pub phi: Vec<f64>,
    pub outcome: cg::Outcome,
    pub flux_in: f64,
    pub flux_out: f64,
}

/// The problem FCG sees: the fine operator, its multigrid and the
/// Dirichlet right-hand side (inlet 1, outlet 0).
struct Steady<'a> {
    mg: &'a mut Multigrid,
}

impl Problem for Steady<'_> {
    fn len(&self) -> usize {
        self.mg.fine().len()
    }
    fn apply(&mut self, x: &[f32], y: &mut [f32]) {
        self.mg.apply(x, y);
    }
    fn precondition(&mut self, r: &[f32], z: &mut [f32]) {
        self.mg.precondition(r, z);
    }
    fn residual(&mut self, x: &[f64], r: &mut [f32]) -> f64 {
        self.mg.fine().true_residual(0.0, 1.0, x, r)
    }
}

/// Solves G·φ = b (inlet at potential 1, outlet 0) from the linear profile,
/// tightening the tolerance until the currents balance.
pub(crate) fn solve_potential(
    grid: GridLaplacian,
    options: &Options,
    progress: &mut dyn FnMut(usize, f64) -> bool,
) -> Result<Solved> {
    let nx = grid.dims()[0];
    let b_norm = grid.rhs_norm(1.0);
    let mut mg = Multigrid::new(grid, Cycle::K);
    let mut phi = vec![0.0f64; mg.fine().len()];
    let layout = mg.fine().layout().clone();
    for c in 0..2 {
        for k in 0..nx {
            phi[layout.range(c, k)].fill(1.0 - (k as f64 + 0.5) / nx as f64);
        }
    }
    let mut tolerance = options.tolerance;
    let mut iterations = 0;
    loop {
        let cg_options = cg::Options {
            tolerance,
            max_iterations: options.max_iterations.saturating_sub(iterations),
        };
        let done = iterations;
        let outcome = cg::solve(
            &mut Steady { mg: &mut mg },
            b_norm,
            &mut phi,
            &cg_options,
            &mut |k, r| progress(done + k, r),
        );
        iterations += outcome.iterations;
        if outcome.cancelled {
            return Err(Error::Numerical("the solve was cancelled".into()));
        }
        if !outcome.converged {
            return Err(Error::Numerical(format!(
                "the solver did not converge: relative residual {:e} after {iterations} iterations",
                outcome.relative_residual
            )));
        }
        let (flux_in, flux_out) = mg.fine().boundary_fluxes(&phi, 1.0);
        let mismatch = (flux_in - flux_out).abs() / (0.5 * (flux_in + flux_out));
        if mismatch <= options.flux_tolerance || tolerance <= 1e-10 {
            return Ok(Solved {
                mg,
                phi,
                outcome: cg::Outcome {
                    iterations,
                    ..outcome
                },
                flux_in,
                flux_out,
            });
        }
        tolerance *= 0.1;
    }
}

/// τ between consecutive layers (see [`AxisResult::tau_profile`]).
fn tau_profile(
    grid: &GridLaplacian,
    phi: &[f64],
    layer_weight: &[f64],
    area: f64,
    current: f64,
) -> Vec<f64> {
    let layout = grid.layout();
    let mean: Vec<Option<f64>> = (0..layout.planes())
        .map(|k| {
            let nodes: Vec<usize> = (0..2).flat_map(|c| layout.range(c, k)).collect();
            (!nodes.is_empty())
                .then(|| nodes.iter().map(|&i| phi[i]).sum::<f64>() / nodes.len() as f64)
        })
        .collect();
    mean.windows(2)
        .zip(layer_weight.windows(2))
        .map(|(m, w)| match (m[0], m[1]) {
            (Some(a), Some(b)) => 0.5 * (w[0] + w[1]) * (a - b) * area / current,
            // A spanning cluster has nodes in every layer.
            _ => 0.0,
        })
        .collect()
}

#[cfg(test)]
mod tests;
