//! The raw value kept by a wire enum's unknown-value variant.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::{WireEnum, WireForm};

/// A wire enum value that is none of the enum's known variants, kept exactly as received.
///
/// The `#[wire(unknown)]` variant of every `#[derive(WireEnum)]` enum holds one. It has
/// no public constructor: it is made only by the enum's parsing paths
/// ([`WireEnum::from_wire`], serde, `FromStr`), after they have checked that the value is
/// not a known name or code of that enum. So a known value always comes out as its own
/// variant, and two equal enum values are the same variant.
///
/// It remembers the JSON form it came in: a number is written back as a number, a string
/// as a string. Two unknown values are equal when they were received identically (`42`
/// and `"42"` differ).
///
/// ```
/// use mpapi_runtime::WireEnum;
/// # #[derive(Clone, Debug, PartialEq, mpapi_derive::WireEnum)]
/// # #[wire(integer)]
/// # enum State {
/// #     /// Paid.
/// #     #[wire(name = "PAID", code = 2)]
/// #     Paid,
/// #     /// Anything else.
/// #     #[wire(unknown)]
/// #     Unknown(mpapi_runtime::UnknownValue),
/// # }
/// let s = State::from_wire(&serde_json::json!(42)).unwrap();
/// let State::Unknown(raw) = &s else { panic!("42 is not known") };
/// assert_eq!(raw.as_str(), "42");
/// assert_eq!(raw.code(), Some(42));
/// assert_eq!(serde_json::to_string(&s).unwrap(), "42");
/// // A known code never ends up unknown, whatever its form.
/// assert_eq!(State::from_wire(&serde_json::json!("2")), Some(State::Paid));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownValue {
    /// The value as text: a string's contents, or a number's decimal digits.
    text: Box<str>,
    /// The integer value, when the text is one that fits in an `i64`.
    code: Option<i64>,
    /// Whether it arrived as a JSON number (otherwise as a string).
    number: bool,
}

impl UnknownValue {
    /// An integer received as a JSON number, which the caller has found to be none of the
    /// enum's codes.
    pub(crate) fn integer(code: i64) -> Self {
        UnknownValue {
            text: code.to_string().into_boxed_str(),
            code: Some(code),
            number: true,
        }
    }

    /// A JSON number beyond `i64` (no enum has such a code).
    pub(crate) fn big_integer(value: u64) -> Self {
        UnknownValue {
            text: value.to_string().into_boxed_str(),
            code: i64::try_from(value).ok(),
            number: true,
        }
    }

    /// An unknown string; `None` if `E` would read it as a known variant (a known name,
    /// or for an integer enum a string of a known code).
    pub(crate) fn string<E: WireEnum>(text: &str) -> Option<Self> {
        if E::from_name(text).is_some() {
            return None;
        }
        let code = match E::FORM {
            WireForm::Integer => text.parse::<i64>().ok(),
            WireForm::String => None,
        };
        if code.is_some_and(|c| E::from_code(c).is_some()) {
            return None;
        }
        Some(UnknownValue {
            text: text.into(),
            code,
            number: false,
        })
    }

    /// The value as received: a string's text, or a number's decimal digits. Never empty
    /// for a value received as a number.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The integer value: `Some` for a number in `i64` range and, for an integer enum, a
    /// string of such a number; `None` otherwise.
    pub fn code(&self) -> Option<i64> {
        self.code
    }

    /// Whether the value arrived as a JSON number.
    pub fn is_number(&self) -> bool {
        self.number
    }

    /// The value in the JSON form it was received in.
    pub fn to_json(&self) -> Value {
        if self.number {
            if let Some(code) = self.code {
                return Value::from(code);
            }
            if let Ok(big) = self.text.parse::<u64>() {
                return Value::from(big);
            }
        }
        Value::String(self.text.to_string())
    }
}

impl fmt::Display for UnknownValue {
    /// The value as received, like [`as_str`](UnknownValue::as_str).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for UnknownValue {
    /// `UnknownValue(42)` for a number, `UnknownValue("NEW")` for a string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.number {
            write!(f, "UnknownValue({})", self.text)
        } else {
            write!(f, "UnknownValue({:?})", self.text)
        }
    }
}

impl Serialize for UnknownValue {
    /// Writes the value back in the JSON form it was received in.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.number {
            if let Some(code) = self.code {
                return s.serialize_i64(code);
            }
            if let Ok(big) = self.text.parse::<u64>() {
                return s.serialize_u64(big);
            }
        }
        s.serialize_str(&self.text)
    }
}
