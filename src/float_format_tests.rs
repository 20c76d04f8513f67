//! [`Float`] against std's formatting of `f64`: the same text for every
//! format the crate uses (`{}`, `{:.N}`, `{:+.N}`, `{:e}`, `{:.Ne}`).

use proptest::prelude::*;

use super::Float;

/// Both write `x` the same way in every format, with the precisions
/// `0..=max_precision`; the first difference otherwise.
fn agrees_to(x: f64, max_precision: usize) -> Result<(), String> {
    let y = Float(x);
    let mut pairs = vec![
        (format!("{x}"), format!("{y}")),
        (format!("{x:e}"), format!("{y:e}")),
        (format!("{x:+}"), format!("{y:+}")),
    ];
    for p in 0..=max_precision {
        pairs.push((format!("{x:.p$}"), format!("{y:.p$}")));
        pairs.push((format!("{x:+.p$}"), format!("{y:+.p$}")));
        pairs.push((format!("{x:.p$e}"), format!("{y:.p$e}")));
    }
    match pairs.into_iter().find(|(std, ours)| std != ours) {
        None => Ok(()),
        Some((std, ours)) => Err(format!("{:?}: std {std}, ours {ours}", x.to_bits())),
    }
}

fn agrees(x: f64) -> Result<(), String> {
    agrees_to(x, 17)
}

#[test]
fn special_values_and_hard_cases() {
    let mut cases = vec![
        0.0,
        -0.0,
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        1.0,
        0.1,
        0.3,
        0.1 + 0.2,
        1.0 / 3.0,
        123456.0,
        1e15,
        1e16,
        1e21,
        1e22,
        1e23,
        9.5,
        99.5,
        0.95,
        0.995,
        5e-324,
        1e-323,
        // The largest subnormal.
        f64::from_bits((1 << 52) - 1),
        1.7976931348623157e308,
    ];
    // Exact ties at every precision: k/2^n.
    for n in 0..12 {
        for k in 0..40 {
            cases.push(f64::from(k) / f64::from(1 << n));
        }
    }
    // Powers of two and ten, and their neighbours (uneven intervals).
    let powers_of_two = (-1074..=1023).map(|e: i64| match e {
        -1074..=-1023 => 1u64 << (e + 1074),
        _ => ((e + 1023) as u64) << 52,
    });
    let powers_of_ten = (-323..=308).map(|e| format!("1e{e}").parse::<f64>().unwrap().to_bits());
    // (With fewer precisions: a {:.17} of 1e300 has 300 digits.)
    let mut wide = Vec::new();
    for bits in powers_of_two.chain(powers_of_ten) {
        wide.extend([bits - 1, bits, bits + 1].map(f64::from_bits));
    }
    // The smallest subnormals, where the interval is widest.
    wide.extend((1..1000).map(f64::from_bits));
    for x in wide {
        agrees_to(x, 2).unwrap();
    }
    for x in cases {
        agrees(x).unwrap();
        agrees(-x).unwrap();
    }
}

#[test]
fn every_power_of_two_from_2_to_the_minus_130_to_2_to_the_60() {
    // Below a power of two the neighbouring double is twice as close.
    for biased in 945u64..1085 {
        let x = f64::from_bits(biased << 52);
        agrees(x).unwrap();
        agrees(-x).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_double(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assert_eq!(agrees(x), Ok(()));
    }

    #[test]
    fn page_sized_numbers(m in -1e6f64..1e6, e in -12i32..12) {
        let x = m * 10f64.powi(e);
        prop_assert_eq!(agrees(x), Ok(()));
    }

    #[test]
    fn doubles_where_the_128_bit_path_applies(
        biased in 950u64..1080,
        fraction in any::<u64>(),
        power_of_two in any::<bool>(),
    ) {
        // 2^−125 to 2^53 and a little beyond on each side, powers of two
        // (a closer neighbour below) half the time.
        let fraction = if power_of_two { 0 } else { fraction & ((1 << 52) - 1) };
        let x = f64::from_bits(biased << 52 | fraction);
        prop_assert_eq!(agrees(x), Ok(()));
    }

    #[test]
    fn up_to_fifteen_digits_and_decimals(n in 1u64..1_000_000_000_000_000, q in 0i32..=17) {
        // The fast path's domain (n < 10^15, q ≤ 15) and just beyond it.
        let x: f64 = format!("{n}e-{q}").parse().unwrap();
        prop_assert_eq!(agrees(x), Ok(()));
        prop_assert_eq!(agrees(-x), Ok(()));
    }

    #[test]
    fn short_decimals(m in -100_000i64..100_000, e in -8i32..8) {
        let x: f64 = format!("{m}e{e}").parse().unwrap();
        prop_assert_eq!(agrees(x), Ok(()));
    }
}
