//! Times the page's plots natively: build the figure and render it to SVG.
//!
//! `cargo run --release --bin plot_bench [DIR]` prints the mean time per
//! figure and the SVG size; with DIR it also writes each figure there as a
//! standalone `.svg` (inline colours) for a visual check. The data are
//! synthetic stand-ins of realistic size, except the Nyquist/Bode data,
//! which come from the impedance.py example file when it is available.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bench::run();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::fmt::Write;
    use std::path::Path;
    use std::time::Instant;

    use ionpath::impedance::line::{Interface, Layout, TwoRailLine};
    use ionpath::plot::{self, ColorMode, Curve, Figure, Grid, LitPoint};
    use ionpath::Spectrum;

    fn spectrum() -> Spectrum {
        let rel = "impedance.py/exampleData.csv";
        let local = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/eis/");
        for base in [local, "/work/shared/fixtures/eis/"] {
            if let Ok(mut v) = ionpath::io::read_path(&Path::new(base).join(rel)) {
                if let Some(s) = v.pop() {
                    return s;
                }
            }
        }
        let freq_hz: Vec<f64> = (0..60).map(|k| 10f64.powf(6.0 - k as f64 * 0.15)).collect();
        fit_at(&freq_hz, "synthetic")
    }

    fn fit_at(freq_hz: &[f64], label: &str) -> Spectrum {
        let line = TwoRailLine {
            layout: Layout::IonElectron,
            r_ion_ohm: 0.03,
            r_e_ohm: 0.002,
            interface: Interface::Cpe { q: 1000.0, n: 0.8 },
            r_bulk_ohm: 0.015,
        };
        let z_ohm = freq_hz
            .iter()
            .map(|f| line.impedance(std::f64::consts::TAU * f))
            .collect();
        Spectrum {
            label: label.into(),
            freq_hz: freq_hz.to_vec(),
            z_ohm,
        }
    }

    fn time<F: Fn() -> Figure>(name: &str, dir: Option<&Path>, build: F) {
        // Best of 7 batches: the machine is shared, the minimum is the
        // least disturbed figure.
        let n = 50;
        let mut svg = build().to_svg();
        let mut us = f64::INFINITY;
        for _ in 0..7 {
            let start = Instant::now();
            for _ in 0..n {
                svg = build().to_svg();
            }
            us = us.min(start.elapsed().as_secs_f64() * 1e6 / n as f64);
        }
        println!("{name:<22} {us:>9.1} µs   {:>7} bytes", svg.len());
        if let Some(dir) = dir {
            let mut fig = build();
            fig.colors = ColorMode::Inline;
            let svg = fig.to_svg_file(plot::png::data_url);
            let _ = std::fs::write(dir.join(format!("{name}.svg")), svg);
        }
    }

    fn grid64() -> Grid {
        let n = 64;
        let values = (0..n * n)
            .map(|k| {
                let (ix, iy) = ((k % n) as f64 / 63.0, (k / n) as f64 / 63.0);
                (1.2 - ix * (1.4 - iy)).clamp(0.0, 1.0)
            })
            .collect();
        Grid::new((0.001, 0.08), (0.2, 0.8), n, n, values).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The alternative to the embedded PNG: one `<rect>` per cell.
    fn rect_per_cell(g: &Grid) -> String {
        let mut out = String::with_capacity(64 * g.values.len());
        for (k, v) in g.values.iter().enumerate() {
            let [r, gr, b] = plot::colormap(*v);
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"8.6\" height=\"5.1\" fill=\"#{r:02x}{gr:02x}{b:02x}\"/>",
                (k % g.nx) as f64 * 8.6 + 60.0,
                (k / g.nx) as f64 * 5.1 + 30.0
            );
        }
        out
    }

    pub fn run() {
        let dir = std::env::args().nth(1);
        let dir = dir.as_deref().map(Path::new);
        let data = spectrum();
        let fit = fit_at(&data.freq_hz, "fit");
        println!("data: {} ({} points)", data.label, data.len());
        time("nyquist", dir, || {
            plot::nyquist(std::slice::from_ref(&data), Some(&fit))
        });
        time("bode", dir, || {
            plot::bode(std::slice::from_ref(&data), Some(&fit))
        });
        time("residuals", dir, || {
            plot::residuals(&data, &fit)
                .unwrap_or_else(|_| Figure::new("", plot::Axis::default(), plot::Axis::default()))
        });
        let curves: Vec<Curve> = [1e-4, 1e-3, 1e-2]
            .iter()
            .map(|sigma| {
                let x: Vec<f64> = (0..100)
                    .map(|k| 10f64.powf(-4.0 + k as f64 * 0.03))
                    .collect();
                let y = x
                    .iter()
                    .map(|i| 56.0 / (1.0 + (i / (sigma * 30.0)).powf(1.5)))
                    .collect();
                Curve {
                    label: format!("σ = {} mS/cm", sigma * 1e3),
                    x,
                    y,
                }
            })
            .collect();
        time("capacity_vs_current", dir, || {
            plot::capacity_vs_current(&curves, Some((0.006, 40.0)), Some(56.0))
        });
        let grid = grid64();
        time("utilisation_map", dir, || {
            plot::utilisation_map(&grid, Some((0.03, 0.57))).unwrap_or_else(|e| panic!("{e}"))
        });
        let eps: Vec<f64> = (1..=99).map(|k| k as f64 / 100.0).collect();
        let model = Curve {
            label: "τ = ε^−0.5".into(),
            y: eps.iter().map(|e| e.powf(-0.5)).collect(),
            x: eps,
        };
        let lit = [
            LitPoint {
                source: "Kato 2018 (cathode)".into(),
                eps: 0.571,
                tau: 2.47,
                tau_err: None,
            },
            LitPoint {
                source: "example ± 10 %".into(),
                eps: 0.45,
                tau: 3.1,
                tau_err: Some(0.31),
            },
        ];
        time("tau_vs_epsilon", dir, || {
            plot::tau_vs_epsilon(&model, &lit, Some((0.5, 1.6)))
        });

        let heat = plot::Heatmap {
            grid: grid.clone(),
            label: String::new(),
            range: Some((0.0, 1.0)),
        };
        let mut us = f64::INFINITY;
        let mut len = 0;
        for _ in 0..7 {
            let start = Instant::now();
            for _ in 0..50 {
                let url = plot::png::data_url(64, 64, &heat.rgba().unwrap_or_default());
                len = url.map_or(0, |u| u.len());
            }
            us = us.min(start.elapsed().as_secs_f64() * 1e6 / 50.0);
        }
        println!("(part) 64×64 PNG + base64: {us:>9.1} µs   {len:>7} bytes");

        let n = 20;
        let mut rects = String::new();
        let mut us = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            for _ in 0..n {
                rects = rect_per_cell(&grid);
            }
            us = us.min(start.elapsed().as_secs_f64() * 1e6 / n as f64);
        }
        println!(
            "(alternative) 4096 <rect>s: {us:>9.1} µs   {:>7} bytes",
            rects.len()
        );
    }
}
