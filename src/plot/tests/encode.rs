//! The heatmap encoder: checksums against published check values and a
//! bitwise implementation, and a full independent decode of the PNG.

use crate::plot::heatmap::{colormap, Grid, Heatmap, ANCHORS};
use crate::plot::png::{adler32, crc32, encode_rgba, push_base64};
use crate::plot::{Axis, ColorMode, Figure};

/// Luma (Rec. 709 weights on the sRGB values), to check that the colour
/// map is ordered in lightness.
fn luma([r, g, b]: [u8; 3]) -> f64 {
    0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64
}

/// CRC-32 computed bit by bit, without a table.
fn crc32_bitwise(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Adler-32 from its definition: A = 1 + Σd, B = Σ A_i, both mod 65521,
/// in 64-bit arithmetic without the chunking trick.
fn adler32_direct(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u64, 0u64);
    for &d in bytes {
        a = (a + d as u64) % 65_521;
        b = (b + a) % 65_521;
    }
    ((b << 16) | a) as u32
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

/// Decodes our PNG: checks signature, chunk CRCs, the stored deflate blocks
/// and the Adler-32; returns (width, height, colour type, pixel rows).
fn decode_png(png: &[u8]) -> (u32, u32, u8, Vec<Vec<u8>>) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let mut pos = 8;
    let (mut w, mut h, mut ctype) = (0, 0, 0);
    let mut idat = Vec::new();
    let mut kinds = Vec::new();
    while pos < png.len() {
        let len = u32::from_be_bytes(png[pos..pos + 4].try_into().unwrap()) as usize;
        let body = &png[pos + 4..pos + 8 + len];
        let crc = u32::from_be_bytes(png[pos + 8 + len..pos + 12 + len].try_into().unwrap());
        assert_eq!(crc, crc32_bitwise(body), "CRC of {:?}", &body[..4]);
        let data = &body[4..];
        match &body[..4] {
            b"IHDR" => {
                w = u32::from_be_bytes(data[0..4].try_into().unwrap());
                h = u32::from_be_bytes(data[4..8].try_into().unwrap());
                assert_eq!(data[8], 8);
                ctype = data[9];
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        kinds.push(String::from_utf8_lossy(&body[..4]).to_string());
        pos += 12 + len;
    }
    assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
    // zlib header: CM = 8, (CMF·256 + FLG) divisible by 31.
    assert_eq!(idat[0] & 0x0F, 8);
    assert_eq!((idat[0] as u32 * 256 + idat[1] as u32) % 31, 0);
    let mut raw = Vec::new();
    let mut p = 2;
    loop {
        let header = idat[p];
        assert_eq!(header & 0b110, 0, "only stored blocks expected");
        let len = u16::from_le_bytes([idat[p + 1], idat[p + 2]]);
        let nlen = u16::from_le_bytes([idat[p + 3], idat[p + 4]]);
        assert_eq!(len, !nlen);
        raw.extend_from_slice(&idat[p + 5..p + 5 + len as usize]);
        p += 5 + len as usize;
        if header & 1 == 1 {
            break;
        }
    }
    let adler = u32::from_be_bytes(idat[p..p + 4].try_into().unwrap());
    assert_eq!(adler, adler32_direct(&raw));
    assert_eq!(p + 4, idat.len());
    let stride = 1 + 4 * w as usize;
    assert_eq!(raw.len(), stride * h as usize);
    let rows = raw.chunks(stride).map(|r| {
        assert_eq!(r[0], 0, "filter byte");
        r[1..].to_vec()
    });
    (w, h, ctype, rows.collect())
}

#[test]
fn checksums_match_published_check_values() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b"IEND"), 0xAE42_6082); // the CRC ending every PNG
    assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    let long: Vec<u8> = (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(crc32(&long), crc32_bitwise(&long));
    assert_eq!(adler32(&long), adler32_direct(&long));
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
