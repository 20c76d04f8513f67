//! The impedance workspace's spectrum-and-fit CSV read back with an
//! independent RFC 4180 reader (`common::csv_rows`): every point with its
//! mask (clicked, or outside the frequency range applied), which points
//! the fit used, and the model there.

mod common;

use common::{csv_cell, csv_rows};
use ionpath::app::impedance::export::spectrum_csv;
use ionpath::app::impedance::model::{fit_one, Loaded};
use ionpath::app::State;
use ionpath::Spectrum;
use num_complex::Complex64;

/// 10 Ω in series with 100 Ω ‖ 1 µF, 41 points from 1 MHz to 10 mHz.
fn arc() -> Spectrum {
    let freq_hz: Vec<f64> = (0..=40).map(|k| 10f64.powf(6.0 - 0.2 * k as f64)).collect();
    let z_ohm = freq_hz
        .iter()
        .map(|f| {
            let jwrc = Complex64::new(0.0, std::f64::consts::TAU * f * 100.0 * 1e-6);
            Complex64::new(10.0, 0.0) + 100.0 / (1.0 + jwrc)
        })
        .collect();
    Spectrum {
        label: "arc, \"cell 1\"".into(),
        freq_hz,
        z_ohm,
    }
}

#[test]
fn masked_points_and_the_points_fitted_read_back() {
    let s = arc();
    let n = s.len();
    let mut item = Loaded {
        file: "arc.csv".into(),
        index: 1,
        spectrum: s.clone(),
        outcome: None,
        masked: Vec::new(),
    };
    // Above 100 kHz (the first five points) out by the range, point 20 clicked.
    let range = (None, Some(1.5e5));
    item.mask_outside(range.0, range.1).unwrap();
    item.toggle_mask(20).unwrap();
    assert_eq!(item.masked, [0, 1, 2, 3, 4, 20]);

    // Before a fit: the masks, nothing fitted.
    let rows = csv_rows(&spectrum_csv(&item, Some(range)));
    assert_eq!(
        rows[0],
        [
            "freq_hz",
            "z_re_ohm",
            "z_im_ohm",
            "masked",
            "fitted",
            "z_fit_re_ohm",
            "z_fit_im_ohm"
        ]
    );
    assert_eq!(rows.len(), n + 1);
    assert!((1..=n).all(|k| csv_cell(&rows, "fitted", k) == "no"));

    let outcome = fit_one(&State::default(), &item.fitted_part()).unwrap();
    item.outcome = Some(Ok(outcome));
    let rows = csv_rows(&spectrum_csv(&item, Some(range)));
    assert_eq!(rows.len(), n + 1);
    for k in 0..n {
        let row = k + 1;
        let value = |name| csv_cell(&rows, name, row).parse::<f64>().unwrap();
        // Data at full precision.
        assert_eq!(value("freq_hz"), s.freq_hz[k]);
        assert_eq!(value("z_re_ohm"), s.z_ohm[k].re);
        assert_eq!(value("z_im_ohm"), s.z_ohm[k].im);
        let expected = match k {
            0..=4 => "outside range",
            20 => "masked",
            _ => "no",
        };
        assert_eq!(csv_cell(&rows, "masked", row), expected, "point {k}");
        if expected == "no" {
            assert_eq!(csv_cell(&rows, "fitted", row), "yes");
            // A noise-free arc: the model lies on the data.
            let fit = Complex64::new(value("z_fit_re_ohm"), value("z_fit_im_ohm"));
            assert!(
                (fit - s.z_ohm[k]).norm() < 1e-3 * s.z_ohm[k].norm(),
                "point {k}: {fit}"
            );
        } else {
            assert_eq!(csv_cell(&rows, "fitted", row), "no");
            assert_eq!(csv_cell(&rows, "z_fit_re_ohm", row), "");
        }
    }
    // Without a range applied every masked point is just "masked".
    let rows = csv_rows(&spectrum_csv(&item, None));
    assert_eq!(
        (1..=n)
            .filter(|&k| csv_cell(&rows, "masked", k) == "masked")
            .count(),
        6
    );
}
