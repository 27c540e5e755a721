//! Reads the enum and its `#[wire(...)]` attributes.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::args::{self, Number, Value};
use crate::diag::{Diagnostics, did_you_mean};

/// How the enum travels, as written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    String,
    Integer,
}

/// The enum as written.
pub(crate) struct EnumInput {
    pub(crate) ident: Ident,
    pub(crate) has_generics: bool,
    /// Every form key given, with its span (the check wants exactly one).
    pub(crate) forms: Vec<(Form, Span)>,
    pub(crate) invalid_code: Option<i64>,
    pub(crate) variants: Vec<VariantInput>,
}

/// One variant as written.
pub(crate) struct VariantInput {
    pub(crate) ident: Ident,
    pub(crate) fields: Fields,
    pub(crate) name: Option<LitStr>,
    pub(crate) code: Option<(i64, Span)>,
    /// `#[wire(unknown)]`.
    pub(crate) unknown: Option<Span>,
    /// Its `#[wire(...)]` had errors (already reported), so missing keys are not reported
    /// again.
    pub(crate) had_errors: bool,
}

const ENUM_KEYS: &[&str] = &["string", "integer", "invalid_code"];
const VARIANT_KEYS: &[&str] = &["name", "code", "unknown"];

/// Parses `input`; `None` (after reporting) when it is not an enum.
pub(crate) fn parse(input: &DeriveInput, diag: &mut Diagnostics) -> Option<EnumInput> {
    let Data::Enum(data) = &input.data else {
        diag.error(
            input.ident.span(),
            "#[derive(WireEnum)] applies to enums only; derive `Validate` on structs",
        );
        return None;
    };
    let mut parsed = EnumInput {
        ident: input.ident.clone(),
        has_generics: !input.generics.params.is_empty(),
        forms: Vec::new(),
        invalid_code: None,
        variants: Vec::new(),
    };
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("wire")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = args::key_ident(&meta)?;
            match key.to_string().as_str() {
                "string" => parsed.forms.push((Form::String, key.span())),
                "integer" => parsed.forms.push((Form::Integer, key.span())),
                "invalid_code" => {
                    let n = number(&meta, &key)?;
                    if parsed.invalid_code.is_some() {
                        diag.error(key.span(), "`invalid_code` is given twice");
                    }
                    parsed.invalid_code = code(&n, &key, diag);
                }
                other => {
                    diag.error(
                        key.span(),
                        format!(
                            "unknown enum-level key `{other}` in `#[wire(...)]`; expected one of \
                             {}{}",
                            ENUM_KEYS.join(", "),
                            did_you_mean(other, ENUM_KEYS)
                        ),
                    );
                    args::skip_rest(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            diag.push(e);
        }
    }
    parsed.variants = data.variants.iter().map(|v| variant(v, diag)).collect();
    Some(parsed)
}

fn variant(v: &syn::Variant, diag: &mut Diagnostics) -> VariantInput {
    let mut out = VariantInput {
        ident: v.ident.clone(),
        fields: v.fields.clone(),
        name: None,
        code: None,
        unknown: None,
        had_errors: false,
    };
    for attr in v.attrs.iter().filter(|a| a.path().is_ident("wire")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = args::key_ident(&meta)?;
            let twice = |diag: &mut Diagnostics| {
                diag.error(
                    key.span(),
                    format!("`{key}` is given twice on variant `{}`", v.ident),
                );
            };
            match key.to_string().as_str() {
                "name" => match args::value(&meta)? {
                    Value::Str(s) => {
                        if out.name.is_some() {
                            twice(diag);
                        }
                        out.name = Some(s);
                    }
                    _ => {
                        out.had_errors = true;
                        diag.error(key.span(), "`name` expects a string literal");
                    }
                },
                "code" => {
                    let n = number(&meta, &key)?;
                    if out.code.is_some() {
                        twice(diag);
                    }
                    out.code = code(&n, &key, diag).map(|c| (c, n.span()));
                    out.had_errors |= out.code.is_none();
                }
                "unknown" => {
                    if out.unknown.is_some() {
                        twice(diag);
                    }
                    out.unknown = Some(key.span());
                }
                other => {
                    out.had_errors = true;
                    diag.error(
                        key.span(),
                        format!(
                            "unknown variant key `{other}` in `#[wire(...)]`; expected one of \
                             {}{}",
                            VARIANT_KEYS.join(", "),
                            did_you_mean(other, VARIANT_KEYS)
                        ),
                    );
                    args::skip_rest(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            out.had_errors = true;
            diag.push(e);
        }
    }
    out
}

fn number(meta: &syn::meta::ParseNestedMeta, key: &Ident) -> syn::Result<Number> {
    match args::value(meta)? {
        Value::Number(n) => Ok(n),
        _ => Err(syn::Error::new(
            key.span(),
            format!("`{key}` expects an integer"),
        )),
    }
}

fn code(n: &Number, key: &Ident, diag: &mut Diagnostics) -> Option<i64> {
    match n.as_i128().and_then(|v| i64::try_from(v).ok()) {
        Some(v) if !n.is_float() => Some(v),
        _ => {
            diag.error(
                n.span(),
                format!("`{key}` must be an integer that fits in i64"),
            );
            None
        }
    }
}
