//! Small helpers shared by the emitters: doc attributes, Rust types of spec types.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Num, TypeRef};

/// `#[doc = "..."]` attributes for each paragraph line of `text`.
///
/// Text copied from the docs may hold `<string>` or `[订单]`, which rustdoc would read as
/// HTML or as links: outside code spans, angle brackets and square brackets are escaped,
/// except the ``[`Name`]`` links the generator writes itself and fenced code blocks.
pub fn doc(text: &str) -> TokenStream {
    let mut in_fence = false;
    let lines: Vec<String> = text
        .trim_end()
        .lines()
        .map(|l| {
            let l = l.trim_end();
            if l.trim_start().starts_with("```") {
                in_fence = !in_fence;
                return format!(" {l}");
            }
            if in_fence {
                format!(" {l}")
            } else {
                format!(" {}", escape_markdown(l))
            }
        })
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

/// Escapes `<`, `>`, `[` and `]` outside code spans, keeping ``[`Name`]`` links.
fn escape_markdown(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        match c {
            '`' => in_code = !in_code,
            '<' | '>' if !in_code => out.push('\\'),
            '[' if !in_code && next != Some('`') => out.push('\\'),
            ']' if !in_code && prev != Some('`') => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_markdown;

    #[test]
    fn escapes_doc_text_but_not_generated_links_or_code() {
        assert_eq!(
            escape_markdown("array<string> [订单]"),
            "array\\<string\\> \\[订单\\]"
        );
        assert_eq!(escape_markdown("see [`OrderKey`]"), "see [`OrderKey`]");
        assert_eq!(escape_markdown("`a<b>[c]`"), "`a<b>[c]`");
    }
}
