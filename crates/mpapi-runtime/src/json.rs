use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{JsonShape, Path, Validate, Violations, typed_if_sound};

/// Why a raw JSON document could not be turned into a valid typed value.
#[derive(Debug, thiserror::Error)]
pub enum JsonInputError {
    /// The text is not JSON at all.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Malformed {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// The JSON is well-formed but breaks the spec: every violation found.
    #[error("{0}")]
    Invalid(Violations),
}

/// Parses `text`, checks its shape, deserializes it and validates the typed value,
/// reporting every violation found.
///
/// Structural violations (wrong JSON types, out-of-range integers, missing required
/// members) do not hide the others: every part of the document whose own subtree is
/// structurally sound is still deserialized and validated (see
/// [`JsonShape::check_deep`]). The one thing a structural violation does hide is the
/// rules between the fields of the objects that contain it, which need the whole object.
///
/// ```
/// # use mpapi_runtime::{validate_json, JsonInputError};
/// let err = validate_json::<Vec<u8>>("[1, 300, -2]").unwrap_err();
/// let JsonInputError::Invalid(v) = err else { panic!() };
/// assert_eq!(v.len(), 2);
/// assert_eq!(v.as_slice()[0].path, "[1]");
/// ```
pub fn validate_json<T>(text: &str) -> Result<T, JsonInputError>
where
    T: DeserializeOwned + JsonShape + Validate,
{
    let value: Value = serde_json::from_str(text).map_err(|e| JsonInputError::Malformed {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    validate_value(&value).map_err(JsonInputError::Invalid)
}

/// Like [`validate_json`], for an already parsed document.
///
/// Returns the typed value only when nothing at all was found.
///
/// ```
/// # use mpapi_runtime::validate_value;
/// let v = serde_json::json!([["a", 3], ["a", 2, 1]]);
/// let err = validate_value::<Vec<Vec<u8>>>(&v).unwrap_err();
/// let paths: Vec<_> = err.iter().map(|v| v.path.as_str()).collect();
/// assert_eq!(paths, ["[0][0]", "[1][0]"]);
/// ```
pub fn validate_value<T>(value: &Value) -> Result<T, Violations>
where
    T: DeserializeOwned + JsonShape + Validate,
{
    let mut out = Violations::new();
    // On a broken document this records everything `check_deep` finds; on a sound one it
    // costs what the shape check and deserialization always cost.
    let Some(typed) = typed_if_sound::<T>(value, &Path::Root, &mut out) else {
        return Err(out);
    };
    typed.validate_at(&Path::Root, &mut out);
    out.into_result().map(|()| typed)
}

/// Whether two JSON documents are the same value, numbers compared by value (so `20`
/// and `20.0` are the same, as they are to every JSON consumer).
///
/// ```
/// use serde_json::json;
/// assert!(mpapi_runtime::same_json(&json!({"a": [20]}), &json!({"a": [20.0]})));
/// assert!(!mpapi_runtime::same_json(&json!({"a": 1}), &json!({"a": "1"})));
/// ```
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(i), Some(j), _, _) => i == j,
                (_, _, Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
