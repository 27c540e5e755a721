//! The platform header, error-code tables, examples and conflicts.

use std::collections::BTreeMap;

use crate::check::endpoint::url_ok;
use crate::check::namespace::{Decl, Namespace};
use crate::diag::Diagnostics;
use crate::model::{ErrorCode, Loc, Platform, QueryParam, SpecFile};
use crate::naming::is_valid_ident;

/// The platform's id matches its directory; its base URL is absolute; its error table
/// has no repeated code.
pub(crate) fn platform(p: &Platform, dir: &str, d: &mut Diagnostics) {
    if !p.id.value.is_empty() && p.id.value != dir {
        d.error_help(
            &p.id.loc,
            format!(
                "platform id `{}` does not match its directory `{dir}`",
                p.id.value
            ),
            format!("write `id: {dir}`, or rename the directory"),
        );
    }
    url_ok(&p.base_url, d);
    errors(&p.errors, d);
}

/// No code appears twice in one table (rows with the same `scope`).
pub(crate) fn errors(rows: &[ErrorCode], d: &mut Diagnostics) {
    let mut seen: BTreeMap<(&str, i64), &Loc> = BTreeMap::new();
    for row in rows {
        let scope = row.scope.as_ref().map_or("request", |s| s.value.as_str());
        if let Some(first) = seen.get(&(scope, row.code.value)) {
            d.error_help(
                &row.code.loc,
                format!(
                    "error code {} appears twice in the `{scope}` table",
                    row.code.value
                ),
                format!("the first is at {first}"),
            );
        } else {
            seen.insert((scope, row.code.value), &row.code.loc);
        }
    }
}

/// Example names are identifiers, unique in the file; every example shows a request,
/// a response, or both.
pub(crate) fn examples(file: &SpecFile, d: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Loc> = BTreeMap::new();
    for ex in &file.examples {
        if !is_valid_ident(&ex.name.value) {
            d.error_help(
                &ex.name.loc,
                format!("example name `{}` is not an identifier", ex.name.value),
                "examples become test names: use snake_case, e.g. `doc_request`",
            );
        }
        if let Some(first) = seen.get(ex.name.value.as_str()) {
            d.error_help(
                &ex.name.loc,
                format!("example `{}` appears twice", ex.name.value),
                format!("the first is at {first}"),
            );
        } else {
            seen.insert(&ex.name.value, &ex.name.loc);
        }
        if ex.request.is_none() && ex.response.is_none() {
            d.error(
                &ex.loc,
                format!(
                    "example `{}` has neither `request` nor `response`",
                    ex.name.value
                ),
            );
        }
    }
}

/// Each conflict is about something of the group: a type, an enum, `Type.field`,
/// `Enum.VARIANT`, or a query parameter of the file's endpoint.
pub(crate) fn conflicts(file: &SpecFile, ns: &Namespace<'_>, d: &mut Diagnostics) {
    let query: Vec<&str> = file
        .endpoint
        .iter()
        .flat_map(|ep| ep.query.iter())
        .map(|q| match q {
            QueryParam::Fixed { name, .. } => name.value.as_str(),
            QueryParam::Typed(field) => field.name.value.as_str(),
        })
        .collect();
    for c in &file.conflicts {
        let at = c.at.value.as_str();
        let (head, member) = match at.split_once('.') {
            Some((h, m)) => (h, Some(m)),
            None => (at, None),
        };
        let found = match (ns.decls.get(head), member) {
            (Some(_), None) => true,
            (Some(Decl::Type(t)), Some(m)) => t.fields.iter().any(|f| f.name.value == m),
            (Some(Decl::Enum(e)), Some(m)) => e.variants.iter().any(|v| v.name.value == m),
            (None, None) => query.contains(&head),
            (None, Some(_)) => false,
        };
        if !found {
            d.error_help(
                &c.at.loc,
                format!("conflict `at: {at}` names nothing in this group"),
                "name a type, an enum, `Type.field`, `Enum.VARIANT` or a query parameter; the conflict is documented on it",
            );
        }
    }
}
