//! Emitting Rust source from the checked [`Ir`]: one module per group (and one for the types
//! the groups share), a registry of endpoints per platform, formatted with `prettyplease` and
//! stamped `@generated`. Nothing here resolves a name or can fail on a spec.

mod client;
mod endpoint;
mod enums;
pub mod features;
mod paging;
mod types;
mod util;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Ir, Module, Owner, Platform};
pub(crate) use util::doc as doc_text;
pub use util::{Gates, int_pattern, num_literal, scalar_type};

/// One generated file: where it goes (relative to the workspace root) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root, e.g. `crates/mpapi-wechat/src/generated/user_order.rs`.
    pub path: PathBuf,
    /// Full file contents.
    pub contents: String,
}

/// Why emitting failed: the generated tokens did not parse as Rust (a generator bug).
#[derive(Debug, thiserror::Error)]
#[error("internal generator error in {file}: generated code does not parse: {message}")]
pub struct EmitError {
    /// The file being generated.
    pub file: String,
    /// The parser's message.
    pub message: String,
}

/// The directory, relative to the workspace root, that holds a platform crate's generated modules.
pub fn generated_dir(platform: &Platform) -> PathBuf {
    PathBuf::from("crates")
        .join(&platform.crate_name)
        .join("src")
        .join("generated")
}

/// Generates every file for every platform, in a deterministic order.
pub fn emit(specs: &Ir) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = Vec::new();
    for platform in &specs.platforms {
        emit_platform_gated(
            platform,
            &generated_dir(platform),
            Gates::Features,
            &mut files,
        )?;
    }
    Ok(files)
}

/// Generates one platform's modules into `dir`, every group always compiled (no feature
/// gates; for fixture crates).
pub fn emit_platform(
    platform: &Platform,
    dir: &std::path::Path,
    files: &mut Vec<GeneratedFile>,
) -> Result<(), EmitError> {
    emit_platform_gated(platform, dir, Gates::None, files)
}

/// Generates one platform's modules into `dir`; with [`Gates::Features`] each group (its
/// module, registry entries and client methods) is compiled only with its cargo feature.
pub fn emit_platform_gated(
    platform: &Platform,
    dir: &std::path::Path,
    gates: Gates,
    files: &mut Vec<GeneratedFile>,
) -> Result<(), EmitError> {
    let mut mods = Vec::new();
    let mut registry = Vec::new();
    let pid = &platform.id;
    if !platform.shared.types.is_empty() || !platform.shared.enums.is_empty() {
        let items = module_items(platform, &platform.shared);
        let source = format!("spec/{pid}/types.yaml");
        let doc = format!(" Types and enums shared by the groups, generated from `{source}`.");
        let tokens = quote! {
            #![doc = #doc]
            #items
        };
        files.push(render(dir.join("types.rs"), &source, tokens)?);
        let doc = format!("Generated from `{source}`.");
        mods.push(quote! { #[doc = #doc] pub mod types; });
    }
    for (gi, group) in platform.groups.iter().enumerate() {
        let module = format_ident!("{}", crate::naming::field_ident(&group.name));
        let cfg = gates.group(&group.name);
        let mut items = module_items(platform, &group.module);
        for ep in &group.endpoints {
            items.extend(endpoint::emit_endpoint(platform, ep));
            let stat = endpoint::static_ident(ep);
            registry.push(quote!(#cfg &#module::#stat));
        }
        debug_assert!(
            group
                .module
                .types
                .iter()
                .all(|t| platform.ty(*t).owner == Owner::Group(gi))
        );
        let uses: Vec<proc_macro2::Ident> = group
            .uses
            .types
            .iter()
            .map(|t| format_ident!("{}", platform.ty(*t).name))
            .chain(
                group
                    .uses
                    .enums
                    .iter()
                    .map(|e| format_ident!("{}", platform.en(*e).name)),
            )
            .collect();
        let uses = if uses.is_empty() {
            quote!()
        } else {
            quote!(pub use super::types::{#(#uses),*};)
        };
        let source = format!("spec/{pid}/{}/", group.name);
        let doc = format!(
            " Types, enums and endpoints of the `{}` group, generated from `{source}`.",
            group.name
        );
        let tokens = quote! {
            #![doc = #doc]
            #uses
            #items
        };
        let name = format!("{}.rs", group.name);
        files.push(render(dir.join(&name), &source, tokens)?);
        let doc = match gates {
            Gates::Features => format!(
                "Generated from `{source}` (cargo feature `{}`).",
                group.name
            ),
            Gates::None => format!("Generated from `{source}`."),
        };
        mods.push(quote! { #cfg #[doc = #doc] pub mod #module; });
    }
    let platform_rows = platform.errors.iter().map(endpoint::error_row);
    let platform_len = platform.errors.len();
    let platform_errors_doc = util::doc(&format!(
        "The error codes any {} endpoint may answer with (from `spec/{}/platform.yaml`).",
        platform.title, platform.id
    ));
    let client = client::emit_client(platform, gates);
    files.push(render(
        dir.join("client.rs"),
        &format!("spec/{}/", platform.id),
        client,
    )?);
    let title = format!(
        " Generated bindings for {}: one module per spec group.",
        platform.title
    );
    let tokens = quote! {
        #![doc = #title]
        #(#mods)*

        #[cfg(feature = "client")]
        pub mod client;

        #platform_errors_doc
        pub static PLATFORM_ERRORS: [::mpapi_runtime::ErrorCodeInfo; #platform_len] = [#(#platform_rows),*];

        /// Every endpoint of this platform (of the groups compiled in), for tools that work
        /// on any endpoint by id.
        pub static ENDPOINTS: &[&::mpapi_runtime::EndpointInfo] = &[#(#registry),*];

        /// The endpoint with this id (`platform.group.name`), if it exists.
        pub fn endpoint(id: &str) -> ::std::option::Option<&'static ::mpapi_runtime::EndpointInfo> {
            ENDPOINTS.iter().copied().find(|e| e.id == id)
        }
    };
    let source = format!("spec/{}/", platform.id);
    files.push(render(dir.join("mod.rs"), &source, tokens)?);
    Ok(())
}

/// The types and enums of one module, in spec order.
fn module_items(platform: &Platform, module: &Module) -> TokenStream {
    let mut items = TokenStream::new();
    if module
        .types
        .iter()
        .any(|t| !platform.ty(*t).rules.is_empty())
    {
        // Rule functions call the runtime's combinators as `rules::…`.
        items.extend(quote!(
            use ::mpapi_runtime::rules;
        ));
    }
    for t in &module.types {
        items.extend(types::emit_type(platform, platform.ty(*t)));
    }
    for e in &module.enums {
        items.extend(enums::emit_enum(platform.en(*e)));
    }
    items
}

fn render(path: PathBuf, source: &str, tokens: TokenStream) -> Result<GeneratedFile, EmitError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| EmitError {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    let body = prettyplease::unparse(&file);
    let contents = format!(
        "// @generated by `cargo xtask gen` from {source} — do not edit by hand.\n\
         // Change the spec or the generator, then run `cargo xtask gen`.\n\n{body}"
    );
    Ok(GeneratedFile { path, contents })
}

#[cfg(test)]
mod refuses;
