//! The naming obstacle course: a spec full of keywords, prelude names, leading digits and
//! hyphens generates code that is snapshotted under `tests/obstacle_generated/` and compiled
//! and exercised by the `mpapi-tests` crate (`tests/tests/obstacle.rs`).
//!
//! Run with `MPAPI_UPDATE_SNAPSHOTS=1` to rewrite the snapshot after an intended change.

use std::path::Path;

use mpapi_codegen::{emit, load_and_check};

#[test]
fn obstacle_course_generates_the_committed_snapshot() {
    let specs = match load_and_check(Path::new("tests/fixtures/obstacle")) {
        Ok((_, ir)) => ir,
        Err(d) => panic!("the obstacle course must load:\n{d}"),
    };
    let platform = specs.platforms().first().expect("one platform");
    let mut files = Vec::new();
    emit::emit_platform(platform, Path::new(""), &mut files).expect("emits");
    let snapshot_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/obstacle_generated");
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
    assert!(
        stale.is_empty(),
        "generated obstacle course differs from the snapshot (rerun with MPAPI_UPDATE_SNAPSHOTS=1 if intended): {stale:?}"
    );
    // The keyword and prelude names come out escaped and fully qualified.
    let course = files
        .iter()
        .find(|f| f.path.ends_with("course.rs"))
        .expect("course module");
    for needle in [
        "pub type_:",
        "pub self_:",
        "pub _3d:",
        "pub wxa_path:",
        "pub resource_id:",
        "Self_",
        "_1St",
        "pub struct Option",
        "::std::option::Option<",
    ] {
        assert!(
            course.contents.contains(needle),
            "missing `{needle}` in generated code"
        );
    }
}
