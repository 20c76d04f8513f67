use super::*;

#[test]
fn counts_become_colour_then_plane_order() {
    let l = Layout::from_counts([&[2, 0, 3], &[1, 4, 0]]);
    assert_eq!(l.len(), 10);
    assert_eq!(l.planes(), 3);
    assert_eq!(l.range(0, 2), 2..5);
    assert_eq!(l.range(1, 0), 5..6);
    assert_eq!(l.range(1, 1), 6..10);
    assert_eq!(l.colour(1), 5..10);
    let mut v: Vec<u32> = (0..10).collect();
    let (mine, other) = l.split_for_sweep(&mut v, 1);
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[1], &[6, 7, 8, 9]);
    assert_eq!(other, &[0, 1, 2, 3, 4]);
    let mut v: Vec<u32> = (0..10).collect();
    let both = l.split_planes_both(&mut v);
    assert_eq!(both[0][0], &[0, 1]);
    assert_eq!(both[0][1], &[5]);
    assert!(both[2][1].is_empty());
}
