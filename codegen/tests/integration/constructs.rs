//! Snapshot tests per construct: `tests/fixtures/constructs/` holds one small group per rule
//! kind and per constraint kind (plus a shared platform `types.yaml`); the generated code is
//! compared with the committed files under `tests/constructs_generated/` (one module per
//! construct), which the `mpapi-tests` crate compiles and exercises
//! (`tests/tests/constructs.rs`).
//!
//! Run with `MPAPI_UPDATE_SNAPSHOTS=1` to rewrite the snapshot after an intended change.

use std::path::Path;

use mpapi_codegen::{emit, load_and_check};

/// Generates the platform under `fixture` and compares every file with `snapshot` (under
/// the workspace's `tests/`), rewriting them with `MPAPI_UPDATE_SNAPSHOTS=1`. Returns the
/// generated file names.
fn snapshot(fixture: &str, snapshot: &str) -> Vec<String> {
    let ir = match load_and_check(Path::new(fixture)) {
        Ok((_, ir)) => ir,
        Err(d) => panic!("{fixture} must load:\n{d}"),
    };
    assert!(ir.warnings.is_empty(), "{:?}", ir.warnings);
    let platform = ir.platforms().first().expect("one platform");
    let mut files = Vec::new();
    emit::emit_platform(platform, Path::new(""), &mut files).expect("emits");
    let snapshot_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(snapshot);
    let update = std::env::var_os("MPAPI_UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for f in &files {
        let target = snapshot_dir.join(&f.path);
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        if current != f.contents {
            if update {
                std::fs::create_dir_all(&snapshot_dir).expect("snapshot dir");
                std::fs::write(&target, &f.contents).expect("write snapshot");
            } else {
                stale.push(target.display().to_string());
            }
        }
    }
    // A committed file the generator no longer writes is stale too.
    let written: Vec<_> = files.iter().map(|f| snapshot_dir.join(&f.path)).collect();
    for entry in std::fs::read_dir(&snapshot_dir).into_iter().flatten() {
        let path = entry.expect("dir entry").path();
        if !written.contains(&path) {
            if update {
                std::fs::remove_file(&path).expect("remove stale snapshot");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated {fixture} differs from tests/{snapshot} (rerun with MPAPI_UPDATE_SNAPSHOTS=1 if intended): {stale:?}"
    );
    files.iter().map(|f| f.path.display().to_string()).collect()
}

#[test]
fn constructs_generate_the_committed_snapshot() {
    let names = snapshot("tests/fixtures/constructs", "constructs_generated");
    // One module per construct, plus the shared types and the platform's `mod.rs`.
    for group in [
        "required_if",
        "one_of_required",
        "one_of_required_when",
        "all_or_none",
        "unique_by",
        "equal",
        "equal_when",
        "length_equals",
        "allowed_values_int",
        "allowed_values_enum",
        "sum_int",
        "sum_decimal",
        "custom",
        "bytes",
        "chars",
        "items",
        "range",
        "pattern",
        "format_date_time",
        "each",
        "end_codes",
        "required_code",
        "enum_invalid",
        "items_when",
        "shared_a",
        "shared_b",
        "types",
        "mod",
    ] {
        assert!(
            names.contains(&format!("{group}.rs")),
            "no module {group}.rs in {names:?}"
        );
    }
}

/// Constructs whose generated code once failed to compile (`format: url`, same-named
/// endpoints in two groups), kept as regressions (see `tests/tests/constructs_bugs.rs`).
#[test]
fn constructs_with_known_bugs_generate_the_committed_snapshot() {
    let names = snapshot(
        "tests/fixtures/constructs_bugs",
        "constructs_bugs_generated",
    );
    assert!(names.contains(&"format_url.rs".to_owned()), "{names:?}");
}

/// The names of the `fn`s of every `impl` in a generated file.
fn method_names(source: &str) -> Vec<String> {
    let file = syn::parse_file(source).expect("generated code parses");
    let mut names = Vec::new();
    for item in file.items {
        if let syn::Item::Impl(imp) = item {
            for it in imp.items {
                if let syn::ImplItem::Fn(f) = it {
                    names.push(f.sig.ident.to_string());
                }
            }
        }
    }
    names
}

/// Two groups may each have an endpoint of the same name (`bugs.dup_a.same`,
/// `bugs.dup_b.same`): the client prefixes such methods with their group, so every method
/// is distinct.
#[test]
fn client_methods_are_unique_across_groups() {
    let (_, ir) = load_and_check(Path::new("tests/fixtures/constructs_bugs")).expect("loads");
    let mut files = Vec::new();
    emit::emit_platform(&ir.platforms()[0], Path::new(""), &mut files).expect("emits");
    let client = files
        .iter()
        .find(|f| f.path.ends_with("client.rs"))
        .expect("client module");
    let mut names = method_names(&client.contents);
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "duplicate client methods: {names:?}");
}

/// The construct fixtures themselves give every endpoint its own name, so their client
/// compiles.
#[test]
fn construct_client_methods_are_unique() {
    let (_, ir) = load_and_check(Path::new("tests/fixtures/constructs")).expect("loads");
    let mut files = Vec::new();
    emit::emit_platform(&ir.platforms()[0], Path::new(""), &mut files).expect("emits");
    let client = files
        .iter()
        .find(|f| f.path.ends_with("client.rs"))
        .expect("client module");
    let mut names = method_names(&client.contents);
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "duplicate client methods: {names:?}");
}

/// A decimal `sum` has no redundant parentheses and casts only integers `as f64`, so a
/// generated crate with one passes `clippy -D warnings`.
#[test]
fn decimal_sum_generates_lint_clean_code() {
    let (_, ir) = load_and_check(Path::new("tests/fixtures/constructs")).expect("loads");
    let mut files = Vec::new();
    emit::emit_platform(&ir.platforms()[0], Path::new(""), &mut files).expect("emits");
    let sum = files
        .iter()
        .find(|f| f.path.ends_with("sum_decimal.rs"))
        .expect("sum_decimal module");
    assert!(
        !sum.contents.contains("Some((*"),
        "redundant parentheses in:\n{}",
        sum.contents
    );
    // `price` and `payment` are `f64` fields.
    assert!(
        !sum.contents.contains("e.price as f64") && !sum.contents.contains("self.payment as f64"),
        "`f64 as f64` casts in:\n{}",
        sum.contents
    );
}

/// GET endpoints without a body, typed query parameters, a paged endpoint, a batch answer
/// whose items carry their own error envelope, and sandbox behaviour: generated into
/// `tests/surface_generated/`, compiled and run against the sandbox over loopback by
/// `tests/tests/surface.rs`.
#[test]
fn surface_fixture_generates_the_committed_snapshot() {
    let names = snapshot("tests/fixtures/surface", "surface_generated");
    for module in ["shop.rs", "client.rs", "mod.rs"] {
        assert!(names.contains(&module.to_owned()), "{names:?}");
    }
}
