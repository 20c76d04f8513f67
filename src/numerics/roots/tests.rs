use super::*;

#[test]
fn finds_square_root_of_two() {
    let x = bisect(|x| x * x - 2.0, 0.0, 2.0, 1e-14).unwrap();
    assert!((x - std::f64::consts::SQRT_2).abs() < 1e-13, "{x}");
}

#[test]
fn decreasing_function_and_exact_end_roots() {
    // cos is decreasing on [0, π]; its root there is π/2.
    let x = bisect(f64::cos, 0.0, std::f64::consts::PI, 1e-14).unwrap();
    assert!((x - std::f64::consts::FRAC_PI_2).abs() < 1e-13);
    assert_eq!(bisect(|x| x - 1.0, 1.0, 3.0, 1e-12).unwrap(), 1.0);
    assert_eq!(bisect(|x| x - 3.0, 1.0, 3.0, 1e-12).unwrap(), 3.0);
}

#[test]
fn refuses_bad_brackets() {
    assert!(bisect(|x| x * x + 1.0, -1.0, 1.0, 1e-12).is_err());
    assert!(bisect(|x| x, 1.0, -1.0, 1e-12).is_err());
    assert!(bisect(|x| x, f64::NAN, 1.0, 1e-12).is_err());
    assert!(bisect(|x| x.ln(), -1.0, 2.0, 1e-12).is_err());
}
