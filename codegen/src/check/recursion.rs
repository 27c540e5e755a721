//! Recursive types: a type may contain itself only through an array (a `Vec`), or the
//! generated struct would have infinite size.

use std::collections::BTreeMap;

use crate::check::namespace::{Decl, Kind, Namespace};
use crate::diag::Diagnostics;
use crate::model::TypeDef;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Visiting,
    Done,
}

/// Reports every cycle of direct (non-array) object fields, once.
pub(crate) fn check(ns: &Namespace<'_>, d: &mut Diagnostics) {
    let mut marks: BTreeMap<&str, Mark> = BTreeMap::new();
    for decl in ns.decls.values() {
        if let Decl::Type(t) = decl {
            let mut stack = Vec::new();
            visit(t, ns, &mut marks, &mut stack, d);
        }
    }
}

/// Depth-first search; `stack` holds the (type, field) steps taken. Each type is finished
/// once, so the walk ends on any input.
fn visit<'a>(
    t: &'a TypeDef,
    ns: &Namespace<'a>,
    marks: &mut BTreeMap<&'a str, Mark>,
    stack: &mut Vec<(&'a str, &'a str)>,
    d: &mut Diagnostics,
) {
    if marks.contains_key(t.name.value.as_str()) {
        return;
    }
    marks.insert(&t.name.value, Mark::Visiting);
    for field in &t.fields {
        let Kind::Object(next) = ns.kind(&field.ty.value) else {
            continue;
        };
        stack.push((&t.name.value, &field.name.value));
        match marks.get(next.name.value.as_str()) {
            Some(Mark::Visiting) => {
                let start = stack
                    .iter()
                    .position(|(ty, _)| *ty == next.name.value)
                    .unwrap_or(0);
                let chain = stack
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .map(|(ty, f)| format!("{ty}.{f}"))
                    .collect::<Vec<_>>()
                    .join(" -> ");
                d.error_help(
                    &field.ty.loc,
                    format!(
                        "type `{}` contains itself without an array in between: {chain} -> {}",
                        next.name.value, next.name.value
                    ),
                    "a struct cannot contain itself; make one of the fields an array",
                );
            }
            Some(Mark::Done) => {}
            None => visit(next, ns, marks, stack, d),
        }
        stack.pop();
    }
    marks.insert(&t.name.value, Mark::Done);
}
