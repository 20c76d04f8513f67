use nalgebra::{DMatrix, DVector};

use super::*;
use crate::discharge::params::ElectrodeParams;
use crate::materials::ocp_data::find_ocp;
use crate::physics::tortuosity::Microstructure;

pub(crate) fn nmc_electrode() -> ElectrodeParams {
    ElectrodeParams {
        thickness_cm: 80e-4,
        microstructure: Microstructure::Tortuosity {
            epsilon: 0.35,
            tau: 2.0,
        },
        active_fraction: 0.55,
        sigma_e_eff_s_per_cm: 0.5,
        radius_cm: 4e-4,
        diffusivity_cm2_per_s: 1e-10,
        c_max_mol_per_cm3: 0.0631,
        theta0: 0.3,
        i0_ref_a_per_cm2: 1e-4,
        ocp: Ocp::Fit(find_ocp("nmc811").unwrap().fit),
    }
}

/// The structured solve of (M − c·J)·x = b equals a dense LU solve with J
/// from central differences of the residuals: the Jacobian and the
/// elimination are both right.
#[test]
fn structured_solve_equals_dense_solve_with_finite_difference_jacobian() {
    let p = nmc_electrode();
    let mesh = Mesh {
        cells: 5,
        shells: 4,
    };
    for current in [2e-3, -1e-3] {
        let mut e = Electrode::new(&p, mesh, 1e-3, 298.15, current, 0).unwrap();
        let n = e.len();
        let mut y = vec![0.0; n];
        e.initial_state(0.45, p.thickness_cm, &mut y);
        // Perturb into a generic state (still inside the domain).
        for (k, v) in y.iter_mut().enumerate() {
            *v += 1e-3 * ((k * 7919 % 13) as f64 / 13.0 - 0.5);
        }
        let mut mass = vec![0.0; n];
        e.mass(&mut mass);
        let mut f0 = vec![0.0; n];
        assert!(e.rhs(&y, &mut f0));
        let mut jac = DMatrix::zeros(n, n);
        let (mut fp, mut fm) = (vec![0.0; n], vec![0.0; n]);
        for col in 0..n {
            let step = 1e-7 * (1.0 + y[col].abs());
            let mut yp = y.clone();
            yp[col] += step;
            let mut ym = y.clone();
            ym[col] -= step;
            assert!(e.rhs(&yp, &mut fp) && e.rhs(&ym, &mut fm));
            for row in 0..n {
                jac[(row, col)] = (fp[row] - fm[row]) / (2.0 * step);
            }
        }
        let c = 37.0;
        assert!(e.update_jacobian(&y) && e.factor(c));
        let a = DMatrix::from_fn(n, n, |r, k| {
            (if r == k { mass[r] } else { 0.0 }) - c * jac[(r, k)]
        });
        let b: Vec<f64> = (0..n)
            .map(|k| ((k * 31 % 17) as f64 - 8.0) * 1e-3)
            .collect();
        let dense = a.lu().solve(&DVector::from_column_slice(&b)).unwrap();
        let mut x = b.clone();
        e.solve(&mut x);
        let scale = dense.amax();
        for k in 0..n {
            assert!(
                (x[k] - dense[k]).abs() < 1e-6 * scale,
                "current {current}, unknown {k}: {} vs {}",
                x[k],
                dense[k]
            );
        }
    }
}
