//! Sorting with one compiled sort for the whole crate. Each `sort_by` call with its own element
//! type and comparison compiles a sort of its own, several kilobytes of wasm apiece; this sorts
//! positions instead, through a comparison behind a reference, and moves the items after.

use std::cmp::Ordering;

/// Sorts `items` by `order`, which must be a total order (ties broken, e.g. by id): the result
/// is then the same as a stable sort's.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, order: impl Fn(&T, &T) -> Ordering) {
    let mut positions: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut positions, &|a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => order(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(
        positions
            .into_iter()
            .filter_map(|at| slots.get_mut(at).and_then(Option::take)),
    );
}

/// Sorts numbers, with the same compiled sort.
pub(crate) fn sort_numbers(numbers: &mut [usize]) {
    sort_positions(numbers, &|a, b| a.cmp(&b));
}

fn sort_positions(positions: &mut [usize], order: &dyn Fn(usize, usize) -> Ordering) {
    positions.sort_unstable_by(|&a, &b| order(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let words = ["pear", "fig", "apple", "kiwi", "fig", "date", "", "banana"];
        for len in 0..=words.len() {
            let mut ours: Vec<String> = words[..len].iter().map(|w| w.to_string()).collect();
            let mut std = ours.clone();
            sort_by(&mut ours, |a, b| {
                a.len().cmp(&b.len()).then_with(|| a.cmp(b))
            });
            std.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_numbers() {
        let mut numbers = vec![5, 1, 4, 1, 0, 9];
        sort_numbers(&mut numbers);
        assert_eq!(numbers, [0, 1, 1, 4, 5, 9]);
    }
}
