//! `cargo xtask docs draft`: a first spec for one endpoint of a structured capture.
//!
//! The draft carries what the tables state: fields with types, required flags and
//! descriptions, limits read from the descriptions, nested objects as types, enums from enum
//! tables and `枚举` lists, and the error table. What the doc says only in prose (conditional
//! requirements, formats, notes) becomes a `# TODO` comment beside the field it concerns.
//! The draft passes `cargo xtask gen`; it records no hash, so `docs drift` reports it as not
//! recorded until it is reviewed and accepted.

use std::fmt::Write as _;
use std::path::Path;

use super::capture;
use super::facts::EnumFact;
use super::parse::{self, DocEndpoint, DocField};

/// Drafts the endpoint under `section` of the capture at `path` (the whole file when it
/// holds one endpoint).
pub fn draft_file(path: &Path, section: Option<&str>, id: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !capture::is_structured(&file) {
        return Err(format!(
            "{file} is not a structured capture (Markdown tables): transcribe it by hand"
        ));
    }
    let multi = capture::is_multi_endpoint(&text);
    if multi && section.is_none() {
        let headings: Vec<String> = capture::endpoint_sections(&text)
            .into_iter()
            .filter_map(|s| s.heading)
            .collect();
        return Err(format!(
            "{file} holds several endpoints: pass --section with one of: {}",
            headings.join(", ")
        ));
    }
    let s = capture::find_section(&text, if multi { section } else { None }).map_err(|e| {
        format!(
            "{file}: no single section `## {}` ({e:?})",
            section.unwrap_or_default()
        )
    })?;
    let ep = parse::parse(&s);
    draft(&ep, &file, if multi { section } else { None }, id)
}

fn is_snake(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_owned();
    if out.starts_with(|c: char| c.is_ascii_digit()) || out.is_empty() {
        format!("f_{out}")
    } else {
        out
    }
}

fn pascal(s: &str) -> String {
    snake(s)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn q(s: &str) -> String {
    super::specs::scalar(s)
}

/// Phrases that state a rule in prose.
const RULE_WORDS: &[&str] = &[
    "必填",
    "必传",
    "必须",
    "二选一",
    "不能",
    "只能",
    "需填",
    "需大于",
    "需和",
    "格式",
    "至少",
    "最多",
    "仅",
    "RFC",
    "时无需",
];

struct Drafter<'a> {
    ep: &'a DocEndpoint,
    prefix: String,
    types: Vec<String>,
    enums: String,
    todo: Vec<String>,
    type_names: Vec<String>,
}

impl Drafter<'_> {
    fn children(&self, path: &str) -> Vec<&DocField> {
        let mut seen: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for f in &self.ep.fields {
            let Some(rest) = f.path.strip_prefix(path).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            if rest.contains('.') || seen.contains(&rest) {
                continue;
            }
            seen.push(rest);
            out.push(f);
        }
        out
    }

    fn unique_type(&mut self, name: String) -> String {
        let mut n = name.clone();
        let mut k = 2;
        while self.type_names.contains(&n) {
            n = format!("{name}{k}");
            k += 1;
        }
        self.type_names.push(n.clone());
        n
    }

    fn type_name(&mut self, path: &str) -> String {
        let mut segs = path.split('.');
        let root = segs.next().unwrap_or_default();
        let rest: String = segs.map(pascal).collect();
        let base = match root {
            "body" => format!(
                "{}{}",
                self.prefix,
                if rest.is_empty() {
                    "Request".into()
                } else {
                    rest
                }
            ),
            "response" => format!("{}Response{rest}", self.prefix),
            _ => format!("{}Query{rest}", self.prefix),
        };
        self.unique_type(base)
    }

    /// Writes the object type for `path`'s children; returns its name.
    fn object(&mut self, path: &str, description: &str) -> String {
        let name = self.type_name(path);
        // The type's place: before the types of its fields.
        let slot = self.types.len();
        self.types.push(String::new());
        let fields: Vec<DocField> = self
            .children(path)
            .into_iter()
            .filter(|f| {
                !(path == "response"
                    && matches!(f.path.as_str(), "response.errcode" | "response.errmsg"))
            })
            .cloned()
            .collect();
        let mut body = String::new();
        for f in &fields {
            body.push_str(&self.field(f, "      "));
        }
        let mut out = format!("  - name: {name}\n    description: {}\n", q(description));
        if body.is_empty() {
            out.push_str("    fields: []\n");
        } else {
            out.push_str("    fields:\n");
            out.push_str(&body);
        }
        out.push('\n');
        self.types[slot] = out;
        name
    }

    fn enum_type(&mut self, f: &DocField, e: &EnumFact, string_wire: bool) -> String {
        let name = self.unique_type(format!(
            "{}{}",
            self.prefix,
            pascal(
                &f.path
                    .replace('.', "_")
                    .replacen("body_", "", 1)
                    .replacen("response_", "Response_", 1)
                    .replacen("query_", "Query_", 1)
            )
        ));
        let wire = if string_wire { "string" } else { "integer" };
        let mut out = format!(
            "  - name: {name}\n    description: {}\n    wire: {wire}\n    variants:\n",
            q(first_sentence(&f.description))
        );
        let mut used: Vec<String> = Vec::new();
        for (k, v) in e.values.iter().enumerate() {
            let ident = v.name.trim();
            let mut vname = if string_wire {
                v.value.clone()
            } else if !ident.is_empty()
                && ident.starts_with(|c: char| c.is_ascii_uppercase())
                && ident
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            {
                ident.to_owned()
            } else {
                format!("VALUE_{}", v.value.replace('-', "MINUS_"))
            };
            if used.contains(&vname) {
                vname = format!("{vname}_{k}");
            }
            used.push(vname.clone());
            let code = if string_wire {
                i64::try_from(k).unwrap_or_default() + 1
            } else {
                v.value.parse().unwrap_or_default()
            };
            let _ = writeln!(out, "      - name: {}", q(&vname));
            if string_wire
                && !is_snake(&vname)
                && !vname
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            {
                let _ = writeln!(out, "        rust: {}", pascal(&vname));
            }
            let _ = writeln!(out, "        code: {code}");
            if !v.name.is_empty() {
                let _ = writeln!(out, "        description: {}", q(&v.name));
            }
        }
        if e.values.iter().any(|v| !v.name.is_ascii()) && !string_wire {
            self.todo.push(format!(
                "enum {name}: give the variants names (the doc labels them in prose)"
            ));
        }
        out.push('\n');
        self.enums.push_str(&out);
        name
    }

    fn field(&mut self, f: &DocField, pad: &str) -> String {
        let name = f.path.rsplit('.').next().unwrap_or_default().to_owned();
        let mut notes: Vec<String> = Vec::new();
        let kids = !self.children(&f.path).is_empty();
        let list = parse::is_list_type(&f.ty);
        let enum_fact = self.ep.enums.iter().find(|e| e.path == f.path).cloned();
        let scalar = match f.ty.as_str() {
            "string" => "string".to_owned(),
            "boolean" | "bool" => "bool".to_owned(),
            "number" => {
                if f.description.contains("小数")
                    || regex::Regex::new(r"\d\.\d").is_ok_and(|r| r.is_match(&f.description))
                {
                    "number".to_owned()
                } else {
                    "int64".to_owned()
                }
            }
            "object" | "objarray" | "array<object>" if kids => {
                self.object(&f.path, first_sentence(&f.description))
            }
            "object" | "objarray" | "array<object>" => {
                notes.push(format!(
                    "TODO(type): the doc gives no table for `{name}` ({}): type its members",
                    f.ty
                ));
                "json".to_owned()
            }
            "array" => {
                notes.push(format!(
                    "TODO(type): the doc types `{name}` as `array` without an element type"
                ));
                "json".to_owned()
            }
            other => {
                notes.push(format!(
                    "TODO(type): unknown doc type `{other}` for `{name}`"
                ));
                "json".to_owned()
            }
        };
        let scalar = match &enum_fact {
            Some(e) if matches!(scalar.as_str(), "int64" | "string") && !e.values.is_empty() => {
                let string_wire =
                    scalar == "string" || e.values.iter().any(|v| v.value.parse::<i64>().is_err());
                self.enum_type(f, e, string_wire)
            }
            _ => scalar,
        };
        let ty = if list {
            format!("array<{scalar}>")
        } else {
            scalar.clone()
        };
        for w in RULE_WORDS {
            if f.description.contains(w) {
                notes.push(format!(
                    "TODO(rule): the description states a rule in prose ({w}); write it as a rule or constraint with its error code, or record why not"
                ));
                break;
            }
        }
        let mut out = String::new();
        for n in &notes {
            let _ = writeln!(out, "{pad}# {n}");
        }
        let _ = writeln!(out, "{pad}- name: {}", q(&name));
        if !is_snake(&name) {
            let _ = writeln!(out, "{pad}  rust: {}", snake(&name));
        }
        let _ = writeln!(out, "{pad}  type: {ty}");
        if f.required == Some(true) {
            let _ = writeln!(out, "{pad}  required: true");
        }
        if !f.description.is_empty() {
            let _ = writeln!(out, "{pad}  description: {}", q(&f.description));
        }
        let bound = |b: &super::facts::Bound| {
            let mut parts = Vec::new();
            if let Some(m) = b.min {
                parts.push(format!("min: {m}"));
            }
            if let Some(m) = b.max {
                parts.push(format!("max: {m}"));
            }
            format!("{{ {} }}", parts.join(", "))
        };
        let l = &f.limits;
        let is_string = scalar == "string";
        let is_num = matches!(scalar.as_str(), "int64" | "number");
        let each_string = list && is_string;
        let mut skipped = Vec::new();
        for (kind, b) in [("bytes", l.bytes), ("chars", l.chars)] {
            let Some(b) = b else { continue };
            if is_string && !list {
                let _ = writeln!(out, "{pad}  {kind}: {}", bound(&b));
            } else if each_string {
                let _ = writeln!(out, "{pad}  each: {{ {kind}: {} }}", bound(&b));
            } else {
                skipped.push(format!("{kind} {b}"));
            }
        }
        if let Some(b) = l.items {
            if list {
                let _ = writeln!(out, "{pad}  items: {}", bound(&b));
            } else {
                skipped.push(format!("items {b}"));
            }
        }
        if let Some(b) = l.range {
            if is_num && !list {
                let _ = writeln!(out, "{pad}  range: {}", bound(&b));
            } else {
                skipped.push(format!("range {b}"));
            }
        }
        if !skipped.is_empty() {
            // Said after the entry so that it stays with the field when fields are moved.
            let _ = writeln!(
                out,
                "{pad}  # TODO(limit): the doc states {} on a `{}` value; decide what it limits",
                skipped.join(", "),
                f.ty
            );
        }
        out
    }
}

fn first_sentence(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| matches!(c, '，' | '。' | '；' | ','))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let head = s[..end].trim();
    if head.is_empty() { s.trim() } else { head }
}

/// The draft spec text.
pub fn draft(
    ep: &DocEndpoint,
    file: &str,
    section: Option<&str>,
    id: &str,
) -> Result<String, String> {
    let parts: Vec<&str> = id.split('.').collect();
    if parts.len() != 3 || !parts.iter().all(|p| is_snake(p)) {
        return Err(format!(
            "`{id}` is not an endpoint id `platform.group.name` in lower snake_case"
        ));
    }
    let name = parts[2];
    let mut d = Drafter {
        ep,
        prefix: pascal(name),
        types: Vec::new(),
        enums: String::new(),
        todo: Vec::new(),
        type_names: Vec::new(),
    };
    let title = section
        .map(str::to_owned)
        .or_else(|| ep.heading.clone())
        .unwrap_or_else(|| name.to_owned());
    // Query parameters other than the token, and whether the token is listed.
    let query_fields: Vec<DocField> = d
        .children("query")
        .into_iter()
        .filter(|f| f.path != "query.access_token")
        .cloned()
        .collect();
    let has_token = ep.fields.iter().any(|f| f.path == "query.access_token");
    let request = d.object("body", &format!("{title}的请求体。"));
    let has_response = d
        .children("response")
        .iter()
        .any(|f| !matches!(f.path.as_str(), "response.errcode" | "response.errmsg"));
    let response = if has_response {
        Some(d.object("response", &format!("{title}的返回体。")))
    } else {
        None
    };
    let mut query = String::new();
    for f in &query_fields {
        query.push_str(&d.field(f, "    "));
    }
    let (method, path, inferred) = match &ep.http {
        Some((m, url, inferred)) => {
            let no_host = url
                .split_once("://")
                .map(|(_, rest)| rest.find('/').map(|i| &rest[i..]).unwrap_or("/"))
                .unwrap_or(url);
            let path = no_host.split('?').next().unwrap_or(no_host).to_owned();
            (m.to_uppercase(), path, *inferred)
        }
        None => {
            d.todo
                .push("the capture gives no HTTP request line: set `method` and `path`".into());
            ("POST".into(), "/todo".into(), false)
        }
    };
    if inferred {
        d.todo
            .push("the capture marks the method or path as inferred: confirm them".into());
    }
    if !has_token {
        d.todo.push(
            "the doc lists no access_token query parameter: this endpoint may take no token".into(),
        );
    }
    for p in &ep.prose {
        d.todo.push(format!(
            "the section has prose `{p}`: transcribe its rules as notes, rules or conflicts"
        ));
    }
    let interface = ep
        .url
        .as_deref()
        .and_then(|u| u.rsplit('/').next())
        .map(|s| {
            s.trim_end_matches(".html")
                .trim_start_matches("api_")
                .to_owned()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| name.to_owned());

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Draft by `cargo xtask docs draft` from {file}{}.",
        section.map(|s| format!(" § {s}")).unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "# Review every entry against the doc, resolve each TODO, record conflicts, then run"
    );
    let _ = writeln!(
        out,
        "# `cargo xtask gen` and `cargo xtask docs accept {id}`."
    );
    if let Some(p) = ep.proposed_id.as_deref().filter(|p| *p != id) {
        let _ = writeln!(out, "# The capture proposes the id `{p}`.");
    }
    for t in &d.todo {
        let _ = writeln!(out, "# TODO: {t}");
    }
    out.push_str("endpoint:\n");
    let _ = writeln!(out, "  id: {id}");
    let _ = writeln!(
        out,
        "  interface: {}   # TODO: the doc's own interface name",
        q(&interface)
    );
    out.push_str("  doc:\n");
    let _ = writeln!(out, "    - file: {}", q(file));
    if let Some(s) = section {
        let _ = writeln!(out, "      section: {}", q(s));
    }
    if let Some(u) = &ep.url {
        let _ = writeln!(out, "      url: {}", q(u));
    }
    let _ = writeln!(out, "  title: {}", q(&title));
    let _ = writeln!(out, "  method: {method}");
    let _ = writeln!(out, "  path: {}", q(&path));
    if !query.is_empty() {
        out.push_str("  query:\n");
        out.push_str(&query);
    }
    let _ = writeln!(out, "  request: {request}");
    if let Some(r) = &response {
        let _ = writeln!(out, "  response: {r}");
    }
    out.push_str("\ntypes:\n");
    for t in &d.types {
        out.push_str(t);
    }
    if !d.enums.is_empty() {
        out.push_str("enums:\n");
        out.push_str(&d.enums);
    }
    let mut seen = Vec::new();
    let errors: Vec<_> = ep
        .errors
        .iter()
        .filter(|e| {
            let new = !seen.contains(&e.code);
            seen.push(e.code);
            new
        })
        .collect();
    if !errors.is_empty() {
        out.push_str("errors:\n");
        for e in errors {
            let _ = writeln!(out, "  - code: {}", e.code);
            if e.message.is_empty() {
                let _ = writeln!(out, "    # TODO: the doc gives no message for this code");
                let _ = writeln!(out, "    message: \"(no message in the doc)\"");
            } else {
                let _ = writeln!(out, "    message: {}", q(&e.message));
            }
            if !e.fix.is_empty() {
                let _ = writeln!(out, "    fix: {}", q(&e.fix));
            }
        }
    }
    Ok(out)
}
