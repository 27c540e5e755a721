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
    let request_name = &p.ty(ep.request).name;
    let request = format_ident!("{}", request_name);
    let method = method_text(ep.method);
    let (id, interface, title, base_url, path) =
        (&ep.id, &ep.interface, &ep.title, &ep.base_url, &ep.path);
    let token = &p.token_param;
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
                quote!(::std::option::Option::Some(#text))
            }
            None => quote!(::std::option::Option::None),
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
    full_url.push_str(&format!("{sep}{token}=ACCESS_TOKEN"));
    let mut parts = vec![
        format!("{title} (`{interface}`)."),
        format!(
            "`{method} {full_url}`\n\nEndpoint id `{id}`; request body [`{request_name}`]; transcribed from `{}`.",
            ep.doc
        ),
    ];
    if let Some(d) = &ep.description {
        parts.push(d.clone());
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
            "URL query parameters besides the token:\n{}",
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
            "**Paged:** the request's `{}` selects the page; the response's `{}` holds the items, `{}` says whether more follow and `{}` is the next cursor.",
            pg.cursor, pg.items, pg.has_more, pg.next_cursor
        ));
    }
    let err_type = error_type_ident(ep);
    parts.push(format!("Error codes: see [`{err_type}`]."));
    let ep_doc = doc(&sections(&parts));
    let validate_doc = doc(&format!(
        "Checks a JSON request body for `{id}`: shape, constraints and rules, every violation."
    ));
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
        (quote!(&super::PLATFORM_ERRORS), &inherited),
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
            (quote!(&[]), &[]),
        ));
    }
    let example_tests = example_tests(p, ep);
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
            error_codes: &#table,
            platform_error_codes: &super::PLATFORM_ERRORS,
            examples: &[#(#examples),*],
        };

        #codes

        #example_tests
    }
}

/// A test per cleaned doc example.
fn example_tests(p: &Platform, ep: &Endpoint) -> TokenStream {
    let request = format_ident!("{}", p.ty(ep.request).name);
    let envelope_keys: &[&str] = match p.envelope {
        Envelope::Errcode => &["errcode", "errmsg"],
        Envelope::Errno => &["errno", "msg"],
    };
    let mut tests = Vec::new();
    for ex in &ep.examples {
        let name = crate::naming::field_ident(&ex.name);
        if let Some(req) = &ex.request {
            let test = format_ident!("{}_request", name);
            let text = serde_json::to_string(req).unwrap_or_default();
            tests.push(quote! {
                #[test]
                fn #test() {
                    if let ::std::result::Result::Err(e) = ::mpapi_runtime::check_request_example::<super::#request>(#text) {
                        panic!("{e}");
                    }
                }
            });
        }
        if let (Some(resp), Some(resp_ty)) = (&ex.response, ep.response) {
            let test = format_ident!("{}_response", name);
            let resp_ty = format_ident!("{}", p.ty(resp_ty).name);
            let text = serde_json::to_string(resp).unwrap_or_default();
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
    let module = format_ident!("{}_examples", snake(ep));
    quote! {
        #[cfg(test)]
        mod #module {
            #(#tests)*
        }
    }
}

/// One `ErrorCodeInfo` row.
pub(crate) fn error_row(e: &ErrorRow) -> TokenStream {
    let (code, message, fix) = (e.code, &e.message, &e.fix);
    quote!(::mpapi_runtime::ErrorCodeInfo { code: #code, message: #message, fix: #fix })
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
    (platform_table, inherited): (TokenStream, &[&ErrorRow]),
) -> TokenStream {
    let mut text = String::from("| code | message | fix |\n|---|---|---|");
    for e in own.iter().chain(inherited.iter().copied()) {
        text.push_str(&format!(
            "\n| {} | {} | {} |",
            e.code,
            e.message.replace('|', "\\|").replace('\n', " "),
            e.fix.replace('|', "\\|").replace('\n', " ")
        ));
    }
    let docs = doc(&format!(
        "{title}\n\nEach documented code is a constant (`{name}::CODE_…`); any other number is kept as received.\n\n{text}"
    ));
    let table_doc = doc(&format!(
        "The doc's own rows of [`{name}`], in its order (platform-wide rows are in the platform's `PLATFORM_ERRORS`)."
    ));
    let rows = own.iter().map(error_row);
    let len = own.len();
    let consts = own.iter().chain(inherited.iter().copied()).map(|e| {
        let c = code_const(e.code);
        let code = e.code;
        let d = doc(&format!("{}: {}.", e.code, e.message.trim_end_matches('.')));
        quote!(#d pub const #c: Self = Self(#code);)
    });
    quote! {
        #table_doc
        pub static #table: [::mpapi_runtime::ErrorCodeInfo; #len] = [#(#rows),*];

        #docs
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        pub struct #name(pub i64);

        impl #name {
            #(#consts)*

            /// The code for a platform error number.
            pub const fn from_code(code: i64) -> Self {
                Self(code)
            }

            /// The platform's number.
            pub const fn code(self) -> i64 {
                self.0
            }

            /// The doc's row for this code; `None` for a code the doc does not list.
            pub fn info(self) -> ::std::option::Option<&'static ::mpapi_runtime::ErrorCodeInfo> {
                ::mpapi_runtime::find_code(&#table, #platform_table, self.0)
            }

            /// Whether the doc (or the platform's table) lists this code.
            pub fn is_known(self) -> bool {
                self.info().is_some()
            }

            /// The doc's message for this code.
            pub fn message(self) -> ::std::option::Option<&'static str> {
                self.info().map(|row| row.message)
            }

            /// The doc's advice on what to do about this code, where it gives any.
            pub fn fix(self) -> ::std::option::Option<&'static str> {
                self.info().map(|row| row.fix).filter(|fix| !fix.is_empty())
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::mpapi_runtime::fmt_error_code(f, self.0, self.info())
            }
        }
    }
}
