//! Reader speed: builds files of one million rows in memory and prints how
//! long `io::read_bytes` takes for each. Run with
//! `cargo run --release --bin io_bench` (the target is ≤ 1 s per file).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::fmt::Write;
    use std::time::Instant;

    const ROWS: usize = 1_000_000;
    let freq = |k: usize| 1e6 * 10f64.powf(-(k as f64) * 9.0 / ROWS as f64);
    let mut csv = String::from("freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm\n");
    let mut mpt = String::from("EC-Lab ASCII FILE\nNb header lines : 3\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\tPhase(Z)/deg\ttime/s\tcycle number\n");
    for k in 0..ROWS {
        let (f, re, im) = (
            freq(k),
            10.0 + k as f64 * 1e-3,
            5.0 + (k % 977) as f64 * 1e-2,
        );
        let _ = writeln!(csv, "{f:.9e},{re:.9e},{im:.9e}");
        let line = format!(
            "{f:.7E}\t{re:.7E}\t{im:.7E}\t{:.7E}\t-1.2345678E+001\t{k}.5\t1,000000E+000\n",
            re + im
        );
        mpt.push_str(&line.replace('.', ","));
    }
    for (name, text) in [("million.csv", &csv), ("million.mpt", &mpt)] {
        let (start, cpu_start) = (Instant::now(), cpu_seconds());
        match ionpath::io::read_bytes(name, text.as_bytes()) {
            Ok(spectra) => {
                let secs = start.elapsed().as_secs_f64();
                let cpu = match (cpu_start, cpu_seconds()) {
                    (Some(a), Some(b)) => format!(", {:.2} s CPU", b - a),
                    _ => String::new(),
                };
                let points: usize = spectra.iter().map(|s| s.len()).sum();
                println!(
                    "{name}: {points} points, {:.1} MB, {secs:.3} s wall{cpu}",
                    text.len() as f64 / 1e6
                );
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                std::process::exit(1);
            }
        }
    }
}

/// This process's user + system CPU time (Linux `/proc`, 10 ms ticks), so the
/// figure means something on a loaded machine.
#[cfg(not(target_arch = "wasm32"))]
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
