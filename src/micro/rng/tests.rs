use super::*;

#[test]
fn ln_and_exp_match_std_closely() {
    for &x in &[1e-300, 1e-9, 0.1, 0.5, 0.7, 1.0, 1.5, 2.0, 3.3, 1e5, 1e300] {
        let (a, b) = (ln(x), x.ln());
        assert!(
            (a - b).abs() <= 4e-16 * b.abs().max(1.0),
            "ln {x}: {a} vs {b}"
        );
    }
    for &x in &[-600.0, -20.0, -1.0, -0.3, 0.0, 0.2, 1.0, 2.5, 40.0, 690.0] {
        let (a, b) = (exp(x), f64::exp(x));
        assert!((a - b).abs() <= 4e-15 * b, "exp {x}: {a} vs {b}");
    }
}

#[test]
fn the_deviates_have_their_moments() {
    let mut rng = Rng::new(42);
    let n = 200_000;
    let u: Vec<f64> = (0..n).map(|_| rng.uniform()).collect();
    assert!(u.iter().all(|&x| (0.0..1.0).contains(&x)));
    let mean = u.iter().sum::<f64>() / n as f64;
    assert!((mean - 0.5).abs() < 0.005, "{mean}");
    let z: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
    let m = z.iter().sum::<f64>() / n as f64;
    let v = z.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
    assert!(m.abs() < 0.01 && (v - 1.0).abs() < 0.01, "{m} {v}");
    // Log-normal: mean 5, sd 1.5.
    let d: Vec<f64> = (0..n).map(|_| rng.log_normal(5.0, 1.5)).collect();
    let m = d.iter().sum::<f64>() / n as f64;
    let sd = (d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64).sqrt();
    assert!(
        (m - 5.0).abs() < 0.03 && (sd - 1.5).abs() < 0.03,
        "{m} {sd}"
    );
}

#[test]
fn a_seed_gives_its_sequence() {
    // SplitMix64's published first output for seed 0.
    assert_eq!(Rng::new(0).next_u64(), 0xe220_a839_7b1d_cdaf);
    let (mut a, mut b) = (Rng::new(7), Rng::new(7));
    assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
}
