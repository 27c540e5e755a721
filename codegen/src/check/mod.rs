//! Semantic checks over a loaded spec set: names, references, constraints, rules,
//! endpoints and tables. Every check records its problems and carries on.
//!
//! [`load_specs`](crate::load::load_specs) runs these after loading; call [`check`]
//! directly only on a set built by other means.

mod constraints;
mod endpoint;
mod names;
mod namespace;
mod recursion;
mod rules;
mod tables;

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::model::{Loc, QueryParam, SpecSet};
use namespace::Namespace;

/// Runs every check over `set`, recording problems in `d`.
pub fn check(set: &SpecSet, d: &mut Diagnostics) {
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
        for group in &platform.groups {
            let ns = Namespace::build(group, d);
            recursion::check(&ns, d);
            for file in &group.files {
                if let Some(ep) = &file.endpoint {
                    endpoint::check(ep, &file.path, &dir, &group.name, &ns, platform, d);
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
                            constraints::field(field, &ns, d);
                        }
                    }
                }
                for ty in &file.types {
                    names::fields(ty, d);
                    for field in &ty.fields {
                        names::field_type(field, &ns, d);
                        constraints::field(field, &ns, d);
                    }
                    for rule in &ty.rules {
                        rules::check(rule, ty, &ns, d);
                    }
                }
                for e in &file.enums {
                    names::variants(e, d);
                }
                tables::errors(&file.errors, d);
                tables::examples(file, d);
                tables::conflicts(file, &ns, d);
            }
        }
    }
}
