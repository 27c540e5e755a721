//! `#[derive(Construct)]`: `new` over the required fields and a `with_<field>` setter per
//! optional one, so users build requests in Rust rather than by parsing JSON.
//!
//! A field is optional when its type is `Option<T>`; the setter takes `T`. A `String`
//! (or `Option<String>`) is taken as `impl Into<String>`, so string literals work.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Type};

use crate::ty::generic_inner;

/// Whether `ty` is written `String` (any path ending in `String`).
fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_none()))
}

/// The wire name for docs: `#[serde(rename = "...")]`, else the field name.
fn wire_name(field: &syn::Field, ident: &syn::Ident) -> String {
    crate::serde_attr::field(&field.attrs)
        .rename
        .map(|r| r.value())
        .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned())
}

pub(crate) fn derive(input: &DeriveInput) -> Result<TokenStream, syn::Error> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`Construct` applies to structs with named fields",
        ));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`Construct` applies to structs with named fields",
        ));
    };
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut required = Vec::new();
    let mut setters = Vec::new();
    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        let wire = wire_name(field, ident);
        match generic_inner(&field.ty, "Option") {
            None => {
                let ty = &field.ty;
                if is_string(ty) {
                    params.push(quote!(#ident: impl ::std::convert::Into<::std::string::String>));
                    inits.push(quote!(#ident: #ident.into()));
                } else {
                    params.push(quote!(#ident: #ty));
                    inits.push(quote!(#ident));
                }
                required.push(format!("`{wire}`"));
            }
            Some(inner) => {
                inits.push(quote!(#ident: ::std::option::Option::None));
                let bare = ident.to_string();
                let setter =
                    format_ident!("with_{}", bare.trim_start_matches("r#").trim_matches('_'));
                let doc = format!(" Sets `{wire}`.");
                let (arg, value) = if is_string(inner) {
                    (
                        quote!(impl ::std::convert::Into<::std::string::String>),
                        quote!(#ident.into()),
                    )
                } else {
                    (quote!(#inner), quote!(#ident))
                };
                setters.push(quote! {
                    #[doc = #doc]
                    #[must_use]
                    pub fn #setter(mut self, #ident: #arg) -> Self {
                        self.#ident = ::std::option::Option::Some(#value);
                        self
                    }
                });
            }
        }
    }
    let new_doc = if required.is_empty() {
        format!(" A `{name}` with every optional field unset.")
    } else {
        format!(
            " A `{name}` from its required fields ({}); optional fields start unset.",
            required.join(", ")
        )
    };
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics #name #ty_generics #where_clause {
            #[doc = #new_doc]
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    })
}
