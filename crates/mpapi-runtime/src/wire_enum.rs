use std::fmt;

/// How an enum travels on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireForm {
    /// As its variant name, e.g. `"MINI_PROGRAM"` (numeric codes are accepted on input).
    String,
    /// As its numeric code, e.g. `3`.
    Integer,
}

/// An enum mapped to the platform's wire names and numeric codes.
///
/// `#[derive(WireEnum)]` from `mpapi-derive` implements this together with `as_str`,
/// `code`, `FromStr`, `Display`, serde and `Validate`. Every such enum has a variant
/// holding an unknown raw value, so a value the platform adds later never breaks
/// deserialization; validating a request rejects it.
pub trait WireEnum: Sized + 'static {
    /// How the enum is written on the wire.
    const FORM: WireForm;
    /// The wire names of the known variants, in spec order.
    const NAMES: &'static [&'static str];
    /// The numeric codes of the known variants, in spec order.
    const CODES: &'static [i64];
    /// The platform error code for a value outside the known variants, if the doc has one.
    const INVALID_CODE: Option<i64>;

    /// The known variant with this wire name.
    fn from_name(name: &str) -> Option<Self>;
    /// The known variant with this numeric code.
    fn from_code(code: i64) -> Option<Self>;
    /// Whether this is a known variant (not the unknown-value variant).
    fn is_known(&self) -> bool;
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
