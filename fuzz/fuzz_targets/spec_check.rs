//! Arbitrary YAML -> the spec loader and checker. The first byte picks one of the real
//! spec files under `spec/` (see `mpapi_fuzz::tree_files`); the rest replaces that file in
//! a small copy of its spec tree, which is then loaded and checked as `cargo xtask gen`
//! does. The run must end in diagnostics (a non-empty list that prints) or in a checked
//! model: never in a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mpapi_fuzz::SpecTrees;

fn trees() -> &'static SpecTrees {
    static TREES: OnceLock<SpecTrees> = OnceLock::new();
    TREES.get_or_init(|| {
        let scratch = std::env::temp_dir().join(format!("mpapi-fuzz-spec-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        let trees = SpecTrees::new(&mpapi_fuzz::spec_dir(), &scratch).expect("copy the spec trees");
        assert!(
            !trees.is_empty(),
            "no spec file found under {}",
            mpapi_fuzz::spec_dir().display()
        );
        trees
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let root = trees()
        .load_with(selector, text)
        .expect("write the spec file");
    match mpapi_codegen::load_and_check(root) {
        // A checked model is not emitted here: rendering the code costs as much as loading
        // and checking, and the emit stage has its own tests.
        Ok(_) => {}
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a refusal without a diagnostic");
            let _ = diagnostics.to_string();
        }
    }
});
