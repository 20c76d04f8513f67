"""PyBaMM's DFN as the reference for ionpath's discharge model.

    python bench/discharge_pybamm.py CASES.json

CASES.json is written by `discharge_bench cases` (the two half cells of
`ionpath::discharge::cases`, in SI, with the OCP table and our curves).
For each case PyBaMM's DFN runs with working electrode "positive" (Li metal
counter electrode, its exchange current made huge so that it is ideal),
cation transference number 1 and a constant electrolyte conductivity (so
the electrolyte is an ohmic single-ion conductor and its diffusion plays no
part), the same OCP table with the same monotone cubic (pchip) interpolation,
the same exchange-current function i0 = i0,ref·2·sqrt(θ(1−θ)), Bruggeman
exponents chosen so that κ_eff = κ·ε/τ, and a fine mesh. Prints, per case
and current, the delivered capacity of both codes and the largest voltage
difference over the curve; then PyBaMM's solve times (first and cached).
"""

import json
import sys
import time

import numpy as np
import pybamm

AREA_M2 = 1e-4  # 1 cm² electrode, so that A/cm² and A coincide in size
FINE = {"x_s": 20, "x_p": 120, "r_p": 80}


def parameters(si, ocp):
    pv = pybamm.ParameterValues("Xu2019")
    theta = np.array(ocp["theta"])
    u = np.array(ocp["u_v"])
    eps, tau = si["epsilon"], si["tau"]
    i0_ref = si["i0_ref_a_per_m2"]

    def ocp_fn(sto):
        return pybamm.Interpolant(theta, u, sto, name="ocp", interpolator="pchip")

    def j0(c_e, c_s_surf, c_s_max, T):
        x = c_s_surf / c_s_max
        return 2 * i0_ref * (x * (1 - x)) ** 0.5

    def li_j0(c_e, c_Li, T):
        return pybamm.Scalar(1e4)

    def kappa(c_e, T):
        return pybamm.Scalar(si["sigma_i_s_per_m"])

    def diffusivity(c_e, T):
        return pybamm.Scalar(1e-10)

    pv.update(
        {
            "Positive electrode thickness [m]": si["thickness_m"],
            "Separator thickness [m]": si["separator_m"],
            "Positive electrode porosity": eps,
            "Positive electrode active material volume fraction": si["active_fraction"],
            # κ_eff = κ·ε^b = κ·ε/τ.
            "Positive electrode Bruggeman coefficient (electrolyte)": float(np.log(eps / tau) / np.log(eps)),
            "Positive electrode Bruggeman coefficient (electrode)": 0.0,
            "Positive electrode conductivity [S.m-1]": si["sigma_e_eff_s_per_m"],
            "Separator porosity": 1.0,
            "Separator Bruggeman coefficient (electrolyte)": 1.0,
            "Positive particle radius [m]": si["radius_m"],
            "Positive particle diffusivity [m2.s-1]": si["diffusivity_m2_per_s"],
            "Maximum concentration in positive electrode [mol.m-3]": si["c_max_mol_per_m3"],
            "Initial concentration in positive electrode [mol.m-3]": si["theta0"] * si["c_max_mol_per_m3"],
            "Positive electrode OCP [V]": ocp_fn,
            "Positive electrode exchange-current density [A.m-2]": j0,
            "Exchange-current density for lithium metal electrode [A.m-2]": li_j0,
            "Cation transference number": 1.0,
            "Thermodynamic factor": 1.0,
            "Electrolyte conductivity [S.m-1]": kappa,
            "Electrolyte diffusivity [m2.s-1]": diffusivity,
            "Initial concentration in electrolyte [mol.m-3]": 1000.0,
            "Electrode height [m]": 0.01,
            "Electrode width [m]": 0.01,
            "Contact resistance [Ohm]": 0.0,
            "Ambient temperature [K]": si["temperature_k"],
            "Initial temperature [K]": si["temperature_k"],
            "Reference temperature [K]": si["temperature_k"],
            "Lower voltage cut-off [V]": si["v_cutoff_v"],
            "Upper voltage cut-off [V]": 5.0,
            "Open-circuit voltage at 100% SOC [V]": 5.0,
            "Open-circuit voltage at 0% SOC [V]": 2.0,
            "Current function [A]": "[input]",
        },
        check_already_exists=False,
    )
    return pv


def simulation(si, ocp, var_pts, solver):
    model = pybamm.lithium_ion.DFN(options={"working electrode": "positive"})
    pts = dict(model.default_var_pts)
    pts.update(var_pts or {})
    return pybamm.Simulation(model, parameter_values=parameters(si, ocp), var_pts=pts, solver=solver)


def t_end(si, current_a_per_m2):
    q = si["active_fraction"] * si["thickness_m"] * si["c_max_mol_per_m3"] * 96485.33212 * (1 - si["theta0"])
    return 1.2 * q / current_a_per_m2


def solve(sim, si, i):
    sol = sim.solve([0, t_end(si, i)], inputs={"Current function [A]": i * AREA_M2})
    t = sol["Time [s]"].entries
    v = sol["Voltage [V]"].entries
    q = i * t / 36000.0  # A/m²·s → mAh/cm²: ×0.1 mA/cm² per A/m², /3600 s per h
    return q, v


def main(path, cache=None, speed=True):
    cases = json.load(open(path))["cases"]
    cached_curves = {}
    if cache:
        try:
            cached_curves = json.load(open(cache))
        except FileNotFoundError:
            pass
    rows = []
    timing = []
    for case in cases:
        si, ocp = case["si"], case["ocp"]
        fine = None
        for k, i in enumerate(si["currents_a_per_m2"]):
            key = "%s %r" % (case["name"], i)
            if key not in cached_curves:
                if fine is None:
                    fine = simulation(si, ocp, FINE, pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-8))
                q, v = solve(fine, si, i)
                cached_curves[key] = [list(q), list(v)]
            q, v = (np.array(x) for x in cached_curves[key])
            ours = case["ours"][k]
            ours_fine = case["ours_fine"][k]
            q_end = q[-1]

            def dv_of(curve):
                # Voltage difference at equal capacity, up to 98 % of the
                # shorter curve (the last 2 % is the cut-off cliff, where a
                # tiny capacity shift is a large voltage difference).
                q_ours = np.array(curve["capacity_mah_per_cm2"])
                v_ours = np.array(curve["voltage_v"])
                mask = q <= 0.98 * min(q_end, q_ours[-1])
                dv = np.interp(q[mask], q_ours, v_ours) - v[mask]
                worst = int(np.argmax(np.abs(dv)))
                return 1e3 * np.max(np.abs(dv)), 1e3 * np.sqrt(np.mean(dv**2)), q[mask][worst] / q_end

            dv, rms, where = dv_of(ours)
            dv_fine, rms_fine, _ = dv_of(ours_fine)
            rows.append(
                (
                    case["name"],
                    i / 10.0,
                    q_end,
                    ours["delivered_mah_per_cm2"],
                    ours_fine["delivered_mah_per_cm2"],
                    100 * (ours["delivered_mah_per_cm2"] / q_end - 1),
                    dv,
                    rms,
                    where,
                    dv_fine,
                    rms_fine,
                )
            )
        if not speed:
            continue
        # Speed: PyBaMM's default mesh and solver, first solve and cached solves.
        default = simulation(si, ocp, None, pybamm.IDAKLUSolver())
        i0 = si["currents_a_per_m2"][1]
        t0 = time.perf_counter()
        solve(default, si, i0)
        first = time.perf_counter() - t0
        cached = []
        c0 = time.process_time()
        for _ in range(20):
            for i in si["currents_a_per_m2"]:
                t0 = time.perf_counter()
                solve(default, si, i)
                cached.append(time.perf_counter() - t0)
        cached_cpu = (time.process_time() - c0) / len(cached)
        top = si["currents_a_per_m2"][2]
        sweep = [top * 10 ** (-1.5 * k / 9) for k in range(10)]
        sweeps = []
        for _ in range(5):
            t0 = time.perf_counter()
            for i in sweep:
                solve(default, si, i)
            sweeps.append(time.perf_counter() - t0)
        timing.append((case["name"], 1e3 * first, 1e3 * cached_cpu, 1e3 * np.median(cached), 1e3 * np.median(sweeps)))

    print(
        "case,current_ma_cm2,pybamm_mah_cm2,ionpath_mah_cm2,ionpath_fine_mah_cm2,capacity_diff_pct,"
        "max_dv_mv,rms_dv_mv,max_dv_at_q_fraction,fine_max_dv_mv,fine_rms_dv_mv"
    )
    for r in rows:
        print("%s,%.2f,%.4f,%.4f,%.4f,%+.3f,%.2f,%.2f,%.3f,%.2f,%.2f" % r)
    print()
    print("case,pybamm_first_solve_ms,pybamm_cached_solve_cpu_ms,pybamm_cached_solve_wall_ms,pybamm_sweep10_wall_ms")
    for t in timing:
        print("%s,%.1f,%.2f,%.2f,%.1f" % t)
    print("pybamm", pybamm.__version__)
    if cache:
        json.dump(cached_curves, open(cache, "w"))


if __name__ == "__main__":
    # python discharge_pybamm.py CASES.json [PYBAMM_CURVES_CACHE.json] [--no-speed]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0], args[1] if len(args) > 1 else None, "--no-speed" not in sys.argv)
