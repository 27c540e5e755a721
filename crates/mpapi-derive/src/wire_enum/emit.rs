//! Writes the inherent items and the trait impls of a wire enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::check::WireEnumModel;
use super::parse::Form;
use crate::args;

/// Everything `#[derive(WireEnum)]` generates.
pub(crate) fn emit(m: &WireEnumModel) -> TokenStream {
    let tokens = [
        inherent(m),
        wire_enum_impl(m),
        from_str_impl(m),
        display_impl(m),
        serialize_impl(m),
        deserialize_impl(m),
        validate_impl(m),
        shape_impl(m),
        read_impl(m),
    ];
    quote!(#(#tokens)*)
}

/// Code literals, written as `-` and a magnitude so that negative codes work in patterns.
fn code_tokens(m: &WireEnumModel) -> Vec<TokenStream> {
    m.known
        .iter()
        .map(|k| {
            let abs = Literal::u64_unsuffixed(k.code.unsigned_abs());
            if k.code < 0 {
                quote!(-#abs)
            } else {
                quote!(#abs)
            }
        })
        .collect()
}

fn name_literals(m: &WireEnumModel) -> Vec<Literal> {
    m.known.iter().map(|k| Literal::string(&k.name)).collect()
}

/// What a message lists as accepted: names for string enums, `code (NAME)` for integer ones.
fn accepted(m: &WireEnumModel) -> String {
    let list: Vec<String> = m
        .known
        .iter()
        .map(|k| match m.form {
            Form::String => k.name.clone(),
            Form::Integer => format!("{} ({})", k.code, k.name),
        })
        .collect();
    if list.is_empty() {
        "(no known values)".to_owned()
    } else {
        list.join(", ")
    }
}

fn inherent(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let unknown = &m.unknown;
    let idents: Vec<_> = m.known.iter().map(|k| &k.ident).collect();
    let names = name_literals(m);
    let codes = code_tokens(m);
    quote! {
        #[automatically_derived]
        impl #ident {
            /// Every known variant, in the order of the spec.
            pub const ALL: &'static [Self] = &[#(Self::#idents),*];

            /// The wire name of a known variant; for a value not in the spec, its text as
            /// received (a string's contents or a number's digits). Never empty for a number.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #names,)*
                    Self::#unknown(raw) => raw.as_str(),
                }
            }

            /// The spec's numeric code of a known variant; for a value not in the spec, its
            /// integer value when it has one (see `UnknownValue::code`).
            pub fn code(&self) -> ::std::option::Option<i64> {
                match self {
                    #(Self::#idents => ::std::option::Option::Some(#codes),)*
                    Self::#unknown(raw) => raw.code(),
                }
            }

            /// Whether this is a variant of the spec (not a value kept as received).
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::#unknown(_))
            }
        }
    }
}

fn wire_enum_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let unknown = &m.unknown;
    let idents: Vec<_> = m.known.iter().map(|k| &k.ident).collect();
    let names = name_literals(m);
    let codes = code_tokens(m);
    let form = match m.form {
        Form::String => quote!(::mpapi_runtime::WireForm::String),
        Form::Integer => quote!(::mpapi_runtime::WireForm::Integer),
    };
    let invalid_code = args::opt_code(m.invalid_code);
    let type_name = ident.to_string();
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::WireEnum for #ident {
            const FORM: ::mpapi_runtime::WireForm = #form;
            const NAMES: &'static [&'static str] = &[#(#names),*];
            const CODES: &'static [i64] = &[#(#codes),*];
            const INVALID_CODE: ::std::option::Option<i64> = #invalid_code;
            const TYPE_NAME: &'static str = #type_name;

            fn from_name(name: &str) -> ::std::option::Option<Self> {
                match name {
                    #(#names => ::std::option::Option::Some(Self::#idents),)*
                    _ => ::std::option::Option::None,
                }
            }

            fn from_code(code: i64) -> ::std::option::Option<Self> {
                match code {
                    #(#codes => ::std::option::Option::Some(Self::#idents),)*
                    _ => ::std::option::Option::None,
                }
            }

            fn is_known(&self) -> bool {
                #ident::is_known(self)
            }

            fn __from_unknown(value: ::mpapi_runtime::UnknownValue) -> Self {
                Self::#unknown(value)
            }
        }
    }
}

fn from_str_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let enum_name = ident.to_string();
    quote! {
        #[automatically_derived]
        impl ::std::str::FromStr for #ident {
            type Err = ::mpapi_runtime::UnknownVariant;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                <Self as ::mpapi_runtime::WireEnum>::from_wire_str(s)
                    .filter(Self::is_known)
                    .ok_or_else(|| {
                    ::mpapi_runtime::UnknownVariant {
                        enum_name: #enum_name,
                        given: ::std::string::String::from(s),
                        expected: <Self as ::mpapi_runtime::WireEnum>::NAMES,
                    }
                })
            }
        }
    }
}

fn display_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    quote! {
        #[automatically_derived]
        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn serialize_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let unknown = &m.unknown;
    let idents: Vec<_> = m.known.iter().map(|k| &k.ident).collect();
    let codes = code_tokens(m);
    let serde = quote!(::mpapi_runtime::serde);
    let body = match m.form {
        Form::String => quote! {
            match self {
                Self::#unknown(raw) => #serde::Serialize::serialize(raw, __serializer),
                _ => __serializer.serialize_str(self.as_str()),
            }
        },
        Form::Integer => quote! {
            match self {
                #(Self::#idents => __serializer.serialize_i64(#codes),)*
                Self::#unknown(raw) => #serde::Serialize::serialize(raw, __serializer),
            }
        },
    };
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::serde::Serialize for #ident {
            fn serialize<__S: ::mpapi_runtime::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                #body
            }
        }
    }
}

fn deserialize_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let enum_name = ident.to_string();
    let accepted = accepted(m);
    let serde = quote!(::mpapi_runtime::serde);
    let wire = quote!(<#ident as ::mpapi_runtime::WireEnum>);
    let expecting = match m.form {
        Form::String => format!("a {enum_name} name (one of {accepted}) or its numeric code"),
        Form::Integer => {
            format!("a {enum_name} code (one of {accepted}) or the name of a known variant")
        }
    };
    // Every path goes through the runtime's `from_wire_*`, which turn a known name or
    // code into its variant and keep only a value that is neither.
    let methods = quote! {
        fn visit_str<__E: #serde::de::Error>(self, v: &str) -> ::std::result::Result<#ident, __E> {
            #wire::from_wire_str(v)
                .ok_or_else(|| __E::invalid_value(#serde::de::Unexpected::Str(v), &self))
        }

        fn visit_i64<__E: #serde::de::Error>(self, v: i64) -> ::std::result::Result<#ident, __E> {
            ::std::result::Result::Ok(#wire::from_wire_i64(v))
        }

        fn visit_u64<__E: #serde::de::Error>(self, v: u64) -> ::std::result::Result<#ident, __E> {
            #wire::from_wire_u64(v)
                .ok_or_else(|| __E::invalid_value(#serde::de::Unexpected::Unsigned(v), &self))
        }
    };
    quote! {
        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D: #serde::Deserializer<'de>>(
                __deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                struct __MpapiVisitor;

                impl<'de> #serde::de::Visitor<'de> for __MpapiVisitor {
                    type Value = #ident;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    #methods
                }

                __deserializer.deserialize_any(__MpapiVisitor)
            }
        }
    }
}

fn validate_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let unknown = &m.unknown;
    let enum_name = ident.to_string();
    let accepted = accepted(m);
    // The value as JSON: a string quoted, a number bare.
    let message = quote! {
        ::std::format_args!(
            "{} is not a known {}; expected one of {}",
            raw.to_json(),
            #enum_name,
            #accepted
        )
    };
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::Validate for #ident {
            #[allow(irrefutable_let_patterns)]
            fn validate_at(
                &self,
                __mpapi_path: &::mpapi_runtime::Path<'_>,
                __mpapi_out: &mut ::mpapi_runtime::Violations,
            ) {
                if let Self::#unknown(raw) = self {
                    __mpapi_out.push(
                        __mpapi_path,
                        ::mpapi_runtime::ConstraintKind::Enum,
                        <Self as ::mpapi_runtime::WireEnum>::INVALID_CODE,
                        #message,
                    );
                }
            }
        }
    }
}

fn shape_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    let enum_name = ident.to_string();
    let accepted = accepted(m);
    let (accepts, expected) = match m.form {
        Form::String => (
            quote!(__mpapi_value.is_string() || __mpapi_value.is_i64() || __mpapi_value.is_u64()),
            format!("a {enum_name} name (a string) or its numeric code"),
        ),
        Form::Integer => (
            quote! {
                match __mpapi_value {
                    ::mpapi_runtime::serde_json::Value::Number(n) => n.is_i64(),
                    ::mpapi_runtime::serde_json::Value::String(s) => {
                        <Self as ::mpapi_runtime::WireEnum>::from_name(s).is_some()
                            || s.parse::<i64>().is_ok()
                    }
                    _ => false,
                }
            },
            format!("a {enum_name} code (an integer in i64 range) or a known name ({accepted})"),
        ),
    };
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::JsonShape for #ident {
            fn check_shape(
                __mpapi_value: &::mpapi_runtime::serde_json::Value,
                __mpapi_path: &::mpapi_runtime::Path<'_>,
                __mpapi_out: &mut ::mpapi_runtime::Violations,
            ) {
                if !(#accepts) {
                    __mpapi_out.push(
                        __mpapi_path,
                        ::mpapi_runtime::ConstraintKind::Type,
                        ::std::option::Option::None,
                        ::std::format_args!(
                            "expected {}, found {}",
                            #expected,
                            ::mpapi_runtime::json_kind(__mpapi_value)
                        ),
                    );
                }
            }
        }
    }
}

/// `ReadChecked`: the runtime's wire-enum reader, which knows the declared form.
fn read_impl(m: &WireEnumModel) -> TokenStream {
    let ident = &m.ident;
    quote! {
        #[automatically_derived]
        impl ::mpapi_runtime::ReadChecked for #ident {
            #[inline]
            fn read_checked<'de, __D: ::mpapi_runtime::serde::Deserializer<'de>>(
                __mpapi_d: __D,
                __mpapi_path: &::mpapi_runtime::Path<'_>,
                __mpapi_cx: &mut ::mpapi_runtime::ReadCx<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, __D::Error> {
                ::mpapi_runtime::read::read_wire_enum::<Self, __D>(__mpapi_d, __mpapi_path, __mpapi_cx)
            }
        }
    }
}
