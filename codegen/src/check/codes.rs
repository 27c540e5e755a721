//! Every platform code a check reports must be in an error table: the endpoint's own (any
//! scope) or the platform's. A code that is in neither is a transcription mistake (a typo,
//! or a code borrowed from another page without its row).

use std::collections::{BTreeSet, HashSet};

use super::namespace::{Decl, Namespace};
use crate::diag::Diagnostics;
use crate::model::{At, Constraints, Endpoint, Platform, SpecFile, TypeDef, TypeRef};

/// Checks the codes of every type and enum reachable from the endpoint's request and
/// query parameters.
pub(crate) fn endpoint(
    ep: &Endpoint,
    file: &SpecFile,
    platform: &Platform,
    ns: &Namespace<'_>,
    d: &mut Diagnostics,
) {
    let known: HashSet<i64> = file
        .errors
        .iter()
        .chain(platform.errors.iter())
        .map(|e| e.code.value)
        .collect();
    let mut codes: Vec<&At<i64>> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = ep.request.iter().map(|r| r.value.as_str()).collect();
    if let Some(q) = &ep.query_type {
        stack.push(q);
    }
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        match ns.decls.get(name) {
            Some(Decl::Type(t)) => type_codes(t, &mut codes, &mut stack),
            Some(Decl::Enum(e)) => codes.extend(e.invalid_code.iter()),
            None => {}
        }
    }
    for code in codes {
        if !known.contains(&code.value) {
            d.error_help(
                &code.loc,
                format!(
                    "platform code {} is in no error table of `{}` nor the platform's",
                    code.value, ep.id.value
                ),
                format!(
                    "add its row to the `errors:` table of {} (with a conflict that says where the code comes from if the page does not list it), or fix the code",
                    file.path.display()
                ),
            );
        }
    }
}

fn type_codes<'a>(t: &'a TypeDef, codes: &mut Vec<&'a At<i64>>, stack: &mut Vec<&'a str>) {
    for f in &t.fields {
        codes.extend(f.missing_code.iter());
        constraint_codes(&f.constraints, codes);
        if let Some(each) = &f.each {
            constraint_codes(each, codes);
        }
        let mut ty = &f.ty.value;
        while let TypeRef::Array(inner) = ty {
            ty = inner;
        }
        if let TypeRef::Named(n) = ty {
            stack.push(n);
        }
    }
    for r in &t.rules {
        codes.extend(r.code.iter());
        // A `count` bound may carry its own code.
        if let crate::rules::RuleSyntax::Count(c) = &r.kind {
            codes.extend(
                [&c.min, &c.max]
                    .into_iter()
                    .flatten()
                    .filter_map(|(_, code)| code.as_ref()),
            );
        }
    }
}

fn constraint_codes<'a>(c: &'a Constraints, codes: &mut Vec<&'a At<i64>>) {
    for constraint in &c.list {
        codes.extend(constraint.codes());
    }
}
