//! Diagnostics for GET endpoints, `pagination:`, `outcome:` and `sandbox:` mistakes: every
//! one reported in one run, each at its file:line:column.

use std::path::{Path, PathBuf};

use mpapi_codegen::diag::Diagnostics;
use mpapi_codegen::load_and_check;

const PLATFORM: &str = "platform:\n  id: p\n  title: P\n  crate: mpapi-p\n  base_url: http://127.0.0.1\n  auth:\n    query: access_token\n  envelope: errcode\nerrors:\n  - { code: -1, message: busy }\n";

/// Writes `files` (path under `spec/p/g/`, text) next to a platform and checks them.
fn check(name: &str, files: &[(&str, &str)]) -> Result<(), Diagnostics> {
    let root: PathBuf = std::env::temp_dir()
        .join(format!("mpapi-surface-{}-{name}", std::process::id()))
        .join("spec");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("p/g")).expect("temp dir");
    std::fs::write(root.join("p/platform.yaml"), PLATFORM).expect("platform");
    for (path, text) in files {
        std::fs::write(root.join("p/g").join(path), text).expect("spec file");
    }
    let result = load_and_check(&root).map(|_| ());
    let _ = std::fs::remove_dir_all(root.parent().unwrap_or(Path::new("/nonexistent")));
    result
}

fn expect(d: &Diagnostics, file: &str, line: u32, column: u32, text: &str) {
    let found = d.list.iter().any(|x| {
        x.loc.file.ends_with(file)
            && x.loc.line == line
            && x.loc.column == column
            && (x.message.contains(text) || x.help.as_deref().is_some_and(|h| h.contains(text)))
    });
    assert!(
        found,
        "no diagnostic at {file}:{line}:{column} containing {text:?}; got:\n{d}"
    );
}

const HEAD: &str = "endpoint:\n  id: p.g.NAME\n  interface: x\n  doc: x.txt\n  title: X\n";

fn endpoint(name: &str, rest: &str) -> String {
    format!("{}{rest}", HEAD.replace("NAME", name))
}

#[test]
fn bodies_follow_the_method() {
    let get = endpoint(
        "get",
        "  method: GET\n  path: /get\n  request: Body\n  response: Answer\ntypes:\n  - name: Body\n    fields: [{ name: a, type: string }]\n  - name: Answer\n    fields: [{ name: b, type: string }]\nexamples:\n  - name: doc\n    request: { a: x }\n",
    );
    let post = endpoint("post", "  method: POST\n  path: /post\n");
    let d = check("bodies", &[("get.yaml", &get), ("post.yaml", &post)]).expect_err("refused");
    expect(&d, "get.yaml", 8, 12, "a GET endpoint sends no body");
    expect(&d, "post.yaml", 6, 11, "a POST endpoint needs `request:`");
    assert_eq!(d.list.len(), 2, "{d}");
    // A GET endpoint's example has no request body either.
    let example = endpoint(
        "get",
        "  method: GET\n  path: /get\n  response: Answer\ntypes:\n  - name: Answer\n    fields: [{ name: b, type: string }]\nexamples:\n  - name: doc\n    request: { a: x }\n",
    );
    let d = check("bodies_example", &[("get.yaml", &example)]).expect_err("refused");
    expect(&d, "get.yaml", 14, 14, "sends none");
    // Without the body and the example, the GET endpoint is fine.
    let fine = endpoint(
        "get",
        "  method: GET\n  path: /get\n  response: Answer\ntypes:\n  - name: Answer\n    fields: [{ name: b, type: string }]\n",
    );
    check("bodies_ok", &[("get.yaml", &fine)]).expect("a GET endpoint without a body");
}

#[test]
fn pagination_names_fields_that_fit() {
    let paged = endpoint(
        "list",
        "  method: POST\n  path: /list\n  request: Req\n  response: Resp\n  pagination:\n    cursor: last_index\n    next_cursor: next\n    has_more: more\n    items: list\ntypes:\n  - name: Req\n    fields: [{ name: last_index, type: string, required: true }]\n  - name: Resp\n    fields:\n      - { name: next, type: int64 }\n      - { name: more, type: string }\n      - { name: list, type: string }\n",
    );
    let d = check("paging", &[("list.yaml", &paged)]).expect_err("refused");
    expect(&d, "list.yaml", 11, 13, "is required");
    expect(&d, "list.yaml", 12, 18, "must have one scalar type");
    expect(&d, "list.yaml", 13, 15, "is not a `bool`");
    expect(&d, "list.yaml", 14, 12, "is not a list");
}

#[test]
fn outcome_and_sandbox_mistakes_are_all_reported() {
    let batch = endpoint(
        "batch",
        "  method: POST\n  path: /batch\n  request: Req\n  response: Resp\ntypes:\n  - name: Req\n    fields: [{ name: id, type: string }]\n  - name: Resp\n    fields: [{ name: items, type: \"array<Item>\" }]\n  - name: Item\n    outcome: { code: errmsg, errors: nowhere }\n    fields:\n      - { name: errcode, type: int64 }\n      - { name: errmsg, type: string }\nsandbox:\n  key: [id, missing.path]\n  op: read\n  checks:\n    - { unique: 42 }\n  answer:\n    nothing: id\n",
    );
    let reader = endpoint(
        "reader",
        "  method: POST\n  path: /reader\n  request: Req2\ntypes:\n  - name: Req2\n    fields: [{ name: id, type: string }]\nsandbox:\n  store: nobody_writes\n  key: [id]\n  op: lister\n",
    );
    let d = check(
        "sandbox",
        &[("batch.yaml", &batch), ("reader.yaml", &reader)],
    )
    .expect_err("refused");
    expect(&d, "batch.yaml", 16, 22, "is not an integer");
    expect(&d, "batch.yaml", 16, 38, "scope: nowhere");
    expect(&d, "batch.yaml", 21, 13, "does not resolve");
    expect(&d, "batch.yaml", 24, 17, "platform code 42");
    expect(&d, "batch.yaml", 22, 7, "does not apply");
    expect(&d, "batch.yaml", 26, 5, "answer member `nothing`");
    expect(&d, "reader.yaml", 15, 7, "unknown sandbox op `lister`");
}

#[test]
fn a_read_of_a_store_nobody_writes_is_refused() {
    let reader = endpoint(
        "reader",
        "  method: POST\n  path: /reader\n  request: Req\ntypes:\n  - name: Req\n    fields: [{ name: id, type: string }]\nerrors:\n  - { code: 7, message: not found }\nsandbox:\n  store: orders\n  key: [id]\n  op: read\n  checks: [{ exists: 7 }]\n",
    );
    let d = check("stores", &[("reader.yaml", &reader)]).expect_err("refused");
    expect(
        &d,
        "reader.yaml",
        15,
        3,
        "no endpoint writes the store `orders`",
    );
    let writer = endpoint(
        "writer",
        "  method: POST\n  path: /writer\n  request: Req\nsandbox:\n  store: orders\n  key: [id]\n",
    );
    check(
        "stores_ok",
        &[("reader.yaml", &reader), ("writer.yaml", &writer)],
    )
    .expect("a written store");
}

#[test]
fn seed_mistakes_are_all_reported() {
    let writer = endpoint(
        "writer",
        "  method: POST\n  path: /writer\n  request: Req\ntypes:\n  - name: Req\n    fields: [{ name: id, type: string }]\nerrors:\n  - { code: 7, message: unknown }\nsandbox:\n  store: orders\n  key: [id]\n  seed:\n    list: pay-ments\n    members:\n      - { name: id, type: integer }\n      - { name: id }\n  checks: [{ known: 7 }]\n",
    );
    let reader = endpoint(
        "reader",
        "  method: POST\n  path: /reader\n  request: Req2\ntypes:\n  - name: Req2\n    fields: [{ name: id, type: string }]\nerrors:\n  - { code: 7, message: unknown }\nsandbox:\n  store: orders\n  key: [id]\n  op: read\n  filter: { id: id }\n  checks: [{ known: 7 }]\n  seed: { list: more, members: [{ name: id }] }\n",
    );
    let d = check(
        "seed",
        &[("writer.yaml", &writer), ("reader.yaml", &reader)],
    )
    .expect_err("refused");
    expect(
        &d,
        "writer.yaml",
        18,
        11,
        "`pay-ments` is not an identifier",
    );
    expect(
        &d,
        "writer.yaml",
        20,
        17,
        "seed member `id` is an integer, but the request field `id`",
    );
    expect(
        &d,
        "writer.yaml",
        21,
        17,
        "seed member `id` is listed twice",
    );
    expect(&d, "reader.yaml", 18, 13, "`filter` applies to `op: list`");
    expect(&d, "reader.yaml", 17, 7, "does not apply");
    expect(
        &d,
        "reader.yaml",
        20,
        9,
        "declare it on the endpoint that writes the store",
    );

    // Two seeds for one store.
    let seeded = |name: &str| {
        let ty = if name == "one" { "ReqOne" } else { "ReqTwo" };
        endpoint(
            name,
            &format!(
                "  method: POST\n  path: /{name}\n  request: {ty}\ntypes:\n  - name: {ty}\n    fields: [{{ name: id, type: string }}]\nsandbox:\n  store: orders\n  key: [id]\n  seed: {{ list: payments, members: [{{ name: id }}] }}\n"
            ),
        )
    };
    let d = check(
        "seed_twice",
        &[("one.yaml", &seeded("one")), ("two.yaml", &seeded("two"))],
    )
    .expect_err("refused");
    expect(&d, "two.yaml", 13, 3, "a second `seed` for store `orders`");
    assert_eq!(d.list.len(), 1, "{d}");
    check("seed_once", &[("one.yaml", &seeded("one"))]).expect("one seed");
    let typed = seeded("one").replace("[{ name: id }]", "[{ name: id, type: float }]");
    let d = check("seed_type", &[("one.yaml", &typed)]).expect_err("refused");
    expect(&d, "one.yaml", 15, 55, "unknown seed member type `float`");
    assert_eq!(d.list.len(), 1, "{d}");
}

#[test]
fn rewrite_and_set_request_mistakes_are_all_reported() {
    let writer = endpoint(
        "writer",
        "  method: POST\n  path: /writer\n  request: Req\ntypes:\n  - name: Req\n    fields: [{ name: id, type: string }, { name: mode, type: int32 }]\nerrors:\n  - { code: 7, message: reshipped }\nsandbox:\n  store: orders\n  key: [id]\n  checks:\n    - { max_rewrites: 0, changed: [mode], code: 7 }\n    - { max_rewrites: 1, code: 7 }\n    - { max_rewrites: 1, changed: [nope], code: 7 }\n    - { max_rewrites: 1, done: { field: state, in: [true] }, code: 8 }\n  set_request: { state: missing }\n",
    );
    let reader = endpoint(
        "reader",
        "  method: POST\n  path: /reader\n  request: Req2\ntypes:\n  - name: Req2\n    fields: [{ name: id, type: string }]\nsandbox:\n  store: orders\n  key: [id]\n  op: read\n  checks: [{ max_rewrites: 1, changed: [id], code: 7 }]\n  set_request: { state: id }\n",
    );
    let d = check(
        "rewrites",
        &[("writer.yaml", &writer), ("reader.yaml", &reader)],
    )
    .expect_err("refused");
    expect(
        &d,
        "writer.yaml",
        18,
        23,
        "`max_rewrites` is a positive count",
    );
    expect(&d, "writer.yaml", 19, 23, "needs `done` or `changed`");
    expect(
        &d,
        "writer.yaml",
        20,
        36,
        "request path `nope` does not resolve",
    );
    expect(
        &d,
        "writer.yaml",
        21,
        68,
        "platform code 8 is in no error table",
    );
    expect(
        &d,
        "writer.yaml",
        22,
        25,
        "request path `missing` does not resolve",
    );
    expect(&d, "reader.yaml", 15, 7, "`max_rewrites` apply to writes");
    expect(
        &d,
        "reader.yaml",
        17,
        18,
        "`set_request` applies to `op: write`",
    );
    assert_eq!(d.list.len(), 8, "{d}");
}

#[test]
fn later_compares_date_times_and_timestamps_only() {
    let spec = |field: &str, op: &str| {
        endpoint(
            "writer",
            &format!(
                "  method: POST\n  path: /writer\n  request: Req\ntypes:\n  - name: Req\n    fields: [{{ name: id, type: string }}, {{ name: at, type: string }}, {{ name: ts, type: int64 }}, {{ name: flag, type: bool }}]\nerrors:\n  - {{ code: 7, message: early }}\nsandbox:\n  store: orders\n  key: [id]\n  op: {op}\n  checks: [{{ later: {field}, than: at, code: 7 }}]\n"
            ),
        )
    };
    check("later_text", &[("writer.yaml", &spec("at", "write"))]).expect("RFC 3339 text");
    check("later_ts", &[("writer.yaml", &spec("ts", "write"))]).expect("a timestamp");
    let d = check("later_bool", &[("writer.yaml", &spec("flag", "write"))]).expect_err("refused");
    expect(
        &d,
        "writer.yaml",
        18,
        21,
        "`flag` is neither a string nor an integer",
    );
    assert_eq!(d.list.len(), 1, "{d}");
    let d = check("later_read", &[("writer.yaml", &spec("ts", "read"))]).expect_err("refused");
    expect(&d, "writer.yaml", 17, 7, "`later` to writes and updates");
}

#[test]
fn filter_range_mistakes_are_all_reported() {
    let writer = endpoint(
        "writer",
        "  method: POST\n  path: /writer\n  request: Req\ntypes:\n  - name: Req\n    fields: [{ name: id, type: string }]\nsandbox:\n  store: orders\n  key: [id]\n  filter_range: { paid: { from: id } }\n",
    );
    let lister = endpoint(
        "lister",
        "  method: POST\n  path: /lister\n  request: Req2\n  response: Resp2\n  pagination: { cursor: cursor, next_cursor: next, has_more: more, items: items }\ntypes:\n  - name: Req2\n    fields: [{ name: cursor, type: string }, { name: from, type: int64 }, { name: label, type: string }]\n  - name: Resp2\n    fields: [{ name: next, type: string }, { name: more, type: bool }, { name: items, type: 'array<string>' }]\nsandbox:\n  store: orders\n  op: list\n  filter_range:\n    paid: { from: from, to: label }\n    time: {}\n",
    );
    let d = check(
        "filter_range",
        &[("writer.yaml", &writer), ("lister.yaml", &lister)],
    )
    .expect_err("refused");
    expect(
        &d,
        "writer.yaml",
        15,
        19,
        "`filter_range` applies to `op: list`",
    );
    expect(
        &d,
        "writer.yaml",
        15,
        33,
        "bound is a number, but `id` is not",
    );
    expect(
        &d,
        "lister.yaml",
        20,
        29,
        "bound is a number, but `label` is not",
    );
    expect(&d, "lister.yaml", 21, 11, "needs `from`, `to` or both");
    assert_eq!(d.list.len(), 4, "{d}");
}

/// An endpoint that does not say whether it is idempotent still generates (its client
/// retries it only before the request leaves), with a warning at its id; one that says
/// has none.
#[test]
fn an_undecided_endpoint_is_a_warning_at_its_id() {
    let spec = |trait_line: &str| {
        endpoint(
            "reader",
            &format!(
                "  method: POST\n  path: /reader\n  request: Req\n{trait_line}types:\n  - name: Req\n    fields: [{{ name: id, type: string }}]\n"
            ),
        )
    };
    let root = std::env::temp_dir()
        .join(format!("mpapi-surface-{}-undecided", std::process::id()))
        .join("spec");
    // The warnings, and the generated client's doc of the method.
    let generate = |text: &str| {
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("p/g")).expect("temp dir");
        std::fs::write(root.join("p/platform.yaml"), PLATFORM).expect("platform");
        std::fs::write(root.join("p/g/reader.yaml"), text).expect("spec file");
        let (_, ir) = load_and_check(&root).expect("generates");
        let mut files = Vec::new();
        let platform = ir.platforms().first().expect("one platform");
        mpapi_codegen::emit::emit_platform(platform, Path::new(""), &mut files).expect("emits");
        let client = files
            .iter()
            .find(|f| f.path.ends_with("client.rs"))
            .map(|f| f.contents.clone())
            .expect("a client module");
        (ir.warnings, client)
    };
    let warnings = |text: &str| generate(text).0;
    let (found, client) = generate(&spec(""));
    assert!(
        client.contains("**Retries:** the spec does not declare the endpoint idempotent"),
        "{client}"
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let w = &found[0];
    assert!(w.loc.file.ends_with("reader.yaml"), "{w}");
    assert_eq!((w.loc.line, w.loc.column), (2, 7), "{w}");
    assert!(
        w.message
            .contains("does not say whether a repeat is harmless"),
        "{w}"
    );
    assert!(
        w.help
            .as_deref()
            .is_some_and(|h| h.contains("idempotent: {value: true|false"))
    );
    let decided = warnings(&spec(
        "  idempotent: { value: true, reason: \"A read.\" }\n",
    ));
    assert!(decided.is_empty(), "{decided:?}");
    let _ = std::fs::remove_dir_all(root.parent().unwrap_or(Path::new("/nonexistent")));
}
