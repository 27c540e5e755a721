//! Compiles the `format: {name: url}` construct generated from
//! `codegen/tests/fixtures/constructs_bugs/` (on a field, in `each`, and under `when:`) and
//! checks it. Run by the ignored test in `tests/tests/constructs_bugs.rs`.

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../constructs_bugs_generated/mod.rs"]
mod bugs;

use mpapi_runtime::Validate;

fn main() {
    use bugs::format_url::Request;
    assert!(Request::new("https://example.com/a").validate().is_ok());
    let err = Request::new("ftp://example.com").validate().expect_err("not a link");
    assert_eq!(err.as_slice()[0].path, "link");
    assert_eq!(err.as_slice()[0].rule, "format");
    assert_eq!(err.as_slice()[0].code, Some(2007));
}
