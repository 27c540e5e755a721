//! An integer that a platform sends either as a JSON number or as a string of digits.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::{JsonShape, Path, Validate, Violations};

/// An integer the platform may send as `1` or as `"1"` (the Baidu order-center doc's table
/// says Int where its example sends strings). Both are accepted, and the value is written
/// back in the form it came in, so a response re-serializes unchanged.
///
/// ```
/// use mpapi_runtime::IntOrString;
/// let a: IntOrString = serde_json::from_str("\"42\"").unwrap();
/// let b: IntOrString = serde_json::from_str("42").unwrap();
/// assert_eq!(a.get(), 42);
/// assert_eq!(a, b);
/// assert_eq!(serde_json::to_string(&a).unwrap(), "\"42\"");
/// assert!(serde_json::from_str::<IntOrString>("\"4x\"").is_err());
/// ```
#[derive(Clone, Copy, Debug, Eq)]
pub struct IntOrString {
    value: i64,
    as_string: bool,
}

impl IntOrString {
    /// A value to send as a JSON number.
    pub const fn new(value: i64) -> Self {
        IntOrString {
            value,
            as_string: false,
        }
    }

    /// A value received as a string of digits (and written back as one).
    pub(crate) const fn string_form(value: i64) -> Self {
        IntOrString {
            value,
            as_string: true,
        }
    }

    /// The integer.
    pub const fn get(self) -> i64 {
        self.value
    }

    /// Whether it was (or will be) written as a string.
    pub const fn is_string(self) -> bool {
        self.as_string
    }
}

impl PartialEq for IntOrString {
    /// Equal when the integers are equal, whatever their form.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl std::hash::Hash for IntOrString {
    /// Hashes the integer only, agreeing with `PartialEq`.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl From<i64> for IntOrString {
    fn from(value: i64) -> Self {
        IntOrString::new(value)
    }
}

impl fmt::Display for IntOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)
    }
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.as_string {
            s.collect_str(&self.value)
        } else {
            s.serialize_i64(self.value)
        }
    }
}

impl<'de> serde::Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = IntOrString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer, or a string of an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IntOrString, E> {
                Ok(IntOrString {
                    value: v,
                    as_string: false,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IntOrString, E> {
                i64::try_from(v)
                    .map(IntOrString::new)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IntOrString, E> {
                v.parse::<i64>()
                    .map(|value| IntOrString {
                        value,
                        as_string: true,
                    })
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonShape for IntOrString {
    fn check_shape(value: &Value, path: &Path<'_>, out: &mut Violations) {
        let ok = match value {
            Value::Number(n) => n.as_i64().is_some(),
            Value::String(s) => s.parse::<i64>().is_ok(),
            _ => false,
        };
        if !ok {
            out.push(
                path,
                crate::ConstraintKind::Type,
                None,
                format_args!(
                    "expected an integer or a string of an integer, found {}",
                    crate::json_kind(value)
                ),
            );
        }
    }
}

impl Validate for IntOrString {
    fn validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
}
