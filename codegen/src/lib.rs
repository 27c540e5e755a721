//! `mpapi-codegen`: loads the YAML specs under `spec/`, checks them, and generates the
//! Rust bindings under `crates/`.
//!
//! The pipeline runs one way: [`load`] (YAML -> [`model`], syntax diagnostics) ->
//! [`check`] (names, references, semantics) -> [`emit`] (Rust source via `quote` and
//! `prettyplease`) -> [`write`](mod@write) (only files that changed). Every stage collects all its
//! diagnostics before failing, and nothing is written unless every spec is clean.

pub mod check;
pub mod diag;
pub mod emit;
pub mod load;
pub mod model;
pub mod naming;
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
}

/// Loads and checks every spec under `workspace/spec` and returns the files to generate.
pub fn generate(workspace: &Path) -> Result<(Vec<GeneratedFile>, Vec<PathBuf>), GenError> {
    // Relative to the workspace when run from it, so diagnostics read `spec/...:line:col`.
    let spec_dir = if workspace == Path::new(".") {
        PathBuf::from("spec")
    } else {
        workspace.join("spec")
    };
    let specs = load::load_specs(&spec_dir)?;
    let files = emit::emit(&specs)?;
    let owned = specs.platforms.iter().map(emit::generated_dir).collect();
    Ok((files, owned))
}

/// Generates and writes (or, with `check`, only compares) every file under `workspace`.
pub fn run(workspace: &Path, check: bool) -> Result<SyncReport, GenError> {
    let (files, owned) = generate(workspace)?;
    Ok(write::sync(workspace, &files, &owned, check)?)
}
