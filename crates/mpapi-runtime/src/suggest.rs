//! "Did you mean" for a misspelt member name.

/// The name in `names` closest to `given`, if one is close enough to be what was meant:
/// equal but for ASCII case, or within a small edit distance (1 for names of up to 4
/// characters, 2 up to 10, 3 beyond), the closest first and the earliest on a tie.
///
/// ```
/// # use mpapi_runtime::did_you_mean;
/// let names = ["merchant_item_id", "name", "quantity"];
/// assert_eq!(did_you_mean("merchant_item_Id", &names), Some("merchant_item_id"));
/// assert_eq!(did_you_mean("quantty", &names), Some("quantity"));
/// assert_eq!(did_you_mean("colour", &names), None);
/// ```
pub fn did_you_mean(given: &str, names: &[&'static str]) -> Option<&'static str> {
    closest(given, names)
}

pub(crate) fn closest(given: &str, names: &[&'static str]) -> Option<&'static str> {
    if let Some(n) = names.iter().find(|n| n.eq_ignore_ascii_case(given)) {
        return Some(n);
    }
    let len = given.chars().count();
    let limit = match len {
        0..=4 => 1,
        5..=10 => 2,
        _ => 3,
    };
    names
        .iter()
        .filter_map(|n| {
            let d = distance(&given.to_ascii_lowercase(), &n.to_ascii_lowercase());
            (d <= limit).then_some((d, *n))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance over characters, in one row of memory.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diag
            } else {
                1 + diag.min(above).min(row[j])
            };
            diag = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("中文", "中"), 1);
    }

    #[test]
    fn near_misses_and_far_ones() {
        let names = ["type", "appid", "path", "url"];
        assert_eq!(closest("TYPE", &names), Some("type"));
        assert_eq!(closest("apid", &names), Some("appid"));
        assert_eq!(closest("uri", &names), Some("url"));
        assert_eq!(closest("nothing_like_it", &names), None);
        assert_eq!(closest("x", &[]), None);
    }
}
