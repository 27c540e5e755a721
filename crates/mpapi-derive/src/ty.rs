//! What the derive needs to know about a field's type, decided from its syntax alone.

use syn::{GenericArgument, PathArguments, Type};

/// The kind of a scalar type, as far as the constraints care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// `String`.
    Str,
    /// A primitive integer type.
    Int,
    /// `f32` or `f64`.
    Float,
    /// `bool`.
    Bool,
    /// Anything else: a nested struct, an enum, `serde_json::Value`, ...
    Other,
}

impl Scalar {
    /// How the kind is named in messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Scalar::Str => "a string",
            Scalar::Int => "an integer",
            Scalar::Float => "a float",
            Scalar::Bool => "a bool",
            Scalar::Other => "a non-scalar type",
        }
    }
}

/// A field type seen as `[Option<] [Vec<] scalar [>] [>]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FieldShape {
    /// The outermost type is `Option<_>`.
    pub(crate) optional: bool,
    /// The (unwrapped) type is `Vec<_>`.
    pub(crate) list: bool,
    /// The scalar kind of the value, or of the elements for a list (an `Option` around
    /// the element is looked through).
    pub(crate) scalar: Scalar,
}

impl FieldShape {
    /// Classifies `ty`.
    pub(crate) fn of(ty: &Type) -> Self {
        let (optional, ty) = match generic_inner(ty, "Option") {
            Some(inner) => (true, inner),
            None => (false, ty),
        };
        let (list, ty) = match generic_inner(ty, "Vec") {
            Some(inner) => (true, generic_inner(inner, "Option").unwrap_or(inner)),
            None => (false, ty),
        };
        FieldShape {
            optional,
            list,
            scalar: scalar(ty),
        }
    }
}

/// The element type of a list field type, `T` of `Vec<T>` or `Option<Vec<T>>`, as written
/// (an `Option` around the element is kept); `None` when `ty` is not a list, exactly when
/// [`FieldShape::of`] says `list: false`.
pub(crate) fn list_element(ty: &Type) -> Option<&Type> {
    generic_inner(generic_inner(ty, "Option").unwrap_or(ty), "Vec")
}

/// The last path segment's identifier and arguments of a plain path type.
fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

/// `T` when `ty` is `name<T>` (with any path prefix, e.g. `::std::option::Option<T>`).
pub(crate) fn generic_inner<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let seg = last_segment(ty)?;
    if seg.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let first = types.next()?;
    types.next().is_none().then_some(first)
}

fn scalar(ty: &Type) -> Scalar {
    let Some(seg) = last_segment(ty) else {
        return Scalar::Other;
    };
    if !seg.arguments.is_none() {
        return Scalar::Other;
    }
    match seg.ident.to_string().as_str() {
        "String" => Scalar::Str,
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => Scalar::Int,
        "f32" | "f64" => Scalar::Float,
        "bool" => Scalar::Bool,
        _ => Scalar::Other,
    }
}

/// Whether `ty` is syntactically `name` (last path segment), e.g. `String` or `i64`.
pub(crate) fn is_named(ty: &Type, name: &str) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == name && s.arguments.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(src: &str) -> FieldShape {
        let ty: Type = match syn::parse_str(src) {
            Ok(t) => t,
            Err(e) => panic!("bad test type {src}: {e}"),
        };
        FieldShape::of(&ty)
    }

    #[test]
    fn classifies_wrappers_and_scalars() {
        let s = shape("::std::option::Option<::std::vec::Vec<::std::string::String>>");
        assert!(s.optional && s.list);
        assert_eq!(s.scalar, Scalar::Str);
        let s = shape("Vec<u64>");
        assert!(!s.optional && s.list);
        assert_eq!(s.scalar, Scalar::Int);
        let s = shape("Option<f64>");
        assert!(s.optional && !s.list);
        assert_eq!(s.scalar, Scalar::Float);
        let s = shape("LinkType");
        assert!(!s.optional && !s.list);
        assert_eq!(s.scalar, Scalar::Other);
    }

    #[test]
    fn list_element_is_the_vec_argument_as_written() {
        let element = |src: &str| {
            let ty: Type = match syn::parse_str(src) {
                Ok(t) => t,
                Err(e) => panic!("bad test type {src}: {e}"),
            };
            list_element(&ty).map(|t| quote::quote!(#t).to_string())
        };
        assert_eq!(element("Vec<u8>").as_deref(), Some("u8"));
        assert_eq!(
            element("::std::option::Option<::std::vec::Vec<Item>>").as_deref(),
            Some("Item")
        );
        assert_eq!(
            element("Vec<Option<String>>").as_deref(),
            Some("Option < String >")
        );
        assert_eq!(element("Option<String>"), None);
        assert_eq!(element("Option<Option<Vec<u8>>>"), None);
        for src in ["Vec<u8>", "Option<Vec<Item>>", "Option<String>", "Item"] {
            let ty: Type = match syn::parse_str(src) {
                Ok(t) => t,
                Err(e) => panic!("bad test type {src}: {e}"),
            };
            assert_eq!(
                list_element(&ty).is_some(),
                FieldShape::of(&ty).list,
                "{src}"
            );
        }
    }
}
