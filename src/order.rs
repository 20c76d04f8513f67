//! The one sort of the crate's non-test code: indices in ascending order of
//! an `f64` key. Every ordering goes through it, so the page's wasm carries
//! a single instance of the standard library's sort rather than one per
//! element type and comparison.

/// The indices of `keys` in ascending order (`f64::total_cmp`: −0 before
/// +0, NaN last); equal keys keep their index order, as a stable sort would.
pub fn ascending_order(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&i, &j| keys[i].total_cmp(&keys[j]).then(i.cmp(&j)));
    order
}

#[cfg(test)]
mod tests {
    use super::ascending_order;
    use proptest::prelude::*;

    #[test]
    fn ties_keep_index_order_and_nan_goes_last() {
        assert_eq!(
            ascending_order(&[3.0, f64::NAN, 1.0, 3.0, -0.0, 0.0]),
            vec![4, 5, 2, 0, 3, 1]
        );
        assert!(ascending_order(&[]).is_empty());
    }

    proptest! {
        #[test]
        fn agrees_with_a_stable_sort(keys in prop::collection::vec(-5i8..5, 0..40)) {
            let keys: Vec<f64> = keys.into_iter().map(f64::from).collect();
            let mut expected: Vec<usize> = (0..keys.len()).collect();
            expected.sort_by(|&i, &j| keys[i].partial_cmp(&keys[j]).unwrap());
            prop_assert_eq!(ascending_order(&keys), expected);
        }
    }
}
