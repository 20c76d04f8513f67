use super::*;
use crate::impedance::{Interface, Layout};

#[test]
fn valley_starts_keep_both_intercepts_of_the_line() {
    // The intercepts are read off the line itself: Re Z at ω → ∞ and ω → 0.
    let line = |v: &[f64]| {
        TwoRailLine::new(
            Layout::IonElectron,
            v[1],
            v[2],
            Interface::Capacitor { c_dl_f: v[3] },
            v[0],
        )
        .unwrap()
    };
    let best = [600.0, 300.0, 6.0, 1e-6];
    let (hf, lf) = (
        line(&best).impedance(1e14).re,
        line(&best).impedance(1e-9).re,
    );
    let starts = valley_starts(&best);
    assert_eq!(starts.len(), VALLEY_RATIOS.len(), "{starts:?}");
    for s in &starts {
        let l = line(s);
        assert!((l.impedance(1e14).re - hf).abs() < 1e-4 * hf, "{s:?}");
        assert!((l.impedance(1e-9).re - lf).abs() < 1e-4 * lf, "{s:?}");
    }
    // The ratios differ from start to start and span the symmetric case.
    assert!(starts.iter().any(|s| (s[1] - s[2]).abs() < 1e-9 * s[1]));
    assert!(starts.iter().any(|s| s[2] < 0.1 * s[1]));
    // With a small R_bulk the high ratios would need R_bulk < 0: left out.
    assert!(valley_starts(&[40.0, 300.0, 6.0, 1e-6]).len() < VALLEY_RATIOS.len());
}

#[test]
fn band_starts_put_the_arc_top_at_every_decade() {
    // ee: terminal rail R_e = 4 Ω kept, R_bulk kept, ω·S·C_dl = 10.16 at 1e6, 1e5, … 0.1 Hz.
    let best = [2.0, 1e9, 4.0, 1e-3];
    let freqs: Vec<f64> = (0..71)
        .map(|k| 1e6 * 10f64.powf(-(k as f64) / 10.0))
        .collect();
    let starts = band_starts(
        Layout::ElectronElectron,
        InterfaceKind::Capacitor,
        &best,
        &freqs,
    );
    assert_eq!(starts.len(), BAND_RATIOS.len() * 8);
    for s in &starts {
        assert_eq!((s[0], s[2]), (2.0, 4.0));
        let omega_top = 10.16 / ((s[1] + s[2]) * s[3]);
        let decade = (omega_top / std::f64::consts::TAU).log10();
        assert!(
            (decade - decade.round()).abs() < 1e-9 && (-1.0..=6.0).contains(&decade.round()),
            "{s:?}"
        );
    }
    assert!(band_starts(Layout::IonElectron, InterfaceKind::Capacitor, &best, &freqs).is_empty());
}
