//! Both wire forms, with and without `invalid_code`, negative codes, and an enum with no
//! known variant, in a crate that denies missing docs and warnings.
#![deny(missing_docs, warnings)]

use mpapi_runtime::{UnknownValue, WireEnum};

/// String form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, mpapi_derive::WireEnum)]
#[wire(string, invalid_code = 268485202)]
pub enum LinkType {
    /// A mini-program page.
    #[wire(name = "MINI_PROGRAM", code = 1)]
    MiniProgram,
    /// A web page.
    #[wire(name = "URL", code = 2)]
    Url,
    /// A value not listed in the spec, kept as received.
    #[wire(unknown)]
    Unknown(::mpapi_runtime::UnknownValue),
}

/// Integer form, attributes split across several `#[wire]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, mpapi_derive::WireEnum)]
#[wire(integer)]
#[wire(invalid_code = -5)]
pub enum State {
    /// Negative code.
    #[wire(name = "CANCELLED")]
    #[wire(code = -1)]
    Cancelled,
    /// Zero.
    #[wire(name = "NONE", code = 0)]
    None,
    /// A code not listed in the spec.
    #[wire(unknown)]
    Unknown(UnknownValue),
}

/// Only the unknown variant.
#[derive(Clone, Debug, PartialEq, mpapi_derive::WireEnum)]
#[wire(string)]
pub enum Open {
    /// Anything.
    #[wire(unknown)]
    Any(UnknownValue),
}

fn main() {
    assert_eq!(LinkType::ALL.len(), 2);
    assert_eq!(State::from_code(-1), Some(State::Cancelled));
    assert_eq!(State::INVALID_CODE, Some(-5));
    assert!(Open::ALL.is_empty());
    assert_eq!(Open::from_wire_str("x").map(|o| o.as_str().to_owned()), Some("x".to_owned()));
    assert_eq!(State::from_wire_str("0"), Some(State::None));
}
