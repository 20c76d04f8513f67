use super::*;

#[test]
fn sum_adds_every_index_once() {
    let n = 3 * CHUNK + 17;
    let s = sum(n, |r| r.map(|i| i as f64).sum());
    assert_eq!(s, (n * (n - 1) / 2) as f64);
}

#[test]
fn split_lengths_covers_the_pieces_in_order() {
    let mut v: Vec<u32> = (0..10).collect();
    let pieces = split_lengths(&mut v, &[3, 0, 5]);
    assert_eq!(pieces.len(), 3);
    assert_eq!(pieces[0], &[0, 1, 2]);
    assert!(pieces[1].is_empty());
    assert_eq!(pieces[2], &[3, 4, 5, 6, 7]);
}
