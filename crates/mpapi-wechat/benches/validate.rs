//! What validation costs next to serialization, for the uploadShoppingInfo doc example.
//!
//! `cargo bench -p mpapi-wechat --bench validate` prints, side by side in one run, the time
//! to serialize the request with serde_json, to validate the typed request, and to check a
//! raw JSON body (shape, then typed validation) as `mpapi validate` does. The ratio of the
//! first two is the figure to watch: validation runs on every request.

use criterion::{Criterion, criterion_group, criterion_main};
use mpapi_runtime::Validate;
use mpapi_wechat::user_order::{UPLOAD_SHOPPING_INFO, UploadShoppingInfoRequest};
use std::hint::black_box;

fn example() -> (UploadShoppingInfoRequest, serde_json::Value) {
    let text = UPLOAD_SHOPPING_INFO.examples[0]
        .request
        .expect("the spec keeps the doc's request");
    let value: serde_json::Value = serde_json::from_str(text).expect("example is JSON");
    let typed = serde_json::from_value(value.clone()).expect("example deserializes");
    (typed, value)
}

fn bench(c: &mut Criterion) {
    let (typed, value) = example();
    assert!(
        typed.validate().is_ok(),
        "the example must be valid for the comparison to mean anything"
    );
    let mut group = c.benchmark_group("upload_shopping_info");
    group.bench_function("serialize (serde_json::to_vec)", |b| {
        b.iter(|| serde_json::to_vec(black_box(&typed)).expect("serializes"))
    });
    group.bench_function("validate (typed)", |b| {
        b.iter(|| black_box(&typed).validate())
    });
    group.bench_function("validate_request (raw JSON: shape + typed)", |b| {
        b.iter(|| (UPLOAD_SHOPPING_INFO.validate_request)(black_box(&value)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
