//! What the checker reports for spec mistakes of the spec language v2 (each case a small
//! spec under `tests/fixtures/diagnostics/<case>/`), snapshotted as the full text with
//! file:line:column and help, plus the docs-folder warning.

use std::path::Path;

use mpapi_codegen::diag::Diagnostics;
use mpapi_codegen::{check, load, load_and_check};

fn diagnostics(case: &str) -> Diagnostics {
    let root = Path::new("tests/fixtures/diagnostics").join(case);
    match load_and_check(&root) {
        Ok(_) => panic!("{case} loaded without diagnostics"),
        Err(d) => d,
    }
}

/// Asserts that one diagnostic at `line:column` of the case's `p/g/place.yaml` (or `file`)
/// contains every one of `texts` in its message or help.
fn expect(d: &Diagnostics, file: &str, line: u32, column: u32, texts: &[&str]) {
    let found = d.list.iter().any(|x| {
        x.loc.file.ends_with(file)
            && x.loc.line == line
            && x.loc.column == column
            && texts
                .iter()
                .all(|t| x.message.contains(t) || x.help.as_deref().is_some_and(|h| h.contains(t)))
    });
    assert!(
        found,
        "no diagnostic at {file}:{line}:{column} containing {texts:?}; got:\n{d}"
    );
}

#[test]
fn a_code_in_no_error_table() {
    let d = diagnostics("unknown_code");
    // The rule's code is in no table; the constraint's (77) is in the endpoint's.
    expect(
        &d,
        "g/place.yaml",
        8,
        56,
        &[
            "platform code 99 is in no error table of `p.g.place` nor the platform's",
            "add its row to the `errors:` table of",
        ],
    );
    assert_eq!(d.len(), 1, "{d}");
    insta::assert_snapshot!(d.to_string());
}

/// `when:` on a rule: a condition field that does not exist (with a suggestion) and a value
/// that is not a variant of the tested enum.
#[test]
fn when_conditions_of_rules_that_do_not_resolve() {
    let d = diagnostics("when");
    let f = "g/place.yaml";
    expect(
        &d,
        f,
        16,
        72,
        &[
            "`when.field` `modes` does not resolve: type `Request` has no field `modes`",
            "did you mean `mode`?",
        ],
    );
    expect(
        &d,
        f,
        17,
        68,
        &["\"UNIFED\" is not a valid value of `mode` (Mode): expected one of UNIFIED, SPLIT"],
    );
    insta::assert_snapshot!(d.to_string());
}

/// `when:` on constraints (a missing field, a value outside the enum) and a rule condition
/// through a list (`items[].kind`), each reported by the checker with its location.
#[test]
fn when_conditions_of_constraints_and_through_lists() {
    let d = diagnostics("when_constraints");
    let f = "g/place.yaml";
    expect(
        &d,
        f,
        11,
        41,
        &["`when.field` `missing` does not resolve: type `Request` has no field `missing`"],
    );
    expect(
        &d,
        f,
        14,
        52,
        &["\"NOPE\" is not a valid value of `mode` (Mode): expected one of UNIFIED, SPLIT"],
    );
    expect(
        &d,
        f,
        16,
        60,
        &["`when.field` `items[].kind` goes through a list (`[]`)"],
    );
    assert_eq!(d.len(), 3, "{d}");
    insta::assert_snapshot!(d.to_string());
}

/// The `when` fixture holds five condition mistakes (on constraints, on rules, and through a
/// list); one run reports all of them.
#[test]
fn every_when_mistake_in_one_run() {
    let d = diagnostics("when");
    let f = "g/place.yaml";
    expect(&d, f, 11, 41, &["missing"]);
    expect(&d, f, 14, 52, &["NOPE"]);
    expect(&d, f, 16, 72, &["modes"]);
    expect(&d, f, 17, 68, &["UNIFED"]);
    expect(&d, f, 18, 60, &["goes through a list"]);
    assert_eq!(d.len(), 5, "{d}");
}

#[test]
fn required_if_on_an_always_required_field() {
    let d = diagnostics("required_if_required");
    expect(
        &d,
        "g/place.yaml",
        8,
        37,
        &[
            "`appid` is a required field, so `required_if` never adds anything",
            "make the field `required: false`, or drop the rule",
        ],
    );
    assert_eq!(d.len(), 1, "{d}");
    insta::assert_snapshot!(d.to_string());
}

#[test]
fn spec_language_v1_spellings_say_how_to_write_them_now() {
    let d = diagnostics("v1");
    let f = "g/place.yaml";
    expect(
        &d,
        f,
        5,
        59,
        &[
            "`min_code` is the spec language v1 spelling",
            "did you mean `min: {value: N, code: C}`?",
        ],
    );
    expect(
        &d,
        f,
        6,
        60,
        &[
            "`max_code` is the spec language v1 spelling",
            "did you mean `max: {value: N, code: C}`?",
        ],
    );
    expect(
        &d,
        f,
        7,
        50,
        &[
            "`missing_code` is the spec language v1 spelling",
            "did you mean `required: {code: N}`?",
        ],
    );
    expect(
        &d,
        f,
        12,
        5,
        &[
            "`invalid_code` is the spec language v1 spelling",
            "did you mean `invalid: {code: N}`?",
        ],
    );
    assert_eq!(d.len(), 4, "{d}");
    insta::assert_snapshot!(d.to_string());
}

#[test]
fn a_group_type_reusing_a_shared_type_name() {
    let d = diagnostics("shared_name");
    expect(
        &d,
        "g/place.yaml",
        6,
        11,
        &[
            "`Amount` in group `g` reuses the name of a shared platform type",
            "or use the shared one declared at",
            "p/types.yaml:2:11",
        ],
    );
    // The same for an enum.
    expect(
        &d,
        "g/place.yaml",
        10,
        11,
        &["`Mode` in group `g` reuses the name", "p/types.yaml:6:11"],
    );
    assert_eq!(d.len(), 2, "{d}");
    insta::assert_snapshot!(d.to_string());
}

#[test]
fn a_doc_file_missing_from_the_docs_folder_is_a_warning() {
    let root = Path::new("tests/fixtures/diagnostics/docs");
    let set = load::load_specs(root).expect("the specs are clean");
    let docs = Path::new("tests/fixtures/diagnostics/docs_folder");
    let ir = check::check(&set, Some(docs)).expect("a missing doc is not an error");
    let warnings: Vec<String> = ir.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &ir.warnings[0];
    assert!(w.loc.file.ends_with("g/absent.yaml"), "{w}");
    assert_eq!((w.loc.line, w.loc.column), (1, 52), "{w}");
    assert!(w.message.contains("doc file `absent.txt` is not in"), "{w}");
    insta::assert_snapshot!(warnings.join("\n"));
    // Without a docs folder there is nothing to compare with: no warning.
    let ir = check::check(&set, None).expect("checks");
    assert!(ir.warnings.is_empty(), "{:?}", ir.warnings);
    // The same through `load_and_check`, which has no docs folder.
    let (_, ir) = load_and_check(root).expect("checks");
    assert!(ir.warnings.is_empty(), "{:?}", ir.warnings);
}
