//! A spec tree full of mistakes: one call reports all of them, each at its place; and
//! garbage input gives diagnostics, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use mpapi_codegen::diag::Diagnostics;
use mpapi_codegen::load_and_check as load_specs;

fn diagnostics(root: &Path) -> Diagnostics {
    match load_specs(root) {
        Ok(_) => panic!("{root:?} loaded without diagnostics"),
        Err(d) => d,
    }
}

/// Asserts that a diagnostic at `file:line:column` contains `text`.
fn expect(d: &Diagnostics, file: &str, line: u32, column: u32, text: &str) {
    let path = PathBuf::from("tests/fixtures/bad").join(file);
    let found = d.list.iter().any(|x| {
        x.loc.file == path
            && x.loc.line == line
            && x.loc.column == column
            && (x.message.contains(text) || x.help.as_deref().is_some_and(|h| h.contains(text)))
    });
    assert!(
        found,
        "no diagnostic at {file}:{line}:{column} containing {text:?}; got:\n{d}"
    );
}

#[test]
fn every_mistake_in_one_run() {
    let d = diagnostics(Path::new("tests/fixtures/bad"));
    let c = "shop/orders/create_order.yaml";
    let t = "shop/orders/types.yaml";
    // Bad YAML in one file does not stop the others.
    expect(&d, "shop/orders/broken.yaml", 4, 9, "YAML syntax error");
    // Unknown and misspelt keys.
    expect(&d, c, 10, 3, "unknown key `colour` in the endpoint");
    expect(&d, t, 6, 9, "did you mean `required`?");
    expect(&d, t, 10, 5, "did you mean `description`?");
    // Bad type strings and unknown types.
    expect(&d, t, 5, 15, "`uint33` is not an integer type");
    expect(&d, t, 8, 15, "did you mean `string`?");
    expect(&d, c, 33, 15, "unknown type `Itme`");
    expect(&d, c, 9, 13, "unknown type `Missing`");
    // Rules.
    expect(&d, c, 45, 16, "has no field `appid`");
    expect(
        &d,
        c,
        46,
        35,
        "\"APP\" is not a valid value of `type` (LinkType)",
    );
    expect(&d, c, 49, 36, "expected an integer");
    expect(&d, c, 48, 16, "`order_no` is a required field");
    expect(
        &d,
        c,
        51,
        16,
        "field `order_no` has type `string`, not an array",
    );
    expect(&d, c, 61, 18, "field `lines` is an array");
    expect(&d, c, 58, 15, "did you mean `sum`?");
    // Constraints.
    expect(
        &d,
        c,
        19,
        27,
        "invalid regex `[a-`: unclosed character class",
    );
    expect(&d, c, 18, 23, "min 10 is greater than max 5");
    expect(&d, c, 31, 23, "min -1 does not fit `uint8`");
    expect(&d, c, 38, 16, "write `each: {bytes: ...}`");
    // Spec language v2 writes every platform code as `code:`; the v1 spellings are errors
    // that say how to write them now.
    expect(
        &d,
        c,
        79,
        26,
        "`min_code` is the spec language v1 spelling in `bytes`",
    );
    expect(&d, c, 79, 26, "did you mean `min: {value: N, code: C}`?");
    expect(
        &d,
        c,
        82,
        26,
        "`max_code` is the spec language v1 spelling in `items`",
    );
    expect(
        &d,
        c,
        83,
        34,
        "`min_code` is the spec language v1 spelling in `chars`",
    );
    expect(&d, c, 86, 47, "did you mean `max: {value: N, code: C}`?");
    expect(&d, c, 89, 41, "unknown key `max_cod` in `chars`");
    // Names.
    expect(&d, c, 72, 11, "`Money` is declared twice in group `orders`");
    expect(&d, c, 20, 15, "wire name `order_no` appears twice");
    expect(&d, c, 24, 15, "fields `type` and `type_`");
    expect(&d, t, 28, 17, "`Unknown`, which is reserved");
    expect(&d, t, 27, 28, "code 1 appears twice in enum `Color`");
    // Endpoint and platform.
    expect(&d, c, 2, 7, "expected `shop.orders.create_order`");
    expect(&d, c, 6, 11, "unknown method `PUT`");
    expect(&d, "shop/platform.yaml", 2, 7, "platform id `shopp`");
    expect(
        &d,
        "shop/platform.yaml",
        12,
        11,
        "error code 1 appears twice",
    );
    expect(&d, "noplatform", 1, 1, "has no platform.yaml");

    // The whole report, sorted by location.
    insta::assert_snapshot!(d.to_string());
}

#[test]
fn rule_and_name_mistakes() {
    let d = diagnostics(Path::new("tests/fixtures/bad_rules"));
    insta::assert_snapshot!(d.to_string());
}

#[test]
fn output_is_sorted_and_deterministic() {
    let a = diagnostics(Path::new("tests/fixtures/bad"));
    let b = diagnostics(Path::new("tests/fixtures/bad"));
    assert_eq!(a, b);
    assert!(a.list.windows(2).all(|w| w[0] <= w[1]));
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    // Leftovers from an earlier run would change what is loaded.
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("p/g")).expect("create scratch dir");
    fs::write(
        dir.join("p/platform.yaml"),
        "platform: {id: p, title: P, crate: mpapi-p, base_url: 'https://x', auth: {query: t}, envelope: errno}\n",
    )
    .expect("write platform.yaml");
    dir
}

#[test]
fn garbage_gives_diagnostics_not_panics() {
    let dir = scratch("garbage");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let deep_map = (0..300).fold(String::from("x"), |acc, _| format!("{{a: {acc}}}"));
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.yaml", Vec::new()),
        ("scalar.yaml", b"just a string\n".to_vec()),
        ("number.yaml", b"42\n".to_vec()),
        ("deep_list.yaml", deep.into_bytes()),
        ("deep_map.yaml", deep_map.into_bytes()),
        ("binary.yaml", vec![0, 159, 146, 150, 255, b'\n', b':', b'[']),
        ("controls.yaml", b"\x01\x02: \x03\x07\n\t- {\n".to_vec()),
        ("tabs.yaml", b"endpoint:\n\tid: x\n".to_vec()),
        ("wrong_kinds.yaml", b"endpoint: [1, 2]\ntypes: {a: b}\nenums: 7\nerrors: [[], {}, 3]\nexamples: [null]\nconflicts: \"x\"\n".to_vec()),
        ("odd_values.yaml", b"endpoint:\n  id: [x]\n  method: 5\n  query: [{name: a}, {value: 1}, 3]\ntypes:\n  - name: A\n    fields:\n      - {name: f, type: array<array<>>, bytes: 3, range: {min: x}, each: [1]}\n      - {name: g, type: \"\", required: maybe, aliases: 4}\n    rules:\n      - {kind: 3}\n      - {kind: sum, total: a..b, terms: [{sign: \"*\"}]}\n      - {kind: allowed_values, field: f, depends_on: g, table: [{when: 1}]}\n      - [not, a, map]\n".to_vec()),
        ("anchors.yaml", b"a: &x [*x]\n".to_vec()),
        ("huge_int.yaml", b"endpoint: {id: 999999999999999999999999999999999999999}\n".to_vec()),
    ];
    for (name, bytes) in &files {
        fs::write(dir.join("p/g").join(name), bytes).expect("write garbage file");
    }
    let d = diagnostics(&dir);
    // Every file got at least one diagnostic of its own.
    for (name, _) in &files {
        let path = dir.join("p/g").join(name);
        assert!(
            d.list.iter().any(|x| x.loc.file == path),
            "no diagnostic for {name}:\n{d}"
        );
    }
    // Every diagnostic has a real position.
    assert!(
        d.list.iter().all(|x| x.loc.line >= 1 && x.loc.column >= 1),
        "{d}"
    );
}

#[test]
fn missing_root_is_a_diagnostic() {
    let d = diagnostics(Path::new("tests/fixtures/does-not-exist"));
    assert_eq!(d.len(), 1, "{d}");
    assert!(d.list[0].message.contains("cannot read directory"), "{d}");
}
