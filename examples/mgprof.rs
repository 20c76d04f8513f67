use ionpath::micro::components::Components;
use ionpath::numerics::grid::GridLaplacian;
use ionpath::numerics::multigrid::{Cycle, Multigrid};
use ionpath::numerics::Level;
use std::time::Instant;
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let mode = std::env::args().nth(2).unwrap_or("all".into());
    let kind = std::env::args().nth(3).unwrap_or("random".into());
    let mut s = 1u64;
    let mut rnd = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let vol: Vec<bool> = if kind == "random" {
        (0..n * n * n).map(|_| rnd() < 0.5).collect()
    } else {
        // Overlapping spheres of radius 5 until half the volume is solid; conducting = pores.
        let mut solid = vec![false; n * n * n];
        let r = 5.0f64;
        let mut filled = 0usize;
        while filled < n * n * n / 2 {
            let c = [rnd() * n as f64, rnd() * n as f64, rnd() * n as f64];
            let lo = |k: usize| (c[k] - r).floor().max(0.0) as usize;
            let hi = |k: usize| ((c[k] + r).ceil() as usize).min(n - 1);
            for x in lo(0)..=hi(0) {
                for y in lo(1)..=hi(1) {
                    for z in lo(2)..=hi(2) {
                        let d = (x as f64 + 0.5 - c[0]).powi(2)
                            + (y as f64 + 0.5 - c[1]).powi(2)
                            + (z as f64 + 0.5 - c[2]).powi(2);
                        let v = (x * n + y) * n + z;
                        if d < r * r && !solid[v] {
                            solid[v] = true;
                            filled += 1;
                        }
                    }
                }
            }
        }
        solid.iter().map(|s| !s).collect()
    };
    let comps = Components::new([n, n, n], |v| vol[v]);
    let g = GridLaplacian::new(
        [n, n, n],
        &|v| if comps.spans(v, 0) { 1.0 } else { 0.0 },
        None,
        [true, true],
    );
    let nn = g.len();
    let x = vec![1.0f32; nn];
    let mut y = vec![0.0f32; nn];
    let mut z = vec![0.0f32; nn];
    match mode.as_str() {
        "apply" => {
            for _ in 0..20 {
                g.apply(0.0, &x, &mut y);
            }
        }
        "sweep" => {
            for _ in 0..20 {
                g.sweep(0.0, 0, &x, &mut z);
            }
        }
        "setup" => {
            let t = Instant::now();
            let mg = Multigrid::new(g, Cycle::K);
            println!("{:?} {:.3}", mg.level_sizes(), t.elapsed().as_secs_f64());
        }
        "cycle" | "vcycle" => {
            let mut mg = Multigrid::new(g, if mode == "cycle" { Cycle::K } else { Cycle::V });
            println!("{:?}", mg.level_sizes());
            let t = Instant::now();
            for _ in 0..10 {
                mg.precondition(&x, &mut z);
            }
            println!("cycle {:.3}", t.elapsed().as_secs_f64() / 10.0);
        }
        _ => {}
    }
}
