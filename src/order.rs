//! The one sort of the crate's non-test code: indices in ascending order of
//! an `f64` key. Every ordering goes through it, so the page's wasm carries
//! a single instance of the standard library's sort rather than one per
//! element type and comparison. Also the crate's `f64` clamp.

/// The indices of `keys` in ascending order (`f64::total_cmp`: −0 before
/// +0, NaN last); equal keys keep their index order, as a stable sort would.
pub fn ascending_order(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&i, &j| keys[i].total_cmp(&keys[j]).then(i.cmp(&j)));
    order
}

/// `x` limited to `lo..=hi`, as `f64::clamp` (NaN stays NaN), but without
/// its panic when the bounds are NaN or out of order: that panic's message
/// would bring std's float formatting back into the page's wasm.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::{ascending_order, clamp};
    use proptest::prelude::*;

    #[test]
    fn ties_keep_index_order_and_nan_goes_last() {
        assert_eq!(
            ascending_order(&[3.0, f64::NAN, 1.0, 3.0, -0.0, 0.0]),
            vec![4, 5, 2, 0, 3, 1]
        );
        assert!(ascending_order(&[]).is_empty());
    }

    #[test]
    fn clamp_is_std_clamp() {
        for x in [
            -2.0,
            -1.0,
            -0.0,
            0.0,
            0.5,
            1.0,
            3.0,
            f64::NEG_INFINITY,
            f64::INFINITY,
        ] {
            assert_eq!(clamp(x, -1.0, 1.0).to_bits(), x.clamp(-1.0, 1.0).to_bits());
        }
        assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
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
