//! Drift over copies of the specs and of the real docs with known edits.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::drift::{self, Status};
use super::facts::ChangeKind;
use super::{accept, capture, drift_command, load_spec_dir};

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The real docs folder; the tests need it (CI has it beside the checkout).
pub(crate) fn real_docs() -> PathBuf {
    mpapi_codegen::docs_dir(&workspace())
        .expect("the docs folder (MPAPI_DOCS_DIR or ../shared/docs) is needed by these tests")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy file");
        }
    }
}

/// A scratch copy of `spec/` and of the docs folder.
pub(crate) struct Scratch {
    pub(crate) root: PathBuf,
}

impl Scratch {
    pub(crate) fn new(what: &str) -> Scratch {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("mpapi-docs-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(&workspace().join("spec"), &root.join("spec"));
        copy_dir(&real_docs(), &root.join("docs"));
        Scratch { root }
    }
    pub(crate) fn spec(&self) -> PathBuf {
        self.root.join("spec")
    }
    fn docs(&self) -> PathBuf {
        self.root.join("docs")
    }
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).expect("read")
    }
    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).expect("write");
    }
    /// Edits the `## heading` section of a doc file.
    fn edit_section(&self, file: &str, heading: &str, edit: impl Fn(&str) -> String) {
        let rel = format!("docs/{file}");
        let text = self.read(&rel);
        let s = capture::find_section(&text, Some(heading)).expect("section");
        let start = s.text.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + s.text.len();
        let edited = edit(s.text);
        assert_ne!(edited, s.text, "the edit changed nothing");
        self.write(&rel, &format!("{}{edited}{}", &text[..start], &text[end..]));
    }
    /// `spec/...yaml:LINE:COL` of the first line of `rel` that is `line` once trimmed.
    fn spec_line(&self, rel: &str, line: &str) -> String {
        let text = self.read(rel);
        let (i, l) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim() == line)
            .unwrap_or_else(|| panic!("`{line}` is not in {rel}"));
        // A list item's location is that of its first key, after the `- `.
        let dash = if l.trim_start().starts_with("- ") {
            2
        } else {
            0
        };
        let col = l.len() - l.trim_start().len() + 1 + dash;
        format!("{}:{}:{col}", self.root.join(rel).display(), i + 1)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

const ADD_ORDER: &str = "spec/wechat/logistics/add_order.yaml";
const BUSINESS: &str = "wechat-express-by-business.zh.md";

#[test]
fn the_committed_specs_have_no_drift_on_the_real_docs() {
    let s = Scratch::new("clean");
    let (code, out) = drift_command(&s.spec(), &real_docs(), false, false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no drift"), "{out}");
    let set = load_spec_dir(&s.spec()).expect("specs load");
    let report = drift::drift(&set, &real_docs(), false).expect("report");
    assert!(report.endpoints.len() >= 5);
    for e in &report.endpoints {
        for src in &e.sources {
            assert_eq!(src.status, Status::Unchanged, "{}: {}", e.id, src.file);
            assert!(src.recorded_sha256.is_some(), "{} records no hash", e.id);
        }
    }
}

#[test]
fn known_edits_of_a_structured_section_are_reported_with_spec_locations() {
    let s = Scratch::new("edits");
    s.edit_section(BUSINESS, "生成运单", |t| {
        t.replace(
            "须保证全局唯一，不超过512字节",
            "须保证全局唯一，不超过256字节",
        )
        .replace(
            "| tagid | number | 否 |",
            "| remark_code | string | 否 | 新增的备注编码 |\n| tagid | number | 否 |",
        )
        .replace(
            "| 9300536 | invalid wxa_appid | add_source=2时，wx_appid无效 |\n",
            "",
        )
        .replace("1：总部签约结算】", "1：总部统一签约】")
    });
    // Sections of other endpoints in the same file are untouched.
    let set = load_spec_dir(&s.spec()).expect("specs load");
    let report = drift::drift(&set, &s.docs(), false).expect("report");
    assert!(report.drift);
    assert_eq!(report.review, ["wechat.logistics.add_order"]);
    let ep = &report
        .endpoints
        .iter()
        .find(|e| e.id == "wechat.logistics.add_order")
        .expect("ep");
    let txt = &ep.sources[0];
    assert_eq!(txt.status, Status::Unchanged);
    let md = &ep.sources[1];
    assert_eq!(md.status, Status::Changed);
    assert_ne!(md.recorded_sha256, md.current_sha256);
    let got: Vec<(ChangeKind, &str, &str)> = md
        .changes
        .iter()
        .map(|c| {
            (
                c.change.kind.clone(),
                c.change.path.as_str(),
                c.location.as_str(),
            )
        })
        .collect();
    let order_id = s.spec_line(ADD_ORDER, "- name: order_id");
    let request_type = s.spec_line(ADD_ORDER, "- name: AddOrderRequest");
    let error_row = s.spec_line(ADD_ORDER, "- code: 9300536");
    assert_eq!(
        got,
        vec![
            (ChangeKind::LimitChanged, "body.order_id", order_id.as_str()),
            (
                ChangeKind::FieldAdded,
                "body.remark_code",
                request_type.as_str()
            ),
            (
                ChangeKind::EnumValueRenamed,
                "body.take_mode",
                request_type.as_str()
            ),
            (
                ChangeKind::ErrorRemoved,
                "errors.9300536",
                error_row.as_str()
            ),
        ]
    );
    assert!(
        md.changes[0]
            .message
            .contains("bytes [_, 512] -> bytes [_, 256]")
    );
    assert!(md.changes[2].message.contains("总部统一签约"));

    let (code, out) = drift_command(&s.spec(), &s.docs(), false, false);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{order_id}: `body.order_id`: bytes")),
        "{out}"
    );
    assert!(
        out.contains("drift: 1 endpoint(s) to review: wechat.logistics.add_order"),
        "{out}"
    );
    let (code, json) = drift_command(&s.spec(), &s.docs(), true, false);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        v["review"],
        serde_json::json!(["wechat.logistics.add_order"])
    );
    assert_eq!(v["drift"], true);
}

#[test]
fn free_text_captures_are_compared_by_hash_and_missing_sources_reported() {
    let s = Scratch::new("free");
    let rel = "docs/wechat-logistics-add-order.zh.txt";
    let text = s.read(rel);
    // Layout alone is no change.
    s.write(rel, &text.replace('\n', "  \n\n"));
    let set = load_spec_dir(&s.spec()).expect("specs load");
    assert!(!drift::drift(&set, &s.docs(), false).expect("report").drift);
    s.write(rel, &text.replace("不超过512字节", "不超过256字节"));
    std::fs::remove_file(s.docs().join("wechat-mall-importorder.zh.txt")).expect("rm");
    let report = drift::drift(&set, &s.docs(), false).expect("report");
    let by_id = |id: &str| report.endpoints.iter().find(|e| e.id == id).expect("ep");
    let add = by_id("wechat.logistics.add_order");
    assert_eq!(add.sources[0].status, Status::Changed);
    assert!(add.sources[0].changes.is_empty());
    assert!(
        add.sources[0].hint.contains("add_order.yaml"),
        "{}",
        add.sources[0].hint
    );
    assert_eq!(add.sources[1].status, Status::Unchanged);
    assert_eq!(
        by_id("wechat.mall.import_order").sources[0].status,
        Status::Missing
    );
    assert_eq!(report.review.len(), 2);
    // A section renamed away is missing too.
    s.edit_section(BUSINESS, "生成运单", |t| {
        t.replacen("## 生成运单", "## 生成运单（新版）", 1)
    });
    let report = drift::drift(&set, &s.docs(), false).expect("report");
    let add = report
        .endpoints
        .iter()
        .find(|e| e.id == "wechat.logistics.add_order")
        .expect("ep");
    assert_eq!(add.sources[1].status, Status::Missing);
    assert!(add.sources[1].hint.contains("no section `## 生成运单`"));
}

#[test]
fn unreadable_input_exits_2() {
    let s = Scratch::new("bad");
    let (code, _) = drift_command(&s.spec(), &s.root.join("no-such-docs"), false, false);
    assert_eq!(code, 2);
    s.write("spec/wechat/logistics/add_order.doc.lock", "{ not json");
    let (code, _) = drift_command(&s.spec(), &s.docs(), false, false);
    assert_eq!(code, 2);
    // A malformed hash is a spec diagnostic with its location.
    let spec = s.read(ADD_ORDER);
    let bad = spec.replacen("sha256: bbc8108e", "sha256: XYZ8108e", 1);
    s.write(ADD_ORDER, &bad);
    match load_spec_dir(&s.spec()) {
        Ok(_) => panic!("a bad hash loaded"),
        Err(e) => assert!(
            e.contains("add_order.yaml:6:15") && e.contains("64 lowercase hex"),
            "{e}"
        ),
    }
}

#[test]
fn accept_converts_the_old_form_using_the_title_as_section() {
    let s = Scratch::new("accept");
    let spec = s.read(ADD_ORDER);
    let start = spec.find("  doc:\n").expect("doc block");
    let end = spec.find("  title:").expect("title");
    let old = format!("{}  doc: {BUSINESS}\n{}", &spec[..start], &spec[end..]);
    s.write(ADD_ORDER, &old);
    std::fs::remove_file(s.root.join("spec/wechat/logistics/add_order.doc.lock")).expect("rm");
    let set = load_spec_dir(&s.spec()).expect("old form loads");
    let report = drift::drift(&set, &s.docs(), false).expect("report");
    assert_eq!(report.review, ["wechat.logistics.add_order"]);
    let ep = report
        .endpoints
        .iter()
        .find(|e| e.id == "wechat.logistics.add_order")
        .expect("ep");
    assert_eq!(
        ep.sources[0].status,
        Status::NotRecorded,
        "{}",
        ep.sources[0].hint
    );
    assert!(
        ep.sources[0]
            .hint
            .contains("docs accept wechat.logistics.add_order")
    );

    accept::accept(&set, &s.docs(), "wechat.logistics.add_order").expect("accepted");
    let now = s.read(ADD_ORDER);
    assert!(now.contains("  doc:\n    - file: wechat-express-by-business.zh.md\n      section: 生成运单\n      url: https://developers.weixin.qq.com/"), "{now}");
    assert!(
        s.root
            .join("spec/wechat/logistics/add_order.doc.lock")
            .is_file()
    );
    let set = load_spec_dir(&s.spec()).expect("accepted spec loads");
    assert!(!drift::drift(&set, &s.docs(), false).expect("report").drift);
    assert!(accept::accept(&set, &s.docs(), "wechat.nope.x").is_err());
}

#[test]
fn against_spec_lists_differences_without_a_recorded_conflict() {
    let s = Scratch::new("against");
    let set = load_spec_dir(&s.spec()).expect("specs load");
    let report = drift::drift(&set, &s.docs(), true).expect("report");
    let ep = report
        .endpoints
        .iter()
        .find(|e| e.id == "wechat.logistics.add_order")
        .expect("ep");
    let name_line = s.spec_line(ADD_ORDER, "- name: Sender");
    let finds = |path: &str| ep.against_spec.iter().any(|f| f.path == path);
    assert!(finds("body.take_mode"), "{:?}", ep.against_spec);
    assert!(finds("body.sender.name"));
    assert!(!finds("query.access_token") && !finds("response.errcode"));
    assert!(!name_line.is_empty());
    // Recording the conflict silences it.
    let spec = s.read(ADD_ORDER);
    let with = spec.replacen(
        "conflicts:\n",
        "conflicts:\n  - at: Sender.name\n    doc: 结构化参考把 sender.name 标为否。\n    reading: 按页面要求必填。\n",
        1,
    );
    s.write(ADD_ORDER, &with);
    let set = load_spec_dir(&s.spec()).expect("specs load");
    let report = drift::drift(&set, &s.docs(), true).expect("report");
    let ep = report
        .endpoints
        .iter()
        .find(|e| e.id == "wechat.logistics.add_order")
        .expect("ep");
    assert!(!ep.against_spec.iter().any(|f| f.path == "body.sender.name"));
    assert!(
        ep.against_spec
            .iter()
            .any(|f| f.path == "body.receiver.name")
    );
}

/// Every endpoint of every structured capture, drafted into its own new group of a copy of
/// `spec/`, passes the generator (load, check and emit).
#[test]
fn a_draft_of_every_structured_section_passes_the_generator() {
    let s = Scratch::new("drafts");
    let docs = real_docs();
    let mut files: Vec<String> = std::fs::read_dir(&docs)
        .expect("docs")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| capture::is_structured(f) && f != "README.md")
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let mut drafted = 0;
    for (k, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(docs.join(file)).expect("read");
        let group = format!("draft_probe_{k}");
        let dir = s.spec().join("wechat").join(&group);
        std::fs::create_dir_all(&dir).expect("group dir");
        let sections: Vec<Option<String>> = if capture::is_multi_endpoint(&text) {
            capture::endpoint_sections(&text)
                .into_iter()
                .map(|s| s.heading)
                .collect()
        } else {
            vec![None]
        };
        for (j, section) in sections.iter().enumerate() {
            let name = format!("endpoint_{j}");
            let id = format!("wechat.{group}.{name}");
            let draft = super::draft::draft_file(&docs.join(file), section.as_deref(), &id)
                .unwrap_or_else(|e| panic!("{file} § {section:?}: {e}"));
            std::fs::write(dir.join(format!("{name}.yaml")), draft).expect("write draft");
            drafted += 1;
        }
    }
    assert!(drafted >= 30, "only {drafted} sections drafted");
    match mpapi_codegen::generate(&s.root) {
        Ok(g) => {
            let modules = g
                .files
                .iter()
                .filter(|f| f.path.to_string_lossy().contains("draft_probe_"))
                .count();
            assert!(modules >= files.len(), "{modules} draft modules generated");
        }
        Err(e) => panic!("the drafts do not pass the generator:\n{e}"),
    }
}

#[test]
fn a_draft_carries_the_tables_facts() {
    let docs = real_docs();
    let text = super::draft::draft_file(
        &docs.join("wechat-order-shipping.zh.md"),
        Some("发货信息录入"),
        "wechat.order_shipping.upload_shipping_info",
    )
    .expect("draft");
    for needle in [
        "  method: POST\n  path: /wxa/sec/order/upload_shipping_info\n",
        "section: 发货信息录入",
        "      - name: shipping_list\n        type: array<UploadShippingInfoShippingList>\n        required: true\n",
        "        items: { min: 1, max: 15 }\n",
        "        bytes: { min: 1, max: 128 }\n",
        "  - name: UploadShippingInfoDeliveryMode\n",
        "      - name: UNIFIED_DELIVERY\n        code: 1\n",
        "  - code: 268485228\n",
        "# TODO(rule): the description states a rule in prose (必填)",
        "# TODO(limit): the doc states range [0, 1024] on a `string` value",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert!(
        !text.contains("sha256"),
        "a draft records no hash before review"
    );
    // A multi-endpoint file needs a section; a free-text capture is refused.
    let e = super::draft::draft_file(
        &docs.join("wechat-order-shipping.zh.md"),
        None,
        "wechat.a.b",
    )
    .expect_err("no section");
    assert!(e.contains("发货信息录入"), "{e}");
    assert!(
        super::draft::draft_file(
            &docs.join("wechat-logistics-add-order.zh.txt"),
            None,
            "wechat.a.b"
        )
        .is_err()
    );
    assert!(
        super::draft::draft_file(
            &docs.join("wechat-order-shipping.zh.md"),
            Some("发货信息录入"),
            "Bad.Id"
        )
        .is_err()
    );
}
