//! Writes the `ReadChecked` and `ReadMembers` impls: the one-pass reader of the struct's
//! raw JSON object.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::constraint::Constraint;

use super::check::CheckedField;
use super::emit::field_checks;
use super::parse::{FieldInput, StructInput};

/// How one field's member is read.
enum Reading {
    /// Not read (`#[serde(skip)]`): always the default.
    Skipped,
    /// Read as the field's type; a missing member is an error (`required`), and `null`
    /// counts as missing.
    Required,
    /// Read as the field's type (an `Option`, so `null` is `None`); missing is `None`.
    Optional,
    /// Read as the field's type; missing takes the type's default.
    Defaulted,
}

/// Both impls, or for a struct the reader cannot take member by member (a flattened
/// field, a container default) a `ReadChecked` through a `serde_json::Value`.
pub(crate) fn read_impl(input: &StructInput, fields: &[CheckedField]) -> TokenStream {
    let ident = &input.ident;
    let rt = quote!(::mpapi_runtime);
    let strictness = input
        .lenient
        .then(|| quote!(const DEFAULT_STRICTNESS: #rt::Strictness = #rt::Strictness::Lenient;));
    let through_value =
        input.serde.default || input.fields.iter().any(|f| f.serde.flatten.is_some());
    let reader = if through_value {
        quote!(#rt::read::read_through_value::<Self, __D>(__mpapi_d, __mpapi_path, __mpapi_cx))
    } else {
        quote!(#rt::read::read_object::<Self, __D>(__mpapi_d, __mpapi_path, __mpapi_cx))
    };
    let read_checked = quote! {
        #[automatically_derived]
        impl #rt::ReadChecked for #ident {
            #strictness

            #[inline]
            fn read_checked<'de, __D: #rt::serde::Deserializer<'de>>(
                __mpapi_d: __D,
                __mpapi_path: &#rt::Path<'_>,
                __mpapi_cx: &mut #rt::ReadCx<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, __D::Error> {
                #reader
            }
        }
    };
    if through_value {
        return read_checked;
    }
    let members = members_impl(input, fields);
    quote!(#read_checked #members)
}

fn members_impl(input: &StructInput, fields: &[CheckedField]) -> TokenStream {
    let ident = &input.ident;
    let type_name = ident.to_string();
    let rt = quote!(::mpapi_runtime);
    let readings: Vec<Reading> = input
        .fields
        .iter()
        .zip(fields)
        .map(|(f, c)| {
            if f.serde.skip {
                Reading::Skipped
            } else if c.shape.optional {
                Reading::Optional
            } else if c.may_be_missing {
                Reading::Defaulted
            } else {
                Reading::Required
            }
        })
        .collect();
    // Every name a member may have (wire names, then aliases), for the key lookup and
    // the did-you-mean of an unknown member.
    let mut all_names = Vec::new();
    let mut arms = Vec::new();
    for (i, f) in input.fields.iter().enumerate() {
        if matches!(readings[i], Reading::Skipped) {
            continue;
        }
        let idx = Literal::u16_unsuffixed(i as u16);
        for name in std::iter::once(&f.wire).chain(&f.serde.aliases) {
            all_names.push(name.clone());
            arms.push(quote!(#name => ::std::option::Option::Some((#idx, #name)),));
        }
    }
    let count = input.fields.len();
    let slot = |i: usize| format_ident!("__mpapi_f{}", i);
    let named = |i: usize| format_ident!("__mpapi_n{}", i);
    let broken = |i: usize| format_ident!("__mpapi_b{}", i);

    let mut decls = Vec::new();
    let mut reads = Vec::new();
    let mut settles = Vec::new();
    let mut sound_pats = Vec::new();
    let mut other_pats = Vec::new();
    let mut inits = Vec::new();
    let mut broken_checks = Vec::new();
    for (i, (f, c)) in input.fields.iter().zip(fields).enumerate() {
        let member = &f.ident;
        let ty = &f.ty;
        let wire = &f.wire;
        let (s, n, b) = (slot(i), named(i), broken(i));
        if matches!(readings[i], Reading::Skipped) {
            inits.push(quote!(#member: ::std::default::Default::default(),));
            continue;
        }
        // A list with `items` or `each` is read element by element, so that its length
        // and sound elements can still be checked when an element is broken.
        let list_element = if has_list_checks(f) {
            crate::ty::list_element(ty)
        } else {
            None
        };
        let read_ty = match (list_element, &readings[i]) {
            (Some(e), Reading::Optional) => {
                quote!(::std::option::Option<#rt::read::ListRead<#e>>)
            }
            (Some(e), _) => quote!(#rt::read::ListRead<#e>),
            (None, _) => quote!(#ty),
        };
        let (seed_ty, to_slot) = match readings[i] {
            Reading::Required => (
                quote!(::std::option::Option<#read_ty>),
                quote!(#rt::read::Slot::from_required),
            ),
            _ => (read_ty.clone(), quote!(#rt::read::Slot::from_read)),
        };
        decls.push(quote! {
            let mut #s: #rt::read::Slot<#read_ty> = #rt::read::Slot::Missing;
            let mut #n: &'static str = #wire;
        });
        let idx = Literal::u16_unsuffixed(i as u16);
        reads.push(quote! {
            #rt::read::Key::Field(#idx, __mpapi_name) => {
                if __mpapi_seen[#i] {
                    __mpapi_cx.duplicate(__mpapi_path, __mpapi_name);
                    #rt::read::skip_value(&mut __mpapi_map)?;
                } else {
                    __mpapi_seen[#i] = true;
                    #n = __mpapi_name;
                    let __mpapi_field_path = __mpapi_path.field(__mpapi_name);
                    #s = #to_slot(#rt::serde::de::MapAccess::next_value_seed(
                        &mut __mpapi_map,
                        #rt::read::Checked::<#seed_ty>::new(&__mpapi_field_path, __mpapi_cx),
                    )?);
                }
            }
        });
        if list_element.is_some() {
            settles.push(quote!(let (#s, #b) = #s.split_list();));
        }
        match readings[i] {
            Reading::Optional => {
                settles.push(quote!(let #s = #s.or_fill(|| ::std::option::Option::None);))
            }
            Reading::Defaulted => {
                settles.push(quote!(let #s = #s.or_fill(::std::default::Default::default);))
            }
            _ => {}
        }
        sound_pats.push(quote!(#rt::read::Slot::Sound(#s)));
        other_pats.push(quote!(#s));
        inits.push(quote!(#member: #s,));

        let checks = field_checks(f, c, &quote!(&__mpapi_typed));
        let missing = match readings[i] {
            Reading::Required => {
                let code = crate::args::opt_code(c.missing_code);
                quote!(#rt::constraint::required::missing(#code, &__mpapi_path.field(#wire), __mpapi_out))
            }
            _ => quote!(),
        };
        let list_checks = list_element.map(|_| broken_list(f, c, &b));
        broken_checks.push(quote! {
            match #s {
                #rt::read::Slot::Sound(__mpapi_typed) => {
                    let __mpapi_field_path = __mpapi_path.field(#n);
                    #checks
                }
                #rt::read::Slot::Missing => { #missing }
                #rt::read::Slot::Broken => {
                    let _ = #n;
                    #list_checks
                }
            }
        });
    }
    let build = quote!(::std::result::Result::Ok(::std::option::Option::Some(Self { #(#inits)* })));
    let finish = if sound_pats.is_empty() {
        build
    } else {
        quote! {
            match (#(#other_pats,)*) {
                (#(#sound_pats,)*) => #build,
                (#(#other_pats,)*) => {
                    let __mpapi_out = __mpapi_cx.out();
                    #(#broken_checks)*
                    ::std::result::Result::Ok(::std::option::Option::None)
                }
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #rt::read::ReadMembers for #ident {
            #[allow(unused_mut, unused_variables, clippy::match_single_binding)]
            fn read_members<'de, __A: #rt::serde::de::MapAccess<'de>>(
                mut __mpapi_map: __A,
                __mpapi_path: &#rt::Path<'_>,
                __mpapi_cx: &mut #rt::ReadCx<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, __A::Error> {
                const __MPAPI_NAMES: &[&str] = &[#(#all_names),*];
                let mut __mpapi_seen = [false; #count];
                #(#decls)*
                while let ::std::option::Option::Some(__mpapi_key) =
                    #rt::serde::de::MapAccess::next_key_seed(
                        &mut __mpapi_map,
                        #rt::read::KeySeed::new(
                            |__mpapi_name: &str| -> ::std::option::Option<(u16, &'static str)> {
                                match __mpapi_name {
                                    #(#arms)*
                                    _ => ::std::option::Option::None,
                                }
                            },
                            __MPAPI_NAMES,
                            #type_name,
                            __mpapi_path,
                            __mpapi_cx,
                        ),
                    )?
                {
                    match __mpapi_key {
                        #(#reads)*
                        _ => #rt::read::skip_value(&mut __mpapi_map)?,
                    }
                }
                #(#settles)*
                #finish
            }
        }
    }
}

/// Whether the field has constraints on the list (`items`) or its elements (`each`).
fn has_list_checks(f: &FieldInput) -> bool {
    crate::ty::list_element(&f.ty).is_some()
        && f.constraints
            .iter()
            .any(|k| !matches!(k.constraint, Constraint::Required(_)))
}

/// The checks of a list member with a broken element, kept aside in `b` as a
/// `BrokenList`: the list-level kinds on its length, then each sound element's `each`
/// constraints and its own `Validate`.
fn broken_list(f: &FieldInput, c: &CheckedField, b: &proc_macro2::Ident) -> TokenStream {
    let path = quote!(&__mpapi_field_path);
    let mut list_level = Vec::new();
    let mut each_checks = Vec::new();
    for item in &f.constraints {
        match &item.constraint {
            Constraint::Each(each) => each_checks.push(each.emit_element(
                c.shape.scalar,
                &quote!(__mpapi_item),
                &quote!(&__mpapi_item_path),
            )),
            other => list_level.push(other.emit_len(&quote!(__mpapi_broken.len), &path)),
        }
    }
    let n = format_ident!("__mpapi_n{}", b.to_string().trim_start_matches("__mpapi_b"));
    quote! {
        if let ::std::option::Option::Some(__mpapi_broken) = #b {
            let __mpapi_field_path = __mpapi_path.field(#n);
            #(#list_level)*
            for (__mpapi_i, __mpapi_item) in &__mpapi_broken.sound {
                let __mpapi_item_path = __mpapi_field_path.index(*__mpapi_i);
                #(#each_checks)*
                ::mpapi_runtime::Validate::validate_at(
                    __mpapi_item,
                    &__mpapi_item_path,
                    __mpapi_out,
                );
            }
        }
    }
}
