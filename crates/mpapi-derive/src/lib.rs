//! Derive macros for the bindings `mpapi` generates: [`macro@Validate`] and
//! [`macro@Construct`] for structs, [`macro@WireEnum`] for enums and [`macro@ErrorCode`] for
//! error-code types.
//!
//! Both read their own attributes (`#[validate(...)]`, `#[wire(...)]`) and reject anything
//! they do not understand with a compile error pointing at it, so a misspelt constraint is
//! never silently ignored. All errors of one input are reported together.
//!
//! The expansions refer to `::mpapi_runtime` only (serde and serde_json through its
//! re-exports), so a crate using the derives needs `mpapi-runtime` and, for the struct
//! derive's companion `#[derive(Serialize, Deserialize)]`, `serde`.
//!
//! Internally each derive is split into parse (attributes to a model), check (does the
//! model make sense for the types) and emit; each constraint kind lives in its own module
//! under `constraint`.

mod args;
mod constraint;
mod construct;
mod diag;
mod error_code;
mod serde_attr;
mod ty;
mod validate;
mod wire_enum;

use proc_macro::TokenStream;

/// Implements `mpapi_runtime::Validate` and `mpapi_runtime::JsonShape` for a struct with
/// named fields.
///
/// `Validate` runs, per field in declaration order, the field's constraints and then the
/// field type's own `Validate` (so nested structs, lists and enums are checked too), and
/// finally the struct-level `rules` function. Every violation is recorded at its JSON path
/// in wire names; nothing is allocated while the value is valid.
///
/// `JsonShape` checks raw JSON before deserializing: the value must be an object; a
/// non-`Option` member without `#[serde(default)]` must be present and not `null`
/// (reported as `required` with the field's code); every present member is checked with
/// its type's `JsonShape`. Unknown members are ignored.
///
/// `JsonShape::check_deep` validates a raw object as far as its structure allows. A
/// structurally sound object is deserialized and validated whole, `rules` included, exactly
/// as `Validate` does. A broken one is checked member by member, in field order: a missing
/// required member is reported as above; a sound member is deserialized on its own and gets
/// the field's constraints (the same checks `Validate` runs on the field) and its own
/// `Validate`; a broken member is checked deeply in turn. The struct's `rules` function
/// needs the whole struct, so rules between fields are evaluated only on objects whose own
/// subtree is structurally sound. A `#[serde(default)]` member that is missing is skipped
/// on this path (its default is not known without serde). Violations inside a member found
/// under an alias are reported under the alias, as the shape check does.
///
/// It also implements `mpapi_runtime::ReadChecked` (and `mpapi_runtime::read::ReadMembers`):
/// a one-pass reader of the struct's raw JSON object from any serde `Deserializer`, which
/// records every structural violation at its path and carries on. Each member is looked up
/// by a `match` over the wire names and aliases; a member given twice (or under two of its
/// names) is a `duplicate_member` violation; a member the struct does not declare is an
/// `unknown_member` violation when reading strictly (with a did-you-mean for a near miss),
/// else skipped. When every member could be typed the struct is returned whole; otherwise
/// the members that could are checked with their constraints and their own `Validate`
/// (the same checks as above), a missing required member is reported, and `None` is
/// returned. `#[validate(lenient)]` on the struct makes lenient reading its
/// `ReadChecked::DEFAULT_STRICTNESS` (what the generated response types use). A struct with
/// a `#[serde(flatten)]` field or a container `#[serde(default)]` is read through a
/// `serde_json::Value` and `check_deep` instead, always leniently.
///
/// The struct must also implement serde's `Deserialize` (`JsonShape` requires
/// `DeserializeOwned + Validate`).
///
/// Wire names come from `#[serde(rename = "...")]` (else the field name without `r#`),
/// and `#[serde(alias = "...")]` names are accepted too. Other serde settings are left to
/// serde, except `rename_all`, which is rejected: wire names must be spelled out.
///
/// # Attributes
///
/// On the struct: `#[validate(rules = PATH)]` with `PATH: fn(&Self, &Path<'_>, &mut Violations)`,
/// and `#[validate(lenient)]` to read documents of the type leniently by default.
///
/// On fields, inside `#[validate(...)]` (any number of keys and attributes); every key
/// takes an optional `code = INT`, the platform error code reported on failure:
///
/// | key | applies to | checks |
/// |---|---|---|
/// | `required`, `required(code = INT)` | non-`Option` fields | code for a missing member |
/// | `bytes(min = N, max = N)` | strings | length in UTF-8 bytes |
/// | `chars(min = N, max = N)` | strings | length in characters |
/// | `items(min = N, max = N)` | `Vec` / `Option<Vec>` | number of elements |
/// | `range(min = LIT, max = LIT)` | numbers | inclusive range |
/// | `pattern(regex = "...")` | strings | regex match (checked at compile time) |
/// | `format(date_time)` | strings | RFC 3339 date-time |
/// | `each(...)` | `Vec` / `Option<Vec>` | the scalar keys above, on every element |
///
/// `min`/`max` are optional but at least one is needed. `bytes`, `chars`, `items` and
/// `range` also take `min_code = INT` and `max_code = INT`, the code reported when that
/// end fails (`min_code` needs `min`, `max_code` needs `max`); `code` then applies to an
/// end without its own code. Either way a value gets at most one violation per key.
///
/// ```
/// use mpapi_runtime::{Path, Validate, Violations};
///
/// #[derive(serde::Serialize, serde::Deserialize, mpapi_derive::Validate)]
/// #[validate(rules = Self::check_rules)]
/// struct Item {
///     #[serde(rename = "type")]
///     #[validate(required(code = 1001), chars(min = 1, max = 8))]
///     kind: String,
///     #[validate(items(max = 2), each(bytes(min = 1, max = 3, min_code = 1003, code = 1002)))]
///     tags: Vec<String>,
/// }
///
/// impl Item {
///     fn check_rules(&self, path: &Path<'_>, out: &mut Violations) {
///         if self.kind == "x" && self.tags.is_empty() {
///             out.push(&path.field("tags"), mpapi_runtime::RuleKind::Custom, None, "needed for type x");
///         }
///     }
/// }
///
/// let item = Item { kind: "x".into(), tags: vec!["ok".into(), "long".into(), "".into()] };
/// let errs = item.validate().unwrap_err();
/// let paths: Vec<_> = errs.iter().map(|v| (v.path.as_str(), v.rule.as_str(), v.code)).collect();
/// assert_eq!(
///     paths,
///     [("tags", "items", None), ("tags[1]", "bytes", Some(1002)), ("tags[2]", "bytes", Some(1003))]
/// );
/// ```
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    diag::into_tokens(validate::derive(&input)).into()
}

/// Maps an enum to the platform's wire names and numeric codes, keeping values the spec
/// does not list in a dedicated variant instead of failing.
///
/// On the enum: `#[wire(string)]` (sent as the name; numeric codes accepted on input when
/// reading leniently) or `#[wire(integer)]` (sent as the code; known names and strings of
/// digits accepted on input when reading leniently), and optionally
/// `invalid_code = INT`, the platform code reported when validation meets an unknown value.
/// On every known variant (unit variants only): `#[wire(name = "...", code = INT)]`. On
/// exactly one variant: `#[wire(unknown)]`, holding `::mpapi_runtime::UnknownValue`.
///
/// Generates the inherent `ALL`, `as_str`, `code` and `is_known`, and implements
/// `mpapi_runtime::WireEnum`, `FromStr` (known names, and for integer enums strings of
/// known codes; anything else is an error), `Display`, serde's `Serialize` and
/// `Deserialize`, `mpapi_runtime::Validate` (an unknown value is an `enum` violation),
/// `mpapi_runtime::JsonShape` and `mpapi_runtime::ReadChecked` (which, reading strictly,
/// reports a value in the other wire form as an `enum` violation naming the form to send).
/// serde's `Deserialize` accepts both forms, as lenient reading does.
///
/// Reading a value normalises it: a known name or code always becomes its variant (see
/// `mpapi_runtime::WireEnum`), so only a value outside the spec is ever held by the
/// unknown variant, and it is written back in the JSON form it came in. `as_str` gives a
/// known variant's wire name or an unknown value's text.
///
/// ```
/// use mpapi_runtime::Validate;
///
/// #[derive(Clone, Debug, PartialEq, mpapi_derive::WireEnum)]
/// #[wire(string, invalid_code = 9)]
/// enum LinkType {
///     /// A mini-program page.
///     #[wire(name = "MINI_PROGRAM", code = 1)]
///     MiniProgram,
///     /// Anything else, as received.
///     #[wire(unknown)]
///     Unknown(mpapi_runtime::UnknownValue),
/// }
///
/// assert_eq!(LinkType::ALL, &[LinkType::MiniProgram]);
/// assert_eq!(LinkType::MiniProgram.as_str(), "MINI_PROGRAM");
/// assert_eq!(LinkType::MiniProgram.code(), Some(1));
/// let parsed: LinkType = serde_json::from_str("1").unwrap();
/// assert_eq!(parsed, LinkType::MiniProgram);
/// let other: LinkType = serde_json::from_str("\"NEW\"").unwrap();
/// assert_eq!(serde_json::to_string(&other).unwrap(), "\"NEW\"");
/// assert_eq!(other.validate().unwrap_err().as_slice()[0].code, Some(9));
/// ```
#[proc_macro_derive(WireEnum, attributes(wire))]
pub fn derive_wire_enum(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    diag::into_tokens(wire_enum::derive(&input)).into()
}

/// Generates `new` over a struct's required (non-`Option`) fields, in declaration order, and
/// a chained `with_<field>` setter per `Option` field, each documented with the field's wire
/// name. `String` values are taken as `impl Into<String>`.
///
/// ```
/// #[derive(Debug, PartialEq, serde::Serialize, mpapi_derive::Construct)]
/// struct Link {
///     #[serde(rename = "type")]
///     kind: String,
///     appid: Option<String>,
///     port: Option<u16>,
/// }
///
/// let link = Link::new("MINI_PROGRAM").with_appid("wx1").with_port(8080);
/// assert_eq!(link, Link { kind: "MINI_PROGRAM".into(), appid: Some("wx1".into()), port: Some(8080) });
/// ```
#[proc_macro_derive(Construct)]
pub fn derive_construct(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    diag::into_tokens(construct::derive(&input)).into()
}

/// The methods of an endpoint's error-code type `struct Name(pub i64)`, read from a static
/// table of `mpapi_runtime::ErrorCodeInfo` rows: `from_code`, `code`, `info`, `is_known`,
/// `message`, `fix` and `Display`.
///
/// `#[error_code(table = PATH)]` names the endpoint's rows; `platform = PATH` adds the
/// platform-wide rows, consulted after the endpoint's own.
///
/// ```
/// use mpapi_runtime::ErrorCodeInfo;
///
/// static ROWS: [ErrorCodeInfo; 1] = [ErrorCodeInfo { code: 7, message: "bad id", fix: "Send a valid id." }];
///
/// #[derive(Clone, Copy, Debug, PartialEq, mpapi_derive::ErrorCode)]
/// #[error_code(table = ROWS)]
/// struct DemoErrorCode(pub i64);
///
/// assert_eq!(DemoErrorCode::from_code(7).fix(), Some("Send a valid id."));
/// assert!(!DemoErrorCode(8).is_known());
/// ```
#[proc_macro_derive(ErrorCode, attributes(error_code))]
pub fn derive_error_code(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    diag::into_tokens(error_code::derive(&input)).into()
}
