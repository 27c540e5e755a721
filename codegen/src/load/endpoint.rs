//! Reading the `endpoint:` block and query parameters.

use crate::diag::Diagnostics;
use crate::load::reader::{entries, scalar_text, string};
use crate::load::types::{field_from, field_keys};
use crate::load::yaml::Node;
use crate::load::yaml::NodeKind;
use crate::model::{At, DocSource, Endpoint, Method, QueryParam};

const ENDPOINT_KEYS: &[&str] = &[
    "id",
    "interface",
    "doc",
    "title",
    "description",
    "notes",
    "method",
    "path",
    "base_url",
    "auth",
    "query",
    "query_rules",
    "request",
    "response",
    "idempotent",
    "pagination",
];

/// Reads the `endpoint:` block; `key_loc` is where the `endpoint:` key was written.
///
/// Missing required values are reported and replaced by empty placeholders so that the
/// rest of the file is still checked.
pub(crate) fn endpoint(
    node: &Node,
    key_loc: &crate::model::Loc,
    d: &mut Diagnostics,
) -> Option<Endpoint> {
    let e = entries(node, "the endpoint", ENDPOINT_KEYS, d)?;
    let method = e.req_string("method", d).and_then(|m| {
        let method = match m.value.as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            other => {
                d.error_help(
                    &m.loc,
                    format!("unknown method `{other}`"),
                    "expected `GET` or `POST`",
                );
                return None;
            }
        };
        Some(At::new(method, m.loc))
    });
    let query = e
        .list("query", d)
        .iter()
        .filter_map(|q| query_param(q, d))
        .collect();
    let query_rules = e
        .list("query_rules", d)
        .iter()
        .filter_map(|r| crate::load::rules::rule(r, d))
        .collect();
    let sources = match e.required("doc", d) {
        Some(node) => doc_sources(node, d),
        None => Vec::new(),
    };
    let doc = sources
        .first()
        .map(|s| s.file.clone())
        .unwrap_or_else(|| At::new(String::new(), e.loc().clone()));
    Some(Endpoint {
        id: e.string_or_empty("id", d),
        interface: e.string_or_empty("interface", d),
        doc,
        sources,
        doc_key: e.key_loc("doc").cloned(),
        title: e.string_or_empty("title", d),
        description: e.opt_string("description", d),
        notes: e.string_list("notes", d),
        method: method.unwrap_or_else(|| At::new(Method::Post, e.loc().clone())),
        path: e.string_or_empty("path", d),
        base_url: e.opt_string("base_url", d),
        no_token: e.opt_string("auth", d).and_then(|a| no_token(a, d)),
        query,
        query_rules,
        query_type: None,
        request: e.string_or_empty("request", d),
        response: e.opt_string("response", d),
        idempotent: e.get("idempotent").and_then(|n| idempotent(n, d)),
        pagination: e.get("pagination").and_then(|n| pagination(n, d)),
        loc: key_loc.clone(),
    })
}

fn query_param(node: &Node, d: &mut Diagnostics) -> Option<QueryParam> {
    let has_value = matches!(&node.kind, crate::load::yaml::NodeKind::Map(pairs)
        if pairs.iter().any(|(k, _)| k.as_str() == Some("value")));
    if has_value {
        let e = entries(node, "a fixed query parameter", &["name", "value"], d)?;
        let name = e.required("name", d).and_then(|n| string(n, "name", d));
        let value = e
            .required("value", d)
            .and_then(|n| scalar_text(n, "value", d));
        return Some(QueryParam::Fixed {
            name: name?,
            value: value?,
        });
    }
    let keys = field_keys();
    let e = entries(node, "a query parameter", &keys, d)?;
    field_from(&e, node, d).map(|f| QueryParam::Typed(Box::new(f)))
}

/// `auth: none`: the endpoint takes no access token (the platform's token endpoints).
fn no_token(auth: At<String>, d: &mut Diagnostics) -> Option<crate::model::Loc> {
    if auth.value == "none" {
        return Some(auth.loc);
    }
    d.error_help(
        &auth.loc,
        format!("unknown `auth` value `{}`", auth.value),
        "the only value is `none` (the endpoint takes no access token); leave `auth` out \
         for an endpoint that takes the platform's token",
    );
    None
}

/// `idempotent: {value: BOOL, reason: TEXT}`.
fn idempotent(node: &Node, d: &mut Diagnostics) -> Option<At<crate::model::Idempotent>> {
    let e = entries(node, "`idempotent`", &["value", "reason"], d)?;
    let value = e.required("value", d).and_then(|n| match n.kind {
        crate::load::yaml::NodeKind::Bool(b) => Some(b),
        _ => {
            d.error(&n.loc, "expected `true` or `false` for `idempotent.value`");
            None
        }
    });
    let reason = e.req_string("reason", d);
    Some(At::new(
        crate::model::Idempotent {
            idempotent: value?,
            reason: reason?.value,
        },
        node.loc.clone(),
    ))
}

/// `pagination: {cursor, next_cursor, has_more, items}`.
fn pagination(node: &Node, d: &mut Diagnostics) -> Option<crate::model::PaginationSpec> {
    let e = entries(
        node,
        "`pagination`",
        &["cursor", "next_cursor", "has_more", "items"],
        d,
    )?;
    let cursor = e.req_string("cursor", d);
    let has_more = e.req_string("has_more", d);
    let items = e.req_string("items", d);
    Some(crate::model::PaginationSpec {
        next_cursor: e.opt_string("next_cursor", d),
        cursor: cursor?,
        has_more: has_more?,
        items: items?,
        loc: node.loc.clone(),
    })
}

/// The keys of one `doc:` source.
const SOURCE_KEYS: &[&str] = &["file", "section", "url", "sha256"];

/// `doc:` as a file name, one source mapping, or a list of source mappings.
fn doc_sources(node: &Node, d: &mut Diagnostics) -> Vec<DocSource> {
    match &node.kind {
        NodeKind::Str(s) => vec![DocSource {
            file: At::new(s.clone(), node.loc.clone()),
            section: None,
            url: None,
            sha256: None,
            loc: node.loc.clone(),
        }],
        NodeKind::Map(_) => doc_source(node, d).into_iter().collect(),
        NodeKind::Seq(items) => {
            if items.is_empty() {
                d.error_help(
                    &node.loc,
                    "`doc:` lists no source",
                    "name at least one file of the docs folder",
                );
            }
            let out: Vec<DocSource> = items.iter().filter_map(|n| doc_source(n, d)).collect();
            for (i, s) in out.iter().enumerate() {
                let same = out[..i].iter().find(|o| {
                    o.file.value == s.file.value
                        && o.section.as_ref().map(|x| &x.value)
                            == s.section.as_ref().map(|x| &x.value)
                });
                if let Some(first) = same {
                    d.error_help(
                        &s.loc,
                        format!("doc source `{}` is listed twice", s.file.value),
                        format!("the first is at {}", first.loc),
                    );
                }
            }
            out
        }
        other => {
            d.error_help(
                &node.loc,
                format!("expected a file name or a list of sources for `doc`, found {}", other.describe()),
                "write `doc: FILE` or `doc: [{file: FILE, section: HEADING, url: URL, sha256: HEX}]`",
            );
            Vec::new()
        }
    }
}

/// One `{file, section, url, sha256}` mapping.
fn doc_source(node: &Node, d: &mut Diagnostics) -> Option<DocSource> {
    let e = entries(node, "a doc source", SOURCE_KEYS, d)?;
    let file = e.req_string("file", d);
    let section = e.opt_string("section", d);
    let url = e.opt_string("url", d);
    let sha256 = e.opt_string("sha256", d);
    if let Some(s) = &section
        && s.value.trim().is_empty()
    {
        d.error(&s.loc, "`section` is empty");
    }
    if let Some(u) = &url
        && !(u.value.starts_with("https://") || u.value.starts_with("http://"))
    {
        d.error_help(
            &u.loc,
            format!("`url` `{}` is not an http(s) URL", u.value),
            "give the official page the capture was taken from",
        );
    }
    if let Some(h) = &sha256
        && !(h.value.len() == 64
            && h.value
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    {
        d.error_help(
            &h.loc,
            "`sha256` is not 64 lowercase hex digits",
            "run `cargo xtask docs accept ENDPOINT_ID` to record the hash",
        );
    }
    Some(DocSource {
        file: file?,
        section,
        url,
        sha256,
        loc: node.loc.clone(),
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    const TYPES: &str = "types:\n  - name: Request\n    fields:\n      - {name: a, type: string}\n";

    #[test]
    fn auth_none_names_no_token_parameter() {
        let code = generate(&format!("  auth: none\n{TYPES}")).expect("the spec is clean");
        assert!(squeeze(&code).contains("token_param:\"\","), "{code}");
        assert!(code.contains("**Takes no access token**"), "{code}");
        assert!(!code.contains("access_token=ACCESS_TOKEN"), "{code}");

        let code = generate(TYPES).expect("the spec is clean");
        assert!(
            squeeze(&code).contains("token_param:\"access_token\","),
            "{code}"
        );
        assert!(code.contains("/e?access_token=ACCESS_TOKEN"), "{code}");
        assert!(!code.contains("Takes no access token"), "{code}");
    }

    #[test]
    fn a_secret_field_is_hidden_from_debug() {
        let code = generate(
            "types:\n  - name: Request\n    fields:\n      - {name: appid, type: string}\n      - {name: secret, type: string, secret: true}\n",
        )
        .expect("the spec is clean");
        let flat = squeeze(&code);
        assert!(!flat.contains("#[derive(Clone,Debug"), "{code}");
        assert!(
            flat.contains(r#"f.debug_struct("Request").field("appid",&self.appid).field("secret",&"***").finish()"#),
            "{code}"
        );
        assert!(code.contains("A credential: `Debug` shows `***`"), "{code}");

        let d = generate(
            "types:\n  - name: Request\n    fields:\n      - {name: secret, type: string, secret: yes please}\n",
        )
        .expect_err("`secret` takes a boolean");
        assert!(
            d.list
                .iter()
                .any(|x| x.message == "expected `true` or `false` for `secret`"),
            "{d}"
        );
    }

    #[test]
    fn an_unknown_auth_value_is_reported_where_it_is_written() {
        let d = generate(&format!("  auth: bearer\n{TYPES}")).expect_err("`bearer` is not a value");
        let found = d
            .list
            .iter()
            .find(|x| x.message == "unknown `auth` value `bearer`")
            .unwrap_or_else(|| panic!("{d}"));
        assert_eq!((found.loc.line, found.loc.column), (9, 9), "{d}");
    }
}
