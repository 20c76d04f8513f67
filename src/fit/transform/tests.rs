use super::*;
use proptest::prelude::*;

proptest! {
    #[test]
    fn round_trips(p in 1e-12f64..1e12, n in 0.01f64..0.99) {
        let log = Transform::Log;
        prop_assert!((log.to_physical(log.to_internal(p).unwrap()) / p - 1.0).abs() < 1e-12);
        let exp = Transform::for_domain(Domain::Exponent, None).unwrap();
        prop_assert!((exp.to_physical(exp.to_internal(n).unwrap()) - n).abs() < 1e-12);
        let bounded = Transform::for_domain(Domain::Positive, Some((1e-13, 1e13))).unwrap();
        prop_assert!((bounded.to_physical(bounded.to_internal(p).unwrap()) / p - 1.0).abs() < 1e-9);
    }

    #[test]
    fn derivative_matches_a_difference_quotient(u in -8.0f64..8.0) {
        for t in [Transform::Log, Transform::Logistic { lo: 0.2, hi: 1.0 }, Transform::LogLogistic { lo: 1e-3, hi: 1e3 }] {
            let h = 1e-6;
            let quotient = (t.to_physical(u + h) - t.to_physical(u - h)) / (2.0 * h);
            prop_assert!((t.derivative(u) - quotient).abs() <= 1e-6 * quotient.abs().max(1e-12));
        }
    }
}

#[test]
fn rejects_bad_values_and_bounds() {
    assert!(Transform::Log.to_internal(0.0).is_err());
    assert!(Transform::Log.to_internal(f64::NAN).is_err());
    assert!(Transform::for_domain(Domain::Exponent, Some((0.5, 1.5))).is_err());
    assert!(Transform::for_domain(Domain::Positive, Some((0.0, 1.0))).is_err());
    // A bound value maps inside, finitely.
    let t = Transform::Logistic { lo: 0.0, hi: 1.0 };
    assert!(t.to_internal(1.0).unwrap().is_finite());
}
