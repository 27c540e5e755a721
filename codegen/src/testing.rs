//! Test support for the rule and constraint kind modules: generates one group from a few
//! lines of spec, so each kind's tests sit next to its code.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::Diagnostics;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Writes a one-endpoint spec whose request type is `Request` and whose `types:`, `enums:`
/// and `errors:` sections are `body`, checks it and returns the generated group module.
pub(crate) fn generate(body: &str) -> Result<String, Diagnostics> {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let root: PathBuf = std::env::temp_dir()
        .join(format!("mpapi-rule-{}-{n}", std::process::id()))
        .join("spec");
    let group = root.join("p").join("g");
    let write = |path: PathBuf, text: String| {
        std::fs::create_dir_all(path.parent().unwrap_or(&root)).expect("temp dir");
        std::fs::write(path, text).expect("temp file");
    };
    write(
        root.join("p").join("platform.yaml"),
        "platform:\n  id: p\n  title: P\n  crate: mpapi-p\n  base_url: http://127.0.0.1\n  auth:\n    query: access_token\n  envelope: errcode\n".to_owned(),
    );
    write(
        group.join("e.yaml"),
        format!(
            "endpoint:\n  id: p.g.e\n  interface: e\n  doc: e.txt\n  title: E\n  method: POST\n  path: /e\n  request: Request\n{body}"
        ),
    );
    let result = crate::load_and_check(&root).map(|(_, ir)| {
        let files = crate::emit::emit(&ir).expect("generated code parses");
        files
            .into_iter()
            .find(|f| f.path.ends_with("g.rs"))
            .map(|f| f.contents)
            .unwrap_or_default()
    });
    let _ = std::fs::remove_dir_all(root.parent().unwrap_or(&root));
    result
}

/// The code with whitespace and trailing commas removed, for comparing emitted calls
/// whatever way the formatter broke their lines.
pub(crate) fn squeeze(code: &str) -> String {
    let flat: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    flat.replace(",)", ")")
        .replace(",]", "]")
        .replace(",}", "}")
}
