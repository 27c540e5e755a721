//! Rule kinds: one module per kind, each owning how a checked rule is lowered from the
//! spec model ([`RuleIr`]), the code it generates (one call to the runtime combinator in
//! `mpapi_runtime::rules`), and its rustdoc line.
//!
//! The loader reads a rule's keys into [`crate::model::RuleKind`]; the checker reports
//! every problem and then lowers each rule through `lower`, which resolves its paths and
//! values; `RuleIr::emit` and [`RuleIr::describe`] never fail. The registry of kinds shared
//! with the runtime, the CLI and the case files is `mpapi_runtime::RuleKind`.

mod all_or_none;
mod allowed_values;
mod conditional;
mod custom;
mod emit;
mod equal;
mod length_equals;
mod one_of_required;
mod required_if;
mod sum;
mod unique_by;

use proc_macro2::TokenStream;

use crate::check::lower::LowerCx;
use crate::ir::Platform;
use crate::model::{Rule, RuleKind, TypeDef};
pub(crate) use emit::Cx;

pub use all_or_none::AllOrNone;
pub use allowed_values::AllowedValues;
pub use conditional::Conditional;
pub use custom::Custom;
pub use equal::Equal;
pub use length_equals::LengthEquals;
pub use one_of_required::OneOfRequired;
pub use required_if::RequiredIf;
pub use sum::Sum;
pub use unique_by::UniqueBy;

/// A checked rule of an object type, with its platform code and the doc's words.
#[derive(Clone, Debug)]
pub struct RuleIr {
    /// What the rule says, resolved.
    pub kind: RuleIrKind,
    /// The platform code reported on failure (found in an error table by the checker).
    pub code: Option<i64>,
    /// The doc's words for the rule.
    pub description: Option<String>,
}

/// The checked kinds of rule.
#[derive(Clone, Debug)]
pub enum RuleIrKind {
    /// See [`RequiredIf`].
    RequiredIf(RequiredIf),
    /// See [`OneOfRequired`].
    OneOfRequired(OneOfRequired),
    /// See [`AllOrNone`].
    AllOrNone(AllOrNone),
    /// See [`UniqueBy`].
    UniqueBy(UniqueBy),
    /// See [`Equal`].
    Equal(Equal),
    /// See [`LengthEquals`].
    LengthEquals(LengthEquals),
    /// See [`AllowedValues`].
    AllowedValues(AllowedValues),
    /// See [`Sum`].
    Sum(Sum),
    /// See [`Custom`].
    Custom(Custom),
    /// A field constraint that holds only under a `when:` condition.
    Conditional(Conditional),
}

/// Lowers a rule of `ty` that the checker found sound; `None` (with a diagnostic recorded in
/// `cx`) if something does not resolve.
pub(crate) fn lower(rule: &Rule, ty: &TypeDef, cx: &mut LowerCx<'_>) -> Option<RuleIr> {
    let code = rule.code.as_ref().map(|c| c.value);
    let kind = match &rule.kind {
        RuleKind::RequiredIf { field, when } => {
            RuleIrKind::RequiredIf(required_if::lower(field, when, ty, &rule.loc, cx)?)
        }
        RuleKind::OneOfRequired { fields, when } => {
            RuleIrKind::OneOfRequired(one_of_required::lower(fields, when.as_ref(), ty, cx)?)
        }
        RuleKind::AllOrNone { field } => RuleIrKind::AllOrNone(all_or_none::lower(field, ty, cx)?),
        RuleKind::UniqueBy { list, key } => {
            RuleIrKind::UniqueBy(unique_by::lower(list, key, ty, cx)?)
        }
        RuleKind::Equal { field, to, when } => {
            RuleIrKind::Equal(equal::lower(field, to, when.as_ref(), ty, cx)?)
        }
        RuleKind::LengthEquals { field, list } => {
            RuleIrKind::LengthEquals(length_equals::lower(field, list, ty, cx)?)
        }
        RuleKind::AllowedValues {
            field,
            depends_on,
            table,
        } => RuleIrKind::AllowedValues(allowed_values::lower(field, depends_on, table, ty, cx)?),
        RuleKind::Sum { total, terms } => RuleIrKind::Sum(sum::lower(total, terms, ty, cx)?),
        RuleKind::Custom { function } => RuleIrKind::Custom(custom::lower(function, cx)?),
    };
    Some(RuleIr {
        kind,
        code,
        description: rule.description.as_ref().map(|d| d.value.clone()),
    })
}

impl RuleIr {
    /// The statements that check this rule inside `check_rules(&self, path, out)`.
    pub(crate) fn emit(&self, cx: &mut Cx<'_>) -> TokenStream {
        let code = emit::opt_code(self.code);
        match &self.kind {
            RuleIrKind::RequiredIf(r) => r.emit(&code, cx),
            RuleIrKind::OneOfRequired(r) => r.emit(&code, cx),
            RuleIrKind::AllOrNone(r) => r.emit(&code, cx),
            RuleIrKind::UniqueBy(r) => r.emit(&code, cx),
            RuleIrKind::Equal(r) => r.emit(&code, cx),
            RuleIrKind::LengthEquals(r) => r.emit(&code, cx),
            RuleIrKind::AllowedValues(r) => r.emit(&code, cx),
            RuleIrKind::Sum(r) => r.emit(&code, cx),
            RuleIrKind::Custom(r) => r.emit(),
            RuleIrKind::Conditional(r) => r.emit(cx),
        }
    }

    /// One line for the type's rustdoc: what the rule says, its code and the doc's words.
    pub fn describe(&self, platform: &Platform) -> String {
        let mut s = match &self.kind {
            RuleIrKind::RequiredIf(r) => r.describe(platform),
            RuleIrKind::OneOfRequired(r) => r.describe(platform),
            RuleIrKind::AllOrNone(r) => r.describe(),
            RuleIrKind::UniqueBy(r) => r.describe(),
            RuleIrKind::Equal(r) => r.describe(platform),
            RuleIrKind::LengthEquals(r) => r.describe(),
            RuleIrKind::AllowedValues(r) => r.describe(),
            RuleIrKind::Sum(r) => r.describe(),
            RuleIrKind::Custom(r) => r.describe(),
            RuleIrKind::Conditional(r) => r.describe(platform),
        };
        if let Some(c) = self.code {
            s.push_str(&format!(" (platform error {c})"));
        }
        if let Some(d) = &self.description {
            s.push_str(&format!(": {}", d.trim().replace('\n', " ")));
        }
        s
    }
}
