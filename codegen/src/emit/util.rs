//! Small helpers shared by the emitters: doc attributes, Rust types of spec types.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Num, TypeRef};

/// `#[doc = "..."]` attributes for each paragraph line of `text`.
pub fn doc(text: &str) -> TokenStream {
    let lines: Vec<String> = text
        .trim_end()
        .lines()
        .map(|l| format!(" {}", l.trim_end()))
        .collect();
    quote! { #(#[doc = #lines])* }
}

/// Joins doc sections with blank lines, skipping empty ones.
pub fn sections(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The Rust type for a spec type (without the `Option` of optional fields).
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int { signed, bits } => {
            let name = format_ident!("{}{}", if *signed { "i" } else { "u" }, bits);
            quote!(#name)
        }
        TypeRef::Number => quote!(f64),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::IntOrString => quote!(::mpapi_runtime::IntOrString),
        TypeRef::Array(inner) => {
            let inner = rust_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
    }
}

/// A suffixed numeric literal for a field of type `ty`, e.g. `64u32`, `-1i64`, `0f64`
/// (a bound written as an integer on a `number` field becomes a float literal).
pub fn num_literal(n: Num, ty: &TypeRef) -> TokenStream {
    let scalar = match ty {
        TypeRef::Array(inner) => inner.as_ref(),
        other => other,
    };
    let span = proc_macro2::Span::call_site();
    let (negative, text) = match (scalar, n) {
        (TypeRef::Int { signed, bits }, Num::Int(v)) => {
            let suffix = format!("{}{}", if *signed { "i" } else { "u" }, bits);
            (v < 0, format!("{}{suffix}", v.unsigned_abs()))
        }
        (_, Num::Int(v)) => (v < 0, format!("{}f64", v.unsigned_abs())),
        (_, Num::Float(f)) => {
            let mut text = format!("{}", f.abs());
            if !text.contains(['.', 'e', 'E']) {
                text.push_str(".0");
            }
            (f < 0.0, format!("{text}f64"))
        }
    };
    let lit = if text.ends_with("f64") {
        let lit = syn::LitFloat::new(&text, span);
        quote!(#lit)
    } else {
        let lit = syn::LitInt::new(&text, span);
        quote!(#lit)
    };
    if negative { quote!(-#lit) } else { lit }
}

/// A Rust string literal.
pub fn str_lit(s: &str) -> Literal {
    Literal::string(s)
}
