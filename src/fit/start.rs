//! Starting values for the two-rail line read off the spectrum itself — the
//! high-frequency intercept, the low-frequency real intercept or capacitive
//! tail, the frequency of the arc's top — then a small multi-start over the
//! rail ratio and the interface scale, ranked by their initial misfit; for
//! ion–electron fits with R_bulk free, a second round along the valley of
//! equal intercepts through the best fit, and for blocking layouts with a
//! faint arc one over the whole band (both in [`super::second_round`]).

use num_complex::Complex64;

use super::second_round::{arc_may_be_faint, band_starts, rival_of, valley_profile, valley_starts};
use super::{multi_start, result::FitResult, try_more_starts, with_profiles, FitOptions, Setup};
use crate::error::{Error, Result};
use crate::impedance::{Interface, Layout, Model, TwoRailLine};
use crate::spectrum::Spectrum;

/// For the blocking layouts with R_e → 0, −Im Z peaks at ω·S·C_dl ≈ 10.16
/// (the maximum of −Im[tanh(x/2)/x] over x² = iω·S·C_dl, found numerically).
pub(super) const BLOCKING_PEAK_OMEGA_SC: f64 = 10.16;
/// Rail ratios R_e/R_ion tried for the ion–electron starts (the layout is
/// symmetric, so ratios ≤ 1 cover it).
const RAIL_RATIOS_SYMMETRIC: [f64; 8] = [1e-3, 0.03, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0];
/// Ratios of the other rail to the terminal rail for the blocking layouts.
const RAIL_RATIOS_BLOCKING: [f64; 7] = [1e-3, 0.03, 0.2, 1.0, 5.0, 30.0, 100.0];
/// Fits with both rails free try at least this many rail-ratio families
/// (ion–electron, blocking): distant minima can fit almost as well as the
/// truth, so stopping at the first good fit misses the best one.
const MIN_FAMILIES: [usize; 2] = [8, 3];
/// Interface scales tried around the estimate.
const INTERFACE_SCALES: [f64; 3] = [1.0, 0.25, 4.0];

/// The interface element of a line to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InterfaceKind {
    /// Ideal double layer: parameter `c_dl`.
    Capacitor,
    /// Constant-phase element: parameters `q`, `n`.
    Cpe,
}

impl InterfaceKind {
    /// A placeholder interface of this kind.
    pub fn placeholder(self) -> Interface {
        match self {
            InterfaceKind::Capacitor => Interface::Capacitor { c_dl_f: 1e-6 },
            InterfaceKind::Cpe => Interface::Cpe { q: 1e-6, n: 0.9 },
        }
    }

    /// The name in JSON and the CLI: `capacitor` or `cpe`.
    pub fn name(self) -> &'static str {
        match self {
            InterfaceKind::Capacitor => "capacitor",
            InterfaceKind::Cpe => "cpe",
        }
    }

    /// The line of `layout` with this interface (placeholder values), the
    /// model [`fit_line`] fits.
    pub fn line(self, layout: Layout) -> Result<TwoRailLine> {
        TwoRailLine::new(layout, 1.0, 1.0, self.placeholder(), 1.0)
    }
}

/// A few features of a spectrum, sorted by frequency.
struct Features {
    /// Re Z at the highest frequency, Ω.
    hf_re: f64,
    /// Z and ω at the lowest frequency.
    lf: Complex64,
    lf_omega: f64,
    /// Second-lowest point, for the tail's slope.
    lf2: Complex64,
    lf2_omega: f64,
    /// ω at the largest −Im Z.
    peak_omega: f64,
}

fn features(spectrum: &Spectrum) -> Option<Features> {
    let mut points: Vec<(f64, Complex64)> = spectrum
        .freq_hz
        .iter()
        .map(|f| std::f64::consts::TAU * f)
        .zip(spectrum.z_ohm.iter().copied())
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (&(lf_omega, lf), &(_, hf)) = (points.first()?, points.last()?);
    let &(lf2_omega, lf2) = points.get(1).unwrap_or(&(lf_omega, lf));
    let peak = points
        .iter()
        .max_by(|a, b| (-a.1.im).total_cmp(&(-b.1.im)))?;
    Some(Features {
        hf_re: hf.re,
        lf,
        lf_omega,
        lf2,
        lf2_omega,
        peak_omega: peak.0,
    })
}

/// Candidate starting vectors (r_bulk, r_ion, r_e, c_dl | q, n) for a line
/// of `layout` and `kind`; `fixed` values are honoured in the estimates.
/// Consecutive runs of [`INTERFACE_SCALES`]`.len()` starts share a rail ratio
/// (a "family").
pub fn line_starts(
    layout: Layout,
    kind: InterfaceKind,
    spectrum: &Spectrum,
    fixed: &[(String, f64)],
) -> Vec<Vec<f64>> {
    let Some(f) = features(spectrum) else {
        return Vec::new();
    };
    let fixed_bulk = fixed.iter().find(|(n, _)| n == "r_bulk").map(|&(_, v)| v);
    let scale = spectrum
        .z_ohm
        .iter()
        .map(|z| z.norm())
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let tiny = 1e-6 * scale;
    // CPE exponent from the slope of the low-frequency tail (ion–electron).
    let n0 = match (layout, kind) {
        (_, InterfaceKind::Capacitor) => 1.0,
        (Layout::IonElectron, InterfaceKind::Cpe) => {
            let slope = (f.lf.norm().max(tiny).ln() - f.lf2.norm().max(tiny).ln())
                / (f.lf2_omega / f.lf_omega).ln();
            if slope.is_finite() {
                slope.clamp(0.5, 0.99)
            } else {
                0.9
            }
        }
        _ => 0.9,
    };
    let fixed_rail = fixed.iter().find(|(n, _)| n == "r_e" || n == "r_ion");
    let ratios: &[f64] = match (layout, fixed_rail) {
        // One rail at 0 (Eq. 8 and its mirror): the ratio is known.
        (_, Some((_, v))) if *v == 0.0 => &RAIL_RATIOS_SYMMETRIC[..1],
        (Layout::IonElectron, _) => &RAIL_RATIOS_SYMMETRIC,
        _ => &RAIL_RATIOS_BLOCKING,
    };
    let mut starts = Vec::new();
    for &rho in ratios {
        let (r_main, r_bulk, c0) = match layout {
            Layout::IonElectron => {
                // Capacitive tail: |Z| ≈ 1/(Q·ω^n) (Q = C_dl when n = 1).
                let c = 1.0 / (f.lf_omega.powf(n0) * f.lf.norm().max(tiny));
                // In the 45° region |Z − Z_hf|² ≈ S/(Q·ω^n) for one rail, rising above it
                // in the tail: the smallest Q·ω^n·|Z − Z_hf|² estimates S.
                let s = spectrum
                    .freq_hz
                    .iter()
                    .zip(&spectrum.z_ohm)
                    .map(|(fr, z)| {
                        c * (std::f64::consts::TAU * fr).powf(n0) * (z - f.hf_re).norm_sqr()
                    })
                    .fold(f64::INFINITY, f64::min);
                // That minimum is S·((R_ion² + R_e²)/S²)², the squared
                // amplitude of the coth(x)/x term: undo the rail-ratio factor.
                let share = (1.0 + rho * rho) / ((1.0 + rho) * (1.0 + rho));
                let s = s / (share * share);
                let s = if s.is_finite() && s > tiny { s } else { scale };
                let r = s / (1.0 + rho);
                let bulk = fixed_bulk
                    .unwrap_or(f.hf_re - r * rho / (1.0 + rho))
                    .max(tiny);
                (r, bulk, c)
            }
            Layout::IonIon | Layout::ElectronElectron => {
                // Re Z: R_b + R·ρ/(1+ρ) at high ω, R_b + R at low ω.
                let bulk = fixed_bulk
                    .unwrap_or((f.hf_re - (f.lf.re - f.hf_re) * rho).max(tiny))
                    .max(tiny);
                let r = (f.lf.re - bulk).max(tiny);
                let s = r * (1.0 + rho);
                (r, bulk, BLOCKING_PEAK_OMEGA_SC / (f.peak_omega * s))
            }
        };
        let (r_ion, r_e) = match layout {
            Layout::ElectronElectron => (r_main * rho, r_main),
            _ => (r_main, r_main * rho),
        };
        for &k in &INTERFACE_SCALES {
            let mut v = vec![r_bulk, r_ion, r_e];
            match kind {
                InterfaceKind::Capacitor => v.push(c0 * k),
                InterfaceKind::Cpe => {
                    let q = match layout {
                        Layout::IonElectron => c0 * k,
                        // Same |Y| at the arc's top as the capacitor.
                        _ => c0 * k * f.peak_omega.powf(1.0 - n0),
                    };
                    v.push(q);
                    v.push(n0);
                }
            }
            // Keep families whole (ranking relies on it): repair, don't drop.
            for x in v.iter_mut() {
                if !(x.is_finite() && *x > 0.0) {
                    *x = scale;
                }
            }
            starts.push(v);
        }
    }
    starts
}

/// Fits the two-rail line of `layout` with a `kind` interface to `spectrum`
/// without user guesses: automatic starts ranked by initial misfit, then
/// Levenberg–Marquardt from the best few until one fits well.
///
/// The result says when R_ion and R_e are interchangeable (ion–electron) and
/// when R_bulk must be fixed (ion–ion, electron–electron).
pub fn fit_line(
    layout: Layout,
    kind: InterfaceKind,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<FitResult> {
    line_minimum(layout, kind, spectrum, options)?.finish(spectrum)
}

/// A line fitted to its best minimum ([`line_minimum`]), before the profile
/// intervals, the rival solution and the notes that [`LineMinimum::finish`]
/// adds (profiling moves the fit only if it meets a lower χ²).
#[derive(Debug, Clone)]
pub(crate) struct LineMinimum {
    layout: Layout,
    kind: InterfaceKind,
    pub template: TwoRailLine,
    /// The caller's options, with the starts the layout needs.
    options: FitOptions,
    pub result: FitResult,
    /// Every start's minimum (the kept one included).
    minima: Vec<Vec<f64>>,
    both_rails_free: bool,
    /// Ion–electron, rails and R_bulk free: the valley of equal intercepts
    /// was searched (its starts and minima).
    valley_search: bool,
    valley: Vec<Vec<f64>>,
    valley_minima: Vec<FitResult>,
}

/// The first half of [`fit_line`]: the multi-start and the second rounds
/// that may move the fit to a lower minimum.
pub(crate) fn line_minimum(
    layout: Layout,
    kind: InterfaceKind,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<LineMinimum> {
    let template = kind.line(layout)?;
    let setup = Setup::new(template.param_specs(), options)?;
    super::check_spectrum(spectrum, setup.free.len())?;
    let mut starts = line_starts(layout, kind, spectrum, &options.fixed);
    if starts.is_empty() {
        return Err(Error::Numerical(format!(
            "{}: no starting values could be read off the spectrum",
            spectrum.label
        )));
    }
    rank_by_misfit(&template, &setup, options, spectrum, &mut starts);
    let both_rails_free = !options
        .fixed
        .iter()
        .any(|(n, _)| n == "r_ion" || n == "r_e");
    let mut options = options.clone();
    if both_rails_free {
        let families = MIN_FAMILIES[usize::from(layout != Layout::IonElectron)];
        options.min_starts = options.min_starts.max(families);
        options.max_starts = options.max_starts.max(options.min_starts);
    }
    // Every start's minimum (the kept one included): the profiles walk from
    // those below their threshold too.
    let mut minima = Vec::new();
    let mut result = multi_start(&template, &starts, spectrum, &options, &mut minima)?;
    minima.push(result.values());
    let bulk_free = !options.fixed.iter().any(|(n, _)| n == "r_bulk");
    let valley_search = layout == Layout::IonElectron && both_rails_free && bulk_free;
    let mut valley_minima = Vec::new();
    let mut valley = Vec::new();
    if valley_search {
        valley = valley_starts(&result.values());
        valley_minima = try_more_starts(&mut result, &template, &valley, spectrum, &options);
        minima.extend(valley_minima.iter().map(FitResult::values));
    }
    // A blocking layout with R_bulk known whose kept fit leaves a parameter
    // undetermined (e.g. a rail run off to ∞, the arc gone): try the untried
    // starts, then (also when the arc may be faint) the band starts.
    // (Ion–electron fits with both rails free have tried every rail ratio
    // and the valley already.)
    if layout != Layout::IonElectron && !bulk_free {
        if !result.determined {
            if let Some(rest) = starts.get(result.starts_tried..) {
                let found = try_more_starts(&mut result, &template, rest, spectrum, &options);
                minima.extend(found.iter().map(FitResult::values));
            }
        }
        // Undetermined, or the other rail much the larger, with both rails
        // free: the arc may be too faint for its top to be read off; try
        // it at every decade of the band.
        let faint = arc_may_be_faint(layout, &result.values());
        if (!result.determined || faint) && both_rails_free {
            let band = band_starts(layout, kind, &result.values(), &spectrum.freq_hz);
            let found = try_more_starts(&mut result, &template, &band, spectrum, &options);
            minima.extend(found.iter().map(FitResult::values));
        }
    }
    Ok(LineMinimum {
        layout,
        kind,
        template,
        options,
        result,
        minima,
        both_rails_free,
        valley_search,
        valley,
        valley_minima,
    })
}

impl LineMinimum {
    /// The second half of [`fit_line`]: the profile intervals (when the
    /// options ask), the rival solution the spectrum allows and the notes.
    pub(crate) fn finish(self, spectrum: &Spectrum) -> Result<FitResult> {
        let LineMinimum {
            layout,
            kind,
            template,
            options,
            mut result,
            mut minima,
            both_rails_free,
            valley_search,
            valley,
            valley_minima,
        } = self;
        if options.profiles {
            // Ion–electron rails are interchangeable: a rail's profile keeps the
            // fit's order of the two.
            let rails =
                (layout == Layout::IonElectron && both_rails_free).then_some(("r_ion", "r_e"));
            with_profiles(
                &template,
                spectrum,
                &options,
                &mut result,
                &mut minima,
                rails,
            )?;
        }
        if valley_search {
            // A second minimum if the noise cannot rule one out, else the
            // farthest point of the valley's profile it cannot rule out.
            let mut rival = rival_of(&result, &valley_minima, false);
            if rival.is_none() {
                let profile = valley_profile(&mut result, &template, &valley, spectrum, &options);
                rival = rival_of(&result, &profile, true);
            }
            if let Some(rival) = rival {
                let (v, excess) = (&rival.values, rival.excess_chi2_per_dof);
                let note = format!(
                    "A second solution fits almost as well (χ² higher by {:.1} × χ²/dof, within what the noise moves it by): \
                     R_bulk = {:.4} Ω with rails of {:.4} Ω and {:.4} Ω. The spectrum cannot decide between them; \
                     fix R_bulk, measured on the SE alone, to decide.",
                    excess,
                    v[0],
                    v[1],
                    v[2]
                );
                result.notes.push(note);
                result.rival = Some(rival);
            }
        }
        let is_free = |name: &str| result.params.iter().any(|p| p.name == name && !p.fixed);
        match layout {
            Layout::IonElectron => {
                result.rails_interchangeable = true;
                result.notes.push(
                    "In the ion–electron layout R_ion and R_e are interchangeable: the spectrum cannot tell which rail is \
                     ionic. In a carbon-containing cathode σ_e ≫ σ_i, so the larger resistance is usually R_ion."
                        .into(),
                );
            }
            Layout::IonIon | Layout::ElectronElectron => {
                if is_free("r_bulk") && is_free("r_ion") && is_free("r_e") {
                    let interface = if kind == InterfaceKind::Capacitor {
                        "c_dl"
                    } else {
                        "q"
                    };
                    result.mark_undetermined(
                        &["r_bulk", "r_ion", "r_e", interface],
                        "With R_bulk free this layout determines only R_bulk + R_ion·R_e/S, the terminal rail's R²/S and \
                         S·C_dl, so R_ion and R_e are not determined: fix R_bulk, measured on the SE alone.",
                    );
                }
            }
        }
        Ok(result)
    }
}

/// Orders `starts` for the multi-start: the best start of each family
/// (sorted by their χ² before any optimisation), then all others by χ².
fn rank_by_misfit(
    template: &TwoRailLine,
    setup: &Setup,
    options: &FitOptions,
    spectrum: &Spectrum,
    starts: &mut [Vec<f64>],
) {
    let mut line = *template;
    // ω and the weights once for all starts.
    let points: Vec<(f64, Complex64, (f64, f64))> = spectrum
        .freq_hz
        .iter()
        .zip(&spectrum.z_ohm)
        .map(|(f, &z)| (std::f64::consts::TAU * f, z, options.weighting.weights(z)))
        .collect();
    let cost = |values: &Vec<f64>, line: &mut TwoRailLine| -> f64 {
        let values = setup.apply(values.clone(), options, false);
        if line.set_params(&values).is_err() {
            return f64::INFINITY;
        }
        let mut sum = 0.0;
        for &(omega, z, (wr, wi)) in &points {
            let d = line.impedance(omega) - z;
            sum += (wr * d.re).powi(2) + (wi * d.im).powi(2);
        }
        if sum.is_finite() {
            sum
        } else {
            f64::INFINITY
        }
    };
    let per_family = INTERFACE_SCALES.len();
    let costs: Vec<f64> = starts.iter().map(|s| cost(s, &mut line)).collect();
    let mut keyed: Vec<(f64, usize, Vec<f64>)> = costs
        .iter()
        .enumerate()
        .map(|(k, &c)| (c, k / per_family, starts[k].clone()))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut seen = Vec::new();
    let (mut leaders, mut rest) = (Vec::new(), Vec::new());
    for (_, family, s) in keyed {
        if seen.contains(&family) {
            rest.push(s);
        } else {
            seen.push(family);
            leaders.push(s);
        }
    }
    for (dst, s) in starts.iter_mut().zip(leaders.into_iter().chain(rest)) {
        *dst = s;
    }
}
