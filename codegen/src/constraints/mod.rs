//! Constraint kinds: one module per kind, each owning what the generator does with it.
//!
//! A constraint on a field becomes a `#[validate(...)]` attribute that `mpapi-derive`
//! expands (see [`ConstraintIr::attr`]); a constraint that holds only under a `when:`
//! condition becomes a direct call to the runtime's check in the type's `check_rules`
//! (see [`ConstraintIr::call`]). Each kind also writes its rustdoc line
//! ([`ConstraintIr::describe`]). The registry of kinds, shared with the runtime, the
//! derive and the case files, is `mpapi_runtime::ConstraintKind`.

mod bytes;
mod chars;
mod format;
mod items;
mod pattern;
mod range;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Ty;
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

/// A checked constraint.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintIr {
    /// Length in UTF-8 bytes.
    Bytes(Bounds<u64>),
    /// Length in characters.
    Chars(Bounds<u64>),
    /// Number of list elements.
    Items(Bounds<u64>),
    /// Numeric range.
    Range(Bounds<Num>),
    /// Regular expression.
    Pattern {
        /// The regex (Rust `regex` syntax).
        regex: String,
        /// Platform code.
        code: Option<i64>,
    },
    /// A named format.
    Format {
        /// Which format.
        name: FormatName,
        /// Platform code.
        code: Option<i64>,
    },
}

impl ConstraintIr {
    /// The argument of `#[validate(...)]` for a field of type `ty`.
    pub fn attr(&self, ty: &Ty) -> TokenStream {
        match self {
            ConstraintIr::Bytes(b) => bytes::attr(b),
            ConstraintIr::Chars(b) => chars::attr(b),
            ConstraintIr::Items(b) => items::attr(b),
            ConstraintIr::Range(b) => range::attr(b, ty),
            ConstraintIr::Pattern { regex, code } => pattern::attr(regex, *code),
            ConstraintIr::Format { name, code } => format::attr(*name, *code),
        }
    }

    /// Statements checking `value` (an `Option<&T>` expression) at `path` (a `&Path`
    /// expression), for a constraint that holds only under a condition.
    pub fn call(&self, value: &TokenStream, path: &TokenStream, ty: &Ty) -> TokenStream {
        match self {
            ConstraintIr::Bytes(b) => bytes::call(b, value, path),
            ConstraintIr::Chars(b) => chars::call(b, value, path),
            ConstraintIr::Items(b) => items::call(b, value, path),
            ConstraintIr::Range(b) => range::call(b, value, path, ty),
            ConstraintIr::Pattern { regex, code } => pattern::call(regex, *code, value, path),
            ConstraintIr::Format { name, code } => format::call(*name, *code, value, path),
        }
    }

    /// One line for rustdoc, e.g. "1 to 64 bytes".
    pub fn describe(&self) -> String {
        match self {
            ConstraintIr::Bytes(b) => bounds_text(b, "bytes"),
            ConstraintIr::Chars(b) => bounds_text(b, "characters"),
            ConstraintIr::Items(b) => bounds_text(b, "elements"),
            ConstraintIr::Range(b) => range::describe(b),
            ConstraintIr::Pattern { regex, .. } => format!("matches `{regex}`"),
            ConstraintIr::Format { name, .. } => format::describe(*name),
        }
    }
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
        let c = proc_macro2::Literal::i64_unsuffixed(c);
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
