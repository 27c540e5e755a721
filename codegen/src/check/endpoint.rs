//! Endpoints: id matches the file's place, method and path, request and response types,
//! query parameters.

use std::collections::BTreeMap;
use std::path::Path;

use crate::check::namespace::{Decl, Kind, Namespace, type_text};
use crate::diag::Diagnostics;
use crate::model::{At, Endpoint, Loc, Method, Platform, QueryParam, TypeRef};

/// Checks one endpoint found in `file` of group `group` of the platform directory
/// `platform_dir`.
pub(crate) fn check(
    ep: &Endpoint,
    file: &Path,
    platform_dir: &str,
    group: &str,
    ns: &Namespace<'_>,
    platform: &Platform,
    d: &mut Diagnostics,
) {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expected = format!("{platform_dir}.{group}.{stem}");
    if !ep.id.value.is_empty() && ep.id.value != expected {
        d.error_help(
            &ep.id.loc,
            format!(
                "endpoint id `{}` does not match the file's place",
                ep.id.value
            ),
            format!(
                "the id is `platform.group.name` from spec/<platform>/<group>/<name>.yaml: expected `{expected}`"
            ),
        );
    }
    if !ep.path.value.is_empty() && !ep.path.value.starts_with('/') {
        d.error_help(
            &ep.path.loc,
            format!("path `{}` does not start with `/`", ep.path.value),
            "write the path only, e.g. `/user-order/orders`; the host comes from `base_url`",
        );
    }
    if let Some(url) = &ep.base_url {
        url_ok(url, d);
    }
    match (&ep.request, ep.method.value) {
        (Some(request), Method::Post) => object_type("request", request, ns, d),
        (Some(request), Method::Get) => d.error_help(
            &request.loc,
            "a GET endpoint sends no body, so it has no `request:` type",
            "describe its parameters under `query:` (typed query parameters), or use `method: POST`",
        ),
        (None, Method::Post) => d.error_help(
            &ep.method.loc,
            "a POST endpoint needs `request:`, the type of its JSON body",
            "name the body's object type with `request:`; only a GET endpoint goes without one",
        ),
        (None, Method::Get) => {}
    }
    if let Some(resp) = &ep.response {
        object_type("response", resp, ns, d);
    }
    let mut names: BTreeMap<&str, &Loc> = BTreeMap::new();
    for q in &ep.query {
        let name = match q {
            QueryParam::Fixed { name, .. } => name,
            QueryParam::Typed(field) => {
                query_type(&field.name.value, &field.ty, ns, d);
                &field.name
            }
        };
        if name.value == platform.auth.query.value {
            d.error_help(
                &name.loc,
                format!(
                    "query parameter `{}` is the platform's token parameter",
                    name.value
                ),
                "the token is added by the client; drop this entry",
            );
        }
        if let Some(first) = names.get(name.value.as_str()) {
            d.error_help(
                &name.loc,
                format!("query parameter `{}` appears twice", name.value),
                format!("the first is at {first}"),
            );
        } else {
            names.insert(&name.value, &name.loc);
        }
    }
}

/// `base_url` values are absolute http(s) URLs.
pub(crate) fn url_ok(url: &At<String>, d: &mut Diagnostics) {
    let absolute = url.value.starts_with("https://") || url.value.starts_with("http://");
    if !url.value.is_empty() && !absolute {
        d.error(
            &url.loc,
            format!(
                "base URL `{}` does not start with `https://` or `http://`",
                url.value
            ),
        );
    }
}

fn object_type(what: &str, name: &At<String>, ns: &Namespace<'_>, d: &mut Diagnostics) {
    if name.value.is_empty() {
        return;
    }
    match ns.decls.get(name.value.as_str()) {
        Some(Decl::Type(_)) => {}
        Some(Decl::Enum(_)) => d.error(
            &name.loc,
            format!(
                "{what} `{}` is an enum; the {what} body must be an object type",
                name.value
            ),
        ),
        None => d.push(ns.unknown_name(&name.value, &name.loc)),
    }
}

/// A typed query parameter is a scalar, an enum, or an array of those.
fn query_type(name: &str, ty: &At<TypeRef>, ns: &Namespace<'_>, d: &mut Diagnostics) {
    let inner = match &ty.value {
        TypeRef::Array(inner) => inner,
        other => other,
    };
    let kind = ns.kind(inner);
    if !kind.is_scalar() && !matches!(kind, Kind::Missing) {
        d.error(
            &ty.loc,
            format!(
                "query parameter `{name}` has type `{}`; query parameters are scalars or enums",
                type_text(&ty.value)
            ),
        );
    }
}

/// An endpoint without a body has no request examples.
pub(crate) fn bodyless_examples(ep: &Endpoint, file: &crate::model::SpecFile, d: &mut Diagnostics) {
    if ep.request.is_some() {
        return;
    }
    for ex in &file.examples {
        if let Some(req) = &ex.request {
            d.error_help(
                &req.loc,
                format!(
                    "example `{}` has a request body, but `{}` sends none",
                    ex.name.value, ep.id.value
                ),
                "keep only the example's `response:`; its URL parameters are described under `query:`",
            );
        }
    }
}
