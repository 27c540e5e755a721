//! Exports of the checked specs in standard formats, for tools that do not read Rust:
//! per platform, an OpenAPI 3.1 document and a JSON Schema (draft 2020-12) per request
//! body and per set of typed query parameters.
//!
//! Layout, next to each generated crate (`crates/<crate>/schema/`):
//!
//! - `openapi.json`: every endpoint of the platform;
//! - `<endpoint id>.request.schema.json`: the request body;
//! - `<endpoint id>.query.schema.json`: the typed query parameters as one object (only for
//!   endpoints that have some);
//! - `mod.rs`: the crate's `schema` module, which embeds the documents (`include_str!`)
//!   and looks them up by endpoint id.
//!
//! Like the Rust emitter, the exporter reads only the [`Ir`] and cannot fail
//! on a spec. The JSON is pretty-printed with its object keys sorted, so the output is the
//! same on every run. What the schemas accept, and what goes under `x-mpapi-rules`, is
//! described in [`schema`].

pub mod openapi;
pub mod regex;
pub mod schema;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::emit::GeneratedFile;
use crate::ir::{Ir, Platform};

/// The directory, relative to the workspace root, that holds a platform's exports.
pub fn schema_dir(platform: &Platform) -> PathBuf {
    PathBuf::from("crates")
        .join(&platform.crate_name)
        .join("schema")
}

/// Every export of every platform, in a deterministic order.
pub fn export(ir: &Ir) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    for p in ir.platforms() {
        export_platform(p, &schema_dir(p), &mut files);
    }
    files
}

/// The file name of an endpoint's request schema.
pub fn request_file(id: &str) -> String {
    format!("{id}.request.schema.json")
}

/// The file name of an endpoint's query schema.
pub fn query_file(id: &str) -> String {
    format!("{id}.query.schema.json")
}

/// Exports one platform into `dir`.
pub fn export_platform(platform: &Platform, dir: &Path, files: &mut Vec<GeneratedFile>) {
    let source = format!("spec/{}/", platform.id);
    files.push(json_file(
        dir.join("openapi.json"),
        &openapi::document(platform),
    ));
    let schemas = schema::Schemas::new(platform, "#/$defs/");
    let mut requests = Vec::new();
    let mut queries = Vec::new();
    for g in &platform.groups {
        for e in &g.endpoints {
            let title = format!("Request body of {} ({})", e.id, e.title);
            let doc = schemas.document(e.request, &title, e.description.as_deref());
            files.push(json_file(dir.join(request_file(&e.id)), &doc));
            requests.push(e.id.clone());
            if let Some(q) = e.query {
                let title = format!("Query parameters of {} ({})", e.id, e.title);
                let doc = schemas.document(q, &title, None);
                files.push(json_file(dir.join(query_file(&e.id)), &doc));
                queries.push(e.id.clone());
            }
        }
    }
    files.push(GeneratedFile {
        path: dir.join("mod.rs"),
        contents: lookup_module(platform, &source, &requests, &queries),
    });
}

/// Pretty-printed JSON with sorted keys and a final newline.
fn json_file(path: PathBuf, value: &Value) -> GeneratedFile {
    let sorted = sort_keys(value);
    let mut contents = serde_json::to_string_pretty(&sorted)
        .unwrap_or_else(|_| crate::internal_error("an export is not serializable"));
    contents.push('\n');
    GeneratedFile { path, contents }
}

/// `value` with every object's keys inserted in sorted order, so the text is the same
/// whichever map type `serde_json` was built with.
fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), sort_keys(&m[k]));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

/// The crate's `schema` module: the documents embedded, looked up by endpoint id.
fn lookup_module(
    platform: &Platform,
    source: &str,
    requests: &[String],
    queries: &[String],
) -> String {
    // The body of a lookup function: a `match` on the id, or `None` when there is nothing.
    let arms = |ids: &[String], file: fn(&str) -> String| -> String {
        if ids.is_empty() {
            return "    let _ = id;\n    ::std::option::Option::None\n".to_owned();
        }
        let arms: String = ids
            .iter()
            .map(|id| {
                format!(
                    "        {id:?} => ::std::option::Option::Some(include_str!({:?})),\n",
                    file(id)
                )
            })
            .collect();
        format!("    match id {{\n{arms}        _ => ::std::option::Option::None,\n    }}\n")
    };
    let list =
        |ids: &[String]| -> String { ids.iter().map(|id| format!("    {id:?},\n")).collect() };
    format!(
        "// @generated by `cargo xtask gen` from {source} — do not edit by hand.\n\
         // Change the spec or the generator, then run `cargo xtask gen`.\n\
         \n\
         //! The {title} specs exported in standard formats: the OpenAPI 3.1 document and a JSON\n\
         //! Schema (draft 2020-12) per request body and per set of typed query parameters,\n\
         //! generated next to this file (`schema/`) and embedded here.\n\
         \n\
         /// The OpenAPI 3.1 document of every {title} endpoint (`schema/openapi.json`).\n\
         pub const OPENAPI: &str = include_str!(\"openapi.json\");\n\
         \n\
         /// Every endpoint id with a request schema, in spec order.\n\
         pub const REQUEST_SCHEMA_IDS: &[&str] = &[\n{request_list}];\n\
         \n\
         /// The JSON Schema of the request body of the endpoint with this id\n\
         /// (`schema/<id>.request.schema.json`), if it exists.\n\
         pub fn request_schema(id: &str) -> ::std::option::Option<&'static str> {{\n\
         {request_arms}}}\n\
         \n\
         /// The JSON Schema of the typed query parameters (as one object) of the endpoint\n\
         /// with this id (`schema/<id>.query.schema.json`), if it has any.\n\
         pub fn query_schema(id: &str) -> ::std::option::Option<&'static str> {{\n\
         {query_arms}}}\n",
        title = platform.title,
        request_list = list(requests),
        request_arms = arms(requests, request_file),
        query_arms = arms(queries, query_file),
    )
}
