//! [`RuleKind::UniqueBy`]: no two elements of a list share a key.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};

use super::{Dotted, ListName};
use crate::{Path, RuleKind, Violations};

/// The longest list [`unique_by`] checks by comparing pairs (no allocation); longer
/// lists are checked with one hash set.
pub const UNIQUE_BY_PAIRWISE_MAX: usize = 16;

/// No two elements of `list` share the (present) key; every element whose key equals an
/// earlier element's key is reported at `list_path[i].key_path...`, in index order.
///
/// `key` gives an element's key, `None` when the element has none (it never
/// conflicts). Lists of up to [`UNIQUE_BY_PAIRWISE_MAX`] elements are compared pairwise
/// without allocating; longer ones use one `HashSet` sized for the list, so the check is
/// linear. Message: ``duplicates the `{key}` of an earlier element of `{list}` ({value})``.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// struct Order { no: String }
/// let orders = ["a", "b", "a"].map(|no| Order { no: no.to_owned() });
/// let mut out = Violations::new();
/// let root = Path::Root;
/// let list = root.field("order_list");
/// rules::unique_by(&orders, |o| Some(o.no.as_str()), &list, &["no"], Some(2), &mut out);
/// assert_eq!(out.len(), 1);
/// assert_eq!(out.as_slice()[0].path, "order_list[2].no");
/// assert_eq!(
///     out.as_slice()[0].message,
///     "duplicates the `no` of an earlier element of `order_list` (a)"
/// );
/// ```
pub fn unique_by<T, K>(
    list: &[T],
    key: impl Fn(&T) -> Option<&K>,
    list_path: &Path<'_>,
    key_path: &[&'static str],
    code: Option<i64>,
    out: &mut Violations,
) where
    K: ?Sized + Eq + Hash + Display,
{
    let mut report = |i: usize, k: &K| {
        out.push_at(
            &list_path.index(i),
            key_path,
            RuleKind::UniqueBy,
            code,
            format_args!(
                "duplicates the `{}` of an earlier element of `{}` ({k})",
                Dotted(key_path),
                ListName(list_path)
            ),
        );
    };
    if list.len() <= UNIQUE_BY_PAIRWISE_MAX {
        for (i, a) in list.iter().enumerate() {
            let Some(ka) = key(a) else { continue };
            let earlier = list.get(..i).unwrap_or_default();
            if earlier.iter().any(|b| key(b) == Some(ka)) {
                report(i, ka);
            }
        }
        return;
    }
    let mut seen: HashSet<&K, KeyHashing> =
        HashSet::with_capacity_and_hasher(list.len(), KeyHashing::new());
    for (i, a) in list.iter().enumerate() {
        if let Some(ka) = key(a)
            && !seen.insert(ka)
        {
            report(i, ka);
        }
    }
}

/// The hashing of [`unique_by`]'s set: a word-at-a-time multiply-rotate hash (in the
/// manner of FxHash) with a final avalanche, seeded from std's `RandomState` once per set.
///
/// Keys are short strings (order numbers, item ids) hashed once each, where std's SipHash
/// took about a tenth of a whole validation. The random seed keeps the bucket of a key
/// unpredictable from one set to the next, so a body cannot be built offline to put every
/// key in one bucket; this is not SipHash's guarantee, but the set lives for one check of
/// one list.
struct KeyHashing {
    seed: u64,
}

impl KeyHashing {
    fn new() -> Self {
        KeyHashing {
            seed: RandomState::new().build_hasher().finish(),
        }
    }
}

impl BuildHasher for KeyHashing {
    type Hasher = KeyHasher;

    #[inline]
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher { state: self.seed }
    }
}

/// The hasher of [`KeyHashing`].
struct KeyHasher {
    state: u64,
}

/// An odd constant with well-spread bits (from the fractional part of the golden ratio).
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

impl KeyHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let (words, tail) = bytes.as_chunks::<8>();
        for w in words {
            self.mix(u64::from_le_bytes(*w));
        }
        if !tail.is_empty() {
            let mut last = [0u8; 8];
            for (slot, b) in last.iter_mut().zip(tail) {
                *slot = *b;
            }
            // The tail's length is mixed in so that trailing zero bytes still count.
            self.mix(u64::from_le_bytes(last) ^ ((tail.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, depending only on the
        // low bits of the input: fold the high bits down (a 64-bit avalanche finaliser).
        let mut h = self.state;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Index of every reported element, read back from its path `l[i].k`.
    fn reported(out: &Violations) -> Vec<usize> {
        out.iter()
            .map(|v| {
                let inner = v
                    .path
                    .strip_prefix("l[")
                    .and_then(|s| s.strip_suffix("].k"))
                    .unwrap_or_else(|| panic!("unexpected path {}", v.path));
                inner
                    .parse()
                    .unwrap_or_else(|_| panic!("bad index in {}", v.path))
            })
            .collect()
    }

    fn run(list: &[Option<u32>]) -> Vec<usize> {
        let root = Path::Root;
        let l = root.field("l");
        let mut out = Violations::new();
        unique_by(list, |x| x.as_ref(), &l, &["k"], Some(1), &mut out);
        assert!(
            out.iter()
                .all(|v| v.rule == RuleKind::UniqueBy && v.code == Some(1))
        );
        reported(&out)
    }

    /// The definition: every element whose key equals some earlier element's key.
    fn naive(list: &[Option<u32>]) -> Vec<usize> {
        (0..list.len())
            .filter(|&i| list[i].is_some() && list[..i].contains(&list[i]))
            .collect()
    }

    /// String keys through the set's own hasher: lengths around the 8-byte word, keys that
    /// differ only in trailing zero bytes or in their last byte, and one repeat.
    #[test]
    fn string_keys_through_the_hasher() {
        let mut keys: Vec<String> = (0..2000).map(|i| format!("M{i:0w$}", w = i % 19)).collect();
        keys.extend(["", "\0", "\0\0", "abcdefgh", "abcdefgh\0", "abcdefgi"].map(String::from));
        let root = Path::Root;
        let l = root.field("l");
        let mut out = Violations::new();
        unique_by(&keys, |k| Some(k.as_str()), &l, &["k"], None, &mut out);
        assert!(out.is_empty(), "{out}");
        keys.push("M0000000000001999".to_owned());
        keys.push("abcdefgh".to_owned());
        unique_by(&keys, |k| Some(k.as_str()), &l, &["k"], None, &mut out);
        assert_eq!(reported(&out), [keys.len() - 1]);
    }

    #[test]
    fn sizes_around_the_threshold() {
        let t = UNIQUE_BY_PAIRWISE_MAX;
        assert_eq!(run(&[]), Vec::<usize>::new());
        assert_eq!(run(&[Some(1)]), Vec::<usize>::new());
        assert_eq!(
            run(&[None, None]),
            Vec::<usize>::new(),
            "absent keys never clash"
        );
        for n in [t, t + 1] {
            let distinct: Vec<Option<u32>> = (0..n as u32).map(Some).collect();
            assert_eq!(run(&distinct), Vec::<usize>::new(), "n = {n}");
            let mut dup = distinct.clone();
            dup[n - 1] = Some(0);
            assert_eq!(run(&dup), [n - 1], "n = {n}");
            let mut dups = distinct.clone();
            dups[1] = Some(0);
            dups[n - 1] = Some(0);
            assert_eq!(run(&dups), [1, n - 1], "n = {n}");
        }
    }

    #[test]
    fn ten_thousand_with_duplicates_at_the_ends() {
        let n = 10_000;
        let mut list: Vec<Option<u32>> = (0..n).map(Some).collect();
        assert_eq!(run(&list), Vec::<usize>::new());
        list[1] = Some(0); // repeats the first
        list[n as usize - 1] = Some(n - 3); // repeats the third last
        list[n as usize - 2] = Some(0); // a third copy of the first
        assert_eq!(run(&list), [1, n as usize - 2, n as usize - 1]);
        assert_eq!(run(&list), naive(&list));
    }

    #[test]
    fn agrees_with_the_quadratic_definition() {
        // A small LCG (Knuth's MMIX constants): deterministic, no dependency.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |bound: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % bound
        };
        let mut with_duplicates = 0;
        for _ in 0..2_000 {
            let len = next(3 * UNIQUE_BY_PAIRWISE_MAX as u64) as usize;
            let range = 1 + next(40);
            let list: Vec<Option<u32>> = (0..len)
                .map(|_| {
                    let v = next(range + 1);
                    u32::try_from(v).ok().filter(|&v| v as u64 != range)
                })
                .collect();
            let want = naive(&list);
            with_duplicates += usize::from(!want.is_empty());
            assert_eq!(run(&list), want, "{list:?}");
        }
        assert!(with_duplicates > 500, "{with_duplicates}");
    }

    #[test]
    fn unsized_keys_and_nested_paths() {
        let root = Path::Root;
        let order = root.field("order_list");
        let first = order.index(0);
        let list = first.field("item_list");
        let names = ["a", "b", "a"];
        let mut out = Violations::new();
        unique_by(&names, |s| Some(*s), &list, &["sku", "id"], None, &mut out);
        assert_eq!(out.len(), 1);
        let v = &out.as_slice()[0];
        assert_eq!(v.path, "order_list[0].item_list[2].sku.id");
        assert_eq!(
            v.message,
            "duplicates the `sku.id` of an earlier element of `item_list` (a)"
        );
    }
}
