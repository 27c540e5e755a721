//! `cargo xtask`: the project's own tasks. `cargo xtask gen` regenerates the bindings
//! from `spec/`; `cargo xtask gen --check` fails if the committed bindings are stale;
//! `cargo xtask docs drift|accept|draft` keeps the specs in step with the platform docs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

mod api_diff;
mod docs;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "mpapi project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the bindings under crates/ from the specs under spec/.
    Gen {
        /// Write nothing; exit 1 listing every generated file that is stale.
        #[arg(long)]
        check: bool,
        /// Workspace to generate in (default: this repository); output paths are relative to it.
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
    },
    /// Compare the API generated from the specs at a git revision with the working tree;
    /// exit 1 on a breaking change.
    ApiDiff {
        /// The revision to compare with, e.g. `main` or `HEAD~1`.
        rev: String,
    },
    /// Keep specs in step with the platform docs: drift, accept, draft.
    Docs {
        #[command(subcommand)]
        command: docs::DocsCommand,
    },
}

fn workspace_root() -> PathBuf {
    // xtask/ sits directly under the workspace root.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Gen { check, workspace } => {
            generate(check, workspace.unwrap_or_else(workspace_root))
        }
        Command::Docs { command } => docs::run(command, &workspace_root()),
        Command::ApiDiff { rev } => api_diff::run(&workspace_root(), &rev),
    }
}

fn generate(check: bool, root: PathBuf) -> ExitCode {
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!(
            "error: cannot enter the workspace root {}: {e}",
            root.display()
        );
        return ExitCode::from(2);
    }
    let started = Instant::now();
    eprintln!("loading specs from spec/ ...");
    match mpapi_codegen::run(Path::new("."), check) {
        Ok((report, warnings)) => {
            for w in &warnings {
                eprint!("{w}");
            }
            let elapsed = started.elapsed().as_millis();
            if check {
                if report.is_clean() {
                    eprintln!(
                        "generated code is up to date ({} files checked in {elapsed} ms)",
                        report.unchanged
                    );
                    ExitCode::SUCCESS
                } else {
                    eprintln!(
                        "error: generated code is stale; run `cargo xtask gen` and commit the result:"
                    );
                    for p in &report.changed {
                        eprintln!("  stale: {}", p.display());
                    }
                    for p in &report.removed {
                        eprintln!("  no longer generated: {}", p.display());
                    }
                    ExitCode::FAILURE
                }
            } else {
                for p in &report.changed {
                    eprintln!("  wrote {}", p.display());
                }
                for p in &report.removed {
                    eprintln!("  removed {}", p.display());
                }
                eprintln!(
                    "done in {elapsed} ms: {} written, {} removed, {} unchanged",
                    report.changed.len(),
                    report.removed.len(),
                    report.unchanged
                );
                ExitCode::SUCCESS
            }
        }
        Err(mpapi_codegen::GenError::Spec(diags)) => {
            eprintln!("{diags}");
            eprintln!(
                "error: {} problem(s) in the specs; nothing was written. Fix them (see spec/README.md) and run again.",
                diags.list.len()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
