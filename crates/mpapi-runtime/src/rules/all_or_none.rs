//! [`RuleKind::AllOrNone`]: a field of a list's elements is set on all of them or none.

use super::{Dotted, ListName};
use crate::{Path, RuleKind, Violations};

/// Across `list`, `is_set` holds for every element or for none; otherwise every element
/// lacking it is reported at `list_path[i].key...`.
///
/// `key` is the path of the field inside an element, in wire names; the message names
/// the list by `list_path`'s last field: ``must be set on every element or on none
/// (`{list}[].{key}`) ({set} of {len} elements set it)``.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// struct Item { sku: Option<u32> }
/// let items = [Item { sku: Some(1) }, Item { sku: None }, Item { sku: Some(3) }];
/// let mut out = Violations::new();
/// let root = Path::Root;
/// let list = root.field("item_list");
/// rules::all_or_none(&items, |i| i.sku.is_some(), &list, &["sku"], Some(4), &mut out);
/// assert_eq!(out.len(), 1);
/// assert_eq!(out.as_slice()[0].path, "item_list[1].sku");
/// assert_eq!(
///     out.as_slice()[0].message,
///     "must be set on every element or on none (`item_list[].sku`) (2 of 3 elements set it)"
/// );
/// ```
pub fn all_or_none<T>(
    list: &[T],
    is_set: impl Fn(&T) -> bool,
    list_path: &Path<'_>,
    key: &[&'static str],
    code: Option<i64>,
    out: &mut Violations,
) {
    let set = list.iter().filter(|e| is_set(e)).count();
    if set == 0 || set == list.len() {
        return;
    }
    for (i, e) in list.iter().enumerate() {
        if !is_set(e) {
            out.push_at(
                &list_path.index(i),
                key,
                RuleKind::AllOrNone,
                code,
                format_args!(
                    "must be set on every element or on none (`{}[].{}`) ({set} of {} \
                     elements set it)",
                    ListName(list_path),
                    Dotted(key),
                    list.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(out: &Violations) -> Vec<&str> {
        out.iter().map(|v| v.path.as_str()).collect()
    }

    #[test]
    fn all_none_and_empty_pass() {
        let root = Path::Root;
        let list = root.field("l");
        let mut out = Violations::new();
        all_or_none(&[1, 2, 3], |_| true, &list, &["k"], None, &mut out);
        all_or_none(&[1, 2, 3], |_| false, &list, &["k"], None, &mut out);
        all_or_none::<u8>(&[], |_| true, &list, &["k"], None, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn every_element_lacking_it_is_reported_at_its_key() {
        let root = Path::Root;
        let order = root.field("order_list");
        let first = order.index(0);
        let list = first.field("item_list");
        let mut out = Violations::new();
        let xs = [Some(1), None, Some(2), None];
        all_or_none(
            &xs,
            Option::is_some,
            &list,
            &["price", "amount"],
            Some(8),
            &mut out,
        );
        assert_eq!(
            paths(&out),
            [
                "order_list[0].item_list[1].price.amount",
                "order_list[0].item_list[3].price.amount"
            ]
        );
        let v = &out.as_slice()[0];
        assert_eq!((v.rule, v.code), (RuleKind::AllOrNone.into(), Some(8)));
        assert!(
            v.message.contains("`item_list[].price.amount`"),
            "{}",
            v.message
        );
        assert!(
            v.message.contains("(2 of 4 elements set it)"),
            "{}",
            v.message
        );
    }

    #[test]
    fn a_root_list_is_named_by_its_path() {
        let mut out = Violations::new();
        all_or_none(&[true, false], |b| *b, &Path::Root, &["k"], None, &mut out);
        assert_eq!(paths(&out), ["[1].k"]);
        assert!(out.as_slice()[0].message.contains("`(root)[].k`"));
    }
}
