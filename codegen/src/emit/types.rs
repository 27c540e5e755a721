//! Object types: a struct per spec type, with serde names and `#[validate(...)]` attributes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::index::{GroupIndex, rust_name};
use super::util::{doc, num_literal, rust_type, sections, str_lit};
use crate::model::{Bounds, Constraints, Field, FormatName, SpecFile, TypeDef};

/// The struct for `ty`, and its rule function when it has rules.
pub fn emit_type(ty: &TypeDef, index: &GroupIndex<'_>, file: &SpecFile) -> TokenStream {
    let name = format_ident!("{}", &*ty.name);
    let mut parts = vec![
        ty.description
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_else(|| format!("The `{}` object.", &*ty.name)),
    ];
    parts.extend(conflicts_about(file, &ty.name));
    if !ty.rules.is_empty() {
        let mut r = String::from("Rules between fields:");
        for rule in &ty.rules {
            r.push_str(&format!("\n- {}", super::rules::describe(rule)));
        }
        parts.push(r);
    }
    let docs = doc(&sections(&parts));
    let fields = ty.fields.iter().map(|f| emit_field(f, file, &ty.name));
    let rules_attr = if ty.rules.is_empty() {
        quote!()
    } else {
        quote!(#[validate(rules = Self::check_rules)])
    };
    let rules_impl = if ty.rules.is_empty() {
        quote!()
    } else {
        let body = super::rules::emit_rules(ty, index);
        quote! {
            impl #name {
                /// Checks the rules between this object's fields (generated from the spec's `rules`).
                // Each rule is emitted as a self-contained block; merging their conditions
                // would make the generator's output harder to follow, not faster.
                #[allow(clippy::collapsible_if, clippy::collapsible_else_if)]
                fn check_rules(&self, path: &::mpapi_runtime::Path<'_>, out: &mut ::mpapi_runtime::Violations) {
                    #body
                }
            }
        }
    };
    let is_query = file
        .endpoint
        .as_ref()
        .is_some_and(|e| e.query_type.as_deref() == Some(ty.name.value.as_str()));
    let query_impl = if is_query {
        query_pairs(ty, index)
    } else {
        quote!()
    };
    quote! {
        #query_impl
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize, ::mpapi_derive::Validate)]
        #rules_attr
        pub struct #name {
            #(#fields)*
        }
        #rules_impl
    }
}

/// Doc paragraphs for the conflicts recorded about `at` (or `at.something`).
pub fn conflicts_about(file: &SpecFile, at: &str) -> Vec<String> {
    file.conflicts
        .iter()
        .filter(|c| c.at.value == at)
        .map(|c| {
            format!(
                "**Doc conflict.** {}\n\n*Reading chosen:* {}",
                c.doc.value.trim(),
                c.reading.value.trim()
            )
        })
        .collect()
}

fn emit_field(f: &Field, file: &SpecFile, type_name: &str) -> TokenStream {
    let ident = format_ident!("{}", rust_name(f));
    let wire = &f.name.value;
    let mut parts = vec![
        f.description
            .as_ref()
            .map(|d| d.value.clone())
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
        facts.push(format!("Example: `{}`", ex.value));
    }
    if let Some(d) = &f.default {
        facts.push(format!("Default: `{}`", d.value));
    }
    if !f.aliases.is_empty() {
        let a: Vec<String> = f.aliases.iter().map(|a| format!("`{}`", a.value)).collect();
        facts.push(format!("Also accepted on input as {}", a.join(", ")));
    }
    parts.push(facts.join(". ") + ".");
    parts.extend(conflicts_about(file, &format!("{type_name}.{wire}")));
    let docs = doc(&sections(&parts));

    let mut serde_attrs = Vec::new();
    if rust_name(f) != *wire {
        let w = str_lit(wire);
        serde_attrs.push(quote!(#[serde(rename = #w)]));
    }
    for a in &f.aliases {
        let a = str_lit(a);
        serde_attrs.push(quote!(#[serde(alias = #a)]));
    }
    let base = rust_type(&f.ty);
    let ty = if f.required {
        base
    } else {
        serde_attrs.push(
            quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]),
        );
        quote!(::std::option::Option<#base>)
    };
    let mut checks = Vec::new();
    if let (true, Some(code)) = (f.required, &f.missing_code) {
        let c = code.value;
        checks.push(quote!(required(code = #c)));
    }
    checks.extend(constraint_attrs(&f.constraints, &f.ty.value));
    if let Some(each) = &f.each {
        let inner = constraint_attrs(each, &f.ty.value);
        if !inner.is_empty() {
            checks.push(quote!(each(#(#inner),*)));
        }
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

fn code_arg(code: &Option<crate::model::At<i64>>) -> Option<TokenStream> {
    code.as_ref().map(|c| {
        let c = c.value;
        quote!(code = #c)
    })
}

/// The `min_code`, `max_code` and `code` arguments of a bounded constraint, as given.
fn bound_codes<T>(b: &Bounds<T>) -> Vec<TokenStream> {
    let mut args = Vec::new();
    if let Some(c) = &b.min_code {
        let c = c.value;
        args.push(quote!(min_code = #c));
    }
    if let Some(c) = &b.max_code {
        let c = c.value;
        args.push(quote!(max_code = #c));
    }
    args.extend(code_arg(&b.code));
    args
}

fn len_bounds(kind: &str, b: &Bounds<u64>) -> TokenStream {
    let kind = format_ident!("{}", kind);
    let mut args = Vec::new();
    if let Some(min) = &b.min {
        let v = proc_macro2::Literal::u64_unsuffixed(min.value);
        args.push(quote!(min = #v));
    }
    if let Some(max) = &b.max {
        let v = proc_macro2::Literal::u64_unsuffixed(max.value);
        args.push(quote!(max = #v));
    }
    args.extend(bound_codes(b));
    quote!(#kind(#(#args),*))
}

fn constraint_attrs(c: &Constraints, ty: &crate::model::TypeRef) -> Vec<TokenStream> {
    let mut out = Vec::new();
    if let Some(b) = &c.bytes {
        out.push(len_bounds("bytes", b));
    }
    if let Some(b) = &c.chars {
        out.push(len_bounds("chars", b));
    }
    if let Some(b) = &c.items {
        out.push(len_bounds("items", b));
    }
    if let Some(r) = &c.range {
        let mut args = Vec::new();
        if let Some(min) = &r.min {
            let v = num_literal(min.value, ty);
            args.push(quote!(min = #v));
        }
        if let Some(max) = &r.max {
            let v = num_literal(max.value, ty);
            args.push(quote!(max = #v));
        }
        args.extend(bound_codes(r));
        out.push(quote!(range(#(#args),*)));
    }
    if let Some(p) = &c.pattern {
        let re = str_lit(&p.regex);
        let code = code_arg(&p.code).map(|c| quote!(, #c));
        out.push(quote!(pattern(regex = #re #code)));
    }
    if let Some(fmt) = &c.format {
        let name = match fmt.name.value {
            FormatName::DateTime => format_ident!("date_time"),
        };
        let code = code_arg(&fmt.code).map(|c| quote!(, #c));
        out.push(quote!(format(#name #code)));
    }
    out
}

/// `to_query_pairs` for an endpoint's query type: each present parameter as a name/value pair.
fn query_pairs(ty: &TypeDef, index: &GroupIndex<'_>) -> TokenStream {
    let name = format_ident!("{}", &*ty.name);
    let kinds = ty.fields.iter().flat_map(|f| {
        let kind = match &f.ty.value {
            crate::model::TypeRef::Int { .. } => quote!(Integer),
            crate::model::TypeRef::Number => quote!(Number),
            crate::model::TypeRef::Bool => quote!(Bool),
            other => match index.enum_def(other) {
                Some(e) if e.wire.value == crate::model::WireKind::Integer => quote!(Integer),
                _ => quote!(Text),
            },
        };
        std::iter::once(&f.name)
            .chain(f.aliases.iter())
            .map(move |n| {
                let wire = str_lit(n);
                quote!((#wire, ::mpapi_runtime::QueryKind::#kind))
            })
            .collect::<Vec<_>>()
    });
    let pushes = ty.fields.iter().map(|f| {
        let ident = format_ident!("{}", rust_name(f));
        let wire = str_lit(&f.name);
        if f.required {
            quote!(pairs.push((#wire, self.#ident.to_string()));)
        } else {
            quote!(if let ::std::option::Option::Some(v) = &self.#ident { pairs.push((#wire, v.to_string())); })
        }
    });
    quote! {
        impl #name {
            /// The parameters as URL name/value pairs, absent optional ones left out.
            pub fn to_query_pairs(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                let mut pairs = ::std::vec::Vec::new();
                #(#pushes)*
                pairs
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
