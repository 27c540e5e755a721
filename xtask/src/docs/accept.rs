//! `cargo xtask docs accept ENDPOINT_ID`: records the current hash and facts of every doc
//! source of an endpoint after a person has reviewed the spec against them.
//!
//! A spec still in the old form `doc: FILE` gets its sources filled in: when the file is a
//! structured capture holding several endpoints, the section is the one whose heading is
//! the endpoint's `title:`.

use std::path::Path;

use mpapi_codegen::model::SpecSet;

use super::capture;
use super::drift;
use super::lock::{Lock, LockedSource};
use super::specs::{self, SourceText};

/// What accepting changed, for the message.
pub struct Accepted {
    /// The spec rewritten.
    pub spec: String,
    /// The lock file written (or removed), if any.
    pub lock: Option<String>,
    /// One line per source.
    pub sources: Vec<String>,
}

/// Records the current state of every source of endpoint `id`.
pub fn accept(set: &SpecSet, docs_dir: &Path, id: &str) -> Result<Accepted, String> {
    let all = specs::endpoints(set);
    let sp = all
        .iter()
        .find(|e| e.id() == id)
        .ok_or_else(|| format!("no spec has endpoint id `{id}` (ids are `platform.group.name`)"))?;
    let key = sp
        .endpoint
        .doc_key
        .as_ref()
        .ok_or_else(|| format!("{}: the endpoint has no `doc:` key", sp.file.path.display()))?;
    let mut written = Vec::new();
    let mut locked = Vec::new();
    let mut lines = Vec::new();
    for src in sp.sources() {
        let file = src.file.value.as_str();
        let text = std::fs::read_to_string(docs_dir.join(file))
            .map_err(|e| format!("`{file}` cannot be read from {}: {e}", docs_dir.display()))?;
        let section = match &src.section {
            Some(s) => Some(s.value.clone()),
            None if capture::is_structured(file) && capture::is_multi_endpoint(&text) => {
                Some(sp.endpoint.title.value.clone())
            }
            None => None,
        };
        let (hash, ep) = drift::current(docs_dir, file, section.as_deref())
            .map_err(|e| format!("{}: {e}", src.loc))?;
        let url = src
            .url
            .as_ref()
            .map(|u| u.value.clone())
            .or_else(|| ep.as_ref().and_then(|e| e.url.clone()))
            .or_else(|| {
                capture::is_structured(file)
                    .then(|| capture::official_url(&text).or_else(|| first_official(&text)))
                    .flatten()
            });
        if let Some(ep) = &ep {
            locked.push(LockedSource {
                file: file.to_owned(),
                section: section.clone(),
                sha256: hash.clone(),
                facts: ep.facts(),
            });
        }
        lines.push(match &section {
            Some(s) => format!("{file} § {s}: sha256 {hash}"),
            None => format!("{file}: sha256 {hash}"),
        });
        written.push(SourceText {
            file: file.to_owned(),
            section,
            url,
            sha256: Some(hash),
        });
    }
    let spec_text = std::fs::read_to_string(&sp.file.path)
        .map_err(|e| format!("{}: cannot read: {e}", sp.file.path.display()))?;
    let new_text = specs::replace_doc_block(&spec_text, key, &written)
        .ok_or_else(|| format!("{key}: cannot find the `doc:` key to rewrite"))?;
    std::fs::write(&sp.file.path, new_text)
        .map_err(|e| format!("{}: cannot write: {e}", sp.file.path.display()))?;
    let lock_path = specs::lock_path(&sp.file.path);
    let lock = if locked.is_empty() {
        if lock_path.exists() {
            std::fs::remove_file(&lock_path)
                .map_err(|e| format!("{}: cannot remove: {e}", lock_path.display()))?;
            Some(format!("removed {}", lock_path.display()))
        } else {
            None
        }
    } else {
        Lock {
            endpoint: id.to_owned(),
            sources: locked,
        }
        .write(&lock_path)?;
        Some(format!("wrote {}", lock_path.display()))
    };
    Ok(Accepted {
        spec: sp.file.path.display().to_string(),
        lock,
        sources: lines,
    })
}

/// `- Official page (current): URL` in a single-endpoint capture's header.
fn first_official(text: &str) -> Option<String> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("- Official page"))
        .find_map(|l| {
            let start = l.find("https://")?;
            Some(
                l[start..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect(),
            )
        })
}
