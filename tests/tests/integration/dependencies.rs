//! Codegen-only dependencies never reach the crates users depend on: the generated
//! bindings and the runtime build without the YAML parser, the pretty-printer, the
//! diagnostics renderer or syn's full parser.

use std::process::Command;

fn cargo_tree(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .arg("tree")
        .args(["--offline", "--prefix", "none"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn user_facing_crates_do_not_pull_in_codegen_dependencies() {
    for krate in [
        "mpapi-runtime",
        "mpapi-wechat",
        "mpapi-baidu",
        "mpapi-client",
    ] {
        let tree = cargo_tree(&["-p", krate, "-e", "normal,build", "--all-features"]);
        assert!(
            tree.contains(krate),
            "cargo tree printed nothing useful for {krate}:\n{tree}"
        );
        for forbidden in [
            "serde-saphyr",
            "prettyplease",
            "miette",
            "mpapi-codegen",
            "insta",
            "trybuild",
        ] {
            assert!(
                !tree
                    .lines()
                    .any(|l| l.starts_with(&format!("{forbidden} "))),
                "{krate} depends on {forbidden}"
            );
        }
    }
}

#[test]
fn generated_crates_do_not_enable_the_full_syn_parser_the_generator_uses() {
    // The syn that mpapi-derive (and the generator) use; other crates may bring their own.
    let derive = cargo_tree(&["-p", "mpapi-derive", "-e", "normal", "--depth", "1"]);
    let version = derive
        .lines()
        .find_map(|l| l.strip_prefix("syn v"))
        .and_then(|v| v.split_whitespace().next())
        .expect("mpapi-derive depends on syn");
    let spec = format!("syn@{version}");
    let features = cargo_tree(&[
        "-p",
        "mpapi-wechat",
        "-p",
        "mpapi-baidu",
        // What users build: normal and build edges (dev-dependencies such as the examples'
        // tokio macros are the workspace's own business).
        "-e",
        "features,normal,build",
        "-i",
        &spec,
    ]);
    assert!(features.contains("syn feature"), "{features}");
    assert!(
        !features.contains("syn feature \"full\""),
        "the generator's full syn parser reaches the bindings:\n{features}"
    );
}
