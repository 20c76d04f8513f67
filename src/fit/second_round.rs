//! Second rounds of starts for the two-rail line, run after the first
//! multi-start of [`super::start::fit_line`]: along the valley of equal
//! intercepts through the best ion–electron fit (`valley_starts`, with the
//! χ² profile along it, `valley_profile`, and the choice of a rival solution
//! the noise cannot rule out, `rival_of`), and over the whole frequency band
//! for a blocking layout whose fit left a parameter undetermined
//! (`band_starts`).

use super::result::{FitResult, Rival};
use super::start::{InterfaceKind, BLOCKING_PEAK_OMEGA_SC};
use super::uncertainty::Z95;
use super::{fit_from_starts, FitOptions};
use crate::impedance::{Layout, TwoRailLine};
use crate::spectrum::Spectrum;

/// Points of the χ² profile along the valley: for each of the
/// [`valley_starts`], the best fit with R_bulk held at that start's value.
/// With some noise draws the valley has a single minimum and the other
/// branch shows only as a low stretch of the profile, not as a minimum.
/// Evaluations are added to `result`.
pub(super) fn valley_profile(
    result: &mut FitResult,
    template: &TwoRailLine,
    valley: &[Vec<f64>],
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Vec<FitResult> {
    let mut points = Vec::new();
    for start in valley {
        let mut held = FitOptions {
            guesses: Vec::new(),
            ..options.clone()
        };
        held.fixed.push(("r_bulk".into(), start[0]));
        if let Ok(point) = fit_from_starts(template, std::slice::from_ref(start), spectrum, &held) {
            result.evaluations += point.evaluations;
            points.push(point);
        }
    }
    points
}

/// A rival is kept unless noise would rarely make the best fit beat it by
/// its χ² excess E were it the truth: for two solutions whose spectra lie d
/// noise σ apart, E/s² ≈ −d² + 2d·Z with Z standard normal, so the rival is
/// kept when E/s² < 2·z·d − d² with z = this many σ.
const RIVAL_Z: f64 = 3.0;
/// Rails differing by more than this share of the larger rail (and lying
/// outside the fit's Jacobian 95 % intervals, value·e^(±1.96·stderr/value))
/// make a solution distinct.
const RIVAL_DISTINCT: f64 = 0.1;

/// Among ion–electron `candidates` (r_bulk, r_ion, r_e, …), the ones whose
/// rails (an unordered pair: the layout is symmetric) are distinct from the
/// best fit's and which the noise cannot rule out ([`RIVAL_Z`]); of those the
/// lowest χ², or with `farthest` the one whose rails differ most. Returns
/// its values and χ² excess in units of χ²/dof.
pub(super) fn rival_of(
    best: &FitResult,
    candidates: &[FitResult],
    farthest: bool,
) -> Option<Rival> {
    // Rails (value, Jacobian 95 % interval in log space), larger first.
    let jacobian_ci = |p: &super::ParamEstimate| {
        p.stderr.map(|se| {
            let half = Z95 * se / p.value;
            (p.value * (-half).exp(), p.value * half.exp())
        })
    };
    let rails = |f: &FitResult| {
        let (a, b) = (&f.params[1], &f.params[2]);
        let r = [(a.value, jacobian_ci(a)), (b.value, jacobian_ci(b))];
        if a.value < b.value {
            [r[1], r[0]]
        } else {
            r
        }
    };
    let mine = rails(best);
    let s2 = best.reduced_chi2;
    let mut kept: Option<(f64, &FitResult, f64)> = None;
    for c in candidates {
        let mut shift = 0.0f64;
        let mut outside = false;
        for ((b, ci), (r, _)) in mine.iter().zip(rails(c)) {
            shift = shift.max((r - b).abs());
            let (lo, hi) = ci.unwrap_or((f64::NAN, f64::NAN));
            outside |= !(r >= lo && r <= hi);
        }
        let mut d2 = 0.0;
        for (a, b) in c.residuals.iter().zip(&best.residuals) {
            d2 += ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)) / s2;
        }
        let excess = (c.chi2 - best.chi2) / s2;
        let key = if farthest { -shift } else { excess };
        if shift > RIVAL_DISTINCT * mine[0].0
            && outside
            && excess < 2.0 * RIVAL_Z * d2.sqrt() - d2
            && kept.is_none_or(|k| key < k.0)
        {
            kept = Some((key, c, excess));
        }
    }
    kept.map(|(_, c, excess_chi2_per_dof)| Rival {
        values: c.values(),
        excess_chi2_per_dof,
    })
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
mod tests;
