//! The keys of a field's `#[validate(...)]`.
//!
//! The constraint kinds are the runtime's (`mpapi_runtime::for_each_constraint_kind!`, the
//! one list of kinds, from which the runtime's `ConstraintKind` and the generator's
//! constraint modules are also made): the registry below declares one module per kind,
//! named like the kind's key. Each defines a type named like the kind's variant that
//! implements [`Kind`]: it reads its arguments (`parse`), checks that they make sense for
//! the field (`check`) and writes the call into `mpapi_runtime::constraint::<kind>`
//! (`emit`). Adding a kind to the registry therefore adds its key here, in the list of
//! accepted keys and in the dispatch, with nothing else to edit.
//!
//! Two keys belong to the derive alone and are not constraint kinds: `required` (the code
//! reported for a missing member) and `each` (constraints on every element of a list).

pub(crate) mod bound_codes;
pub(crate) mod each;
pub(crate) mod length;
pub(crate) mod required;

use proc_macro2::TokenStream;
use syn::Ident;
use syn::meta::ParseNestedMeta;

use crate::args::{self, Arg};
use crate::diag::{Diagnostics, did_you_mean};
use crate::ty::{FieldShape, Scalar};

/// What every constraint kind's module provides, on the type named like its variant.
pub(crate) trait Kind: Sized {
    /// Whether the kind constrains one value, so that it may also appear inside
    /// `each(...)`; `false` for a kind on a whole list (`items`).
    const IN_EACH: bool;

    /// Reads the arguments of `key(...)`, reporting every one that is unknown or malformed.
    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self;

    /// Checks that the arguments make sense at `place`.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics);

    /// The runtime check of `value` (an `Option<&T>` expression whose scalar is `scalar`)
    /// at `path` (a `&Path` expression), recording into `__mpapi_out`.
    fn emit(&self, scalar: Scalar, value: &TokenStream, path: &TokenStream) -> TokenStream;

    /// The check on a list member that is a JSON array whose elements could not all be
    /// typed, given its element count `len` (a `usize` expression). Only a kind on a whole
    /// list has one; a value-level kind is rejected on list fields by `check`.
    fn emit_len(&self, len: &TokenStream, path: &TokenStream) -> TokenStream {
        let _ = (len, path);
        TokenStream::new()
    }
}

/// Makes the kinds' modules, [`Constraint`], [`KIND_KEYS`] and the dispatch from the
/// registry.
macro_rules! kinds {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        $(
            #[doc = $doc]
            pub(crate) mod $module;
        )*

        /// A parsed constraint.
        pub(crate) enum Constraint {
            /// `required`: the code reported when the member is missing.
            Required(required::Required),
            /// `each(...)`: constraints on every element of a list.
            Each(each::Each),
            $(
                #[doc = $doc]
                $variant($module::$variant),
            )*
        }

        /// The key of every constraint kind, in the registry's order.
        pub(crate) const KIND_KEYS: &[&str] = &[$(stringify!($module)),*];

        /// The keys of the kinds that may appear inside `each(...)`.
        pub(crate) const EACH_KEYS: &[&str] = &{
            const N: usize = 0 $(+ <$module::$variant as Kind>::IN_EACH as usize)*;
            let mut keys = [""; N];
            let mut i = 0;
            $(
                if <$module::$variant as Kind>::IN_EACH {
                    keys[i] = stringify!($module);
                    i += 1;
                }
            )*
            let _ = i;
            keys
        };

        /// Reads the constraint of kind `name`, or `None` when no kind has that key.
        fn parse_kind(
            name: &str,
            key: &Ident,
            list: Vec<Arg>,
            diag: &mut Diagnostics,
        ) -> Option<Constraint> {
            $(
                if name == stringify!($module) {
                    return Some(Constraint::$variant(Kind::parse(key, list, diag)));
                }
            )*
            let _ = (key, list, diag);
            None
        }

        /// Whether `name` is the key of a kind that may not appear inside `each(...)`.
        fn whole_list_kind(name: &str) -> bool {
            $(
                if name == stringify!($module) {
                    return !<$module::$variant as Kind>::IN_EACH;
                }
            )*
            false
        }

        impl Constraint {
            /// Checks that the constraint makes sense at `place`.
            pub(crate) fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
                match self {
                    Constraint::Required(_) => required::check(key, place, diag),
                    Constraint::Each(e) => each::check(key, e, place, diag),
                    $(Constraint::$variant(c) => c.check(key, place, diag),)*
                }
            }

            /// The check of a constraint on one value (see [`Kind::emit`]); nothing for
            /// `required` (checked on the raw JSON) and `each` (emitted by the field).
            pub(crate) fn emit_value(
                &self,
                scalar: Scalar,
                value: &TokenStream,
                path: &TokenStream,
            ) -> TokenStream {
                match self {
                    Constraint::Required(_) | Constraint::Each(_) => TokenStream::new(),
                    $(Constraint::$variant(c) => c.emit(scalar, value, path),)*
                }
            }

            /// The check on a list whose elements could not all be typed (see
            /// [`Kind::emit_len`]); nothing for `required` and `each`.
            pub(crate) fn emit_len(&self, len: &TokenStream, path: &TokenStream) -> TokenStream {
                match self {
                    Constraint::Required(_) | Constraint::Each(_) => TokenStream::new(),
                    $(Constraint::$variant(c) => c.emit_len(len, path),)*
                }
            }
        }
    };
}

mpapi_runtime::for_each_constraint_kind!(kinds);

/// The keys that belong to the derive alone, after the kinds' keys in messages.
pub(crate) const DERIVE_KEYS: &[&str] = &["each", "required"];

/// Every key accepted in a field's `#[validate(...)]`: the kinds', then the derive's.
pub(crate) fn field_keys() -> Vec<&'static str> {
    KIND_KEYS.iter().chain(DERIVE_KEYS).copied().collect()
}

/// A constraint with the key it was written with (for spans and messages).
pub(crate) struct Keyed {
    pub(crate) key: Ident,
    pub(crate) constraint: Constraint,
}

/// Where a constraint applies: to a whole field, or to each element of a list field.
#[derive(Clone, Copy)]
pub(crate) enum Place {
    Field(FieldShape),
    Element(Scalar),
}

/// Parses one `key(...)` of a `#[validate(...)]` list (or of an `each(...)` list when
/// `in_each`). Unknown keys are reported and skipped; `Ok(None)` then.
pub(crate) fn parse(
    meta: &ParseNestedMeta,
    in_each: bool,
    diag: &mut Diagnostics,
) -> syn::Result<Option<Keyed>> {
    let key = args::key_ident(meta)?;
    let name = key.to_string();
    if in_each && (whole_list_kind(&name) || DERIVE_KEYS.contains(&name.as_str())) {
        diag.error(
            key.span(),
            format!(
                "`{name}` cannot be used inside `each(...)`, which holds the constraints \
                 of one element: {}; put `{name}` directly in `#[validate(...)]`",
                EACH_KEYS.join(", ")
            ),
        );
        args::skip_rest(meta)?;
        return Ok(None);
    }
    let constraint = match name.as_str() {
        "required" => Constraint::Required(required::parse(&key, args::list(meta)?, diag)),
        "each" => Constraint::Each(each::parse(&key, meta, diag)?),
        _ if KIND_KEYS.contains(&name.as_str()) => {
            let list = args::list(meta)?;
            match parse_kind(&name, &key, list, diag) {
                Some(constraint) => constraint,
                None => return Ok(None),
            }
        }
        _ => {
            let keys = if in_each {
                EACH_KEYS.to_vec()
            } else {
                field_keys()
            };
            let context = if in_each { " inside `each(...)`" } else { "" };
            diag.error(
                key.span(),
                format!(
                    "unknown validation `{name}`{context}; expected one of {}{}",
                    keys.join(", "),
                    did_you_mean(&name, &keys)
                ),
            );
            args::skip_rest(meta)?;
            return Ok(None);
        }
    };
    Ok(Some(Keyed { key, constraint }))
}

/// Reports every `key` that appears more than once in `list`.
pub(crate) fn check_duplicates(list: &[Keyed], diag: &mut Diagnostics) {
    for (i, item) in list.iter().enumerate() {
        if list[..i].iter().any(|earlier| earlier.key == item.key) {
            diag.error(
                item.key.span(),
                format!(
                    "duplicate `{}` constraint on this field; give each constraint once",
                    item.key
                ),
            );
        }
    }
}

/// Checks that `item` makes sense at `place`.
pub(crate) fn check(item: &Keyed, place: Place, diag: &mut Diagnostics) {
    item.constraint.check(&item.key, place, diag);
}

/// The scalar a value-level constraint sees at `place`, or `None` (after reporting) when
/// the place is a list field, where the constraint belongs in `each(...)`.
pub(crate) fn scalar_at(key: &Ident, place: Place, diag: &mut Diagnostics) -> Option<Scalar> {
    match place {
        Place::Field(shape) if shape.list => {
            diag.error(
                key.span(),
                format!(
                    "`{key}` cannot apply to a list field directly; use \
                     `each({key}(...))` to constrain every element, or `items(...)` for \
                     the number of elements"
                ),
            );
            None
        }
        Place::Field(shape) => Some(shape.scalar),
        Place::Element(scalar) => Some(scalar),
    }
}

/// Reports `key` written on a value that is not a string.
pub(crate) fn check_string_place(key: &Ident, place: Place, diag: &mut Diagnostics) {
    if let Some(scalar) = scalar_at(key, place, diag)
        && matches!(scalar, Scalar::Int | Scalar::Float | Scalar::Bool)
    {
        diag.error(
            key.span(),
            format!(
                "`{key}` applies to strings, but this value is {}",
                scalar.describe()
            ),
        );
    }
}

/// Emits the check of a value-level constraint. `value` is an expression of type
/// `Option<&T>`, `path` a `Path` expression, and `out` the `&mut Violations`.
pub(crate) fn emit_value(
    item: &Keyed,
    scalar: Scalar,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    item.constraint.emit_value(scalar, value, path)
}

/// Expands `#[derive(Validate)]` on a struct for the kinds' tests: the expansion as text
/// (with the `::std::option::Option::` and `::mpapi_runtime::` prefixes left out), or
/// every error message.
#[cfg(test)]
pub(crate) fn expand(input: syn::DeriveInput) -> Result<String, Vec<String>> {
    crate::validate::derive(&input)
        .map(|tokens| {
            tokens
                .to_string()
                .replace(":: std :: option :: Option :: ", "")
                .replace(":: mpapi_runtime :: ", "")
        })
        .map_err(|e| e.into_iter().map(|e| e.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_registry_kinds_then_the_derive_keys() {
        assert_eq!(
            field_keys(),
            [
                "bytes", "chars", "items", "range", "pattern", "format", "each", "required"
            ]
        );
        assert_eq!(EACH_KEYS, ["bytes", "chars", "range", "pattern", "format"]);
    }

    #[test]
    fn unknown_key_lists_the_keys_and_a_suggestion() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(byts(max = 1))]
                a: String,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(
            errors,
            [
                "unknown validation `byts`; expected one of bytes, chars, items, range, pattern, \
              format, each, required; did you mean `bytes`?"
            ]
        );
    }

    #[test]
    fn whole_list_and_derive_keys_are_refused_inside_each() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(each(items(max = 1), required))]
                a: Vec<String>,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("`items` cannot be used inside `each(...)`"));
        assert!(errors[1].starts_with("`required` cannot be used inside `each(...)`"));
        assert!(errors[2].starts_with("`each` needs at least one element constraint"));
    }
}
