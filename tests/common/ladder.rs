//! The two-rail line as a discrete circuit, solved from Kirchhoff's laws
//! alone — no hyperbolic function appears — to check the closed forms.
//!
//! Discretisation: N equal segments. Each segment is a "T": half of its
//! rail resistance (R_ion/N, R_e/N) on each side of a midpoint node on
//! each rail, and the interface admittance Y/N joins the two midpoints
//! (midpoint rule, error O(1/N²)). The rails' end nodes at x = 0 and x = L
//! carry the terminals of the layout; the other ends are open.
//!
//! Solution: the network beyond a pair of midpoints (a on the ionic rail,
//! b on the electronic rail) is a three-terminal network with the exit
//! terminal as reference, described by its 2×2 impedance matrix Z
//! (V = Z·I for currents injected at a and b). Walking from x = L to x = 0,
//! a rail resistance in series adds diag(r_a, r_b) to Z, and an interface
//! admittance y between a and b turns Z into (Z⁻¹ + y·v·vᵀ)⁻¹ with
//! v = (1, −1), i.e. Z − y·Z·v·vᵀ·Z / (1 + y·vᵀ·Z·v) (Sherman–Morrison).
//! Unlike nodal analysis, this stays accurate when r·y per segment is tiny
//! (low frequency: Y/N would vanish beside N/R in an admittance matrix).

use num_complex::Complex64;

/// Which rail nodes the terminals are (entry at x = 0, exit at x = L).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Terminals {
    /// Entry on the ionic rail, exit on the electronic rail.
    IonElectron,
    /// Entry and exit on the ionic rail.
    IonIon,
    /// Entry and exit on the electronic rail.
    ElectronElectron,
}

type M2 = [[Complex64; 2]; 2];

/// Impedance in Ω between the terminals of the discretised line with
/// `segments` segments, rails `r_ion`, `r_e` (Ω, both > 0), total interface
/// admittance `y_total` (S) and `r_bulk` (Ω) in series with the entry.
pub fn ladder_impedance(
    terminals: Terminals,
    r_ion: f64,
    r_e: f64,
    y_total: Complex64,
    r_bulk: f64,
    segments: usize,
) -> Complex64 {
    let n = segments as f64;
    let (ra, rb) = (r_ion / n, r_e / n);
    let y = y_total / n;
    let c = |v: f64| Complex64::new(v, 0.0);
    // The last segment: its half rails towards x = L, then its interface.
    // The rail whose far end is the exit reaches the reference through half
    // a segment; the other rail's far end is open, so its node sees the
    // interface (1/y) and then the first rail.
    let mut z: M2 = match terminals {
        Terminals::IonElectron | Terminals::ElectronElectron => [
            [y.inv() + rb / 2.0, c(rb / 2.0)],
            [c(rb / 2.0), c(rb / 2.0)],
        ],
        Terminals::IonIon => [
            [c(ra / 2.0), c(ra / 2.0)],
            [c(ra / 2.0), y.inv() + ra / 2.0],
        ],
    };
    for _ in 1..segments {
        // A whole segment of rail between this midpoint and the next.
        z[0][0] += ra;
        z[1][1] += rb;
        z = with_shunt(z, y);
    }
    // Half a segment to the rail ends at x = 0.
    z[0][0] += ra / 2.0;
    z[1][1] += rb / 2.0;
    let entry = match terminals {
        Terminals::IonElectron | Terminals::IonIon => z[0][0],
        Terminals::ElectronElectron => z[1][1],
    };
    entry + r_bulk
}

/// Z after connecting admittance `y` between its two nodes.
fn with_shunt(z: M2, y: Complex64) -> M2 {
    // u = Z·v and w = vᵀ·Z with v = (1, −1).
    let u = [z[0][0] - z[0][1], z[1][0] - z[1][1]];
    let w = [z[0][0] - z[1][0], z[0][1] - z[1][1]];
    let vzv = u[0] - u[1];
    let k = y / (1.0 + y * vzv);
    let mut out = z;
    for i in 0..2 {
        for j in 0..2 {
            out[i][j] -= k * u[i] * w[j];
        }
    }
    out
}

/// Richardson extrapolation of the O(1/N²) error from N and 2N segments.
pub fn ladder_extrapolated(
    terminals: Terminals,
    r_ion: f64,
    r_e: f64,
    y_total: Complex64,
    r_bulk: f64,
    segments: usize,
) -> Complex64 {
    let coarse = ladder_impedance(terminals, r_ion, r_e, y_total, r_bulk, segments);
    let fine = ladder_impedance(terminals, r_ion, r_e, y_total, r_bulk, 2 * segments);
    (4.0 * fine - coarse) / 3.0
}
