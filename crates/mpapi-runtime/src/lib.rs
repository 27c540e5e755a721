//! Runtime support for the bindings that `mpapi` generates from its YAML specs.
//!
//! Generated crates (`mpapi-wechat`, `mpapi-baidu`) link to this crate for:
//!
//! - [`Validate`]: typed, allocation-free-when-valid validation that collects every
//!   [`Violation`] with its JSON path in wire names;
//! - [`JsonShape`]: a structural check of raw JSON (types, required fields) that reports
//!   every mismatch at its path before a typed value exists, and
//!   [`check_deep`](JsonShape::check_deep), which also validates every structurally sound
//!   part of a broken document;
//! - [`ReadChecked`] and [`validate_slice`]: raw JSON read in one pass, without an
//!   intermediate tree, every structural violation recorded at its path (unknown and
//!   repeated members and enum wire forms too, per [`Strictness`]), then validated;
//! - [`WireEnum`]: the mapping between an enum's wire names and numeric codes;
//! - [`constraint`]: one small module per constraint kind, called by `#[derive(Validate)]`.
//!
//! ```
//! use mpapi_runtime::{Path, Violations, constraint};
//!
//! let mut out = Violations::new();
//! let root = Path::Root;
//! let name = root.field("name");
//! constraint::chars::check(Some(&"x".repeat(257)), Some(1), Some(256), None, &name, &mut out);
//! assert_eq!(out.len(), 1);
//! assert_eq!(out.as_slice()[0].path, "name");
//! ```
#![deny(missing_docs)]

pub mod constraint;
mod deep;
mod endpoint;
mod examples;
mod int_or_string;
mod json;
mod kind;
mod opt;
mod path;
mod query;
pub mod read;
pub mod rules;
pub mod sandbox;
mod shape;
mod suggest;
mod unknown;
mod validate;
mod violation;
mod wire_enum;
mod words;
pub mod write;

pub use deep::{deserialize_checked, typed_if_sound};
pub use endpoint::{
    EndpointInfo, Envelope, ErrorCodeInfo, ExampleInfo, ItemError, PaginationInfo, QueryValidator,
    find_code, no_query_parameters, no_request_body, no_request_body_json,
};
pub use examples::{
    check_request_example, check_request_examples, check_response_example, check_response_examples,
    fmt_error_code,
};
pub use int_or_string::IntOrString;
pub use json::{
    JsonInputError, read_slice, same_json, validate_json, validate_slice, validate_value,
    validate_value_with,
};
pub use kind::{Check, ConstraintKind, RuleKind, UnknownKind};
pub use opt::AsOpt;
pub use path::Path;
pub use query::{QueryKind, query_object};
pub use read::{ReadChecked, ReadCx, Strictness};
pub use shape::{JsonShape, json_kind};
pub use suggest::did_you_mean;
pub use unknown::UnknownValue;
pub use validate::Validate;
pub use violation::{Violation, Violations};
pub use wire_enum::{UnknownVariant, WireEnum, WireForm};

/// Re-exported so generated code and the derive macros need no direct dependency.
pub use serde;
/// Re-exported so generated code and the derive macros need no direct dependency.
pub use serde_json;
