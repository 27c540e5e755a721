//! Reads the struct and its `#[validate(...)]` and `#[serde(...)]` attributes into a model.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type};

use crate::args::{self, Value, span_of};
use crate::constraint::{self, Keyed};
use crate::diag::{Diagnostics, did_you_mean};
use crate::serde_attr::{self, SerdeContainer, SerdeField};

/// The struct as the derive sees it.
pub(crate) struct StructInput {
    pub(crate) ident: Ident,
    /// `#[validate(rules = PATH)]`: called after the field checks.
    pub(crate) rules: Option<syn::Path>,
    /// `#[validate(lenient)]`: documents of this type are read leniently by default.
    pub(crate) lenient: bool,
    pub(crate) serde: SerdeContainer,
    pub(crate) fields: Vec<FieldInput>,
}

/// One named field.
pub(crate) struct FieldInput {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    /// The JSON member name: serde's rename, else the identifier without `r#`.
    pub(crate) wire: LitStr,
    pub(crate) serde: SerdeField,
    /// The constraints in the order written.
    pub(crate) constraints: Vec<Keyed>,
}

const STRUCT_KEYS: &[&str] = &["rules", "lenient"];

/// Parses `input`; `None` (after reporting) when it is not a struct with named fields.
pub(crate) fn parse(input: &DeriveInput, diag: &mut Diagnostics) -> Option<StructInput> {
    let shape_error = |what: &str| {
        format!(
            "#[derive(Validate)] supports structs with named fields only, not {what}{}",
            if what == "enums" {
                "; derive `WireEnum` on an enum, which implements `Validate` too"
            } else {
                ""
            }
        )
    };
    let named = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => Some(named),
            Fields::Unnamed(_) => {
                diag.error(input.ident.span(), shape_error("tuple structs"));
                None
            }
            Fields::Unit => {
                diag.error(input.ident.span(), shape_error("unit structs"));
                None
            }
        },
        Data::Enum(_) => {
            diag.error(input.ident.span(), shape_error("enums"));
            None
        }
        Data::Union(_) => {
            diag.error(input.ident.span(), shape_error("unions"));
            None
        }
    };
    if !input.generics.params.is_empty() {
        diag.error_spanned(
            &input.generics,
            "#[derive(Validate)] does not support generic structs; generated types are concrete",
        );
    }
    let (rules, lenient) = struct_attrs(input, diag);
    let fields = named?.named.iter().filter_map(|f| field(f, diag)).collect();
    Some(StructInput {
        ident: input.ident.clone(),
        rules,
        lenient,
        serde: serde_attr::container(&input.attrs),
        fields,
    })
}

fn struct_attrs(input: &DeriveInput, diag: &mut Diagnostics) -> (Option<syn::Path>, bool) {
    let mut rules: Option<syn::Path> = None;
    let mut lenient = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("validate")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = args::key_ident(&meta)?;
            if key == "rules" {
                match args::value(&meta)? {
                    Value::Path(path) if rules.is_none() => rules = Some(path),
                    Value::Path(path) => diag.error(
                        span_of(&path),
                        "`rules` is given twice; call every check from one function",
                    ),
                    _ => diag.error(
                        key.span(),
                        "`rules` expects a function path, e.g. `rules = Self::check_rules`",
                    ),
                }
                Ok(())
            } else if key == "lenient" {
                lenient = true;
                Ok(())
            } else {
                let name = key.to_string();
                diag.error(
                    key.span(),
                    format!(
                        "unknown struct-level validation `{name}`; expected `rules = PATH` \
                         or `lenient` (field constraints go on the fields){}",
                        did_you_mean(&name, STRUCT_KEYS)
                    ),
                );
                args::skip_rest(&meta)
            }
        });
        if let Err(e) = result {
            diag.push(e);
        }
    }
    (rules, lenient)
}

fn field(f: &syn::Field, diag: &mut Diagnostics) -> Option<FieldInput> {
    // Named fields always have an identifier; nothing to report otherwise.
    let ident = f.ident.clone()?;
    let serde = serde_attr::field(&f.attrs);
    let wire = serde
        .rename
        .clone()
        .unwrap_or_else(|| LitStr::new(&ident.unraw().to_string(), ident.span()));
    let mut constraints = Vec::new();
    for attr in f.attrs.iter().filter(|a| a.path().is_ident("validate")) {
        if let Err(e) = attr.meta.require_list() {
            diag.push(e);
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            if let Some(item) = constraint::parse(&meta, false, diag)? {
                constraints.push(item);
            }
            Ok(())
        });
        if let Err(e) = result {
            diag.push(e);
        }
    }
    Some(FieldInput {
        ident,
        ty: f.ty.clone(),
        wire,
        serde,
        constraints,
    })
}

/// Where a field is, for messages about the field as a whole.
pub(crate) fn field_span(field: &FieldInput) -> Span {
    field.ident.span()
}
