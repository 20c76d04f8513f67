//! Reference designs: the two half cells of the PyBaMM benchmark (a mild
//! cathode and a transport-limited one) and Kato et al.'s thick
//! LCO/LGPS/graphite cell as a full cell, with what we assumed where the
//! paper gives nothing.

use super::ocp::{Ocp, OcpTable};
use super::params::{Anode, CellParams, ElectrodeParams};
use crate::error::Result;
use crate::materials::ocp_data::find_ocp;
use crate::physics::tortuosity::Microstructure;

/// The OCP table both codes of the benchmark use: NMC532 (Mohtat et al.
/// 2020 fit) at 161 points, θ from 0.2 to 1.
pub fn benchmark_ocp_table() -> Result<OcpTable> {
    let fit = find_ocp("nmc532").expect("the library has NMC532").fit;
    let theta: Vec<f64> = (0..=160).map(|k| 0.2 + 0.8 * k as f64 / 160.0).collect();
    let u = theta.iter().map(|&t| fit.evaluate(t).0).collect();
    OcpTable::new(theta, u)
}

fn benchmark_cell(cathode: ElectrodeParams, sigma_i_s_per_cm: f64) -> CellParams {
    CellParams {
        cathode,
        anode: Anode::LiMetal,
        sigma_i_s_per_cm,
        activation_energy_ev: None,
        separator_thickness_cm: 20e-4,
        separator_sigma_s_per_cm: None,
        r0_ohm_cm2: 0.0,
        v_cutoff_v: 3.0,
        temperature_k: 298.15,
    }
}

/// A mild NMC532 cathode: 60 µm, σ_i 1 mS/cm, τ 1.8, D_s 1e-10 cm²/s, r 3 µm.
pub fn mild_cathode() -> Result<CellParams> {
    Ok(benchmark_cell(
        ElectrodeParams {
            thickness_cm: 60e-4,
            microstructure: Microstructure::Tortuosity {
                epsilon: 0.35,
                tau: 1.8,
            },
            active_fraction: 0.55,
            sigma_e_eff_s_per_cm: 0.1,
            radius_cm: 3e-4,
            diffusivity_cm2_per_s: 1e-10,
            c_max_mol_per_cm3: 35.38e-3,
            theta0: 0.35,
            i0_ref_a_per_cm2: 0.5e-3,
            ocp: Ocp::Table(benchmark_ocp_table()?),
        },
        1e-3,
    ))
}

/// The transport-limited cathode: 150 µm, σ_i 0.3 mS/cm, τ 3, slow
/// solid diffusion (D_s 1e-11 cm²/s in 5 µm particles).
pub fn limited_cathode() -> Result<CellParams> {
    Ok(benchmark_cell(
        ElectrodeParams {
            thickness_cm: 150e-4,
            microstructure: Microstructure::Tortuosity {
                epsilon: 0.35,
                tau: 3.0,
            },
            active_fraction: 0.55,
            sigma_e_eff_s_per_cm: 0.1,
            radius_cm: 5e-4,
            diffusivity_cm2_per_s: 1e-11,
            c_max_mol_per_cm3: 35.38e-3,
            theta0: 0.35,
            i0_ref_a_per_cm2: 0.1e-3,
            ocp: Ocp::Table(benchmark_ocp_table()?),
        },
        0.3e-3,
    ))
}

/// The benchmark's three currents per case, A/cm².
pub const MILD_CURRENTS_A_PER_CM2: [f64; 3] = [0.5e-3, 2e-3, 5e-3];
pub const LIMITED_CURRENTS_A_PER_CM2: [f64; 3] = [0.2e-3, 0.5e-3, 1e-3];

/// What the full model of Kato et al.'s cell assumes beyond the paper
/// (particles, kinetics, OCP windows, electronic networks), in words: the
/// page states them beside its comparison with the published figures.
pub const KATO_ASSUMPTIONS: [&str; 3] = [
    "OCPs from the library (LCO: Dualfoil; graphite: Chen 2020), LCO from θ0 = 0.465 and graphite from θ0 = 0.97, windows that hold the published q_c and q_a",
    "particles and kinetics from PyBaMM's liquid-cell sets: LCO r = 10 µm, D_s = 10⁻⁹ cm²/s, i0,ref = 0.049 mA/cm² (Marquis et al. 2019); graphite r = 5.86 µm, D_s = 3.3·10⁻¹⁰ cm²/s, i0,ref = 0.034 mA/cm² (Chen et al. 2020)",
    "electronic networks that do not limit: 100 mS/cm in the cathode, 1 S/cm in the graphite anode",
];

/// Kato et al. (J. Phys. Chem. Lett. 9 (2018) 607) as a full cell with a
/// cathode `cathode_um` thick. From the paper (via the review and
/// `materials::presets`): volume fractions (LCO 0.381, SE 0.571; graphite
/// 0.429, SE 0.571 from 46:54 wt% at 2.27 and 2.00 g/cm³), q_c = 953 and
/// q_a = 1298 C/cm³ (137 and 370 mAh/g), σ_eff,c = 0.73 and σ_eff,a =
/// 0.21 mS/cm, R_0 = 8 Ω·cm² (all outside the electrodes), cut-off 2.5 V.
///
/// Assumed, since the paper does not give them:
/// - σ_i = τ_c·σ_eff,c/ε = 3.16 mS/cm (from τ_c = 2.47) for both layers,
///   and τ_a = 8.6 so that the anode keeps σ_eff,a = 0.21 mS/cm (the
///   published τ_a = 3.32 would need σ_i ≈ 1.2 mS/cm in the anode);
/// - OCPs: LCO from Dualfoil, graphite from Chen et al. 2020 (library);
///   θ windows so that the layers hold q_c and q_a: LCO from θ0 = 0.465
///   (Δθ ≈ 0.5 to the fit's steep end near 0.97), graphite from θ0 = 0.97;
/// - particles and kinetics from PyBaMM's liquid-cell sets: LCO r = 10 µm,
///   D_s = 1e-9 cm²/s, i0,ref = 0.049 mA/cm² (Marquis et al. 2019);
///   graphite r = 5.86 µm, D_s = 3.3e-10 cm²/s, i0,ref = 0.034 mA/cm²
///   (Chen et al. 2020), i0 at c_e = 1 mol/L and θ = ½;
/// - electronic networks non-limiting: 100 mS/cm (cathode, 3 wt% AB) and
///   1 S/cm (graphite);
/// - the anode 10 % larger in capacity than the cathode (N/P = 1.1).
pub fn kato2018(cathode_um: f64) -> Result<CellParams> {
    let lco = find_ocp("lco").expect("the library has LCO");
    let graphite = find_ocp("graphite").expect("the library has graphite");
    let sigma_i = 2.47 * 0.73e-3 / 0.571;
    let cathode_cm = cathode_um * 1e-4;
    let cathode = ElectrodeParams {
        thickness_cm: cathode_cm,
        microstructure: Microstructure::Tortuosity {
            epsilon: 0.571,
            tau: 2.47,
        },
        active_fraction: 0.381,
        sigma_e_eff_s_per_cm: 0.1,
        radius_cm: 10e-4,
        diffusivity_cm2_per_s: 1e-9,
        c_max_mol_per_cm3: lco.c_max_mol_per_l * 1e-3,
        theta0: 0.465,
        i0_ref_a_per_cm2: 0.049e-3,
        ocp: Ocp::Fit(lco.fit),
    };
    // q_c·L_c·1.1 = q_a·L_a.
    let anode_cm = 1.1 * 953.0 * cathode_cm / 1298.0;
    let anode = ElectrodeParams {
        thickness_cm: anode_cm,
        microstructure: Microstructure::Tortuosity {
            epsilon: 0.571,
            tau: 0.571 * sigma_i / 0.21e-3,
        },
        active_fraction: 0.429,
        sigma_e_eff_s_per_cm: 1.0,
        radius_cm: 5.86e-4,
        diffusivity_cm2_per_s: 3.3e-10,
        c_max_mol_per_cm3: graphite.c_max_mol_per_l * 1e-3,
        theta0: 0.97,
        i0_ref_a_per_cm2: 0.034e-3,
        ocp: Ocp::Fit(graphite.fit),
    };
    Ok(CellParams {
        cathode,
        anode: Anode::Composite(anode),
        sigma_i_s_per_cm: sigma_i,
        activation_energy_ev: None,
        separator_thickness_cm: 0.0,
        separator_sigma_s_per_cm: None,
        r0_ohm_cm2: 8.0,
        v_cutoff_v: 2.5,
        temperature_k: 298.15,
    })
}

#[cfg(test)]
mod tests;
