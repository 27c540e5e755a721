//! Endpoints: the static `EndpointInfo`, the request validator, the error-code enum.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::index::GroupIndex;
use super::util::{doc, sections};
use crate::model::{Endpoint, Envelope, ErrorCode, Method, Platform, QueryParam, SpecFile};

/// The name of the endpoint's `static`, e.g. `UPLOAD_SHOPPING_INFO`.
pub fn static_ident(ep: &Endpoint) -> Ident {
    format_ident!("{}", last_part(ep).to_uppercase())
}

/// The endpoint's name (last part of its id) in snake case. Never used alone as an
/// identifier, so a keyword such as `do` needs no escaping here.
pub(crate) fn last_part(ep: &Endpoint) -> String {
    let id = &ep.id.value;
    let name = crate::naming::field_ident(id.rsplit('.').next().unwrap_or(id));
    name.strip_suffix('_').map(str::to_owned).unwrap_or(name)
}

/// Rust name of the endpoint's error-code enum, e.g. `UploadShoppingInfoError`.
pub fn error_enum_ident(ep: &Endpoint) -> Ident {
    format_ident!("{}ErrorCode", crate::naming::pascal_ident(&last_part(ep)))
}

fn error_variant(code: i64) -> Ident {
    if code < 0 {
        format_ident!("CodeMinus{}", code.unsigned_abs())
    } else {
        format_ident!("Code{}", code.unsigned_abs())
    }
}

/// Whether an error row belongs to the request-level table (no scope, or `request`).
fn request_level(e: &ErrorCode) -> bool {
    e.scope.as_ref().is_none_or(|s| s.value == "request")
}

/// The endpoint's request-level rows, and the platform's rows it does not redefine.
/// Per-item tables (`scope: order`, …) get enums of their own, because their codes answer
/// for one item inside a response and may reuse request-level numbers.
fn request_errors<'a>(
    file: &'a SpecFile,
    platform: &'a Platform,
) -> (Vec<&'a ErrorCode>, Vec<&'a ErrorCode>) {
    let own: Vec<&ErrorCode> = file.errors.iter().filter(|e| request_level(e)).collect();
    let inherited = platform
        .errors
        .iter()
        .filter(|p| !own.iter().any(|o| o.code.value == p.code.value))
        .collect();
    (own, inherited)
}

/// The per-item error tables, by scope, in the order the spec lists them.
fn scoped_errors(file: &SpecFile) -> Vec<(String, Vec<&ErrorCode>)> {
    let mut out: Vec<(String, Vec<&ErrorCode>)> = Vec::new();
    for e in file.errors.iter().filter(|e| !request_level(e)) {
        let scope = e
            .scope
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        match out.iter_mut().find(|(s, _)| *s == scope) {
            Some((_, rows)) => rows.push(e),
            None => out.push((scope, vec![e])),
        }
    }
    out
}

fn url(ep: &Endpoint, platform: &Platform) -> String {
    let base = ep
        .base_url
        .as_ref()
        .map(|b| b.value.as_str())
        .unwrap_or(&platform.base_url.value);
    format!("{base}{}", &*ep.path)
}

/// Everything generated for one endpoint.
pub fn emit_endpoint(
    ep: &Endpoint,
    file: &SpecFile,
    platform: &Platform,
    _index: &GroupIndex<'_>,
) -> TokenStream {
    let stat = static_ident(ep);
    let validate_fn = format_ident!("validate_{}_request", last_part(ep));
    let request = format_ident!("{}", &*ep.request);
    let method = match ep.method.value {
        Method::Get => "GET",
        Method::Post => "POST",
    };
    let base_url = ep
        .base_url
        .as_ref()
        .map(|b| b.value.clone())
        .unwrap_or_else(|| platform.base_url.value.clone());
    let path = &ep.path.value;
    let id = &ep.id.value;
    let interface = &ep.interface.value;
    let title = &ep.title.value;
    let token = &platform.auth.query.value;
    let envelope = match platform.envelope.value {
        Envelope::Errcode => quote!(::mpapi_runtime::Envelope::Errcode),
        Envelope::Errno => quote!(::mpapi_runtime::Envelope::Errno),
    };
    let fixed: Vec<TokenStream> = ep
        .query
        .iter()
        .filter_map(|q| match q {
            QueryParam::Fixed { name, value } => {
                let (n, v) = (&name.value, &value.value);
                Some(quote!((#n, #v)))
            }
            QueryParam::Typed(_) => None,
        })
        .collect();
    let (own_errors, inherited_errors) = request_errors(file, platform);
    let examples = file.examples.iter().map(|ex| {
        let name = &ex.name.value;
        let json = |v: &Option<crate::model::At<serde_json::Value>>| match v {
            Some(v) => {
                let text = serde_json::to_string(&v.value).unwrap_or_default();
                quote!(::std::option::Option::Some(#text))
            }
            None => quote!(::std::option::Option::None),
        };
        let req = json(&ex.request);
        let resp = json(&ex.response);
        quote!(::mpapi_runtime::ExampleInfo { name: #name, request: #req, response: #resp })
    });

    // Rustdoc: title, method and URL, description, notes, query parameters, errors.
    let full_url = {
        let mut u = url(ep, platform);
        let mut sep = '?';
        for q in &ep.query {
            if let QueryParam::Fixed { name, value } = q {
                u.push_str(&format!("{sep}{}={}", &**name, &**value));
                sep = '&';
            }
        }
        u.push_str(&format!("{sep}{token}=ACCESS_TOKEN"));
        u
    };
    let mut parts = vec![
        format!("{title} (`{interface}`)."),
        format!(
            "`{method} {full_url}`\n\nEndpoint id `{id}`; request body [`{}`]; transcribed from `{}`.",
            &*ep.request, &*ep.doc
        ),
    ];
    if let Some(d) = &ep.description {
        parts.push(d.value.clone());
    }
    if !ep.notes.is_empty() {
        let mut n = String::from("Notes from the doc:");
        for (i, note) in ep.notes.iter().enumerate() {
            n.push_str(&format!(
                "\n{}. {}",
                i + 1,
                note.value.trim().replace('\n', "\n   ")
            ));
        }
        parts.push(n);
    }
    let typed: Vec<String> = ep
        .query
        .iter()
        .filter_map(|q| match q {
            QueryParam::Typed(f) => Some(format!(
                "- `{}`{}: {}",
                &*f.name,
                if f.required { " (required)" } else { "" },
                f.description
                    .as_ref()
                    .map(|d| d.value.replace('\n', " "))
                    .unwrap_or_default()
            )),
            QueryParam::Fixed { .. } => None,
        })
        .collect();
    if !typed.is_empty() {
        parts.push(format!(
            "URL query parameters besides the token:\n{}",
            typed.join("\n")
        ));
    }
    let err_enum = error_enum_ident(ep);
    parts.push(format!("Error codes: see [`{err_enum}`]."));
    let ep_doc = doc(&sections(&parts));
    let validate_doc = doc(&format!(
        "Checks a JSON request body for `{id}`: shape, constraints and rules, every violation."
    ));

    let (validate_query, query_fn) = match &ep.query_type {
        Some(q) => {
            let q = format_ident!("{}", q);
            let f = format_ident!("validate_{}_query", last_part(ep));
            let d = doc(&format!(
                "Checks the URL query parameters of `{id}` (name/value pairs as sent): every violation."
            ));
            (
                quote!(#f),
                quote! {
                    #d
                    pub fn #f(pairs: &[(&str, &str)]) -> ::std::result::Result<(), ::mpapi_runtime::Violations> {
                        #q::from_query_pairs(pairs).map(|_| ())
                    }
                },
            )
        }
        None => (quote!(::mpapi_runtime::no_query_parameters), quote!()),
    };
    let table_static = format_ident!("{}_ERRORS", stat);
    let mut error_enum = emit_error_enum(
        &err_enum,
        &format!(
            "Error codes of `{}`: the doc's table followed by the platform-wide codes.",
            &*ep.id
        ),
        (&table_static, &own_errors),
        (quote!(super::PLATFORM_ERRORS), &inherited_errors),
    );
    for (scope, rows) in scoped_errors(file) {
        let table = format_ident!(
            "{}_{}_ERRORS",
            stat,
            crate::naming::field_ident(&scope).to_uppercase()
        );
        let name = format_ident!(
            "{}{}ErrorCode",
            crate::naming::pascal_ident(&last_part(ep)),
            crate::naming::pascal_ident(&scope)
        );
        error_enum.extend(emit_error_enum(
            &name,
            &format!("Per-{scope} error codes of `{}`: the doc's table of codes reported for one {scope} inside the response.", &*ep.id),
            (&table, &rows),
            (quote!([]), &[]),
        ));
    }
    let example_tests = emit_example_tests(ep, file, platform);
    quote! {
        #query_fn
        #validate_doc
        pub fn #validate_fn(body: &::serde_json::Value) -> ::std::result::Result<(), ::mpapi_runtime::Violations> {
            ::mpapi_runtime::validate_value::<#request>(body).map(|_| ())
        }

        #ep_doc
        pub static #stat: ::mpapi_runtime::EndpointInfo = ::mpapi_runtime::EndpointInfo {
            id: #id,
            interface: #interface,
            title: #title,
            method: #method,
            base_url: #base_url,
            path: #path,
            fixed_query: &[#(#fixed),*],
            token_param: #token,
            envelope: #envelope,
            validate_request: #validate_fn,
            validate_query: #validate_query,
            error_codes: &#table_static,
            platform_error_codes: &super::PLATFORM_ERRORS,
            examples: &[#(#examples),*],
        };

        #error_enum

        #example_tests
    }
}

/// A test per cleaned doc example: the request validates clean and re-serializes to the
/// same JSON value; the response deserializes and keeps every member but the envelope's.
fn emit_example_tests(ep: &Endpoint, file: &SpecFile, platform: &Platform) -> TokenStream {
    let request = format_ident!("{}", &*ep.request);
    let envelope_keys: &[&str] = match platform.envelope.value {
        Envelope::Errcode => &["errcode", "errmsg"],
        Envelope::Errno => &["errno", "msg"],
    };
    let mut tests = Vec::new();
    for ex in &file.examples {
        let name = crate::naming::field_ident(&ex.name);
        if let Some(req) = &ex.request {
            let test = format_ident!("{}_request", name);
            let text = serde_json::to_string(&req.value).unwrap_or_default();
            tests.push(quote! {
                #[test]
                fn #test() {
                    if let ::std::result::Result::Err(e) = ::mpapi_runtime::check_request_example::<super::#request>(#text) {
                        panic!("{e}");
                    }
                }
            });
        }
        if let (Some(resp), Some(resp_ty)) = (&ex.response, &ep.response) {
            let test = format_ident!("{}_response", name);
            let resp_ty = format_ident!("{}", &**resp_ty);
            let text = serde_json::to_string(&resp.value).unwrap_or_default();
            tests.push(quote! {
                #[test]
                fn #test() {
                    if let ::std::result::Result::Err(e) = ::mpapi_runtime::check_response_example::<super::#resp_ty>(#text, &[#(#envelope_keys),*]) {
                        panic!("{e}");
                    }
                }
            });
        }
    }
    if tests.is_empty() {
        return TokenStream::new();
    }
    let module = format_ident!("{}_examples", last_part(ep));
    quote! {
        #[cfg(test)]
        mod #module {
            #(#tests)*
        }
    }
}

/// One `ErrorCodeInfo` row.
pub(crate) fn error_row(e: &ErrorCode) -> TokenStream {
    let code = e.code.value;
    let message = &e.message.value;
    let fix = e.fix.as_ref().map(|f| f.value.as_str()).unwrap_or("");
    quote!(::mpapi_runtime::ErrorCodeInfo { code: #code, message: #message, fix: #fix })
}

/// The error table as a `static` of `ErrorCodeInfo` rows, and an enum over it whose
/// `message`/`fix` read the table (so each text is generated once).
fn emit_error_enum(
    name: &Ident,
    title: &str,
    (table_static, own): (&Ident, &[&ErrorCode]),
    (platform_table, inherited): (TokenStream, &[&ErrorCode]),
) -> TokenStream {
    let errors: Vec<&ErrorCode> = own.iter().chain(inherited).copied().collect();
    let mut table = String::from("| code | message | fix |\n|---|---|---|");
    for e in &errors {
        let fix = e.fix.as_ref().map(|f| f.value.as_str()).unwrap_or("");
        table.push_str(&format!(
            "\n| {} | {} | {} |",
            e.code.value,
            e.message.value.replace('|', "\\|").replace('\n', " "),
            fix.replace('|', "\\|").replace('\n', " ")
        ));
    }
    let docs = doc(&format!("{title}\n\n{table}"));
    let table_doc = doc(&format!(
        "The doc's own rows of [`{name}`], in its order (platform-wide rows are in the platform's `PLATFORM_ERRORS`)."
    ));
    let rows = own.iter().map(|e| error_row(e));
    let len = own.len();
    let variants = errors.iter().map(|e| {
        let v = error_variant(e.code.value);
        let d = doc(&format!(
            "{}: {}.",
            e.code.value,
            e.message.value.trim_end_matches('.')
        ));
        quote!(#d #v,)
    });
    let from_arms = errors.iter().map(|e| {
        let v = error_variant(e.code.value);
        let c = e.code.value;
        quote!(#c => Self::#v,)
    });
    let from_body = if errors.is_empty() {
        quote!(Self::Unknown(code))
    } else {
        quote!(match code {
            #(#from_arms)*
            other => Self::Unknown(other),
        })
    };
    let info_body = if errors.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        quote! {
            if let Self::Unknown(_) = self {
                return ::std::option::Option::None;
            }
            ::mpapi_runtime::find_code(&#table_static, &#platform_table, self.code())
        }
    };
    let code_arms = errors.iter().map(|e| {
        let v = error_variant(e.code.value);
        let c = e.code.value;
        quote!(Self::#v => #c,)
    });
    quote! {
        #table_doc
        pub static #table_static: [::mpapi_runtime::ErrorCodeInfo; #len] = [#(#rows),*];

        #docs
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        pub enum #name {
            #(#variants)*
            /// A code the doc does not list, kept as received.
            Unknown(i64),
        }

        impl #name {
            /// The variant for a platform error code.
            pub fn from_code(code: i64) -> Self {
                #from_body
            }

            /// The platform's numeric code.
            pub fn code(&self) -> i64 {
                match self {
                    #(#code_arms)*
                    Self::Unknown(c) => *c,
                }
            }

            /// The doc's row for this code; `None` for [`Self::Unknown`].
            pub fn info(&self) -> ::std::option::Option<&'static ::mpapi_runtime::ErrorCodeInfo> {
                #info_body
            }

            /// The doc's message for this code.
            pub fn message(&self) -> ::std::option::Option<&'static str> {
                self.info().map(|row| row.message)
            }

            /// The doc's advice on what to do about this code, where it gives any.
            pub fn fix(&self) -> ::std::option::Option<&'static str> {
                self.info().map(|row| row.fix).filter(|fix| !fix.is_empty())
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::mpapi_runtime::fmt_error_code(f, self.code(), self.info())
            }
        }
    }
}
