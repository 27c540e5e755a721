//! Generator time for 10, 100 and 1,000 endpoints: load + check + emit (prettyplease
//! formatting included) + export, the work of `cargo xtask gen` minus the writing.
//!
//! The synthetic spec sets are built in a temporary directory from the real specs: the
//! WeChat platform file and copies of ten endpoints of `spec/wechat/order_shipping/` (with
//! its shared types file) as groups `g0000`, `g0001`, … whose endpoint ids name the copy.
//! Each copy is a complete group (types, rules, enums, error codes, sandbox blocks,
//! pagination), so the work per endpoint is that of real specs.
//!
//! ```text
//! cargo bench -p mpapi-codegen --bench generate
//! ```

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The endpoints of `order_shipping` copied into each synthetic group (ten of its twelve).
const ENDPOINTS: [&str; 10] = [
    "get_order",
    "get_order_list",
    "is_trade_managed",
    "is_trade_management_confirmation_completed",
    "notify_confirm_receive",
    "op_special_order",
    "set_msg_jump_path",
    "set_wxa_trade_type",
    "upload_combined_shipping_info",
    "upload_shipping_info",
];

/// The workspace's `spec/` folder.
fn real_specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Writes a spec tree with `endpoints` endpoints (a multiple of ten) under `root` and
/// returns the `spec/` folder to load.
fn synthetic_specs(root: &Path, endpoints: usize) -> PathBuf {
    let spec = root.join("spec");
    let platform = spec.join("wechat");
    let _ = fs::remove_dir_all(&spec);
    fs::create_dir_all(&platform).expect("create the synthetic spec folder");
    let real = real_specs().join("wechat");
    fs::copy(real.join("platform.yaml"), platform.join("platform.yaml")).expect("copy platform");
    let source = real.join("order_shipping");
    let types = fs::read_to_string(source.join("types.yaml")).expect("read types.yaml");
    let files: Vec<(&str, String)> = ENDPOINTS
        .iter()
        .map(|e| {
            let text = fs::read_to_string(source.join(format!("{e}.yaml"))).expect("read spec");
            (*e, text)
        })
        .collect();
    for g in 0..endpoints / ENDPOINTS.len() {
        let group = format!("g{g:04}");
        let dir = platform.join(&group);
        fs::create_dir_all(&dir).expect("create a group folder");
        fs::write(dir.join("types.yaml"), &types).expect("write types.yaml");
        for (name, text) in &files {
            // Each copy gets its own sandbox store and seed list: a store has one seed.
            let text = text
                .replace("wechat.order_shipping.", &format!("wechat.{group}."))
                .replace("payment_orders", &format!("payment_orders_{group}"))
                .replace("list: payments", &format!("list: payments_{group}"));
            fs::write(dir.join(format!("{name}.yaml")), text).expect("write an endpoint spec");
        }
    }
    spec
}

/// Everything `cargo xtask gen` does but write: load, check, emit and format, export.
fn generate(spec: &Path) -> usize {
    let (_, ir) = mpapi_codegen::load_and_check(spec).expect("the synthetic specs are clean");
    let mut files = mpapi_codegen::emit::emit(&ir).expect("emits");
    files.extend(mpapi_codegen::export::export(&ir));
    files.iter().map(|f| f.contents.len()).sum()
}

fn bench(c: &mut Criterion) {
    let root = std::env::temp_dir().join(format!("mpapi-gen-bench-{}", std::process::id()));
    let mut group = c.benchmark_group("generate");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in [10, 100, 1000] {
        let spec = synthetic_specs(&root, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("endpoints", n), &spec, |b, spec| {
            b.iter(|| black_box(generate(spec)))
        });
    }
    group.finish();
    let _ = fs::remove_dir_all(&root);
}

criterion_group!(benches, bench);
criterion_main!(benches);
