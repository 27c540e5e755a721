//! Bounded constraints are emitted with their end-specific codes, as written in the spec.

use std::path::Path;

use mpapi_codegen::{emit, load_and_check};

fn generated_orders() -> String {
    let specs = match load_and_check(Path::new("tests/fixtures/ok")) {
        Ok((_, ir)) => ir,
        Err(d) => panic!("the ok fixture has diagnostics:\n{d}"),
    };
    let platform = specs.platforms().first().expect("one platform");
    let mut files = Vec::new();
    if let Err(e) = emit::emit_platform(platform, Path::new(""), &mut files) {
        panic!("emit failed: {e}");
    }
    files
        .into_iter()
        .find(|f| f.path.ends_with("orders.rs"))
        .map(|f| f.contents)
        .expect("the orders module")
}

#[test]
fn end_codes_reach_the_validate_attributes() {
    let code = generated_orders();
    for attribute in [
        // Only `code`: unchanged.
        "bytes(min = 1, max = 64, code = 2002)",
        // Only the maximum has a code.
        "chars(max = 32, max_code = 2007)",
        // The minimum has its own code; `code` covers the maximum (the IR resolves it to
        // the maximum's own code).
        "items(min = 1, max = 5, min_code = 2008, max_code = 2009)",
        // Inside `each(...)`.
        "bytes(min = 1, max = 16, min_code = 2010)",
        // A range.
        "range(min = 1u16, max = 999u16, min_code = 2011)",
    ] {
        assert!(
            code.contains(attribute),
            "`{attribute}` not found in the generated module:\n{code}"
        );
    }
}
