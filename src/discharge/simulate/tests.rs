use super::*;
use crate::discharge::model::tests::nmc_electrode;
use crate::discharge::ocp::{FARADAY_C_PER_MOL, GAS_CONSTANT_J_PER_MOL_K};
use crate::physics::tortuosity::Microstructure;

pub(crate) fn half_cell() -> CellParams {
    CellParams {
        cathode: nmc_electrode(),
        anode: Anode::LiMetal,
        sigma_i_s_per_cm: 1e-3,
        activation_energy_ev: None,
        separator_thickness_cm: 30e-4,
        separator_sigma_s_per_cm: None,
        r0_ohm_cm2: 0.0,
        v_cutoff_v: 3.5,
        temperature_k: 298.15,
    }
}

/// Charge that passed equals the Li the particles took up (Faraday's law):
/// I·t = ε_AM·L·c_max·F·(θ̄ − θ0), from the final profile's mean θ.
#[test]
fn delivered_charge_equals_lithium_stored() {
    let cell = half_cell();
    let d = discharge(&cell, 2e-3, &SolverOptions::default(), &[]).unwrap();
    assert_eq!(d.end, End::CutOff, "{:?}", d.end);
    let p = &cell.cathode;
    let profile = &d.final_profile().cathode;
    let theta_mean: f64 = profile.theta_mean.iter().sum::<f64>() / profile.theta_mean.len() as f64;
    let stored = p.active_fraction
        * p.thickness_cm
        * p.c_max_mol_per_cm3
        * FARADAY_C_PER_MOL
        * (theta_mean - p.theta0);
    let rel = (stored - d.delivered_c_per_cm2).abs() / d.delivered_c_per_cm2;
    assert!(
        rel < 1e-6,
        "stored {stored} vs delivered {}",
        d.delivered_c_per_cm2
    );
    // The curve ends on the cut-off: the voltage of the state interpolated
    // at the located time (computed from that state, not set) is V_cutoff,
    // after the last step that was still above it.
    assert_eq!(d.points.last().unwrap().voltage_v, 3.5);
    assert!(
        (d.final_profile().voltage_v - 3.5).abs() < 1e-6,
        "{}",
        d.final_profile().voltage_v
    );
    let n = d.points.len();
    let (before, end) = (d.points[n - 2].time_s, d.points[n - 1].time_s);
    assert!(end > before && d.points[n - 2].voltage_v > 3.5);
    assert!(d.points.windows(2).all(|w| w[1].time_s > w[0].time_s));
}

/// With fast transport everywhere the reaction is uniform and the voltage
/// has a closed form: θ(t) = θ0 + I·t/(ε_AM·L·c_max·F), j = −I/(a·L),
/// V = U(θ) + (2RT/F)·asinh(j/(2·i0(θ))).
#[test]
fn uniform_reaction_limit_matches_the_closed_form() {
    let mut cell = half_cell();
    cell.sigma_i_s_per_cm = 1e3;
    cell.separator_thickness_cm = 0.0;
    cell.cathode.sigma_e_eff_s_per_cm = 1e3;
    cell.cathode.diffusivity_cm2_per_s = 1e-6;
    let current = 1e-3;
    let d = discharge(&cell, current, &SolverOptions::default(), &[]).unwrap();
    let p = &cell.cathode;
    let q = p.active_fraction * p.thickness_cm * p.c_max_mol_per_cm3 * FARADAY_C_PER_MOL;
    let a = 3.0 * p.active_fraction / p.radius_cm;
    let j = -current / (a * p.thickness_cm);
    let two_rt_f = 2.0 * GAS_CONSTANT_J_PER_MOL_K * 298.15 / FARADAY_C_PER_MOL;
    let mut checked = 0;
    for point in &d.points {
        let theta = p.theta0 + point.capacity_c_per_cm2 / q;
        if theta > 0.97 {
            continue;
        }
        let i0 = p.i0_ref_a_per_cm2 * 2.0 * (theta * (1.0 - theta)).sqrt();
        let v = p.ocp.potential_v(theta) + two_rt_f * (j / (2.0 * i0)).asinh();
        assert!(
            (point.voltage_v - v).abs() < 2e-4,
            "θ {theta}: {} vs {v}",
            point.voltage_v
        );
        checked += 1;
    }
    assert!(checked > 20, "{checked}");
}

/// R_0 and the separator are in series: they shift every voltage by I·R.
#[test]
fn series_resistances_shift_the_curve_by_i_times_r() {
    let base = half_cell();
    let mut with_r0 = base.clone();
    with_r0.r0_ohm_cm2 = 20.0;
    with_r0.v_cutoff_v = 2.0;
    let mut lower = base.clone();
    lower.v_cutoff_v = 2.0;
    let current = 1e-3;
    let at = [1000.0, 3000.0];
    let a = discharge(&lower, current, &SolverOptions::default(), &at).unwrap();
    let b = discharge(&with_r0, current, &SolverOptions::default(), &at).unwrap();
    for (pa, pb) in a.profiles.iter().zip(&b.profiles).take(2) {
        assert!((pa.voltage_v - pb.voltage_v - 20.0 * current).abs() < 1e-6);
    }
    // The separator: 30 µm at σ_i vs twice the conductivity.
    let mut sep = lower.clone();
    sep.separator_sigma_s_per_cm = Some(2e-3);
    let c = discharge(&sep, current, &SolverOptions::default(), &at).unwrap();
    let expected = current * 30e-4 * (1.0 / 1e-3 - 1.0 / 2e-3);
    assert!((c.profiles[0].voltage_v - a.profiles[0].voltage_v - expected).abs() < 1e-6);
}

/// At a tiny current the cell gives what its OCP holds above the cut-off:
/// the θ where U(θ) = V_cut, found here by bisection on the fit.
#[test]
fn slow_discharge_delivers_the_equilibrium_capacity() {
    let mut cell = half_cell();
    cell.v_cutoff_v = 3.6;
    let p = cell.cathode.clone();
    let theta_cut =
        crate::numerics::roots::bisect(|t| p.ocp.potential_v(t) - 3.6, 0.5, 0.999, 1e-12).unwrap();
    let full = p.capacity_to_c_per_cm2(theta_cut);
    let d = discharge(&cell, 1e-6, &SolverOptions::default(), &[]).unwrap();
    let rel = (d.delivered_c_per_cm2 - full) / full;
    assert!(rel < 0.0 && rel > -5e-3, "{rel}");
}

/// Halving the mesh (twice the cells and shells) changes the delivered
/// capacity by less than 0.1 %, for a mild and a transport-limited cathode.
#[test]
fn default_mesh_is_converged_to_a_tenth_of_a_percent() {
    let mild = half_cell();
    let mut limited = half_cell();
    limited.cathode.thickness_cm = 150e-4;
    limited.sigma_i_s_per_cm = 0.3e-3;
    limited.cathode.microstructure = Microstructure::Tortuosity {
        epsilon: 0.35,
        tau: 3.0,
    };
    limited.cathode.diffusivity_cm2_per_s = 1e-11;
    for (cell, current) in [(mild, 3e-3), (limited, 1e-3)] {
        let coarse = discharge(&cell, current, &SolverOptions::default(), &[]).unwrap();
        let fine_options = SolverOptions {
            cathode_mesh: Mesh::default().refined(2),
            rtol: 1e-7,
            ..SolverOptions::default()
        };
        let fine = discharge(&cell, current, &fine_options, &[]).unwrap();
        let rel = (coarse.delivered_c_per_cm2 - fine.delivered_c_per_cm2).abs()
            / fine.delivered_c_per_cm2;
        assert!(
            rel < 1e-3,
            "{rel}: {} vs {}",
            coarse.delivered_c_per_cm2,
            fine.delivered_c_per_cm2
        );
        assert_eq!(coarse.end, End::CutOff);
    }
}

/// A full cell whose anode is ideal (fast kinetics and transport, a linear
/// OCP U_a = 0.3 − 0.2·θ, ample capacity) discharges like the half cell
/// minus U_a at the anode's uniform θ_a(t) = θ0 − I·t/(ε_AM·L·c_max·F), and
/// the anode gives up exactly the charge that passed.
#[test]
fn full_cell_with_an_ideal_anode_is_the_half_cell_minus_its_ocp() {
    use crate::discharge::ocp::{Ocp, OcpTable};
    let half = half_cell();
    let mut full = half.clone();
    full.v_cutoff_v -= 0.3;
    let anode = ElectrodeParams {
        thickness_cm: 100e-4,
        microstructure: Microstructure::Tortuosity {
            epsilon: 0.4,
            tau: 1e-3,
        },
        active_fraction: 0.5,
        sigma_e_eff_s_per_cm: 1e3,
        radius_cm: 1e-4,
        diffusivity_cm2_per_s: 1e-6,
        c_max_mol_per_cm3: 0.03,
        theta0: 0.9,
        i0_ref_a_per_cm2: 10.0,
        ocp: Ocp::Table(OcpTable::new(vec![0.0, 0.5, 1.0], vec![0.3, 0.2, 0.1]).unwrap()),
    };
    full.anode = Anode::Composite(anode.clone());
    let at = [500.0, 2000.0, 4000.0];
    let current = 2e-3;
    let h = discharge(&half, current, &SolverOptions::default(), &at).unwrap();
    let f = discharge(&full, current, &SolverOptions::default(), &at).unwrap();
    let per_theta =
        anode.active_fraction * anode.thickness_cm * anode.c_max_mol_per_cm3 * FARADAY_C_PER_MOL;
    for (ph, pf) in h.profiles.iter().zip(&f.profiles).take(3) {
        assert_eq!(ph.time_s, pf.time_s);
        let theta_a = anode.theta0 - current * ph.time_s / per_theta;
        let u_a = 0.3 - 0.2 * theta_a;
        assert!(
            (ph.voltage_v - u_a - pf.voltage_v).abs() < 2e-4,
            "t {}: {} vs {}",
            ph.time_s,
            ph.voltage_v - u_a,
            pf.voltage_v
        );
    }
    let a = f.final_profile().anode.as_ref().unwrap();
    let theta_mean = a.theta_mean.iter().sum::<f64>() / a.theta_mean.len() as f64;
    let released = per_theta * (anode.theta0 - theta_mean);
    assert!((released / f.delivered_c_per_cm2 - 1.0).abs() < 1e-6);
    assert!(
        a.reaction_a_per_cm2.iter().all(|&j| j > 0.0),
        "the anode oxidises"
    );
}

/// σ_i(T) through Eq. 1: a colder cell with an activated SE delivers less.
#[test]
fn activation_energy_lowers_the_capacity_in_the_cold() {
    let mut warm = half_cell();
    warm.cathode.thickness_cm = 150e-4;
    warm.activation_energy_ev = Some(0.3);
    let mut cold = warm.clone();
    cold.temperature_k = 273.15;
    let expected_ratio = crate::physics::conductivity::conductivity_at_temperature_s_per_cm(
        crate::physics::conductivity::ArrheniusForm::InverseT,
        1e-3,
        298.15,
        0.3,
        273.15,
    )
    .unwrap()
        / 1e-3;
    assert!(
        (cold.sigma_i_at_temperature_s_per_cm().unwrap() / 1e-3 - expected_ratio).abs() < 1e-12
    );
    let w = discharge(&warm, 3e-3, &SolverOptions::default(), &[]).unwrap();
    let c = discharge(&cold, 3e-3, &SolverOptions::default(), &[]).unwrap();
    assert!(c.delivered_c_per_cm2 < 0.95 * w.delivered_c_per_cm2);
}

/// Over two decades of current the reference cells always reach their
/// cut-off (the integrator never gives up) and deliver less at more current.
#[test]
fn reference_cells_discharge_over_two_decades_of_current() {
    use crate::discharge::cases::{kato2018, limited_cathode, mild_cathode};
    for (cell, top) in [
        (kato2018(600.0).unwrap(), 20e-3),
        (mild_cathode().unwrap(), 20e-3),
        (limited_cathode().unwrap(), 5e-3),
    ] {
        let mut last = f64::INFINITY;
        for k in 0..9 {
            let current = top * 10f64.powf(-2.0 * k as f64 / 8.0);
            let d = discharge(&cell, current, &SolverOptions::default(), &[]).unwrap();
            assert!(
                matches!(d.end, End::CutOff | End::CathodeFull),
                "{current}: {:?}",
                d.end
            );
            if k > 0 {
                assert!(d.delivered_c_per_cm2 > last * (1.0 - 1e-4), "{current}");
            }
            last = d.delivered_c_per_cm2;
        }
    }
}
