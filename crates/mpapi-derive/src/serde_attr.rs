//! The few `#[serde(...)]` settings that decide a field's JSON member; every other serde
//! setting is skipped (serde itself reports its own mistakes).

use proc_macro2::Span;
use syn::{Attribute, LitStr};

use crate::args::{self, span_of};

/// What `#[serde(...)]` says about a field's member.
#[derive(Default)]
pub(crate) struct SerdeField {
    /// `rename = "..."`, or the `deserialize` name of `rename(...)`.
    pub(crate) rename: Option<LitStr>,
    /// Every `alias = "..."`.
    pub(crate) aliases: Vec<LitStr>,
    /// `default` or `default = "path"`: a missing member is fine.
    pub(crate) default: bool,
    /// `skip` or `skip_deserializing`: the member is never read.
    pub(crate) skip: bool,
    /// `flatten`: the field's members sit in the enclosing object.
    pub(crate) flatten: Option<Span>,
}

/// What `#[serde(...)]` on the struct says.
#[derive(Default)]
pub(crate) struct SerdeContainer {
    /// `default`: every missing member takes its default.
    pub(crate) default: bool,
    /// `rename_all = ...`, which the derive does not model (wire names must be explicit).
    pub(crate) rename_all: Option<Span>,
}

/// Reads the field's serde attributes.
pub(crate) fn field(attrs: &[Attribute]) -> SerdeField {
    let mut out = SerdeField::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        // A malformed serde attribute is serde's to report; read what parses.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if meta.input.peek(syn::Token![=]) {
                    out.rename = Some(meta.value()?.parse()?);
                } else {
                    meta.parse_nested_meta(|inner| {
                        if inner.path.is_ident("deserialize") {
                            out.rename = Some(inner.value()?.parse()?);
                            Ok(())
                        } else {
                            args::skip_rest(&inner)
                        }
                    })?;
                }
                Ok(())
            } else if meta.path.is_ident("alias") {
                out.aliases.push(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("default") {
                out.default = true;
                args::skip_rest(&meta)
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
                out.skip = true;
                Ok(())
            } else if meta.path.is_ident("flatten") {
                out.flatten = Some(span_of(&meta.path));
                Ok(())
            } else {
                args::skip_rest(&meta)
            }
        });
    }
    out
}

/// Reads the struct's serde attributes.
pub(crate) fn container(attrs: &[Attribute]) -> SerdeContainer {
    let mut out = SerdeContainer::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                out.default = true;
            } else if meta.path.is_ident("rename_all") {
                out.rename_all = Some(span_of(&meta.path));
            }
            args::skip_rest(&meta)
        });
    }
    out
}
