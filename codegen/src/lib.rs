//! `mpapi-codegen`: loads the YAML specs under `spec/`, checks them, and generates the
//! Rust bindings under `crates/`.
//!
//! The pipeline runs one way, each stage with its own types:
//!
//! - [`load`]: YAML -> [`model::SpecSet`], syntax only (every problem, with spans);
//! - [`check::check`]: `&SpecSet` -> `Result<`[`ir::Ir`]`, Diagnostics>`: names resolved to
//!   ids, field paths typed, enum variants and platform codes resolved;
//! - [`emit::emit`]: `&Ir` -> files (Rust source via `quote` and `prettyplease`); it reads
//!   only the IR and cannot fail on a spec;
//! - [`export`]: `&Ir` -> an OpenAPI document and JSON Schemas per platform;
//! - [`write`](mod@write): only files that changed; `--check` compares in memory.
//!
//! Rule kinds live in [`rules`] and constraint kinds in [`constraints`], one module each.
//! Every stage collects all its diagnostics before failing, and nothing is written unless
//! every spec is clean.

pub mod check;
pub mod constraints;
pub mod diag;
pub mod emit;
pub mod export;
pub mod ir;
pub mod load;
pub mod model;
pub mod naming;
pub mod outcome;
pub mod rules;
pub mod sandbox;
#[cfg(test)]
mod testing;
pub mod write;

use std::path::{Path, PathBuf};

pub use emit::GeneratedFile;
pub use write::SyncReport;

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// The specs have problems; every one is listed.
    #[error("{0}")]
    Spec(#[from] diag::Diagnostics),
    /// The generator produced code that does not parse (a generator bug).
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] write::WriteError),
    /// A platform crate's `Cargo.toml` does not declare a feature per spec group.
    #[error(transparent)]
    Features(#[from] emit::features::FeatureProblems),
}

/// What generation produced: the files, the directories they own, and warnings.
#[derive(Debug)]
pub struct Generated {
    /// Every generated file.
    pub files: Vec<GeneratedFile>,
    /// The generated directories (stale files in them are removed).
    pub owned: Vec<PathBuf>,
    /// Problems that do not stop generation.
    pub warnings: Vec<diag::Diagnostic>,
    /// The checked specs the files were generated from.
    pub ir: ir::Ir,
}

/// The docs folder: `MPAPI_DOCS_DIR`, or `../shared/docs` beside the workspace.
pub fn docs_dir(workspace: &Path) -> Option<PathBuf> {
    let dir = match std::env::var_os("MPAPI_DOCS_DIR") {
        Some(d) => PathBuf::from(d),
        None => workspace.join("..").join("shared").join("docs"),
    };
    dir.is_dir().then_some(dir)
}

/// Loads and checks the specs under `root` (a `spec/` folder), without a docs folder.
///
/// Every problem is reported in one run: the checks also run over what could be read from
/// files with syntax problems.
pub fn load_and_check(root: &Path) -> Result<(model::SpecSet, ir::Ir), diag::Diagnostics> {
    load_and_check_with_docs(root, None)
}

fn load_and_check_with_docs(
    root: &Path,
    docs: Option<&Path>,
) -> Result<(model::SpecSet, ir::Ir), diag::Diagnostics> {
    let (set, mut d) = load::load_unchecked(root);
    match check::check(&set, docs) {
        Ok(ir) if d.is_empty() => Ok((set, ir)),
        Ok(_) => {
            d.sort();
            Err(d)
        }
        Err(more) => {
            d.list.extend(more.list);
            d.sort();
            d.list.dedup();
            Err(d)
        }
    }
}

/// The spec set as the checker sees it: each endpoint's typed query parameters gathered
/// into its `…Query` type (added to the file's types, named by `query_type`), so that tools
/// can find a query parameter like a body field.
pub fn with_query_types(set: &model::SpecSet) -> model::SpecSet {
    check::lower::desugar(set)
}

/// Loads, checks and emits every spec under `workspace/spec`.
pub fn generate(workspace: &Path) -> Result<Generated, GenError> {
    // Relative to the workspace when run from it, so diagnostics read `spec/...:line:col`.
    let spec_dir = if workspace == Path::new(".") {
        PathBuf::from("spec")
    } else {
        workspace.join("spec")
    };
    let (_, ir) = load_and_check_with_docs(&spec_dir, docs_dir(workspace).as_deref())?;
    let mut files = emit::emit(&ir)?;
    files.extend(export::export(&ir));
    let owned = ir
        .platforms
        .iter()
        .flat_map(|p| [emit::generated_dir(p), export::schema_dir(p)])
        .collect();
    Ok(Generated {
        files,
        owned,
        warnings: ir.warnings.clone(),
        ir,
    })
}

/// Generates and writes (or, with `check`, only compares) every file under `workspace`.
/// Nothing is written unless every platform crate declares a cargo feature per spec group.
pub fn run(workspace: &Path, check: bool) -> Result<(SyncReport, Vec<diag::Diagnostic>), GenError> {
    let g = generate(workspace)?;
    emit::features::check_features(workspace, &g.ir)?;
    Ok((
        write::sync(workspace, &g.files, &g.owned, check)?,
        g.warnings,
    ))
}

/// Stops with a clear message when the generator meets something the checker should have
/// refused: a generator bug, never a spec mistake to be silently skipped.
#[track_caller]
pub fn internal_error(what: &str) -> ! {
    panic!(
        "internal generator error: {what}; the checker should have reported this spec problem \
         (please report it with the spec that triggers it)"
    )
}
