//! Open-circuit potentials of common insertion materials as published
//! functional fits, transcribed coefficient by coefficient (the functional
//! forms are in [`crate::discharge::ocp`]). Each entry names the paper the
//! fit comes from; where we transcribed it from PyBaMM's parameter sets
//! (PyBaMM 26.10, `pybamm/input/parameters/lithium_ion/`), the set is named
//! too. c_max is the one the same parameter set uses with the curve.

use serde::Serialize;

use crate::discharge::ocp::{Exp, OcpFit, OcpForm, Tanh};

/// One OCP curve of the library.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct OcpCurve {
    /// Lookup id (`nmc811`, `graphite`, …).
    pub id: &'static str,
    /// Material and fit, in words.
    pub name: &'static str,
    /// Where the fit was published (and how we got it).
    pub source: &'static str,
    #[serde(skip)]
    pub fit: OcpFit,
    /// Maximum Li concentration c_max of the material, mol/L (= kmol/m³),
    /// as used with this fit, and its source.
    pub c_max_mol_per_l: f64,
    pub c_max_source: &'static str,
    /// Stoichiometry range the fit was made over, where the source says.
    pub fitted_range: Option<(f64, f64)>,
    /// Caveats.
    pub note: &'static str,
}

const CHEN: &str = "Chen et al., J. Electrochem. Soc. 167 (2020) 080534 (LG M50 cell); transcribed from PyBaMM's Chen2020 parameter set";
const MOHTAT: &str = "Mohtat et al., J. Electrochem. Soc. 167 (2020) 110561 (NMC532/graphite); transcribed from PyBaMM's Mohtat2020 parameter set (NMC_ocp_PeymanMPM)";
const AFSHAR: &str = "Afshar, Morris & Khajepour, arXiv:1709.03970 (2017); used for LFP in PyBaMM's Prada2013 parameter set (Prada et al., J. Electrochem. Soc. 160 (2013) A616), transcribed from there";
const DUALFOIL: &str = "Doyle, Fuller & Newman's Dualfoil (LiCoO2 data of Garcia 2001 and Doyle 1995), as used by Marquis et al., J. Electrochem. Soc. 166 (2019) A3693; transcribed from PyBaMM's Marquis2019 parameter set (lico2_ocp_Dualfoil1998)";
const YAO: &str = "Yao & Viswanathan, J. Phys. Chem. Lett. 15 (2024) 1143, Redlich–Kister fit of LTO with a miscibility gap (coefficients from the authors' published pybamm_OCV_functions/LTO.py)";

/// The library's OCP curves.
pub static OCP_CURVES: &[OcpCurve] = &[
    OcpCurve {
        id: "nmc811",
        name: "NMC811 (LiNi0.8Mn0.1Co0.1O2), Chen 2020",
        source: CHEN,
        fit: OcpFit {
            stretch: 1.0,
            form: OcpForm::Terms {
                polynomial: &[4.4875, -0.8090],
                exponentials: &[],
                tanhs: &[
                    Tanh::centred(-0.0428, 18.5138, 0.5542),
                    Tanh::centred(-17.7326, 15.7890, 0.3117),
                    Tanh::centred(17.5842, 15.9308, 0.3120),
                ],
            },
        },
        c_max_mol_per_l: 63.104,
        c_max_source: CHEN,
        fitted_range: None,
        note: "measured on the LG M50's positive electrode (NMC811 with a little Al)",
    },
    OcpCurve {
        id: "nmc532",
        name: "NMC532 (LiNi0.5Mn0.3Co0.2O2), Mohtat 2020",
        source: MOHTAT,
        fit: OcpFit {
            stretch: 1.0,
            form: OcpForm::Terms {
                polynomial: &[4.3452, -1.6518, 1.6225, -2.0843, 3.5146, -2.2166],
                exponentials: &[Exp {
                    a: -0.5623e-4,
                    k: 109.451,
                    b: -100.006,
                }],
                tanhs: &[],
            },
        },
        c_max_mol_per_l: 35.380,
        c_max_source: MOHTAT,
        fitted_range: None,
        note: "no separate NMC622 fit is included",
    },
    OcpCurve {
        id: "lfp",
        name: "LFP (LiFePO4), Afshar 2017",
        source: AFSHAR,
        fit: OcpFit {
            stretch: 1.0,
            form: OcpForm::Terms {
                polynomial: &[3.4077, -0.020269],
                exponentials: &[
                    Exp {
                        a: 0.5,
                        k: -150.0,
                        b: 0.0,
                    },
                    Exp {
                        a: -0.9,
                        k: 30.0,
                        b: -30.0,
                    },
                ],
                tanhs: &[],
            },
        },
        c_max_mol_per_l: 22.806,
        c_max_source: "Prada et al., J. Electrochem. Soc. 160 (2013) A616, via PyBaMM's Prada2013 parameter set",
        fitted_range: None,
        note: "a flat two-phase plateau at 3.4 V: discharge curves depend on kinetics and transport, not on the slope",
    },
    OcpCurve {
        id: "lco",
        name: "LCO (LiCoO2), Dualfoil",
        source: DUALFOIL,
        fit: OcpFit {
            stretch: 1.062,
            form: OcpForm::Terms {
                polynomial: &[2.16216],
                exponentials: &[],
                tanhs: &[
                    Tanh::linear(0.07645, -54.4806, 30.834),
                    Tanh::linear(2.1581, -50.294, 52.294),
                    Tanh::linear(-0.14169, -19.8543, 11.0923),
                    Tanh::linear(0.2051, -5.4888, 1.4684),
                    Tanh::centred(0.2531, -1.0 / 0.1316, 0.56478),
                    Tanh::centred(-0.02167, 1.0 / 0.006, 0.525),
                ],
            },
        },
        c_max_mol_per_l: 51.2179257309275,
        c_max_source: "Marquis et al. 2019 via PyBaMM's Marquis2019 parameter set",
        fitted_range: Some((0.5, 0.99)),
        note: "the fit is evaluated at 1.062·θ (Dualfoil's stretch); measured for 0.5 < θ < 0.99 (Garcia) and below 0.4 (Doyle)",
    },
    OcpCurve {
        id: "graphite",
        name: "Graphite, Chen 2020",
        source: CHEN,
        fit: OcpFit {
            stretch: 1.0,
            form: OcpForm::Terms {
                polynomial: &[0.2482],
                exponentials: &[Exp {
                    a: 1.9793,
                    k: -39.3631,
                    b: 0.0,
                }],
                tanhs: &[
                    Tanh::centred(-0.0909, 29.8538, 0.1234),
                    Tanh::centred(-0.04478, 14.9159, 0.2769),
                    Tanh::centred(-0.0205, 30.4444, 0.6103),
                ],
            },
        },
        c_max_mol_per_l: 33.133,
        c_max_source: CHEN,
        fitted_range: None,
        note: "measured on the LG M50's negative electrode (graphite with ~10 % SiOx)",
    },
    OcpCurve {
        id: "lto",
        name: "LTO (Li4Ti5O12), Yao & Viswanathan 2024",
        source: YAO,
        fit: OcpFit {
            stretch: 1.0,
            form: OcpForm::RedlichKister {
                g0_j_per_mol: -155432.9219,
                omegas_j_per_mol: &[14025.5664, 15593.5771, -100475.7578, -26389.4648],
                gap: (0.118_610_024_452_209_5, 0.848_237_395_286_560_1),
                mu_coexistence_j_per_mol: -155770.73438,
                temperature_k: 300.0,
            },
        },
        // 3 Li per Li4Ti5O12 (459.1 g/mol) at 3.48 g/cm³: 3·3.48/459.1 mol/cm³.
        c_max_mol_per_l: 3.0 * 3.48 / 459.1 * 1000.0,
        c_max_source: "computed: 3 Li per Li4Ti5O12 (459.1 g/mol, 175 mAh/g) at 3.48 g/cm³, the library's LTO density",
        fitted_range: None,
        note: "θ counts the 3 Li the spinel takes up (0: Li4Ti5O12, 1: Li7Ti5O12); the fit's plateau is at 1.614 V, a little above the 1.55 V usually quoted",
    },
];

/// The curve with this id (case-insensitive).
pub fn find_ocp(id: &str) -> Option<&'static OcpCurve> {
    OCP_CURVES.iter().find(|c| c.id.eq_ignore_ascii_case(id))
}
