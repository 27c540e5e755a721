//! Reading the tables of a structured capture (one endpoint's section) into a
//! [`DocEndpoint`]: fields with their types, required flags, descriptions and limits,
//! enum values and the error table.

use regex::Regex;
use std::sync::OnceLock;

use super::capture;
use super::facts::{Bound, EnumFact, EnumValue, ErrorFact, Facts, FieldFact};

/// One endpoint as a structured capture describes it.
#[derive(Clone, Debug, Default)]
pub struct DocEndpoint {
    /// The section heading.
    pub heading: Option<String>,
    /// The official page.
    pub url: Option<String>,
    /// Method, request URL and whether the capture marks them as inferred.
    pub http: Option<(String, String, bool)>,
    /// The id the capture proposes.
    pub proposed_id: Option<String>,
    /// Every field, in doc order (parents before their children).
    pub fields: Vec<DocField>,
    /// Enum values from enum tables and from `枚举` lists in descriptions.
    pub enums: Vec<EnumFact>,
    /// The error table.
    pub errors: Vec<DocError>,
    /// Headings of prose blocks (notes) that carry no table.
    pub prose: Vec<String>,
}

/// A field row.
#[derive(Clone, Debug)]
pub struct DocField {
    /// `query.x`, `body.a.b`, `response.a.b` (list levels are not marked).
    pub path: String,
    /// The type cell, as written.
    pub ty: String,
    /// The 必填 cell: `Some(true)` for 是, `Some(false)` for 否, `None` without the column.
    pub required: Option<bool>,
    /// The 说明 cell.
    pub description: String,
    /// Limits read from the description.
    pub limits: Limits,
}

/// Limits a description states in a form that can be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Limits {
    /// UTF-8 bytes (字符字节限制, 不超过N字节).
    pub bytes: Option<Bound>,
    /// Characters (字符长度限制, 限N个字以内).
    pub chars: Option<Bound>,
    /// List items (多重性, 最多N个 on a list).
    pub items: Option<Bound>,
    /// Value range (值限制: a ≤ value ≤ b).
    pub range: Option<Bound>,
}

/// An error-table row.
#[derive(Clone, Debug)]
pub struct DocError {
    /// The code.
    pub code: i64,
    /// 错误描述.
    pub message: String,
    /// 解决方案 (empty when the table has none).
    pub fix: String,
}

impl DocEndpoint {
    /// The facts recorded in a lock file: no prose.
    pub fn facts(&self) -> Facts {
        Facts {
            fields: self
                .fields
                .iter()
                .map(|f| FieldFact {
                    path: f.path.clone(),
                    ty: f.ty.clone(),
                    required: f.required,
                    bytes: f.limits.bytes,
                    chars: f.limits.chars,
                    items: f.limits.items,
                    range: f.limits.range,
                })
                .collect(),
            enums: self.enums.clone(),
            errors: self
                .errors
                .iter()
                .map(|e| ErrorFact {
                    code: e.code,
                    message: e.message.clone(),
                })
                .collect(),
        }
    }
}

/// What a table heading says the table holds.
#[derive(Debug, PartialEq)]
enum Target {
    Fields(String),
    Enum(String),
    EnumByName(String),
    Errors,
    Other,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex: {e}")))
}

fn target(heading: &str) -> Target {
    static BY_NAME: OnceLock<Regex> = OnceLock::new();
    let h = heading.trim_start_matches('#').trim();
    if h.contains("错误码") {
        return Target::Errors;
    }
    for (word, root) in [
        ("查询参数", "query"),
        ("请求体", "body"),
        ("返回体", "response"),
    ] {
        if h.starts_with(word) {
            return Target::Fields(root.to_owned());
        }
    }
    for (word, root) in [("Body.", "body"), ("Res.", "response")] {
        if let Some(rest) = h.strip_prefix(word) {
            let (rest, is_enum) = if let Some(r) = rest.strip_suffix(" Enum") {
                (r, true)
            } else {
                (rest.strip_suffix(" Object Payload").unwrap_or(rest), false)
            };
            let path = format!("{root}.{}", clean_path(rest));
            return if is_enum {
                Target::Enum(path)
            } else {
                Target::Fields(path)
            };
        }
    }
    if let Some(c) = re(&BY_NAME, r"^([A-Za-z_][A-Za-z0-9_]*)\s.*合法值").captures(h) {
        return Target::EnumByName(c[1].to_owned());
    }
    Target::Other
}

/// `shipping_list(Array).contact` and `shipping_list[].contact` both become
/// `shipping_list.contact`.
fn clean_path(p: &str) -> String {
    p.replace("(Array)", "").replace("[]", "").trim().to_owned()
}

fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_owned()).collect()
}

fn is_rule(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' '))
}

/// A table: its header cells and rows (each with its 1-based line).
struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn col(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| names.contains(&h.as_str()))
    }
    fn cell<'r>(&self, row: &'r [String], names: &[&str]) -> Option<&'r str> {
        row.get(self.col(names)?).map(String::as_str)
    }
    /// The cell, with the rest of the row when it is the last column and a `|` inside it
    /// split it.
    fn tail(&self, row: &[String], names: &[&str]) -> Option<String> {
        let i = self.col(names)?;
        if i + 1 == self.header.len() && row.len() > self.header.len() {
            return Some(row[i..].join(" | "));
        }
        row.get(i).cloned()
    }
}

/// Reads one endpoint from its section text; `first_line` is the section's line in the file.
pub fn parse(section: &capture::Section<'_>) -> DocEndpoint {
    let mut ep = DocEndpoint {
        heading: section.heading.clone(),
        url: capture::official_url(section.text),
        http: capture::http_request(section.text),
        proposed_id: capture::proposed_id(section.text),
        ..DocEndpoint::default()
    };
    let mut heading = String::new();
    let mut lines = section.text.lines().enumerate().peekable();
    let mut pending_by_name: Vec<(String, Table)> = Vec::new();
    while let Some((i, line)) = lines.next() {
        let t = line.trim_start();
        if t.starts_with('#') {
            heading = t.to_owned();
            if target(&heading) == Target::Other && !t.starts_with("## ") {
                ep.prose.push(t.trim_start_matches('#').trim().to_owned());
            }
            continue;
        }
        if !t.starts_with('|') {
            continue;
        }
        // A table: header, rule, rows.
        let header = cells(t);
        let mut rows = Vec::new();
        while let Some((j, l)) = lines.peek() {
            if !l.trim_start().starts_with('|') {
                break;
            }
            let c = cells(l);
            if !is_rule(&c) {
                rows.push((section.first_line + *j, c));
            }
            lines.next();
        }
        let _ = i;
        let table = Table { header, rows };
        match target(&heading) {
            Target::Fields(prefix) => fields(&mut ep, &prefix, &table),
            Target::Enum(path) => enum_table(&mut ep, path, &table),
            Target::EnumByName(name) => pending_by_name.push((name, table)),
            Target::Errors => errors(&mut ep, &table),
            Target::Other => {}
        }
    }
    for (name, table) in pending_by_name {
        // The field of that name; request fields first.
        let path = ep
            .fields
            .iter()
            .find(|f| f.path.starts_with("body.") && f.path.rsplit('.').next() == Some(&name))
            .or_else(|| {
                ep.fields
                    .iter()
                    .find(|f| f.path.rsplit('.').next() == Some(&name))
            })
            .map(|f| f.path.clone())
            .unwrap_or_else(|| format!("body.{name}"));
        enum_table(&mut ep, path, &table);
    }
    ep
}

fn fields(ep: &mut DocEndpoint, prefix: &str, table: &Table) {
    for (_, row) in &table.rows {
        let Some(name) = table.cell(row, &["参数名"]).filter(|n| !n.is_empty()) else {
            continue;
        };
        let ty = table.cell(row, &["类型"]).unwrap_or_default().to_owned();
        let required = table.cell(row, &["必填"]).map(|r| r.starts_with('是'));
        let description = table.tail(row, &["说明"]).unwrap_or_default();
        let path = format!("{prefix}.{}", clean_path(name));
        let limits = limits(&description, &ty);
        if let Some(values) = description_enum(&description) {
            ep.enums.push(EnumFact {
                path: path.clone(),
                values,
            });
        }
        ep.fields.push(DocField {
            path,
            ty,
            required,
            description,
            limits,
        });
    }
}

fn enum_table(ep: &mut DocEndpoint, path: String, table: &Table) {
    let mut values = Vec::new();
    for (_, row) in &table.rows {
        let value = table.cell(row, &["枚举值", "值"]).unwrap_or_default();
        let name = table.cell(row, &["描述", "说明"]).unwrap_or_default();
        if !value.is_empty() {
            values.push(EnumValue {
                value: value.to_owned(),
                name: name.to_owned(),
            });
        }
    }
    // A table replaces values read from the field's description.
    ep.enums.retain(|e| e.path != path);
    ep.enums.push(EnumFact { path, values });
}

fn errors(ep: &mut DocEndpoint, table: &Table) {
    let split = table.col(&["错误描述。解决方案"]).is_some() || table.col(&["解决方案"]).is_none();
    for (_, row) in &table.rows {
        let Some(code) = table
            .cell(row, &["错误码"])
            .and_then(|c| c.trim().parse::<i64>().ok())
        else {
            continue;
        };
        let text = table
            .tail(row, &["错误描述", "错误描述。解决方案"])
            .unwrap_or_default();
        let text = text.as_str();
        let (message, fix) = if split {
            match text.split_once('。') {
                Some((m, f)) => (m.trim().to_owned(), f.trim().to_owned()),
                None => (text.trim().to_owned(), String::new()),
            }
        } else {
            (
                text.to_owned(),
                table
                    .cell(row, &["解决方案"])
                    .unwrap_or_default()
                    .to_owned(),
            )
        };
        ep.errors.push(DocError { code, message, fix });
    }
}

fn bound(min: Option<&str>, max: Option<&str>) -> Option<Bound> {
    let b = Bound {
        min: min.and_then(|m| m.parse().ok()),
        max: max.and_then(|m| m.parse().ok()),
    };
    (b.min.is_some() || b.max.is_some()).then_some(b)
}

/// Whether a doc type cell is a list.
pub fn is_list_type(ty: &str) -> bool {
    ty == "objarray" || ty.starts_with("array")
}

/// Limits stated in a description.
pub fn limits(description: &str, ty: &str) -> Limits {
    static BYTES: OnceLock<Regex> = OnceLock::new();
    static BYTES_MAX: OnceLock<Regex> = OnceLock::new();
    static CHARS: OnceLock<Regex> = OnceLock::new();
    static CHARS_MAX: OnceLock<Regex> = OnceLock::new();
    static ITEMS: OnceLock<Regex> = OnceLock::new();
    static ITEMS_MAX: OnceLock<Regex> = OnceLock::new();
    static RANGE: OnceLock<Regex> = OnceLock::new();
    let pair = |r: &Regex| {
        r.captures(description)
            .and_then(|c| bound(c.get(1).map(|m| m.as_str()), c.get(2).map(|m| m.as_str())))
    };
    let max = |r: &Regex| {
        r.captures(description)
            .and_then(|c| bound(None, c.get(1).map(|m| m.as_str())))
    };
    let mut l = Limits {
        bytes: pair(re(
            &BYTES,
            r"字符字节限制[:：]\s*\[\s*(\d+)\s*,\s*(\d+)\s*\]",
        ))
        .or_else(|| max(re(&BYTES_MAX, r"不超过\s*(\d+)\s*字节"))),
        chars: pair(re(
            &CHARS,
            r"字符长度限制[:：]\s*\[\s*(\d+)\s*,\s*(\d+)\s*\]",
        ))
        .or_else(|| max(re(&CHARS_MAX, r"限\s*(\d+)\s*个字以内"))),
        items: pair(re(&ITEMS, r"多重性[:：]\s*\[\s*(\d+)\s*,\s*(\d+)\s*\]")),
        range: pair(re(
            &RANGE,
            r"值限制[:：]\s*(-?\d+)\s*≤\s*value\s*≤\s*(-?\d+)",
        )),
    };
    if l.items.is_none() && is_list_type(ty) {
        l.items = max(re(&ITEMS_MAX, r"最多(?:不能超过)?\s*(\d+)\s*个"));
    }
    l
}

/// Enum values listed in a description that says `枚举` (`1、A 2、B`, `枚举值1，…；枚举值2，…`,
/// `(1) A；(2) B`) or gives a `【0：A，1：B】` list.
pub fn description_enum(description: &str) -> Option<Vec<EnumValue>> {
    static ENUMERATED: OnceLock<Regex> = OnceLock::new();
    static NAMED: OnceLock<Regex> = OnceLock::new();
    static PAREN: OnceLock<Regex> = OnceLock::new();
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    static BRACKET_ITEM: OnceLock<Regex> = OnceLock::new();
    static IDENT: OnceLock<Regex> = OnceLock::new();
    let clean = |s: &str| {
        s.trim()
            .trim_end_matches(['；', ';', '，', ',', '。', '.'])
            .trim()
            .to_owned()
    };
    let name_of = |label: &str| -> String {
        match re(&IDENT, r"^([A-Z][A-Z0-9_]+)").captures(label) {
            Some(c) => c[1].to_owned(),
            None => clean(label),
        }
    };
    let collect = |r: &Regex, text: &str| -> Vec<EnumValue> {
        let caps: Vec<_> = r.captures_iter(text).collect();
        let mut out = Vec::new();
        for (k, c) in caps.iter().enumerate() {
            let (Some(all), Some(v)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let end = caps
                .get(k + 1)
                .and_then(|n| n.get(0))
                .map(|m| m.start())
                .unwrap_or(text.len());
            let label = &text[all.end()..end];
            out.push(EnumValue {
                value: v.as_str().to_owned(),
                name: name_of(label),
            });
        }
        out
    };
    if let Some(c) = re(&BRACKET, r"【([^】]*)】").captures(description) {
        let inner = &c[1];
        let values: Vec<EnumValue> = re(&BRACKET_ITEM, r"(-?\d+)\s*[：:]\s*([^，,]+)")
            .captures_iter(inner)
            .map(|c| EnumValue {
                value: c[1].to_owned(),
                name: name_of(&c[2]),
            })
            .collect();
        if values.len() >= 2 {
            return Some(values);
        }
    }
    let at = description.find("枚举")?;
    let text = &description[at..];
    for r in [
        re(&NAMED, r"枚举值\s*(-?\d+)\s*[，,：:]\s*"),
        re(&ENUMERATED, r"(?:^|[\s：:，,）)])(-?\d+)、\s*"),
        re(&PAREN, r"[（(]\s*(-?\d+)\s*[)）]\s*"),
    ] {
        let values = collect(r, text);
        if values.len() >= 2 {
            // The label runs to the next value; drop trailing prose after the last label.
            return Some(values);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_in_descriptions() {
        let l = limits("物流单号 示例值: 3232 字符字节限制: [1, 128]", "string");
        assert_eq!(
            l.bytes,
            Some(Bound {
                min: Some(1),
                max: Some(128)
            })
        );
        let l = limits("订单ID，须保证全局唯一，不超过512字节", "string");
        assert_eq!(
            l.bytes,
            Some(Bound {
                min: None,
                max: Some(512)
            })
        );
        let l = limits("列表，多重性: [1, 15]", "objarray");
        assert_eq!(
            l.items,
            Some(Bound {
                min: Some(1),
                max: Some(15)
            })
        );
        let l = limits("订单列表, 最多不能超过100个", "objarray");
        assert_eq!(
            l.items,
            Some(Bound {
                min: None,
                max: Some(100)
            })
        );
        let l = limits("同一打印员最多支持10个tagid", "string");
        assert_eq!(l.items, None);
        let l = limits("联系方式 值限制: 0 ≤ value ≤ 1024", "string");
        assert_eq!(
            l.range,
            Some(Bound {
                min: Some(0),
                max: Some(1024)
            })
        );
        let l = limits("商品信息，限120个字以内", "string");
        assert_eq!(
            l.chars,
            Some(Bound {
                min: None,
                max: Some(120)
            })
        );
        assert_eq!(limits("商品数量", "number"), Limits::default());
    }

    fn values(d: &str) -> Vec<(String, String)> {
        description_enum(d)
            .unwrap_or_default()
            .into_iter()
            .map(|v| (v.value, v.name))
            .collect()
    }

    #[test]
    fn enums_in_descriptions() {
        assert_eq!(
            values(
                "发货模式，发货模式枚举值：1、UNIFIED_DELIVERY（统一发货）2、SPLIT_DELIVERY（分拆发货）"
            ),
            vec![
                ("1".into(), "UNIFIED_DELIVERY".into()),
                ("2".into(), "SPLIT_DELIVERY".into())
            ]
        );
        assert_eq!(
            values(
                "订单单号类型。枚举值1，使用下单商户号和商户侧单号；枚举值2，使用微信支付单号。"
            ),
            vec![
                ("1".into(), "使用下单商户号和商户侧单号".into()),
                ("2".into(), "使用微信支付单号".into())
            ]
        );
        assert_eq!(
            values("订单状态枚举：(1) 待发货；(2) 已发货；(3) 确认收货。").len(),
            3
        );
        assert_eq!(
            values("分单策略，【0：线下网点签约，1：总部签约结算】，不传默认"),
            vec![
                ("0".into(), "线下网点签约".into()),
                ("1".into(), "总部签约结算".into())
            ]
        );
        assert_eq!(
            values("发货方式枚举值：1、实体物流 2、同城配送 3、虚拟商品，例如话费 4、用户自提")
                .len(),
            4
        );
        assert!(description_enum("物流单号，不超过 1、2 个").is_none());
    }

    #[test]
    fn tables_become_fields_enums_and_errors() {
        let text = "## 生成运单\n\n- Official page: https://example.invalid/a.html\n\
- HTTP request (x): `POST https://api.example.invalid/a/b?access_token=ACCESS_TOKEN`\n\n\
### 请求体 Request Payload\n\n| 参数名 | 类型 | 必填 | 说明 |\n| --- | --- | --- | --- |\n\
| order_id | string | 是 | 订单ID，不超过512字节 |\n| list | objarray | 否 | 列表 多重性: [1, 15] |\n\n\
### Body.list(Array) Object Payload\n\n| 参数名 | 类型 | 必填 | 说明 |\n| --- | --- | --- | --- |\n\
| name | string | 是 | 名字 |\n\n### Body.kind Enum\n\n| 枚举值 | 描述 |\n| --- | --- |\n| 1 | 甲 |\n| 2 | 乙 |\n\n\
### 返回体 Response Payload\n\n| 参数名 | 类型 | 说明 |\n| --- | --- | --- |\n| errcode | number | 错误码 |\n\n\
### 6. 错误码\n\n| 错误码 | 错误描述 | 解决方案 |\n| --- | --- | --- |\n| -1 | system error | 稍后再试 |\n";
        let s = capture::find_section(text, Some("生成运单")).expect("section");
        let ep = parse(&s);
        assert_eq!(ep.url.as_deref(), Some("https://example.invalid/a.html"));
        assert_eq!(ep.http.as_ref().map(|h| h.0.as_str()), Some("POST"));
        let paths: Vec<&str> = ep.fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "body.order_id",
                "body.list",
                "body.list.name",
                "response.errcode"
            ]
        );
        assert_eq!(ep.fields[0].required, Some(true));
        assert_eq!(ep.fields[3].required, None);
        assert_eq!(
            ep.fields[1].limits.items,
            Some(Bound {
                min: Some(1),
                max: Some(15)
            })
        );
        assert_eq!(ep.enums.len(), 1);
        assert_eq!(ep.enums[0].path, "body.kind");
        assert_eq!(ep.errors.len(), 1);
        assert_eq!(ep.errors[0].code, -1);
        assert_eq!(ep.errors[0].fix, "稍后再试");
    }
}
