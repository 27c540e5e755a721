//! Checks of the docs' examples kept in the specs; the generator emits one test per
//! example that calls these.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{
    EndpointInfo, Envelope, ErrorCodeInfo, JsonShape, Validate, same_json, validate_value,
};

/// Runs [`check_request_example`] on every request example of `endpoint`; returns how many
/// were checked, or the first failure with the example's name.
pub fn check_request_examples<T>(endpoint: &EndpointInfo) -> Result<usize, String>
where
    T: DeserializeOwned + Serialize + JsonShape + Validate,
{
    let mut checked = 0;
    for ex in endpoint.examples {
        if let Some(text) = ex.request {
            check_request_example::<T>(text).map_err(|e| format!("{} request: {e}", ex.name))?;
            checked += 1;
        }
    }
    Ok(checked)
}

/// Runs [`check_response_example`] on every response example of `endpoint`, leaving out
/// the platform envelope's members; returns how many were checked.
pub fn check_response_examples<T>(endpoint: &EndpointInfo) -> Result<usize, String>
where
    T: DeserializeOwned + Serialize,
{
    let envelope: &[&str] = match endpoint.envelope {
        Envelope::Errcode => &["errcode", "errmsg"],
        Envelope::Errno => &["errno", "msg"],
    };
    let mut checked = 0;
    for ex in endpoint.examples {
        if let Some(text) = ex.response {
            check_response_example::<T>(text, envelope)
                .map_err(|e| format!("{} response: {e}", ex.name))?;
            checked += 1;
        }
    }
    Ok(checked)
}

/// A request example must parse, validate with no violation, and serialize back to the
/// same JSON value, [`write`](crate::write) writing the same bytes as `serde_json`.
///
/// ```
/// assert!(mpapi_runtime::check_request_example::<Vec<u8>>("[1, 2]").is_ok());
/// assert!(mpapi_runtime::check_request_example::<Vec<u8>>("[1, 300]").is_err());
/// ```
pub fn check_request_example<T>(text: &str) -> Result<(), String>
where
    T: DeserializeOwned + Serialize + JsonShape + Validate,
{
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("the example is not JSON: {e}"))?;
    let typed: T =
        validate_value(&value).map_err(|v| format!("the example must validate clean: {v}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    if !same_json(&back, &value) {
        return Err(format!("re-serialized differently:\n{back}\n{value}"));
    }
    same_bytes(&typed)
}

/// `write` and `serde_json` write the same bytes for `typed`.
fn same_bytes<T: Serialize>(typed: &T) -> Result<(), String> {
    let ours = crate::write::to_vec(typed).map_err(|e| format!("write fails: {e}"))?;
    let theirs = serde_json::to_vec(typed).map_err(|e| format!("does not serialize: {e}"))?;
    if ours == theirs {
        Ok(())
    } else {
        Err(format!(
            "write differs from serde_json:\n{}\n{}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        ))
    }
}

/// A response example must deserialize, and serializing it back must keep every member
/// except the envelope's (`envelope_keys`) and invent none ([`write`](crate::write)
/// writing the same bytes as `serde_json`).
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Answer { order_id: String }
/// let ok = r#"{"errcode": 0, "errmsg": "ok", "order_id": "1"}"#;
/// assert!(mpapi_runtime::check_response_example::<Answer>(ok, &["errcode", "errmsg"]).is_ok());
/// assert!(mpapi_runtime::check_response_example::<Answer>(ok, &[]).is_err());
/// ```
pub fn check_response_example<T>(text: &str, envelope_keys: &[&str]) -> Result<(), String>
where
    T: DeserializeOwned + Serialize,
{
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("the example is not JSON: {e}"))?;
    let typed: T =
        serde_json::from_value(value.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    let (Value::Object(orig), Value::Object(back)) = (&value, &back) else {
        return Err("responses are objects".to_owned());
    };
    for (k, v) in orig {
        if !back.get(k).is_some_and(|b| same_json(b, v)) && !envelope_keys.contains(&k.as_str()) {
            return Err(format!("member {k} is lost or changed"));
        }
    }
    if let Some(k) = back.keys().find(|k| !orig.contains_key(*k)) {
        return Err(format!("member {k} is invented"));
    }
    same_bytes(&typed)
}

/// Writes an error code with the doc's message, as the generated error-code types display
/// themselves: `268485204 message`. The doc's fix is not part of it: the types give it as
/// data (`fix()`), for the caller to show where it fits.
pub fn fmt_error_code(
    f: &mut fmt::Formatter<'_>,
    code: i64,
    row: Option<&ErrorCodeInfo>,
) -> fmt::Result {
    match row {
        Some(r) => write!(f, "{code} {}", r.message),
        None => write!(f, "{code} (not in the doc's table)"),
    }
}
