//! The lock file beside a spec (`NAME.doc.lock`, JSON): the facts of each structured doc
//! source as last reviewed, keyed by file and section.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::facts::Facts;

/// A lock file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lock {
    /// The endpoint id.
    pub endpoint: String,
    /// One entry per structured source.
    pub sources: Vec<LockedSource>,
}

/// The recorded facts of one source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockedSource {
    /// The doc file.
    pub file: String,
    /// The section heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The hash the facts were read from (the spec records the same).
    pub sha256: String,
    /// The facts.
    pub facts: Facts,
}

impl Lock {
    /// Reads a lock file; `Ok(None)` when there is none.
    pub fn read(path: &Path) -> Result<Option<Lock>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
    }

    /// Writes the lock file (pretty JSON, one trailing newline).
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| format!("cannot serialise the lock file: {e}"))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    /// The entry of a source.
    pub fn source(&self, file: &str, section: Option<&str>) -> Option<&LockedSource> {
        self.sources
            .iter()
            .find(|s| s.file == file && s.section.as_deref() == section)
    }
}
