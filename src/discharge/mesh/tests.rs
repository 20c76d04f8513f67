use super::*;

#[test]
fn shells_fill_the_sphere_and_narrow_outward() {
    for n in [2, 5, 16] {
        let s = Shells::new(n);
        let total: f64 = s.volume.iter().sum();
        assert!((total - 1.0 / 3.0).abs() < 1e-14, "{total}");
        assert_eq!(s.conductance.len(), n - 1);
        // The outer shell is the thinnest: e = half its width over the
        // distance between the two outer midpoints < ½.
        assert!(
            s.extrapolation > 0.0 && s.extrapolation < 0.5,
            "{}",
            s.extrapolation
        );
    }
    assert!(Mesh {
        cells: 1,
        shells: 4
    }
    .validate()
    .is_err());
}
