//! Turning the structurally sound parts of a raw JSON document into typed values, so
//! their constraints and rules are checked even when another part is broken.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{JsonShape, Path, Violations};

/// Deserializes `value`, whose shape check found nothing, into `T`.
///
/// A mismatch serde finds anyway (one the shape check does not model) is recorded as a
/// `type` violation at `path`, and `None` is returned.
///
/// ```
/// use mpapi_runtime::{Path, Violations, deserialize_checked};
/// let mut out = Violations::new();
/// let n: Option<u8> = deserialize_checked(&serde_json::json!(7), &Path::Root, &mut out);
/// assert_eq!(n, Some(7));
/// let s: Option<String> = deserialize_checked(&serde_json::json!(7), &Path::Root, &mut out);
/// assert_eq!(s, None);
/// assert_eq!(out.as_slice()[0].rule, "type");
/// ```
pub fn deserialize_checked<T: DeserializeOwned>(
    value: &Value,
    path: &Path<'_>,
    out: &mut Violations,
) -> Option<T> {
    match T::deserialize(value) {
        Ok(typed) => Some(typed),
        Err(e) => {
            out.push(path, crate::ConstraintKind::Type, None, e);
            None
        }
    }
}

/// The typed value of `value` when its shape is sound, not yet validated; otherwise
/// `None`, after recording every violation [`JsonShape::check_deep`] finds in it.
///
/// `#[derive(Validate)]` calls this on each member of an object that is structurally
/// broken somewhere, then runs the field's constraints and the value's own `Validate` on
/// a sound member; [`validate_value`](crate::validate_value) calls it on the root. A sound
/// value costs one shape check and one deserialization, and allocates nothing more.
///
/// A list field with `items` or `each` constraints is the one exception: when its member
/// is a JSON array with a broken element, the derive calls this on each element instead,
/// so that `items` still sees the array's length and `each` every sound element.
///
/// ```
/// use mpapi_runtime::{Path, Violations, typed_if_sound};
/// let mut out = Violations::new();
/// let ok: Option<Vec<u8>> = typed_if_sound(&serde_json::json!([1, 2]), &Path::Root, &mut out);
/// assert_eq!(ok, Some(vec![1, 2]));
/// let bad: Option<Vec<u8>> =
///     typed_if_sound(&serde_json::json!([1, 300, "x"]), &Path::Root, &mut out);
/// assert_eq!(bad, None);
/// let paths: Vec<_> = out.iter().map(|v| v.path.as_str()).collect();
/// assert_eq!(paths, ["[1]", "[2]"]);
/// ```
pub fn typed_if_sound<T: JsonShape>(
    value: &Value,
    path: &Path<'_>,
    out: &mut Violations,
) -> Option<T> {
    let mut shape = Violations::new();
    T::check_shape(value, path, &mut shape);
    if shape.is_empty() {
        return deserialize_checked(value, path, out);
    }
    let before = out.len();
    T::check_deep(value, path, out);
    if out.len() == before {
        // A `check_deep` must report at least the shape mismatches; should a hand-written
        // one not, the mismatches still reach the caller rather than a silent `None`.
        out.extend(shape);
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::{IntOrString, Validate};

    /// A type whose `check_deep` forgets to report anything.
    #[derive(serde::Deserialize)]
    struct Forgetful;

    impl Validate for Forgetful {
        fn validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
    }

    impl crate::ReadChecked for Forgetful {
        fn read_checked<'de, D: serde::Deserializer<'de>>(
            d: D,
            path: &Path<'_>,
            cx: &mut crate::ReadCx<'_>,
        ) -> Result<Option<Self>, D::Error> {
            crate::read::read_through_value(d, path, cx)
        }
    }

    impl JsonShape for Forgetful {
        fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
            if !value.is_null() {
                out.push(path, crate::ConstraintKind::Type, None, "expected null");
            }
        }

        fn check_deep(_: &Value, _: &Path<'_>, _: &mut Violations) {}
    }

    fn rules(out: &Violations) -> Vec<(&str, &'static str)> {
        out.iter()
            .map(|v| (v.path.as_str(), v.rule.as_str()))
            .collect()
    }

    #[test]
    fn shape_mismatches_are_kept_when_check_deep_reports_nothing() {
        let mut out = Violations::new();
        assert!(typed_if_sound::<Forgetful>(&json!(1), &Path::Root, &mut out).is_none());
        assert_eq!(rules(&out), [("", "type")]);
    }

    #[test]
    fn options_and_boxes_look_inside_and_null_is_absent() {
        let mut out = Violations::new();
        let v = json!([null, [1, "a"], ["b"]]);
        <Vec<Option<Box<Vec<IntOrString>>>>>::check_deep(&v, &Path::Root, &mut out);
        assert_eq!(rules(&out), [("[1][1]", "type"), ("[2][0]", "type")]);
        let mut out = Violations::new();
        <Vec<u8>>::check_deep(&json!({"a": 1}), &Path::Root, &mut out);
        assert_eq!(rules(&out), [("", "type")]);
    }

    #[test]
    fn sound_values_come_back_typed() {
        let mut out = Violations::new();
        let typed = typed_if_sound::<Option<IntOrString>>(&json!("12"), &Path::Root, &mut out);
        assert_eq!(typed.flatten().map(IntOrString::get), Some(12));
        assert!(out.is_empty());
    }
}
