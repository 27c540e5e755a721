use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Path, Validate, Violations, deserialize_checked};

/// A type whose raw JSON form can be checked before deserializing: right JSON types,
/// integers in range, required members present.
///
/// Deserializing with serde stops at the first mismatch; this check reports every
/// mismatch at its path, so a caller learns all that is wrong with a payload in one go.
/// `#[derive(Validate)]` implements it for generated structs and `#[derive(WireEnum)]`
/// for generated enums.
///
/// It requires [`ReadChecked`](crate::ReadChecked), the one-pass reader that
/// [`validate_value`](crate::validate_value) and [`validate_slice`](crate::validate_slice)
/// use, and `DeserializeOwned + Validate` because [`check_deep`](Self::check_deep)
/// turns every structurally sound part of a payload into its type and validates it.
///
/// ```
/// use mpapi_runtime::{JsonShape, Path, Violations};
/// let mut out = Violations::new();
/// <u32 as JsonShape>::check_shape(&serde_json::json!(-1), &Path::Root, &mut out);
/// assert_eq!(out.as_slice()[0].rule, "type");
/// ```
pub trait JsonShape: DeserializeOwned + Validate + crate::ReadChecked {
    /// Records every structural mismatch of `value`, found at `path`, into `out`.
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations);

    /// Records every violation of `value` that can be found without a typed value of the
    /// whole: every structural mismatch, and the constraints and rules of every part whose
    /// own subtree is structurally sound.
    ///
    /// On a structurally sound value this is the same as deserializing and calling
    /// [`Validate::validate_at`]. It always records at least what
    /// [`check_shape`](Self::check_shape) records. The default, right for values without
    /// inner parts, records the shape mismatches or else deserializes and validates;
    /// `Option`, `Vec` and `Box` look into their contents, and `#[derive(Validate)]`
    /// checks a broken object member by member (the struct's own `rules` function needs
    /// the whole struct, so it runs only on objects whose subtree is sound).
    ///
    /// ```
    /// use mpapi_runtime::{JsonShape, Path, Violations};
    /// let mut out = Violations::new();
    /// let list = serde_json::json!([1, "two", 3]);
    /// <Vec<u8> as JsonShape>::check_deep(&list, &Path::Root, &mut out);
    /// assert_eq!(out.len(), 1);
    /// assert_eq!(out.as_slice()[0].path, "[1]");
    /// ```
    fn check_deep(value: &Value, path: &Path<'_>, out: &mut Violations) {
        let before = out.len();
        Self::check_shape(value, path, out);
        if out.len() == before
            && let Some(typed) = deserialize_checked::<Self>(value, path, out)
        {
            typed.validate_at(path, out);
        }
    }
}

/// A short name for the JSON kind of `value`, used in messages.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(n) if n.is_i64() && n.as_i64().is_some_and(|v| v < 0) => "a negative integer",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Records a `type` violation. The message is written straight into the violation: a
/// broken document reports one per mismatch, and the deep check may look at a mismatch once
/// per level of nesting above it, so no intermediate string is built.
fn mismatch(value: &Value, expected: impl fmt::Display, path: &Path<'_>, out: &mut Violations) {
    out.push(
        path,
        crate::ConstraintKind::Type,
        None,
        format_args!("expected {expected}, found {}", Describe(value)),
    );
}

/// What was found, for a mismatch message: the kind, with the number or a short string.
struct Describe<'a>(&'a Value);

impl fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        match value {
            Value::Number(n) => write!(f, "{} {n}", json_kind(value)),
            // At most 40 characters: stop counting past that.
            Value::String(s) if s.chars().nth(40).is_none() => write!(f, "the string {s:?}"),
            _ => f.write_str(json_kind(value)),
        }
    }
}

impl JsonShape for String {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        if !value.is_string() {
            mismatch(value, "a string", path, out);
        }
    }
}

impl JsonShape for bool {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        if !value.is_boolean() {
            mismatch(value, "a boolean", path, out);
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl JsonShape for $t {
            fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
                match value.as_u64() {
                    Some(v) if <$t>::try_from(v).is_ok() => {}
                    _ => mismatch(
                        value,
                        format_args!("an unsigned integer ({}, 0 to {})", stringify!($t), <$t>::MAX),
                        path, out),
                }
            }
        }
    )*};
}

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl JsonShape for $t {
            fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
                match value.as_i64() {
                    Some(v) if <$t>::try_from(v).is_ok() => {}
                    _ => mismatch(
                        value,
                        format_args!("an integer ({}, {} to {})", stringify!($t), <$t>::MIN, <$t>::MAX),
                        path, out),
                }
            }
        }
    )*};
}

unsigned!(u8, u16, u32, u64);
signed!(i8, i16, i32, i64);

impl JsonShape for f64 {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        if !value.is_number() {
            mismatch(value, "a number", path, out);
        }
    }
}

impl JsonShape for f32 {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        match value.as_f64() {
            Some(v) if v.abs() <= f64::from(f32::MAX) => {}
            _ => mismatch(value, "a number (f32)", path, out),
        }
    }
}

impl JsonShape for Value {
    fn check_shape(_: &Value, _: &Path<'_>, _: &mut Violations) {}
}

impl<T: JsonShape> JsonShape for Option<T> {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        if !value.is_null() {
            T::check_shape(value, path, out);
        }
    }

    fn check_deep(value: &Value, path: &Path<'_>, out: &mut Violations) {
        if !value.is_null() {
            T::check_deep(value, path, out);
        }
    }
}

impl<T: JsonShape> JsonShape for Vec<T> {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    T::check_shape(item, &path.index(i), out);
                }
            }
            _ => mismatch(value, "an array", path, out),
        }
    }

    fn check_deep(value: &Value, path: &Path<'_>, out: &mut Violations) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    T::check_deep(item, &path.index(i), out);
                }
            }
            _ => mismatch(value, "an array", path, out),
        }
    }
}

impl<T: JsonShape> JsonShape for Box<T> {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        T::check_shape(value, path, out);
    }

    fn check_deep(value: &Value, path: &Path<'_>, out: &mut Violations) {
        T::check_deep(value, path, out);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn message<T: JsonShape>(value: Value) -> String {
        let mut out = Violations::new();
        T::check_shape(&value, &Path::Root, &mut out);
        out.as_slice()
            .first()
            .map(|v| v.message.clone())
            .unwrap_or_default()
    }

    #[test]
    fn mismatch_messages_name_what_was_expected_and_found() {
        assert_eq!(
            message::<u8>(json!(300)),
            "expected an unsigned integer (u8, 0 to 255), found an integer 300"
        );
        assert_eq!(
            message::<i8>(json!("x")),
            "expected an integer (i8, -128 to 127), found the string \"x\""
        );
        assert_eq!(
            message::<u32>(json!(-1)),
            "expected an unsigned integer (u32, 0 to 4294967295), found a negative integer -1"
        );
        let forty = "é".repeat(40);
        assert_eq!(
            message::<bool>(json!(forty)),
            format!("expected a boolean, found the string {forty:?}")
        );
        assert_eq!(
            message::<bool>(json!("é".repeat(41))),
            "expected a boolean, found a string"
        );
        assert_eq!(
            message::<String>(json!([1])),
            "expected a string, found an array"
        );
    }
}
