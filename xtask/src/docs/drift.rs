//! `cargo xtask docs drift`: for every spec, whether each doc source is unchanged, changed
//! or missing, and for a changed structured section what changed, field by field, with the
//! spec location each difference concerns.

use std::path::{Path, PathBuf};

use serde::Serialize;

use mpapi_codegen::constraints::ConstraintSyntax;
use mpapi_codegen::model::{Num, SpecSet, WireKind};

use super::capture;
use super::facts::{self, Bound, Change, Facts};
use super::lock::Lock;
use super::parse::{self, DocEndpoint};
use super::specs::{self, SpecEndpoint};

/// The state of one doc source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The section hashes as recorded and its facts are recorded.
    Unchanged,
    /// The section's hash differs from the recorded one (or its facts from the lock file).
    Changed,
    /// The file, or the section in it, is gone.
    Missing,
    /// The spec records no hash (the old `doc: FILE` form) or the lock file lacks the facts.
    NotRecorded,
}

/// A difference with the spec location it concerns.
#[derive(Clone, Debug, Serialize)]
pub struct Located {
    /// `spec/...yaml:line:col`.
    pub location: String,
    /// The difference.
    #[serde(flatten)]
    pub change: Change,
    /// One line for a person.
    pub message: String,
}

/// One doc source of one endpoint.
#[derive(Clone, Debug, Serialize)]
pub struct SourceReport {
    /// The doc file.
    pub file: String,
    /// The section heading.
    pub section: Option<String>,
    /// Its state.
    pub status: Status,
    /// Where the spec records it.
    pub location: String,
    /// The recorded hash.
    pub recorded_sha256: Option<String>,
    /// The current hash (absent when the source is missing).
    pub current_sha256: Option<String>,
    /// What to do.
    pub hint: String,
    /// Field-level changes (structured sections only).
    pub changes: Vec<Located>,
}

/// A place where the spec differs from its doc's facts and records no conflict.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// `spec/...yaml:line:col`.
    pub location: String,
    /// The doc path or `errors.CODE`.
    pub path: String,
    /// What differs.
    pub message: String,
}

/// One endpoint.
#[derive(Clone, Debug, Serialize)]
pub struct EndpointReport {
    /// The endpoint id.
    pub id: String,
    /// Its spec file.
    pub spec: String,
    /// Whether a person must review it.
    pub review: bool,
    /// Its sources.
    pub sources: Vec<SourceReport>,
    /// With `--against-spec`: where the spec differs from the doc's facts.
    pub against_spec: Vec<Finding>,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Whether anything needs review.
    pub drift: bool,
    /// The endpoints to review, by id.
    pub review: Vec<String>,
    /// Every endpoint.
    pub endpoints: Vec<EndpointReport>,
}

/// A doc file's text, cached per run.
struct Docs {
    dir: PathBuf,
    cache: Vec<(String, Option<String>)>,
}

impl Docs {
    fn text(&mut self, file: &str) -> Option<String> {
        if let Some((_, t)) = self.cache.iter().find(|(f, _)| f == file) {
            return t.clone();
        }
        let t = std::fs::read_to_string(self.dir.join(file)).ok();
        self.cache.push((file.to_owned(), t.clone()));
        t
    }
}

/// The current state of one source: its hash and, for a structured one, the endpoint read
/// from it; `Err` when the file or section is missing.
pub fn current(
    docs_dir: &Path,
    file: &str,
    section: Option<&str>,
) -> Result<(String, Option<DocEndpoint>), String> {
    let text = std::fs::read_to_string(docs_dir.join(file))
        .map_err(|e| format!("`{file}` cannot be read from {}: {e}", docs_dir.display()))?;
    current_in(&text, file, section)
}

fn current_in(
    text: &str,
    file: &str,
    section: Option<&str>,
) -> Result<(String, Option<DocEndpoint>), String> {
    if section.is_none() && capture::is_structured(file) && capture::is_multi_endpoint(text) {
        return Err(format!(
            "`{file}` holds several endpoints: the source needs its `section:` heading"
        ));
    }
    let s = capture::find_section(text, section).map_err(|e| match e {
        capture::SectionError::Missing => format!(
            "`{file}` has no section `## {}`",
            section.unwrap_or_default()
        ),
        capture::SectionError::Ambiguous(n) => format!(
            "`{file}` has {n} sections `## {}`",
            section.unwrap_or_default()
        ),
    })?;
    let ep = capture::is_structured(file).then(|| parse::parse(&s));
    Ok((capture::hash(s.text), ep))
}

fn rel(loc: &mpapi_codegen::model::Loc) -> String {
    loc.to_string()
}

/// Runs the drift check over every spec of `set` against the docs in `docs_dir`.
pub fn drift(set: &SpecSet, docs_dir: &Path, against_spec: bool) -> Result<Report, String> {
    let mut docs = Docs {
        dir: docs_dir.to_path_buf(),
        cache: Vec::new(),
    };
    let mut endpoints = Vec::new();
    for sp in specs::endpoints(set) {
        let lock_path = specs::lock_path(&sp.file.path);
        let lock = Lock::read(&lock_path)?;
        let mut sources = Vec::new();
        let mut against = Vec::new();
        for src in sp.sources() {
            let file = src.file.value.clone();
            let mut section = src.section.as_ref().map(|s| s.value.clone());
            let recorded = src.sha256.as_ref().map(|h| h.value.clone());
            let mut report = SourceReport {
                file: file.clone(),
                section: section.clone(),
                status: Status::Unchanged,
                location: rel(&src.loc),
                recorded_sha256: recorded.clone(),
                current_sha256: None,
                hint: String::new(),
                changes: Vec::new(),
            };
            let now = match docs.text(&file) {
                None => Err(format!("`{file}` is not in {}", docs_dir.display())),
                Some(text) => {
                    // The old form names no section: the endpoint's title is its heading,
                    // as `docs accept` will record it.
                    if section.is_none()
                        && capture::is_structured(&file)
                        && capture::is_multi_endpoint(&text)
                    {
                        section = Some(sp.endpoint.title.value.clone());
                        report.section = section.clone();
                    }
                    current_in(&text, &file, section.as_deref())
                }
            };
            let (hash, ep) = match now {
                Ok(x) => x,
                Err(why) => {
                    report.status = Status::Missing;
                    report.hint = format!(
                        "{why}; find where the endpoint's doc moved, update `doc:` in the spec, review, then run `cargo xtask docs accept {}`",
                        sp.id()
                    );
                    sources.push(report);
                    continue;
                }
            };
            report.current_sha256 = Some(hash.clone());
            if against_spec && let Some(ep) = &ep {
                against.extend(compare_with_spec(&sp, ep));
            }
            let locked = lock
                .as_ref()
                .and_then(|l| l.source(&file, section.as_deref()));
            match (&recorded, ep) {
                (None, _) => {
                    report.status = Status::NotRecorded;
                    report.hint = format!(
                        "not recorded: the spec gives no hash for this source; review the spec against the doc, then run `cargo xtask docs accept {}`",
                        sp.id()
                    );
                }
                (Some(r), None) => {
                    if *r != hash {
                        report.status = Status::Changed;
                        report.hint = format!(
                            "the capture changed (free text: compared by hash only); review {} against it, then run `cargo xtask docs accept {}`",
                            sp.file.path.display(),
                            sp.id()
                        );
                    }
                }
                (Some(r), Some(ep)) => match locked {
                    None => {
                        report.status = Status::NotRecorded;
                        report.hint = format!(
                            "not recorded: {} has no facts for this section; review, then run `cargo xtask docs accept {}`",
                            lock_path.display(),
                            sp.id()
                        );
                    }
                    Some(locked) => {
                        let changes = facts::diff(&locked.facts, &ep.facts());
                        if *r != hash || !changes.is_empty() || locked.sha256 != *r {
                            report.status = Status::Changed;
                            report.hint = format!(
                                "the section changed; update {} where listed, then run `cargo xtask docs accept {}`",
                                sp.file.path.display(),
                                sp.id()
                            );
                        }
                        report.changes = changes.into_iter().map(|c| locate(&sp, c)).collect();
                    }
                },
            }
            sources.push(report);
        }
        let review = sources.iter().any(|s| s.status != Status::Unchanged) || !against.is_empty();
        endpoints.push(EndpointReport {
            id: sp.id().to_owned(),
            spec: sp.file.path.display().to_string(),
            review,
            sources,
            against_spec: against,
        });
    }
    let review: Vec<String> = endpoints
        .iter()
        .filter(|e| e.review)
        .map(|e| e.id.clone())
        .collect();
    Ok(Report {
        drift: !review.is_empty(),
        review,
        endpoints,
    })
}

fn locate(sp: &SpecEndpoint<'_>, change: Change) -> Located {
    let loc = match change.path.strip_prefix("errors.") {
        Some(code) => sp.locate_error(code.parse().unwrap_or_default()),
        None => sp.location(&change.path),
    };
    Located {
        location: rel(&loc),
        message: change.describe(),
        change,
    }
}

/// Doc rows the spec does not model: the token parameter and the envelope's fields.
fn is_envelope(sp: &SpecEndpoint<'_>, path: &str) -> bool {
    let token = format!("query.{}", sp.platform.auth.query.value);
    path == token
        || matches!(
            path,
            "response.errcode" | "response.errmsg" | "response.errno" | "response.msg"
        )
}

fn bound_of(c: &ConstraintSyntax) -> Option<(&'static str, Bound)> {
    let u = |b: &mpapi_codegen::model::Bounds<u64>| Bound {
        min: b.min.as_ref().and_then(|v| i64::try_from(v.value).ok()),
        max: b.max.as_ref().and_then(|v| i64::try_from(v.value).ok()),
    };
    let n = |v: &Num| match v {
        Num::Int(i) => i64::try_from(*i).ok(),
        Num::Float(f) => Some(*f as i64),
    };
    match c {
        ConstraintSyntax::Bytes(b) if b.when.is_none() => Some(("bytes", u(b))),
        ConstraintSyntax::Chars(b) if b.when.is_none() => Some(("chars", u(b))),
        ConstraintSyntax::Items(b) if b.when.is_none() => Some(("items", u(b))),
        ConstraintSyntax::Range(b) if b.when.is_none() => Some((
            "range",
            Bound {
                min: b.min.as_ref().and_then(|v| n(&v.value)),
                max: b.max.as_ref().and_then(|v| n(&v.value)),
            },
        )),
        _ => None,
    }
}

/// Where the spec differs from the doc's facts without a recorded conflict.
pub fn compare_with_spec(sp: &SpecEndpoint<'_>, ep: &DocEndpoint) -> Vec<Finding> {
    let mut out = Vec::new();
    let doc_facts: Facts = ep.facts();
    for f in &doc_facts.fields {
        if is_envelope(sp, &f.path) {
            continue;
        }
        let name = f.path.rsplit('.').next().unwrap_or_default().to_owned();
        // A parameter the spec sends with a fixed value (`grant_type=client_credential`).
        let fixed = f.path.strip_prefix("query.").is_some_and(|q| {
            sp.endpoint.query.iter().any(|p| {
                matches!(p, mpapi_codegen::model::QueryParam::Fixed { name, .. } if name.value == q)
            })
        });
        if fixed {
            continue;
        }
        // A name cell with the type run into it ("end_time number") names its first word.
        let located = sp
            .locate(&f.path)
            .or_else(|loc| match name.split_once(' ') {
                Some((first, _)) => {
                    let parent = f.path.rsplit_once('.').map_or("", |(p, _)| p);
                    sp.locate(&format!("{parent}.{first}")).map_err(|_| loc)
                }
                None => Err(loc),
            });
        let (ty, field) = match located {
            Ok(x) => x,
            Err(loc) => {
                out.push(Finding {
                    location: rel(&loc),
                    path: f.path.clone(),
                    message: format!(
                        "the doc has field `{}` ({}); the spec does not",
                        f.path, f.ty
                    ),
                });
                continue;
            }
        };
        let at = vec![
            format!("{}.{}", ty.name.value, field.name.value),
            ty.name.value.clone(),
        ];
        if sp.has_conflict(&at) {
            continue;
        }
        let loc = rel(&field.loc);
        let mut push = |message: String| {
            out.push(Finding {
                location: loc.clone(),
                path: f.path.clone(),
                message,
            })
        };
        match f.required {
            Some(true) if !field.required => {
                push(format!(
                    "the doc marks `{name}` required (是); the spec does not"
                ));
            }
            Some(false) if field.required => {
                push(format!(
                    "the doc marks `{name}` optional (否); the spec requires it"
                ));
            }
            _ => {}
        }
        let spec_bounds: Vec<(&str, Bound)> = field
            .constraints
            .list
            .iter()
            .chain(field.each.iter().flat_map(|e| e.list.iter()))
            .filter_map(bound_of)
            .collect();
        for (kind, doc) in [
            ("bytes", f.bytes),
            ("chars", f.chars),
            ("items", f.items),
            ("range", f.range),
        ] {
            let Some(doc) = doc else { continue };
            let spec = spec_bounds
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, b)| *b);
            let differs = match spec {
                None => true,
                Some(s) => {
                    (doc.max.is_some() && s.max != doc.max)
                        || (doc.min.is_some_and(|m| m > 0) && s.min != doc.min)
                }
            };
            if differs {
                let spec_text = spec.map(|s| s.to_string()).unwrap_or_else(|| "none".into());
                push(format!(
                    "the doc gives `{name}` {kind} {doc}; the spec has {spec_text}"
                ));
            }
        }
        if let Some(values) = doc_facts.enums.iter().find(|e| e.path == f.path) {
            match sp.enum_of(field) {
                None => push(format!(
                    "the doc lists values for `{name}`; the spec's type is not an enum"
                )),
                Some(e) if !sp.has_conflict(std::slice::from_ref(&e.name.value)) => {
                    for v in &values.values {
                        let known = e.variants.iter().any(|var| match e.wire.value {
                            WireKind::Integer => var.code.value.to_string() == v.value,
                            WireKind::String => var.name.value == v.value,
                        });
                        if !known {
                            push(format!(
                                "the doc's value {} ({}) of `{name}` is no variant of enum `{}`",
                                v.value, v.name, e.name.value
                            ));
                        }
                    }
                }
                Some(_) => {}
            }
        }
    }
    for e in &doc_facts.errors {
        // A "0 | ok" row is the envelope's success code, not an error.
        if e.code == 0 {
            continue;
        }
        let listed = sp
            .file
            .errors
            .iter()
            .chain(sp.platform.errors.iter())
            .any(|x| x.code.value == e.code);
        if !listed {
            out.push(Finding {
                location: rel(&sp.endpoint.loc),
                path: format!("errors.{}", e.code),
                message: format!(
                    "the doc's error {} ({}) is in no error table of the spec",
                    e.code, e.message
                ),
            });
        }
    }
    out
}

/// The report as plain text, for a person or a CI comment.
pub fn render_text(r: &Report, against_spec: bool) -> String {
    let mut out = String::new();
    for e in &r.endpoints {
        let state = if e.review { "REVIEW" } else { "ok" };
        out.push_str(&format!("{state} {} ({})\n", e.id, e.spec));
        for s in &e.sources {
            let name = match &s.section {
                Some(sec) => format!("{} § {sec}", s.file),
                None => s.file.clone(),
            };
            let status = match s.status {
                Status::Unchanged => "unchanged",
                Status::Changed => "changed",
                Status::Missing => "missing",
                Status::NotRecorded => "not recorded",
            };
            out.push_str(&format!("  {name}: {status}\n"));
            if !s.hint.is_empty() {
                out.push_str(&format!("    {}: {}\n", s.location, s.hint));
            }
            for c in &s.changes {
                out.push_str(&format!("    {}: {}\n", c.location, c.message));
            }
        }
        if against_spec {
            for f in &e.against_spec {
                out.push_str(&format!(
                    "    {}: spec differs from doc: {}\n",
                    f.location, f.message
                ));
            }
        }
    }
    if r.drift {
        out.push_str(&format!(
            "drift: {} endpoint(s) to review: {}\n",
            r.review.len(),
            r.review.join(", ")
        ));
    } else {
        out.push_str(&format!(
            "no drift: {} endpoint(s), every doc source unchanged\n",
            r.endpoints.len()
        ));
    }
    out
}
