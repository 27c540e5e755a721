//! Checks the enum and builds the model the emitter writes from.

use syn::{Fields, Ident};

use super::parse::{EnumInput, Form, VariantInput};
use crate::diag::Diagnostics;
use crate::ty;

/// A checked wire enum.
pub(crate) struct WireEnumModel {
    pub(crate) ident: Ident,
    pub(crate) form: Form,
    pub(crate) invalid_code: Option<i64>,
    /// The known variants, in declaration (spec) order.
    pub(crate) known: Vec<Known>,
    /// The variant that keeps an unknown raw value.
    pub(crate) unknown: Ident,
}

/// A known variant.
pub(crate) struct Known {
    pub(crate) ident: Ident,
    pub(crate) name: String,
    pub(crate) code: i64,
}

/// Checks everything, reporting every problem; the model when nothing is wrong.
pub(crate) fn check(input: &EnumInput, diag: &mut Diagnostics) -> Option<WireEnumModel> {
    if input.has_generics {
        diag.error(
            input.ident.span(),
            "#[derive(WireEnum)] does not support generic enums",
        );
    }
    let form = form(input, diag);
    let unknown = unknown_variant(input, diag);
    let known = known_variants(input, diag);
    Some(WireEnumModel {
        ident: input.ident.clone(),
        form: form?,
        invalid_code: input.invalid_code,
        known,
        unknown: unknown?,
    })
}

fn form(input: &EnumInput, diag: &mut Diagnostics) -> Option<Form> {
    match input.forms.as_slice() {
        [] => {
            diag.error(
                input.ident.span(),
                "#[derive(WireEnum)] needs the wire form: add `#[wire(string)]` (sent as the \
                 variant name) or `#[wire(integer)]` (sent as the numeric code)",
            );
            None
        }
        [(form, _)] => Some(*form),
        [(first, _), rest @ ..] => {
            for (_, span) in rest {
                diag.error(
                    *span,
                    "the wire form is given more than once; choose one of `string` or `integer`",
                );
            }
            Some(*first)
        }
    }
}

fn unknown_variant(input: &EnumInput, diag: &mut Diagnostics) -> Option<Ident> {
    let marked: Vec<&VariantInput> = input
        .variants
        .iter()
        .filter(|v| v.unknown.is_some())
        .collect();
    let Some(first) = marked.first() else {
        diag.error(
            input.ident.span(),
            "#[derive(WireEnum)] needs exactly one variant that keeps values not in the spec: \
             add `#[wire(unknown)] Unknown(::mpapi_runtime::UnknownValue)`",
        );
        return None;
    };
    for extra in &marked[1..] {
        diag.error(
            extra.ident.span(),
            format!(
                "only one variant may be `#[wire(unknown)]`; `{}` is already",
                first.ident
            ),
        );
    }
    for v in &marked {
        if v.name.is_some() || v.code.is_some() {
            diag.error(
                v.ident.span(),
                "the `#[wire(unknown)]` variant has no wire name or code of its own; remove \
                 `name`/`code`",
            );
        }
    }
    let holds_raw = match &first.fields {
        Fields::Unnamed(f) if f.unnamed.len() == 1 => f
            .unnamed
            .first()
            .is_some_and(|field| ty::is_named(&field.ty, "UnknownValue")),
        _ => false,
    };
    if !holds_raw {
        diag.error(
            first.ident.span(),
            format!(
                "the `#[wire(unknown)]` variant must hold the raw value as one field: \
                 `{}(::mpapi_runtime::UnknownValue)`",
                first.ident
            ),
        );
    }
    Some(first.ident.clone())
}

fn known_variants(input: &EnumInput, diag: &mut Diagnostics) -> Vec<Known> {
    let mut known: Vec<Known> = Vec::new();
    for v in input.variants.iter().filter(|v| v.unknown.is_none()) {
        if !matches!(v.fields, Fields::Unit) {
            diag.error(
                v.ident.span(),
                format!(
                    "known variant `{}` cannot have fields; only the `#[wire(unknown)]` \
                     variant holds a value",
                    v.ident
                ),
            );
        }
        let (Some(name), Some((code, code_span))) = (&v.name, v.code) else {
            if v.had_errors {
                continue;
            }
            diag.error(
                v.ident.span(),
                format!(
                    "variant `{}` needs its wire name and code: \
                     `#[wire(name = \"...\", code = N)]` (or `#[wire(unknown)]`)",
                    v.ident
                ),
            );
            continue;
        };
        let name_value = name.value();
        if let Some(other) = known.iter().find(|k| k.name == name_value) {
            diag.error(
                name.span(),
                format!(
                    "duplicate wire name {name_value:?}: variant `{}` already has it",
                    other.ident
                ),
            );
        }
        if let Some(other) = known.iter().find(|k| k.code == code) {
            diag.error(
                code_span,
                format!(
                    "duplicate code {code}: variant `{}` already has it",
                    other.ident
                ),
            );
        }
        known.push(Known {
            ident: v.ident.clone(),
            name: name_value,
            code,
        });
    }
    known
}
