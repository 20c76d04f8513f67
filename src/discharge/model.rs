//! The discretised model: residuals M·y′ = f(y) of each electrode, their
//! Jacobian, and the structured solve of M − c·J that the BDF integrator
//! asks for.
//!
//! # Equations (one composite electrode, x from the separator, 0, to the current collector, L)
//!
//! Signed electrode current I_el (A/cm²): +I for the cathode, −I for the
//! anode of a cell discharging at I. With i_e the ionic current in the SE
//! and i_s the electronic current (both towards +x), j the reaction current
//! per particle surface (> 0 oxidation), a = 3ε_AM/r:
//!
//! 1. charge conservation: ∂i_e/∂x = a·j, ∂i_s/∂x = −a·j, i_e + i_s = I_el;
//! 2. Ohm's law in both phases: i_e = −σ_i,eff·∂φ_e/∂x, i_s = −σ_e,eff·∂φ_s/∂x
//!    (single-ion SE, transference number 1: no concentration term);
//! 3. boundaries: i_e(0) = I_el, i_e(L) = 0, i_s(0) = 0, i_s(L) = I_el;
//!    reference φ_e(0) = 0 (the separator side);
//! 4. Butler–Volmer, α = ½: j = 2·i0(θ_s)·sinh(F·η/(2RT)),
//!    η = φ_s − φ_e − U(θ_s), i0(θ) = i0,ref·2·√(θ(1 − θ));
//! 5. Fick's law in each sphere: ∂θ/∂t = (D_s/r²)·(1/ρ²)·∂/∂ρ(ρ²·∂θ/∂ρ),
//!    ∂θ/∂ρ(0) = 0, −(D_s/R)·c_max·∂θ/∂ρ(1) = j/F (θ = c/c_max, ρ = r/R);
//! 6. the electrode's potential E = φ_s(L) − φ_e(0).
//!
//! Finite volumes: N equal cells across L (φ_e, φ_s, j at the centres,
//! currents at the faces; the Dirichlet φ_e(0) = 0 at half a cell's
//! distance), and in each cell one particle of N_r shells ([`Shells`]).
//! The surface stoichiometry is the straight line through the two outer
//! shells' midpoints carried to ρ = 1 (as PyBaMM's finite volumes do):
//! θ_s = (1 + e)·θ_{N_r−1} − e·θ_{N_r−2}. (Carrying the outer value with the
//! boundary flux instead puts half a shell's gradient on the surface at the
//! first instant, which the true solution only builds up as √t: with the
//! default mesh that start was 13 mV off PyBaMM's fine-mesh DFN.)
//!
//! Unknowns per cell, in this order: θ_0…θ_{N_r−1} (differential, mass =
//! shell volume), j, φ_e, φ_s (algebraic, mass 0). Rows, per cell k:
//!
//! - shell m: v_m·θ′_m = (D_s/R²)·[g_m·(θ_{m+1} − θ_m) − g_{m−1}·(θ_m − θ_{m−1})]
//!   − [m = N_r−1]·j/(F·c_max·R);
//! - j: 0 = BV(η, θ_s) − j;
//! - φ_e: 0 = h·a·j − (i_e,k+½ − i_e,k−½);
//! - φ_s: 0 = −h·a·j − (i_s,k+½ − i_s,k−½).
//!
//! # The linear solve
//!
//! M − c·J is block tridiagonal. In each cell the shells form one
//! tridiagonal block P (the same in every cell, factored once per c) coupled
//! to the rest only through j; eliminating the shells and then j leaves a
//! 2×2-block tridiagonal system in (φ_e, φ_s), solved by block Thomas. A
//! solve costs O(N·N_r) operations.

use super::mesh::{Mesh, Shells};
use super::ocp::{Ocp, FARADAY_C_PER_MOL, GAS_CONSTANT_J_PER_MOL_K};
use super::params::ElectrodeParams;
use crate::error::Result;
use crate::numerics::Dae;

/// The stoichiometry range the surface may reach before the model refuses
/// a state (i0 vanishes at 0 and 1).
pub(crate) const THETA_MARGIN: f64 = 1e-9;

/// One electrode's discretisation, its Jacobian and factorisation.
#[derive(Debug, Clone)]
pub(crate) struct Electrode {
    pub cells: usize,
    pub shells: usize,
    /// Index of this electrode's first unknown in the cell's vector.
    pub offset: usize,
    /// Cell width h, cm.
    pub h_cm: f64,
    pub sigma_i: f64,
    pub sigma_s: f64,
    pub area_per_cm: f64,
    pub current_a_per_cm2: f64,
    /// D_s/R², 1/s.
    d_over_r2: f64,
    /// 1/(F·c_max·R): θ-rate per reaction current, 1/(s·A/cm²)·… see row m.
    flux: f64,
    /// θ_s = w_last·θ_last + w_prev·θ_prev (straight-line extrapolation).
    w_last: f64,
    w_prev: f64,
    i0_ref: f64,
    /// F/(2RT), 1/V.
    f_half: f64,
    pub ocp: Ocp,
    grid: Shells,
    /// ∂BV/∂η and ∂BV/∂θ_s per cell (the Jacobian's nonlinear entries).
    g: Vec<f64>,
    dth: Vec<f64>,
    // Factorisation of M − c·J.
    c: f64,
    /// Thomas factors of P: inverse pivots, the multipliers, and the
    /// upper off-diagonal with its sign flipped (c·D/R²·g_m).
    p_inv: Vec<f64>,
    p_lower: Vec<f64>,
    p_upper: Vec<f64>,
    /// z = P⁻¹·e_last.
    z: Vec<f64>,
    /// q = c/(F·c_max·R), P's coupling to j.
    q: f64,
    kappa: Vec<f64>,
    gamma: Vec<f64>,
    /// Inverses of the block-Thomas pivots, row-major 2×2 per cell.
    pivot_inv: Vec<[f64; 4]>,
    // Scratch.
    w: Vec<f64>,
    rhs2: Vec<[f64; 2]>,
}

/// Size of one cell's block of unknowns.
pub(crate) fn block(shells: usize) -> usize {
    shells + 3
}

impl Electrode {
    /// The discretised electrode for parameters `p`, SE conductivity
    /// `sigma_i` (S/cm, at T), temperature `temperature_k`, signed current
    /// `current_a_per_cm2`, its unknowns starting at `offset`.
    pub fn new(
        p: &ElectrodeParams,
        mesh: Mesh,
        sigma_i: f64,
        temperature_k: f64,
        current_a_per_cm2: f64,
        offset: usize,
    ) -> Result<Electrode> {
        mesh.validate()?;
        let grid = Shells::new(mesh.shells);
        let r = p.radius_cm;
        let d = p.diffusivity_cm2_per_s;
        let c_max = p.c_max_mol_per_cm3;
        let n = mesh.cells;
        Ok(Electrode {
            cells: n,
            shells: mesh.shells,
            offset,
            h_cm: p.thickness_cm / n as f64,
            sigma_i: p.sigma_i_eff_s_per_cm(sigma_i)?,
            sigma_s: p.sigma_e_eff_s_per_cm,
            area_per_cm: p.specific_area_per_cm(),
            current_a_per_cm2,
            d_over_r2: d / (r * r),
            flux: 1.0 / (FARADAY_C_PER_MOL * c_max * r),
            w_last: 1.0 + grid.extrapolation,
            w_prev: -grid.extrapolation,
            i0_ref: p.i0_ref_a_per_cm2,
            f_half: FARADAY_C_PER_MOL / (2.0 * GAS_CONSTANT_J_PER_MOL_K * temperature_k),
            ocp: p.ocp.clone(),
            grid,
            g: vec![0.0; n],
            dth: vec![0.0; n],
            c: 0.0,
            p_inv: vec![0.0; mesh.shells],
            p_lower: vec![0.0; mesh.shells],
            p_upper: vec![0.0; mesh.shells],
            z: vec![0.0; mesh.shells],
            q: 0.0,
            kappa: vec![0.0; n],
            gamma: vec![0.0; n],
            pivot_inv: vec![[0.0; 4]; n],
            w: vec![0.0; mesh.shells],
            rhs2: vec![[0.0; 2]; n],
        })
    }

    pub fn len(&self) -> usize {
        self.cells * block(self.shells)
    }

    /// Index of cell k's unknowns within this electrode.
    fn at(&self, k: usize) -> usize {
        self.offset + k * block(self.shells)
    }

    pub fn mass(&self, m: &mut [f64]) {
        for k in 0..self.cells {
            let b = self.at(k);
            m[b..b + self.shells].copy_from_slice(&self.grid.volume);
            m[b + self.shells..b + self.shells + 3].fill(0.0);
        }
    }

    /// θ_s of cell k.
    pub fn theta_surface(&self, y: &[f64], k: usize) -> f64 {
        let b = self.at(k);
        let nr = self.shells;
        self.w_last * y[b + nr - 1] + self.w_prev * y[b + nr - 2]
    }

    /// Butler–Volmer at cell k: (j_BV, ∂j/∂η, ∂j/∂θ_s, η); None outside the domain.
    fn kinetics(&self, theta_s: f64, dphi: f64) -> Option<(f64, f64, f64, f64)> {
        if !(theta_s > THETA_MARGIN && theta_s < 1.0 - THETA_MARGIN) {
            return None;
        }
        let (u, du) = self.ocp.evaluate(theta_s);
        let eta = dphi - u;
        let root = (theta_s * (1.0 - theta_s)).sqrt();
        let i0 = 2.0 * self.i0_ref * root;
        let di0 = self.i0_ref * (1.0 - 2.0 * theta_s) / root;
        let arg = self.f_half * eta;
        let (sh, ch) = (arg.sinh(), arg.cosh());
        let j = 2.0 * i0 * sh;
        let dj_deta = 2.0 * i0 * self.f_half * ch;
        let dj_dtheta = 2.0 * di0 * sh - dj_deta * du;
        (j.is_finite() && dj_deta.is_finite()).then_some((j, dj_deta, dj_dtheta, eta))
    }

    /// η at cell k (V).
    pub fn overpotential(&self, y: &[f64], k: usize) -> f64 {
        let b = self.at(k);
        let theta_s = self.theta_surface(y, k);
        y[b + self.shells + 2] - y[b + self.shells + 1] - self.ocp.evaluate(theta_s).0
    }

    /// f(y) of this electrode into `f`; false outside the domain.
    pub fn rhs(&self, y: &[f64], f: &mut [f64]) -> bool {
        let nr = self.shells;
        let (n, h) = (self.cells, self.h_cm);
        for k in 0..n {
            let b = self.at(k);
            // Shells.
            for m in 0..nr {
                let mut flow = 0.0;
                if m + 1 < nr {
                    flow += self.grid.conductance[m] * (y[b + m + 1] - y[b + m]);
                }
                if m > 0 {
                    flow -= self.grid.conductance[m - 1] * (y[b + m] - y[b + m - 1]);
                }
                f[b + m] = self.d_over_r2 * flow;
            }
            let j = y[b + nr];
            f[b + nr - 1] -= self.flux * j;
            let theta_s = self.theta_surface(y, k);
            let Some((j_bv, ..)) = self.kinetics(theta_s, y[b + nr + 2] - y[b + nr + 1]) else {
                return false;
            };
            f[b + nr] = j_bv - j;
            // Currents at the faces of cell k.
            let phi_e = y[b + nr + 1];
            let phi_s = y[b + nr + 2];
            let (ie_left, is_left) = if k == 0 {
                (-self.sigma_i * phi_e / (0.5 * h), 0.0)
            } else {
                let bl = self.at(k - 1);
                (
                    -self.sigma_i * (phi_e - y[bl + nr + 1]) / h,
                    -self.sigma_s * (phi_s - y[bl + nr + 2]) / h,
                )
            };
            let (ie_right, is_right) = if k + 1 == n {
                (0.0, self.current_a_per_cm2)
            } else {
                let br = self.at(k + 1);
                (
                    -self.sigma_i * (y[br + nr + 1] - phi_e) / h,
                    -self.sigma_s * (y[br + nr + 2] - phi_s) / h,
                )
            };
            let source = h * self.area_per_cm * j;
            f[b + nr + 1] = source - (ie_right - ie_left);
            f[b + nr + 2] = -source - (is_right - is_left);
        }
        true
    }

    /// Keeps ∂BV/∂η and ∂BV/∂θ_s at y.
    pub fn update_jacobian(&mut self, y: &[f64]) -> bool {
        let nr = self.shells;
        for k in 0..self.cells {
            let b = self.at(k);
            let theta_s = self.theta_surface(y, k);
            let Some((_, g, dth, _)) = self.kinetics(theta_s, y[b + nr + 2] - y[b + nr + 1]) else {
                return false;
            };
            self.g[k] = g;
            self.dth[k] = dth;
        }
        true
    }

    /// Factorises M − c·J (see the module docs).
    pub fn factor(&mut self, c: f64) -> bool {
        let nr = self.shells;
        let n = self.cells;
        self.c = c;
        // P = diag(v) − c·(D/R²)·(diffusion stencil), tridiagonal, symmetric.
        let k = c * self.d_over_r2;
        let g = &self.grid.conductance;
        let mut prev_diag = 0.0;
        for m in 0..nr {
            let mut diag = self.grid.volume[m];
            if m + 1 < nr {
                diag += k * g[m];
            }
            if m > 0 {
                diag += k * g[m - 1];
                // Off-diagonals −k·g[m−1]; multiplier l = off/prev pivot.
                let l = -k * g[m - 1] / prev_diag;
                self.p_lower[m] = l;
                diag -= l * (-k * g[m - 1]);
            }
            if !(diag.is_finite() && diag > 0.0) {
                return false;
            }
            self.p_inv[m] = 1.0 / diag;
            self.p_upper[m] = if m + 1 < nr { k * g[m] } else { 0.0 };
            prev_diag = diag;
        }
        self.z.fill(0.0);
        self.z[nr - 1] = 1.0;
        let mut z = std::mem::take(&mut self.z);
        self.solve_p(&mut z);
        self.z = z;
        self.q = c * self.flux;
        let z_last = self.z[nr - 1];
        let h = self.h_cm;
        let (si, ss) = (self.sigma_i / h, self.sigma_s / h);
        let mut prev_inv = [0.0; 4];
        for cell in 0..n {
            let dth = self.dth[cell];
            let kappa = 1.0 + dth * self.q * (self.w_last * z_last + self.w_prev * self.z[nr - 2]);
            if !(kappa.is_finite() && kappa.abs() > 1e-300) {
                return false;
            }
            self.kappa[cell] = kappa;
            let gamma = h * self.area_per_cm * self.g[cell] / kappa;
            self.gamma[cell] = gamma;
            // Diagonal block of the reduced (φ_e, φ_s) system, then the
            // block-Thomas pivot D'_k = D_k − L·D'^{-1}_{k−1}·U, L = U = diag(si, ss).
            let neighbours = (cell > 0) as usize as f64 + (cell + 1 < n) as usize as f64;
            let mut a = -si * neighbours - gamma;
            if cell == 0 {
                a -= 2.0 * si;
            }
            let (mut b, mut cc) = (gamma, gamma);
            let mut d = -ss * neighbours - gamma;
            if cell > 0 {
                let p = prev_inv;
                a -= si * p[0] * si;
                b -= si * p[1] * ss;
                cc -= ss * p[2] * si;
                d -= ss * p[3] * ss;
            }
            let det = a * d - b * cc;
            if !(det.is_finite() && det != 0.0) {
                return false;
            }
            let inv = [d / det, -b / det, -cc / det, a / det];
            self.pivot_inv[cell] = inv;
            prev_inv = inv;
        }
        true
    }

    /// Overwrites v (length N_r) with P⁻¹·v.
    fn solve_p(&self, v: &mut [f64]) {
        let nr = self.shells;
        for m in 1..nr {
            v[m] -= self.p_lower[m] * v[m - 1];
        }
        // Back substitution: the upper off-diagonal of row m is −p_upper[m].
        v[nr - 1] *= self.p_inv[nr - 1];
        for m in (0..nr - 1).rev() {
            v[m] = (v[m] + self.p_upper[m] * v[m + 1]) * self.p_inv[m];
        }
    }

    /// Overwrites this electrode's part of b with (M − c·J)⁻¹·b.
    pub fn solve(&mut self, b: &mut [f64]) {
        let nr = self.shells;
        let n = self.cells;
        let h = self.h_cm;
        let (si, ss) = (self.sigma_i / h, self.sigma_s / h);
        let inv_c = 1.0 / self.c;
        let mut w = std::mem::take(&mut self.w);
        // Per cell: w = P⁻¹·b_θ, then the reduced right-hand sides.
        for k in 0..n {
            let base = self.at(k);
            w.copy_from_slice(&b[base..base + nr]);
            self.solve_p(&mut w);
            b[base..base + nr].copy_from_slice(&w);
            // Algebraic rows scaled: J·x = −b/c.
            let rho_j = -b[base + nr] * inv_c;
            let rho_e = -b[base + nr + 1] * inv_c;
            let rho_s = -b[base + nr + 2] * inv_c;
            let surface = self.w_last * w[nr - 1] + self.w_prev * w[nr - 2];
            let s = (self.dth[k] * surface - rho_j) / self.kappa[k];
            b[base + nr] = s; // keep s for the back substitution
            let src = h * self.area_per_cm * s;
            self.rhs2[k] = [rho_e - src, rho_s + src];
        }
        // Block Thomas, forward: r'_k = r_k − L·D'^{-1}_{k−1}·r'_{k−1}.
        for k in 1..n {
            let p = self.pivot_inv[k - 1];
            let r = self.rhs2[k - 1];
            let (x0, x1) = (p[0] * r[0] + p[1] * r[1], p[2] * r[0] + p[3] * r[1]);
            self.rhs2[k][0] -= si * x0;
            self.rhs2[k][1] -= ss * x1;
        }
        // Backward: x_k = D'^{-1}_k·(r'_k − U·x_{k+1}).
        let mut next = [0.0; 2];
        for k in (0..n).rev() {
            let mut r = self.rhs2[k];
            if k + 1 < n {
                r[0] -= si * next[0];
                r[1] -= ss * next[1];
            }
            let p = self.pivot_inv[k];
            let x = [p[0] * r[0] + p[1] * r[1], p[2] * r[0] + p[3] * r[1]];
            let base = self.at(k);
            b[base + nr + 1] = x[0];
            b[base + nr + 2] = x[1];
            next = x;
        }
        // Back substitution for j and the shells.
        for k in 0..n {
            let base = self.at(k);
            let psi = b[base + nr + 2] - b[base + nr + 1];
            let xj = b[base + nr] + self.g[k] * psi / self.kappa[k];
            b[base + nr] = xj;
            for m in 0..nr {
                b[base + m] -= self.q * self.z[m] * xj;
            }
        }
        self.w = w;
    }

    /// E = φ_s(L) − φ_e(0), V.
    pub fn potential_v(&self, y: &[f64]) -> f64 {
        let last = self.at(self.cells - 1);
        y[last + self.shells + 2] - 0.5 * self.h_cm * self.current_a_per_cm2 / self.sigma_s
    }

    /// A starting state: θ0 in every shell, uniform reaction, potentials
    /// near the open circuit (made consistent by the integrator's
    /// consistent start).
    pub fn initial_state(&self, theta0: f64, thickness_cm: f64, y: &mut [f64]) {
        let nr = self.shells;
        let j = -self.current_a_per_cm2 / (self.area_per_cm * thickness_cm);
        // Butler–Volmer inverted for the uniform reaction current.
        let i0 = 2.0 * self.i0_ref * (theta0 * (1.0 - theta0)).sqrt();
        let eta = (j / (2.0 * i0)).asinh() / self.f_half;
        let u = self.ocp.evaluate(theta0).0 + eta;
        for k in 0..self.cells {
            let b = self.at(k);
            y[b..b + nr].fill(theta0);
            y[b + nr] = j;
            y[b + nr + 1] = 0.0;
            y[b + nr + 2] = u;
        }
    }

    /// The shells' volume-averaged θ in cell k.
    pub fn theta_mean(&self, y: &[f64], k: usize) -> f64 {
        let b = self.at(k);
        let total: f64 = self.grid.volume.iter().sum();
        self.grid
            .volume
            .iter()
            .zip(&y[b..b + self.shells])
            .map(|(v, t)| v * t)
            .sum::<f64>()
            / total
    }

    /// j, φ_e, φ_s of cell k.
    pub fn cell_values(&self, y: &[f64], k: usize) -> (f64, f64, f64) {
        let b = self.at(k) + self.shells;
        (y[b], y[b + 1], y[b + 2])
    }

    /// Absolute tolerances: θ, j, φ.
    pub fn atol(&self, theta: f64, j: f64, phi: f64, out: &mut [f64]) {
        let nr = self.shells;
        for k in 0..self.cells {
            let b = self.at(k);
            out[b..b + nr].fill(theta);
            out[b + nr] = j;
            out[b + nr + 1] = phi;
            out[b + nr + 2] = phi;
        }
    }
}

/// The cell: one or two electrodes, block-diagonal.
#[derive(Debug, Clone)]
pub(crate) struct CellDae {
    pub electrodes: Vec<Electrode>,
    pub len: usize,
}

impl Dae for CellDae {
    fn unknowns(&self) -> usize {
        self.len
    }
    fn mass(&self, diagonal: &mut [f64]) {
        for e in &self.electrodes {
            e.mass(diagonal);
        }
    }
    fn rhs(&mut self, _t: f64, y: &[f64], f: &mut [f64]) -> bool {
        self.electrodes.iter().all(|e| e.rhs(y, f)) && f.iter().all(|v| v.is_finite())
    }
    fn update_jacobian(&mut self, _t: f64, y: &[f64]) -> bool {
        self.electrodes.iter_mut().all(|e| e.update_jacobian(y))
    }
    fn factor(&mut self, c: f64) -> bool {
        self.electrodes.iter_mut().all(|e| e.factor(c))
    }
    fn solve(&mut self, b: &mut [f64]) {
        for e in &mut self.electrodes {
            e.solve(b);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
