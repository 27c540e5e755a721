//! Checking a loaded spec set and lowering it into the [`Ir`]: names, references,
//! constraints, rules, endpoints, tables, and the platform codes every check reports.
//!
//! [`check`] is the only way to an [`Ir`]: it runs every check, collects every problem, and
//! lowers the set only when there is none.
//!
//! ```no_run
//! use std::path::Path;
//! let set = mpapi_codegen::load::load_specs(Path::new("spec")).expect("specs load");
//! match mpapi_codegen::check::check(&set, None) {
//!     Ok(ir) => println!("{} platforms", ir.platforms().len()),
//!     Err(diagnostics) => eprint!("{diagnostics}"),
//! }
//! ```

mod codes;
mod constraints;
pub(crate) use constraints::int_limits;
mod endpoint;
pub(crate) mod lower;
pub(crate) mod names;
pub(crate) mod namespace;
mod paging;
mod recursion;
pub(crate) mod rules;
mod tables;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Ir;
use crate::model::{Loc, QueryParam, SpecFile, SpecSet};
use namespace::Namespace;

/// Checks `set` and lowers it into the IR, or returns every problem found, sorted.
///
/// `docs` is the folder of doc captures that `endpoint.doc` names; a named file that is not
/// there is a warning (in [`Ir::warnings`]). Without the folder, the check is skipped.
pub fn check(set: &SpecSet, docs: Option<&Path>) -> Result<Ir, Diagnostics> {
    let set = lower::desugar(set);
    let mut d = Diagnostics::default();
    let mut warnings = Vec::new();
    check_all(&set, docs, &mut d, &mut warnings);
    if !d.is_empty() {
        d.sort();
        return Err(d);
    }
    let mut ir = lower::lower(&set, &mut d);
    if !d.is_empty() {
        d.sort();
        return Err(d);
    }
    warnings.sort();
    ir.warnings = warnings;
    Ok(ir)
}

fn check_all(
    set: &SpecSet,
    docs: Option<&Path>,
    d: &mut Diagnostics,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut ids: BTreeMap<&str, &Loc> = BTreeMap::new();
    for platform in &set.platforms {
        let dir = platform
            .loc
            .file
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        tables::platform(platform, &dir, d);
        let shared: Vec<&SpecFile> = platform.shared.iter().collect();
        let shared_ns = Namespace::build_files(&shared, "types", d);
        recursion::check(&shared_ns, d);
        for file in &shared {
            check_file(file, &shared_ns, d);
        }
        for group in &platform.groups {
            let ns = Namespace::build_with_shared(group, &shared, d);
            recursion::check(&ns, d);
            for file in &group.files {
                if let Some(ep) = &file.endpoint {
                    endpoint::check(ep, &file.path, &dir, &group.name, &ns, platform, d);
                    endpoint::bodyless_examples(ep, file, d);
                    if !ep.id.value.is_empty() {
                        if let Some(first) = ids.get(ep.id.value.as_str()) {
                            d.error_help(
                                &ep.id.loc,
                                format!("endpoint id `{}` is used twice", ep.id.value),
                                format!("the first is at {first}"),
                            );
                        } else {
                            ids.insert(&ep.id.value, &ep.id.loc);
                        }
                    }
                    for q in &ep.query {
                        if let QueryParam::Typed(field) = q {
                            names::field_type(field, &ns, d);
                            crate::constraints::check_field(field, &ns, d);
                        }
                    }
                    codes::endpoint(ep, file, platform, &ns, d);
                    if ep.idempotent.is_none() {
                        warnings.push(
                            Diagnostic::new(
                                ep.id.loc.clone(),
                                format!(
                                    "endpoint `{}` does not say whether a repeat is harmless; its client retries it only when the request provably never left",
                                    ep.id.value
                                ),
                            )
                            .with_help(
                                "add `idempotent: {value: true|false, reason: ...}` with the doc's reason (see spec/README.md)",
                            )
                            .as_warning(),
                        );
                    }
                    if let Some(docs) = docs {
                        for src in &ep.sources {
                            if !src.file.value.is_empty() && !docs.join(&src.file.value).is_file() {
                                warnings.push(
                                    Diagnostic::new(
                                        src.file.loc.clone(),
                                        format!(
                                            "doc file `{}` is not in {}",
                                            src.file.value,
                                            docs.display()
                                        ),
                                    )
                                    .with_help("name a file of the docs folder (see its README)")
                                    .as_warning(),
                                );
                            }
                        }
                    }
                }
                check_file(file, &ns, d);
            }
        }
    }
}

fn check_file(file: &SpecFile, ns: &Namespace<'_>, d: &mut Diagnostics) {
    for ty in &file.types {
        names::fields(ty, d);
        for field in &ty.fields {
            names::field_type(field, ns, d);
            crate::constraints::check_field(field, ns, d);
            for when in crate::constraints::conditions(field) {
                rules::constraint_condition(when, ty, ns, d);
            }
        }
        for rule in &ty.rules {
            rules::check(rule, ty, ns, d);
        }
    }
    for e in &file.enums {
        names::variants(e, d);
    }
    tables::errors(&file.errors, d);
    tables::examples(file, d);
    tables::conflicts(file, ns, d);
}
