//! Stable sorting with one copy of the sorting code.
//!
//! The standard library's `sort_by`/`sort_by_key` are generic over the element and the
//! comparison: every call site with its own closure gets its own copy of the whole sort
//! (driftsort with its merge, small-sort and pivot helpers). Across the app's many sorted lists
//! that was 322 KB of the 3.9 MB of code in the release wasm before wasm-opt. Here only a
//! list of positions is sorted, by one non-generic function that takes the comparison as a
//! trait object; what stays generic per call site is the key extraction and a small in-place
//! permutation.
//!
//! The results are those of `slice::sort_by` (stable: equal elements keep their order), so these
//! also stand in for `sort_unstable*`. Pure Rust, used by every layer.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably; as `v.sort_by(cmp)`.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_positions(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    }
    permute(v, &mut order);
}

/// Sorts `v` by the key `key` gives each element, stably; as `v.sort_by_cached_key(key)`: the
/// key is computed once per element.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, &mut order);
}

/// Sorts `v` in ascending order, stably; as `v.sort()`.
pub fn ascending<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The one instance of the standard sort: positions compared through a trait object.
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`, following each cycle of
/// the permutation with swaps (no copies, no `Clone` needed). Uses `order` up.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, position in the input): the position shows whether equal keys kept their order.
    fn tagged(keys: &[u8]) -> Vec<(u8, usize)> {
        keys.iter().copied().enumerate().map(|(i, k)| (k, i)).collect()
    }

    #[test]
    fn table() {
        let cases: [(&[u8], &[u8]); 6] = [
            (&[], &[]),
            (&[1], &[1]),
            (&[2, 1], &[1, 2]),
            (&[3, 1, 2], &[1, 2, 3]),
            (&[1, 1, 0, 1, 0], &[0, 0, 1, 1, 1]),
            (&[5, 4, 3, 2, 1, 0], &[0, 1, 2, 3, 4, 5]),
        ];
        for (input, sorted) in cases {
            let mut v = input.to_vec();
            ascending(&mut v);
            assert_eq!(v, sorted, "{input:?}");
        }
        // Stable: the two 1s and the two 0s keep their order.
        let mut v = tagged(&[1, 1, 0, 1, 0]);
        by_key(&mut v, |t| t.0);
        assert_eq!(v, [(0, 2), (0, 4), (1, 0), (1, 1), (1, 3)]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// The same order as the standard library's stable sort, for any list with any
            /// number of equal keys, by comparison and by key; nothing lost or doubled.
            #[test]
            fn as_std(keys in proptest::collection::vec(0u8..8, 0..200), descending in any::<bool>()) {
                let cmp = |a: &(u8, usize), b: &(u8, usize)| if descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) };
                let mut expected = tagged(&keys);
                expected.sort_by(cmp);
                let mut ours = tagged(&keys);
                by(&mut ours, cmp);
                prop_assert_eq!(&ours, &expected);
                let mut keyed = tagged(&keys);
                by_key(&mut keyed, |t| if descending { std::cmp::Reverse(t.0) } else { std::cmp::Reverse(u8::MAX - t.0) });
                prop_assert_eq!(&keyed, &expected);
            }
        }
    }
}
