//! Typed, validated bindings for Baidu smart-program server APIs (order center), generated
//! by mpapi from its YAML specs (`spec/baidu/`).
//!
//! Each spec group is a module ([`ordercenter`]) holding the request and response types,
//! their enums, the endpoint descriptions (`EndpointInfo` statics) and the error-code
//! enums. Every request type implements [`mpapi_runtime::Validate`].
#![deny(missing_docs)]

mod generated;

pub use generated::*;
pub use mpapi_runtime::{Validate, Violation, Violations};
