//! URL query parameters as a JSON object, so they are checked by the same shape check,
//! constraints and rules as a body.

use serde_json::{Map, Number, Value};

/// How a query parameter's text is read before checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    /// Kept as a string.
    Text,
    /// Read as an integer when it is one (else kept as a string, which the shape check
    /// then reports as the wrong type).
    Integer,
    /// Read as a decimal number when it is one.
    Number,
    /// Read as `true` or `false` when it is one.
    Bool,
}

/// Builds the JSON object of the described parameters found in `pairs`; parameters not in
/// `described` (the token, fixed parameters) are left out. A repeated parameter keeps its
/// first value.
///
/// ```
/// use mpapi_runtime::{query_object, QueryKind};
/// let v = query_object(&[("scene_type", "2"), ("access_token", "t")], &[("scene_type", QueryKind::Integer)]);
/// assert_eq!(v, serde_json::json!({"scene_type": 2}));
/// ```
pub fn query_object(pairs: &[(&str, &str)], described: &[(&str, QueryKind)]) -> Value {
    let mut map = Map::new();
    for (name, text) in pairs {
        let Some((wire, kind)) = described.iter().find(|(w, _)| w == name) else {
            continue;
        };
        if map.contains_key(*wire) {
            continue;
        }
        let value = match kind {
            QueryKind::Text => None,
            QueryKind::Integer => text
                .parse::<i64>()
                .map(Number::from)
                .ok()
                .or_else(|| text.parse::<u64>().ok().map(Number::from))
                .map(Value::Number),
            QueryKind::Number => text
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number),
            QueryKind::Bool => match *text {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
        };
        map.insert(
            (*wire).to_owned(),
            value.unwrap_or_else(|| Value::String((*text).to_owned())),
        );
    }
    Value::Object(map)
}
