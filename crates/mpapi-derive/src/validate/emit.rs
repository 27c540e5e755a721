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
    let read = super::read::read_impl(input, fields);
    quote!(#validate #shape #read)
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
    let checks = field_checks(f, checked, &quote!(&self.#member));
    quote! {{
        let __mpapi_field_path = __mpapi_path.field(#wire);
        #checks
    }}
}

/// The field's constraints and then the value's own `Validate`, on `place` (an expression
/// of type `&FieldType`) at `__mpapi_field_path`. Shared by `Validate` (on `&self.field`)
/// and `check_deep` (on a member deserialized on its own), so both check the same things.
pub(super) fn field_checks(
    f: &FieldInput,
    checked: &CheckedField,
    place: &TokenStream,
) -> TokenStream {
    let value = quote!(::mpapi_runtime::AsOpt::as_opt(#place));
    let path = quote!(&__mpapi_field_path);
    let scalar = checked.shape.scalar;
    let checks = f.constraints.iter().map(|item| match &item.constraint {
        Constraint::Each(each) => each.emit(scalar, &value, &path),
        _ => constraint::emit_value(item, scalar, &value, &path),
    });
    quote! {
        #(#checks)*
        ::mpapi_runtime::Validate::validate_at(#place, &__mpapi_field_path, __mpapi_out);
    }
}

fn shape_impl(input: &StructInput, fields: &[CheckedField]) -> TokenStream {
    let ident = &input.ident;
    let shape_checks: Vec<TokenStream> = input
        .fields
        .iter()
        .zip(fields)
        .map(|(f, c)| shape_field(f, c))
        .collect();
    let deep_checks: Vec<TokenStream> = input
        .fields
        .iter()
        .zip(fields)
        .map(|(f, c)| deep_field(f, c))
        .collect();
    let silence_unused = |checks: &[TokenStream]| {
        checks
            .iter()
            .all(TokenStream::is_empty)
            .then(|| quote!(let _ = __mpapi_object;))
    };
    let shape_silence = silence_unused(&shape_checks);
    let deep_silence = silence_unused(&deep_checks);
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
                        ::mpapi_runtime::ConstraintKind::Type,
                        ::std::option::Option::None,
                        ::std::format_args!(
                            "expected an object, found {}",
                            ::mpapi_runtime::json_kind(__mpapi_value)
                        ),
                    );
                    return;
                };
                #shape_silence
                #(#shape_checks)*
            }

            fn check_deep(
                __mpapi_value: &::mpapi_runtime::serde_json::Value,
                __mpapi_path: &::mpapi_runtime::Path<'_>,
                __mpapi_out: &mut ::mpapi_runtime::Violations,
            ) {
                let mut __mpapi_shape = ::mpapi_runtime::Violations::new();
                <Self as ::mpapi_runtime::JsonShape>::check_shape(
                    __mpapi_value,
                    __mpapi_path,
                    &mut __mpapi_shape,
                );
                if __mpapi_shape.is_empty() {
                    if let ::std::option::Option::Some(__mpapi_typed) =
                        ::mpapi_runtime::deserialize_checked::<Self>(
                            __mpapi_value,
                            __mpapi_path,
                            __mpapi_out,
                        )
                    {
                        ::mpapi_runtime::Validate::validate_at(
                            &__mpapi_typed,
                            __mpapi_path,
                            __mpapi_out,
                        );
                    }
                    return;
                }
                let ::std::option::Option::Some(__mpapi_object) = __mpapi_value.as_object() else {
                    // Not an object: the shape check said so, and there is nothing inside.
                    ::std::iter::Extend::extend(__mpapi_out, __mpapi_shape);
                    return;
                };
                #deep_silence
                #(#deep_checks)*
            }
        }
    }
}

/// The shape check of one field's member.
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
    on_member(
        f,
        checked,
        quote! {
            <#ty as ::mpapi_runtime::JsonShape>::check_shape(
                __mpapi_v,
                &__mpapi_path.field(__mpapi_name),
                __mpapi_out,
            );
        },
    )
}

/// The deep check of one field's member, inside an object that is broken somewhere.
fn deep_field(f: &FieldInput, checked: &CheckedField) -> TokenStream {
    let ty = &f.ty;
    if f.serde.skip {
        return TokenStream::new();
    }
    if f.serde.flatten.is_some() {
        return quote! {
            <#ty as ::mpapi_runtime::JsonShape>::check_deep(__mpapi_value, __mpapi_path, __mpapi_out);
        };
    }
    let checks = field_checks(f, checked, &quote!(&__mpapi_typed));
    let present = match broken_list_checks(f, checked) {
        Some(broken_list) => quote! {
            let mut __mpapi_list_shape = ::mpapi_runtime::Violations::new();
            <#ty as ::mpapi_runtime::JsonShape>::check_shape(
                __mpapi_v,
                &__mpapi_field_path,
                &mut __mpapi_list_shape,
            );
            if __mpapi_list_shape.is_empty() {
                if let ::std::option::Option::Some(__mpapi_typed) =
                    ::mpapi_runtime::deserialize_checked::<#ty>(
                        __mpapi_v,
                        &__mpapi_field_path,
                        __mpapi_out,
                    )
                {
                    #checks
                }
            } else if let ::std::option::Option::Some(__mpapi_elements) = __mpapi_v.as_array() {
                #broken_list
            } else {
                // Not an array: the shape check said so, and there is nothing inside.
                ::std::iter::Extend::extend(__mpapi_out, __mpapi_list_shape);
            }
        },
        None => quote! {
            if let ::std::option::Option::Some(__mpapi_typed) =
                ::mpapi_runtime::typed_if_sound::<#ty>(__mpapi_v, &__mpapi_field_path, __mpapi_out)
            {
                #checks
            }
        },
    };
    // The member's path uses the name it was found under, like the shape check's.
    on_member(
        f,
        checked,
        quote! {
            let __mpapi_field_path = __mpapi_path.field(__mpapi_name);
            #present
        },
    )
}

/// For a list field with `items` or `each`: the checks of its member when that member is
/// a JSON array with an element of the wrong shape (bound to `__mpapi_elements`), so the
/// list cannot be typed as a whole. `items` is checked on the raw length; each element
/// that is sound on its own is typed, gets the `each` constraints and its own
/// `Validate`; every other element gets its type's `check_deep`, which reports it. Each
/// violation is thus found once, and the elements' in document order. `None` for a field
/// that has neither constraint: then the list's own `check_deep` does the same.
fn broken_list_checks(f: &FieldInput, checked: &CheckedField) -> Option<TokenStream> {
    let element = crate::ty::list_element(&f.ty)?;
    let path = quote!(&__mpapi_field_path);
    let mut list_level = Vec::new();
    let mut each_checks = Vec::new();
    for item in &f.constraints {
        match &item.constraint {
            Constraint::Each(each) => each_checks.push(each.emit_element(
                checked.shape.scalar,
                &quote!(&__mpapi_item),
                &quote!(&__mpapi_item_path),
            )),
            // Presence is checked on the raw member by `on_member`; a kind on the whole
            // list (`items`) checks the raw length, and value-level kinds are rejected on
            // list fields by the check step.
            other => {
                let len = other.emit_len(&quote!(__mpapi_elements.len()), &path);
                if !len.is_empty() {
                    list_level.push(len);
                }
            }
        }
    }
    if list_level.is_empty() && each_checks.is_empty() {
        return None;
    }
    Some(quote! {
        #(#list_level)*
        for (__mpapi_i, __mpapi_element) in __mpapi_elements.iter().enumerate() {
            let __mpapi_item_path = __mpapi_field_path.index(__mpapi_i);
            if let ::std::option::Option::Some(__mpapi_item) =
                ::mpapi_runtime::typed_if_sound::<#element>(
                    __mpapi_element,
                    &__mpapi_item_path,
                    __mpapi_out,
                )
            {
                #(#each_checks)*
                ::mpapi_runtime::Validate::validate_at(
                    &__mpapi_item,
                    &__mpapi_item_path,
                    __mpapi_out,
                );
            }
        }
    })
}

/// Finds the field's member in `__mpapi_object` and runs `present` on it (bound to
/// `__mpapi_name` and `__mpapi_v`); a required member that is missing or `null` is
/// reported as such instead.
fn on_member(f: &FieldInput, checked: &CheckedField, present: TokenStream) -> TokenStream {
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
    if checked.may_be_missing {
        quote! {{
            #lookup
            if let ::std::option::Option::Some((__mpapi_name, __mpapi_v)) = __mpapi_member {
                #present
            }
        }}
    } else {
        let code = crate::args::opt_code(checked.missing_code);
        quote! {{
            #lookup
            match __mpapi_member {
                ::std::option::Option::Some((__mpapi_name, __mpapi_v)) if !__mpapi_v.is_null() => {
                    #present
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
