//! The `…_pages` client method of a paged endpoint: a lazy stream of every item of every
//! page (`mpapi_client::Pages`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::util::{doc, rust_type};
use crate::ir::{Endpoint, Group, PageField, Pagination, Platform, Ty};

/// A type named from the client module: declared types through their group's module
/// (which re-exports the shared ones it uses).
fn client_type(p: &Platform, module: &proc_macro2::Ident, ty: &Ty) -> TokenStream {
    match ty {
        Ty::Object(_) | Ty::Enum(_) => {
            let t = rust_type(p, ty);
            quote!(super::#module::#t)
        }
        other => rust_type(p, other),
    }
}

/// The element type of the items list.
fn item_type(p: &Platform, module: &proc_macro2::Ident, items: &PageField) -> TokenStream {
    match &items.ty {
        Ty::Array(inner) => client_type(p, module, inner),
        other => crate::internal_error(&format!(
            "pagination items reached the emitter with the non-list type {other:?}"
        )),
    }
}

/// Reads a response field as the pager needs it: a list, a `bool` or an optional cursor.
fn read(field: &PageField, fallback: Option<TokenStream>, wrap_some: bool) -> TokenStream {
    let ident = format_ident!("{}", field.rust);
    match (field.optional, wrap_some) {
        (true, false) => match fallback {
            Some(f) => quote!(page.#ident.unwrap_or(#f)),
            None => quote!(page.#ident.unwrap_or_default()),
        },
        (true, true) => quote!(page.#ident),
        (false, false) => quote!(page.#ident),
        (false, true) => quote!(::std::option::Option::Some(page.#ident)),
    }
}

/// The `{name}_pages` method of the client.
pub(crate) fn pages_method(
    p: &Platform,
    group: &Group,
    ep: &Endpoint,
    pg: &Pagination,
    name: &str,
    response: &TokenStream,
) -> TokenStream {
    let module = format_ident!("{}", crate::naming::field_ident(&group.name));
    let stat = super::endpoint::static_ident(ep);
    // A failed page is the endpoint's typed error, as from its single-page method.
    let err = super::endpoint::error_type_ident(ep);
    let method = format_ident!("{}_pages", name);
    let item = item_type(p, &module, &pg.items);
    let cursor_ty = client_type(p, &module, &pg.cursor.ty);
    let q = ep.query.map(|q| format_ident!("{}", p.ty(q).name));
    let r = ep.request.map(|r| format_ident!("{}", p.ty(r).name));
    let query_arg = q.as_ref().map(|q| quote!(query: super::#module::#q,));
    let request_arg = r.as_ref().map(|r| quote!(request: super::#module::#r,));
    let (qmut, rmut) = if pg.cursor_in_query {
        (quote!(mut), quote!())
    } else {
        (quote!(), quote!(mut))
    };
    let clone_query = q.as_ref().map(|_| quote!(let #qmut query = query.clone();));
    let clone_request = r
        .as_ref()
        .map(|_| quote!(let #rmut request = request.clone();));
    let cursor_field = format_ident!("{}", pg.cursor.rust);
    let target = if pg.cursor_in_query {
        quote!(query)
    } else {
        quote!(request)
    };
    let pairs = match &q {
        Some(_) => quote!(&query.to_query_pairs()),
        None => quote!(&[]),
    };
    let send = match &r {
        Some(_) => {
            quote!(api.call::<_, #response>(&super::#module::#stat, #pairs, &request).await)
        }
        None => {
            quote!(api.call_without_body::<#response>(&super::#module::#stat, #pairs).await)
        }
    };
    let items = read(&pg.items, None, false);
    let has_more = read(&pg.has_more, Some(quote!(false)), false);
    let next = read(&pg.next_cursor, None, true);
    let d = doc(&format!(
        "Every item of every page of `{}`, as a lazy stream (see [`mpapi_client::Pages`]).\n\nThe first page is asked for with the {} as given (its `{}` is replaced); while an answer's `{}` is true, the next page is asked for with its `{}`, once the items already received have been taken. Each item is from the answer's `{}`.\n\n**Errors:** the stream's last item, as from the single-page method: [`mpapi_client::Error`] with the platform's code typed as [`super::{}::{}`], or [`mpapi_client::Error::Pagination`] for an answer that says more pages follow without a new cursor.",
        ep.id,
        if pg.cursor_in_query {
            "query"
        } else {
            "request"
        },
        pg.cursor.wire,
        pg.has_more.wire,
        pg.next_cursor.wire,
        pg.items.wire,
        group.name,
        err,
    ));
    // Every page asks with a clone of the caller's request, its cursor set (or cleared,
    // for the first page).
    quote! {
        #d
        pub fn #method(&self, #query_arg #request_arg) -> ::mpapi_client::Pages<#item, #cursor_ty, super::#module::#err> {
            let api = self.api.clone();
            ::mpapi_client::Pages::new(move |cursor: ::std::option::Option<#cursor_ty>| {
                let api = api.clone();
                #clone_query
                #clone_request
                #target.#cursor_field = cursor;
                ::std::boxed::Box::pin(async move {
                    let page: #response =
                        #send.map_err(|e| e.typed(super::#module::#err::from_code))?;
                    ::std::result::Result::Ok(::mpapi_client::Page {
                        items: #items,
                        has_more: #has_more,
                        next_cursor: #next,
                    })
                })
            })
        }
    }
}
