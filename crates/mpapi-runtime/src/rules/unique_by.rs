use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

use super::{dotted, push_at};
use crate::{Path, Violations};

/// Lists up to this length are checked by comparing pairs, without allocating; longer
/// lists use one hash set sized to the list (one allocation), so the check stays linear.
pub const UNIQUE_BY_SCAN_LIMIT: usize = 16;

/// No two elements of `list` share the (present) key; every element whose key repeats an
/// earlier one is reported at `list_path[i].key…`, in index order.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let ids = ["a", "b", "a"];
/// let mut out = Violations::new();
/// rules::unique_by(&ids, |id| Some(*id), &Path::Root.field("items"), &["id"], None, &mut out);
/// assert_eq!(out.as_slice()[0].path, "items[2].id");
/// ```
pub fn unique_by<T, K: ?Sized + Eq + Hash + Display>(
    list: &[T],
    key: impl Fn(&T) -> Option<&K>,
    list_path: &Path<'_>,
    key_path: &[&'static str],
    code: Option<i64>,
    out: &mut Violations,
) {
    let mut report = |i: usize, k: &K| {
        push_at(
            out,
            &list_path.index(i),
            key_path,
            "unique_by",
            code,
            format_args!(
                "duplicates the `{}` of an earlier element ({k})",
                dotted(key_path)
            ),
        );
    };
    if list.len() <= UNIQUE_BY_SCAN_LIMIT {
        for (i, e) in list.iter().enumerate() {
            let Some(k) = key(e) else { continue };
            let earlier = list.get(..i).unwrap_or_default();
            if earlier.iter().any(|b| key(b) == Some(k)) {
                report(i, k);
            }
        }
        return;
    }
    let mut seen: HashSet<&K> = HashSet::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        if let Some(k) = key(e)
            && !seen.insert(k)
        {
            report(i, k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(keys: &[Option<u32>]) -> Vec<usize> {
        (0..keys.len())
            .filter(|&i| keys[i].is_some() && keys[..i].contains(&keys[i]))
            .collect()
    }

    fn fast(keys: &[Option<u32>]) -> Vec<usize> {
        let mut out = Violations::new();
        unique_by(
            keys,
            |k| k.as_ref(),
            &Path::Root.field("l"),
            &["k"],
            None,
            &mut out,
        );
        out.iter()
            .map(|v| {
                let i = v.path.trim_start_matches("l[");
                i[..i.find(']').unwrap_or(0)].parse().unwrap_or(usize::MAX)
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_quadratic_definition_at_every_size() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in [0, 1, 2, 15, 16, 17, 40, 300] {
            for _ in 0..20 {
                let keys: Vec<Option<u32>> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        (!seed.is_multiple_of(5)).then_some((seed % (len as u64 + 3)) as u32)
                    })
                    .collect();
                assert_eq!(fast(&keys), naive(&keys), "keys {keys:?}");
            }
        }
    }

    #[test]
    fn duplicates_at_both_ends_of_a_long_list() {
        let mut keys: Vec<Option<u32>> = (0..10_000).map(Some).collect();
        keys[9_999] = Some(0);
        keys[5_000] = None;
        assert_eq!(fast(&keys), vec![9_999]);
    }
}
