//! Literature tortuosity factors τ (Eq. 17 convention) against the SE
//! volume fraction ε, each series with the basis of its ε. Overlaid on the
//! page's τ–ε plot next to Bruggeman (Eq. 18).

use serde::Serialize;

/// Which volume the SE fraction ε is a fraction of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EpsilonBasis {
    /// Of the solid volume (wt% → vol% without voids).
    Dense,
    /// Of the whole electrode volume, voids included.
    WithVoids,
}

/// One published τ at one ε.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TauPoint {
    pub epsilon: f64,
    pub tau: f64,
    /// Published ± uncertainty, if given.
    pub tau_uncertainty: Option<f64>,
    /// How τ was obtained.
    pub method: &'static str,
}

/// A series of published τ–ε points from one study.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TauSeries {
    pub id: &'static str,
    pub label: &'static str,
    pub source: &'static str,
    pub epsilon_basis: EpsilonBasis,
    pub points: &'static [TauPoint],
    pub note: &'static str,
}

const fn pt(
    epsilon: f64,
    tau: f64,
    tau_uncertainty: Option<f64>,
    method: &'static str,
) -> TauPoint {
    TauPoint {
        epsilon,
        tau,
        tau_uncertainty,
        method,
    }
}

/// The series, as reported by Falco et al. 2019 (section 2.4) from the
/// original studies.
pub static TAU_SERIES: &[TauSeries] = &[
    TauSeries {
        id: "kato2018-cathode",
        label: "Kato et al. 2018, LCO/AB/LGPS cathode",
        source: "Kato et al., J. Phys. Chem. Lett. 9 (2018) 607; via Falco et al. 2019, section 2.4",
        epsilon_basis: EpsilonBasis::Dense,
        points: &[pt(0.571, 2.47, None, "fit of Eq. 19 to capacity vs current")],
        note: "ε from 61/3/36 wt% with 5.05/2.00/2.00 g/cm³, voids not counted",
    },
    TauSeries {
        id: "kato2018-anode",
        label: "Kato et al. 2018, graphite/LGPS anode",
        source: "Kato et al., J. Phys. Chem. Lett. 9 (2018) 607; via Falco et al. 2019, section 2.4",
        epsilon_basis: EpsilonBasis::Dense,
        points: &[pt(0.571, 3.32, None, "fit of Eq. 19 to capacity vs current")],
        note: "ε from 46/54 wt% with 2.27/2.00 g/cm³ (0.5713), voids not counted",
    },
    TauSeries {
        id: "hlushkou2018",
        label: "Hlushkou et al. 2018, LCO/LPS-LiI cathode",
        source: "Hlushkou et al., J. Power Sources 396 (2018) 363; via Falco et al. 2019, section 2.4",
        epsilon_basis: EpsilonBasis::Dense,
        points: &[
            pt(0.62, 1.6, Some(0.1), "EIS, electron-blocking cell (delithiated LCO)"),
            pt(0.62, 1.74, None, "random-walk simulation in the FIB-SEM reconstruction (≈13 % voids)"),
            pt(0.62, 1.27, None, "same reconstruction with the voids filled by SE"),
        ],
        note: "ε = 62 vol% is the dense-basis figure the review gives; with ≈13 % voids the void-inclusive ε is ≈0.54, and the void-filled virtual CE has ε ≈ 0.54 + 0.13 ≈ 0.67 (our arithmetic, not published)",
    },
];
