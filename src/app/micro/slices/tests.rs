use super::*;

/// A 3×4×5 volume whose label is (x + 2y + 3z) mod 4.
fn volume() -> (VolumeMeta, Vec<u8>) {
    let shape = [3, 4, 5];
    let mut codes = Vec::new();
    for x in 0..3 {
        for y in 0..4 {
            for z in 0..5 {
                codes.push(((x + 2 * y + 3 * z) % 4) as u8);
            }
        }
    }
    let meta = VolumeMeta {
        name: "v".into(),
        shape,
        voxel_um: 1.0,
        labels: (0..=255).collect(),
        present: vec![(0, 15), (1, 15), (2, 15), (3, 15)],
        generated: true,
    };
    (meta, codes)
}

#[test]
fn each_pixel_has_the_colour_of_its_voxel() {
    let (meta, codes) = volume();
    let label = |x: usize, y: usize, z: usize| ((x + 2 * y + 3 * z) % 4) as u16;
    for axis in 0..3 {
        let depth = 1;
        let (w, h) = size(meta.shape, axis);
        let pixels = rgba(&meta, &codes, axis, depth);
        assert_eq!(pixels.len(), 4 * w * h);
        for row in 0..h {
            for col in 0..w {
                // Rows run down y (normal to x) or down x; columns along the other axis.
                let (x, y, z) = match axis {
                    0 => (depth, row, col),
                    1 => (row, depth, col),
                    _ => (row, col, depth),
                };
                let k = 4 * (row * w + col);
                let [r, g, b] = colour(&meta, label(x, y, z));
                assert_eq!(
                    &pixels[k..k + 4],
                    &[r, g, b, 255],
                    "axis {axis} at {row},{col}"
                );
            }
        }
    }
    assert_eq!(size(meta.shape, 0), (5, 4));
    assert_eq!(size(meta.shape, 2), (4, 3));
}

#[test]
fn phases_have_distinct_colours_and_a_legend() {
    let (meta, codes) = volume();
    let colours: Vec<[u8; 3]> = (0..4).map(|l| colour(&meta, l)).collect();
    for (k, c) in colours.iter().enumerate() {
        assert!(!colours[..k].contains(c));
    }
    let legend = legend(&meta);
    assert_eq!(legend[2], ("SE (25 %)".to_string(), colour(&meta, 2)));
    // A depth beyond the volume shows its last slice.
    assert_eq!(rgba(&meta, &codes, 0, 99), rgba(&meta, &codes, 0, 2));
    assert_eq!(caption(&meta, 0, 2), "x = 3 of 3 (2.5 µm)");
}
