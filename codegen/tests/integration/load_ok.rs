//! A small valid spec tree loads and yields the expected model.

use std::path::{Path, PathBuf};

use mpapi_codegen::load::path_text;
use mpapi_codegen::load_and_check;
use mpapi_codegen::model::{
    Envelope, Method, Num, QueryParam, RuleKind, SpecSet, TypeDef, TypeRef, WireKind,
};
use mpapi_codegen::rules;

fn load() -> SpecSet {
    match load_and_check(Path::new("tests/fixtures/ok")) {
        Ok((set, _)) => set,
        Err(diagnostics) => panic!("the ok fixture has diagnostics:\n{diagnostics}"),
    }
}

fn find_type<'a>(set: &'a SpecSet, name: &str) -> &'a TypeDef {
    set.platforms
        .iter()
        .flat_map(|p| &p.groups)
        .flat_map(|g| &g.files)
        .flat_map(|f| &f.types)
        .find(|t| t.name.value == name)
        .unwrap_or_else(|| panic!("type {name} not loaded"))
}

#[test]
fn platform_header() {
    let set = load();
    assert_eq!(set.platforms.len(), 1);
    let p = &set.platforms[0];
    assert_eq!(p.id.value, "shop");
    assert_eq!(p.crate_name.value, "mpapi-shop");
    assert_eq!(p.base_url.value, "https://api.example.com");
    assert_eq!(p.auth.query.value, "access_token");
    assert_eq!(p.envelope.value, Envelope::Errcode);
    assert_eq!(p.errors.len(), 2);
    assert_eq!(p.errors[0].code.value, -1);
    assert!(p.errors[1].fix.is_none());
    assert_eq!(
        p.loc.file,
        PathBuf::from("tests/fixtures/ok/shop/platform.yaml")
    );
}

#[test]
fn files_in_order_with_locations() {
    let set = load();
    let group = &set.platforms[0].groups[0];
    assert_eq!(group.name, "orders");
    let names: Vec<_> = group.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(
        names,
        [
            PathBuf::from("tests/fixtures/ok/shop/orders/types.yaml"),
            PathBuf::from("tests/fixtures/ok/shop/orders/create_order.yaml"),
        ]
    );
    assert!(group.files[0].endpoint.is_none());
    let ep = group.files[1].endpoint.as_ref().expect("endpoint loaded");
    assert_eq!(ep.id.value, "shop.orders.create_order");
    assert_eq!((ep.id.loc.line, ep.id.loc.column), (2, 7));
    assert_eq!((ep.loc.line, ep.loc.column), (1, 1));
    assert_eq!(ep.method.value, Method::Post);
    assert_eq!(ep.path.value, "/orders/create");
    assert_eq!(ep.notes.len(), 1);
    assert_eq!(
        ep.description.as_ref().map(|d| d.value.as_str()),
        Some("Creates an order.\n")
    );
    assert_eq!(
        ep.request.as_ref().map(|r| r.value.as_str()),
        Some("CreateOrderRequest")
    );
    assert_eq!(
        ep.response.as_ref().map(|r| r.value.as_str()),
        Some("CreateOrderResponse")
    );
    match &ep.query[..] {
        [QueryParam::Fixed { name, value }, QueryParam::Typed(field)] => {
            assert_eq!(
                (name.value.as_str(), value.value.as_str()),
                ("action", "create")
            );
            assert_eq!(field.name.value, "shop_id");
            assert!(field.required);
        }
        other => panic!("unexpected query parameters: {other:?}"),
    }
}

#[test]
fn fields_and_constraints() {
    let set = load();
    let req = find_type(&set, "CreateOrderRequest");
    assert_eq!((req.loc.line, req.loc.column), (23, 5));
    let order_no = &req.fields[0];
    assert_eq!(order_no.name.value, "order_no");
    assert_eq!((order_no.name.loc.line, order_no.name.loc.column), (26, 15));
    assert_eq!(order_no.ty.value, TypeRef::String);
    assert!(order_no.required);
    assert_eq!(order_no.missing_code.as_ref().map(|c| c.value), Some(2001));
    assert_eq!(
        order_no.example.as_ref().map(|e| e.value.clone()),
        Some(serde_json::json!("A123"))
    );
    let bytes = order_no.constraints.bytes().expect("bytes");
    assert_eq!(bytes.min.as_ref().map(|m| m.value), Some(1));
    assert_eq!(bytes.max.as_ref().map(|m| m.value), Some(64));
    assert_eq!(bytes.code.as_ref().map(|c| c.value), Some(2002));
    assert!(bytes.min_code.is_none() && bytes.max_code.is_none());
    let chars = order_no.constraints.chars().expect("chars");
    assert!(chars.min.is_none());
    assert!(chars.code.is_none() && chars.min_code.is_none());
    let max_code = chars.max_code.as_ref().expect("max_code");
    assert_eq!(max_code.value, 2007);
    assert_eq!((max_code.loc.line, max_code.loc.column), (32, 42));

    let ctime = req
        .fields
        .iter()
        .find(|f| f.name.value == "Ctime")
        .expect("Ctime");
    assert_eq!(ctime.aliases[0].value, "ctime_legacy");
    assert_eq!(
        ctime.ty.value,
        TypeRef::Int {
            signed: false,
            bits: 32
        }
    );
    assert_eq!(
        ctime.default.as_ref().map(|v| v.value.clone()),
        Some(serde_json::json!(0))
    );

    let tags = req
        .fields
        .iter()
        .find(|f| f.name.value == "tags")
        .expect("tags");
    assert_eq!(tags.ty.value, TypeRef::Array(Box::new(TypeRef::String)));
    let items = tags.constraints.items().expect("items");
    assert_eq!(items.min_code.as_ref().map(|c| c.value), Some(2008));
    assert_eq!(items.code.as_ref().map(|c| c.value), Some(2009));
    assert!(items.max_code.is_none());
    let each = tags.each.as_ref().expect("each");
    assert!(each.bytes().is_some() && each.pattern().is_some() && each.items().is_none());
    let each_bytes = each.bytes().expect("each bytes");
    assert_eq!(each_bytes.min_code.as_ref().map(|c| c.value), Some(2010));
    assert!(each_bytes.code.is_none());

    let items = req
        .fields
        .iter()
        .find(|f| f.name.value == "items")
        .expect("items");
    assert_eq!(
        items.ty.value,
        TypeRef::Array(Box::new(TypeRef::Named("Item".into())))
    );

    let item = find_type(&set, "Item");
    let quantity = item.fields[2].constraints.range().expect("range");
    assert_eq!(quantity.max.as_ref().map(|m| m.value), Some(Num::Int(999)));
    assert_eq!(quantity.min_code.as_ref().map(|c| c.value), Some(2011));
    assert!(quantity.max_code.is_none() && quantity.code.is_none());

    let money = find_type(&set, "Money");
    let range = money.fields[0].constraints.range().expect("range");
    assert_eq!(range.min.as_ref().map(|m| m.value), Some(Num::Int(0)));

    let resp = find_type(&set, "CreateOrderResponse");
    assert_eq!(
        resp.fields[0].rust.as_ref().map(|r| r.value.as_str()),
        Some("id")
    );
}

#[test]
fn rules() {
    let set = load();
    let req = find_type(&set, "CreateOrderRequest");
    assert_eq!(req.rules.len(), 9);
    match &req.rules[0].kind {
        RuleKind::RequiredIf(rules::required_if::Syntax { field, when }) => {
            assert_eq!(path_text(field), "appid");
            assert_eq!(path_text(&when.field), "type");
            assert_eq!(when.one_of[0].value, serde_json::json!("MINI_PROGRAM"));
        }
        other => panic!("expected required_if, got {other:?}"),
    }
    assert_eq!(req.rules[0].code.as_ref().map(|c| c.value), Some(2005));
    assert!(req.rules[0].description.is_some());
    match &req.rules[2].kind {
        RuleKind::AllOrNone(rules::all_or_none::Syntax { field }) => {
            assert!(field.steps[0].each);
            assert_eq!(field.steps[1].field, "sku");
        }
        other => panic!("expected all_or_none, got {other:?}"),
    }
    match &req.rules[4].kind {
        RuleKind::Equal(rules::equal::Syntax { field, to, when }) => {
            assert_eq!(path_text(field), "items[].price.currency");
            assert_eq!(path_text(to), "total.currency");
            assert!(when.is_some());
        }
        other => panic!("expected equal, got {other:?}"),
    }
    match &req.rules[6].kind {
        RuleKind::AllowedValues(rules::allowed_values::Syntax { table, .. }) => {
            assert_eq!(table.len(), 2);
            assert_eq!(table[0].allowed.len(), 2);
        }
        other => panic!("expected allowed_values, got {other:?}"),
    }
    match &req.rules[7].kind {
        RuleKind::Sum(rules::sum::Syntax { total, terms }) => {
            assert_eq!(path_text(total), "total.amount");
            assert!(!terms[0].negative);
            assert_eq!(terms[0].product.len(), 2);
            assert!(terms[1].negative && terms[1].each.is_none());
            assert_eq!(path_text(&terms[1].product[0]), "discount");
        }
        other => panic!("expected sum, got {other:?}"),
    }
    match &req.rules[8].kind {
        RuleKind::Custom(rules::custom::Syntax { function }) => {
            assert_eq!(function.value, "crate::checks::order_total")
        }
        other => panic!("expected custom, got {other:?}"),
    }
}

#[test]
fn enums_tables_examples_conflicts() {
    let set = load();
    let group = &set.platforms[0].groups[0];
    let types = &group.files[0];
    assert_eq!(types.enums.len(), 2);
    assert_eq!(types.enums[0].wire.value, WireKind::String);
    assert_eq!(
        types.enums[0].invalid_code.as_ref().map(|c| c.value),
        Some(1002)
    );
    assert_eq!(types.enums[1].wire.value, WireKind::Integer);
    let paid = &types.enums[1].variants[1];
    assert_eq!((paid.name.value.as_str(), paid.code.value), ("PAID", 10));
    assert_eq!(
        paid.rust.as_ref().map(|r| r.value.as_str()),
        Some("Settled")
    );
    assert_eq!(types.conflicts[0].at.value, "LinkType");

    let ep = &group.files[1];
    assert_eq!(ep.errors.len(), 14);
    assert_eq!(
        ep.errors[1].scope.as_ref().map(|s| s.value.as_str()),
        Some("item")
    );
    assert_eq!(ep.examples.len(), 2);
    let request = ep.examples[0].request.as_ref().expect("request");
    assert_eq!(request.value["items"][0]["quantity"], serde_json::json!(1));
    assert_eq!(ep.examples[0].cleaned.len(), 1);
    assert!(ep.examples[1].request.is_none());
    assert_eq!(
        ep.examples[1].response.as_ref().map(|r| r.value.clone()),
        Some(serde_json::json!({"errcode": 2001, "errmsg": "order_no missing"}))
    );
    assert_eq!(ep.conflicts.len(), 2);
}
