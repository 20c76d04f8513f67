use super::*;
use crate::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
use crate::fit::{fit_line, FitOptions, InterfaceKind, SecondMinimum};
use crate::impedance::{Interface, Layout, TwoRailLine};

fn fit(layout: Layout, fixed: &[(&str, f64)]) -> FitResult {
    let line = TwoRailLine::new(
        layout,
        400.0,
        40.0,
        Interface::Capacitor { c_dl_f: 1e-6 },
        20.0,
    )
    .unwrap();
    let freqs = log_frequencies(1e6, 0.1, 41);
    let spectrum = synthetic_spectrum(&line, &freqs, 0.01, &mut SplitMix64::new(5), "test");
    let options = FitOptions {
        fixed: fixed.iter().map(|(n, v)| (n.to_string(), *v)).collect(),
        ..FitOptions::default()
    };
    fit_line(layout, InterfaceKind::Capacitor, &spectrum, &options).unwrap()
}

/// Every font-size in `svg` (the page's rule: text at least 11 px).
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.match_indices("font-size=\"")
        .map(|(i, m)| {
            let rest = &svg[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

#[test]
fn a_closed_interval_is_drawn_with_its_threshold_and_both_ends() {
    let fit = fit(Layout::IonIon, &[("r_bulk", 20.0)]);
    let fig = profile_figure(&fit, "r_ion").expect("profiled");
    let ci = fit.param("r_ion").unwrap().ci95.unwrap();
    let threshold = fit.profile_threshold.unwrap();
    assert!(matches!(fig.ref_lines[0].pos, RefPos::Horizontal(t) if t == threshold));
    let ends: Vec<f64> = fig.marks.iter().map(|m| m.x).collect();
    assert_eq!(ends, vec![ci.lo.unwrap(), ci.hi.unwrap()]);
    assert!(fig.marks.iter().all(|m| m.y == threshold));
    assert_eq!(
        fig.series[0].len(),
        fit.param("r_ion").unwrap().profile.len()
    );
    let svg = fig.to_svg();
    assert!(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"));
    assert!(
        svg.contains("Profile of R_ion") && svg.contains("lower end") && svg.contains("upper end")
    );
    let sizes = font_sizes(&svg);
    assert!(
        !sizes.is_empty() && sizes.iter().all(|&s| s >= 11.0),
        "{sizes:?}"
    );
}

#[test]
fn an_open_end_is_marked_as_unbounded_at_the_last_point_walked() {
    // Electron–electron with R_bulk free: R_ion's profile is flat down to 0.
    let fit = fit(Layout::ElectronElectron, &[]);
    let p = fit.param("r_ion").unwrap();
    assert_eq!(p.ci95.unwrap().lo, None, "{:?}", p.ci95);
    let fig = profile_figure(&fit, "r_ion").unwrap();
    let open = fig
        .marks
        .iter()
        .find(|m| m.label.contains("no lower bound"))
        .expect("an open-end mark");
    assert_eq!(open.x, p.profile[0].0);
    assert!(open.label.starts_with('←'));
    assert!(fig.to_svg().contains("no lower bound within 10⁶×"));
}

#[test]
fn a_second_minimum_is_marked_and_a_fixed_parameter_has_no_figure() {
    let mut fit = fit(Layout::IonIon, &[("r_bulk", 20.0)]);
    let second = SecondMinimum {
        value: 900.0,
        excess_chi2_per_dof: 1.5,
    };
    fit.params[1].second_minimum = Some(second);
    let fig = profile_figure(&fit, "r_ion").unwrap();
    let mark = fig
        .marks
        .iter()
        .find(|m| m.label.starts_with("second minimum"))
        .unwrap();
    assert_eq!((mark.x, mark.y), (900.0, 1.5));
    assert!(profile_figure(&fit, "r_bulk").is_none());
    assert!(profile_figure(&fit, "no_such").is_none());
}
