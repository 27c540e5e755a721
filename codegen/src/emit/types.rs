//! Object types: a struct per spec type with serde names and `#[validate(...)]` attributes
//! (`#[derive(Construct)]` adds `new` and the setters), and the rules between its fields as
//! one runtime call each.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::util::{doc, rust_type, sections, str_lit};
use crate::ir::{Conflict, Field, Platform, Ty, Type};
use crate::rules::Cx;

/// Doc paragraphs for conflicts.
pub fn conflict_docs(conflicts: &[Conflict]) -> Vec<String> {
    conflicts
        .iter()
        .map(|c| {
            format!(
                "**Doc conflict.** {}\n\n*Reading chosen:* {}",
                c.doc, c.reading
            )
        })
        .collect()
}

/// The struct for `ty`, its constructor and setters, and its rule function.
pub fn emit_type(p: &Platform, ty: &Type) -> TokenStream {
    let name = format_ident!("{}", ty.name);
    let mut parts = vec![
        ty.description
            .clone()
            .unwrap_or_else(|| format!("The `{}` object.", ty.name)),
    ];
    parts.extend(conflict_docs(&ty.conflicts));
    if !ty.rules.is_empty() {
        let mut r = String::from("Rules between fields:");
        for rule in &ty.rules {
            r.push_str(&format!("\n- {}", rule.describe(p)));
        }
        parts.push(r);
    }
    let docs = doc(&sections(&parts));
    let fields = ty.fields.iter().map(|f| emit_field(p, f));
    let (rules_attr, rules_impl) = if ty.rules.is_empty() {
        (quote!(), quote!())
    } else {
        let mut cx = Cx::new(p);
        let body = ty.rules.iter().map(|r| r.emit(&mut cx));
        (
            quote!(#[validate(rules = Self::check_rules)]),
            quote! {
                impl #name {
                    /// Checks the rules between this object's fields (from the spec's `rules`).
                    fn check_rules(&self, path: &rules::Path, out: &mut rules::Violations) {
                        #(#body)*
                    }
                }
            },
        )
    };
    // A response body is read leniently by default: a member the platform adds later
    // must never break an answer. Requests (and every other type) are read strictly.
    let endpoints = || p.groups.iter().flat_map(|g| &g.endpoints);
    let is_root = |id: Option<crate::ir::TypeId>| id.is_some_and(|id| std::ptr::eq(p.ty(id), ty));
    let is_response =
        endpoints().any(|ep| is_root(ep.response)) && !endpoints().any(|ep| is_root(ep.request));
    let lenient_attr = if is_response {
        quote!(#[validate(lenient)])
    } else {
        quote!()
    };
    let outcome_impl = ty
        .outcome
        .as_ref()
        .map(|o| crate::outcome::emit(&ty.name, o));
    let query_impl = if ty.is_query {
        query_pairs(p, ty)
    } else {
        quote!()
    };
    // A type without required fields is also `Default` (the same value as `new()`).
    let default = if ty.fields.iter().any(|f| f.required) {
        quote!()
    } else {
        quote!(Default,)
    };
    // A type with a credential (`secret: true`) writes its own `Debug`, which shows `***`
    // for the credential.
    let (debug_derive, debug_impl) = if ty.fields.iter().any(|f| f.secret) {
        let ty_name = &ty.name;
        let shown = ty.fields.iter().map(|f| {
            let ident = format_ident!("{}", f.rust);
            let field = &f.rust;
            if f.secret {
                quote!(.field(#field, &"***"))
            } else {
                quote!(.field(#field, &self.#ident))
            }
        });
        (
            quote!(),
            quote! {
                impl ::std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.debug_struct(#ty_name) #(#shown)* .finish()
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), quote!())
    };
    // Derive macros are named from the prelude: generated modules define no macros, so
    // these names cannot be shadowed by a spec's type names (which live in another namespace).
    quote! {
        #docs
        #[derive(Clone, #debug_derive PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #[derive(::mpapi_derive::Validate, ::mpapi_derive::Construct)]
        #[non_exhaustive]
        #rules_attr
        #lenient_attr
        pub struct #name {
            #(#fields)*
        }
        #rules_impl
        #query_impl
        #outcome_impl
        #debug_impl
    }
}

fn emit_field(p: &Platform, f: &Field) -> TokenStream {
    let ident = format_ident!("{}", f.rust);
    let wire = &f.wire;
    let mut parts = vec![
        f.description
            .clone()
            .unwrap_or_else(|| format!("`{wire}`.")),
    ];
    let mut facts = vec![format!(
        "Wire name: `{wire}`{}",
        if f.required {
            " (required)"
        } else {
            " (optional)"
        }
    )];
    if let Some(ex) = &f.example {
        facts.push(format!("Example: `{ex}`"));
    }
    if let Some(d) = &f.default {
        facts.push(format!("Default: `{d}`"));
    }
    if !f.aliases.is_empty() {
        let a: Vec<String> = f.aliases.iter().map(|a| format!("`{a}`")).collect();
        facts.push(format!("Also accepted on input as {}", a.join(", ")));
    }
    if f.secret {
        facts.push("A credential: `Debug` shows `***` instead of the value".to_owned());
    }
    parts.push(facts.join(". ") + ".");
    parts.extend(conflict_docs(&f.conflicts));
    let docs = doc(&sections(&parts));

    let mut serde_attrs = Vec::new();
    if f.rust != *wire {
        let w = str_lit(wire);
        serde_attrs.push(quote!(#[serde(rename = #w)]));
    }
    for a in &f.aliases {
        let a = str_lit(a);
        serde_attrs.push(quote!(#[serde(alias = #a)]));
    }
    let base = rust_type(p, &f.ty);
    let ty = if f.required {
        base
    } else {
        serde_attrs.push(
            quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]),
        );
        quote!(::std::option::Option<#base>)
    };
    let mut checks = Vec::new();
    if let (true, Some(c)) = (f.required, f.missing_code) {
        let c = crate::constraints::code_lit(c);
        checks.push(quote!(required(code = #c)));
    }
    checks.extend(f.constraints.iter().map(|c| c.attr(&f.ty)));
    let inner: Vec<TokenStream> = f.each.iter().map(|c| c.attr(&f.ty)).collect();
    if !inner.is_empty() {
        checks.push(quote!(each(#(#inner),*)));
    }
    let validate = if checks.is_empty() {
        quote!()
    } else {
        quote!(#[validate(#(#checks),*)])
    };
    quote! {
        #docs
        #(#serde_attrs)*
        #validate
        pub #ident: #ty,
    }
}

/// `to_query_pairs`/`from_query_pairs` for an endpoint's query type.
fn query_pairs(p: &Platform, ty: &Type) -> TokenStream {
    let name = format_ident!("{}", ty.name);
    let kinds = ty.fields.iter().flat_map(|f| {
        let kind = match f.ty.scalar() {
            Ty::Int { .. } => quote!(Integer),
            Ty::Number => quote!(Number),
            Ty::Bool => quote!(Bool),
            Ty::Enum(e) if p.en(*e).wire == crate::model::WireKind::Integer => quote!(Integer),
            _ => quote!(Text),
        };
        std::iter::once(&f.wire)
            .chain(f.aliases.iter())
            .map(move |n| {
                let wire = str_lit(n);
                quote!((#wire, ::mpapi_runtime::QueryKind::#kind))
            })
            .collect::<Vec<_>>()
    });
    // In the spec's order: a list of the values when every parameter is required, else
    // each pushed in turn (an optional one when present).
    let body = if ty.fields.iter().all(|f| f.required) {
        let values = ty.fields.iter().map(|f| {
            let ident = format_ident!("{}", f.rust);
            let wire = str_lit(&f.wire);
            quote!((#wire, self.#ident.to_string()))
        });
        quote!(::std::vec![#(#values),*])
    } else {
        let pushes = ty.fields.iter().map(|f| {
            let ident = format_ident!("{}", f.rust);
            let wire = str_lit(&f.wire);
            if f.required {
                quote!(pairs.push((#wire, self.#ident.to_string()));)
            } else {
                quote!(if let Some(v) = &self.#ident { pairs.push((#wire, v.to_string())); })
            }
        });
        quote! {
            let mut pairs = ::std::vec::Vec::new();
            #(#pushes)*
            pairs
        }
    };
    quote! {
        impl #name {
            /// The parameters as URL name/value pairs, absent optional ones left out.
            pub fn to_query_pairs(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                #body
            }

            /// Reads and validates the parameters from URL name/value pairs as sent (other
            /// parameters, such as the token, are ignored), reporting every violation.
            pub fn from_query_pairs(pairs: &[(&str, &str)]) -> ::std::result::Result<Self, ::mpapi_runtime::Violations> {
                let object = ::mpapi_runtime::query_object(pairs, &[#(#kinds),*]);
                ::mpapi_runtime::validate_value(&object)
            }
        }
    }
}
