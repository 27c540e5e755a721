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

/// The real docs folder (`MPAPI_DOCS_DIR`, or `../shared/docs` beside the checkout). The
/// tests that read the docs say so on stderr and check nothing when it is absent: a clone
/// without the docs cannot tell drift from a missing folder.
pub(crate) fn real_docs() -> Option<PathBuf> {
    let found = mpapi_codegen::docs_dir(&workspace());
    if found.is_none() {
        eprintln!("skipped: no docs folder (set MPAPI_DOCS_DIR or put the docs at ../shared/docs)");
    }
    found
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
    pub(crate) fn new(what: &str) -> Option<Scratch> {
        let docs = real_docs()?;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("mpapi-docs-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        // Only the platform files: the tests' endpoints are drafted into it, so that they do
        // not depend on the specs being written meanwhile.
        for platform in std::fs::read_dir(workspace().join("spec")).expect("spec dir") {
            let platform = platform.expect("entry").path();
            if !platform.is_dir() {
                continue;
            }
            let name = platform.file_name().expect("name").to_owned();
            std::fs::create_dir_all(root.join("spec").join(&name)).expect("platform dir");
            for f in ["platform.yaml", "types.yaml"] {
                if platform.join(f).is_file() {
                    std::fs::copy(platform.join(f), root.join("spec").join(&name).join(f))
                        .expect("copy");
                }
            }
        }
        copy_dir(&docs, &root.join("docs"));
        Some(Scratch { root })
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
    /// Drafts the 生成运单 section as `wechat.drift_probe.add_order`, lets `edit` change the
    /// draft's text, and accepts it (hashes into the spec, facts into the lock file).
    pub(crate) fn probe(&self, edit: impl Fn(&str) -> String) {
        let dir = self.spec().join("wechat").join("drift_probe");
        std::fs::create_dir_all(&dir).expect("probe dir");
        let draft = super::draft::draft_file(&self.docs().join(BUSINESS), Some("生成运单"), PROBE)
            .expect("draft");
        self.write(PROBE_FILE, &edit(&draft));
        let set = load_spec_dir(&self.spec()).expect("the probe loads");
        accept::accept(&set, &self.docs(), PROBE).expect("accepted");
    }

    fn report(&self, against_spec: bool) -> drift::Report {
        let set = load_spec_dir(&self.spec()).expect("specs load");
        drift::drift(&set, &self.docs(), against_spec).expect("report")
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

const PROBE: &str = "wechat.drift_probe.add_order";
const PROBE_FILE: &str = "spec/wechat/drift_probe/add_order.yaml";
const BUSINESS: &str = "wechat-express-by-business.zh.md";
const FREE_TEXT: &str = "wechat-logistics-add-order.zh.txt";

fn probe_report(r: &drift::Report) -> &drift::EndpointReport {
    r.endpoints
        .iter()
        .find(|e| e.id == PROBE)
        .expect("the probe is reported")
}

/// Adds the free-text capture as a first source of the draft.
fn with_free_text(draft: &str) -> String {
    draft.replacen("  doc:\n", &format!("  doc:\n    - file: {FREE_TEXT}\n"), 1)
}

#[test]
fn the_committed_specs_match_the_real_docs() {
    let Some(docs) = real_docs() else {
        return;
    };
    let spec = workspace().join("spec");
    let set = load_spec_dir(&spec).expect("specs load");
    let report = drift::drift(&set, &docs, false).expect("report");
    let mut recorded = 0;
    for e in &report.endpoints {
        for src in &e.sources {
            match src.recorded_sha256 {
                // Every hash a spec records is the current one, with its facts.
                Some(_) => {
                    recorded += 1;
                    assert_eq!(
                        src.status,
                        Status::Unchanged,
                        "{}: {}: {}",
                        e.id,
                        src.file,
                        src.hint
                    );
                }
                // A spec still in the old form is reported, never taken for unchanged.
                None => assert_eq!(src.status, Status::NotRecorded, "{}: {}", e.id, src.file),
            }
        }
    }
    assert!(recorded >= 6, "only {recorded} sources record a hash");
    let (code, out) = drift_command(&spec, &docs, false, false);
    assert_eq!(code, u8::from(report.drift), "{out}");
}

#[test]
fn known_edits_of_a_structured_section_are_reported_with_spec_locations() {
    let Some(s) = Scratch::new("edits") else {
        return;
    };
    s.probe(|d| d.to_owned());
    let (code, out) = drift_command(&s.spec(), &s.docs(), false, false);
    assert_eq!(code, 0, "{out}");
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
    let report = s.report(false);
    assert!(report.drift);
    assert_eq!(report.review, [PROBE]);
    let md = &probe_report(&report).sources[0];
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
    let order_id = s.spec_line(PROBE_FILE, "- name: order_id");
    let request_type = s.spec_line(PROBE_FILE, "- name: AddOrderRequest");
    let take_mode = s.spec_line(PROBE_FILE, "- name: take_mode");
    let error_row = s.spec_line(PROBE_FILE, "- code: 9300536");
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
                take_mode.as_str()
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
        out.contains(&format!("drift: 1 endpoint(s) to review: {PROBE}")),
        "{out}"
    );
    let (code, json) = drift_command(&s.spec(), &s.docs(), true, false);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["review"], serde_json::json!([PROBE]));
    assert_eq!(v["drift"], true);
    assert_eq!(
        v["endpoints"][0]["sources"][0]["changes"][3]["kind"],
        "error_removed"
    );
}

#[test]
fn free_text_captures_are_compared_by_hash_and_missing_sources_reported() {
    let Some(s) = Scratch::new("free") else {
        return;
    };
    s.probe(with_free_text);
    let rel = format!("docs/{FREE_TEXT}");
    let text = s.read(&rel);
    // Layout alone is no change.
    s.write(&rel, &text.replace('\n', "  \n\n"));
    assert!(!s.report(false).drift);
    s.write(&rel, &text.replace("不超过512字节", "不超过256字节"));
    let report = s.report(false);
    let ep = probe_report(&report);
    assert_eq!(ep.sources[0].status, Status::Changed);
    assert!(ep.sources[0].changes.is_empty());
    assert!(
        ep.sources[0].hint.contains("drift_probe/add_order.yaml"),
        "{}",
        ep.sources[0].hint
    );
    assert_eq!(ep.sources[1].status, Status::Unchanged);
    std::fs::remove_file(s.docs().join(FREE_TEXT)).expect("rm");
    let report = s.report(false);
    assert_eq!(probe_report(&report).sources[0].status, Status::Missing);
    // A section renamed away is missing too.
    s.edit_section(BUSINESS, "生成运单", |t| {
        t.replacen("## 生成运单", "## 生成运单（新版）", 1)
    });
    let report = s.report(false);
    let ep = probe_report(&report);
    assert_eq!(ep.sources[1].status, Status::Missing);
    assert!(ep.sources[1].hint.contains("no section `## 生成运单`"));
}

#[test]
fn unreadable_input_exits_2() {
    let Some(s) = Scratch::new("bad") else {
        return;
    };
    s.probe(|d| d.to_owned());
    let (code, _) = drift_command(&s.spec(), &s.root.join("no-such-docs"), false, false);
    assert_eq!(code, 2);
    let lock = "spec/wechat/drift_probe/add_order.doc.lock";
    let good = s.read(lock);
    s.write(lock, "{ not json");
    let (code, _) = drift_command(&s.spec(), &s.docs(), false, false);
    assert_eq!(code, 2);
    s.write(lock, &good);
    // A malformed hash is a spec diagnostic with its location.
    let spec = s.read(PROBE_FILE);
    let at = spec.find("sha256: ").expect("hash") + "sha256: ".len();
    s.write(
        PROBE_FILE,
        &format!("{}XYZ{}", &spec[..at], &spec[at + 3..]),
    );
    let line = s.spec_line(
        PROBE_FILE,
        &format!("sha256: XYZ{}", &spec[at + 3..at + 64]),
    );
    match load_spec_dir(&s.spec()) {
        Ok(_) => panic!("a bad hash loaded"),
        Err(e) => {
            let (file_line, _) = line.rsplit_once(':').expect("col");
            assert!(
                e.contains(file_line) && e.contains("64 lowercase hex"),
                "{e}"
            )
        }
    }
    let (code, _) = drift_command(&s.spec(), &s.docs(), false, false);
    assert_eq!(code, 2);
}

#[test]
fn accept_converts_the_old_form_using_the_title_as_section() {
    let Some(s) = Scratch::new("accept") else {
        return;
    };
    s.probe(|d| {
        let start = d.find("  doc:\n").expect("doc block");
        let end = d.find("  title:").expect("title");
        format!("{}  doc: {BUSINESS}\n{}", &d[..start], &d[end..])
    });
    // The probe was accepted from the old form: its source is now recorded.
    let spec = s.read(PROBE_FILE);
    assert!(
        spec.contains(&format!("  doc:\n    - file: {BUSINESS}\n      section: 生成运单\n      url: https://developers.weixin.qq.com/")),
        "{spec}"
    );
    assert!(!s.report(false).drift);
    // Back to the old form, without the lock: not recorded, with the command to run.
    let start = spec.find("  doc:\n").expect("doc block");
    let end = spec.find("  title:").expect("title");
    s.write(
        PROBE_FILE,
        &format!("{}  doc: {BUSINESS}\n{}", &spec[..start], &spec[end..]),
    );
    std::fs::remove_file(s.root.join("spec/wechat/drift_probe/add_order.doc.lock")).expect("rm");
    let report = s.report(false);
    assert_eq!(report.review, [PROBE]);
    let src = &probe_report(&report).sources[0];
    assert_eq!(src.status, Status::NotRecorded, "{}", src.hint);
    assert_eq!(src.section.as_deref(), Some("生成运单"));
    assert!(src.hint.contains(&format!("docs accept {PROBE}")));
    let set = load_spec_dir(&s.spec()).expect("specs load");
    accept::accept(&set, &s.docs(), PROBE).expect("accepted");
    assert!(!s.report(false).drift);
    assert!(accept::accept(&set, &s.docs(), "wechat.nope.x").is_err());
}

#[test]
fn against_spec_lists_differences_without_a_recorded_conflict() {
    let Some(s) = Scratch::new("against") else {
        return;
    };
    // The draft says what the doc says, except where edited here.
    s.probe(|d| {
        d.replacen(
            "      - name: order_id\n        type: string\n        required: true\n",
            "      - name: order_id\n        type: string\n",
            1,
        )
        .replacen(
            "        bytes: { max: 1024 }\n",
            "        bytes: { max: 2048 }\n",
            1,
        )
        .replacen("  - code: 9300536\n", "  - code: 9300999\n", 1)
    });
    let report = s.report(true);
    let ep = probe_report(&report);
    let paths: Vec<&str> = ep.against_spec.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["body.order_id", "body.custom_remark", "errors.9300536"],
        "{:?}",
        ep.against_spec
    );
    assert_eq!(
        ep.against_spec[0].location,
        s.spec_line(PROBE_FILE, "- name: order_id")
    );
    assert!(
        ep.against_spec[1]
            .message
            .contains("bytes [_, 1024]; the spec has [_, 2048]")
    );
    assert_eq!(report.review, [PROBE]);
    let (code, out) = drift_command(&s.spec(), &s.docs(), false, true);
    assert_eq!(code, 1);
    assert!(
        out.contains("spec differs from doc: the doc marks `order_id` required"),
        "{out}"
    );
    // Recording the conflicts silences them.
    let spec = s.read(PROBE_FILE);
    s.write(
        PROBE_FILE,
        &format!(
            "{spec}conflicts:\n  - at: AddOrderRequest.order_id\n    doc: 表中为是。\n    reading: 可省略。\n  - at: AddOrderRequest.custom_remark\n    doc: 不超过1024字节。\n    reading: 2048。\n"
        ),
    );
    let report = s.report(true);
    let paths: Vec<String> = probe_report(&report)
        .against_spec
        .iter()
        .map(|f| f.path.clone())
        .collect();
    assert_eq!(paths, ["errors.9300536"]);
}

/// Every endpoint of every structured capture, drafted into its own new group of a copy of
/// `spec/`, passes the generator (load, check and emit).
#[test]
fn a_draft_of_every_structured_section_passes_the_generator() {
    let Some(s) = Scratch::new("drafts") else {
        return;
    };
    let Some(docs) = real_docs() else {
        return;
    };
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
    let Some(docs) = real_docs() else {
        return;
    };
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

/// Every difference between the real specs and their docs is recorded as a conflict (or is
/// none: a fixed query parameter, the success row `0`, a name cell with its type run in).
#[test]
fn the_real_specs_record_every_difference_from_their_docs() {
    let Some(docs) = real_docs() else {
        return;
    };
    let set = load_spec_dir(&workspace().join("spec")).expect("specs load");
    let report = drift::drift(&set, &docs, true).expect("report");
    let unrecorded: Vec<String> = report
        .endpoints
        .iter()
        .flat_map(|e| {
            e.against_spec
                .iter()
                .map(move |f| format!("{}: {} {}", e.id, f.location, f.message))
        })
        .collect();
    assert!(
        report.endpoints.len() > 20,
        "{} endpoints",
        report.endpoints.len()
    );
    assert!(unrecorded.is_empty(), "{unrecorded:#?}");
}
