//! `cargo xtask api-diff REV`: the public API generated from the specs at a git revision
//! against the working tree, compared through the checked IR and classified by Rust semver.
//!
//! Breaking: an endpoint, type or enum removed (a rename is a removal and an addition), a
//! field removed, a field made required or optional (its Rust type changes), a field's type
//! changed, a required field added, an enum value removed, an error code removed (its
//! constant goes). Additive: a new endpoint, type or enum, a new optional field, a new enum
//! value, a new error code.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use mpapi_codegen::ir::{Ir, Platform, Ty, Type};

/// How a change affects users of the generated crates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Existing code may stop compiling or behave differently.
    Breaking,
    /// Only adds.
    Additive,
}

/// One change of the generated API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiChange {
    /// Its impact.
    pub impact: Impact,
    /// What changed, for a person.
    pub what: String,
}

fn module(p: &Platform, owner: mpapi_codegen::ir::Owner) -> String {
    match owner {
        mpapi_codegen::ir::Owner::Platform => format!("{}::types", p.id),
        mpapi_codegen::ir::Owner::Group(i) => format!(
            "{}::{}",
            p.id,
            p.groups.get(i).map(|g| g.name.as_str()).unwrap_or("?")
        ),
    }
}

fn ty_text(p: &Platform, t: &Ty) -> String {
    match t {
        Ty::String => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::Int { signed, bits } => format!("{}{bits}", if *signed { "i" } else { "u" }),
        Ty::Number => "f64".into(),
        Ty::Json => "Value".into(),
        Ty::IntOrString => "IntOrString".into(),
        Ty::Array(inner) => format!("Vec<{}>", ty_text(p, inner)),
        Ty::Object(id) => module(p, p.ty(*id).owner) + "::" + &p.ty(*id).name,
        Ty::Enum(id) => module(p, p.en(*id).owner) + "::" + &p.en(*id).name,
    }
}

fn types(p: &Platform) -> Vec<(String, &Type)> {
    p.types
        .iter()
        .map(|t| (format!("{}::{}", module(p, t.owner), t.name), t))
        .collect()
}

/// Every API change from `old` to `new`, breaking ones first.
pub fn diff(old: &Ir, new: &Ir) -> Vec<ApiChange> {
    let mut out = Vec::new();
    let mut push = |impact, what: String| out.push(ApiChange { impact, what });
    for op in old.platforms() {
        let Some(np) = new.platforms().iter().find(|p| p.id == op.id) else {
            push(Impact::Breaking, format!("platform `{}` removed", op.id));
            continue;
        };
        let (ot, nt) = (types(op), types(np));
        for (name, o) in &ot {
            let Some((_, n)) = nt.iter().find(|(k, _)| k == name) else {
                push(Impact::Breaking, format!("type `{name}` removed"));
                continue;
            };
            for of in &o.fields {
                match n.fields.iter().find(|f| f.wire == of.wire) {
                    None => push(
                        Impact::Breaking,
                        format!("field `{name}.{}` removed", of.wire),
                    ),
                    Some(nf) => {
                        let (a, b) = (ty_text(op, &of.ty), ty_text(np, &nf.ty));
                        if a != b {
                            push(
                                Impact::Breaking,
                                format!("field `{name}.{}` type changed: {a} -> {b}", of.wire),
                            );
                        }
                        if !of.required && nf.required {
                            push(
                                Impact::Breaking,
                                format!("field `{name}.{}` made required", of.wire),
                            );
                        } else if of.required && !nf.required {
                            push(
                                Impact::Breaking,
                                format!(
                                    "field `{name}.{}` made optional (its type becomes an Option)",
                                    of.wire
                                ),
                            );
                        }
                        if of.rust != nf.rust {
                            push(
                                Impact::Breaking,
                                format!(
                                    "field `{name}.{}` renamed in Rust: {} -> {}",
                                    of.wire, of.rust, nf.rust
                                ),
                            );
                        }
                    }
                }
            }
            for nf in &n.fields {
                if !o.fields.iter().any(|f| f.wire == nf.wire) {
                    if nf.required {
                        push(
                            Impact::Breaking,
                            format!("required field `{name}.{}` added", nf.wire),
                        );
                    } else {
                        push(
                            Impact::Additive,
                            format!("optional field `{name}.{}` added", nf.wire),
                        );
                    }
                }
            }
        }
        for (name, _) in &nt {
            if !ot.iter().any(|(k, _)| k == name) {
                push(Impact::Additive, format!("type `{name}` added"));
            }
        }
        let enum_name = |p: &Platform, e: &mpapi_codegen::ir::Enum| {
            format!("{}::{}", module(p, e.owner), e.name)
        };
        for oe in &op.enums {
            let key = enum_name(op, oe);
            let Some(ne) = np.enums.iter().find(|e| enum_name(np, e) == key) else {
                push(Impact::Breaking, format!("enum `{key}` removed"));
                continue;
            };
            for v in &oe.variants {
                if !ne
                    .variants
                    .iter()
                    .any(|n| n.wire == v.wire && n.code == v.code)
                {
                    push(
                        Impact::Breaking,
                        format!(
                            "enum value `{key}::{}` ({}) removed or changed",
                            v.rust, v.code
                        ),
                    );
                }
            }
            for v in &ne.variants {
                if !oe
                    .variants
                    .iter()
                    .any(|o| o.wire == v.wire && o.code == v.code)
                {
                    push(
                        Impact::Additive,
                        format!("enum value `{key}::{}` ({}) added", v.rust, v.code),
                    );
                }
            }
        }
        for ne in &np.enums {
            let key = enum_name(np, ne);
            if !op.enums.iter().any(|e| enum_name(op, e) == key) {
                push(Impact::Additive, format!("enum `{key}` added"));
            }
        }
        let endpoints = |p: &Platform| {
            p.groups
                .iter()
                .flat_map(|g| g.endpoints.iter())
                .cloned()
                .collect::<Vec<_>>()
        };
        let (oes, nes) = (endpoints(op), endpoints(np));
        for oe in &oes {
            let Some(ne) = nes.iter().find(|e| e.id == oe.id) else {
                push(Impact::Breaking, format!("endpoint `{}` removed", oe.id));
                continue;
            };
            let codes = |e: &mpapi_codegen::ir::Endpoint| {
                let mut c: Vec<i64> = e
                    .errors
                    .iter()
                    .chain(e.scoped_errors.iter().flat_map(|(_, rows)| rows.iter()))
                    .map(|r| r.code)
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            };
            let (oc, nc) = (codes(oe), codes(ne));
            for c in &oc {
                if !nc.contains(c) {
                    push(
                        Impact::Breaking,
                        format!("error code {c} of `{}` removed", oe.id),
                    );
                }
            }
            for c in &nc {
                if !oc.contains(c) {
                    push(
                        Impact::Additive,
                        format!("error code {c} of `{}` added", oe.id),
                    );
                }
            }
        }
        for ne in &nes {
            if !oes.iter().any(|e| e.id == ne.id) {
                push(Impact::Additive, format!("endpoint `{}` added", ne.id));
            }
        }
    }
    for np in new.platforms() {
        if !old.platforms().iter().any(|p| p.id == np.id) {
            push(Impact::Additive, format!("platform `{}` added", np.id));
        }
    }
    out.sort_by_key(|c| c.impact);
    out
}

/// Extracts `spec/` at `rev` into a new temporary folder and returns it (removed again on
/// failure).
fn spec_at(root: &Path, rev: &str) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("mpapi-api-diff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = extract(root, rev, &dir);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result.map(|()| dir)
}

fn extract(root: &Path, rev: &str, dir: &Path) -> Result<(), String> {
    let archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar", rev, "spec"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let out = archive
        .wait_with_output()
        .map_err(|e| format!("git archive failed: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git archive {rev} spec: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let mut tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if let Some(stdin) = tar.stdin.as_mut() {
        use std::io::Write;
        stdin
            .write_all(&out.stdout)
            .map_err(|e| format!("tar: {e}"))?;
    }
    let status = tar.wait().map_err(|e| format!("tar: {e}"))?;
    if !status.success() {
        return Err("tar could not unpack the specs".into());
    }
    Ok(())
}

/// Runs `api-diff REV` in workspace `root`.
pub fn run(root: &Path, rev: &str) -> ExitCode {
    let old_dir = match spec_at(root, rev) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let old = mpapi_codegen::load_and_check(&old_dir.join("spec"));
    let _ = std::fs::remove_dir_all(&old_dir);
    let old = match old {
        Ok((_, ir)) => ir,
        Err(d) => {
            eprintln!("{d}error: the specs at {rev} do not load");
            return ExitCode::from(2);
        }
    };
    let new = match mpapi_codegen::load_and_check(&root.join("spec")) {
        Ok((_, ir)) => ir,
        Err(d) => {
            eprintln!("{d}error: the working tree's specs do not load");
            return ExitCode::from(2);
        }
    };
    let changes = diff(&old, &new);
    print!("{}", render(&changes, rev));
    if changes.iter().any(|c| c.impact == Impact::Breaking) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The changes as text, with a closing verdict.
pub fn render(changes: &[ApiChange], rev: &str) -> String {
    let mut out = String::new();
    for c in changes {
        let tag = match c.impact {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
        };
        out.push_str(&format!("{tag}: {}\n", c.what));
    }
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    out.push_str(&match (breaking, changes.len()) {
        (0, 0) => format!("no API change since {rev}\n"),
        (0, n) => format!("{n} additive change(s) since {rev}: a minor version\n"),
        (b, n) => format!("{b} breaking change(s) of {n} since {rev}: a major version\n"),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::tests::Scratch;

    fn ir(spec: &Path) -> Ir {
        match mpapi_codegen::load_and_check(spec) {
            Ok((_, ir)) => ir,
            Err(d) => panic!("{d}"),
        }
    }

    const FILE: &str = "spec/wechat/drift_probe/add_order.yaml";

    fn probe() -> Option<Scratch> {
        let s = Scratch::new("api")?;
        s.probe(|d| d.to_owned());
        Some(s)
    }

    fn edit(s: &Scratch, f: impl Fn(&str) -> String) {
        let path = s.root.join(FILE);
        let text = std::fs::read_to_string(&path).expect("read");
        let edited = f(&text);
        assert_ne!(edited, text, "the edit changed nothing");
        std::fs::write(&path, edited).expect("write");
    }

    #[test]
    fn a_removed_field_is_breaking_and_a_new_optional_field_additive() {
        let Some(s) = probe() else {
            return;
        };
        let old = ir(&s.spec());
        assert!(diff(&old, &old).is_empty());
        // Remove `tagid` (its whole entry) and add an optional `remark_code`.
        edit(&s, |text| {
            let start = text.find("      - name: tagid\n").expect("tagid");
            let end = start
                + text[start..]
                    .find("      - name: add_source\n")
                    .expect("next");
            format!(
                "{}      - name: remark_code\n        type: string\n        description: 备注编码\n{}",
                &text[..start],
                &text[end..]
            )
        });
        let changes = diff(&old, &ir(&s.spec()));
        assert_eq!(
            changes,
            vec![
                ApiChange {
                    impact: Impact::Breaking,
                    what: "field `wechat::drift_probe::AddOrderRequest.tagid` removed".into()
                },
                ApiChange {
                    impact: Impact::Additive,
                    what: "optional field `wechat::drift_probe::AddOrderRequest.remark_code` added"
                        .into()
                },
            ]
        );
        assert!(
            render(&changes, "HEAD")
                .ends_with("1 breaking change(s) of 2 since HEAD: a major version\n")
        );
    }

    #[test]
    fn enum_values_error_codes_and_required_flags_are_classified() {
        let Some(s) = probe() else {
            return;
        };
        let old = ir(&s.spec());
        edit(&s, |text| {
            text.replacen(
                "        code: 1\n        description: 总部签约结算\n",
                "        code: 1\n        description: 总部签约结算\n      - name: VALUE_2\n        code: 2\n        description: 新策略\n",
                1,
            )
            .replacen(
                "      - name: custom_remark\n        type: string\n",
                "      - name: custom_remark\n        type: string\n        required: true\n",
                1,
            )
            .replacen("errors:\n", "errors:\n  - code: 9399999\n    message: 新错误\n", 1)
            .replacen("  - code: 9300536\n", "  - code: 9300999\n", 1)
        });
        let changes = diff(&old, &ir(&s.spec()));
        let whats: Vec<(Impact, &str)> = changes
            .iter()
            .map(|c| (c.impact, c.what.as_str()))
            .collect();
        assert_eq!(
            whats,
            vec![
                (
                    Impact::Breaking,
                    "field `wechat::drift_probe::AddOrderRequest.custom_remark` made required"
                ),
                (
                    Impact::Breaking,
                    "error code 9300536 of `wechat.drift_probe.add_order` removed"
                ),
                (
                    Impact::Additive,
                    "enum value `wechat::drift_probe::AddOrderTakeMode::Value2` (2) added"
                ),
                (
                    Impact::Additive,
                    "error code 9300999 of `wechat.drift_probe.add_order` added"
                ),
                (
                    Impact::Additive,
                    "error code 9399999 of `wechat.drift_probe.add_order` added"
                ),
            ]
        );
    }
}
