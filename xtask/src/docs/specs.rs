//! The specs as the drift check sees them: endpoints with their doc sources, spec
//! locations of doc field paths, and rewriting an endpoint's `doc:` block.

use std::path::{Path, PathBuf};

use mpapi_codegen::model::{
    DocSource, Endpoint, Field, Loc, Platform, SpecFile, SpecSet, TypeDef, TypeRef,
};

/// One endpoint spec.
pub struct SpecEndpoint<'a> {
    /// Its platform.
    pub platform: &'a Platform,
    /// Its group's files.
    pub group: &'a [SpecFile],
    /// Its file.
    pub file: &'a SpecFile,
    /// The endpoint block.
    pub endpoint: &'a Endpoint,
}

/// Every endpoint spec, in spec order.
pub fn endpoints(set: &SpecSet) -> Vec<SpecEndpoint<'_>> {
    let mut out = Vec::new();
    for platform in &set.platforms {
        for group in &platform.groups {
            for file in &group.files {
                if let Some(endpoint) = &file.endpoint {
                    out.push(SpecEndpoint {
                        platform,
                        group: &group.files,
                        file,
                        endpoint,
                    });
                }
            }
        }
    }
    out
}

/// The lock file beside a spec: `add_order.yaml` -> `add_order.doc.lock`.
pub fn lock_path(spec: &Path) -> PathBuf {
    spec.with_extension("doc.lock")
}

impl SpecEndpoint<'_> {
    /// The endpoint id.
    pub fn id(&self) -> &str {
        &self.endpoint.id.value
    }

    /// The doc sources.
    pub fn sources(&self) -> &[DocSource] {
        &self.endpoint.sources
    }

    fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.group
            .iter()
            .chain(self.platform.shared.iter())
            .flat_map(|f| f.types.iter())
            .find(|t| t.name.value == name)
    }

    fn root_type(&self, root: &str) -> Option<&str> {
        match root {
            "body" => Some(self.endpoint.request.value.as_str()),
            "response" => self.endpoint.response.as_ref().map(|r| r.value.as_str()),
            "query" => self.endpoint.query_type.as_deref(),
            _ => None,
        }
    }

    /// The spec field a doc path (`body.cargo.detail_list.name`) names: `Ok` with the
    /// type that holds it and the field, or `Err` with the nearest enclosing place (the type that should
    /// hold it, or the endpoint).
    pub fn locate(&self, path: &str) -> Result<(&TypeDef, &Field), Loc> {
        let mut segments = path.split('.');
        let root = segments.next().unwrap_or_default();
        let mut fallback = self.endpoint.loc.clone();
        let Some(mut ty) = self.root_type(root).and_then(|n| self.type_def(n)) else {
            return Err(fallback);
        };
        let segments: Vec<&str> = segments.collect();
        for (i, seg) in segments.iter().enumerate() {
            fallback = ty.loc.clone();
            let Some(field) = ty
                .fields
                .iter()
                .find(|f| f.name.value == *seg || f.aliases.iter().any(|a| a.value == *seg))
            else {
                return Err(fallback);
            };
            if i + 1 == segments.len() {
                return Ok((ty, field));
            }
            fallback = field.loc.clone();
            match named(&field.ty.value).and_then(|n| self.type_def(n)) {
                Some(next) => ty = next,
                None => return Err(fallback),
            }
        }
        Err(fallback)
    }

    /// Where a doc path is written in the spec, or the nearest enclosing place.
    pub fn location(&self, path: &str) -> Loc {
        match self.locate(path) {
            Ok((_, f)) => f.loc.clone(),
            Err(loc) => loc,
        }
    }

    /// Whether the spec records a conflict about `at` (`Type.field`, a type or an enum).
    pub fn has_conflict(&self, at: &[String]) -> bool {
        self.group
            .iter()
            .flat_map(|f| f.conflicts.iter())
            .any(|c| at.contains(&c.at.value))
    }

    /// Where the spec lists error `code`, or the endpoint.
    pub fn locate_error(&self, code: i64) -> Loc {
        self.file
            .errors
            .iter()
            .chain(self.platform.errors.iter())
            .find(|e| e.code.value == code)
            .map(|e| e.loc.clone())
            .unwrap_or_else(|| self.endpoint.loc.clone())
    }

    /// The enum a field's type names, if any.
    pub fn enum_of(&self, field: &Field) -> Option<&mpapi_codegen::model::EnumDef> {
        let name = named(&field.ty.value)?;
        self.group
            .iter()
            .chain(self.platform.shared.iter())
            .flat_map(|f| f.enums.iter())
            .find(|e| e.name.value == name)
    }
}

/// The type or enum name inside a field type (through lists).
pub fn named(t: &TypeRef) -> Option<&str> {
    match t {
        TypeRef::Named(n) => Some(n),
        TypeRef::Array(inner) => named(inner),
        _ => None,
    }
}

/// A `doc:` source as it will be written back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    /// File.
    pub file: String,
    /// Section heading.
    pub section: Option<String>,
    /// Official page.
    pub url: Option<String>,
    /// Hash.
    pub sha256: Option<String>,
}

/// A YAML scalar: plain when that reads back as the same string, JSON-quoted otherwise.
pub(crate) fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && s.parse::<f64>().is_err()
        && !matches!(s, "true" | "false" | "null" | "~" | "yes" | "no");
    if plain {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
    }
}

/// The `doc:` block at `indent` spaces.
pub fn render_doc_block(indent: usize, sources: &[SourceText]) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}doc:\n");
    for s in sources {
        out.push_str(&format!("{pad}  - file: {}\n", scalar(&s.file)));
        if let Some(v) = &s.section {
            out.push_str(&format!("{pad}    section: {}\n", scalar(v)));
        }
        if let Some(v) = &s.url {
            out.push_str(&format!("{pad}    url: {}\n", scalar(v)));
        }
        if let Some(v) = &s.sha256 {
            out.push_str(&format!("{pad}    sha256: {}\n", scalar(v)));
        }
    }
    out
}

/// Replaces the `doc:` entry whose key is at `key` (1-based line and column) in `text`.
pub fn replace_doc_block(text: &str, key: &Loc, sources: &[SourceText]) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = usize::try_from(key.line).ok()?.checked_sub(1)?;
    let indent = usize::try_from(key.column).ok()?.checked_sub(1)?;
    let first = lines.get(start)?;
    if !first[indent.min(first.len())..].starts_with("doc:") {
        return None;
    }
    let mut end = start + 1;
    let mut last_content = start + 1;
    while end < lines.len() {
        let l = lines[end];
        if l.trim().is_empty() {
            end += 1;
            continue;
        }
        let ind = l.len() - l.trim_start().len();
        if ind <= indent {
            break;
        }
        end += 1;
        last_content = end;
    }
    let mut out: String = lines[..start].concat();
    out.push_str(&render_doc_block(indent, sources));
    out.push_str(&lines[last_content..].concat());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u32, column: u32) -> Loc {
        Loc {
            file: PathBuf::from("x.yaml"),
            line,
            column,
        }
    }

    #[test]
    fn rewrites_the_old_form_and_the_list_form() {
        let text = "endpoint:\n  id: a.b.c\n  doc: old.txt   # note\n  title: T\n";
        let src = vec![SourceText {
            file: "new.md".into(),
            section: Some("生成运单".into()),
            url: Some("https://example.invalid/a.html".into()),
            sha256: Some("ab".into()),
        }];
        let out = replace_doc_block(text, &loc(3, 3), &src).expect("rewritten");
        assert_eq!(
            out,
            "endpoint:\n  id: a.b.c\n  doc:\n    - file: new.md\n      section: 生成运单\n      url: https://example.invalid/a.html\n      sha256: ab\n  title: T\n"
        );
        let again = replace_doc_block(&out, &loc(3, 3), &src).expect("rewritten twice");
        assert_eq!(again, out);
        assert!(replace_doc_block(text, &loc(2, 3), &src).is_none());
    }

    #[test]
    fn quotes_what_yaml_would_misread() {
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("123"), "\"123\"");
        assert_eq!(scalar("绑定/解绑物流账号"), "绑定/解绑物流账号");
        assert_eq!(scalar("- x"), "\"- x\"");
    }
}
