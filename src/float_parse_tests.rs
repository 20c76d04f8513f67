//! `parse_f64` against std's `str::parse::<f64>` (correctly rounded, an
//! independent implementation): same bits, same refusals.

use proptest::prelude::*;

use super::parse_f64;

/// Both parsers agree on `text`: the same bits, or both refuse it.
fn agrees(text: &str) -> Result<(), String> {
    let std = text.parse::<f64>().ok();
    let ours = parse_f64(text);
    match (std, ours) {
        (None, None) => Ok(()),
        (Some(a), Some(b)) if a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()) => Ok(()),
        _ => Err(format!("{text:?}: std {std:?}, ours {ours:?}")),
    }
}

#[test]
fn hard_cases_round_like_std() {
    let cases = [
        "0",
        "-0",
        "+0",
        "0.0",
        "00000.00000e5",
        "1",
        "-1",
        "1.",
        ".5",
        "-.5e1",
        "1e0",
        "1E+2",
        "1e-2",
        "0.1",
        "0.2",
        "0.3",
        "0.30000000000000004",
        "123456789012345678901234567890",
        // 2^53 + 1 and + 3: ties between doubles, to even.
        "9007199254740993",
        "9007199254740995",
        "9007199254740993.0000000000000000001",
        // Around the smallest normal, the smallest subnormal and its half.
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "2.2250738585072012e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1e-323",
        "5e-324",
        "3e-324",
        "1e-324",
        "1e-400",
        "7.4109846876186982e-324",
        // Around f64::MAX and the tie with 2^1024.
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.797693134862315807e308",
        "1.7976931348623159e308",
        "1e308",
        "1e309",
        "1e400",
        // Powers of ten at the ends of the exact path.
        "1e22",
        "1e23",
        "1e-22",
        "1e-23",
        "123456789012345e22",
        "123456789012345e-22",
        "1234567890123456e22",
        "8.98846567431158e307",
        "179769313486231580793728971405301e276",
        "inf",
        "-inf",
        "+Infinity",
        "INF",
        "NaN",
        "nan",
        "-nan",
        "0e999999999999999999999",
        "1e-999999999999999999999",
        "1e999999999999999999999",
        "",
        "-",
        "+",
        ".",
        "e5",
        "1e",
        "1e+",
        "1.2.3",
        "1,5",
        " 1",
        "1 ",
        "0x10",
        "1_0",
        "--1",
        "+-1",
        "infinit",
        "nana",
        "1e5.0",
        "٣",
    ];
    for text in cases {
        agrees(text).unwrap();
    }
}

#[test]
fn long_inputs_keep_their_tail() {
    // 2^53 + 1 (a tie) then a nonzero digit far beyond the 800 kept: rounds up.
    let tie_plus = format!("9007199254740993{}1", "0".repeat(900));
    agrees(&format!("{tie_plus}e-901")).unwrap();
    let tie = format!("9007199254740993.{}", "0".repeat(1000));
    agrees(&tie).unwrap();
    agrees(&format!("{}1e-1000", "0.".to_string() + &"0".repeat(1200))).unwrap();
    // The exact decimal value of the tie just above 1 (1 + 2^-53), and one digit more.
    let half_ulp = "1.00000000000000011102230246251565404236316680908203125";
    agrees(half_ulp).unwrap();
    agrees(&format!("{half_ulp}1")).unwrap();
    agrees(&format!("{half_ulp}{}1", "0".repeat(2000))).unwrap();
    // The exact value of 2^-1075 (half the smallest subnormal): ties to 0; a hair above rounds up.
    let half_min = format!("{:.1100}", 2f64.powi(-1074) / 2.0);
    agrees(&half_min).unwrap();
    agrees(&format!("{}1", half_min.trim_end_matches('0'))).unwrap();
    agrees(&"9".repeat(5000)).unwrap();
    agrees(&format!("0.{}", "9".repeat(5000))).unwrap();
}

proptest! {
    #[test]
    fn every_double_written_by_std_reads_back(bits in any::<u64>(), digits in 0usize..25) {
        let x = f64::from_bits(bits);
        for text in [format!("{x}"), format!("{x:e}"), format!("{x:.digits$e}"), format!("{x:.digits$}")] {
            agrees(&text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn decimal_strings_read_like_std(text in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?") {
        agrees(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn ties_and_their_neighbours_read_like_std(m in (1u128 << 52)..(1u128 << 53), k in -27i32..=74) {
        // (2m + 1)·2^k has 54 significant bits: exactly halfway between two
        // doubles. Written exactly (u128 arithmetic), then a hair above and below.
        let odd = 2 * m + 1;
        // The tie's first 19 significant digits and those + 1 in the last:
        // just below and just above it, short enough for the u128 path.
        let digits = if k >= 0 { (odd << k).to_string() } else { (odd * 5u128.pow(k.unsigned_abs())).to_string() };
        if digits.len() > 19 {
            let head: u128 = digits[..19].parse().unwrap();
            let e = digits.len() as i32 - 19 + k.min(0);
            agrees(&format!("{head}e{e}")).map_err(TestCaseError::fail)?;
            agrees(&format!("{}e{e}", head + 1)).map_err(TestCaseError::fail)?;
        }
        let texts = if k >= 0 {
            let d = odd << k;
            [d.to_string(), format!("{d}.0001"), format!("{}.9999", d - 1)]
        } else {
            let places = k.unsigned_abs() as usize;
            let d = odd * 5u128.pow(k.unsigned_abs());
            let point = |d: u128| {
                let digits = format!("{d:0>width$}", width = places + 1);
                let (int, frac) = digits.split_at(digits.len() - places);
                format!("{int}.{frac}")
            };
            [point(d), format!("{}0001", point(d)), format!("{}9999", point(d - 1))]
        };
        for text in texts {
            agrees(&text).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn any_text_reads_like_std(text in "\\PC{0,16}") {
        agrees(&text).map_err(TestCaseError::fail)?;
    }
}
