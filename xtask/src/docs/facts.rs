//! The facts of a structured doc section, as recorded in a lock file, and the field-level
//! difference between two sets of facts.

use serde::{Deserialize, Serialize};

/// An inclusive bound pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    /// Minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "_".into());
        write!(f, "[{}, {}]", end(self.min), end(self.max))
    }
}

/// Everything a structured section states as data: no prose.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Fields in doc order.
    pub fields: Vec<FieldFact>,
    /// Enum values per field.
    #[serde(default)]
    pub enums: Vec<EnumFact>,
    /// The error table.
    #[serde(default)]
    pub errors: Vec<ErrorFact>,
}

/// One field row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldFact {
    /// `query.x`, `body.a.b`, `response.a.b`.
    pub path: String,
    /// The type cell.
    #[serde(rename = "type")]
    pub ty: String,
    /// The 必填 cell (absent in response tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// UTF-8 byte length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Bound>,
    /// Character length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chars: Option<Bound>,
    /// Number of list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Bound>,
    /// Value range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Bound>,
}

/// The values of one enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumFact {
    /// The field the values belong to.
    pub path: String,
    /// The values in doc order.
    pub values: Vec<EnumValue>,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The value as written (`1`, `bind`).
    pub value: String,
    /// Its name or label.
    pub name: String,
}

/// One error-table row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorFact {
    /// The code.
    pub code: i64,
    /// The message (错误描述).
    pub message: String,
}

/// What changed between the recorded facts and the current capture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A field row was added.
    FieldAdded,
    /// A field row was removed.
    FieldRemoved,
    /// The type cell changed.
    TypeChanged,
    /// The 必填 cell changed.
    RequiredChanged,
    /// A byte, character, item or range limit changed.
    LimitChanged,
    /// An enum value was added.
    EnumValueAdded,
    /// An enum value was removed.
    EnumValueRemoved,
    /// An enum value kept its value and changed its name.
    EnumValueRenamed,
    /// An error code was added.
    ErrorAdded,
    /// An error code was removed.
    ErrorRemoved,
    /// An error code's message changed.
    ErrorMessageChanged,
}

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind.
    pub kind: ChangeKind,
    /// The field path, or `errors.CODE`.
    pub path: String,
    /// What it was (empty for an addition).
    pub before: String,
    /// What it is (empty for a removal).
    pub after: String,
}

impl Change {
    fn new(kind: ChangeKind, path: &str, before: String, after: String) -> Self {
        Change {
            kind,
            path: path.to_owned(),
            before,
            after,
        }
    }

    /// One line for a person.
    pub fn describe(&self) -> String {
        use ChangeKind::*;
        match self.kind {
            FieldAdded => format!("field `{}` added ({})", self.path, self.after),
            FieldRemoved => format!("field `{}` removed (was {})", self.path, self.before),
            TypeChanged => format!("`{}`: type {} -> {}", self.path, self.before, self.after),
            RequiredChanged => {
                format!(
                    "`{}`: required {} -> {}",
                    self.path, self.before, self.after
                )
            }
            LimitChanged => format!("`{}`: {} -> {}", self.path, self.before, self.after),
            EnumValueAdded => format!("`{}`: enum value {} added", self.path, self.after),
            EnumValueRemoved => format!("`{}`: enum value {} removed", self.path, self.before),
            EnumValueRenamed => format!(
                "`{}`: enum value renamed {} -> {}",
                self.path, self.before, self.after
            ),
            ErrorAdded => format!("error {} added: {}", self.code_text(), self.after),
            ErrorRemoved => format!("error {} removed (was: {})", self.code_text(), self.before),
            ErrorMessageChanged => format!(
                "error {} message {:?} -> {:?}",
                self.code_text(),
                self.before,
                self.after
            ),
        }
    }

    fn code_text(&self) -> &str {
        self.path.strip_prefix("errors.").unwrap_or(&self.path)
    }
}

fn req_text(r: Option<bool>) -> String {
    match r {
        Some(true) => "是".into(),
        Some(false) => "否".into(),
        None => "(none)".into(),
    }
}

fn limit_text(name: &str, b: Option<Bound>) -> String {
    match b {
        Some(b) => format!("{name} {b}"),
        None => format!("no {name} limit"),
    }
}

/// Every difference from `old` (recorded) to `new` (current), in doc order.
pub fn diff(old: &Facts, new: &Facts) -> Vec<Change> {
    use ChangeKind::*;
    let mut out = Vec::new();
    for o in &old.fields {
        match new.fields.iter().find(|n| n.path == o.path) {
            None => out.push(Change::new(
                FieldRemoved,
                &o.path,
                o.ty.clone(),
                String::new(),
            )),
            Some(n) => {
                if n.ty != o.ty {
                    out.push(Change::new(
                        TypeChanged,
                        &o.path,
                        o.ty.clone(),
                        n.ty.clone(),
                    ));
                }
                if n.required != o.required {
                    out.push(Change::new(
                        RequiredChanged,
                        &o.path,
                        req_text(o.required),
                        req_text(n.required),
                    ));
                }
                for (name, a, b) in [
                    ("bytes", o.bytes, n.bytes),
                    ("chars", o.chars, n.chars),
                    ("items", o.items, n.items),
                    ("range", o.range, n.range),
                ] {
                    if a != b {
                        out.push(Change::new(
                            LimitChanged,
                            &o.path,
                            limit_text(name, a),
                            limit_text(name, b),
                        ));
                    }
                }
            }
        }
    }
    for n in &new.fields {
        if !old.fields.iter().any(|o| o.path == n.path) {
            let req = match n.required {
                Some(true) => ", required",
                Some(false) => ", optional",
                None => "",
            };
            out.push(Change::new(
                FieldAdded,
                &n.path,
                String::new(),
                format!("{}{req}", n.ty),
            ));
        }
    }
    let empty = Vec::new();
    let mut paths: Vec<&str> = old.enums.iter().map(|e| e.path.as_str()).collect();
    for e in &new.enums {
        if !paths.contains(&e.path.as_str()) {
            paths.push(&e.path);
        }
    }
    for path in paths {
        let o = old
            .enums
            .iter()
            .find(|e| e.path == path)
            .map_or(&empty, |e| &e.values);
        let n = new
            .enums
            .iter()
            .find(|e| e.path == path)
            .map_or(&empty, |e| &e.values);
        let show = |v: &EnumValue| format!("{} ({})", v.value, v.name);
        for ov in o {
            match n.iter().find(|nv| nv.value == ov.value) {
                None => out.push(Change::new(EnumValueRemoved, path, show(ov), String::new())),
                Some(nv) if nv.name != ov.name => {
                    out.push(Change::new(EnumValueRenamed, path, show(ov), show(nv)))
                }
                Some(_) => {}
            }
        }
        for nv in n {
            if !o.iter().any(|ov| ov.value == nv.value) {
                out.push(Change::new(EnumValueAdded, path, String::new(), show(nv)));
            }
        }
    }
    for o in &old.errors {
        let path = format!("errors.{}", o.code);
        match new.errors.iter().find(|n| n.code == o.code) {
            None => out.push(Change::new(
                ErrorRemoved,
                &path,
                o.message.clone(),
                String::new(),
            )),
            Some(n) if n.message != o.message => out.push(Change::new(
                ErrorMessageChanged,
                &path,
                o.message.clone(),
                n.message.clone(),
            )),
            Some(_) => {}
        }
    }
    for n in &new.errors {
        if !old.errors.iter().any(|o| o.code == n.code) {
            out.push(Change::new(
                ErrorAdded,
                &format!("errors.{}", n.code),
                String::new(),
                n.message.clone(),
            ));
        }
    }
    out
}
