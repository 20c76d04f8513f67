use super::*;

#[test]
fn the_default_phase_of_a_binary_image_is_its_nonzero_label() {
    let v = Volume::from_u8([1, 1, 4], 1.0, vec![0, 5, 5, 0]).unwrap();
    let t = PhaseTable::default_for(&v).unwrap();
    assert_eq!(t.labels(), &[(5, 1.0)]);
    assert_eq!((t.sigma(5), t.sigma(0)), (1.0, 0.0));
    let v = Volume::from_u8([1, 1, 3], 1.0, vec![0, 1, 2]).unwrap();
    let err = PhaseTable::default_for(&v).unwrap_err().to_string();
    assert_eq!(err, "the volume has labels 0, 1, 2: say which conduct");
}

#[test]
fn bad_tables_are_refused() {
    let v = Volume::from_u16("f", [1, 1, 2], 1.0, &[0, 1000]).unwrap();
    assert!(PhaseTable::new(&v, &[(7, 1.0)]).is_err());
    assert!(PhaseTable::new(&v, &[(1000, 0.0)]).is_err());
    assert!(PhaseTable::new(&v, &[]).is_err());
    let t = PhaseTable::new(&v, &[(1000, 2.0)]).unwrap();
    assert_eq!(t.sigma(1), 2.0);
}
