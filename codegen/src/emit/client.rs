//! The per-platform async client: one method per endpoint, built on `mpapi-client`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::util::{Gates, doc};
use crate::ir::{Endpoint, Envelope, Method, Platform};

/// The `client` module of a platform crate (compiled with the crate's `client` feature); with
/// [`Gates::Features`] each method is compiled only with its group's feature.
pub fn emit_client(platform: &Platform, gates: Gates) -> TokenStream {
    let mut methods = Vec::new();
    // The groups with an endpoint that answers with only the envelope.
    let mut needs_plain: Vec<&str> = Vec::new();
    // Each endpoint's error-code type, made a `PlatformCode` (under its group's gate).
    let mut code_impls = Vec::new();
    // An endpoint name used in two groups (e.g. `get_order`) gets its group as a prefix,
    // so that every method of the one client is distinct.
    let mut uses: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for ep in platform.groups.iter().flat_map(|g| &g.endpoints) {
        *uses.entry(super::endpoint::snake(ep)).or_default() += 1;
    }
    for group in &platform.groups {
        let module = format_ident!("{}", crate::naming::field_ident(&group.name));
        let cfg = gates.group(&group.name);
        // An endpoint that takes no token is how a token provider gets one; it has no
        // method on a client that sends a token with every call.
        for ep in group.endpoints.iter().filter(|ep| ep.needs_token) {
            let mut name = super::endpoint::snake(ep);
            if uses.get(&name).is_some_and(|n| *n > 1) {
                name = format!("{}_{name}", group.name);
            }
            let method = format_ident!("{}", crate::naming::field_ident(&name));
            let stat = super::endpoint::static_ident(ep);
            let response = match ep.response {
                Some(r) => {
                    let r = format_ident!("{}", platform.ty(r).name);
                    quote!(super::#module::#r)
                }
                None => {
                    if needs_plain.last() != Some(&group.name.as_str()) {
                        needs_plain.push(&group.name);
                    }
                    quote!(PlainResponse)
                }
            };
            let err = super::endpoint::error_type_ident(ep);
            let d = doc(&format!(
                "{} (`{}`): `{} {}{}`.\n\n{} See [`super::{}::{}`] for the endpoint's notes and error codes.\n\n{}\n\n{}",
                ep.title,
                ep.interface,
                match ep.method {
                    Method::Get => "GET",
                    Method::Post => "POST",
                },
                ep.base_url,
                ep.path,
                if ep.request.is_some() {
                    "Validates the request first (unless turned off), then sends it with a fresh access token."
                } else {
                    "Sends no body: the parameters, if any, are validated (unless turned off) and go in the URL with a fresh access token."
                },
                &group.name,
                stat,
                retry_doc(ep),
                error_doc(&group.name, &err),
            ));
            let q = ep.query.map(|q| format_ident!("{}", platform.ty(q).name));
            let r = ep.request.map(|r| format_ident!("{}", platform.ty(r).name));
            let query_arg = q.as_ref().map(|q| quote!(query: &super::#module::#q,));
            let query_pairs = match &q {
                Some(_) => quote!(&query.to_query_pairs()),
                None => quote!(&[]),
            };
            let request_arg = r.as_ref().map(|r| quote!(request: &super::#module::#r,));
            let query_doc = q.as_ref().map(|_| {
                quote! {
                    ///
                    /// The URL query parameters are validated like a body (their rules included).
                }
            });
            let send = match &r {
                Some(_) => {
                    quote!(self.api.call(&super::#module::#stat, #query_pairs, request).await)
                }
                None => {
                    quote!(self.api.call_without_body(&super::#module::#stat, #query_pairs).await)
                }
            };
            methods.push(quote! {
                #cfg
                #d
                #query_doc
                pub async fn #method(&self, #query_arg #request_arg) -> ::std::result::Result<#response, ::mpapi_client::Error<super::#module::#err>> {
                    #send.map_err(|e| e.typed(super::#module::#err::from_code))
                }
            });
            code_impls
                .push(quote!(#cfg ::mpapi_client::impl_platform_code!(super::#module::#err);));
            if let Some(pg) = &ep.pagination {
                let pages = super::paging::pages_method(platform, group, ep, pg, &name, &response);
                methods.push(quote!(#cfg #pages));
            }
        }
    }
    let plain_cfg = gates.any_group(needs_plain.iter().copied());
    let plain = if !needs_plain.is_empty() {
        match platform.envelope {
            Envelope::Errcode => quote! {
                /// The answer of an endpoint whose doc lists only the envelope: `errcode` and `errmsg`.
                #plain_cfg
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
                #plain_cfg
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

        #(#code_impls)*

        #plain
    }
}

/// The method's retry policy, from the spec's `idempotent:`.
fn retry_doc(ep: &Endpoint) -> String {
    const BEFORE: &str = "repeated only after a failure that provably happened before the request was sent (the connection could not be made) or after a rejected access token; \"system busy\" (-1) returns [`mpapi_client::Error::Busy`] at once, and a timeout or a connection broken once the request was on its way returns [`mpapi_client::Error::Transport`], whose [`may_have_been_processed`](mpapi_client::TransportError::may_have_been_processed) says the request may have taken effect: check before calling again.";
    match &ep.idempotence {
        Some(i) if i.idempotent => format!(
            "**Retries:** idempotent ({}). After a transport failure, a 5xx page that is not JSON or \"system busy\" (-1), the call is repeated under the client's [`mpapi_client::RetryPolicy`]; a rejected access token is replaced and the call repeated once.",
            one_line(&i.reason)
        ),
        Some(i) => format!(
            "**Retries:** not idempotent ({}). The call is {BEFORE}",
            one_line(&i.reason)
        ),
        None => format!(
            "**Retries:** the spec does not declare the endpoint idempotent, so the call is {BEFORE}"
        ),
    }
}

/// The method's error type.
fn error_doc(group: &str, err: &proc_macro2::Ident) -> String {
    format!(
        "**Errors:** [`mpapi_client::Error`] with the platform's code typed as [`super::{group}::{err}`] (the doc's message and fix for it, or the number of a code the doc does not list); [`mpapi_client::Error::fix`] says what to do next."
    )
}

/// `text` on one line, without a trailing full stop (it is quoted inside a sentence).
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches(['.', '。']).to_owned()
}
