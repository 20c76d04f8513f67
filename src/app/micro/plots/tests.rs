use super::*;

fn points(alpha: f64, k: f64) -> Vec<SweepPoint> {
    [0.2, 0.3, 0.4, 0.5]
        .iter()
        .map(|&e| SweepPoint {
            swept: e,
            se: e,
            am: 0.8 - e,
            tau: Some(k * f64::powf(e, -alpha)),
            utilisation: Some(0.5 + e),
            error: None,
        })
        .collect()
}

#[test]
fn the_fit_recovers_the_law_the_points_follow() {
    let fit = bruggeman(&points(0.6, 1.3)).unwrap();
    assert!((fit.alpha.value - 0.6).abs() < 1e-9);
    assert!((fit.k.value - 1.3).abs() < 1e-9);
    let rows = fit_rows(&points(0.6, 1.3));
    assert!(rows[0].value.starts_with("0.6"), "{}", rows[0].value);
    assert!(rows[1].value.starts_with("1.3"), "{}", rows[1].value);
}

#[test]
fn the_tau_plot_shows_the_sweep_its_fit_and_the_literature() {
    let mut p = points(0.6, 1.3);
    // A point whose SE does not percolate is left out, not drawn at ∞.
    p.push(SweepPoint {
        tau: None,
        ..p[0].clone()
    });
    let fig = tau_figure(&p).unwrap();
    let sweep = fig
        .series
        .iter()
        .find(|s| s.name.contains("this sweep"))
        .unwrap();
    assert_eq!(sweep.x, vec![0.2, 0.3, 0.4, 0.5]);
    assert!(fig.series[0].name.starts_with("Bruggeman fit"));
    assert!(fig.series.len() > 2, "literature series missing");
    let (lo, hi) = (fig.series[0].x[0], *fig.series[0].x.last().unwrap());
    assert!(lo < 0.2 && hi > 0.5);
    let used = utilisation_figure(&p).unwrap();
    assert_eq!(used.series[0].y.len(), 5);
}

#[test]
fn too_few_points_leave_the_fit_out_and_say_so() {
    let p = &points(0.6, 1.3)[..2];
    assert!(bruggeman(p).is_err());
    let rows = fit_rows(p);
    assert!(rows[0].why.is_some());
    assert!(tau_figure(p).unwrap().series[0].x.is_empty());
    let none: Vec<SweepPoint> = p
        .iter()
        .map(|q| SweepPoint {
            tau: None,
            ..q.clone()
        })
        .collect();
    assert!(tau_figure(&none).is_err());
    assert!(plots(&[]).is_empty());
}
