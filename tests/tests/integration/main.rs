//! The workspace's integration tests, in one test binary: one link instead of one per file.
//!
//! Each module was a test file of its own; add a new one as a module here.

mod cases;
mod clients;
mod constructs;
mod constructs_bugs;
mod deep_validation;
mod dependencies;
mod derive_bound_codes;
mod derive_ui;
mod derive_validate;
mod differential;
mod error_codes;
mod examples;
mod generated_enums;
mod logistics_responses;
mod logistics_sandbox;
mod no_panic;
mod no_panic_arbitrary;
mod obstacle;
mod openapi_conformance;
mod order_shipping_sandbox;
mod retry_safety;
mod surface;
mod wechat_sandbox;
mod wire_enum;

/// The code generated from `codegen/tests/fixtures/constructs/`, shared by `constructs` and
/// `differential`.
#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../constructs_generated/mod.rs"]
mod constructs_generated;

/// The hand-written function the `custom` construct names (`crate::checks::even_value`).
mod checks {
    use mpapi_runtime::{Path, RuleKind, Violations};

    pub fn even_value(
        r: &crate::constructs_generated::custom::Request,
        path: &Path<'_>,
        out: &mut Violations,
    ) {
        if r.value % 2 != 0 {
            out.push(&path.field("value"), RuleKind::Custom, None, "must be even");
        }
    }
}
