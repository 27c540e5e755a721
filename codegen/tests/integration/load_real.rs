//! The real spec tree under `spec/` loads and checks without a diagnostic.

use std::path::Path;

#[test]
fn real_specs_load_clean() {
    // Tests run in the crate directory.
    let root = Path::new("../spec");
    match mpapi_codegen::load_and_check(root) {
        Ok((set, _)) => assert!(
            !set.platforms.is_empty(),
            "no platform found under {root:?}"
        ),
        Err(diagnostics) => panic!("spec diagnostics:\n{diagnostics}"),
    }
}
