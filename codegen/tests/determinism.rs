//! The generator is deterministic and idempotent: generating twice gives identical text,
//! a second sync writes nothing (mtimes untouched), and `--check` finds stale and extra files.

use std::path::{Path, PathBuf};

use mpapi_codegen::{generate, write::sync};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mpapi-codegen-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn generating_twice_gives_identical_files() {
    let mpapi_codegen::Generated {
        files: a,
        owned: owned_a,
        ..
    } = generate(&workspace()).unwrap_or_else(|e| panic!("{e}"));
    let mpapi_codegen::Generated {
        files: b,
        owned: owned_b,
        ..
    } = generate(&workspace()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b);
    assert_eq!(owned_a, owned_b);
    assert!(a.iter().all(|f| f.contents.starts_with("// @generated")));
}

#[test]
fn second_sync_writes_nothing_and_check_finds_stale_and_extra_files() {
    let mpapi_codegen::Generated { files, owned, .. } =
        generate(&workspace()).unwrap_or_else(|e| panic!("{e}"));
    let dir = temp_dir("sync");
    let first = sync(&dir, &files, &owned, false).expect("first sync");
    assert_eq!(first.changed.len(), files.len());
    let mtimes: Vec<_> = files
        .iter()
        .map(|f| {
            std::fs::metadata(dir.join(&f.path))
                .and_then(|m| m.modified())
                .expect("mtime")
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = sync(&dir, &files, &owned, false).expect("second sync");
    assert!(second.is_clean(), "{second:?}");
    assert_eq!(second.unchanged, files.len());
    let again: Vec<_> = files
        .iter()
        .map(|f| {
            std::fs::metadata(dir.join(&f.path))
                .and_then(|m| m.modified())
                .expect("mtime")
        })
        .collect();
    assert_eq!(mtimes, again, "an unchanged file was rewritten");

    // A hand edit and a leftover file are both reported by check mode, which writes nothing.
    let edited = dir.join(&files[0].path);
    std::fs::write(&edited, "// edited by hand\n").expect("edit");
    let extra = owned[0].join("leftover.rs");
    std::fs::write(dir.join(&extra), "// old\n").expect("extra");
    let check = sync(&dir, &files, &owned, true).expect("check");
    assert_eq!(check.changed, vec![files[0].path.clone()]);
    assert_eq!(check.removed, vec![extra.clone()]);
    assert_eq!(
        std::fs::read_to_string(&edited).expect("read"),
        "// edited by hand\n",
        "check mode wrote"
    );
    let fix = sync(&dir, &files, &owned, false).expect("fix");
    assert_eq!(fix.changed.len(), 1);
    assert!(!dir.join(&extra).exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn committed_bindings_are_up_to_date() {
    let mpapi_codegen::Generated { files, owned, .. } =
        generate(&workspace()).unwrap_or_else(|e| panic!("{e}"));
    let report = sync(&workspace(), &files, &owned, true).expect("check");
    assert!(report.is_clean(), "run `cargo xtask gen`: {report:?}");
}
