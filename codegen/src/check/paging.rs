//! `pagination:` resolved against the endpoint's request, query and response types: the
//! cursor is an optional top-level field of the body or of the typed query parameters, the
//! next cursor a response field of the same type, `has_more` a response `bool` and `items`
//! a response list.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{PageField, Pagination, Ty, Type, TypeId};
use crate::model::{At, PaginationSpec};

/// Resolves `spec` against the endpoint's types; reports every member that does not fit.
pub(crate) fn lower(
    spec: &PaginationSpec,
    request: Option<TypeId>,
    query: Option<TypeId>,
    response: Option<TypeId>,
    types: &[Type],
    d: &mut Diagnostics,
) -> Option<Pagination> {
    let field = |id: Option<TypeId>, name: &str| -> Option<PageField> {
        let ty = types.get(id?.0)?;
        ty.fields
            .iter()
            .find(|f| f.wire == name)
            .map(|f| PageField {
                wire: f.wire.clone(),
                rust: f.rust.clone(),
                optional: !f.required,
                ty: f.ty.clone(),
            })
    };
    let err = |d: &mut Diagnostics, at: &At<String>, message: String, help: &str| {
        d.push(Diagnostic::new(at.loc.clone(), message).with_help(help));
    };
    let Some(resp) = response else {
        d.push(
            Diagnostic::new(
                spec.loc.clone(),
                "a paged endpoint needs a `response:` type holding the items",
            )
            .with_help("name the response type with `response:`"),
        );
        return None;
    };
    let (cursor, in_query) = match (field(request, &spec.cursor), field(query, &spec.cursor)) {
        (Some(c), _) => (Some(c), false),
        (None, Some(c)) => (Some(c), true),
        (None, None) => {
            err(
                d,
                &spec.cursor,
                format!(
                    "the cursor `{}` is neither a top-level request field nor a typed query parameter",
                    spec.cursor.value
                ),
                "name the field the caller sets to ask for the next page",
            );
            (None, false)
        }
    };
    if let Some(c) = &cursor
        && !c.optional
    {
        err(
            d,
            &spec.cursor,
            format!("the cursor `{}` is required", c.wire),
            "the first page is asked for without a cursor: make the field optional",
        );
    }
    let next_name = spec.next_cursor.as_ref().unwrap_or(&spec.cursor);
    let next = field(Some(resp), next_name);
    let resp_name = types.get(resp.0).map(|t| t.name.as_str()).unwrap_or("");
    match (&next, &cursor) {
        (None, _) => err(
            d,
            next_name,
            format!(
                "the next cursor `{}` is not a top-level field of `{resp_name}`",
                next_name.value
            ),
            "name the response field that carries the next page's cursor with `next_cursor:`",
        ),
        (Some(n), Some(c)) if n.ty != c.ty || matches!(c.ty, Ty::Array(_) | Ty::Object(_)) => err(
            d,
            next_name,
            format!(
                "the next cursor `{}` and the cursor `{}` must have one scalar type",
                n.wire, c.wire
            ),
            "the client sends the next cursor back as the cursor, unchanged",
        ),
        _ => {}
    }
    let has_more = field(Some(resp), &spec.has_more);
    match &has_more {
        Some(h) if h.ty == Ty::Bool => {}
        Some(_) => err(
            d,
            &spec.has_more,
            format!("`{}` is not a `bool`", spec.has_more.value),
            "`has_more` names the response field that says whether more pages follow",
        ),
        None => err(
            d,
            &spec.has_more,
            format!(
                "`{}` is not a top-level field of `{resp_name}`",
                spec.has_more.value
            ),
            "name the response field that says whether more pages follow",
        ),
    }
    let items = field(Some(resp), &spec.items);
    match &items {
        Some(i) if matches!(i.ty, Ty::Array(_)) => {}
        Some(_) => err(
            d,
            &spec.items,
            format!("`{}` is not a list", spec.items.value),
            "`items` names the response list that holds the page's items",
        ),
        None => err(
            d,
            &spec.items,
            format!(
                "`{}` is not a top-level field of `{resp_name}`",
                spec.items.value
            ),
            "name the response list that holds the page's items",
        ),
    }
    Some(Pagination {
        cursor: cursor?,
        cursor_in_query: in_query,
        next_cursor: next?,
        has_more: has_more.filter(|h| h.ty == Ty::Bool)?,
        items: items.filter(|i| matches!(i.ty, Ty::Array(_)))?,
    })
}
