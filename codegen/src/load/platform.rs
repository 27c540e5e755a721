//! Reading `platform.yaml`.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::load::extras::errors;
use crate::load::reader::entries;
use crate::load::yaml::Node;
use crate::model::{At, Auth, Envelope, Loc, Platform};

const PLATFORM_KEYS: &[&str] = &["id", "title", "crate", "base_url", "auth", "envelope"];

/// Reads a parsed `platform.yaml`. Missing values are reported and replaced by empty
/// placeholders so that the platform's groups are still loaded and checked.
pub(crate) fn platform(root: &Node, file: &Path, d: &mut Diagnostics) -> Platform {
    let loc = Loc {
        file: file.to_path_buf(),
        line: 1,
        column: 1,
    };
    let empty = |loc: &Loc| At::new(String::new(), loc.clone());
    let mut out = Platform {
        id: empty(&loc),
        title: empty(&loc),
        crate_name: empty(&loc),
        base_url: empty(&loc),
        auth: Auth {
            query: empty(&loc),
            description: None,
        },
        envelope: At::new(Envelope::Errcode, loc.clone()),
        errors: Vec::new(),
        shared: None,
        groups: Vec::new(),
        loc: loc.clone(),
    };
    let Some(top) = entries(root, "platform.yaml", &["platform", "errors"], d) else {
        return out;
    };
    if let Some(errs) = top.get("errors") {
        out.errors = errors(errs, d);
    }
    let Some(p) = top
        .required("platform", d)
        .and_then(|n| entries(n, "the platform", PLATFORM_KEYS, d))
    else {
        return out;
    };
    out.id = p.string_or_empty("id", d);
    out.title = p.string_or_empty("title", d);
    out.crate_name = p.string_or_empty("crate", d);
    out.base_url = p.string_or_empty("base_url", d);
    if let Some(auth) = p
        .required("auth", d)
        .and_then(|n| entries(n, "`auth`", &["query", "description"], d))
    {
        out.auth = Auth {
            query: auth.string_or_empty("query", d),
            description: auth.opt_string("description", d),
        };
    }
    if let Some(env) = p.req_string("envelope", d) {
        match env.value.as_str() {
            "errcode" => out.envelope = At::new(Envelope::Errcode, env.loc),
            "errno" => out.envelope = At::new(Envelope::Errno, env.loc),
            other => d.error_help(
                &env.loc,
                format!("unknown envelope `{other}`"),
                "expected `errcode` ({errcode, errmsg, ...}) or `errno` ({errno, msg, data})",
            ),
        }
    }
    out
}
