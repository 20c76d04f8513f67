//! Second rounds of starts for the two-rail line, run after the first
//! multi-start of [`super::start::fit_line`]: along the valley of equal
//! intercepts through the best ion–electron fit (`valley_starts`), and over
//! the whole frequency band for a blocking layout whose fit left a parameter
//! undetermined (`band_starts`).

use super::start::{InterfaceKind, BLOCKING_PEAK_OMEGA_SC};
use super::{fit_from_starts, result::FitResult, FitOptions};
use crate::impedance::{Layout, TwoRailLine};
use crate::spectrum::Spectrum;

/// Fits from each of `starts` on its own (no user guesses) and keeps the
/// lowest χ² in `result`; evaluations and starts are added up. Returns the
/// minimum each start reached, (values, χ²).
pub(super) fn try_more_starts(
    result: &mut FitResult,
    template: &TwoRailLine,
    starts: &[Vec<f64>],
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Vec<(Vec<f64>, f64)> {
    let options = FitOptions {
        guesses: Vec::new(),
        min_starts: 1,
        max_starts: 1,
        ..options.clone()
    };
    let mut minima = Vec::new();
    for start in starts {
        let Ok(other) = fit_from_starts(template, std::slice::from_ref(start), spectrum, &options)
        else {
            continue;
        };
        minima.push((other.values(), other.chi2));
        let evaluations = result.evaluations + other.evaluations;
        let tried = result.starts_tried + other.starts_tried;
        if other.chi2 < result.chi2 {
            *result = other;
        }
        result.evaluations = evaluations;
        result.starts_tried = tried;
    }
    minima
}

/// A rival minimum is reported when its χ² exceeds the best one's by less
/// than this many times χ²/dof (the noise variance the fit implies): about
/// what noise alone moves a χ² difference by, so the data cannot choose.
const RIVAL_DCHI2_IN_S2: f64 = 4.0;
/// Rails differing by more than this share of the larger rail make a
/// minimum distinct.
const RIVAL_DISTINCT: f64 = 0.1;

/// Among ion–electron `minima` (r_bulk, r_ion, r_e, …), the lowest whose
/// rails (taken as an unordered pair: the layout is symmetric) differ from
/// the best fit's and whose χ² is within [`RIVAL_DCHI2_IN_S2`]·χ²/dof of it;
/// with that difference in units of χ²/dof.
pub(super) fn rival_minimum<'a>(
    best: &FitResult,
    minima: &'a [(Vec<f64>, f64)],
) -> Option<(&'a [f64], f64)> {
    let rails = |v: &[f64]| -> Option<(f64, f64)> {
        let (a, b) = (*v.get(1)?, *v.get(2)?);
        Some((a.max(b), a.min(b)))
    };
    let (big, small) = rails(&best.values())?;
    let s2 = best.reduced_chi2;
    if !(s2 > 0.0 && big > 0.0) {
        return None;
    }
    minima
        .iter()
        .filter_map(|(v, chi2)| {
            let (b, s) = rails(v)?;
            let distinct = (b - big).abs().max((s - small).abs()) > RIVAL_DISTINCT * big;
            let excess = (chi2 - best.chi2) / s2;
            (distinct && excess < RIVAL_DCHI2_IN_S2).then_some((v.as_slice(), excess))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// Rail ratios R_e/R_ion of the [`valley_starts`].
const VALLEY_RATIOS: [f64; 6] = [0.05, 0.2, 0.4, 0.6, 0.8, 1.0];

/// Ion–electron starts (r_bulk, r_ion, r_e, interface…) along the valley
/// through a fitted `best`: every start keeps its high-frequency intercept
/// A = R_bulk + R_ion·R_e/S and its low-frequency one R_bulk + S/3 (the
/// limits of Eq. 11), so that B = S/3 − R_ion·R_e/S is kept too, while the
/// rail ratio ρ = R_e/R_ion moves: S = B/(1/3 − ρ/(1 + ρ)²). These
/// intercepts barely depend on ρ, so distant minima with other ratios lie
/// along this valley. Starts whose R_bulk would not be positive are left out.
pub(super) fn valley_starts(best: &[f64]) -> Vec<Vec<f64>> {
    let [r_bulk, r_ion, r_e, interface @ ..] = best else {
        return Vec::new();
    };
    let s = r_ion + r_e;
    if s.is_nan() || s <= 0.0 {
        return Vec::new();
    }
    let parallel = r_ion * r_e / s;
    let hf = r_bulk + parallel;
    let b = s / 3.0 - parallel;
    VALLEY_RATIOS
        .iter()
        .filter_map(|&rho| {
            let share = rho / ((1.0 + rho) * (1.0 + rho));
            let s_new = b / (1.0 / 3.0 - share);
            let bulk = hf - s_new * share;
            let r = s_new / (1.0 + rho);
            (bulk > 0.0 && r > 0.0 && r.is_finite()).then(|| {
                let mut v = vec![bulk, r, r * rho];
                v.extend_from_slice(interface);
                v
            })
        })
        .collect()
}

/// Ratios of the other rail to the terminal rail of the [`band_starts`]:
/// an arc too faint to locate means the other rail is much the larger.
const BAND_RATIOS: [f64; 4] = [3.0, 10.0, 30.0, 100.0];

/// Whether a blocking-layout fit `best` has the other rail so much larger
/// than the terminal one (≥ the smallest of [`BAND_RATIOS`]) that the arc it
/// adds may be too faint to locate, so that [`band_starts`] are worth trying.
pub(super) fn arc_may_be_faint(layout: Layout, best: &[f64]) -> bool {
    let [_, r_ion, r_e, ..] = best else {
        return false;
    };
    let (terminal, other) = match layout {
        Layout::ElectronElectron => (r_e, r_ion),
        _ => (r_ion, r_e),
    };
    // A NaN or ∞ rail counts as faint too.
    other.partial_cmp(&(BAND_RATIOS[0] * terminal)) != Some(std::cmp::Ordering::Less)
}

/// Blocking-layout starts (r_bulk, r_ion, r_e, interface…) that keep the
/// fitted `best`'s R_bulk and terminal rail (the intercepts the spectrum
/// fixes) and put the arc's top at every decade of the measured band, for
/// each of [`BAND_RATIOS`]: when the other rail barely shows (an arc of a
/// few noise widths) the top's frequency read off −Im Z is noise, and so is
/// the interface estimated from it.
pub(super) fn band_starts(
    layout: Layout,
    kind: InterfaceKind,
    best: &[f64],
    freq_hz: &[f64],
) -> Vec<Vec<f64>> {
    let [r_bulk, r_ion, r_e, interface @ ..] = best else {
        return Vec::new();
    };
    let terminal = match layout {
        Layout::ElectronElectron => *r_e,
        _ => *r_ion,
    };
    let (lo, hi) = freq_hz
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), &f| {
            (lo.min(f), hi.max(f))
        });
    if layout == Layout::IonElectron
        || !(terminal > 0.0 && terminal.is_finite() && lo > 0.0 && hi > lo)
    {
        return Vec::new();
    }
    let n = match (kind, interface) {
        (InterfaceKind::Cpe, [_, n]) => *n,
        _ => 1.0,
    };
    let decades = (hi / lo).log10().floor() as i32;
    let mut starts = Vec::new();
    for &rho in &BAND_RATIOS {
        let s = terminal * (1.0 + rho);
        let other = terminal * rho;
        for d in 0..=decades {
            let omega = std::f64::consts::TAU * hi / 10f64.powi(d);
            let c = BLOCKING_PEAK_OMEGA_SC / (omega * s);
            let mut v = match layout {
                Layout::ElectronElectron => vec![*r_bulk, other, terminal],
                _ => vec![*r_bulk, terminal, other],
            };
            match kind {
                InterfaceKind::Capacitor => v.push(c),
                InterfaceKind::Cpe => v.extend([c * omega.powf(1.0 - n), n]),
            }
            starts.push(v);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
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
        assert!(
            band_starts(Layout::IonElectron, InterfaceKind::Capacitor, &best, &freqs).is_empty()
        );
    }
}
