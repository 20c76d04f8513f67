use super::*;

#[test]
fn along_moves_the_axis_first_and_maps_back() {
    let shape = [3, 4, 5];
    let data: Vec<u32> = (0..60).collect();
    for axis in Axis::ALL {
        let (s, moved) = along(shape, &data, axis);
        assert_eq!(s, shape_along(shape, axis));
        for a in 0..s[0] {
            for b in 0..s[1] {
                for c in 0..s[2] {
                    let v = original_voxel(shape, axis, a, b, c);
                    assert_eq!(moved[(a * s[1] + b) * s[2] + c], data[v], "{axis:?}");
                }
            }
        }
    }
}

#[test]
fn sixteen_bit_labels_above_255_get_codes() {
    let v = Volume::from_u16("f.tif", [1, 1, 4], 1.0, &[0, 65535, 300, 0]).unwrap();
    assert_eq!(v.labels, vec![0, 300, 65535]);
    assert_eq!(v.codes, vec![0, 2, 1, 0]);
    assert_eq!(v.code_of(300), Some(1));
    assert_eq!(v.present_labels(), vec![(0, 2), (300, 1), (65535, 1)]);
    let small = Volume::from_u16("f.tif", [1, 1, 2], 1.0, &[3, 7]).unwrap();
    assert_eq!(small.codes, vec![3, 7]);
    let many: Vec<u16> = (0..300).map(|k| k * 200).collect();
    let err = Volume::from_u16("f.tif", [1, 1, 300], 1.0, &many).unwrap_err();
    assert!(
        err.to_string().starts_with("f.tif: 300 distinct labels"),
        "{err}"
    );
}

#[test]
fn a_shape_that_does_not_match_is_refused() {
    assert!(Volume::from_u8([2, 2, 2], 1.0, vec![0; 7]).is_err());
    assert!(check_shape("r", [0, 4, 4], 0).is_err());
    assert!(check_shape("r", [usize::MAX, 2, 2], 4).is_err());
}
