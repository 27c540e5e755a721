//! The per-platform async client: one method per endpoint, built on `mpapi-client`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::util::doc;
use crate::ir::{Envelope, Method, Platform};

/// The `client` module of a platform crate (compiled with the crate's `client` feature).
pub fn emit_client(platform: &Platform) -> TokenStream {
    let mut methods = Vec::new();
    let mut needs_plain = false;
    // An endpoint name used in two groups (e.g. `get_order`) gets its group as a prefix,
    // so that every method of the one client is distinct.
    let mut uses: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for ep in platform.groups.iter().flat_map(|g| &g.endpoints) {
        *uses.entry(super::endpoint::snake(ep)).or_default() += 1;
    }
    for group in &platform.groups {
        let module = format_ident!("{}", crate::naming::field_ident(&group.name));
        // An endpoint that takes no token is how a token provider gets one; it has no
        // method on a client that sends a token with every call.
        for ep in group.endpoints.iter().filter(|ep| ep.needs_token) {
            let mut name = super::endpoint::snake(ep);
            if uses.get(&name).is_some_and(|n| *n > 1) {
                name = format!("{}_{name}", group.name);
            }
            let method = format_ident!("{}", crate::naming::field_ident(&name));
            let stat = super::endpoint::static_ident(ep);
            let request = format_ident!("{}", platform.ty(ep.request).name);
            let response = match ep.response {
                Some(r) => {
                    let r = format_ident!("{}", platform.ty(r).name);
                    quote!(super::#module::#r)
                }
                None => {
                    needs_plain = true;
                    quote!(PlainResponse)
                }
            };
            let d = doc(&format!(
                "{} (`{}`): `{} {}{}`.\n\nValidates the request first (unless turned off), then sends it with a fresh access token. See [`super::{}::{}`] for the endpoint's notes and error codes.",
                ep.title,
                ep.interface,
                match ep.method {
                    Method::Get => "GET",
                    Method::Post => "POST",
                },
                ep.base_url,
                ep.path,
                &group.name,
                stat
            ));
            match ep.query {
                None => methods.push(quote! {
                    #d
                    pub async fn #method(&self, request: &super::#module::#request) -> ::std::result::Result<#response, ::mpapi_client::Error> {
                        self.api.call(&super::#module::#stat, &[], request).await
                    }
                }),
                Some(q) => {
                    let q = format_ident!("{}", platform.ty(q).name);
                    methods.push(quote! {
                        #d
                        ///
                        /// The URL query parameters are validated like the body (their rules included).
                        pub async fn #method(&self, query: &super::#module::#q, request: &super::#module::#request) -> ::std::result::Result<#response, ::mpapi_client::Error> {
                            self.api.call(&super::#module::#stat, &query.to_query_pairs(), request).await
                        }
                    });
                }
            }
        }
    }
    let plain = if needs_plain {
        match platform.envelope {
            Envelope::Errcode => quote! {
                /// The answer of an endpoint whose doc lists only the envelope: `errcode` and `errmsg`.
                #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::serde::Deserialize, ::serde::Serialize)]
                pub struct PlainResponse {
                    /// `0` on success.
                    #[serde(default)]
                    pub errcode: i64,
                    /// The platform's message, e.g. `ok`.
                    #[serde(default)]
                    pub errmsg: ::std::string::String,
                }
            },
            Envelope::Errno => quote! {
                /// The answer of an endpoint whose doc lists only the envelope: `errno`, `msg`, `data`.
                #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::serde::Deserialize, ::serde::Serialize)]
                pub struct PlainResponse {
                    /// `0` on success.
                    #[serde(default)]
                    pub errno: ::serde_json::Value,
                    /// The platform's message.
                    #[serde(default)]
                    pub msg: ::std::string::String,
                    /// The payload, if any.
                    #[serde(default)]
                    pub data: ::serde_json::Value,
                }
            },
        }
    } else {
        quote!()
    };
    let title = &platform.title;
    let krate = platform.crate_name.replace('-', "_");
    let cd = doc(&format!(
        "Async client for every {title} endpoint of this crate: one method per endpoint.\n\nBuild the underlying [`mpapi_client::ApiClient`] with a token provider (and, for tests, the sandbox's base URL), then wrap it:\n\n```no_run\n# async fn demo() -> Result<(), Box<dyn std::error::Error>> {{\nuse std::sync::Arc;\nuse {krate}::client::Client;\nlet api = mpapi_client::ApiClient::builder()\n    .token_provider(Arc::new(mpapi_client::StaticToken::new(\"ACCESS_TOKEN\")))\n    .build()?;\nlet client = Client::new(api);\n# drop(client);\n# Ok(()) }}\n```"
    ));
    quote! {
        #![doc = " The async client (feature `client`)."]
        #cd
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            api: ::mpapi_client::ApiClient,
        }

        impl Client {
            /// Wraps a configured [`mpapi_client::ApiClient`].
            pub fn new(api: ::mpapi_client::ApiClient) -> Self {
                Client { api }
            }

            /// The underlying client, e.g. for [`mpapi_client::ApiClient::call_json`].
            pub fn api(&self) -> &::mpapi_client::ApiClient {
                &self.api
            }

            #(#methods)*
        }

        #plain
    }
}
