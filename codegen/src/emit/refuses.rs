//! The emitter reads only a checked IR and cannot fail on a spec; when it meets an IR the
//! checker could never have produced, it stops with "internal generator error" rather than
//! silently writing code without the rule. Each test takes the checked construct fixtures
//! (`tests/fixtures/constructs/`) and corrupts one thing.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::ir::{EnumId, FieldPath, Ir, Lit, Platform, Ty, TypeId};
use crate::rules::RuleIrKind;
use crate::{emit, load_and_check};

fn checked() -> Ir {
    match load_and_check(Path::new("tests/fixtures/constructs")) {
        Ok((_, ir)) => ir,
        Err(d) => panic!("the construct fixtures must load:\n{d}"),
    }
}

/// The `Request` type of construct group `group`.
fn request<'a>(p: &'a mut Platform, group: &str) -> &'a mut crate::ir::Type {
    let g = p
        .groups
        .iter()
        .find(|g| g.name == group)
        .unwrap_or_else(|| panic!("no group {group}"));
    let id = g.endpoints[0]
        .request
        .expect("a construct endpoint has a body");
    &mut p.types[id.0]
}

/// Emits `ir` and returns the panic message; fails if emission does not panic.
fn refusal(ir: &Ir) -> String {
    let outcome = catch_unwind(AssertUnwindSafe(|| emit::emit(ir)));
    match outcome {
        Ok(Ok(files)) => panic!("emitted {} files from a corrupt IR", files.len()),
        Ok(Err(e)) => panic!("emitted code that does not parse instead of refusing: {e}"),
        Err(payload) => payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default(),
    }
}

fn assert_refuses(ir: &Ir, what: &str) {
    let msg = refusal(ir);
    assert!(
        msg.contains("internal generator error") && msg.contains(what),
        "unexpected panic: {msg}"
    );
}

#[test]
fn the_uncorrupted_fixtures_emit() {
    let files = emit::emit(&checked()).expect("emits");
    assert!(!files.is_empty());
}

#[test]
fn a_condition_variant_past_the_enum_is_refused() {
    let mut ir = checked();
    let ty = request(&mut ir.platforms[0], "required_if");
    let RuleIrKind::RequiredIf(r) = &mut ty.rules[0].kind else {
        panic!("required_if rule expected")
    };
    let Lit::Variant { index, .. } = &mut r.when.values[0] else {
        panic!("an enum condition expected")
    };
    *index = 99;
    assert_refuses(&ir, "a condition names a variant its enum does not have");
}

#[test]
fn a_one_of_required_condition_variant_past_the_enum_is_refused() {
    let mut ir = checked();
    let ty = request(&mut ir.platforms[0], "one_of_required_when");
    let RuleIrKind::OneOfRequired(r) = &mut ty.rules[0].kind else {
        panic!("one_of_required rule expected")
    };
    let when = r.when.as_mut().expect("a condition");
    let Lit::Variant { index, .. } = &mut when.values[0] else {
        panic!("an enum condition expected")
    };
    *index = 7;
    assert_refuses(&ir, "variant");
}

#[test]
fn a_conditional_constraint_variant_past_the_enum_is_refused() {
    let mut ir = checked();
    let ty = request(&mut ir.platforms[0], "items_when");
    let RuleIrKind::Conditional(c) = &mut ty.rules[0].kind else {
        panic!("a conditional constraint expected")
    };
    let Lit::Variant { index, .. } = &mut c.when.values[0] else {
        panic!("an enum condition expected")
    };
    *index = 2;
    assert_refuses(&ir, "variant");
}

#[test]
fn an_allowed_value_past_the_enum_is_refused() {
    let mut ir = checked();
    let ty = request(&mut ir.platforms[0], "allowed_values_enum");
    let RuleIrKind::AllowedValues(r) = &mut ty.rules[0].kind else {
        panic!("allowed_values rule expected")
    };
    let Lit::Variant { index, .. } = &mut r.rows[0].1[0] else {
        panic!("an enum value expected")
    };
    *index = 3;
    assert_refuses(&ir, "variant");
}

#[test]
fn a_type_id_out_of_range_is_refused() {
    let mut ir = checked();
    let n = ir.platforms[0].types.len();
    let ty = request(&mut ir.platforms[0], "shared_a");
    assert!(matches!(ty.fields[0].ty, Ty::Object(_)));
    ty.fields[0].ty = Ty::Object(TypeId(n + 5));
    assert_refuses(&ir, "a type id does not belong to its platform");
}

#[test]
fn an_enum_id_out_of_range_is_refused() {
    let mut ir = checked();
    let n = ir.platforms[0].enums.len();
    let ty = request(&mut ir.platforms[0], "enum_invalid");
    assert!(matches!(ty.fields[0].ty, Ty::Enum(_)));
    ty.fields[0].ty = Ty::Enum(EnumId(n));
    assert_refuses(&ir, "an enum id does not belong to its platform");
}

#[test]
fn a_condition_on_an_enum_id_out_of_range_is_refused() {
    let mut ir = checked();
    let n = ir.platforms[0].enums.len();
    let ty = request(&mut ir.platforms[0], "required_if");
    let RuleIrKind::RequiredIf(r) = &mut ty.rules[0].kind else {
        panic!("required_if rule expected")
    };
    let Lit::Variant { en, .. } = &mut r.when.values[0] else {
        panic!("an enum condition expected")
    };
    *en = EnumId(n + 1);
    assert_refuses(&ir, "an enum id does not belong to its platform");
}

#[test]
fn a_module_listing_a_missing_type_is_refused() {
    let mut ir = checked();
    let n = ir.platforms[0].types.len();
    ir.platforms[0].groups[0].module.types.push(TypeId(n));
    assert_refuses(&ir, "a type id does not belong to its platform");
}

/// An empty rule path is refused where the path is read, not emitted as `self`.
#[test]
fn an_empty_rule_path_is_refused() {
    let mut ir = checked();
    let ty = request(&mut ir.platforms[0], "length_equals");
    let RuleIrKind::LengthEquals(r) = &mut ty.rules[0].kind else {
        panic!("length_equals rule expected")
    };
    r.field = FieldPath { steps: Vec::new() };
    assert_refuses(&ir, "empty field path");
}
