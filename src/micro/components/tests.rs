use super::*;

#[test]
fn components_and_their_faces() {
    // A 3×3×3 volume: a rod along x at (y, z) = (0, 0), a single voxel at
    // the centre, and an L along z then y in the plane x = 2.
    let shape = [3, 3, 3];
    let v = |x: usize, y: usize, z: usize| (x * 3 + y) * 3 + z;
    let mut set = [false; 27];
    for x in 0..3 {
        set[v(x, 0, 0)] = true;
    }
    set[v(1, 1, 1)] = true;
    for s in [v(2, 2, 0), v(2, 2, 1), v(2, 2, 2), v(2, 1, 2)] {
        set[s] = true;
    }
    let c = Components::new(shape, |k| set[k]);
    assert_eq!(c.size.len(), 3);
    let rod = c.id[v(0, 0, 0)];
    assert!((0..3).all(|x| c.id[v(x, 0, 0)] == rod));
    assert_eq!(c.size[rod as usize], 3);
    assert!(c.spans(v(1, 0, 0), 0) && !c.spans(v(1, 0, 0), 1));
    let centre = c.id[v(1, 1, 1)];
    assert_eq!((c.size[centre as usize], c.faces[centre as usize]), (1, 0));
    let l = c.id[v(2, 1, 2)];
    assert_eq!(c.id[v(2, 2, 0)], l);
    assert!(c.spans(v(2, 2, 1), 2));
    assert_eq!(c.id[v(1, 1, 0)], NONE);
}

#[test]
fn a_u_shape_merges_late() {
    // Two arms that meet only at the end of the scan: one component.
    let shape = [1, 3, 3];
    let set = [true, false, true, true, false, true, true, true, true];
    let c = Components::new(shape, |k| set[k]);
    assert_eq!(c.size, vec![7]);
    assert!(c.id.iter().enumerate().all(|(k, &i)| (i == 0) == set[k]));
}
