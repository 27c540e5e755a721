use std::fmt;

use serde::Serialize;

use crate::{Check, Path};

/// One broken constraint or rule, found while validating a payload.
///
/// Serialized as a JSON object with exactly the keys `path`, `rule`, `message` and
/// `code` (an integer or `null`), which is also what `mpapi validate` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// JSON path of the offending value in wire names, e.g. `order_list[0].item_list[1].name`;
    /// the empty string for the document root.
    pub path: String,
    /// The kind of constraint or rule that failed, e.g. `bytes`, `required`, `required_if`;
    /// serialized as that name.
    pub rule: Check,
    /// What was expected and what was found, in plain words.
    pub message: String,
    /// The platform's error code for this failure, where the doc maps one.
    pub code: Option<i64>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        };
        write!(f, "{path}: {} [{}]", self.message, self.rule)?;
        if let Some(code) = self.code {
            write!(f, " (platform error {code})")?;
        }
        Ok(())
    }
}

/// Every violation found in one validation pass, in the order they were found.
///
/// Empty collections do not allocate, so validating a valid payload costs no allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Violations {
    list: Vec<Violation>,
}

impl Violations {
    /// An empty collection.
    pub const fn new() -> Self {
        Violations { list: Vec::new() }
    }

    /// Records a violation at `path`. The message is built only here, on failure.
    ///
    /// ```
    /// use mpapi_runtime::{ConstraintKind, Path, Violations};
    /// let mut out = Violations::new();
    /// out.push(&Path::Root.field("id"), ConstraintKind::Bytes, Some(7), "too long");
    /// let json = serde_json::to_value(&out).unwrap();
    /// assert_eq!(
    ///     json,
    ///     serde_json::json!([{"path": "id", "rule": "bytes", "message": "too long", "code": 7}])
    /// );
    /// ```
    pub fn push(
        &mut self,
        path: &Path<'_>,
        rule: impl Into<Check>,
        code: Option<i64>,
        message: impl fmt::Display,
    ) {
        self.list.push(Violation {
            path: path.to_string(),
            rule: rule.into(),
            message: message.to_string(),
            code,
        });
    }

    /// Records a violation at member `name` of the object at `parent`, for a member name
    /// that is not one of the type's own (`&'static`) wire names: an unknown member.
    ///
    /// ```
    /// use mpapi_runtime::{ConstraintKind, Path, Violations};
    /// let mut out = Violations::new();
    /// let root = Path::Root;
    /// let list = root.field("item_list");
    /// let key = String::from("nmae");
    /// out.push_member(&list.index(0), &key, ConstraintKind::UnknownMember, None, "unknown");
    /// assert_eq!(out.as_slice()[0].path, "item_list[0].nmae");
    /// ```
    pub fn push_member(
        &mut self,
        parent: &Path<'_>,
        name: &str,
        rule: impl Into<Check>,
        code: Option<i64>,
        message: impl fmt::Display,
    ) {
        let path = if parent.is_root() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        };
        self.list.push(Violation {
            path,
            rule: rule.into(),
            message: message.to_string(),
            code,
        });
    }

    /// Records a violation at the path of `fields` below `base`, which is rendered only
    /// here, on failure.
    ///
    /// ```
    /// use mpapi_runtime::{Path, RuleKind, Violations};
    /// let mut out = Violations::new();
    /// let root = Path::Root;
    /// let list = root.field("item_list");
    /// out.push_at(&list.index(2), &["price", "amount"], RuleKind::Sum, None, "wrong");
    /// assert_eq!(out.as_slice()[0].path, "item_list[2].price.amount");
    /// ```
    pub fn push_at(
        &mut self,
        base: &Path<'_>,
        fields: &[&'static str],
        rule: impl Into<Check>,
        code: Option<i64>,
        message: impl fmt::Display,
    ) {
        base.with_fields(fields, |path| self.push(path, rule, code, message));
    }

    /// Whether no violation was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many violations were recorded.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The recorded violations.
    pub fn as_slice(&self) -> &[Violation] {
        &self.list
    }

    /// Iterates over the recorded violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.list.iter()
    }

    /// `Ok(())` when empty, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Consumes the collection, returning the violations.
    pub fn into_vec(self) -> Vec<Violation> {
        self.list
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.list.extend(iter);
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.list.len();
        write!(f, "{n} violation{}", if n == 1 { "" } else { "s" })?;
        for v in &self.list {
            write!(f, "\n  {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}
