//! The cargo features of a platform crate: one per spec group, all on by default. The
//! generated code puts each group behind `#[cfg(feature = "<group>")]`, so the crate's
//! `Cargo.toml` (written by hand, with its comments) must declare every group's feature;
//! [`check_features`] reads its `[features]` table and names each missing line.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::ir::Ir;

/// A platform crate whose `Cargo.toml` does not declare its groups as features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureProblem {
    /// The manifest, relative to the workspace root.
    pub manifest: PathBuf,
    /// What to add, in words.
    pub message: String,
}

/// Every [`FeatureProblem`] found, shown one per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FeatureProblems(pub Vec<FeatureProblem>);

impl fmt::Display for FeatureProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the platform crates' cargo features do not match the spec groups (each group is a \
             feature, on by default); nothing was written:"
        )?;
        for p in &self.0 {
            writeln!(f, "  {}: {}", p.manifest.display(), p.message)?;
        }
        Ok(())
    }
}

/// The entries of the `[features]` table of a manifest: each name with the strings of its
/// list. Reads `name = [ "a", "b" ]` entries, a list possibly over several lines, which is
/// how the platform crates write them; anything else in the table is skipped.
pub fn feature_table(manifest: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_table = false;
    // The entry whose list is still open, if any.
    let mut open = false;
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') && !open {
            in_table = line == "[features]";
            continue;
        }
        if !in_table || line.is_empty() {
            continue;
        }
        let rest = if open {
            line
        } else {
            let Some((name, value)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim().trim_matches('"').to_owned();
            let value = value.trim();
            let Some(value) = value.strip_prefix('[') else {
                continue;
            };
            out.push((name, Vec::new()));
            value
        };
        let (items, closed) = match rest.split_once(']') {
            Some((items, _)) => (items, true),
            None => (rest, false),
        };
        if let Some((_, list)) = out.last_mut() {
            list.extend(
                items
                    .split(',')
                    .map(|s| s.trim().trim_matches('"'))
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
        }
        open = !closed;
    }
    out
}

/// The problems of one crate's manifest text against its groups.
pub fn manifest_problems(manifest_path: &Path, text: &str, groups: &[&str]) -> Vec<FeatureProblem> {
    let table = feature_table(text);
    let default: &[String] = table
        .iter()
        .find(|(n, _)| n == "default")
        .map(|(_, l)| l.as_slice())
        .unwrap_or(&[]);
    let mut out = Vec::new();
    for g in groups {
        if !table.iter().any(|(n, _)| n == g) {
            out.push(FeatureProblem {
                manifest: manifest_path.to_path_buf(),
                message: format!(
                    "[features] has no line `{g} = []` for the spec group `{g}`; add it"
                ),
            });
        }
        if !default.iter().any(|d| d == g) {
            out.push(FeatureProblem {
                manifest: manifest_path.to_path_buf(),
                message: format!(
                    "[features] `default` does not list \"{g}\"; every group is on by default, add it"
                ),
            });
        }
    }
    out
}

/// Checks that each platform crate's `Cargo.toml` under `workspace` declares a feature per
/// spec group and turns it on by default.
pub fn check_features(workspace: &Path, ir: &Ir) -> Result<(), FeatureProblems> {
    let mut problems = Vec::new();
    for p in ir.platforms() {
        let manifest = PathBuf::from("crates")
            .join(&p.crate_name)
            .join("Cargo.toml");
        let groups: Vec<&str> = p.groups.iter().map(|g| g.name.as_str()).collect();
        match std::fs::read_to_string(workspace.join(&manifest)) {
            Ok(text) => problems.extend(manifest_problems(&manifest, &text, &groups)),
            Err(e) => problems.push(FeatureProblem {
                manifest,
                message: format!("cannot be read ({e}); it must declare the features {groups:?}"),
            }),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(FeatureProblems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"
[package]
name = "x"

[features]
default = [
    "client",
    "a", # the first group
]
# The client.
client = ["dep:mpapi-client"]
a = []

[lints]
workspace = true
"#;

    #[test]
    fn reads_lists_over_several_lines_and_skips_comments() {
        assert_eq!(
            feature_table(MANIFEST),
            vec![
                (
                    "default".to_owned(),
                    vec!["client".to_owned(), "a".to_owned()]
                ),
                ("client".to_owned(), vec!["dep:mpapi-client".to_owned()]),
                ("a".to_owned(), vec![]),
            ]
        );
    }

    #[test]
    fn a_declared_default_group_is_fine() {
        assert!(manifest_problems(Path::new("Cargo.toml"), MANIFEST, &["a"]).is_empty());
    }

    #[test]
    fn names_the_missing_line_and_the_missing_default() {
        let problems = manifest_problems(Path::new("crates/x/Cargo.toml"), MANIFEST, &["a", "b"]);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "[features] has no line `b = []` for the spec group `b`; add it",
                "[features] `default` does not list \"b\"; every group is on by default, add it",
            ]
        );
        let shown = FeatureProblems(problems).to_string();
        assert!(
            shown.contains("crates/x/Cargo.toml: [features] has no line `b = []`"),
            "{shown}"
        );
    }

    #[test]
    fn a_group_off_by_default_is_reported() {
        let text = "[features]\ndefault = [\"client\"]\nclient = []\na = []\n";
        let problems = manifest_problems(Path::new("Cargo.toml"), text, &["a"]);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("`default` does not list \"a\"")
        );
    }
}
