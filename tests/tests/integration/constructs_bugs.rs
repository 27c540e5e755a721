//! Regressions for constructs whose generated code once failed to compile: `format: url`
//! (on a field, in `each`, and under `when:`), and two groups with an endpoint of the same
//! name (the client prefixes those methods with their group: `dup_a_same`, `dup_b_same`).
//! The code is generated from `codegen/tests/fixtures/constructs_bugs/`.

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../constructs_bugs_generated/mod.rs"]
mod bugs;

use mpapi_runtime::Validate;

#[test]
fn format_url_compiles_and_checks_links() {
    use bugs::format_url::Request;
    assert!(Request::new("https://example.com/a").validate().is_ok());
    let err = Request::new("ftp://example.com")
        .validate()
        .expect_err("not a link");
    assert_eq!(err.as_slice()[0].path, "link");
    assert_eq!(err.as_slice()[0].rule, "format");
    assert_eq!(err.as_slice()[0].code, Some(2007));
}

#[test]
fn same_named_endpoints_of_two_groups_get_distinct_client_methods() {
    // Both methods exist on the one client (this would not compile if they collided).
    let _a = bugs::client::Client::dup_a_same;
    let _b = bugs::client::Client::dup_b_same;
}
