//! One sort for the crate (and for the page that embeds it).
//!
//! Every `sort*` call on a new element type instantiates the standard
//! library's sort algorithms again — several kilobytes of Wasm each, a dozen
//! copies in the page. Here short lists use a tiny insertion sort and longer
//! ones sort a list of indexes through one comparator behind `dyn`, so the
//! download holds a single copy of the real algorithm. Both are stable and
//! O(n log n) past the short-list bound, so hostile input stays near-linear.

use std::cmp::Ordering;

/// Lists up to this long are sorted by insertion (at most 120 comparisons).
const SHORT: usize = 16;

/// Sorts `items` stably by `compare`.
///
/// ```
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c')];
/// eventpattern::sort::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (2, 'a'), (2, 'c')]); // stable
/// ```
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let n = items.len();
    if n <= SHORT {
        for i in 1..n {
            let mut j = i;
            while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let order = sorted_indexes(n, &mut |a, b| compare(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` stably by the key `key` gives.
///
/// ```
/// let mut v = vec!["ccc", "a", "bb"];
/// eventpattern::sort::sort_by_key(&mut v, |s| s.len());
/// assert_eq!(v, ["a", "bb", "ccc"]);
/// ```
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by `key`, computing each item's key once (for
/// costly keys).
///
/// ```
/// let mut v = vec![3, 1, 2];
/// eventpattern::sort::sort_by_cached_key(&mut v, |n| n.to_string());
/// assert_eq!(v, [1, 2, 3]);
/// ```
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_indexes(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    reorder(items, order);
}

/// Sorts `items` into ascending order.
///
/// ```
/// let mut v = vec!["b", "a"];
/// eventpattern::sort::sort(&mut v);
/// assert_eq!(v, ["a", "b"]);
/// ```
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Puts `items` in `order` (a permutation of their indexes).
fn reorder<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The indexes `0..n` in the order `compare` gives them; the one place the
/// standard sort is instantiated.
fn sorted_indexes(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic shuffle (no clock or randomness in the core).
    fn scrambled(n: usize) -> Vec<(u32, usize)> {
        (0..n)
            .map(|i| (((i as u64 * 2_654_435_761) % 97) as u32, i))
            .collect()
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        for n in [0, 1, 2, 5, SHORT, SHORT + 1, 100, 1_000] {
            let mut ours = scrambled(n);
            let mut std_sorted = ours.clone();
            sort_by_key(&mut ours, |p| p.0);
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "n = {n}");
            let mut cached = scrambled(n);
            sort_by_cached_key(&mut cached, |p| p.0);
            assert_eq!(cached, std_sorted, "n = {n}");
        }
    }

    #[test]
    fn sorts_plain_values_and_by_comparator() {
        let mut v = vec!['c', 'a', 'b'];
        sort(&mut v);
        assert_eq!(v, ['a', 'b', 'c']);
        let mut w: Vec<u32> = (0..40).collect();
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w.first(), Some(&39));
        assert_eq!(w.last(), Some(&0));
    }
}
