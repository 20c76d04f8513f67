use super::*;

#[test]
fn examples() {
    assert_eq!(number(0.7312), "0.7312");
    assert_eq!(number(13.2049), "13.2");
    assert_eq!(number(600.0), "600");
    assert_eq!(number(-2.5), "−2.5");
    assert_eq!(number(1.5e-5), "1.5 × 10⁻⁵");
    assert_eq!(number(123456.0), "1.235 × 10⁵");
    assert_eq!(number(f64::NAN), "—");
    assert_eq!(number(f64::NEG_INFINITY), "—");
    assert_eq!(with_unit(0.73, "mS/cm"), "0.73\u{202f}mS/cm");
    assert_eq!(exact(1e-12), "1e-12");
    assert_eq!(exact(61.0), "61");
}

proptest::proptest! {
    #[test]
    fn exact_round_trips(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
        proptest::prop_assert_eq!(exact(x).parse::<f64>().ok(), Some(x));
    }

    #[test]
    fn number_never_shows_nan(x in proptest::num::f64::ANY) {
        let text = number(x);
        proptest::prop_assert!(!text.contains("NaN") && !text.contains("inf"));
    }
}
