use super::*;

fn sample() -> Volume {
    let shape = [3, 4, 5];
    let codes = (0..60).map(|k| ((k * 7) % 4) as u8).collect();
    Volume::from_u8(shape, 0.25, codes).unwrap()
}

#[test]
fn a_written_stack_reads_back_with_its_voxel_size() {
    let v = sample();
    let bytes = write_tiff(&v).unwrap();
    assert!(is_tiff(&bytes));
    let back = read_volume("out.tif", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(back, v);
    let forced = ReadOptions {
        voxel_um: Some(2.0),
        ..ReadOptions::default()
    };
    assert_eq!(
        read_volume("out.tif", &bytes, &forced).unwrap().voxel_um,
        2.0
    );
}

#[test]
fn wide_labels_are_written_as_16_bit() {
    let v = Volume::from_u16("in", [2, 1, 3], 1.0, &[0, 1000, 0, 65535, 0, 1000]).unwrap();
    let back = read_volume("w.tif", &write_tiff(&v).unwrap(), &ReadOptions::default()).unwrap();
    assert_eq!(back, v);
}

#[test]
fn raw_volumes_take_their_shape_from_the_name_or_the_options() {
    let bytes: Vec<u8> = (0..24).map(|k| (k % 3) as u8).collect();
    let v = read_volume("dir/rock_2x3x4_8bit.raw", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!((v.shape, v.codes.clone()), ([2, 3, 4], bytes.clone()));
    // The first triple whose size fits (a 1x2x6 tag after it does not).
    let v = read_volume("TF-2x3x4-1x2x6.raw", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(v.shape, [2, 3, 4]);
    let opts = ReadOptions {
        raw_shape: Some([4, 3, 2]),
        voxel_um: Some(0.5),
    };
    let v = read_volume("anything.bin", &bytes, &opts).unwrap();
    assert_eq!((v.shape, v.voxel_um), ([4, 3, 2], 0.5));
    // 16-bit little-endian when twice as long.
    let wide: Vec<u8> = [1u16, 2, 300, 4]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    let v = read_volume("w_1x2x2.raw", &wide, &ReadOptions::default()).unwrap();
    assert_eq!(v.labels[v.codes[2] as usize], 300);
}

#[test]
fn bad_raw_files_name_the_file() {
    let err = read_volume("blob.raw", &[0; 10], &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().starts_with("blob.raw: not a TIFF"), "{err}");
    let opts = ReadOptions {
        raw_shape: Some([2, 2, 2]),
        voxel_um: None,
    };
    let err = read_volume("blob.raw", &[0; 10], &opts).unwrap_err();
    assert!(err.to_string().contains("10 bytes"), "{err}");
}

#[test]
fn truncated_and_damaged_tiffs_are_errors_naming_the_file() {
    let bytes = write_tiff(&sample()).unwrap();
    for cut in (1..bytes.len()).step_by(3).chain([bytes.len() - 1]) {
        let e = read_volume("cut.tif", &bytes[..cut], &ReadOptions::default())
            .expect_err(&format!("cut at {cut} of {}", bytes.len()));
        assert!(e.to_string().starts_with("cut.tif: "), "{e}");
    }
    let mut flipped = bytes.clone();
    for k in (8..flipped.len()).step_by(7) {
        flipped[k] ^= 0x5a;
        let _ = read_volume("bad.tif", &flipped, &ReadOptions::default());
    }
    let err =
        read_volume("hdr.tif", b"II*\0\xff\xff\xff\x7f", &ReadOptions::default()).unwrap_err();
    assert!(
        err.to_string().starts_with("hdr.tif: not a readable TIFF"),
        "{err}"
    );
}
