//! Diagnostics: spec problems reported like a compiler, every one with `file:line:column`.
//!
//! The loader and the checker push [`Diagnostic`]s into a [`Diagnostics`] list and carry
//! on; nothing stops at the first problem. The list prints one line per problem, sorted by
//! location:
//!
//! ```
//! use mpapi_codegen::diag::{Diagnostic, Diagnostics};
//! use mpapi_codegen::model::Loc;
//!
//! let loc = Loc { file: "spec/a.yaml".into(), line: 3, column: 5 };
//! let mut all = Diagnostics::default();
//! all.push(Diagnostic::new(loc, "unknown key `reqired`").with_help("did you mean `required`?"));
//! assert_eq!(
//!     all.to_string(),
//!     "spec/a.yaml:3:5: error: unknown key `reqired`\n  help: did you mean `required`?\n"
//! );
//! ```

use std::fmt;

use crate::model::Loc;

/// One problem in a spec file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem was found.
    pub loc: Loc,
    /// What was found, and what was expected.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// `true` for a problem that does not stop generation.
    pub warning: bool,
}

impl Diagnostic {
    /// A diagnostic without help.
    pub fn new(loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            loc,
            message: message.into(),
            help: None,
            warning: false,
        }
    }

    /// Marks the problem as a warning: reported, but generation goes on.
    #[must_use]
    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = if self.warning { "warning" } else { "error" };
        writeln!(f, "{}: {severity}: {}", self.loc, self.message)?;
        if let Some(help) = &self.help {
            writeln!(f, "  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The problems; [`Diagnostics::sort`] orders them by location.
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Records a problem without help.
    pub fn error(&mut self, loc: &Loc, message: impl Into<String>) {
        self.push(Diagnostic::new(loc.clone(), message));
    }

    /// Records a problem with a help line.
    pub fn error_help(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.push(Diagnostic::new(loc.clone(), message).with_help(help));
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Number of problems recorded.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Sorts by location (then message) and drops exact duplicates.
    pub fn sort(&mut self) {
        self.list.sort();
        self.list.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Sort a copy so that Display is ordered even when the caller did not sort.
        let mut sorted: Vec<&Diagnostic> = self.list.iter().collect();
        sorted.sort();
        for d in sorted {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
