use std::fmt;

use serde_json::Value;

use crate::UnknownValue;

/// How an enum travels on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireForm {
    /// As its variant name, e.g. `"MINI_PROGRAM"` (the numeric code is accepted only when
    /// reading leniently).
    String,
    /// As its numeric code, e.g. `3`.
    Integer,
}

/// An enum mapped to the platform's wire names and numeric codes.
///
/// `#[derive(WireEnum)]` from `mpapi-derive` implements this together with `as_str`,
/// `code`, `FromStr`, `Display`, serde and `Validate`. Every such enum has a variant
/// holding an [`UnknownValue`], so a value the platform adds later never breaks
/// deserialization; validating a request rejects it.
///
/// Every way of reading a wire value ([`from_wire`](Self::from_wire) and the
/// `from_wire_*` methods, which serde, `FromStr` and lenient raw reading use) normalises: a known name or code
/// becomes its variant, and only a value that is neither becomes the unknown variant.
///
/// | wire value | string enum | integer enum |
/// |---|---|---|
/// | a known name (string) | its variant | its variant |
/// | a known code (number) | its variant | its variant |
/// | a string of a known code | unknown | its variant |
/// | another string | unknown | unknown if it is an integer, else rejected |
/// | another integer | unknown | unknown if it fits `i64`, else rejected |
/// | anything else | rejected | rejected |
///
/// Strict raw reading ([`Strictness::Strict`](crate::Strictness), the default for requests)
/// accepts only the declared form, a string for a string enum and a JSON integer for an
/// integer enum: a value in the other form is an `enum` violation.
pub trait WireEnum: Sized + 'static {
    /// How the enum is written on the wire.
    const FORM: WireForm;
    /// The wire names of the known variants, in spec order.
    const NAMES: &'static [&'static str];
    /// The numeric codes of the known variants, in spec order.
    const CODES: &'static [i64];
    /// The platform error code for a value outside the known variants, if the doc has one.
    const INVALID_CODE: Option<i64>;
    /// The enum's Rust name, for messages (`#[derive(WireEnum)]` sets it).
    const TYPE_NAME: &'static str = "enum value";

    /// The known variant with this wire name.
    fn from_name(name: &str) -> Option<Self>;
    /// The known variant with this numeric code.
    fn from_code(code: i64) -> Option<Self>;
    /// Whether this is a known variant (not the unknown-value variant).
    fn is_known(&self) -> bool;

    /// Wraps a value that the `from_wire_*` methods found to be none of the known
    /// variants in the unknown-value variant. Written by `#[derive(WireEnum)]`; not meant
    /// to be called.
    #[doc(hidden)]
    fn __from_unknown(value: UnknownValue) -> Self;

    /// Reads a JSON string from the wire; `None` when the enum cannot hold it (a
    /// non-integer unknown string for an integer enum). See the table on [`WireEnum`].
    fn from_wire_str(s: &str) -> Option<Self> {
        if let Some(known) = Self::from_name(s) {
            return Some(known);
        }
        if Self::FORM == WireForm::Integer {
            let code = s.parse::<i64>().ok()?;
            if let Some(known) = Self::from_code(code) {
                return Some(known);
            }
        }
        UnknownValue::string::<Self>(s).map(Self::__from_unknown)
    }

    /// Reads a JSON integer from the wire: its variant, or else the unknown variant.
    fn from_wire_i64(code: i64) -> Self {
        match Self::from_code(code) {
            Some(known) => known,
            None => Self::__from_unknown(UnknownValue::integer(code)),
        }
    }

    /// Reads a non-negative JSON integer from the wire; `None` when an integer enum
    /// cannot hold it (beyond `i64`).
    fn from_wire_u64(value: u64) -> Option<Self> {
        match i64::try_from(value) {
            Ok(code) => Some(Self::from_wire_i64(code)),
            Err(_) => match Self::FORM {
                WireForm::String => Some(Self::__from_unknown(UnknownValue::big_integer(value))),
                WireForm::Integer => None,
            },
        }
    }

    /// Reads any JSON value from the wire; `None` when the enum cannot hold it (see the
    /// table on [`WireEnum`]).
    fn from_wire(value: &Value) -> Option<Self> {
        match value {
            Value::String(s) => Self::from_wire_str(s),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(code), _) => Some(Self::from_wire_i64(code)),
                (None, Some(big)) => Self::from_wire_u64(big),
                (None, None) => None,
            },
            _ => None,
        }
    }
}

/// The error of parsing a name that is not one of an enum's known variants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVariant {
    /// The enum's name.
    pub enum_name: &'static str,
    /// What was given.
    pub given: String,
    /// The names that would have been accepted.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a {}; expected one of {}",
            self.given,
            self.enum_name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownVariant {}
