use super::*;

/// A volume from a closure of (x, y, z).
fn volume(shape: [usize; 3], f: impl Fn(usize, usize, usize) -> u8) -> Volume {
    let [_, ny, nz] = shape;
    let codes = (0..shape.iter().product::<usize>())
        .map(|v| f(v / (ny * nz), (v / nz) % ny, v % nz))
        .collect();
    Volume::from_u8(shape, 0.5, codes).unwrap()
}

#[test]
fn fractions_areas_and_percolation_of_a_slab_and_a_cube() {
    // 4×4×4: a 2×2×2 cube of label 1 in a corner; label 2 a full layer
    // x = 3; the rest 0.
    let v = volume([4, 4, 4], |x, y, z| {
        if x == 3 {
            2
        } else if x < 2 && y < 2 && z < 2 {
            1
        } else {
            0
        }
    });
    let m = metrics(&v, None);
    let phase = |l: u16| m.phases.iter().find(|p| p.label == l).unwrap();
    assert_eq!(phase(1).volume_fraction, 8.0 / 64.0);
    // The cube's faces inside the box: 3 sides × 4 faces.
    let h = um_to_cm(0.5);
    let box_cm3 = 64.0 * h * h * h;
    assert!((phase(1).specific_surface_per_cm - 12.0 * h * h / box_cm3).abs() < 1e-9 / box_cm3);
    // The layer touches label 0 over 16 faces, label 1 nowhere.
    let area = |a, b| {
        m.interfaces
            .iter()
            .find(|i| i.labels == (a, b))
            .unwrap()
            .area_cm2
    };
    assert!((area(0, 2) - 16.0 * h * h).abs() < 1e-20);
    assert_eq!(area(1, 2), 0.0);
    assert!((area(0, 1) - 12.0 * h * h).abs() < 1e-20);
    // The layer spans y and z but touches only x = 3 (one face) along x;
    // the cube touches x = 0 only.
    let p2 = &phase(2).percolation;
    assert_eq!((p2[0].both_faces, p2[0].one_face), (0.0, 1.0));
    assert_eq!((p2[1].both_faces, p2[2].both_faces), (1.0, 1.0));
    assert_eq!(
        (
            phase(1).percolation[0].one_face,
            phase(1).percolation[0].isolated
        ),
        (1.0, 0.0)
    );
}

#[test]
fn utilisation_needs_both_a_wire_to_the_collector_and_fed_electrolyte() {
    // Rows y of a 6×4×1 volume along x (x = 0 separator, x = 5
    // collector): y = 0 SE to x = 2 then AM to the collector; y = 1 all
    // SE; y = 2 SE to x = 1, AM x = 2..4, void at x = 5; y = 3 void to
    // x = 2, AM from x = 3 to the collector. Two AM clusters (rows 0;
    // rows 2–3), both wired to the collector and fed by SE from the
    // separator: all 9 AM voxels work.
    let v = volume([6, 4, 1], |x, y, _| match y {
        0 => {
            if x < 3 {
                2
            } else {
                1
            }
        }
        1 => 2,
        2 => {
            if x < 2 {
                2
            } else if x < 5 {
                1
            } else {
                0
            }
        }
        _ => {
            if x < 3 {
                0
            } else {
                1
            }
        }
    });
    let u = metrics(&v, Some(Roles::GENERATED)).utilisation.unwrap();
    assert_eq!(u.clusters, 2);
    assert!((u.fraction - 1.0).abs() < 1e-12, "{u:?}");
    // Cut row 3 from the collector: its cluster is fed but not wired.
    let v = volume([6, 4, 1], |x, y, _| match y {
        0 => {
            if x < 3 {
                2
            } else {
                1
            }
        }
        1 => 2,
        2 => {
            if x < 2 {
                2
            } else if x < 5 {
                1
            } else {
                0
            }
        }
        _ => {
            if x < 3 || x == 5 {
                0
            } else {
                1
            }
        }
    });
    let u = metrics(&v, Some(Roles::GENERATED)).utilisation.unwrap();
    // Row 0's cluster (3 voxels) works; the other (3 + 2) is fed only.
    assert!((u.fraction - 3.0 / 8.0).abs() < 1e-12, "{u:?}");
    assert!(
        (u.ionic - 1.0).abs() < 1e-12 && (u.electronic - 3.0 / 8.0).abs() < 1e-12,
        "{u:?}"
    );
}
