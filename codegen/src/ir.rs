//! The checked model that the emitters read.
//!
//! [`check`](crate::check::check) builds an [`Ir`] from a loaded [`SpecSet`](crate::model::SpecSet)
//! only when the specs have no problem at all. Every name is resolved here: a field's type is
//! a [`Ty`] with [`TypeId`]/[`EnumId`] indices, a rule's paths are [`FieldPath`]s whose steps
//! know whether they are optional or lists, condition values are resolved enum variants, and
//! every platform code a check reports is a plain number that the checker has found in an
//! error table. The emitters never look a name up again, so they cannot fail on a spec.

use serde_json::Value;

pub use crate::model::{Envelope, Loc, Method};
use crate::rules::RuleIr;

/// Every platform, in spec order.
///
/// Only [`check`](crate::check::check) builds one, and the platforms are only lent out
/// ([`Ir::platforms`]): a [`Platform`] can be neither built nor cloned outside this crate,
/// so everything the emitters are given has been checked.
#[derive(Debug, Default)]
pub struct Ir {
    /// One per `spec/<platform>/`, sorted by id.
    pub(crate) platforms: Vec<Platform>,
    /// Problems that do not stop generation (e.g. a `doc:` file missing from the docs folder).
    pub warnings: Vec<crate::diag::Diagnostic>,
}

/// Index of an object type in [`Platform::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Index of an enum in [`Platform::enums`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnumId(pub usize);

/// Where a type or enum is declared, which decides its Rust module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// `spec/<platform>/types.yaml`: the platform's `types` module, shared by every group.
    Platform,
    /// A group, by index in [`Platform::groups`].
    Group(usize),
}

impl Ir {
    /// The checked platforms, sorted by id.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }
}

/// A platform: its settings, every type and enum, and its groups.
#[derive(Debug)]
#[non_exhaustive]
pub struct Platform {
    /// `platform.id`, e.g. `wechat`.
    pub id: String,
    /// Human name, e.g. `WeChat`.
    pub title: String,
    /// The generated crate, e.g. `mpapi-wechat`.
    pub crate_name: String,
    /// Default base URL of every endpoint.
    pub base_url: String,
    /// The URL parameter that carries the access token.
    pub token_param: String,
    /// The response envelope.
    pub envelope: Envelope,
    /// Platform-wide error codes.
    pub errors: Vec<ErrorRow>,
    /// Every object type of the platform (shared and per group).
    pub types: Vec<Type>,
    /// Every enum of the platform (shared and per group).
    pub enums: Vec<Enum>,
    /// Types and enums shared by the groups (`spec/<platform>/types.yaml`), in spec order.
    pub shared: Module,
    /// Groups, sorted by name.
    pub groups: Vec<Group>,
}

/// The declarations of one Rust module, in spec order.
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Object types.
    pub types: Vec<TypeId>,
    /// Enums.
    pub enums: Vec<EnumId>,
}

/// A group of endpoints: one Rust module.
#[derive(Clone, Debug)]
pub struct Group {
    /// Directory name, e.g. `user_order`.
    pub name: String,
    /// The group's own types and enums.
    pub module: Module,
    /// Shared platform types and enums the group refers to (re-exported by its module).
    pub uses: Module,
    /// Endpoints, sorted by file name.
    pub endpoints: Vec<Endpoint>,
}

/// An object type.
#[derive(Clone, Debug)]
pub struct Type {
    /// PascalCase Rust name.
    pub name: String,
    /// Where it is declared.
    pub owner: Owner,
    /// The doc's description.
    pub description: Option<String>,
    /// Conflicts recorded about the type itself.
    pub conflicts: Vec<Conflict>,
    /// Fields in doc order.
    pub fields: Vec<Field>,
    /// Rules between fields, and constraints that hold only under a condition.
    pub rules: Vec<RuleIr>,
    /// Set when this is an endpoint's typed query parameters.
    pub is_query: bool,
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `string`.
    String,
    /// `bool`.
    Bool,
    /// Sized integers.
    Int {
        /// Signed or not.
        signed: bool,
        /// 8, 16, 32 or 64.
        bits: u8,
    },
    /// `number` (f64).
    Number,
    /// Any JSON value.
    Json,
    /// An integer sent as a number or a string of digits.
    IntOrString,
    /// A list.
    Array(Box<Ty>),
    /// An object type.
    Object(TypeId),
    /// An enum.
    Enum(EnumId),
}

impl Ty {
    /// The element type of a list, or the type itself.
    pub fn scalar(&self) -> &Ty {
        match self {
            Ty::Array(inner) => inner.scalar(),
            other => other,
        }
    }
}

/// A field of an object type.
#[derive(Clone, Debug)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Rust identifier.
    pub rust: String,
    /// Other spellings accepted on input.
    pub aliases: Vec<String>,
    /// The type.
    pub ty: Ty,
    /// Whether the field must be present.
    pub required: bool,
    /// Platform code reported when a required field is missing.
    pub missing_code: Option<i64>,
    /// The doc's description.
    pub description: Option<String>,
    /// The doc's example value.
    pub example: Option<Value>,
    /// The doc's stated default.
    pub default: Option<Value>,
    /// Whether the value is a credential: the type's `Debug` shows `***` for it.
    pub secret: bool,
    /// Unconditional constraints on the value.
    pub constraints: Vec<crate::constraints::ConstraintIr>,
    /// Unconditional constraints on every element (lists of scalars).
    pub each: Vec<crate::constraints::ConstraintIr>,
    /// Conflicts recorded about this field.
    pub conflicts: Vec<Conflict>,
}

/// A field path, relative to the type that carries the rule, with every step resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPath {
    /// The steps, in order; never empty.
    pub steps: Vec<Step>,
}

/// One resolved step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Wire name of the field.
    pub wire: String,
    /// Rust identifier of the field.
    pub rust: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The path iterates over this list (`field[]`).
    pub each: bool,
    /// The field's type (for `each` steps, the list type).
    pub ty: Ty,
}

impl FieldPath {
    /// The path as written in the spec: `a.b`, `a[].b`.
    pub fn text(&self) -> String {
        self.steps
            .iter()
            .map(|s| {
                if s.each {
                    format!("{}[]", s.wire)
                } else {
                    s.wire.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    /// The last step.
    pub fn last(&self) -> &Step {
        // A path is built from at least one step by the checker.
        match self.steps.last() {
            Some(s) => s,
            None => crate::internal_error("an empty field path reached the emitter"),
        }
    }

    /// Whether some step iterates over a list.
    pub fn has_each(&self) -> bool {
        self.steps.iter().any(|s| s.each)
    }
}

/// A `when:` condition: the field at `path` has one of `values`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The field tested (no `[]` steps).
    pub path: FieldPath,
    /// The values that make the condition true, resolved against the field's type.
    pub values: Vec<Lit>,
}

/// A value written in a spec, resolved against the type it is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// A variant of an enum, by index in its variant list.
    Variant {
        /// The enum.
        en: EnumId,
        /// Index in [`Enum::variants`].
        index: usize,
    },
    /// A string.
    Str(String),
    /// An integer.
    Int(i128),
    /// A boolean.
    Bool(bool),
}

/// An enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// PascalCase Rust name.
    pub name: String,
    /// Where it is declared.
    pub owner: Owner,
    /// The doc's description.
    pub description: Option<String>,
    /// Sent as the name or as the code.
    pub wire: crate::model::WireKind,
    /// Platform code for an unknown value.
    pub invalid_code: Option<i64>,
    /// Variants in doc order.
    pub variants: Vec<Variant>,
    /// Conflicts recorded about the enum.
    pub conflicts: Vec<Conflict>,
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Wire name.
    pub wire: String,
    /// Rust identifier.
    pub rust: String,
    /// Numeric code.
    pub code: i64,
    /// The doc's description.
    pub description: Option<String>,
}

/// A row of an error table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    /// The code.
    pub code: i64,
    /// The doc's message.
    pub message: String,
    /// The doc's fix (empty when the doc gives none).
    pub fix: String,
}

/// A doc source of an endpoint, as recorded in its spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSource {
    /// The file under the docs folder.
    pub file: String,
    /// The section heading, in a file that holds several endpoints.
    pub section: Option<String>,
    /// The official page.
    pub url: Option<String>,
    /// SHA-256 of the section's whitespace-normalised text, as last reviewed.
    pub sha256: Option<String>,
}

/// A doc contradiction with the reading chosen.
#[derive(Clone, Debug)]
pub struct Conflict {
    /// What the doc says.
    pub doc: String,
    /// The reading chosen.
    pub reading: String,
}

/// A cleaned doc example.
#[derive(Clone, Debug)]
pub struct Example {
    /// Identifier-like name.
    pub name: String,
    /// The request body.
    pub request: Option<Value>,
    /// The response body.
    pub response: Option<Value>,
}

/// Whether a repeat of the same request is harmless.
#[derive(Clone, Debug)]
pub struct Idempotence {
    /// `true` when a repeat is harmless.
    pub idempotent: bool,
    /// Why, in the doc's terms.
    pub reason: String,
}

/// How a list endpoint pages.
#[derive(Clone, Debug)]
pub struct Pagination {
    /// The request field that carries the cursor.
    pub cursor: String,
    /// The response field that carries the next cursor (defaults to `cursor`).
    pub next_cursor: String,
    /// The response field that says whether more pages exist.
    pub has_more: String,
    /// The response field that holds the items.
    pub items: String,
}

/// An endpoint.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// `platform.group.name`.
    pub id: String,
    /// The last part of the id.
    pub name: String,
    /// The doc's interface name.
    pub interface: String,
    /// The first doc file transcribed.
    pub doc: String,
    /// Every doc source, in the order written (`doc:`).
    pub sources: Vec<DocSource>,
    /// One-line title.
    pub title: String,
    /// Functional description.
    pub description: Option<String>,
    /// Notes, one per entry.
    pub notes: Vec<String>,
    /// HTTP method.
    pub method: Method,
    /// Base URL (the endpoint's own or the platform's).
    pub base_url: String,
    /// URL path.
    pub path: String,
    /// Fixed query parameters.
    pub fixed_query: Vec<(String, String)>,
    /// Whether the endpoint takes the platform's access token (`false` for `auth: none`).
    pub needs_token: bool,
    /// The object type of the typed query parameters.
    pub query: Option<TypeId>,
    /// Request body type.
    pub request: TypeId,
    /// Success response type.
    pub response: Option<TypeId>,
    /// The endpoint's own request-level error rows, in doc order.
    pub errors: Vec<ErrorRow>,
    /// Per-item error tables, by scope, in spec order.
    pub scoped_errors: Vec<(String, Vec<ErrorRow>)>,
    /// Cleaned examples.
    pub examples: Vec<Example>,
    /// Whether a repeat is harmless.
    pub idempotence: Option<Idempotence>,
    /// How the endpoint pages, for list endpoints.
    pub pagination: Option<Pagination>,
}

impl Platform {
    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &Type {
        match self.types.get(id.0) {
            Some(t) => t,
            None => crate::internal_error("a type id does not belong to its platform"),
        }
    }

    /// The enum with this id.
    pub fn en(&self, id: EnumId) -> &Enum {
        match self.enums.get(id.0) {
            Some(e) => e,
            None => crate::internal_error("an enum id does not belong to its platform"),
        }
    }
}
