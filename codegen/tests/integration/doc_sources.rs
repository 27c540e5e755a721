//! `doc:` as a file name, one source or a list of sources; its mistakes reported in place.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

const HASH: &str = "bf32a76776563b6aea9abe9044b474379c5706f14e60406acf8a37afbda5368e";

/// Writes a one-endpoint spec tree whose endpoint has `doc` (already indented by two).
fn tree(doc: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir()
        .join(format!("mpapi-doc-sources-{}-{n}", std::process::id()))
        .join("spec");
    let group = root.join("p").join("g");
    std::fs::create_dir_all(&group).expect("temp dir");
    std::fs::write(
        root.join("p").join("platform.yaml"),
        "platform:\n  id: p\n  title: P\n  crate: mpapi-p\n  base_url: http://127.0.0.1\n  auth:\n    query: access_token\n  envelope: errcode\n",
    )
    .expect("platform");
    std::fs::write(
        group.join("e.yaml"),
        format!(
            "endpoint:\n  id: p.g.e\n  interface: e\n{doc}  title: E\n  method: POST\n  path: /e\n  request: Request\ntypes:\n  - name: Request\n    fields:\n      - {{ name: a, type: string }}\n"
        ),
    )
    .expect("endpoint");
    root
}

fn sources(doc: &str) -> Vec<mpapi_codegen::ir::DocSource> {
    let root = tree(doc);
    let result = mpapi_codegen::load_and_check(&root);
    let _ = std::fs::remove_dir_all(root.parent().expect("parent"));
    match result {
        Ok((_, ir)) => ir.platforms()[0].groups[0].endpoints[0].sources.clone(),
        Err(d) => panic!("{d}"),
    }
}

fn errors(doc: &str) -> String {
    let root = tree(doc);
    let result = mpapi_codegen::load_and_check(&root);
    let _ = std::fs::remove_dir_all(root.parent().expect("parent"));
    match result {
        Ok(_) => panic!("{doc} loaded without diagnostics"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn the_old_form_is_one_source_without_section_or_hash() {
    let s = sources("  doc: e.txt\n");
    assert_eq!(
        s,
        vec![mpapi_codegen::ir::DocSource {
            file: "e.txt".into(),
            section: None,
            url: None,
            sha256: None
        }]
    );
}

#[test]
fn a_list_of_sources_keeps_every_key_in_order() {
    let s = sources(&format!(
        "  doc:\n    - file: a.txt\n      sha256: {HASH}\n    - file: b.md\n      section: 生成运单\n      url: https://example.invalid/a.html\n      sha256: {HASH}\n"
    ));
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].file, "a.txt");
    assert_eq!(s[0].section, None);
    assert_eq!(s[1].section.as_deref(), Some("生成运单"));
    assert_eq!(s[1].url.as_deref(), Some("https://example.invalid/a.html"));
    assert_eq!(s[1].sha256.as_deref(), Some(HASH));
    // One mapping is one source.
    let one = sources("  doc: { file: c.md, section: X }\n");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].section.as_deref(), Some("X"));
}

#[test]
fn mistakes_are_reported_at_their_place() {
    let e = errors(
        "  doc:\n    - file: a.md\n      sha256: ABC\n      url: ftp://x\n      colour: red\n",
    );
    assert!(
        e.contains("e.yaml:6:15") && e.contains("not 64 lowercase hex"),
        "{e}"
    );
    assert!(
        e.contains("e.yaml:7:12") && e.contains("not an http(s) URL"),
        "{e}"
    );
    assert!(
        e.contains("e.yaml:8:7") && e.contains("unknown key `colour`"),
        "{e}"
    );
    let e = errors("  doc: []\n");
    assert!(e.contains("lists no source"), "{e}");
    let e =
        errors("  doc:\n    - file: a.md\n      section: S\n    - file: a.md\n      section: S\n");
    assert!(
        e.contains("e.yaml:7:7") && e.contains("listed twice"),
        "{e}"
    );
    let e = errors("  doc:\n    - section: S\n");
    assert!(e.contains("missing required key `file`"), "{e}");
    let e = errors("  doc: 3\n");
    assert!(
        e.contains("expected a file name or a list of sources"),
        "{e}"
    );
    let e = errors("  title2: x\n");
    assert!(e.contains("missing required key `doc`"), "{e}");
}
