//! TIFF stacks written by tifffile (an independent writer; see
//! tests/data/micro/README) in every compression the reader supports read
//! back as the labels they hold; a cut copy reads whole or gives one
//! error naming the file, and a damaged one never panics.

use ionpath::micro::io::{read_volume, ReadOptions};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/micro/").to_string() + name)
        .unwrap()
}

/// The labels the files hold: a 5×6×7 stack (5 pages of 6 rows × 7 columns).
fn label8(x: usize, y: usize, z: usize) -> u16 {
    ((x * 3 + y * 5 + z * 7) % 4) as u16
}

fn label16(x: usize, y: usize, z: usize) -> u16 {
    [0, 300, 65535][(x + 2 * y + z) % 3]
}

#[test]
fn every_compression_reads_back_the_labels() {
    for compression in ["none", "packbits", "lzw", "deflate"] {
        for (bits, label) in [(8, label8 as fn(usize, usize, usize) -> u16), (16, label16)] {
            let name = format!("labels{bits}_{compression}.tif");
            let v = read_volume(&name, &data(&name), &ReadOptions::default()).unwrap();
            assert_eq!(v.shape, [5, 6, 7], "{name}");
            for x in 0..5 {
                for y in 0..6 {
                    for z in 0..7 {
                        let code = v.codes[(x * 6 + y) * 7 + z];
                        assert_eq!(
                            v.labels[code as usize],
                            label(x, y, z),
                            "{name} ({x},{y},{z})"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn an_imagej_stack_carries_its_voxel_size() {
    let v = read_volume(
        "ij.tif",
        &data("labels8_imagej.tif"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!((v.shape, v.voxel_um), ([5, 6, 7], 0.25));
}

#[test]
fn cut_and_damaged_files_never_panic_and_errors_name_the_file() {
    for name in [
        "labels8_lzw.tif",
        "labels16_deflate.tif",
        "labels8_packbits.tif",
    ] {
        let bytes = data(name);
        let whole = read_volume(name, &bytes, &ReadOptions::default()).unwrap();
        let mut errors = 0;
        for cut in (0..bytes.len()).step_by(5) {
            // A cut that only drops bytes no page needs reads the whole stack.
            match read_volume(name, &bytes[..cut], &ReadOptions::default()) {
                Ok(v) => assert_eq!(v, whole, "{name} cut at {cut}"),
                Err(e) => {
                    let e = e.to_string();
                    assert!(
                        e.starts_with(&format!("{name}: ")) && !e.contains('\n'),
                        "{e}"
                    );
                    errors += 1;
                }
            }
        }
        assert!(errors * 10 > bytes.len() / 5 * 9, "{name}: {errors} errors");
        for k in (0..bytes.len()).step_by(3) {
            let mut bad = bytes.clone();
            bad[k] ^= 0xa5;
            if let Err(e) = read_volume(name, &bad, &ReadOptions::default()) {
                assert!(e.to_string().starts_with(&format!("{name}: ")));
            }
        }
    }
}
