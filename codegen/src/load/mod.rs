//! Reading spec files into the [`model`](crate::model).
//!
//! [`load_specs`] walks `spec/<platform>/platform.yaml` and `spec/<platform>/<group>/*.yaml`,
//! reads every file into a span-carrying YAML tree ([`yaml`]), turns the tree into the model
//! by hand (reporting every unknown key, missing key, wrong kind and bad keyword and carrying
//! on), then runs the [`check`](crate::check)s. The model comes back only when there is no
//! diagnostic at all.
//!
//! ```no_run
//! use std::path::Path;
//!
//! match mpapi_codegen::load::load_specs(Path::new("spec")) {
//!     Ok(set) => println!("{} platforms", set.platforms.len()),
//!     Err(diagnostics) => eprint!("{diagnostics}"),
//! }
//! ```

mod endpoint;
mod enums;
mod extras;
mod platform;
pub(crate) mod reader;
pub(crate) mod rules;
pub(crate) mod typeref;
pub(crate) mod types;
pub mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::model::{Group, Loc, Platform, SpecFile, SpecSet};
use yaml::Node;

pub use rules::path_text;

/// The name of a group's shared-types file.
pub const TYPES_FILE: &str = "types.yaml";

/// Reads every spec under `root` (syntax only: no name is resolved here).
///
/// Returns the model only if no file has any syntax problem; otherwise every problem found,
/// in every file, sorted by location. [`crate::check::check`] turns the model into the IR.
pub fn load_specs(root: &Path) -> Result<SpecSet, Diagnostics> {
    let (set, mut diagnostics) = load_unchecked(root);
    if diagnostics.is_empty() {
        Ok(set)
    } else {
        diagnostics.sort();
        Err(diagnostics)
    }
}

/// Reads every spec under `root`, returning what could be read and the problems found
/// while reading. Values that were missing are empty placeholders.
pub fn load_unchecked(root: &Path) -> (SpecSet, Diagnostics) {
    let mut d = Diagnostics::default();
    let mut set = SpecSet::default();
    for dir in subdirs(root, &mut d) {
        set.platforms.push(load_platform(&dir, &mut d));
    }
    (set, d)
}

fn start_of(path: &Path) -> Loc {
    Loc {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
    }
}

/// Sorted entries of a directory, split into (directories, files).
fn dir_entries(dir: &Path, d: &mut Diagnostics) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(err) => {
            d.error(&start_of(dir), format!("cannot read directory: {err}"));
            return (Vec::new(), Vec::new());
        }
    };
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    for entry in read {
        match entry {
            Ok(entry) => {
                // Hidden entries (`.DS_Store`, editor folders) are not specs.
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = dir.join(entry.file_name());
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
            Err(err) => d.error(&start_of(dir), format!("cannot read directory: {err}")),
        }
    }
    dirs.sort();
    files.sort();
    (dirs, files)
}

fn subdirs(dir: &Path, d: &mut Diagnostics) -> Vec<PathBuf> {
    dir_entries(dir, d).0
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml")
}

/// Lower snake_case: what platform, group and endpoint names must be.
fn is_snake(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_snake(path: &Path, name: &str, what: &str, d: &mut Diagnostics) {
    if !is_snake(name) {
        d.error_help(
            &start_of(path),
            format!("{what} name `{name}` is not lower snake_case"),
            "rename it: the name becomes part of endpoint ids and Rust module names",
        );
    }
}

/// Reads a file and parses it, reporting unreadable, non-UTF-8 and syntax problems.
fn read_yaml(path: &Path, d: &mut Diagnostics) -> Option<Node> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            d.error(&start_of(path), format!("cannot read file: {err}"));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.as_bytes().get(..err.utf8_error().valid_up_to());
            let before = valid.map(String::from_utf8_lossy).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            d.error(
                &Loc {
                    file: path.to_path_buf(),
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    column: u32::try_from(column).unwrap_or(u32::MAX),
                },
                "file is not valid UTF-8",
            );
            return None;
        }
    };
    match yaml::parse(path, &text) {
        Ok(node) => Some(node),
        Err(diagnostic) => {
            d.push(diagnostic);
            None
        }
    }
}

fn load_platform(dir: &Path, d: &mut Diagnostics) -> Platform {
    let dir_name = file_name(dir);
    check_snake(dir, &dir_name, "platform", d);
    let (dirs, files) = dir_entries(dir, d);
    let platform_file = dir.join("platform.yaml");
    let mut platform = match files.iter().find(|f| **f == platform_file) {
        Some(file) => match read_yaml(file, d) {
            Some(node) => platform::platform(&node, file, d),
            None => platform::platform(&missing_root(file), file, &mut Diagnostics::default()),
        },
        None => {
            d.error_help(
                &start_of(dir),
                format!("platform directory `{dir_name}` has no platform.yaml"),
                "every spec/<platform>/ needs a platform.yaml (see spec/README.md)",
            );
            platform::platform(
                &missing_root(&platform_file),
                &platform_file,
                &mut Diagnostics::default(),
            )
        }
    };
    let shared_file = dir.join(TYPES_FILE);
    if let Some(file) = files.iter().find(|f| **f == shared_file)
        && let Some(node) = read_yaml(file, d)
    {
        platform.shared = Some(spec_file(&node, file, true, d));
    }
    for file in &files {
        if *file != platform_file && *file != shared_file && is_yaml(file) {
            d.error_help(
                &start_of(file),
                "unexpected spec file at platform level",
                "endpoint files live in spec/<platform>/<group>/; types shared by the groups in spec/<platform>/types.yaml",
            );
        }
    }
    for group_dir in dirs {
        platform.groups.push(load_group(&group_dir, d));
    }
    platform
}

/// An empty tree standing in for a file that could not be read (already reported).
fn missing_root(file: &Path) -> Node {
    Node {
        kind: yaml::NodeKind::Map(Vec::new()),
        loc: start_of(file),
    }
}

fn load_group(dir: &Path, d: &mut Diagnostics) -> Group {
    let name = file_name(dir);
    check_snake(dir, &name, "group", d);
    let (dirs, files) = dir_entries(dir, d);
    for sub in dirs {
        d.error_help(
            &start_of(&sub),
            "unexpected directory inside a group",
            "a group holds its endpoint files and types.yaml directly",
        );
    }
    let mut out = Vec::new();
    // types.yaml first, then endpoints by name (the listing is sorted already).
    let (shared, endpoints): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| file_name(f) == TYPES_FILE);
    for file in shared.iter().chain(endpoints.iter()) {
        let fname = file_name(file);
        if !is_yaml(file) {
            if fname.ends_with(".yml") {
                d.error_help(
                    &start_of(file),
                    "spec files end in `.yaml`",
                    "rename the file; `.yml` files are not read",
                );
            }
            continue;
        }
        let is_types = fname == TYPES_FILE;
        if !is_types {
            let stem = fname.trim_end_matches(".yaml");
            check_snake(file, stem, "endpoint file", d);
        }
        if let Some(node) = read_yaml(file, d) {
            out.push(spec_file(&node, file, is_types, d));
        }
    }
    Group { name, files: out }
}

const ENDPOINT_FILE_KEYS: &[&str] = &[
    "endpoint",
    "types",
    "enums",
    "errors",
    "examples",
    "conflicts",
    "sandbox",
];
const TYPES_FILE_KEYS: &[&str] = &["types", "enums", "conflicts"];

fn spec_file(root: &Node, path: &Path, is_types: bool, d: &mut Diagnostics) -> SpecFile {
    let mut out = SpecFile {
        path: path.to_path_buf(),
        endpoint: None,
        types: Vec::new(),
        enums: Vec::new(),
        errors: Vec::new(),
        examples: Vec::new(),
        conflicts: Vec::new(),
        sandbox: None,
    };
    let (what, keys) = if is_types {
        ("a types.yaml file", TYPES_FILE_KEYS)
    } else {
        ("an endpoint file", ENDPOINT_FILE_KEYS)
    };
    let Some(e) = reader::entries(root, what, keys, d) else {
        return out;
    };
    if !is_types && let Some(node) = e.required("endpoint", d) {
        let key_loc = e.key_loc("endpoint").unwrap_or(&node.loc);
        out.endpoint = endpoint::endpoint(node, key_loc, d);
    }
    if let Some(n) = e.get("types") {
        out.types = types::types(n, d);
    }
    if let Some(n) = e.get("enums") {
        out.enums = enums::enums(n, d);
    }
    if let Some(n) = e.get("errors") {
        out.errors = extras::errors(n, d);
    }
    if let Some(n) = e.get("examples") {
        out.examples = extras::examples(n, d);
    }
    if let Some(n) = e.get("conflicts") {
        out.conflicts = extras::conflicts(n, d);
    }
    if let Some(n) = e.get("sandbox") {
        out.sandbox = crate::sandbox::load(n, d);
    }
    out
}
