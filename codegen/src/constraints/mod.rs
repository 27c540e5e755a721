//! Constraint kinds: one module per kind, each owning everything the generator does with
//! it: reading its YAML (`read`), checking it against the field's type (`check`), its
//! checked form (`lower`), the `#[validate(...)]` argument that `mpapi-derive` expands
//! (`attr`), the guarded runtime call for a constraint with `when:` (`call`), and its
//! rustdoc line (`describe`).
//!
//! The list of kinds is the runtime's (`mpapi_runtime::for_each_constraint_kind!`): the
//! registry below is made from it, as are the runtime's `ConstraintKind`, its check modules
//! and the derive's keys, so the four always agree.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::namespace::{Kind, Namespace, type_text};
use crate::diag::Diagnostics;
use crate::ir::Ty;
use crate::load::yaml::Node;
use crate::model::{At, Condition, Field, Loc, TypeRef};
pub use crate::model::{FormatName, Num};

/// A min/max bound pair with the platform code each end reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Bounds<T> {
    /// Inclusive minimum.
    pub min: Option<T>,
    /// Inclusive maximum.
    pub max: Option<T>,
    /// Code reported below `min`.
    pub min_code: Option<i64>,
    /// Code reported above `max`.
    pub max_code: Option<i64>,
}

/// What every constraint's syntax has: a location, an optional `when:` condition and the
/// platform codes it reports.
pub trait ConstraintParts {
    /// Where the constraint was written.
    fn loc(&self) -> &Loc;
    /// The condition under which it holds, if any.
    fn when(&self) -> Option<&Condition>;
    /// Every platform code written on it.
    fn codes(&self) -> Vec<&At<i64>>;
}

macro_rules! constraint_registry {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        $(
            #[doc = $doc]
            pub mod $module;
        )*

        /// A constraint as written in a spec.
        #[derive(Clone, Debug)]
        pub enum ConstraintSyntax {
            $(#[doc = $doc] $variant($module::Syntax),)*
        }

        /// A checked constraint.
        #[derive(Clone, Debug, PartialEq)]
        pub enum ConstraintIr {
            $(#[doc = $doc] $variant($module::Ir),)*
        }

        /// Every constraint kind's key, and whether it may appear inside `each:`.
        pub(crate) const KINDS: &[(&str, bool)] = &[$((stringify!($module), $module::IN_EACH),)*];

        /// Reads the constraint written under `key` (one of [`KINDS`]).
        pub(crate) fn read(key: &str, node: &Node, d: &mut Diagnostics) -> Option<ConstraintSyntax> {
            $(
                if key == stringify!($module) {
                    return $module::read(node, d).map(ConstraintSyntax::$variant);
                }
            )*
            None
        }

        impl ConstraintSyntax {
            fn parts(&self) -> &dyn ConstraintParts {
                match self {
                    $(ConstraintSyntax::$variant(s) => s,)*
                }
            }

            /// Checks the constraint against the type of the value it constrains.
            pub(crate) fn check(&self, cx: &CheckCx<'_>, d: &mut Diagnostics) {
                match self {
                    $(ConstraintSyntax::$variant(s) => $module::check(s, cx, d),)*
                }
            }

            /// The checked form.
            pub(crate) fn lower(&self) -> ConstraintIr {
                match self {
                    $(ConstraintSyntax::$variant(s) => ConstraintIr::$variant($module::lower(s)),)*
                }
            }
        }

        impl Constraints {
            $(
                #[doc = concat!("The `", stringify!($module), "` constraint, if written.")]
                pub fn $module(&self) -> Option<&$module::Syntax> {
                    self.list.iter().find_map(|c| match c {
                        ConstraintSyntax::$variant(s) => Some(s),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    })
                }
            )*
        }

        impl ConstraintIr {
            /// The argument of `#[validate(...)]` for a value of type `ty`.
            pub fn attr(&self, ty: &Ty) -> TokenStream {
                match self {
                    $(ConstraintIr::$variant(c) => $module::attr(c, ty),)*
                }
            }

            /// Statements checking `value` (an `Option<&T>` expression) at `path` (a `&Path`
            /// expression), for a constraint that holds only under a condition.
            pub fn call(&self, value: &TokenStream, path: &TokenStream, ty: &Ty) -> TokenStream {
                match self {
                    $(ConstraintIr::$variant(c) => $module::call(c, value, path, ty),)*
                }
            }

            /// One line for rustdoc, e.g. "1 to 64 bytes".
            pub fn describe(&self) -> String {
                match self {
                    $(ConstraintIr::$variant(c) => $module::describe(c),)*
                }
            }
        }
    };
}

mpapi_runtime::for_each_constraint_kind!(constraint_registry);

impl ConstraintSyntax {
    /// Where the constraint was written.
    pub fn loc(&self) -> &Loc {
        self.parts().loc()
    }

    /// The condition under which it holds, if any.
    pub fn when(&self) -> Option<&Condition> {
        self.parts().when()
    }

    /// Every platform code written on it.
    pub fn codes(&self) -> Vec<&At<i64>> {
        self.parts().codes()
    }
}

/// The constraints of one value, in the order written.
#[derive(Clone, Debug, Default)]
pub struct Constraints {
    /// Every constraint.
    pub list: Vec<ConstraintSyntax>,
}

/// What a constraint kind's check needs to know about the value it constrains.
pub(crate) struct CheckCx<'a> {
    /// The value's type (the element type inside `each:`).
    pub(crate) ty: &'a TypeRef,
    /// The same, looked up.
    pub(crate) kind: Kind<'a>,
    /// "`name` has" or "the elements of `name` have", for messages.
    pub(crate) subject: String,
    /// Whether the field is a list of strings (a string constraint then belongs in `each:`).
    pub(crate) string_array: bool,
}

impl CheckCx<'_> {
    /// Reports `name` written on a value that is not `wanted`.
    pub(crate) fn applies(
        &self,
        name: &str,
        loc: &Loc,
        ok: bool,
        wanted: &str,
        d: &mut Diagnostics,
    ) {
        if ok {
            return;
        }
        let msg = format!(
            "`{name}` applies to {wanted}, but {} type `{}`",
            self.subject,
            type_text(self.ty)
        );
        if self.string_array && wanted == "strings" {
            d.error_help(
                loc,
                msg,
                format!("to constrain every element, write `each: {{{name}: ...}}`"),
            );
        } else {
            d.error(loc, msg);
        }
    }

    /// Whether the value is a string.
    pub(crate) fn is_string(&self) -> bool {
        matches!(self.kind, Kind::String)
    }
}

/// Checks a field's own constraints and its `each:` constraints.
pub(crate) fn check_field(field: &Field, ns: &Namespace<'_>, d: &mut Diagnostics) {
    let ty = &field.ty.value;
    check_all(&field.constraints, ty, false, field, ns, d);
    let Some(each) = &field.each else { return };
    let loc = each.list.first().map(|c| c.loc()).unwrap_or(&field.loc);
    match ty {
        TypeRef::Array(inner) => {
            let kind = ns.kind(inner);
            if kind.is_scalar() {
                check_all(each, inner, true, field, ns, d);
            } else if !matches!(kind, Kind::Missing) {
                d.error(
                    loc,
                    format!(
                        "`each` applies to arrays of scalars, but `{}` has type `{}`",
                        field.name.value,
                        type_text(ty)
                    ),
                );
            }
        }
        other => d.error_help(
            loc,
            format!(
                "`each` applies to arrays, but `{}` has type `{}`",
                field.name.value,
                type_text(other)
            ),
            "put the constraints on the field itself",
        ),
    }
}

fn check_all(
    c: &Constraints,
    ty: &TypeRef,
    in_each: bool,
    field: &Field,
    ns: &Namespace<'_>,
    d: &mut Diagnostics,
) {
    let kind = ns.kind(ty);
    if matches!(kind, Kind::Missing) {
        return;
    }
    let cx = CheckCx {
        ty,
        kind,
        subject: if in_each {
            format!("the elements of `{}` have", field.name.value)
        } else {
            format!("`{}` has", field.name.value)
        },
        string_array: matches!(ty, TypeRef::Array(inner) if **inner == TypeRef::String),
    };
    for constraint in &c.list {
        constraint.check(&cx, d);
    }
}

/// The `when:` conditions of a field's constraints (its own and its elements').
pub(crate) fn conditions(field: &Field) -> Vec<&Condition> {
    std::iter::once(&field.constraints)
        .chain(field.each.iter())
        .flat_map(|c| c.list.iter())
        .filter_map(ConstraintSyntax::when)
        .collect()
}

/// `min = N, max = N, min_code = C, max_code = C` (or `code = C` when both ends share it).
fn bound_args<T>(b: &Bounds<T>, lit: impl Fn(&T) -> TokenStream) -> Vec<TokenStream> {
    let mut args = Vec::new();
    if let Some(min) = &b.min {
        let v = lit(min);
        args.push(quote!(min = #v));
    }
    if let Some(max) = &b.max {
        let v = lit(max);
        args.push(quote!(max = #v));
    }
    match (b.min_code, b.max_code) {
        (Some(a), Some(z)) if a == z && b.min.is_some() && b.max.is_some() => {
            let a = code_lit(a);
            args.push(quote!(code = #a))
        }
        (a, z) => {
            if let Some(a) = a.map(code_lit) {
                args.push(quote!(min_code = #a));
            }
            if let Some(z) = z.map(code_lit) {
                args.push(quote!(max_code = #z));
            }
        }
    }
    args
}

/// A platform code as an unsuffixed literal (`268485204`, `-1`).
pub(crate) fn code_lit(c: i64) -> proc_macro2::Literal {
    proc_macro2::Literal::i64_unsuffixed(c)
}

fn usize_lit(v: &u64) -> TokenStream {
    let v = proc_macro2::Literal::u64_unsuffixed(*v);
    quote!(#v)
}

fn opt(v: Option<TokenStream>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn opt_code(c: Option<i64>) -> TokenStream {
    opt(c.map(|c| {
        let c = code_lit(c);
        quote!(#c)
    }))
}

/// Calls `check(value, min, max, code, path, out)` once per distinct code of the two ends.
fn bounded_call(
    b: &Bounds<u64>,
    check: TokenStream,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let min = opt(b.min.as_ref().map(usize_lit));
    let max = opt(b.max.as_ref().map(usize_lit));
    if b.min_code == b.max_code || b.min.is_none() || b.max.is_none() {
        let code = opt_code(b.min_code.or(b.max_code));
        return quote!(#check(#value, #min, #max, #code, #path, out););
    }
    let none = quote!(None);
    let (lo, hi) = (opt_code(b.min_code), opt_code(b.max_code));
    quote! {
        #check(#value, #min, #none, #lo, #path, out);
        #check(#value, #none, #max, #hi, #path, out);
    }
}

fn bounds_text<T: std::fmt::Display>(b: &Bounds<T>, unit: &str) -> String {
    match (&b.min, &b.max) {
        (Some(a), Some(z)) if a.to_string() == z.to_string() => format!("exactly {a} {unit}"),
        (Some(a), Some(z)) => format!("{a} to {z} {unit}"),
        (Some(a), None) => format!("at least {a} {unit}"),
        (None, Some(z)) => format!("at most {z} {unit}"),
        (None, None) => format!("any number of {unit}"),
    }
}

/// A bounded constraint as written (`bytes`, `chars`, `items`, `range`), with the codes of
/// each end resolved: an end's own code, else the constraint's `code`.
fn lower_bounds<T: Copy>(b: &crate::model::Bounds<T>) -> Bounds<T> {
    Bounds {
        min: b.min.as_ref().map(|m| m.value),
        max: b.max.as_ref().map(|m| m.value),
        min_code: b
            .min
            .as_ref()
            .and(b.min_code.as_ref().or(b.code.as_ref()))
            .map(|c| c.value),
        max_code: b
            .max
            .as_ref()
            .and(b.max_code.as_ref().or(b.code.as_ref()))
            .map(|c| c.value),
    }
}

impl<T> ConstraintParts for crate::model::Bounds<T> {
    fn loc(&self) -> &Loc {
        &self.loc
    }
    fn when(&self) -> Option<&Condition> {
        self.when.as_ref()
    }
    fn codes(&self) -> Vec<&At<i64>> {
        self.code
            .iter()
            .chain(&self.min_code)
            .chain(&self.max_code)
            .collect()
    }
}

/// `min` not greater than `max` for a length.
fn check_order(b: &crate::model::Bounds<u64>, d: &mut Diagnostics) {
    if let (Some(min), Some(max)) = (&b.min, &b.max)
        && min.value > max.value
    {
        d.error(
            &min.loc,
            format!("min {} is greater than max {}", min.value, max.value),
        );
    }
}

/// A `code` that no end would report (both ends have their own) is a mistake.
fn check_code_used<T>(name: &str, b: &crate::model::Bounds<T>, d: &mut Diagnostics) {
    if let Some(code) = &b.code
        && (b.min.is_none() || b.min_code.is_some())
        && (b.max.is_none() || b.max_code.is_some())
        && (b.min.is_some() || b.max.is_some())
    {
        d.error_help(
            &code.loc,
            format!("`code` of `{name}` is never reported: every bound has its own code"),
            "remove `code`, or the end-specific code that it should replace",
        );
    }
}

/// Reads a length bound pair (`bytes`, `chars`, `items`).
fn read_length(node: &Node, key: &str, d: &mut Diagnostics) -> Option<crate::model::Bounds<u64>> {
    crate::load::types::length_bounds(node, key, d)
}
