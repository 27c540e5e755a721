//! `cargo xtask docs`: keeping specs in step with the platform docs.
//!
//! - `drift` tells which doc sources changed since a spec recorded them, and what changed;
//! - `accept` records the current hash and facts after a review;
//! - `draft` writes a first spec for one endpoint of a structured capture.
//!
//! A spec's `doc:` block names its sources (file, section, official URL, SHA-256 of the
//! whitespace-normalised section, see [`capture`]); the lock file beside it
//! (`NAME.doc.lock`, see [`lock`]) holds the facts of each structured section.

pub mod accept;
pub mod capture;
pub mod draft;
pub mod drift;
pub mod facts;
pub mod lock;
pub mod parse;
pub mod specs;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

/// The `docs` subcommands.
#[derive(Subcommand)]
pub enum DocsCommand {
    /// Report doc sources that changed since their spec recorded them (exit 0: no drift,
    /// 1: drift, 2: usage error or unreadable input).
    Drift {
        /// The docs folder (default: `MPAPI_DOCS_DIR`, or `../shared/docs` beside the workspace).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Also list where a spec differs from its doc's facts without a recorded conflict.
        #[arg(long)]
        against_spec: bool,
    },
    /// Record the current hash and facts of an endpoint's doc sources, after review.
    Accept {
        /// The endpoint id, e.g. `wechat.logistics.add_order`.
        id: String,
        /// The docs folder.
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
    },
    /// Write a draft spec for one endpoint of a structured capture.
    Draft {
        /// The capture (a path, or a file name in the docs folder).
        doc_file: PathBuf,
        /// The endpoint's section heading (not needed for a single-endpoint capture).
        #[arg(long)]
        section: Option<String>,
        /// The endpoint id, `platform.group.name`.
        #[arg(long)]
        id: String,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The docs folder.
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
    },
}

fn docs_folder(root: &Path, given: Option<PathBuf>) -> Result<PathBuf, String> {
    match given {
        Some(d) if d.is_dir() => Ok(d),
        Some(d) => Err(format!("docs folder {} is not a directory", d.display())),
        None => mpapi_codegen::docs_dir(root)
            .ok_or_else(|| "no docs folder: pass --docs DIR or set MPAPI_DOCS_DIR".to_owned()),
    }
}

fn load(root: &Path) -> Result<mpapi_codegen::model::SpecSet, String> {
    let spec = if root == Path::new(".") {
        PathBuf::from("spec")
    } else {
        root.join("spec")
    };
    mpapi_codegen::load_and_check(&spec)
        .map(|(set, _)| set)
        .map_err(|d| format!("{d}the specs have problems; fix them first (cargo xtask gen)"))
}

/// Runs a `docs` subcommand in workspace `root`.
pub fn run(cmd: DocsCommand, root: &Path) -> ExitCode {
    // Relative paths given on the command line are taken from where the command was run.
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let abs = |p: PathBuf| if p.is_absolute() { p } else { cwd.join(p) };
    if let Err(e) = std::env::set_current_dir(root) {
        eprintln!(
            "error: cannot enter the workspace root {}: {e}",
            root.display()
        );
        return ExitCode::from(2);
    }
    let here = Path::new(".");
    let abs_root = std::env::current_dir().unwrap_or_else(|_| root.to_path_buf());
    match cmd {
        DocsCommand::Drift {
            docs,
            json,
            against_spec,
        } => {
            let docs = match docs_folder(&abs_root, docs.map(abs)) {
                Ok(d) => d,
                Err(e) => return usage(&e),
            };
            let set = match load(here) {
                Ok(s) => s,
                Err(e) => return usage(&e),
            };
            let report = match drift::drift(&set, &docs, against_spec) {
                Ok(r) => r,
                Err(e) => return usage(&e),
            };
            if json {
                match serde_json::to_string_pretty(&report) {
                    Ok(t) => println!("{t}"),
                    Err(e) => return usage(&format!("cannot serialise the report: {e}")),
                }
            } else {
                print!("{}", drift::render_text(&report, against_spec));
            }
            if report.drift {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        DocsCommand::Accept { id, docs } => {
            let docs = match docs_folder(&abs_root, docs.map(abs)) {
                Ok(d) => d,
                Err(e) => return usage(&e),
            };
            let set = match load(here) {
                Ok(s) => s,
                Err(e) => return usage(&e),
            };
            match accept::accept(&set, &docs, &id) {
                Ok(a) => {
                    for s in &a.sources {
                        eprintln!("  {s}");
                    }
                    eprintln!("rewrote the `doc:` block of {}", a.spec);
                    if let Some(l) = a.lock {
                        eprintln!("{l}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => usage(&e),
            }
        }
        DocsCommand::Draft {
            doc_file,
            section,
            id,
            out,
            docs,
        } => {
            let path = if doc_file.components().count() == 1 && !abs(doc_file.clone()).is_file() {
                match docs_folder(&abs_root, docs.map(abs)) {
                    Ok(d) => d.join(&doc_file),
                    Err(e) => return usage(&e),
                }
            } else {
                abs(doc_file)
            };
            match draft::draft_file(&path, section.as_deref(), &id) {
                Ok(text) => match out {
                    Some(o) => {
                        let o = abs(o);
                        if let Err(e) = std::fs::write(&o, text) {
                            return usage(&format!("{}: cannot write: {e}", o.display()));
                        }
                        eprintln!("wrote {}", o.display());
                        ExitCode::SUCCESS
                    }
                    None => {
                        print!("{text}");
                        ExitCode::SUCCESS
                    }
                },
                Err(e) => usage(&e),
            }
        }
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
