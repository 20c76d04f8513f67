//! Pointer read-outs and CSV export.

use crate::plot::{layout, Axis, Figure, Grid, Heatmap, Marker, Series, Style};

fn two_series() -> Figure {
    let mut fig = Figure::new("", Axis::linear("t / s"), Axis::log("I, \"peak\" / A"));
    fig.series.push(Series::new(
        "a",
        vec![0.0, 1.0, 2.0],
        vec![1.0, 10.0, 100.0],
        Style::Markers(Marker::Dot),
    ));
    fig.series.push(Series::new(
        "b, c",
        vec![0.5, 1.5, f64::NAN],
        vec![2.0, 20.0, 3.0],
        Style::Line { dashed: false },
    ));
    fig
}

#[test]
fn nearest_point_finds_the_point_drawn_there() {
    let fig = two_series();
    let l = layout(&fig);
    // Pixel of series 1, point 1, computed from the mappings by hand.
    let px = l.x.px_lo + (1.5 - l.x.lo) / (l.x.hi - l.x.lo) * (l.x.px_hi - l.x.px_lo);
    let t = (20f64.log10() - l.y.lo.log10()) / (l.y.hi.log10() - l.y.lo.log10());
    let py = l.y.px_lo + t * (l.y.px_hi - l.y.px_lo);
    let hit = fig.nearest_point(px + 3.0, py - 4.0, 20.0).unwrap();
    assert_eq!((hit.series, hit.index, hit.x, hit.y), (1, 1, 1.5, 20.0));
    assert!((hit.distance_px - 5.0).abs() < 1e-9);
    assert!(
        fig.nearest_point(px + 30.0, py, 20.0).is_none(),
        "nothing within 20 px"
    );
    assert!(fig.nearest_point(f64::NAN, py, 20.0).is_none());
}

#[test]
fn data_at_inverts_the_mapping() {
    let fig = two_series();
    let l = layout(&fig);
    let (x, y) = fig
        .data_at(l.x.to_px(1.25).unwrap(), l.y.to_px(7.0).unwrap())
        .unwrap();
    assert!((x - 1.25).abs() < 1e-9 && (y / 7.0 - 1.0).abs() < 1e-9);
    assert!(fig.data_at(0.0, 0.0).is_none(), "outside the plot area");
}

#[test]
fn cell_at_finds_the_heatmap_cell() {
    // 4 columns over x 0..4, 2 rows over y 0..1; value = 10·iy + ix.
    let values = (0..8).map(|k| (10 * (k / 4) + k % 4) as f64).collect();
    let grid = Grid::new((0.0, 4.0), (0.0, 1.0), 4, 2, values).unwrap();
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.heatmap = Some(Heatmap {
        grid,
        label: String::new(),
        range: None,
    });
    let l = layout(&fig);
    let cell = fig
        .cell_at(l.x.to_px(2.7).unwrap(), l.y.to_px(0.8).unwrap())
        .unwrap();
    assert_eq!((cell.ix, cell.iy, cell.value), (2, 1, 12.0));
    assert_eq!((cell.x, cell.y), (2.5, 0.75));
}

#[test]
fn csv_has_units_in_the_header_and_one_row_per_drawn_point() {
    let csv = two_series().to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "series,t / s,\"I, \"\"peak\"\" / A\"");
    // 3 + 2 rows: the NaN point is not drawn, so not exported.
    assert_eq!(lines.len(), 1 + 5);
    assert_eq!(lines[1], "a,0,1");
    assert_eq!(lines[4], "\"b, c\",0.5,2");
    assert_eq!(lines[5], "\"b, c\",1.5,20");
}

#[test]
fn csv_numbers_read_back_exactly() {
    let xs = vec![1e-12, 0.1 + 0.2, 6.02214076e23, -2.5e-7];
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.series.push(Series::new(
        "s",
        xs.clone(),
        xs.clone(),
        Style::Line { dashed: false },
    ));
    let csv = fig.to_csv();
    for (line, want) in csv.lines().skip(1).zip(&xs) {
        let x: f64 = line.split(',').nth(1).unwrap().parse().unwrap();
        assert_eq!(x, *want, "{line}");
    }
}

#[test]
fn a_bode_phase_point_reads_out_with_the_phase_label() {
    // The −φ series is on the right axis: its read-out names −φ, not |Z|.
    let s = crate::spectrum::Spectrum {
        label: "d".into(),
        freq_hz: vec![1.0, 10.0, 100.0],
        z_ohm: vec![
            num_complex::Complex64::new(10.0, -10.0),
            num_complex::Complex64::new(10.0, -1.0),
            num_complex::Complex64::new(10.0, -0.1),
        ],
    };
    let fig = crate::plot::bode(&[s], None);
    let l = layout(&fig);
    let phase = fig
        .series
        .iter()
        .position(|s| s.name.ends_with("−φ"))
        .unwrap();
    let ym = l.y_for(fig.series[phase].axis);
    // −φ at 1 Hz is 45°; its pixel from the right axis's mapping.
    let (px, py) = (l.x.to_px(1.0).unwrap(), ym.to_px(45.0).unwrap());
    let text = fig.read_out(px, py).unwrap();
    assert!(text.contains("−φ / ° = 45"), "{text}");
    assert!(!text.contains("|Z| / Ω"), "{text}");
}
