//! Writing generated files: only what changed is written, stale files are removed, and
//! `--check` compares in memory without touching the disk.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::GeneratedFile;

/// What a sync did, or (in check mode) would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Files whose contents differ from what the specs generate (written unless checking).
    pub changed: Vec<PathBuf>,
    /// Generated files no spec produces any more (deleted unless checking).
    pub removed: Vec<PathBuf>,
    /// Files already up to date (left untouched, so their mtimes do not change).
    pub unchanged: usize,
}

impl SyncReport {
    /// Whether everything was already up to date.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Why writing failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}: {source}", path.display())]
pub struct WriteError {
    /// What was being done.
    pub action: &'static str,
    /// The file.
    pub path: PathBuf,
    /// The I/O error.
    pub source: std::io::Error,
}

/// Brings the files under `root` in line with `files`. Directories listed in `owned` are
/// wholly generated: any `.rs` or `.json` file there that `files` does not produce is stale.
/// With `check`, nothing is written and the report says what would change.
pub fn sync(
    root: &Path,
    files: &[GeneratedFile],
    owned: &[PathBuf],
    check: bool,
) -> Result<SyncReport, WriteError> {
    let mut report = SyncReport::default();
    let produced: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    for f in files {
        let target = root.join(&f.path);
        match fs::read_to_string(&target) {
            Ok(existing) if existing == f.contents => report.unchanged += 1,
            _ => {
                report.changed.push(f.path.clone());
                if !check {
                    if let Some(dir) = target.parent() {
                        fs::create_dir_all(dir).map_err(|source| WriteError {
                            action: "create directory",
                            path: dir.to_path_buf(),
                            source,
                        })?;
                    }
                    fs::write(&target, &f.contents).map_err(|source| WriteError {
                        action: "write",
                        path: target.clone(),
                        source,
                    })?;
                }
            }
        }
    }
    for dir in owned {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut stale: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| dir.join(e.file_name()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "rs" || x == "json")
                    && !produced.contains(p.as_path())
            })
            .collect();
        stale.sort();
        for p in stale {
            if !check {
                fs::remove_file(root.join(&p)).map_err(|source| WriteError {
                    action: "remove",
                    path: p.clone(),
                    source,
                })?;
            }
            report.removed.push(p);
        }
    }
    Ok(report)
}
