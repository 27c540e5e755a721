use super::{dotted, last_name, push_at};
use crate::{Path, Violations};

/// Across `list`, `is_set` holds for every element or for none; every element lacking it
/// is reported at `list_path[i].key…`.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let ids = [Some("a"), None, Some("c")];
/// let mut out = Violations::new();
/// rules::all_or_none(&ids, |id| id.is_some(), &Path::Root.field("items"), &["id"], None, &mut out);
/// assert_eq!(out.as_slice()[0].path, "items[1].id");
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
            push_at(
                out,
                &list_path.index(i),
                key,
                "all_or_none",
                code,
                format_args!(
                    "must be set on every element or on none (`{}[].{}`) ({set} of {} elements set it)",
                    last_name(list_path),
                    dotted(key),
                    list.len()
                ),
            );
        }
    }
}
