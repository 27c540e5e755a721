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
pub(crate) mod tests;

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

fn spec_dir(root: &Path) -> PathBuf {
    // Relative to the workspace when run from it, so locations read `spec/...:line:col`.
    if root == Path::new(".") {
        PathBuf::from("spec")
    } else {
        root.join("spec")
    }
}

fn load(root: &Path) -> Result<mpapi_codegen::model::SpecSet, String> {
    load_spec_dir(&spec_dir(root))
}

fn load_spec_dir(spec: &Path) -> Result<mpapi_codegen::model::SpecSet, String> {
    mpapi_codegen::load_and_check(spec)
        .map(|(set, _)| mpapi_codegen::with_query_types(&set))
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
            let (code, out) = drift_command(&spec_dir(here), &docs, json, against_spec);
            print!("{out}");
            ExitCode::from(code)
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

/// `docs drift` over the specs in `spec` and the captures in `docs`: the exit status (0 no
/// drift, 1 drift, 2 unreadable input) and what to print on standard output (errors go to
/// standard error).
pub fn drift_command(spec: &Path, docs: &Path, json: bool, against_spec: bool) -> (u8, String) {
    if !docs.is_dir() {
        eprintln!("error: docs folder {} is not a directory", docs.display());
        return (2, String::new());
    }
    let set = match load_spec_dir(spec) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return (2, String::new());
        }
    };
    let report = match drift::drift(&set, docs, against_spec) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return (2, String::new());
        }
    };
    let out = if json {
        match serde_json::to_string_pretty(&report) {
            Ok(t) => t + "\n",
            Err(e) => {
                eprintln!("error: cannot serialise the report: {e}");
                return (2, String::new());
            }
        }
    } else {
        drift::render_text(&report, against_spec)
    };
    (u8::from(report.drift), out)
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
