use super::*;
use num_complex::Complex64;

#[test]
fn thinning_keeps_ends_and_every_kth_point() {
    let n = 10_001;
    let s = Spectrum {
        label: "big".into(),
        freq_hz: (0..n).map(|k| 1.0 + k as f64).collect(),
        z_ohm: (0..n).map(|k| Complex64::new(k as f64, -1.0)).collect(),
    };
    let (t, stride) = thinned(&s, 1000);
    assert_eq!(stride, 11); // ceil(10001 / 999)
    assert!(t.len() <= 1000, "{}", t.len());
    assert_eq!(t.freq_hz[0], 1.0);
    assert_eq!(*t.freq_hz.last().unwrap(), n as f64);
    assert_eq!(t.z_ohm[3], s.z_ohm[33]);
    let (same, one) = thinned(&s, n);
    assert!(matches!(same, Cow::Borrowed(_)) && one == 1);
    let plots = plots(&[s], None, None);
    assert_eq!(plots[0].why.as_deref(), Some("1 point in 3 drawn"));
}
