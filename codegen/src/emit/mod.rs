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
///
/// The files that do not depend on one another (the shared types, each group, the client)
/// are emitted and formatted on several threads (see [`threads`]); the output is the same
/// whatever the number of threads.
pub fn emit_platform_gated(
    platform: &Platform,
    dir: &std::path::Path,
    gates: Gates,
    files: &mut Vec<GeneratedFile>,
) -> Result<(), EmitError> {
    let pid = &platform.id;
    let shared = !platform.shared.types.is_empty() || !platform.shared.enums.is_empty();
    let mut parts = Vec::new();
    if shared {
        parts.push(Part::Shared);
    }
    parts.extend((0..platform.groups.len()).map(Part::Group));
    parts.push(Part::Client);
    for file in in_parallel(threads(), parts.len(), |i| {
        emit_part(platform, dir, gates, parts[i])
    }) {
        files.push(file?);
    }

    let mut mods = Vec::new();
    let mut registry = Vec::new();
    if shared {
        let doc = format!("Generated from `spec/{pid}/types.yaml`.");
        mods.push(quote! { #[doc = #doc] pub mod types; });
    }
    for group in &platform.groups {
        let module = format_ident!("{}", crate::naming::field_ident(&group.name));
        let cfg = gates.group(&group.name);
        for ep in &group.endpoints {
            let stat = endpoint::static_ident(ep);
            registry.push(quote!(#cfg &#module::#stat));
        }
        let source = format!("spec/{pid}/{}/", group.name);
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

/// A file of a platform that is emitted on its own.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// `types.rs`: the types and enums the groups share.
    Shared,
    /// One group's module (by index).
    Group(usize),
    /// `client.rs`.
    Client,
}

fn emit_part(
    platform: &Platform,
    dir: &std::path::Path,
    gates: Gates,
    part: Part,
) -> Result<GeneratedFile, EmitError> {
    let pid = &platform.id;
    match part {
        Part::Shared => {
            let items = module_items(platform, &platform.shared);
            let source = format!("spec/{pid}/types.yaml");
            let doc = format!(" Types and enums shared by the groups, generated from `{source}`.");
            let tokens = quote! {
                #![doc = #doc]
                #items
            };
            render(dir.join("types.rs"), &source, tokens)
        }
        Part::Group(gi) => {
            let group = &platform.groups[gi];
            let mut items = module_items(platform, &group.module);
            for ep in &group.endpoints {
                items.extend(endpoint::emit_endpoint(platform, ep));
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
            render(dir.join(format!("{}.rs", group.name)), &source, tokens)
        }
        Part::Client => render(
            dir.join("client.rs"),
            &format!("spec/{pid}/"),
            client::emit_client(platform, gates),
        ),
    }
}

/// How many threads emit files: `MPAPI_GEN_THREADS` if it is a positive number, else the
/// number of CPUs the process may use.
pub fn threads() -> usize {
    std::env::var("MPAPI_GEN_THREADS")
        .ok()
        .and_then(|t| t.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `work(0)`, …, `work(jobs - 1)` on up to `threads` threads, results in job order.
fn in_parallel<T: Send>(threads: usize, jobs: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.min(jobs);
    if threads <= 1 {
        return (0..jobs).map(work).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= jobs {
                            return mine;
                        }
                        mine.push((i, work(i)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
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

#[cfg(test)]
mod parallel_tests {
    use super::in_parallel;

    #[test]
    fn results_come_in_job_order_whatever_the_threads() {
        let expected: Vec<usize> = (0..37).map(|i| i * i).collect();
        for threads in [0, 1, 2, 3, 8, 100] {
            let got = in_parallel(threads, 37, |i| {
                // Uneven work, so that threads finish out of order.
                std::thread::sleep(std::time::Duration::from_micros(((37 - i) * 50) as u64));
                i * i
            });
            assert_eq!(got, expected, "{threads} threads");
        }
        assert!(in_parallel(4, 0, |i| i).is_empty());
    }
}
