//! Names: field wire and Rust names, variant names and codes, named type references.

use std::collections::BTreeMap;

use crate::check::namespace::{Kind, Namespace};
use crate::diag::Diagnostics;
use crate::model::{At, EnumDef, Field, Loc, TypeDef, TypeRef};
use crate::naming::{field_ident, is_valid_ident, pascal_ident};

/// The variant name every generated enum uses for unknown wire values.
pub(crate) const RESERVED_VARIANT: &str = "Unknown";

/// The Rust name of a field: its `rust:` override or the snake_case of its wire name.
pub(crate) fn rust_field_name(field: &Field) -> String {
    match &field.rust {
        Some(r) => r.value.clone(),
        None => field_ident(&field.name.value),
    }
}

/// Wire names (and aliases) unique within the type; Rust names valid and unique.
pub(crate) fn fields(ty: &TypeDef, d: &mut Diagnostics) {
    let mut wire: BTreeMap<&str, &Loc> = BTreeMap::new();
    let mut rust: BTreeMap<String, &At<String>> = BTreeMap::new();
    for field in &ty.fields {
        let mut repeated = false;
        for name in std::iter::once(&field.name).chain(field.aliases.iter()) {
            if let Some(first) = wire.get(name.value.as_str()) {
                repeated = true;
                d.error_help(
                    &name.loc,
                    format!(
                        "wire name `{}` appears twice in type `{}`",
                        name.value, ty.name.value
                    ),
                    format!("the first is at {first}"),
                );
            } else {
                wire.insert(&name.value, &name.loc);
            }
        }
        if repeated && field.rust.is_none() {
            // Already reported; the Rust names collide for the same reason.
            continue;
        }
        let rust_name = rust_field_name(field);
        let loc = field.rust.as_ref().map_or(&field.name.loc, |r| &r.loc);
        if !is_valid_ident(&rust_name) {
            let help = if field.rust.is_some() {
                "use ASCII letters, digits and `_`, not starting with a digit, and not a keyword"
                    .to_owned()
            } else {
                "give the field a `rust:` name".to_owned()
            };
            d.error_help(
                loc,
                format!(
                    "Rust field name `{rust_name}` of `{}` is not a valid identifier",
                    field.name.value
                ),
                help,
            );
            continue;
        }
        if let Some(first) = rust.get(&rust_name) {
            d.error_help(
                loc,
                format!(
                    "fields `{}` and `{}` of type `{}` both map to the Rust name `{rust_name}`",
                    first.value, field.name.value, ty.name.value
                ),
                "give one of them a different `rust:` name",
            );
        } else {
            rust.insert(rust_name, &field.name);
        }
    }
}

/// A field's named type exists in the group.
pub(crate) fn field_type(field: &Field, ns: &Namespace<'_>, d: &mut Diagnostics) {
    let mut ty = &field.ty.value;
    while let TypeRef::Array(inner) = ty {
        ty = inner;
    }
    if let TypeRef::Named(name) = ty
        && !name.is_empty()
        && matches!(ns.kind(ty), Kind::Missing)
    {
        d.push(ns.unknown_name(name, &field.ty.loc));
    }
}

/// Variant wire names, codes and Rust names unique; Rust names valid and not reserved.
pub(crate) fn variants(e: &EnumDef, d: &mut Diagnostics) {
    let mut wire: BTreeMap<&str, &Loc> = BTreeMap::new();
    let mut codes: BTreeMap<i64, &Loc> = BTreeMap::new();
    let mut rust: BTreeMap<String, &str> = BTreeMap::new();
    for v in &e.variants {
        if let Some(first) = wire.get(v.name.value.as_str()) {
            d.error_help(
                &v.name.loc,
                format!(
                    "variant `{}` appears twice in enum `{}`",
                    v.name.value, e.name.value
                ),
                format!("the first is at {first}"),
            );
        } else {
            wire.insert(&v.name.value, &v.name.loc);
        }
        if let Some(first) = codes.get(&v.code.value) {
            d.error_help(
                &v.code.loc,
                format!(
                    "code {} appears twice in enum `{}`",
                    v.code.value, e.name.value
                ),
                format!("the first is at {first}"),
            );
        } else {
            codes.insert(v.code.value, &v.code.loc);
        }
        let rust_name = match &v.rust {
            Some(r) => r.value.clone(),
            None => pascal_ident(&v.name.value),
        };
        let loc = v.rust.as_ref().map_or(&v.name.loc, |r| &r.loc);
        if !is_valid_ident(&rust_name) {
            d.error_help(
                loc,
                format!(
                    "Rust variant name `{rust_name}` of `{}` is not a valid identifier",
                    v.name.value
                ),
                if v.rust.is_some() {
                    "use ASCII letters, digits and `_`, not starting with a digit, and not a keyword"
                } else {
                    "give the variant a `rust:` name"
                },
            );
            continue;
        }
        if rust_name == RESERVED_VARIANT {
            d.error_help(
                loc,
                format!(
                    "variant `{}` of enum `{}` maps to the Rust name `{RESERVED_VARIANT}`, which is reserved",
                    v.name.value, e.name.value
                ),
                "every generated enum has an `Unknown` variant for values added later; give this one another `rust:` name",
            );
            continue;
        }
        if let Some(first) = rust.get(&rust_name) {
            d.error_help(
                loc,
                format!(
                    "variants `{first}` and `{}` of enum `{}` both map to the Rust name `{rust_name}`",
                    v.name.value, e.name.value
                ),
                "give one of them a different `rust:` name",
            );
        } else {
            rust.insert(rust_name, &v.name.value);
        }
    }
}
