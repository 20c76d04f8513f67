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
    let plots = plots(&[s], Extras::default());
    assert_eq!(plots[0].why.as_deref(), Some("1 point in 3 drawn"));
}

#[test]
fn the_kk_plot_has_the_band_and_marks_the_points_outside() {
    let s = Spectrum {
        label: "d".into(),
        freq_hz: vec![1.0, 10.0, 100.0],
        z_ohm: vec![Complex64::new(1.0, -1.0); 3],
    };
    let kk = KkResult {
        residuals: vec![(0.001, -0.002), (0.03, 0.0), (0.0, 0.0)],
        band: 0.01,
        outside: vec![1],
        ..KkResult::default()
    };
    let fig = kk_figure(&s, &kk).unwrap();
    assert_eq!((fig.bands[0].lo[0], fig.bands[0].hi[1]), (-1.0, 1.0));
    assert_eq!(fig.series[0].y, [0.1, 3.0, 0.0]);
    assert_eq!((fig.marks[0].x, fig.marks[0].y), (10.0, 3.0));
    let short = KkResult {
        residuals: vec![(0.0, 0.0)],
        ..KkResult::default()
    };
    assert!(kk_figure(&s, &short).is_err());
}

#[test]
fn the_first_nyquist_view_frames_the_line_not_the_capacitive_tail() {
    // A blocking line R_bulk 10 Ω, R_ion 100 Ω with a 1 µF double layer:
    // its tail reaches far beyond 10⁴ Ω at 10 mHz; the frame holds the
    // intercept and the 45° region (Re up to about R_bulk + R_ion/3).
    let state = crate::app::url::decode("zmodel=line&layout=ion-electron&iface=c").0;
    let s = crate::app::impedance::model::line_spectrum(
        &state,
        &[10.0, 100.0, 0.1, 1e-6],
        &crate::numerics::grid::log_space(1e-2, 1e6, 81),
        "d",
    )
    .unwrap();
    let ((x0, x1), (y0, y1)) = nyquist_frame(&s).unwrap();
    assert!(x0 < 10.0 && x1 > 40.0 && x1 < 500.0, "{x0} … {x1}");
    assert!(y0 <= 0.0 && y1 < 1000.0, "{y0} … {y1}");
    let max_im = s.z_ohm.iter().map(|z| -z.im).fold(0.0, f64::max);
    assert!(max_im > 1e4, "{max_im}");
    // Framed with equal axes: the same ohms per pixel on both.
    let v = plots(std::slice::from_ref(&s), Extras::default());
    let fig = v[0].figure.as_ref().unwrap();
    let l = crate::plot::layout(fig);
    let per_px = |m: &crate::plot::Mapping| (m.hi - m.lo) / (m.px_hi - m.px_lo).abs();
    assert!((per_px(&l.x) / per_px(&l.y) - 1.0).abs() < 1e-6);
    // "free" drops equal axes, "all" keeps every point.
    let all = plots(
        std::slice::from_ref(&s),
        Extras {
            view: ZView::All,
            ..Extras::default()
        },
    );
    assert!(all[0].figure.as_ref().unwrap().x.range.is_none());
    let free = plots(
        &[s],
        Extras {
            view: ZView::Free,
            ..Extras::default()
        },
    );
    assert!(!free[0].figure.as_ref().unwrap().equal_aspect);
}
