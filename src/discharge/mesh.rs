//! The finite-volume meshes: cells of equal width across the electrode's
//! thickness, and concentric shells in the particle radius.
//!
//! The particle is meshed in ρ = r/R ∈ [0, 1] with shells whose width
//! shrinks geometrically towards the surface, the innermost [`SHELL_STRETCH`]
//! times as wide as the outermost whatever their number (so refining
//! refines everywhere), since the surface is where the concentration bends
//! most during a discharge; every shell's volume and face area are exact for
//! a sphere, so the scheme conserves Li to rounding.

use crate::error::{Error, Result};

/// Width of the innermost shell over the outermost's.
pub const SHELL_STRETCH: f64 = 10.0;

/// How finely to mesh one electrode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mesh {
    /// Cells across the thickness, ≥ 2.
    pub cells: usize,
    /// Shells in the particle radius, ≥ 2.
    pub shells: usize,
}

impl Default for Mesh {
    /// The default mesh: delivered capacity within 0.1 % of the mesh twice
    /// as fine in both directions (the mesh-convergence test).
    fn default() -> Self {
        Mesh {
            cells: 20,
            shells: 16,
        }
    }
}

impl Mesh {
    /// This mesh with both counts multiplied by `factor`.
    pub fn refined(self, factor: usize) -> Mesh {
        Mesh {
            cells: self.cells * factor,
            shells: self.shells * factor,
        }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.cells < 2 || self.shells < 2 || self.cells > 10_000 || self.shells > 10_000 {
            return Err(Error::Inconsistent(format!(
                "mesh of {} cells and {} shells: each must be 2 to 10000",
                self.cells, self.shells
            )));
        }
        Ok(())
    }
}

/// The shells of the unit sphere: faces ρ_0 = 0 < ρ_1 < … < ρ_N = 1.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shells {
    /// v_m = (ρ_{m+1}³ − ρ_m³)/3, the shell's volume over 4π.
    pub volume: Vec<f64>,
    /// ρ_{m+1}²/(c_{m+1} − c_m) between shells m and m + 1 (c: shell
    /// midpoints), the diffusive conductance of the face over 4π.
    pub conductance: Vec<f64>,
    /// e = (1 − c_{N−1})/(c_{N−1} − c_{N−2}): θ(1) ≈ (1 + e)·θ_{N−1} − e·θ_{N−2},
    /// the straight line through the two outer midpoints carried to the surface.
    pub extrapolation: f64,
}

impl Shells {
    pub fn new(count: usize) -> Shells {
        // Widths w_m ∝ q^m, q = SHELL_STRETCH^(−1/(N−1)), summing to 1.
        let q = SHELL_STRETCH.powf(-1.0 / (count - 1) as f64);
        let widths: Vec<f64> = (0..count).map(|m| q.powi(m as i32)).collect();
        let total: f64 = widths.iter().sum();
        let mut faces = Vec::with_capacity(count + 1);
        faces.push(0.0);
        let mut acc = 0.0;
        for w in &widths {
            acc += w / total;
            faces.push(acc);
        }
        faces[count] = 1.0;
        let centres: Vec<f64> = faces.windows(2).map(|f| 0.5 * (f[0] + f[1])).collect();
        let volume = faces
            .windows(2)
            .map(|f| (f[1].powi(3) - f[0].powi(3)) / 3.0)
            .collect();
        let conductance = (0..count - 1)
            .map(|m| faces[m + 1].powi(2) / (centres[m + 1] - centres[m]))
            .collect();
        Shells {
            volume,
            conductance,
            extrapolation: (1.0 - centres[count - 1]) / (centres[count - 1] - centres[count - 2]),
        }
    }
}

#[cfg(test)]
mod tests;
