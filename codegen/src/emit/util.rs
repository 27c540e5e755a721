//! Small helpers shared by the emitters: doc attributes, Rust types of spec types.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::constraints::Num;
use crate::ir::{Platform, Ty};

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

/// The Rust type for a resolved type (without the `Option` of optional fields).
pub fn rust_type(p: &Platform, ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::Bool => quote!(bool),
        Ty::Int { signed, bits } => {
            let name = format_ident!("{}{}", if *signed { "i" } else { "u" }, bits);
            quote!(#name)
        }
        Ty::Number => quote!(f64),
        Ty::Json => quote!(::serde_json::Value),
        Ty::IntOrString => quote!(::mpapi_runtime::IntOrString),
        Ty::Array(inner) => {
            let inner = rust_type(p, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Ty::Object(id) => {
            let name = format_ident!("{}", p.ty(*id).name);
            quote!(#name)
        }
        Ty::Enum(id) => {
            let name = format_ident!("{}", p.en(*id).name);
            quote!(#name)
        }
    }
}

/// The Rust type of the elements of a list type, or of the type itself.
pub fn scalar_type(p: &Platform, ty: &Ty) -> TokenStream {
    rust_type(p, ty.scalar())
}

/// A suffixed numeric literal for a value of type `ty`, e.g. `64u32`, `-1i64`, `0f64`
/// (a bound written as an integer on a `number` field becomes a float literal).
pub fn num_literal(n: Num, ty: &Ty) -> TokenStream {
    let span = proc_macro2::Span::call_site();
    let (negative, text) = match (ty.scalar(), n) {
        (Ty::Int { signed, bits }, Num::Int(v)) => {
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

/// An integer literal usable as a pattern for a value of type `ty` (unsuffixed, so it
/// takes the type of the scrutinee).
pub fn int_pattern(v: i128, _ty: &Ty) -> TokenStream {
    let lit = proc_macro2::Literal::i128_unsuffixed(v.abs());
    if v < 0 { quote!(-#lit) } else { quote!(#lit) }
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

/// Whether a platform's groups sit behind cargo features (one per group, named after it).
/// The platform crates gate them so that a user compiles only the groups they turn on; the
/// fixture crates of the tests compile every group and are emitted without gates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gates {
    /// Every group module, registry entry, client method and embedded schema of a group
    /// carries `#[cfg(feature = "<group>")]`.
    Features,
    /// No gates: every group is always compiled.
    None,
}

impl Gates {
    /// `#[cfg(feature = "<group>")]`, or nothing without gates.
    pub fn group(self, group: &str) -> TokenStream {
        match self {
            Gates::Features => quote!(#[cfg(feature = #group)]),
            Gates::None => TokenStream::new(),
        }
    }

    /// `#[cfg(any(feature = "<a>", …))]` over `groups` (at least one of them on), or nothing.
    pub fn any_group<'a>(self, groups: impl IntoIterator<Item = &'a str>) -> TokenStream {
        match self {
            Gates::Features => {
                let groups: Vec<&str> = groups.into_iter().collect();
                match groups.as_slice() {
                    [one] => quote!(#[cfg(feature = #one)]),
                    _ => quote!(#[cfg(any(#(feature = #groups),*))]),
                }
            }
            Gates::None => TokenStream::new(),
        }
    }
}
