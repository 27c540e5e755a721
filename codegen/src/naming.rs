//! Rust names for wire names: snake_case fields, PascalCase variants, keywords escaped.

/// Words that cannot be plain Rust identifiers (strict and reserved keywords, 2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Splits a wire name into lower-case words: `BizAPPID` -> `biz appid`,
/// `order_number_type` -> `order number type`, `SubOrderID` -> `sub order id`,
/// `wxa-path` -> `wxa path`.
fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // New word at a lower->Upper step, or at the last capital of an acronym
            // followed by a lower-case letter ("APPId" -> "APP", "Id").
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Makes a word list into an identifier that cannot start with a digit or be empty.
fn guard(mut ident: String, fallback: &str) -> String {
    if ident.is_empty() {
        ident = fallback.to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// The Rust field name for a wire name: `order_number_type` -> `order_number_type`,
/// `ResourceID` -> `resource_id`, `type` -> `type_`, `3d` -> `_3d`.
pub fn field_ident(wire: &str) -> String {
    guard(words(wire).join("_"), "field")
}

/// The Rust variant or type name for a wire name: `MINI_PROGRAM` -> `MiniProgram`,
/// `URL` -> `Url`, `Self` -> `Self_`.
pub fn pascal_ident(wire: &str) -> String {
    let ident: String = words(wire)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect();
    guard(ident, "Value")
}

/// The Rust method name for an endpoint id's last part, e.g. `upload_shopping_info`.
pub fn method_ident(name: &str) -> String {
    field_ident(name)
}

/// Whether `s` is usable as a Rust identifier as written (ASCII, not a keyword).
pub fn is_valid_ident(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !is_keyword(s)
        && s != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        assert_eq!(field_ident("order_number_type"), "order_number_type");
        assert_eq!(field_ident("ResourceID"), "resource_id");
        assert_eq!(field_ident("BizAPPID"), "biz_appid");
        assert_eq!(field_ident("SubOrderID"), "sub_order_id");
        assert_eq!(field_ident("CTime"), "c_time");
        assert_eq!(field_ident("Ctime"), "ctime");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("3d"), "_3d");
        assert_eq!(field_ident("wxa-path"), "wxa_path");
        assert_eq!(field_ident("waybillId"), "waybill_id");
        assert_eq!(field_ident(""), "field");
    }

    #[test]
    fn variants() {
        assert_eq!(pascal_ident("MINI_PROGRAM"), "MiniProgram");
        assert_eq!(pascal_ident("URL"), "Url");
        assert_eq!(pascal_ident("WXPAY_TRADE_NUMBER"), "WxpayTradeNumber");
        assert_eq!(pascal_ident("Self"), "Self_");
        assert_eq!(pascal_ident("1st"), "_1st");
    }

    #[test]
    fn idents() {
        assert!(is_valid_ident("OrderKey"));
        assert!(!is_valid_ident("type"));
        assert!(!is_valid_ident("9a"));
        assert!(!is_valid_ident("a-b"));
    }
}
