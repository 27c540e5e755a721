//! Writes the `Validate` and `JsonShape` impls.

use proc_macro2::TokenStream;
use quote::quote;

use crate::constraint::{self, Constraint};

use super::check::CheckedField;
use super::parse::{FieldInput, StructInput};

/// Both impls for the struct.
pub(crate) fn emit(input: &StructInput, fields: &[CheckedField]) -> TokenStream {
    let validate = validate_impl(input, fields);
    let shape = shape_impl(input, fields);
    quote!(#validate #shape)
}

fn validate_impl(input: &StructInput, fields: &[CheckedField]) -> TokenStream {
    let ident = &input.ident;
    let checks = input
        .fields
        .iter()
        .zip(fields)
        .map(|(f, c)| validate_field(f, c));
    let rules = input
        .rules
        .as_ref()
        .map(|rules| quote!((#rules)(self, __mpapi_path, __mpapi_out);));
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::Validate for #ident {
            fn validate_at(
                &self,
                __mpapi_path: &::mpapi_runtime::Path<'_>,
                __mpapi_out: &mut ::mpapi_runtime::Violations,
            ) {
                #(#checks)*
                #rules
            }
        }
    }
}

fn validate_field(f: &FieldInput, checked: &CheckedField) -> TokenStream {
    let member = &f.ident;
    if f.serde.flatten.is_some() {
        return quote! {
            ::mpapi_runtime::Validate::validate_at(&self.#member, __mpapi_path, __mpapi_out);
        };
    }
    let wire = &f.wire;
    let value = quote!(::mpapi_runtime::AsOpt::as_opt(&self.#member));
    let path = quote!(&__mpapi_field_path);
    let scalar = checked.shape.scalar;
    let checks = f.constraints.iter().map(|item| match &item.constraint {
        Constraint::Each(each) => each.emit(scalar, &value, &path),
        _ => constraint::emit_value(item, scalar, &value, &path),
    });
    quote! {{
        let __mpapi_field_path = __mpapi_path.field(#wire);
        #(#checks)*
        ::mpapi_runtime::Validate::validate_at(&self.#member, &__mpapi_field_path, __mpapi_out);
    }}
}

fn shape_impl(input: &StructInput, fields: &[CheckedField]) -> TokenStream {
    let ident = &input.ident;
    let checks: Vec<TokenStream> = input
        .fields
        .iter()
        .zip(fields)
        .map(|(f, c)| shape_field(f, c))
        .collect();
    let silence_unused = checks
        .iter()
        .all(TokenStream::is_empty)
        .then(|| quote!(let _ = __mpapi_object;));
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::JsonShape for #ident {
            fn check_shape(
                __mpapi_value: &::mpapi_runtime::serde_json::Value,
                __mpapi_path: &::mpapi_runtime::Path<'_>,
                __mpapi_out: &mut ::mpapi_runtime::Violations,
            ) {
                let ::std::option::Option::Some(__mpapi_object) = __mpapi_value.as_object() else {
                    __mpapi_out.push(
                        __mpapi_path,
                        "type",
                        ::std::option::Option::None,
                        ::std::format_args!(
                            "expected an object, found {}",
                            ::mpapi_runtime::json_kind(__mpapi_value)
                        ),
                    );
                    return;
                };
                #silence_unused
                #(#checks)*
            }
        }
    }
}

fn shape_field(f: &FieldInput, checked: &CheckedField) -> TokenStream {
    let ty = &f.ty;
    if f.serde.skip {
        return TokenStream::new();
    }
    if f.serde.flatten.is_some() {
        return quote! {
            <#ty as ::mpapi_runtime::JsonShape>::check_shape(__mpapi_value, __mpapi_path, __mpapi_out);
        };
    }
    let wire = &f.wire;
    let aliases = &f.serde.aliases;
    // The member under its wire name, else under the first alias present, with the name
    // it was found under (so a violation's path shows what the payload actually says).
    let lookup = quote! {
        let __mpapi_member: ::std::option::Option<(&'static str, &::mpapi_runtime::serde_json::Value)> =
            if let ::std::option::Option::Some(__mpapi_v) = __mpapi_object.get(#wire) {
                ::std::option::Option::Some((#wire, __mpapi_v))
            }
            #(else if let ::std::option::Option::Some(__mpapi_v) = __mpapi_object.get(#aliases) {
                ::std::option::Option::Some((#aliases, __mpapi_v))
            })*
            else {
                ::std::option::Option::None
            };
    };
    let check_present = quote! {
        <#ty as ::mpapi_runtime::JsonShape>::check_shape(
            __mpapi_v,
            &__mpapi_path.field(__mpapi_name),
            __mpapi_out,
        )
    };
    if checked.may_be_missing {
        quote! {{
            #lookup
            if let ::std::option::Option::Some((__mpapi_name, __mpapi_v)) = __mpapi_member {
                #check_present;
            }
        }}
    } else {
        let code = crate::args::opt_code(checked.missing_code);
        quote! {{
            #lookup
            match __mpapi_member {
                ::std::option::Option::Some((__mpapi_name, __mpapi_v)) if !__mpapi_v.is_null() => {
                    #check_present;
                }
                _ => ::mpapi_runtime::constraint::required::missing(
                    #code,
                    &__mpapi_path.field(#wire),
                    __mpapi_out,
                ),
            }
        }}
    }
}
