use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{JsonShape, Path, ReadChecked, ReadCx, Strictness, Validate, Violations};

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

/// Reads `text` in one pass and validates the typed value, reporting every violation
/// found, with `T`'s default strictness ([`ReadChecked::DEFAULT_STRICTNESS`]).
///
/// The same as [`validate_slice`] on the text's bytes.
///
/// ```
/// # use mpapi_runtime::{validate_json, JsonInputError};
/// let err = validate_json::<Vec<u8>>("[1, 300, -2]").unwrap_err();
/// let JsonInputError::Invalid(v) = err else { panic!() };
/// assert_eq!(v.len(), 2);
/// assert_eq!(v.as_slice()[0].path, "[1]");
/// ```
pub fn validate_json<T: ReadChecked>(text: &str) -> Result<T, JsonInputError> {
    validate_slice(text.as_bytes(), T::DEFAULT_STRICTNESS)
}

fn malformed(e: serde_json::Error) -> JsonInputError {
    JsonInputError::Malformed {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}

/// Reads the JSON document in `bytes` straight into `T` (no intermediate tree), then
/// validates the typed value: every violation, each with its JSON path in wire names.
///
/// Structural violations (wrong JSON types, out-of-range integers, missing required
/// members, and per `strictness` unknown members, repeated members and enums in the other
/// wire form) are recorded as the reader meets them, and reading carries on. They do not
/// hide the others: every part of the document whose own subtree could be typed is still
/// validated with its constraints and rules. The one thing a structural violation does
/// hide is the rules between the fields of the objects that contain it, which need the
/// whole object. Time and memory are linear in the size of the document.
///
/// ```
/// # use mpapi_runtime::{validate_slice, JsonInputError, Strictness};
/// let err = validate_slice::<Vec<Vec<u8>>>(b"[[1, -1], [2, 256]]", Strictness::Strict).unwrap_err();
/// let JsonInputError::Invalid(v) = err else { panic!() };
/// let paths: Vec<_> = v.iter().map(|v| v.path.as_str()).collect();
/// assert_eq!(paths, ["[0][1]", "[1][1]"]);
/// ```
pub fn validate_slice<T: ReadChecked>(
    bytes: &[u8],
    strictness: Strictness,
) -> Result<T, JsonInputError> {
    let (typed, mut out) = read_raw::<T>(bytes, strictness)?;
    let Some(typed) = typed else {
        return Err(JsonInputError::Invalid(out));
    };
    typed.validate_at(&Path::Root, &mut out);
    out.into_result()
        .map(|()| typed)
        .map_err(JsonInputError::Invalid)
}

/// Deserializes the JSON document in `bytes` into `T` with the given strictness, without
/// validating constraints or rules: the typed deserialization of [`validate_slice`], which
/// reports every structural violation rather than serde's first error.
///
/// Use [`ReadChecked::DEFAULT_STRICTNESS`] for the type's default: strict for requests,
/// lenient for responses, so that a member the platform adds to an answer later never
/// breaks it.
///
/// ```
/// # use mpapi_runtime::{read_slice, JsonInputError, Strictness};
/// let v: Vec<u8> = read_slice(b"[1, 2]", Strictness::Strict).unwrap();
/// assert_eq!(v, [1, 2]);
/// assert!(matches!(read_slice::<Vec<u8>>(b"[1,", Strictness::Strict), Err(JsonInputError::Malformed { .. })));
/// ```
pub fn read_slice<T: ReadChecked>(
    bytes: &[u8],
    strictness: Strictness,
) -> Result<T, JsonInputError> {
    match read_raw::<T>(bytes, strictness)? {
        (Some(typed), out) if out.is_empty() => Ok(typed),
        (_, out) => Err(JsonInputError::Invalid(out)),
    }
}

/// One pass over `bytes`: the typed value if it could be built, and what was recorded.
fn read_raw<T: ReadChecked>(
    bytes: &[u8],
    strictness: Strictness,
) -> Result<(Option<T>, Violations), JsonInputError> {
    let mut out = Violations::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let typed = {
        let mut cx = ReadCx::new(&mut out, strictness);
        T::read_checked(&mut de, &Path::Root, &mut cx).map_err(malformed)?
    };
    de.end().map_err(malformed)?;
    Ok((typed, out))
}

/// Like [`validate_slice`], for an already parsed document, with `T`'s default
/// strictness ([`ReadChecked::DEFAULT_STRICTNESS`]; a parsed document has no repeated
/// members left to report).
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
    validate_value_with(value, T::DEFAULT_STRICTNESS)
}

/// [`validate_value`] with the given strictness.
///
/// ```
/// # use mpapi_runtime::{validate_value_with, Strictness};
/// let v = serde_json::json!([1, 2]);
/// let typed: Vec<u8> = validate_value_with(&v, Strictness::Lenient).unwrap();
/// assert_eq!(typed, [1, 2]);
/// ```
pub fn validate_value_with<T: ReadChecked>(
    value: &Value,
    strictness: Strictness,
) -> Result<T, Violations> {
    let mut out = Violations::new();
    let typed = {
        let mut cx = ReadCx::new(&mut out, strictness);
        T::read_checked(value, &Path::Root, &mut cx)
    };
    match typed {
        Ok(Some(typed)) => {
            typed.validate_at(&Path::Root, &mut out);
            out.into_result().map(|()| typed)
        }
        Ok(None) => Err(out),
        // Reading a parsed tree fails only on what the reader itself rejects, which it
        // never does; reported rather than lost should that change.
        Err(e) => {
            out.push(&Path::Root, crate::ConstraintKind::Type, None, e);
            Err(out)
        }
    }
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
