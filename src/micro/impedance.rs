//! The blocking-electrode impedance of a voxel structure, as TauFactor's
//! impedance solver models it (Nguyen et al., npj Comput. Mater. 6 (2020)
//! 123; Kench et al. 2023): the ionic phase conducts (face conductance
//! σ·h between neighbours, 2σ·h to the inlet plane half a voxel before the
//! first layer), the electronic phase (active material, carbon) is one
//! perfect conductor at potential 0, and every face between an ionic and an
//! electronic voxel is a double layer of capacitance c_dl·h² from the ionic
//! voxel to ground. The ions enter at x = 0 (the separator side); the last
//! layer is blocking (no ionic flux out). Per frequency:
//!
//!   Σ_j G_ij(φ_i − φ_j) + G_b,i(φ_i − V) + iω·C_i·φ_i = 0,   Z = V / I_in,
//!
//! solved on the ionic voxels connected to the inlet (others carry no
//! current) by COCG preconditioned by the multigrid of G + ω·C.
//!
//! This is the two-rail line's ion–electron layout with R_e = 0 (MODELS.md,
//! Eq. 8) for a homogeneous electrode, so fitting the spectrum with
//! `fit::fit_line` gives R_ion and, through Eq. 3 and 17, a τ to compare
//! with the steady τ of [`super::transport`].

use num_complex::Complex64;

use super::components::{face_bit, Components};
use super::phases::PhaseTable;
use super::volume::Volume;
use crate::error::{Error, Result};
use crate::numerics::sparse::cg::{self, ComplexProblem};
use crate::numerics::sparse::grid::GridLaplacian;
use crate::numerics::sparse::multigrid::{Cycle, Multigrid};
use crate::spectrum::Spectrum;
use crate::units::um_to_cm;

/// The electrode of an impedance simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Electrode {
    /// The ionic phases and their conductivities, S/cm.
    pub ionic: PhaseTable,
    /// The labels of the electronic phase (perfect conductor).
    pub electronic: Vec<u16>,
    /// Double-layer capacitance per interface area, F/cm².
    pub c_dl_f_per_cm2: f64,
}

/// What the simulation gives besides the spectrum.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulated {
    pub spectrum: Spectrum,
    /// Electrode thickness (n_x voxels), cm.
    pub thickness_cm: f64,
    /// Cross-section (n_y·n_z voxels), cm².
    pub area_cm2: f64,
    /// Total double-layer capacitance of the connected ionic phase, F.
    pub c_dl_total_f: f64,
    /// Most COCG iterations at one frequency.
    pub max_iterations: usize,
}

/// Frequencies (Hz) that cover an electrode's transmission-line region:
/// 8 per decade from f_c/100 to f_c·min(1000, (n_x/3)²), with f_c =
/// 1/(2π·R·C) for R = L/(σ·ε·A) and C the total double layer. The upper
/// end keeps the penetration depth above about three voxels, where the
/// voxel ladder still behaves as the continuous line.
pub fn default_frequencies_hz(r_ion_estimate_ohm: f64, c_dl_total_f: f64, nx: usize) -> Vec<f64> {
    let f_c = 1.0 / (std::f64::consts::TAU * r_ion_estimate_ohm * c_dl_total_f);
    let top = ((nx as f64 / 3.0).powi(2)).clamp(10.0, 1000.0);
    let decades = (top * 100.0).log10();
    let points = (decades * 8.0).round() as usize + 1;
    (0..points)
        .map(|k| f_c * 0.01 * 10f64.powf(decades * k as f64 / (points - 1) as f64))
        .rev()
        .collect()
}

/// The problem COCG sees at one frequency.
struct Ac<'a> {
    mg: &'a mut Multigrid,
    /// ω·c_dl·h/σ_ref: the shift of the normalised operator G + i·shift·S.
    shift: f64,
    s: Vec<f64>,
    b: Vec<Complex64>,
    parts: [Vec<f64>; 4],
    f32s: [Vec<f32>; 2],
}

impl ComplexProblem for Ac<'_> {
    fn len(&self) -> usize {
        self.s.len()
    }

    fn apply(&mut self, x: &[Complex64], y: &mut [Complex64]) {
        let [re, im, gre, gim] = &mut self.parts;
        for (k, v) in x.iter().enumerate() {
            re[k] = v.re;
            im[k] = v.im;
        }
        self.mg.fine().apply_f64(re, gre);
        self.mg.fine().apply_f64(im, gim);
        for k in 0..y.len() {
            let ws = self.shift * self.s[k];
            y[k] = Complex64::new(gre[k] - ws * im[k], gim[k] + ws * re[k]);
        }
    }

    fn precondition(&mut self, r: &[Complex64], z: &mut [Complex64]) {
        let [a, b] = &mut self.f32s;
        let n = r.len();
        let mut part = |take: &dyn Fn(&Complex64) -> f64, out: &mut Vec<f64>| {
            for (k, v) in r.iter().enumerate() {
                a[k] = take(v) as f32;
            }
            self.mg.precondition(a, b);
            out.clear();
            out.extend(b.iter().map(|&v| f64::from(v)));
        };
        let (mut re, mut im) = (Vec::with_capacity(n), Vec::with_capacity(n));
        part(&|v| v.re, &mut re);
        part(&|v| v.im, &mut im);
        for k in 0..n {
            z[k] = Complex64::new(re[k], im[k]);
        }
    }

    fn rhs(&self) -> &[Complex64] {
        &self.b
    }
}

/// The blocking-electrode spectrum of `volume` at `frequencies_hz` (the
/// default grid when `None`). `progress(frequency index, iteration)`
/// returning false cancels.
pub fn simulate(
    volume: &Volume,
    electrode: &Electrode,
    frequencies_hz: Option<&[f64]>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Simulated> {
    crate::error::require_positive("c_dl_f_per_cm2", electrode.c_dl_f_per_cm2)?;
    let electronic: Vec<bool> = (0..256)
        .map(|c| {
            c < volume.labels.len()
                && electrode.electronic.contains(&volume.labels[c])
                && electrode.ionic.sigma(c as u8) == 0.0
        })
        .collect();
    let sigma_ref = electrode.ionic.max_sigma();
    let ionic = |v: usize| electrode.ionic.sigma(volume.codes[v]) > 0.0;
    // Ionic clusters connected to the inlet face (x = 0).
    let comps = Components::new(volume.shape, ionic);
    let inlet = face_bit(0, false);
    let connected = |v: usize| {
        let c = comps.id[v];
        c != super::components::NONE && comps.faces[c as usize] & inlet != 0
    };
    let [nx, ny, nz] = volume.shape;
    // Electronic faces of each voxel (inside the box).
    let contacts = |v: usize| -> f32 {
        let (x, y, z) = (v / (ny * nz), (v / nz) % ny, v % nz);
        [
            (z > 0).then(|| v - 1),
            (z + 1 < nz).then(|| v + 1),
            (y > 0).then(|| v - nz),
            (y + 1 < ny).then(|| v + nz),
            (x > 0).then(|| v - ny * nz),
            (x + 1 < nx).then(|| v + ny * nz),
        ]
        .into_iter()
        .flatten()
        .filter(|&u| electronic[volume.codes[u] as usize])
        .count() as f32
    };
    let grid = GridLaplacian::new(
        volume.shape,
        &|v| {
            if connected(v) {
                (electrode.ionic.sigma(volume.codes[v]) / sigma_ref) as f32
            } else {
                0.0
            }
        },
        Some(&|v| contacts(v)),
        [true, false],
    );
    if grid.is_empty() {
        return Err(Error::Inconsistent(
            "no ionic voxel touches the separator face (x = 0)".into(),
        ));
    }
    let n = grid.len();
    let s: Vec<f64> = (0..n).map(|i| f64::from(grid.capacitive(i))).collect();
    let contacts_total: f64 = s.iter().sum();
    if contacts_total == 0.0 {
        return Err(Error::Inconsistent(
            "the connected ionic phase touches no electronic voxel: no double layer".into(),
        ));
    }
    let h_cm = um_to_cm(volume.voxel_um);
    let thickness_cm = nx as f64 * h_cm;
    let area_cm2 = (ny * nz) as f64 * h_cm * h_cm;
    let c_dl_total_f = electrode.c_dl_f_per_cm2 * h_cm * h_cm * contacts_total;
    let mut b = vec![Complex64::new(0.0, 0.0); n];
    for i in grid.inlet_nodes() {
        b[i] = Complex64::new(f64::from(grid.boundary_conductance(i)), 0.0);
    }
    let inlet_nodes: Vec<usize> = grid.inlet_nodes().collect();
    let boundary: Vec<f64> = inlet_nodes
        .iter()
        .map(|&i| f64::from(grid.boundary_conductance(i)))
        .collect();
    let eps = n as f64 / volume.len() as f64;
    let frequencies: Vec<f64> = match frequencies_hz {
        Some(f) => f.to_vec(),
        None => default_frequencies_hz(
            thickness_cm / (sigma_ref * eps * area_cm2),
            c_dl_total_f,
            nx,
        ),
    };
    if frequencies.iter().any(|&f| !(f.is_finite() && f > 0.0)) {
        return Err(Error::Inconsistent(
            "frequencies must be finite and > 0 Hz".into(),
        ));
    }
    let mut mg = Multigrid::new(grid, Cycle::V);
    let mut ac = Ac {
        mg: &mut mg,
        shift: 0.0,
        s,
        b,
        parts: [vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]],
        f32s: [vec![0.0; n], vec![0.0; n]],
    };
    // From the highest frequency down, each solve starting from the last.
    let mut phi = vec![Complex64::new(0.0, 0.0); n];
    let mut z_ohm = Vec::with_capacity(frequencies.len());
    let mut max_iterations = 0;
    for (k, &f) in frequencies.iter().enumerate() {
        ac.shift = std::f64::consts::TAU * f * electrode.c_dl_f_per_cm2 * h_cm / sigma_ref;
        ac.mg.set_shift(ac.shift as f32);
        let options = cg::Options {
            tolerance: 1e-8,
            max_iterations: 2000,
        };
        let out = cg::solve_complex(&mut ac, &mut phi, &options, &mut |it, _| progress(k, it));
        if out.cancelled {
            return Err(Error::Numerical("the simulation was cancelled".into()));
        }
        if !out.converged {
            return Err(Error::Numerical(format!(
                "the impedance solve at {f} Hz did not converge (relative residual {:e})",
                out.relative_residual
            )));
        }
        max_iterations = max_iterations.max(out.iterations);
        // I = σ_ref·h·Σ 2σ_i(1 − φ_i) for V = 1.
        let current: Complex64 = inlet_nodes
            .iter()
            .zip(&boundary)
            .map(|(&i, &g)| g * (Complex64::new(1.0, 0.0) - phi[i]))
            .sum::<Complex64>()
            * (sigma_ref * h_cm);
        z_ohm.push(1.0 / current);
    }
    Ok(Simulated {
        spectrum: Spectrum {
            label: "simulated blocking electrode".into(),
            freq_hz: frequencies,
            z_ohm,
        },
        thickness_cm,
        area_cm2,
        c_dl_total_f,
        max_iterations,
    })
}

#[cfg(test)]
mod tests;
