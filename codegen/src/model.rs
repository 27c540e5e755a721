//! The spec model: what the YAML files say, with the source location of every value.
//!
//! The loader (`load`) fills these types and reports syntax problems; the checker
//! (`check`) resolves names and reports semantic problems; the emitters read them.

use std::fmt;
use std::path::PathBuf;

/// Where a value was written: file, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    /// The spec file, as given to the loader (relative to the spec root where possible).
    pub file: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A value together with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Loc,
}

impl<T> At<T> {
    /// Pairs a value with its location.
    pub fn new(value: T, loc: Loc) -> Self {
        At { value, loc }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Every spec under the spec root.
#[derive(Clone, Debug, Default)]
pub struct SpecSet {
    /// One entry per `spec/<platform>/`, sorted by platform id.
    pub platforms: Vec<Platform>,
}

/// A platform: its `platform.yaml` and all its groups.
#[derive(Clone, Debug)]
pub struct Platform {
    /// `platform.id`.
    pub id: At<String>,
    /// `platform.title`.
    pub title: At<String>,
    /// `platform.crate`, e.g. `mpapi-wechat`.
    pub crate_name: At<String>,
    /// `platform.base_url`.
    pub base_url: At<String>,
    /// `platform.auth`.
    pub auth: Auth,
    /// `platform.envelope`.
    pub envelope: At<Envelope>,
    /// Platform-wide error codes.
    pub errors: Vec<ErrorCode>,
    /// Types and enums shared by every group (`spec/<platform>/types.yaml`).
    pub shared: Option<SpecFile>,
    /// Groups, sorted by name.
    pub groups: Vec<Group>,
    /// Location of `platform.yaml`.
    pub loc: Loc,
}

/// How the access token is passed.
#[derive(Clone, Debug)]
pub struct Auth {
    /// Name of the URL query parameter carrying the token.
    pub query: At<String>,
    /// The doc's description of the credential.
    pub description: Option<At<String>>,
}

/// The response envelope shape of a platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Envelope {
    /// `{ "errcode": 0, "errmsg": "ok", ... }` (WeChat).
    Errcode,
    /// `{ "errno": 0, "msg": "...", "data": ... }` (Baidu).
    Errno,
}

/// A group of endpoints sharing a namespace: `spec/<platform>/<group>/`.
#[derive(Clone, Debug)]
pub struct Group {
    /// Directory name, e.g. `user_order`.
    pub name: String,
    /// Every file of the group (shared `types.yaml` first, then endpoints sorted by name).
    pub files: Vec<SpecFile>,
}

/// One YAML file of a group: either `types.yaml` or an endpoint.
#[derive(Clone, Debug)]
pub struct SpecFile {
    /// Path of the file.
    pub path: PathBuf,
    /// The endpoint, absent for `types.yaml`.
    pub endpoint: Option<Endpoint>,
    /// Object types declared here.
    pub types: Vec<TypeDef>,
    /// Enums declared here.
    pub enums: Vec<EnumDef>,
    /// The endpoint's error-code table.
    pub errors: Vec<ErrorCode>,
    /// Cleaned examples.
    pub examples: Vec<Example>,
    /// Conflicts in the doc and the reading chosen.
    pub conflicts: Vec<Conflict>,
}

/// HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
}

/// The `endpoint:` block.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// `platform.group.name`.
    pub id: At<String>,
    /// The doc's interface name, e.g. `uploadShoppingInfo`.
    pub interface: At<String>,
    /// The first doc file transcribed (the file of `sources[0]`; kept for messages).
    pub doc: At<String>,
    /// Every doc source the endpoint is transcribed from (`doc:`), in the order written.
    pub sources: Vec<DocSource>,
    /// Where the `doc:` key was written (what `cargo xtask docs accept` rewrites).
    pub doc_key: Option<Loc>,
    /// One-line title.
    pub title: At<String>,
    /// The doc's functional description.
    pub description: Option<At<String>>,
    /// The doc's notes, one per entry.
    pub notes: Vec<At<String>>,
    /// HTTP method.
    pub method: At<Method>,
    /// URL path, starting with `/`.
    pub path: At<String>,
    /// Base URL override.
    pub base_url: Option<At<String>>,
    /// Where `auth: none` was written: the endpoint takes no access token (it is how a
    /// token is obtained). `None` for an endpoint that takes the platform's token.
    pub no_token: Option<Loc>,
    /// Query parameters other than the token.
    pub query: Vec<QueryParam>,
    /// Rules between the typed query parameters (`query_rules:`); the loader moves them
    /// into the query type, so this is empty after loading.
    pub query_rules: Vec<Rule>,
    /// Name of the object type the loader builds from the typed query parameters and
    /// `query_rules` (`<Name>Query`), added to the file's types; `None` without typed ones.
    pub query_type: Option<String>,
    /// Request body type name.
    pub request: At<String>,
    /// Success response body type name.
    pub response: Option<At<String>>,
    /// Whether a repeat of the same request is harmless, and why.
    pub idempotent: Option<At<Idempotent>>,
    /// How a list endpoint pages.
    pub pagination: Option<PaginationSpec>,
    /// Location of the `endpoint:` key.
    pub loc: Loc,
}

/// One source an endpoint is transcribed from: an entry of `doc:`.
///
/// The old form `doc: FILE` gives a source with only `file`; the drift check then reports
/// it as not recorded.
#[derive(Clone, Debug)]
pub struct DocSource {
    /// The file under the docs folder.
    pub file: At<String>,
    /// The section heading (`## HEADING`) in a file that holds several endpoints.
    pub section: Option<At<String>>,
    /// The official page the capture was taken from.
    pub url: Option<At<String>>,
    /// SHA-256 (lowercase hex) of the section's whitespace-normalised text, as last reviewed.
    pub sha256: Option<At<String>>,
    /// Where the entry was written.
    pub loc: Loc,
}

/// The `idempotent:` trait of an endpoint.
#[derive(Clone, Debug)]
pub struct Idempotent {
    /// Whether a repeat of the same request is harmless.
    pub idempotent: bool,
    /// Why, from the doc.
    pub reason: String,
}

/// The `pagination:` description of a list endpoint.
#[derive(Clone, Debug)]
pub struct PaginationSpec {
    /// Request field carrying the cursor.
    pub cursor: At<String>,
    /// Response field carrying the next cursor (default: `cursor`).
    pub next_cursor: Option<At<String>>,
    /// Response field saying whether more pages exist.
    pub has_more: At<String>,
    /// Response field holding the items.
    pub items: At<String>,
    /// Location of the `pagination:` key.
    pub loc: Loc,
}

/// A URL query parameter.
#[derive(Clone, Debug)]
pub enum QueryParam {
    /// Always sent with this value.
    Fixed {
        /// Parameter name.
        name: At<String>,
        /// Its value.
        value: At<String>,
    },
    /// Supplied by the caller; described like a body field.
    Typed(Box<Field>),
}

/// An object type.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// PascalCase Rust name.
    pub name: At<String>,
    /// Rustdoc.
    pub description: Option<At<String>>,
    /// Fields in doc order.
    pub fields: Vec<Field>,
    /// Rules between fields.
    pub rules: Vec<Rule>,
    /// Location of the type's entry.
    pub loc: Loc,
}

/// A field's type as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    /// `string`.
    String,
    /// `bool`.
    Bool,
    /// `int8` .. `int64`, `uint8` .. `uint64`.
    Int {
        /// Signed or not.
        signed: bool,
        /// 8, 16, 32 or 64.
        bits: u8,
    },
    /// `number` (f64).
    Number,
    /// `json`: any JSON value.
    Json,
    /// `int64_or_string`: an integer sent as a JSON number or as a string of digits.
    IntOrString,
    /// `array<T>`.
    Array(Box<TypeRef>),
    /// A type or enum of the group, by name.
    Named(String),
}

/// A field of an object type (or a typed query parameter).
#[derive(Clone, Debug)]
pub struct Field {
    /// Wire name.
    pub name: At<String>,
    /// Rust name override.
    pub rust: Option<At<String>>,
    /// Other spellings accepted on input.
    pub aliases: Vec<At<String>>,
    /// The type.
    pub ty: At<TypeRef>,
    /// Whether the field must be present.
    pub required: bool,
    /// Platform code reported when a required field is missing.
    pub missing_code: Option<At<i64>>,
    /// The doc's description.
    pub description: Option<At<String>>,
    /// The doc's example value.
    pub example: Option<At<serde_json::Value>>,
    /// The doc's stated default (documentation only).
    pub default: Option<At<serde_json::Value>>,
    /// Whether the value is a credential (`secret: true`): `Debug` shows `***`.
    pub secret: bool,
    /// Constraints on the value itself.
    pub constraints: Constraints,
    /// Constraints on every element (arrays of scalars).
    pub each: Option<Constraints>,
    /// Location of the field's entry.
    pub loc: Loc,
}

/// A min/max bound with optional platform codes: one per end, and one for either end.
#[derive(Clone, Debug)]
pub struct Bounds<T> {
    /// Inclusive minimum.
    pub min: Option<At<T>>,
    /// Inclusive maximum.
    pub max: Option<At<T>>,
    /// Platform error code for a failure at an end without a code of its own.
    pub code: Option<At<i64>>,
    /// Platform error code for a value below `min` (overrides `code` there).
    pub min_code: Option<At<i64>>,
    /// Platform error code for a value above `max` (overrides `code` there).
    pub max_code: Option<At<i64>>,
    /// The constraint holds only when this condition does.
    pub when: Option<Condition>,
    /// Location of the constraint.
    pub loc: Loc,
}

/// A numeric bound: integer or decimal, as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    /// Written as an integer.
    Int(i128),
    /// Written with a fraction.
    Float(f64),
}

/// A regular-expression constraint.
#[derive(Clone, Debug)]
pub struct PatternRule {
    /// The regex.
    pub regex: At<String>,
    /// Platform error code.
    pub code: Option<At<i64>>,
    /// The constraint holds only when this condition does.
    pub when: Option<Condition>,
    /// Location of the constraint.
    pub loc: Loc,
}

/// A named format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatName {
    /// RFC 3339 date-time.
    DateTime,
    /// An http(s) URL as the docs' link rule describes it.
    Url,
}

/// A format constraint.
#[derive(Clone, Debug)]
pub struct FormatRule {
    /// Which format.
    pub name: At<FormatName>,
    /// Platform error code.
    pub code: Option<At<i64>>,
    /// The constraint holds only when this condition does.
    pub when: Option<Condition>,
    /// Location of the constraint.
    pub loc: Loc,
}

/// The constraints of one value, one per kind written (see [`crate::constraints`]).
pub use crate::constraints::{ConstraintSyntax, Constraints};

/// A field path inside a type: `a.b`, `a[].b`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    /// The steps, in order.
    pub steps: Vec<PathStep>,
}

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    /// Wire name of the field.
    pub field: String,
    /// `true` for `field[]`: every element of the array.
    pub each: bool,
}

/// A rule's `when:` condition.
#[derive(Clone, Debug)]
pub struct Condition {
    /// The field tested.
    pub field: At<FieldPath>,
    /// Wire values (enum names, integers or strings) that make the condition true.
    pub one_of: Vec<At<serde_json::Value>>,
}

/// A rule between fields.
#[derive(Clone, Debug)]
pub struct Rule {
    /// What the rule says.
    pub kind: RuleKind,
    /// Platform error code.
    pub code: Option<At<i64>>,
    /// The doc's words for the rule.
    pub description: Option<At<String>>,
    /// Location of the rule's entry.
    pub loc: Loc,
}

/// The kinds of rule, each with its own keys as written (one module per kind in
/// [`crate::rules`]).
pub use crate::rules::RuleSyntax as RuleKind;

/// An enum.
#[derive(Clone, Debug)]
pub struct EnumDef {
    /// PascalCase Rust name.
    pub name: At<String>,
    /// Rustdoc.
    pub description: Option<At<String>>,
    /// Wire form.
    pub wire: At<WireKind>,
    /// Platform code for an unknown value.
    pub invalid_code: Option<At<i64>>,
    /// Variants in doc order.
    pub variants: Vec<Variant>,
    /// Location of the enum's entry.
    pub loc: Loc,
}

/// How an enum is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireKind {
    /// By name.
    String,
    /// By code.
    Integer,
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Wire name.
    pub name: At<String>,
    /// Rust name override.
    pub rust: Option<At<String>>,
    /// Numeric code.
    pub code: At<i64>,
    /// The doc's description.
    pub description: Option<At<String>>,
    /// Location of the variant's entry.
    pub loc: Loc,
}

/// A row of an error-code table.
#[derive(Clone, Debug)]
pub struct ErrorCode {
    /// Which table the row is from: `request` (default) or e.g. `order` for per-item tables.
    pub scope: Option<At<String>>,
    /// The code.
    pub code: At<i64>,
    /// The doc's message.
    pub message: At<String>,
    /// The doc's fix.
    pub fix: Option<At<String>>,
    /// Location of the row.
    pub loc: Loc,
}

/// A cleaned doc example.
#[derive(Clone, Debug)]
pub struct Example {
    /// Identifier-like name.
    pub name: At<String>,
    /// What the example shows.
    pub description: Option<At<String>>,
    /// Every change made to the doc's text.
    pub cleaned: Vec<At<String>>,
    /// The request body.
    pub request: Option<At<serde_json::Value>>,
    /// The response body.
    pub response: Option<At<serde_json::Value>>,
    /// Location of the example's entry.
    pub loc: Loc,
}

/// A contradiction in the doc, with the reading chosen.
#[derive(Clone, Debug)]
pub struct Conflict {
    /// What it is about: a type, `Type.field` or enum name.
    pub at: At<String>,
    /// What the doc says, in each place.
    pub doc: At<String>,
    /// The reading chosen, and why.
    pub reading: At<String>,
    /// Location of the entry.
    pub loc: Loc,
}
