//! The ready-made figures, against hand calculations and MODELS.md facts.

use num_complex::Complex64;

use super::check_svg;
use crate::plot::{
    bode, capacity_vs_current, layout, minus_phase_deg, nyquist, ragone_plot, residuals,
    tau_vs_epsilon, utilisation_map, Curve, Grid, LitPoint,
};
use crate::Spectrum;

/// An R–C series circuit, Z = R − i/(ωC), evaluated by hand.
fn rc(label: &str, r: f64, c: f64) -> Spectrum {
    let freq_hz: Vec<f64> = (0..30)
        .map(|k| 10f64.powf(-1.0 + k as f64 * 0.25))
        .collect();
    let z_ohm = freq_hz
        .iter()
        .map(|f| Complex64::new(r, -1.0 / (std::f64::consts::TAU * f * c)))
        .collect();
    Spectrum {
        label: label.into(),
        freq_hz,
        z_ohm,
    }
}

#[test]
fn phase_of_resistor_capacitor_and_inductor() {
    assert_eq!(minus_phase_deg(Complex64::new(5.0, 0.0)), 0.0);
    assert!((minus_phase_deg(Complex64::new(0.0, -3.0)) - 90.0).abs() < 1e-12);
    assert!((minus_phase_deg(Complex64::new(2.0, 2.0)) + 45.0).abs() < 1e-12);
}

#[test]
fn nyquist_plots_minus_imaginary_part_with_equal_aspect() {
    let data = rc("cell <1> & co", 100.0, 1e-5);
    let fit = rc("", 101.0, 1e-5);
    let fig = nyquist(std::slice::from_ref(&data), Some(&fit));
    assert_eq!(fig.series.len(), 2);
    assert_eq!(fig.series[0].y[3], -data.z_ohm[3].im);
    assert!(fig.series[0].y.iter().all(|&v| v > 0.0));
    assert_eq!(fig.series[1].name, "fit");
    let l = layout(&fig);
    assert!((l.x.units_per_px() / l.y.units_per_px() - 1.0).abs() < 1e-9);
    check_svg(&fig.to_svg());
}

#[test]
fn bode_puts_magnitude_left_and_phase_right() {
    let data = rc("d", 100.0, 1e-5);
    let fig = bode(std::slice::from_ref(&data), Some(&data));
    assert_eq!(fig.series.len(), 4);
    let (mag, phase) = (&fig.series[0], &fig.series[1]);
    // |Z| = √(R² + (1/ωC)²) at 1 Hz (k = 4): 1/ωC = 1/(2π·1e-5) = 15915.49 Ω.
    let x = 1.0 / (std::f64::consts::TAU * 1e-5);
    assert!((mag.y[4] / (100f64.powi(2) + x * x).sqrt() - 1.0).abs() < 1e-12);
    // −φ = atan(1/(ωCR)) in degrees.
    assert!((phase.y[4] - (x / 100.0).atan().to_degrees()).abs() < 1e-9);
    assert!(!fig.uses_right(mag) && fig.uses_right(phase));
    let l = layout(&fig);
    let y2 = l.y2.unwrap();
    assert!(y2.lo <= 0.5 && y2.hi >= 89.0, "phase axis {y2:?}");
    check_svg(&fig.to_svg());
}

#[test]
fn residuals_are_relative_to_the_data_modulus() {
    let data = Spectrum {
        label: "d".into(),
        freq_hz: vec![1.0, 10.0],
        z_ohm: vec![Complex64::new(3.0, -4.0), Complex64::new(6.0, -8.0)],
    };
    let fit = Spectrum {
        label: "f".into(),
        freq_hz: vec![1.0, 10.0],
        z_ohm: vec![Complex64::new(2.5, -4.0), Complex64::new(6.0, -7.0)],
    };
    let fig = residuals(&data, &fit).unwrap();
    // |Z| = 5 and 10: (3 − 2.5)/5 = 10 %, 0; (−8 + 7)/10 = −10 %.
    assert_eq!(fig.series[0].y, [10.0, 0.0]);
    assert_eq!(fig.series[1].y, [0.0, -10.0]);
    let short = Spectrum {
        freq_hz: vec![1.0],
        z_ohm: vec![Complex64::new(1.0, 0.0)],
        ..fit
    };
    assert!(residuals(&data, &short).is_err());
    check_svg(&fig.to_svg());
}

#[test]
fn capacity_plot_shows_display_units() {
    // Kato et al. (MODELS.md): 13.2 mAh/cm² at 6 mA/cm², i.e. 47.52 C/cm² at 0.006 A/cm².
    let curve = Curve {
        label: "LGPS".into(),
        x: vec![0.001, 0.006, 0.03],
        y: vec![56.5, 47.52, 20.0],
    };
    let fig = capacity_vs_current(&[curve], Some((0.006, 47.52)), Some(15.7 * 3.6));
    let s = &fig.series[0];
    assert!((s.x[1] - 6.0).abs() < 1e-12 && (s.y[1] - 13.2).abs() < 1e-12);
    assert!((fig.marks[0].x - 6.0).abs() < 1e-12 && (fig.marks[0].y - 13.2).abs() < 1e-12);
    let els = check_svg(&fig.to_svg());
    assert!(els.iter().any(|e| e.text == "current design"));
    assert!(els.iter().any(|e| e.text == "full capacity"));
}

#[test]
fn utilisation_map_converts_to_micrometres_and_percent() {
    let (nx, ny) = (64, 64);
    let values = (0..nx * ny)
        .map(|k| (k % nx) as f64 / (nx - 1) as f64)
        .collect();
    let grid = Grid::new((0.001, 0.06), (0.2, 0.8), nx, ny, values).unwrap();
    let fig = utilisation_map(&grid, Some((0.03, 0.571))).unwrap();
    let h = fig.heatmap.as_ref().unwrap();
    assert!((h.grid.x_min - 10.0).abs() < 1e-9 && (h.grid.x_max - 600.0).abs() < 1e-9);
    assert_eq!(h.grid.values[nx - 1], 100.0);
    assert_eq!(fig.marks[0].x, 300.0);
    // On the page the map is one canvas; in a file one image.
    let els = check_svg(&fig.to_svg());
    assert_eq!(els.iter().filter(|e| e.name == "canvas").count(), 1);
    assert!(els.len() < 150, "compact: {} elements", els.len());
    let mut file = fig.clone();
    file.colors = crate::plot::ColorMode::Inline;
    let els = check_svg(&file.to_svg_file(crate::plot::png::data_url));
    assert_eq!(els.iter().filter(|e| e.name == "image").count(), 1);
}

#[test]
fn tau_plot_groups_literature_by_source_with_error_bars() {
    // Bruggeman τ = ε^(−0.5) and Kato's reported tortuosities (MODELS.md).
    let eps: Vec<f64> = (1..=19).map(|k| k as f64 / 20.0).collect();
    let model = Curve {
        label: "Bruggeman".into(),
        y: eps.iter().map(|e| e.powf(-0.5)).collect(),
        x: eps,
    };
    let lit = [
        LitPoint {
            source: "Kato 2018".into(),
            eps: 0.571,
            tau: 2.47,
            tau_err: None,
        },
        LitPoint {
            source: "other".into(),
            eps: 0.4,
            tau: 3.0,
            tau_err: Some(0.3),
        },
        LitPoint {
            source: "Kato 2018".into(),
            eps: 0.54,
            tau: 3.32,
            tau_err: None,
        },
    ];
    let fig = tau_vs_epsilon(&model, &lit, Some((0.5, 2.0)));
    assert_eq!(fig.series.len(), 3);
    assert_eq!(fig.series[1].x, [0.571, 0.54]);
    assert!(fig.series[1].y_err.is_none());
    assert_eq!(fig.series[2].y_err.as_deref(), Some(&[0.3][..]));
    let els = check_svg(&fig.to_svg());
    let bars = els
        .iter()
        .find(|e| e.attr("class") == Some("ip-errorbar"))
        .and_then(|e| e.attr("d"))
        .unwrap();
    assert!(bars.starts_with('M') && bars.contains('h'), "{bars}");
}

#[test]
fn real_spectra_draw_every_point() {
    for rel in ["impedance.py/exampleData.csv", "pyDRTtools/LIB_data.txt"] {
        let path = super::fixture(rel);
        let spectra = crate::io::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let data = &spectra[0];
        for fig in [
            nyquist(std::slice::from_ref(data), None),
            bode(std::slice::from_ref(data), None),
        ] {
            let els = check_svg(&fig.to_svg());
            assert!(!els.iter().any(|e| e.text.contains("not shown")), "{rel}");
            // One closed marker sub-path per point (per series for Bode).
            let drawn: usize = els
                .iter()
                .filter(|e| e.attr("class") == Some("ip-markers"))
                .map(|e| e.attr("d").unwrap_or("").matches('M').count())
                .sum();
            // Legend samples add one marker per named series.
            assert_eq!(drawn, fig.series.len() * (data.len() + 1), "{rel}");
        }
    }
}

#[test]
fn ragone_plot_is_log_log_with_the_target_line_and_the_design() {
    // Hand calculation: 10 mAh/cm² at a mean 3.6 V over 0.05 g/cm² is
    // 36 mWh / 50 mg = 720 Wh/kg; at 1 mA/cm² the power is 3.6 mW / 50 mg = 72 W/kg.
    let curve = Curve {
        label: "stack".into(),
        x: vec![7.2, 72.0, 720.0],
        y: vec![750.0, 720.0, 300.0],
    };
    let fig = ragone_plot(&curve, Some((72.0, 720.0)), Some(("SET-Plan 2030", 400.0)));
    assert_eq!(fig.x.scale, crate::plot::ScaleKind::Log10);
    assert_eq!(fig.y.scale, crate::plot::ScaleKind::Log10);
    assert_eq!(fig.series[0].y, vec![750.0, 720.0, 300.0]);
    assert_eq!(fig.ref_lines.len(), 1);
    assert!(matches!(fig.ref_lines[0].pos, crate::plot::RefPos::Horizontal(y) if y == 400.0));
    assert_eq!((fig.marks[0].x, fig.marks[0].y), (72.0, 720.0));
    let els = check_svg(&fig.to_svg());
    assert!(els.iter().any(|e| e.text == "current design"));
    assert!(els.iter().any(|e| e.text == "SET-Plan 2030"));
    assert!(els.iter().any(|e| e.name == "path"));
}

#[test]
fn live_log_plots_show_whole_decades_down_to_three_below_the_top() {
    // Kato et al. (MODELS.md): 13.2 mAh/cm² at 6 mA/cm²; the curve plunges
    // to 1e-6 mAh/cm² at the highest current.
    let curve = |top_mah: f64| Curve {
        label: "L".into(),
        x: vec![0.001, 0.006, 0.03, 0.3],
        y: vec![top_mah * 3.6, 47.52, 20.0, 1e-6 * 3.6],
    };
    let range = |top: f64, design: f64| {
        let fig = capacity_vs_current(&[curve(top)], Some((0.006, design * 3.6)), None);
        let (lo, hi) = fig.y.range.unwrap();
        (lo.log10().round() as i32, hi.log10().round() as i32)
    };
    // Top 15.9 → 100; three decades below: 0.1, not the curve's 1e-6.
    assert_eq!(range(15.9, 13.2), (-1, 2));
    // The axis stays put while the data move within the decades ...
    assert_eq!(range(18.0, 9.0), range(15.9, 13.2));
    // ... and reaches further down only to keep the design point on the plot.
    assert_eq!(range(15.9, 0.004), (-3, 2));
    // A SET-Plan line above the curve stays inside (Ragone).
    let ragone = ragone_plot(
        &Curve {
            label: "stack".into(),
            x: vec![10.0, 100.0, 1000.0],
            y: vec![50.0, 40.0, 0.5],
        },
        None,
        Some(("SET-Plan", 350.0)),
    );
    let (lo, hi) = ragone.y.range.unwrap();
    assert!((lo.log10(), hi.log10()) == (0.0, 3.0), "{lo}..{hi}");
    assert!(check_svg(&ragone.to_svg())
        .iter()
        .any(|e| e.text == "SET-Plan"));
}
