//! The heatmap's image: PNGs decoded again (by the `png` crate's decoder)
//! hold the colour-mapped grid; base64 against RFC 4648's vectors.

use crate::plot::heatmap::{colormap, Grid, Heatmap, ANCHORS};
use crate::plot::png::{encode_rgba, push_base64};
use crate::plot::{Axis, ColorMode, Figure};

/// Luma (Rec. 709 weights on the sRGB values), to check that the colour
/// map is ordered in lightness.
fn luma([r, g, b]: [u8; 3]) -> f64 {
    0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("bad base64 {c}"),
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::new();
    for quad in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in quad.iter().enumerate() {
            n |= (val(c) as u32) << (18 - 6 * i);
        }
        for i in 0..quad.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// Decodes a PNG with the `png` crate's decoder: (width, height, colour
/// type as in the IHDR chunk, pixel rows).
fn decode_png(bytes: &[u8]) -> (u32, u32, u8, Vec<Vec<u8>>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let rows = pixels[..info.buffer_size()]
        .chunks(info.line_size)
        .map(<[u8]>::to_vec)
        .collect();
    (info.width, info.height, info.color_type as u8, rows)
}

#[test]
fn base64_matches_rfc4648_vectors() {
    for (input, want) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foobar", "Zm9vYmFy"),
    ] {
        let mut s = String::new();
        push_base64(&mut s, input.as_bytes());
        assert_eq!(s, want);
    }
}

#[test]
fn png_round_trips_through_an_independent_decoder() {
    // 300×80 RGBA is 96 080 bytes of scanlines: two stored blocks.
    let (w, h) = (300u32, 80u32);
    let rgba: Vec<u8> = (0..4 * w * h).map(|i| (i % 253) as u8).collect();
    let png = encode_rgba(w, h, &rgba).unwrap();
    let (dw, dh, ctype, rows) = decode_png(&png);
    assert_eq!((dw, dh, ctype), (w, h, 6));
    assert_eq!(rows.concat(), rgba);
    assert!(encode_rgba(2, 2, &[0; 15]).is_none());
    assert!(encode_rgba(0, 2, &[]).is_none());
}

#[test]
fn heatmap_image_holds_the_colour_mapped_grid() {
    // 3×2 grid: row 0 (y_min) = 0, 0.5, 1; row 1 (y_max) = NaN, 0.25, 2.
    let values = vec![0.0, 0.5, 1.0, f64::NAN, 0.25, 2.0];
    let grid = Grid::new((0.0, 3.0), (0.0, 2.0), 3, 2, values).unwrap();
    let heat = Heatmap {
        grid,
        label: "u".into(),
        range: Some((0.0, 1.0)),
    };
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.heatmap = Some(heat.clone());
    fig.colors = ColorMode::Inline;
    let svg = fig.to_svg();
    let els = super::check_svg(&svg);
    let images: Vec<_> = els.iter().filter(|e| e.name == "image").collect();
    assert_eq!(images.len(), 1);
    let href = images[0].attr("href").unwrap();
    let png = base64_decode(href.strip_prefix("data:image/png;base64,").unwrap());
    let (w, h, _, rows) = decode_png(&png);
    assert_eq!((w, h), (3, 2));
    let px = |row: usize, col: usize| rows[row][4 * col..4 * col + 4].to_vec();
    // Top image row is y_max: NaN → transparent, 0.25, 2 (clamped to 1).
    assert_eq!(px(0, 0), [0, 0, 0, 0]);
    let quarter = ANCHORS[1]; // 0.25 is exactly the second of five anchors
    assert_eq!(px(0, 1), [quarter[0], quarter[1], quarter[2], 255]);
    assert_eq!(px(0, 2)[..3], ANCHORS[4]);
    assert_eq!(px(1, 0)[..3], ANCHORS[0]);
    assert_eq!(px(1, 1)[..3], ANCHORS[2]);
    // The page's pixels are the PNG's.
    assert_eq!(heat.rgba().unwrap(), rows.concat());
}

#[test]
fn themed_heatmap_is_a_canvas_of_one_pixel_per_cell_where_the_file_has_its_image() {
    let grid = Grid::new((0.0, 3.0), (0.0, 2.0), 3, 2, vec![0.5; 6]).unwrap();
    let mut fig = Figure::new("", Axis::linear("x"), Axis::linear("y"));
    fig.heatmap = Some(Heatmap {
        grid,
        label: "u".into(),
        range: None,
    });
    let themed = super::check_svg(&fig.to_svg());
    fig.colors = ColorMode::Inline;
    let inline = super::check_svg(&fig.to_svg());
    assert!(themed.iter().all(|e| e.name != "image"));
    let canvas = themed.iter().find(|e| e.name == "canvas").unwrap();
    assert_eq!(
        (canvas.attr("width"), canvas.attr("height")),
        (Some("3"), Some("2"))
    );
    assert_eq!(canvas.attr("class"), Some("ip-heatmap"));
    // The canvas's box (its foreignObject) is where the file draws its image.
    let place = themed.iter().find(|e| e.name == "foreignObject").unwrap();
    let image = inline.iter().find(|e| e.name == "image").unwrap();
    for a in ["x", "y", "width", "height"] {
        assert_eq!(place.attr(a), image.attr(a), "{a}");
    }
}

#[test]
fn colormap_is_ordered_in_lightness_and_hits_its_anchors() {
    let mut last = -1.0;
    for k in 0..=200 {
        let l = luma(colormap(k as f64 / 200.0));
        assert!(l > last, "lightness not increasing at {k}");
        last = l;
    }
    assert_eq!(colormap(0.0), ANCHORS[0]);
    assert_eq!(colormap(1.0), ANCHORS[4]);
    assert_eq!(colormap(-3.0), ANCHORS[0]);
    assert_eq!(colormap(f64::NAN), ANCHORS[0]);
}

#[test]
fn grid_rejects_bad_shapes() {
    assert!(Grid::new((0.0, 1.0), (0.0, 1.0), 2, 2, vec![0.0; 3]).is_err());
    assert!(Grid::new((1.0, 1.0), (0.0, 1.0), 1, 1, vec![0.0]).is_err());
    assert!(Grid::new((0.0, f64::NAN), (0.0, 1.0), 1, 1, vec![0.0]).is_err());
    assert!(Grid::new((0.0, 1.0), (0.0, 1.0), 0, 1, vec![]).is_err());
}
