//! Discharge-model benchmark (not a test).
//!
//!   discharge_bench cases OUT.json   the two benchmark half cells
//!       (`discharge::cases`): their parameters in SI for PyBaMM, the OCP
//!       table, and our curves at the default mesh and at a mesh 4× finer,
//!       for bench/discharge_pybamm.py to compare
//!   discharge_bench time [REPEATS]   median time of one discharge per case
//!       and current, and of a 10-current rate sweep (default mesh)
//!   discharge_bench kato   Kato et al.'s cell: the full model's rate
//!       capability beside Eq. 19 for the same design and the published
//!       Eq. 19 figure (13.2 mAh/cm² at 6 mA/cm²)

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match native::run(std::env::args().skip(1).collect()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use ionpath::discharge::cases::{
        kato2018, limited_cathode, mild_cathode, LIMITED_CURRENTS_A_PER_CM2,
        MILD_CURRENTS_A_PER_CM2,
    };
    use ionpath::discharge::{discharge, rate_capability, CellParams, Mesh, Ocp, SolverOptions};
    use ionpath::physics::capacity::{delivered_capacity, Cell, Electrode};
    use serde_json::json;

    type Case = (&'static str, CellParams, [f64; 3]);

    fn cases() -> Result<Vec<Case>, String> {
        Ok(vec![
            (
                "mild",
                mild_cathode().map_err(|e| e.to_string())?,
                MILD_CURRENTS_A_PER_CM2,
            ),
            (
                "transport-limited",
                limited_cathode().map_err(|e| e.to_string())?,
                LIMITED_CURRENTS_A_PER_CM2,
            ),
        ])
    }

    pub fn run(args: Vec<String>) -> Result<(), String> {
        match args.first().map(String::as_str) {
            Some("cases") => write_cases(args.get(1).ok_or("cases needs OUT.json")?),
            Some("time") => time(args.get(1).map_or(Ok(200), |s| {
                s.parse()
                    .map_err(|_| "REPEATS must be a number".to_string())
            })?),
            Some("kato") => kato(),
            _ => Err("usage: discharge_bench cases OUT.json | time [REPEATS] | kato".into()),
        }
    }

    fn curve_json(
        cell: &CellParams,
        current: f64,
        options: &SolverOptions,
    ) -> Result<serde_json::Value, String> {
        let d = discharge(cell, current, options, &[]).map_err(|e| e.to_string())?;
        Ok(json!({
            "current_a_per_cm2": current,
            "end": format!("{:?}", d.end),
            "delivered_mah_per_cm2": d.delivered_c_per_cm2 / 3.6,
            "capacity_mah_per_cm2": d.points.iter().map(|p| p.capacity_c_per_cm2 / 3.6).collect::<Vec<_>>(),
            "voltage_v": d.points.iter().map(|p| p.voltage_v).collect::<Vec<_>>(),
            "steps": d.stats.steps,
        }))
    }

    fn write_cases(path: &str) -> Result<(), String> {
        let mut out = Vec::new();
        for (name, cell, currents) in cases()? {
            let c = &cell.cathode;
            let (epsilon, tau) = match c.microstructure {
                ionpath::physics::tortuosity::Microstructure::Tortuosity { epsilon, tau } => {
                    (epsilon, tau)
                }
                _ => return Err("benchmark cases give τ".into()),
            };
            let Ocp::Table(table) = &c.ocp else {
                return Err("benchmark cases use an OCP table".into());
            };
            let (theta, u): (Vec<f64>, Vec<f64>) = table.points().unzip();
            let fine = SolverOptions {
                cathode_mesh: Mesh::default().refined(4),
                rtol: 1e-8,
                ..SolverOptions::default()
            };
            let options = options_from_env();
            let mut ours = Vec::new();
            let mut ours_fine = Vec::new();
            for &i in &currents {
                ours.push(curve_json(&cell, i, &options)?);
                ours_fine.push(curve_json(&cell, i, &fine)?);
            }
            out.push(json!({
                "name": name,
                "si": {
                    "thickness_m": c.thickness_cm * 1e-2,
                    "separator_m": cell.separator_thickness_cm * 1e-2,
                    "epsilon": epsilon,
                    "tau": tau,
                    "active_fraction": c.active_fraction,
                    "sigma_i_s_per_m": cell.sigma_i_s_per_cm * 100.0,
                    "sigma_e_eff_s_per_m": c.sigma_e_eff_s_per_cm * 100.0,
                    "radius_m": c.radius_cm * 1e-2,
                    "diffusivity_m2_per_s": c.diffusivity_cm2_per_s * 1e-4,
                    "c_max_mol_per_m3": c.c_max_mol_per_cm3 * 1e6,
                    "theta0": c.theta0,
                    "i0_ref_a_per_m2": c.i0_ref_a_per_cm2 * 1e4,
                    "temperature_k": cell.temperature_k,
                    "v_cutoff_v": cell.v_cutoff_v,
                    "currents_a_per_m2": currents.iter().map(|i| i * 1e4).collect::<Vec<_>>(),
                },
                "ocp": {"theta": theta, "u_v": u},
                "ours": ours,
                "ours_fine": ours_fine,
            }));
        }
        let text =
            serde_json::to_string_pretty(&json!({ "cases": out })).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))
    }

    /// The default solver options, or DISCHARGE_MESH=cells,shells and
    /// DISCHARGE_RTOL=x (exploration).
    fn options_from_env() -> SolverOptions {
        let mut options = SolverOptions::default();
        if let Some(rtol) = std::env::var("DISCHARGE_RTOL")
            .ok()
            .and_then(|r| r.parse().ok())
        {
            options.rtol = rtol;
        }
        if let Ok(m) = std::env::var("DISCHARGE_MESH") {
            let v: Vec<usize> = m.split(',').filter_map(|x| x.parse().ok()).collect();
            if let [cells, shells] = v[..] {
                options.cathode_mesh = Mesh { cells, shells };
            }
        }
        options
    }

    /// CPU seconds this process has used (user + system, from
    /// /proc/self/stat at 100 ticks per second): on a loaded machine the
    /// wall-clock time also counts the waits for a core.
    fn cpu_seconds() -> f64 {
        std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                let rest = s.rsplit(')').next()?.to_string();
                let f: Vec<&str> = rest.split_whitespace().collect();
                // Fields 14 and 15 of stat(5); `rest` starts at field 3.
                let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
                Some(ticks / 100.0)
            })
            .unwrap_or(f64::NAN)
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    }

    fn time(repeats: usize) -> Result<(), String> {
        let options = options_from_env();
        for (name, cell, currents) in cases()? {
            for &i in &currents {
                let mut times = Vec::with_capacity(repeats);
                let mut steps = Default::default();
                let cpu0 = cpu_seconds();
                for _ in 0..repeats {
                    let t0 = Instant::now();
                    let d = discharge(&cell, i, &options, &[]).map_err(|e| e.to_string())?;
                    times.push(t0.elapsed().as_secs_f64() * 1e3);
                    steps = d.stats;
                }
                let cpu_ms = (cpu_seconds() - cpu0) * 1e3 / repeats as f64;
                println!(
                    "{name} {:.1} mA/cm2: {cpu_ms:.2} ms CPU, median {:.2} ms wall per discharge ({steps:?})",
                    i * 1e3,
                    median(times)
                );
            }
            // Ten currents, log-spaced over a decade and a half below the largest.
            let top = currents[2];
            let sweep: Vec<f64> = (0..10)
                .map(|k| top * 10f64.powf(-1.5 * k as f64 / 9.0))
                .collect();
            let mut times = Vec::new();
            let sweeps = repeats.div_ceil(10).max(3);
            let cpu0 = cpu_seconds();
            for _ in 0..sweeps {
                let t0 = Instant::now();
                for &i in &sweep {
                    discharge(&cell, i, &options, &[]).map_err(|e| e.to_string())?;
                }
                times.push(t0.elapsed().as_secs_f64() * 1e3);
            }
            let cpu_ms = (cpu_seconds() - cpu0) * 1e3 / sweeps as f64;
            println!(
                "{name} sweep of 10 currents: {cpu_ms:.1} ms CPU, median {:.1} ms wall",
                median(times)
            );
        }
        Ok(())
    }

    fn kato() -> Result<(), String> {
        let cell = kato2018(600.0).map_err(|e| e.to_string())?;
        let currents_ma = [0.5, 1.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.5];
        let currents: Vec<f64> = currents_ma.iter().map(|i| i * 1e-3).collect();
        let points = rate_capability(&cell, &currents, &SolverOptions::default())
            .map_err(|e| e.to_string())?;
        // The review's Eq. 19 with the published inputs (U_c 4.1 V, U_a 0.1 V, R_0 8 Ω·cm²).
        let published = Cell {
            cathode: Electrode {
                capacity_c_per_cm3: 953.0,
                sigma_eff_s_per_cm: 0.73e-3,
                thickness_cm: Some(0.06),
            },
            anode: Some(Electrode {
                capacity_c_per_cm3: 1298.0,
                sigma_eff_s_per_cm: 0.21e-3,
                thickness_cm: None,
            }),
            u_c_v: 4.1,
            u_a_v: 0.1,
            v_cutoff_v: 2.5,
            r0_ohm_cm2: 8.0,
        };
        println!("current_ma_cm2,model_mah_cm2,eq19_same_design_mah_cm2,eq19_published_inputs_mah_cm2,failing");
        for (p, &i) in points.iter().zip(&currents_ma) {
            let pub_eq19 = delivered_capacity(&published, i * 1e-3).map_err(|e| e.to_string())?;
            println!(
                "{i},{:.2},{:.2},{:.2},{}",
                p.model_c_per_cm2 / 3.6,
                p.eq19_c_per_cm2 / 3.6,
                pub_eq19.capacity_c_per_cm2 / 3.6,
                p.diagnosis.failing.describe()
            );
        }
        let six = &points[4];
        println!("at 6 mA/cm2 (published 13.2 mAh/cm2): {}", six.sentence());
        Ok(())
    }
}
