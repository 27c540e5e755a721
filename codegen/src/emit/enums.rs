//! Enums: a `#[derive(WireEnum)]` enum per spec enum, with its unknown-value variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::conflict_docs;
use super::util::{doc, sections, str_lit};
use crate::ir::Enum;
use crate::model::WireKind;

/// The enum for `en`.
pub fn emit_enum(en: &Enum) -> TokenStream {
    let name = format_ident!("{}", en.name);
    let form = match en.wire {
        WireKind::String => quote!(string),
        WireKind::Integer => quote!(integer),
    };
    let invalid = en.invalid_code.map(|c| {
        let c = crate::constraints::code_lit(c);
        quote!(, invalid_code = #c)
    });
    let mut table = String::from("| wire name | code | meaning |\n|---|---|---|");
    for v in &en.variants {
        let desc = v
            .description
            .as_deref()
            .unwrap_or_default()
            .replace('\n', " ");
        table.push_str(&format!(
            "\n| `{}` | {} | {} |",
            v.wire,
            v.code,
            desc.replace('|', "\\|")
        ));
    }
    let sent = match en.wire {
        WireKind::String => {
            "Sent as the wire name; the numeric code is accepted only when reading leniently (responses, `--lenient`)."
        }
        WireKind::Integer => {
            "Sent as the numeric code; the wire name is accepted only when reading leniently (responses, `--lenient`)."
        }
    };
    let mut parts = vec![
        en.description
            .clone()
            .unwrap_or_else(|| format!("The `{}` enum.", en.name)),
        format!("{sent}\n\n{table}"),
    ];
    if let Some(c) = en.invalid_code {
        parts.push(format!(
            "A value outside this list is rejected by validation with platform error {c}."
        ));
    }
    parts.extend(conflict_docs(&en.conflicts));
    let docs = doc(&sections(&parts));
    let variants = en.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.rust);
        let wire = str_lit(&v.wire);
        let code = proc_macro2::Literal::i64_unsuffixed(v.code);
        let d = v
            .description
            .clone()
            .unwrap_or_else(|| format!("`{}`.", v.wire));
        let d = doc(&format!("{d}\n\nWire name `{}`, code {code}.", v.wire));
        quote! {
            #d
            #[wire(name = #wire, code = #code)]
            #ident,
        }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, ::mpapi_derive::WireEnum)]
        #[non_exhaustive]
        #[wire(#form #invalid)]
        pub enum #name {
            #(#variants)*
            /// A value not listed in the spec, kept as received so that new platform values
            /// never break deserialization; validating a request rejects it. A known name or
            /// code never ends up here: parsing and construction normalise it to its variant.
            #[wire(unknown)]
            Unknown(::mpapi_runtime::UnknownValue),
        }
    }
}
