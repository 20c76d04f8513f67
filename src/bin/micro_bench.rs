//! Microstructure speed: τ solves and the generator, timed in-process.
//! Run with `cargo run --release --bin micro_bench -- COMMAND …`:
//!
//! - `random N FRACTION SEED [AXES]`: a random 0/1 volume of N³ voxels
//!   (each voxel conducting with probability FRACTION), τ of label 1;
//! - `file PATH [AXES] [LABEL]`: τ of LABEL (default: the nonzero label) of
//!   a TIFF stack or raw volume;
//! - `tiff-random N FRACTION SEED OUT`: writes that random volume as a TIFF
//!   (for the Python references to read);
//! - `generate N SEED OUT`: generates the benchmark electrode of N³ voxels
//!   (0.25 µm voxels; AM 0.50 with 5 ± 1 µm spheres, SE 0.35 of 1.5 µm,
//!   carbon 0.05 of 0.5 µm, voids 0.10), prints the time, writes the TIFF.
//!
//! AXES is `x`, `y`, `z` or `all` (default x). Prints one JSON line per axis
//! with the wall time of the setup (clusters, hierarchy) and of the
//! iterations, τ, iterations, residual and the multigrid levels.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn random_volume(n: usize, fraction: f64, seed: u64) -> ionpath::micro::Volume {
    let mut s = seed;
    let codes = (0..n * n * n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            u8::from(((s >> 11) as f64 / (1u64 << 53) as f64) < fraction)
        })
        .collect();
    ionpath::micro::Volume::from_u8([n, n, n], 1.0, codes).expect("valid shape")
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    use ionpath::micro::io::{read_volume, write_tiff, ReadOptions};
    use ionpath::micro::transport::{tortuosity, Options, Stage};
    use ionpath::micro::{Axis, PhaseTable};
    use std::time::Instant;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |k: usize| args.get(k).map(String::as_str);
    let num = |k: usize| -> Result<f64, String> {
        arg(k)
            .ok_or(format!("argument {} missing", k + 1))?
            .parse::<f64>()
            .map_err(|e| format!("argument {}: {e}", k + 1))
    };
    let axes = |k: usize| -> Result<Vec<Axis>, String> {
        match arg(k).unwrap_or("x") {
            "all" => Ok(Axis::ALL.to_vec()),
            s => Axis::from_name(s)
                .map(|a| vec![a])
                .ok_or(format!("axis {s}?")),
        }
    };
    let start = Instant::now();
    let (volume, axes, phases) = match arg(0) {
        Some("random") => {
            let v = random_volume(num(1)? as usize, num(2)?, num(3)? as u64);
            let p = PhaseTable::new(&v, &[(1, 1.0)]).map_err(|e| e.to_string())?;
            (v, axes(4)?, p)
        }
        Some("tiff-random") => {
            let v = random_volume(num(1)? as usize, num(2)?, num(3)? as u64);
            let out = arg(4).ok_or("OUT missing")?;
            let bytes = write_tiff(&v).map_err(|e| e.to_string())?;
            std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))?;
            return Ok(());
        }
        Some("generate") => {
            use ionpath::micro::generate::{generate, Recipe};
            let n = num(1)?;
            let recipe = Recipe::benchmark(n as usize, num(2)? as u64);
            let (t, c) = (Instant::now(), cpu_s());
            let v = generate(&recipe).map_err(|e| e.to_string())?;
            println!(
                "{{\"generate\":{:?},\"wall_s\":{:.3},\"cpu_s\":{:.3}}}",
                v.shape,
                t.elapsed().as_secs_f64(),
                cpu_s() - c
            );
            let out = arg(3).ok_or("OUT missing")?;
            let bytes = write_tiff(&v).map_err(|e| e.to_string())?;
            std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))?;
            return Ok(());
        }
        Some("file") => {
            let path = arg(1).ok_or("PATH missing")?;
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            let v = read_volume(path, &bytes, &ReadOptions::default()).map_err(|e| e.to_string())?;
            let p = match arg(3) {
                Some(l) => PhaseTable::new(&v, &[(l.parse().map_err(|_| "LABEL?")?, 1.0)]),
                None => PhaseTable::default_for(&v),
            }
            .map_err(|e| e.to_string())?;
            (v, axes(2)?, p)
        }
        _ => return Err("usage: micro_bench random N FRACTION SEED [AXES] | file PATH [AXES] [LABEL] | tiff-random N FRACTION SEED OUT".into()),
    };
    let load_s = start.elapsed().as_secs_f64();
    let cpu0 = cpu_s();
    let mut marks: Vec<(Option<Axis>, Stage, f64)> = Vec::new();
    let t0 = Instant::now();
    let results = tortuosity(&volume, &phases, &axes, &Options::default(), &mut |p| {
        if marks.last().map(|m| (m.0, m.1)) != Some((p.axis, p.stage)) {
            marks.push((p.axis, p.stage, t0.elapsed().as_secs_f64()));
        }
        true
    })
    .map_err(|e| e.to_string())?;
    let total = t0.elapsed().as_secs_f64();
    let cpu = cpu_s() - cpu0;
    let time_of = |axis: Axis, stage: Stage| -> f64 {
        let k = marks.iter().position(|m| m.0 == Some(axis) && m.1 == stage);
        k.map_or(0.0, |k| {
            marks.get(k + 1).map_or(total, |m| m.2) - marks[k].2
        })
    };
    let clusters_s = marks.get(1).map_or(total, |m| m.2);
    for r in results {
        println!(
            "{{\"shape\":{:?},\"axis\":\"{}\",\"tau\":{},\"iterations\":{},\"residual\":{:e},\"flux_mismatch\":{:e},\"load_s\":{load_s:.3},\"clusters_s\":{clusters_s:.3},\"setup_s\":{:.3},\"solve_s\":{:.3},\"total_s\":{total:.3},\"cpu_s\":{cpu:.3},\"levels\":{:?}}}",
            volume.shape,
            r.axis.name(),
            r.tau.map_or("null".into(), |t| format!("{t}")),
            r.iterations,
            r.residual,
            r.flux_mismatch,
            time_of(r.axis, Stage::Setup),
            time_of(r.axis, Stage::Solve),
            r.levels
        );
    }
    Ok(())
}

/// CPU seconds of this process (user + system, all threads), from
/// /proc/self/stat; 0 where that is not readable.
#[cfg(not(target_arch = "wasm32"))]
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |k: usize| {
        fields
            .get(k)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 (11 and 12 after the name).
    (ticks(11) + ticks(12)) / 100.0
}

#[cfg(target_arch = "wasm32")]
fn main() {}
