//! Enums: a `#[derive(WireEnum)]` enum per spec enum, with its unknown-value variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::conflicts_about;
use super::util::{doc, sections, str_lit};
use crate::model::{EnumDef, SpecFile, Variant, WireKind};

/// The Rust name of a variant.
pub fn variant_ident(v: &Variant) -> String {
    match &v.rust {
        Some(r) => r.value.clone(),
        None => crate::naming::pascal_ident(&v.name),
    }
}

/// The enum for `en`.
pub fn emit_enum(en: &EnumDef, file: &SpecFile) -> TokenStream {
    let name = format_ident!("{}", &*en.name);
    let form = match en.wire.value {
        WireKind::String => quote!(string),
        WireKind::Integer => quote!(integer),
    };
    let invalid = en.invalid_code.as_ref().map(|c| {
        let c = c.value;
        quote!(, invalid_code = #c)
    });
    let mut table = String::from("| wire name | code | meaning |\n|---|---|---|");
    for v in &en.variants {
        let desc = v
            .description
            .as_ref()
            .map(|d| d.value.replace('\n', " "))
            .unwrap_or_default();
        table.push_str(&format!(
            "\n| `{}` | {} | {} |",
            &*v.name,
            v.code.value,
            desc.replace('|', "\\|")
        ));
    }
    let sent = match en.wire.value {
        WireKind::String => "Sent as the wire name; numeric codes are accepted on input.",
        WireKind::Integer => "Sent as the numeric code.",
    };
    let mut parts = vec![
        en.description
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_else(|| format!("The `{}` enum.", &*en.name)),
        format!("{sent}\n\n{table}"),
    ];
    if let Some(c) = &en.invalid_code {
        parts.push(format!(
            "A value outside this list is rejected by validation with platform error {}.",
            c.value
        ));
    }
    parts.extend(conflicts_about(file, &en.name));
    let docs = doc(&sections(&parts));
    let variants = en.variants.iter().map(|v| {
        let ident = format_ident!("{}", variant_ident(v));
        let wire = str_lit(&v.name);
        let code = v.code.value;
        let d = v
            .description
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_else(|| format!("`{}`.", &*v.name));
        let d = doc(&format!("{d}\n\nWire name `{}`, code {code}.", &*v.name));
        quote! {
            #d
            #[wire(name = #wire, code = #code)]
            #ident,
        }
    });
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::mpapi_derive::WireEnum)]
        #[wire(#form #invalid)]
        pub enum #name {
            #(#variants)*
            /// A value not listed in the spec (never a known name or code), kept as received
            /// so that new platform values never break deserialization; validating a request
            /// rejects it.
            #[wire(unknown)]
            Unknown(::mpapi_runtime::UnknownValue),
        }
    }
}
