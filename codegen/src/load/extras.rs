//! Reading error-code tables, examples and conflicts.

use crate::diag::Diagnostics;
use crate::load::reader::{entries, int, list};
use crate::load::yaml::Node;
use crate::model::{Conflict, ErrorCode, Example};

/// Reads an `errors:` list.
pub(crate) fn errors(node: &Node, d: &mut Diagnostics) -> Vec<ErrorCode> {
    list(node, "errors", d)
        .iter()
        .filter_map(|n| error_code(n, d))
        .collect()
}

fn error_code(node: &Node, d: &mut Diagnostics) -> Option<ErrorCode> {
    let e = entries(
        node,
        "an error code",
        &["scope", "code", "message", "fix"],
        d,
    )?;
    let code = e.required("code", d).and_then(|n| int(n, "code", d));
    let message = e.req_string("message", d);
    Some(ErrorCode {
        scope: e.opt_string("scope", d),
        fix: e.opt_string("fix", d),
        loc: node.loc.clone(),
        code: code?,
        message: message?,
    })
}

/// Reads an `examples:` list.
pub(crate) fn examples(node: &Node, d: &mut Diagnostics) -> Vec<Example> {
    list(node, "examples", d)
        .iter()
        .filter_map(|n| example(n, d))
        .collect()
}

fn example(node: &Node, d: &mut Diagnostics) -> Option<Example> {
    let e = entries(
        node,
        "an example",
        &["name", "description", "cleaned", "request", "response"],
        d,
    )?;
    Some(Example {
        name: e.req_string("name", d)?,
        description: e.opt_string("description", d),
        cleaned: e.string_list("cleaned", d),
        request: e.json("request"),
        response: e.json("response"),
        loc: node.loc.clone(),
    })
}

/// Reads a `conflicts:` list.
pub(crate) fn conflicts(node: &Node, d: &mut Diagnostics) -> Vec<Conflict> {
    list(node, "conflicts", d)
        .iter()
        .filter_map(|n| conflict(n, d))
        .collect()
}

fn conflict(node: &Node, d: &mut Diagnostics) -> Option<Conflict> {
    let e = entries(node, "a conflict", &["at", "doc", "reading"], d)?;
    let at = e.req_string("at", d);
    let doc = e.req_string("doc", d);
    let reading = e.req_string("reading", d);
    Some(Conflict {
        at: at?,
        doc: doc?,
        reading: reading?,
        loc: node.loc.clone(),
    })
}
