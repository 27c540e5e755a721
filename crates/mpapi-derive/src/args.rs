//! The syntax shared by every attribute key: `key`, `key = VALUE` or `key(k = v, flag, ...)`.
//!
//! This layer only reads tokens; what a key means is decided by the constraint modules.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Ident, LitFloat, LitInt, LitStr, Token};

use crate::diag::{Diagnostics, did_you_mean};

/// A numeric literal, possibly negative: `5`, `-1`, `4294967295_u64`, `0.5`.
#[derive(Clone)]
pub(crate) struct Number {
    pub(crate) minus: Option<Token![-]>,
    pub(crate) lit: NumberLit,
}

/// The literal part of a [`Number`].
#[derive(Clone)]
pub(crate) enum NumberLit {
    Int(LitInt),
    Float(LitFloat),
}

impl Number {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let minus: Option<Token![-]> = input.parse()?;
        let lookahead = input.lookahead1();
        let lit = if lookahead.peek(LitInt) {
            NumberLit::Int(input.parse()?)
        } else if lookahead.peek(LitFloat) {
            NumberLit::Float(input.parse()?)
        } else {
            return Err(lookahead.error());
        };
        Ok(Number { minus, lit })
    }

    /// The span of the whole number, sign included.
    pub(crate) fn span(&self) -> Span {
        let end = match &self.lit {
            NumberLit::Int(l) => l.span(),
            NumberLit::Float(l) => l.span(),
        };
        match &self.minus {
            Some(m) => m.span.join(end).unwrap_or(end),
            None => end,
        }
    }

    /// The value if this is an integer literal that fits in `i128`.
    pub(crate) fn as_i128(&self) -> Option<i128> {
        let NumberLit::Int(lit) = &self.lit else {
            return None;
        };
        let magnitude = lit.base10_parse::<u128>().ok()?;
        let magnitude = i128::try_from(magnitude).ok()?;
        Some(if self.minus.is_some() {
            -magnitude
        } else {
            magnitude
        })
    }

    /// The value as a float, for comparing bounds of any kind.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        let digits = match &self.lit {
            NumberLit::Int(l) => l.base10_digits(),
            NumberLit::Float(l) => l.base10_digits(),
        };
        let v: f64 = digits.parse().ok()?;
        Some(if self.minus.is_some() { -v } else { v })
    }

    /// Whether the literal is written as a float (`1.5`, `2e3`, `1f64`).
    pub(crate) fn is_float(&self) -> bool {
        match &self.lit {
            NumberLit::Float(_) => true,
            NumberLit::Int(l) => matches!(l.suffix(), "f32" | "f64"),
        }
    }

    /// The literal's type suffix (`u64` in `5_u64`), empty when there is none.
    pub(crate) fn suffix(&self) -> &str {
        match &self.lit {
            NumberLit::Int(l) => l.suffix(),
            NumberLit::Float(l) => l.suffix(),
        }
    }

    /// The number as written, or, with `as_float`, an unsuffixed integer rewritten as a
    /// float literal so that it infers `f32`/`f64`.
    pub(crate) fn tokens(&self, as_float: bool) -> TokenStream {
        let minus = &self.minus;
        match &self.lit {
            NumberLit::Int(l) if as_float && l.suffix().is_empty() => {
                let f = LitFloat::new(&format!("{}.0", l.base10_digits()), l.span());
                quote!(#minus #f)
            }
            NumberLit::Int(l) => quote!(#minus #l),
            NumberLit::Float(l) => quote!(#minus #l),
        }
    }
}

/// The value after `=`.
#[derive(Clone)]
pub(crate) enum Value {
    Number(Number),
    Str(LitStr),
    Path(syn::Path),
}

impl Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            Ok(Value::Str(input.parse()?))
        } else if input.peek(Token![-]) || input.peek(LitInt) || input.peek(LitFloat) {
            Ok(Value::Number(Number::parse(input)?))
        } else if input.peek(Ident) || input.peek(Token![::]) || input.peek(Token![Self]) {
            Ok(Value::Path(input.parse()?))
        } else {
            Err(input.error("expected a literal or a path"))
        }
    }

    fn span(&self) -> Span {
        match self {
            Value::Number(n) => n.span(),
            Value::Str(s) => s.span(),
            Value::Path(p) => span_of(p),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Path(_) => "a path",
        }
    }
}

/// One `key` or `key = value` inside a parenthesized list.
pub(crate) struct Arg {
    pub(crate) key: Ident,
    pub(crate) value: Option<Value>,
}

/// The span of any tokens (first token to last, where the compiler can join them).
pub(crate) fn span_of(tokens: &impl ToTokens) -> Span {
    let mut iter = tokens.to_token_stream().into_iter();
    let Some(first) = iter.next() else {
        return Span::call_site();
    };
    let start = first.span();
    match iter.last() {
        Some(last) => start.join(last.span()).unwrap_or(start),
        None => start,
    }
}

/// The key of a nested meta item as a plain identifier.
pub(crate) fn key_ident(meta: &ParseNestedMeta) -> syn::Result<Ident> {
    meta.path
        .get_ident()
        .cloned()
        .ok_or_else(|| syn::Error::new(span_of(&meta.path), "expected a single identifier"))
}

/// Skips whatever follows a key that was already reported as unknown, up to the next
/// top-level comma, so the rest of the attribute is still read.
pub(crate) fn skip_rest(meta: &ParseNestedMeta) -> syn::Result<()> {
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

/// Consumes `()` after the current key; `true` if it was there. (syn's nested-meta parser
/// rejects an empty list with a generic message; callers report a specific one instead.)
pub(crate) fn skip_empty_parens(meta: &ParseNestedMeta) -> syn::Result<bool> {
    let empty = meta
        .input
        .cursor()
        .group(proc_macro2::Delimiter::Parenthesis)
        .is_some_and(|(inside, _, _)| inside.eof());
    if empty {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(empty)
}

/// Whether `list` names anything besides `code`: then a missing required argument was
/// most likely misspelt or mistyped, which is reported on its own.
pub(crate) fn attempts_more_than_code(list: &[Arg]) -> bool {
    list.iter().any(|a| a.key != "code")
}

/// Reads `= VALUE` after the current key.
pub(crate) fn value(meta: &ParseNestedMeta) -> syn::Result<Value> {
    Value::parse(meta.value()?)
}

/// Reads the `(k = v, flag, ...)` list after the current key; an absent list is empty.
pub(crate) fn list(meta: &ParseNestedMeta) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    if !meta.input.peek(syn::token::Paren) {
        if meta.input.peek(Token![=]) {
            return Err(meta.error("expected `(...)`, not `= ...`"));
        }
        return Ok(args);
    }
    if skip_empty_parens(meta)? {
        return Ok(args);
    }
    meta.parse_nested_meta(|inner| {
        let key = key_ident(&inner)?;
        let value = if inner.input.peek(Token![=]) {
            Some(value(&inner)?)
        } else if inner.input.peek(syn::token::Paren) {
            return Err(inner.error(format!("`{key}` takes a value (`{key} = ...`), not a list")));
        } else {
            None
        };
        args.push(Arg { key, value });
        Ok(())
    })?;
    Ok(args)
}

/// Typed access to the arguments of one key, reporting unknown, repeated and mistyped
/// arguments into the diagnostics.
pub(crate) struct ArgReader<'d> {
    owner: String,
    args: Vec<Arg>,
    diag: &'d mut Diagnostics,
}

impl<'d> ArgReader<'d> {
    /// Checks `args` of `owner` against `allowed` and keeps the known ones.
    pub(crate) fn new(
        owner: &Ident,
        args: Vec<Arg>,
        allowed: &[&str],
        diag: &'d mut Diagnostics,
    ) -> Self {
        let mut kept: Vec<Arg> = Vec::new();
        for arg in args {
            let name = arg.key.to_string();
            if !allowed.contains(&name.as_str()) {
                diag.error(
                    arg.key.span(),
                    format!(
                        "unknown key `{name}` in `{owner}(...)`; expected one of {}{}",
                        allowed.join(", "),
                        did_you_mean(&name, allowed)
                    ),
                );
            } else if kept.iter().any(|k| k.key == arg.key) {
                diag.error(
                    arg.key.span(),
                    format!("`{name}` is given twice in `{owner}(...)`"),
                );
            } else {
                kept.push(arg);
            }
        }
        ArgReader {
            owner: owner.to_string(),
            args: kept,
            diag,
        }
    }

    /// The diagnostics this reader reports into.
    pub(crate) fn diag(&mut self) -> &mut Diagnostics {
        self.diag
    }

    fn take(&mut self, key: &str) -> Option<Arg> {
        let i = self.args.iter().position(|a| a.key == key)?;
        Some(self.args.remove(i))
    }

    fn mistyped(&mut self, arg: &Arg, want: &str) {
        let found = arg.value.as_ref().map_or("no value", Value::kind);
        let span = arg.value.as_ref().map_or(arg.key.span(), Value::span);
        self.diag.error(
            span,
            format!(
                "`{}` in `{}(...)` expects {want}, found {found}",
                arg.key, self.owner
            ),
        );
    }

    /// A `key = NUMBER` argument.
    pub(crate) fn number(&mut self, key: &str) -> Option<Number> {
        let arg = self.take(key)?;
        match &arg.value {
            Some(Value::Number(n)) => Some(n.clone()),
            _ => {
                self.mistyped(&arg, "a number");
                None
            }
        }
    }

    /// A `key = "..."` argument.
    pub(crate) fn string(&mut self, key: &str) -> Option<LitStr> {
        let arg = self.take(key)?;
        match &arg.value {
            Some(Value::Str(s)) => Some(s.clone()),
            _ => {
                self.mistyped(&arg, "a string literal");
                None
            }
        }
    }

    /// A bare `key` flag; its span when present.
    pub(crate) fn flag(&mut self, key: &str) -> Option<Span> {
        let arg = self.take(key)?;
        match &arg.value {
            None => Some(arg.key.span()),
            Some(v) => {
                let span = v.span();
                self.diag.error(
                    span,
                    format!(
                        "`{}` in `{}(...)` is a flag and takes no value",
                        arg.key, self.owner
                    ),
                );
                Some(arg.key.span())
            }
        }
    }

    /// A non-negative integer `key = N` (a length bound).
    pub(crate) fn length(&mut self, key: &str) -> Option<Bound> {
        let n = self.number(key)?;
        match n.as_i128().and_then(|v| u64::try_from(v).ok()) {
            Some(v) if n.suffix().is_empty() || n.suffix() == "usize" => Some(Bound {
                value: v,
                span: n.span(),
            }),
            _ => {
                self.diag.error(
                    n.span(),
                    format!(
                        "`{key}` in `{}(...)` must be a non-negative integer length",
                        self.owner
                    ),
                );
                None
            }
        }
    }

    /// The optional `code = INT` platform error code every key takes.
    pub(crate) fn code(&mut self) -> Option<i64> {
        self.code_at("code").map(|c| c.value)
    }

    /// An optional platform error code under `key` (`code`, `min_code`, `max_code`).
    pub(crate) fn code_at(&mut self, key: &str) -> Option<Code> {
        let n = self.number(key)?;
        match n.as_i128().and_then(|v| i64::try_from(v).ok()) {
            Some(value) => Some(Code {
                value,
                span: n.span(),
            }),
            None => {
                self.diag.error(
                    n.span(),
                    format!(
                        "`{key}` in `{}(...)` must be an integer that fits in i64",
                        self.owner
                    ),
                );
                None
            }
        }
    }
}

/// A platform error code with where it was written.
#[derive(Clone, Copy)]
pub(crate) struct Code {
    pub(crate) value: i64,
    pub(crate) span: Span,
}

/// A length bound with where it was written.
#[derive(Clone, Copy)]
pub(crate) struct Bound {
    pub(crate) value: u64,
    pub(crate) span: Span,
}

/// `::std::option::Option::Some(CODE)` or `None`.
pub(crate) fn opt_code(code: Option<i64>) -> TokenStream {
    match code {
        Some(c) => {
            // Written as `-` and a magnitude so that `i64::MIN` is accepted too.
            let abs = proc_macro2::Literal::u64_unsuffixed(c.unsigned_abs());
            if c < 0 {
                quote!(::std::option::Option::Some(-#abs))
            } else {
                quote!(::std::option::Option::Some(#abs))
            }
        }
        None => quote!(::std::option::Option::None),
    }
}
