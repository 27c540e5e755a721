//! `mpapi-codegen`: loads the YAML specs under `spec/`, checks them, and generates the
//! Rust bindings under `crates/`.
//!
//! The pipeline runs one way: [`load`] (YAML -> [`model`], syntax diagnostics) ->
//! [`check`] (names, references, semantics) -> `emit` (Rust source via `quote` and
//! `prettyplease`). Every stage collects all its diagnostics before failing.

pub mod check;
pub mod diag;
pub mod load;
pub mod model;
pub mod naming;
