//! Rule kinds: one module per kind, each owning everything the generator does with it:
//! its syntax (`Syntax`, `KEYS`, `read`), its checks against the type that carries it
//! (`check`), its checked form (`lower` into the kind's IR type), the code it generates (one
//! call to the runtime combinator in `mpapi_runtime::rules`) and its rustdoc line.
//!
//! The list of kinds is the runtime's (`mpapi_runtime::for_each_rule_kind!`): the registry
//! below is made from it, so the runtime's `RuleKind`, its combinators and these modules
//! always agree. Emitting and describing a checked rule never fail.

mod conditional;
mod emit;

use proc_macro2::TokenStream;

use crate::check::lower::LowerCx;
use crate::check::rules::RuleCx;
use crate::diag::Diagnostics;
use crate::ir::Platform;
use crate::load::reader::Entries;
use crate::model::{Loc, Rule, TypeDef};
pub use conditional::Conditional;
pub(crate) use emit::Cx;

/// Makes the generator's side of every rule kind from the runtime's registry
/// (`mpapi_runtime::for_each_rule_kind!`): the kind modules, the syntax and checked enums,
/// and the dispatch of reading, checking, lowering, emitting and describing. Each kind
/// module `<kind>.rs` provides `Syntax`, `KEYS`, `read`, `check`, `lower` and the checked
/// type named like the kind, with `emit` and `describe`.
macro_rules! rule_registry {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        $(pub mod $module;)*

        /// A rule's kind-specific keys, as written in a spec.
        #[derive(Clone, Debug)]
        pub enum RuleSyntax {
            $(#[doc = $doc] $variant($module::Syntax),)*
        }

        /// The checked kinds of rule.
        #[derive(Clone, Debug)]
        pub enum RuleIrKind {
            $(#[doc = $doc] $variant($module::$variant),)*
            /// A field constraint that holds only under a `when:` condition.
            Conditional(Conditional),
        }

        /// Every rule kind's spec name and the keys it takes besides `kind`, `code` and
        /// `description`.
        pub(crate) const KINDS: &[(&str, &[&str])] = &[$((stringify!($module), $module::KEYS),)*];

        /// Reads the keys of a rule of kind `kind` (one of [`KINDS`]).
        pub(crate) fn read(kind: &str, e: &Entries<'_>, d: &mut Diagnostics) -> Option<RuleSyntax> {
            $(
                if kind == stringify!($module) {
                    return $module::read(e, d).map(RuleSyntax::$variant);
                }
            )*
            None
        }

        /// Checks a rule's paths and values against the type that carries it.
        pub(crate) fn check(rule: &RuleSyntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
            match rule {
                $(RuleSyntax::$variant(s) => $module::check(s, cx, d),)*
            }
        }

        fn lower_kind(rule: &RuleSyntax, ty: &TypeDef, loc: &Loc, cx: &mut LowerCx<'_>) -> Option<RuleIrKind> {
            match rule {
                $(RuleSyntax::$variant(s) => $module::lower(s, ty, loc, cx).map(RuleIrKind::$variant),)*
            }
        }

        impl RuleIr {
            /// The statements that check this rule inside `check_rules(&self, path, out)`.
            pub(crate) fn emit(&self, cx: &mut Cx<'_>) -> TokenStream {
                let code = emit::opt_code(self.code);
                match &self.kind {
                    $(RuleIrKind::$variant(r) => r.emit(&code, cx),)*
                    RuleIrKind::Conditional(r) => r.emit(cx),
                }
            }

            fn describe_kind(&self, platform: &Platform) -> String {
                match &self.kind {
                    $(RuleIrKind::$variant(r) => r.describe(platform),)*
                    RuleIrKind::Conditional(r) => r.describe(platform),
                }
            }
        }
    };
}

mpapi_runtime::for_each_rule_kind!(rule_registry);

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

/// Lowers a rule of `ty` that the checker found sound; `None` (with a diagnostic recorded in
/// `cx`) if something does not resolve.
pub(crate) fn lower(rule: &Rule, ty: &TypeDef, cx: &mut LowerCx<'_>) -> Option<RuleIr> {
    Some(RuleIr {
        kind: lower_kind(&rule.kind, ty, &rule.loc, cx)?,
        code: rule.code.as_ref().map(|c| c.value),
        description: rule.description.as_ref().map(|d| d.value.clone()),
    })
}

impl RuleIr {
    /// One line for the type's rustdoc: what the rule says, its code and the doc's words.
    pub fn describe(&self, platform: &Platform) -> String {
        let mut s = self.describe_kind(platform);
        if let Some(c) = self.code {
            s.push_str(&format!(" (platform error {c})"));
        }
        if let Some(d) = &self.description {
            s.push_str(&format!(": {}", d.trim().replace('\n', " ")));
        }
        s
    }
}
