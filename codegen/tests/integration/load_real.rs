//! The real spec tree under `spec/` loads and checks without a diagnostic.

use std::path::Path;

#[test]
fn real_specs_load_clean() {
    // Tests run in the crate directory.
    let root = Path::new("../spec");
    match mpapi_codegen::load_and_check(root) {
        Ok((set, _)) => assert!(
            !set.platforms.is_empty(),
            "no platform found under {root:?}"
        ),
        Err(diagnostics) => panic!("spec diagnostics:\n{diagnostics}"),
    }
}

/// Every endpoint of the real specs says whether a repeat is harmless: the client's retry
/// policy follows it, so a new endpoint must decide (with the doc's reason) rather than
/// fall back silently to "not idempotent".
#[test]
fn every_real_endpoint_declares_whether_it_is_idempotent() {
    let (set, _) = mpapi_codegen::load_and_check(Path::new("../spec")).expect("specs load clean");
    let mut undecided = Vec::new();
    let mut seen = 0;
    for ep in set
        .platforms
        .iter()
        .flat_map(|p| &p.groups)
        .flat_map(|g| &g.files)
        .filter_map(|f| f.endpoint.as_ref())
    {
        seen += 1;
        match &ep.idempotent {
            Some(i) if !i.value.reason.trim().is_empty() => {}
            _ => undecided.push(ep.id.value.clone()),
        }
    }
    assert!(seen > 0, "no endpoint found");
    assert!(
        undecided.is_empty(),
        "add `idempotent: {{value: true|false, reason: ...}}` to: {undecided:?}"
    );
}

/// The real specs say every rule in the spec language: no `custom` rule (a hand-written
/// check) is left, so an endpoint is described by its spec alone.
#[test]
fn real_specs_need_no_hand_written_checks() {
    let (set, _) = mpapi_codegen::load_and_check(Path::new("../spec")).expect("specs load clean");
    let mut custom = Vec::new();
    let mut rules = 0;
    for f in set
        .platforms
        .iter()
        .flat_map(|p| &p.groups)
        .flat_map(|g| &g.files)
    {
        for t in &f.types {
            for r in &t.rules {
                rules += 1;
                if matches!(r.kind, mpapi_codegen::rules::RuleSyntax::Custom(_)) {
                    custom.push(format!("{} ({})", t.name.value, r.loc));
                }
            }
        }
    }
    assert!(rules > 0, "no rule found");
    assert!(
        custom.is_empty(),
        "say these with declared rules instead of `custom`: {custom:?}"
    );
}
