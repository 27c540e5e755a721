//! Endpoints: the static `EndpointInfo`, the request validator, and the error-code type.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::util::{doc, sections};
use crate::ir::{Endpoint, Envelope, ErrorRow, Method, Platform};

/// The name of the endpoint's `static`, e.g. `UPLOAD_SHOPPING_INFO`.
pub fn static_ident(ep: &Endpoint) -> Ident {
    format_ident!("{}", snake(ep).to_uppercase())
}

/// The endpoint's name in snake case, without a keyword's trailing underscore.
pub(crate) fn snake(ep: &Endpoint) -> String {
    let name = crate::naming::field_ident(&ep.name);
    name.strip_suffix('_').map(str::to_owned).unwrap_or(name)
}

/// Rust name of the endpoint's error-code type, e.g. `UploadShoppingInfoErrorCode`.
pub fn error_type_ident(ep: &Endpoint) -> Ident {
    format_ident!("{}ErrorCode", crate::naming::pascal_ident(&snake(ep)))
}

fn method_text(m: Method) -> &'static str {
    match m {
        Method::Get => "GET",
        Method::Post => "POST",
    }
}

/// Everything generated for one endpoint.
pub fn emit_endpoint(p: &Platform, ep: &Endpoint) -> TokenStream {
    let stat = static_ident(ep);
    let validate_fn = format_ident!("validate_{}_request", snake(ep));
    let request_name = ep.request.map(|r| p.ty(r).name.clone());
    let method = method_text(ep.method);
    let (id, interface, title, base_url, path) =
        (&ep.id, &ep.interface, &ep.title, &ep.base_url, &ep.path);
    // An endpoint with `auth: none` names no token parameter (see `EndpointInfo::needs_token`).
    let token = if ep.needs_token {
        p.token_param.as_str()
    } else {
        ""
    };
    let envelope = match p.envelope {
        Envelope::Errcode => quote!(::mpapi_runtime::Envelope::Errcode),
        Envelope::Errno => quote!(::mpapi_runtime::Envelope::Errno),
    };
    let fixed = ep.fixed_query.iter().map(|(n, v)| quote!((#n, #v)));
    let examples = ep.examples.iter().map(|ex| {
        let name = &ex.name;
        let json = |v: &Option<serde_json::Value>| match v {
            Some(v) => {
                let text = serde_json::to_string(v).unwrap_or_default();
                quote!(Some(#text))
            }
            None => quote!(None),
        };
        let (req, resp) = (json(&ex.request), json(&ex.response));
        quote!(::mpapi_runtime::ExampleInfo { name: #name, request: #req, response: #resp })
    });

    let mut full_url = format!("{base_url}{path}");
    let mut sep = '?';
    for (n, v) in &ep.fixed_query {
        full_url.push_str(&format!("{sep}{n}={v}"));
        sep = '&';
    }
    if ep.needs_token {
        full_url.push_str(&format!("{sep}{token}=ACCESS_TOKEN"));
    }
    let mut parts = vec![
        format!("{title} (`{interface}`)."),
        format!(
            "`{method} {full_url}`\n\nEndpoint id `{id}`; {}; transcribed from `{}`.",
            match &request_name {
                Some(r) => format!("request body [`{r}`]"),
                None => "no request body (every parameter is in the URL)".to_owned(),
            },
            ep.doc
        ),
    ];
    if let Some(d) = &ep.description {
        parts.push(d.clone());
    }
    if !ep.needs_token {
        parts.push(
            "**Takes no access token** (`auth: none`): it is called with the app's own credentials."
                .to_owned(),
        );
    }
    if !ep.notes.is_empty() {
        let mut n = String::from("Notes from the doc:");
        for (i, note) in ep.notes.iter().enumerate() {
            n.push_str(&format!(
                "\n{}. {}",
                i + 1,
                note.trim().replace('\n', "\n   ")
            ));
        }
        parts.push(n);
    }
    if let Some(q) = ep.query {
        let lines: Vec<String> = p
            .ty(q)
            .fields
            .iter()
            .map(|f| {
                format!(
                    "- `{}`{}: {}",
                    f.wire,
                    if f.required { " (required)" } else { "" },
                    f.description
                        .as_deref()
                        .unwrap_or_default()
                        .replace('\n', " ")
                )
            })
            .collect();
        parts.push(format!(
            "URL query parameters{}:\n{}",
            if ep.needs_token {
                " besides the token"
            } else {
                ""
            },
            lines.join("\n")
        ));
    }
    if let Some(i) = &ep.idempotence {
        parts.push(format!(
            "{} {}",
            if i.idempotent {
                "**Idempotent:** repeating the same request is harmless."
            } else {
                "**Not idempotent:** a repeat of the same request is not harmless."
            },
            i.reason.trim()
        ));
    }
    if let Some(pg) = &ep.pagination {
        parts.push(format!(
            "**Paged:** the {}'s `{}` selects the page; the response's `{}` holds the items, `{}` says whether more follow and `{}` is the next cursor.",
            if pg.cursor_in_query { "URL query" } else { "request" },
            pg.cursor.wire, pg.items.wire, pg.has_more.wire, pg.next_cursor.wire
        ));
    }
    let err_type = error_type_ident(ep);
    parts.push(format!("Error codes: see [`{err_type}`]."));
    let ep_doc = doc(&sections(&parts));
    let validate_body = match &request_name {
        Some(r) => {
            let request = format_ident!("{}", r);
            let validate_doc = doc(&format!(
                "Checks a JSON request body for `{id}`: shape, constraints and rules, every violation."
            ));
            let json_fn = format_ident!("{}_json", validate_fn);
            let json_doc = doc(&format!(
                "Checks the JSON text of a request body for `{id}` in one pass, with the given strictness: malformed JSON, shape (unknown and repeated members, enum wire forms), constraints and rules, every violation."
            ));
            quote! {
                #validate_doc
                pub fn #validate_fn(body: &::serde_json::Value) -> ::std::result::Result<(), ::mpapi_runtime::Violations> {
                    ::mpapi_runtime::validate_value::<#request>(body).map(|_| ())
                }

                #json_doc
                pub fn #json_fn(
                    body: &[u8],
                    strictness: ::mpapi_runtime::Strictness,
                ) -> ::std::result::Result<(), ::mpapi_runtime::JsonInputError> {
                    ::mpapi_runtime::validate_slice::<#request>(body, strictness).map(|_| ())
                }
            }
        }
        None => quote!(),
    };
    let (validate_request, validate_request_json) = if request_name.is_some() {
        let json_fn = format_ident!("{}_json", validate_fn);
        (quote!(#validate_fn), quote!(#json_fn))
    } else {
        (
            quote!(::mpapi_runtime::no_request_body),
            quote!(::mpapi_runtime::no_request_body_json),
        )
    };
    let request_body = request_name.is_some();
    let (sandbox_ref, sandbox_static) = match &ep.sandbox {
        Some(s) => {
            let name = format_ident!("{}_SANDBOX", stat);
            (
                quote!(::std::option::Option::Some(&#name)),
                crate::sandbox::emit(s, &stat, id),
            )
        }
        None => (quote!(::std::option::Option::None), quote!()),
    };
    let pagination = match &ep.pagination {
        Some(pg) => {
            let (cursor, next, more, items, in_query) = (
                &pg.cursor.wire,
                &pg.next_cursor.wire,
                &pg.has_more.wire,
                &pg.items.wire,
                pg.cursor_in_query,
            );
            quote!(::std::option::Option::Some(::mpapi_runtime::PaginationInfo {
                cursor: #cursor,
                cursor_in_query: #in_query,
                next_cursor: #next,
                has_more: #more,
                items: #items,
            }))
        }
        None => quote!(::std::option::Option::None),
    };
    let (validate_query, query_fn) = match ep.query {
        Some(q) => {
            let q = format_ident!("{}", p.ty(q).name);
            let f = format_ident!("validate_{}_query", snake(ep));
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
    let table = format_ident!("{}_ERRORS", stat);
    let inherited: Vec<&ErrorRow> = p
        .errors
        .iter()
        .filter(|row| !ep.errors.iter().any(|o| o.code == row.code))
        .collect();
    let mut codes = error_type(
        &err_type,
        &format!("Error codes of `{id}`: the doc's table followed by the platform-wide codes."),
        &table,
        &ep.errors,
        (Some(quote!(super::PLATFORM_ERRORS)), &inherited),
    );
    for (scope, rows) in &ep.scoped_errors {
        let t = format_ident!(
            "{}_{}_ERRORS",
            stat,
            crate::naming::field_ident(scope).to_uppercase()
        );
        let n = format_ident!(
            "{}{}ErrorCode",
            crate::naming::pascal_ident(&snake(ep)),
            crate::naming::pascal_ident(scope)
        );
        codes.extend(error_type(
            &n,
            &format!("Per-{scope} error codes of `{id}`: the doc's table of codes reported for one {scope} inside the response."),
            &t,
            rows,
            (None, &[]),
        ));
    }
    let example_tests = example_tests(p, ep);
    let idempotent = ep.idempotence.as_ref().is_some_and(|i| i.idempotent);
    quote! {
        #query_fn
        #validate_body

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
            request_body: #request_body,
            idempotent: #idempotent,
            validate_request: #validate_request,
            validate_request_json: #validate_request_json,
            validate_query: #validate_query,
            error_codes: &#table,
            platform_error_codes: &super::PLATFORM_ERRORS,
            examples: &[#(#examples),*],
            pagination: #pagination,
            sandbox: #sandbox_ref,
        };

        #sandbox_static

        #codes

        #example_tests
    }
}

/// One test for the cleaned doc examples: each request validates clean and re-serializes to
/// the same JSON value; each response deserializes and keeps every member but the envelope's.
fn example_tests(p: &Platform, ep: &Endpoint) -> TokenStream {
    let stat = static_ident(ep);
    let requests = ep.examples.iter().filter(|e| e.request.is_some()).count();
    let responses = ep.examples.iter().filter(|e| e.response.is_some()).count();
    let mut checks = Vec::new();
    if let (true, Some(request)) = (requests > 0, ep.request) {
        let request = format_ident!("{}", p.ty(request).name);
        checks.push(quote! {
            let checked = ::mpapi_runtime::check_request_examples::<super::#request>(&super::#stat);
            assert_eq!(checked, Ok(#requests));
        });
    }
    if let (true, Some(resp)) = (responses > 0, ep.response) {
        let resp = format_ident!("{}", p.ty(resp).name);
        checks.push(quote! {
            let checked = ::mpapi_runtime::check_response_examples::<super::#resp>(&super::#stat);
            assert_eq!(checked, Ok(#responses));
        });
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    let module = format_ident!("{}_examples", snake(ep));
    quote! {
        #[cfg(test)]
        mod #module {
            #[test]
            fn doc_examples_round_trip() {
                #(#checks)*
            }
        }
    }
}

/// One `ErrorCodeInfo` row.
pub(crate) fn error_row(e: &ErrorRow) -> TokenStream {
    let (code, message, fix) = (
        proc_macro2::Literal::i64_unsuffixed(e.code),
        &e.message,
        &e.fix,
    );
    quote!(::mpapi_runtime::ErrorCodeInfo::new(#code, #message, #fix))
}

/// The name of the constant for a code: `CODE_268485195`, `CODE_MINUS_1`.
fn code_const(code: i64) -> Ident {
    if code < 0 {
        format_ident!("CODE_MINUS_{}", code.unsigned_abs())
    } else {
        format_ident!("CODE_{}", code.unsigned_abs())
    }
}

/// The error table as a `static` and a code type over it: a newtype of the platform's
/// number with one constant per documented code (as `http::StatusCode` does), whose
/// message and fix are read from the table, so that each text is generated once.
fn error_type(
    name: &Ident,
    title: &str,
    table: &Ident,
    own: &[ErrorRow],
    (platform_table, inherited): (Option<TokenStream>, &[&ErrorRow]),
) -> TokenStream {
    let platform = platform_table.map(|p| quote!(, platform = #p));
    let docs = doc(&format!(
        "{title}\n\nEach code the doc lists is a constant below (`{name}::CODE_…`), with the doc's message and fix; any other number is kept as received."
    ));
    let table_doc = doc(&format!(
        "The doc's own rows of [`{name}`], in its order (platform-wide rows are in the platform's `PLATFORM_ERRORS`)."
    ));
    let rows = own.iter().map(error_row);
    let len = own.len();
    let consts = own.iter().chain(inherited.iter().copied()).map(|e| {
        let c = code_const(e.code);
        let code = e.code;
        let message = e.message.trim_end_matches('.').replace('\n', " ");
        let d = if e.fix.is_empty() {
            doc(&format!("{}: {message}.", e.code))
        } else {
            doc(&format!(
                "{}: {message}. *Fix:* {}",
                e.code,
                e.fix.replace('\n', " ")
            ))
        };
        quote!(#d pub const #c: Self = Self(#code);)
    });
    quote! {
        #table_doc
        pub static #table: [::mpapi_runtime::ErrorCodeInfo; #len] = [#(#rows),*];

        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::mpapi_derive::ErrorCode)]
        #[error_code(table = #table #platform)]
        pub struct #name(pub i64);

        impl #name {
            #(#consts)*
        }
    }
}
