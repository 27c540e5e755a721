//! `outcome:` on an object type: the items of a batch answer that each carry their own
//! error envelope (e.g. logistics `batch_get_order`, whose `order_list[]` items have
//! `errcode`/`errmsg`). This module owns the construct: its syntax, its checks and the
//! generated `outcome()` accessor, which returns the item or its typed error code.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::diag::Diagnostics;
use crate::ir::{Field, Ty};
use crate::load::reader::entries;
use crate::load::yaml::Node;
use crate::model::{At, Loc, SpecFile};

/// `outcome: {code, message, errors}` as written.
#[derive(Clone, Debug)]
pub struct OutcomeDecl {
    /// The field holding the item's code (0 or absent: success).
    pub code: At<String>,
    /// The field holding the item's message.
    pub message: Option<At<String>>,
    /// The scope of the endpoint's error table listing the item codes (default: the
    /// request-level table).
    pub errors: Option<At<String>>,
    /// The endpoint of the group whose table lists the codes (default: the endpoint of the
    /// file; required in a group's `types.yaml`).
    pub endpoint: Option<At<String>>,
    /// Where it was written.
    pub loc: Loc,
}

/// The checked `outcome:` of a type.
#[derive(Clone, Debug)]
pub struct OutcomeIr {
    /// Rust name of the code field, and whether it is optional.
    pub code: (String, bool),
    /// Rust name of the message field, and whether it is optional.
    pub message: Option<(String, bool)>,
    /// Rust name of the error-code type (in the same module).
    pub code_type: String,
    /// Wire name of the code field (for the rustdoc).
    pub code_wire: String,
}

/// Reads `outcome:`.
pub(crate) fn load(node: &Node, d: &mut Diagnostics) -> Option<OutcomeDecl> {
    let e = entries(
        node,
        "`outcome`",
        &["code", "message", "errors", "endpoint"],
        d,
    )?;
    Some(OutcomeDecl {
        code: e.req_string("code", d)?,
        message: e.opt_string("message", d),
        errors: e.opt_string("errors", d),
        endpoint: e.opt_string("endpoint", d),
        loc: node.loc.clone(),
    })
}

/// Checks `outcome:` of type `type_name` declared in `file` (one of the group's `files`)
/// against its fields.
pub(crate) fn lower(
    decl: &OutcomeDecl,
    type_name: &str,
    fields: &[Field],
    file: &SpecFile,
    files: &[&SpecFile],
    d: &mut Diagnostics,
) -> Option<OutcomeIr> {
    let named = |f: &&&SpecFile| {
        f.endpoint.as_ref().is_some_and(|e| {
            decl.endpoint
                .as_ref()
                .is_some_and(|n| e.id.value.rsplit('.').next() == Some(n.value.as_str()))
        })
    };
    let file: &SpecFile = match (&decl.endpoint, &file.endpoint) {
        (Some(name), _) => match files.iter().find(named) {
            Some(f) => f,
            None => {
                d.error_help(
                    &name.loc,
                    format!("no endpoint `{}` in this group", name.value),
                    "name the endpoint (the last part of its id) whose error table lists the item codes",
                );
                return None;
            }
        },
        (None, Some(_)) => file,
        (None, None) => {
            d.error_help(
                &decl.loc,
                format!(
                    "`{type_name}` has an `outcome:` outside an endpoint file, without `endpoint:`"
                ),
                "name the endpoint whose error table lists the item codes with `endpoint:`",
            );
            return None;
        }
    };
    let Some(ep) = &file.endpoint else {
        return None;
    };
    let endpoint = ep.id.value.rsplit('.').next().unwrap_or_default();
    let find =
        |d: &mut Diagnostics, name: &At<String>, want: &str, ok: fn(&Ty) -> bool| match fields
            .iter()
            .find(|f| f.wire == name.value)
        {
            Some(f) if ok(&f.ty) => Some((f.rust.clone(), !f.required)),
            Some(_) => {
                d.error(
                    &name.loc,
                    format!("`{type_name}.{}` is not {want}", name.value),
                );
                None
            }
            None => {
                d.error(
                    &name.loc,
                    format!("`{type_name}` has no field `{}`", name.value),
                );
                None
            }
        };
    let code = find(
        d,
        &decl.code,
        "an integer of at most 32 bits, or a signed 64-bit one",
        |t| {
            matches!(
                t,
                Ty::Int { signed: true, .. }
                    | Ty::Int {
                        signed: false,
                        bits: 8 | 16 | 32
                    }
            )
        },
    );
    let message = match &decl.message {
        Some(m) => Some(find(d, m, "a string", |t| *t == Ty::String)?),
        None => None,
    };
    let pascal = crate::naming::pascal_ident(endpoint);
    let code_type = match &decl.errors {
        None => format!("{pascal}ErrorCode"),
        Some(scope) => {
            let known = file
                .errors
                .iter()
                .any(|e| e.scope.as_ref().is_some_and(|s| s.value == scope.value));
            if !known {
                d.error_help(
                    &scope.loc,
                    format!(
                        "no error row of `{}` has `scope: {}`",
                        ep.id.value, scope.value
                    ),
                    "list the item codes in `errors:` with this scope",
                );
                return None;
            }
            format!(
                "{pascal}{}ErrorCode",
                crate::naming::pascal_ident(&scope.value)
            )
        }
    };
    Some(OutcomeIr {
        code: code?,
        message,
        code_type,
        code_wire: decl.code.value.clone(),
    })
}

/// The `outcome()` accessor of type `name`.
pub(crate) fn emit(name: &str, o: &OutcomeIr) -> TokenStream {
    let ty = format_ident!("{}", name);
    let code_ty = format_ident!("{}", o.code_type);
    let code_field = format_ident!("{}", o.code.0);
    let code = if o.code.1 {
        quote!(self.#code_field.map_or(0, i64::from))
    } else {
        quote!(i64::from(self.#code_field))
    };
    let message = match &o.message {
        Some((m, true)) => {
            let m = format_ident!("{}", m);
            quote!(self.#m.clone().unwrap_or_default())
        }
        Some((m, false)) => {
            let m = format_ident!("{}", m);
            quote!(self.#m.clone())
        }
        None => quote!(::std::string::String::new()),
    };
    let doc = super::emit::doc_text(&format!(
        "This item's own result: `Ok(self)` when its `{}` is 0 or absent, else its error with the code typed as [`{}`] (whose `info()` gives the doc's message and fix).",
        o.code_wire, o.code_type
    ));
    quote! {
        impl #ty {
            #doc
            pub fn outcome(&self) -> ::std::result::Result<&Self, ::mpapi_runtime::ItemError<#code_ty>> {
                let code = #code;
                if code == 0 {
                    ::std::result::Result::Ok(self)
                } else {
                    ::std::result::Result::Err(::mpapi_runtime::ItemError {
                        code: #code_ty(code),
                        message: #message,
                    })
                }
            }
        }
    }
}
