//! Reading enums and their variants.

use crate::diag::Diagnostics;
use crate::load::reader::{entries, int, list};
use crate::load::yaml::Node;
use crate::model::{At, EnumDef, Variant, WireKind};

const ENUM_KEYS: &[&str] = &[
    "name",
    "description",
    "wire",
    "invalid",
    "invalid_code",
    "variants",
];
const VARIANT_KEYS: &[&str] = &["name", "rust", "code", "description"];

/// Reads the `enums:` list.
pub(crate) fn enums(node: &Node, d: &mut Diagnostics) -> Vec<EnumDef> {
    list(node, "enums", d)
        .iter()
        .filter_map(|n| enum_def(n, d))
        .collect()
}

fn enum_def(node: &Node, d: &mut Diagnostics) -> Option<EnumDef> {
    let e = entries(node, "an enum", ENUM_KEYS, d)?;
    let name = e.req_string("name", d);
    // A bad wire form is reported and read as `string`, so that uses of the enum are
    // still checked.
    let wire = e.req_string("wire", d).map(|w| {
        let kind = match w.value.as_str() {
            "string" => WireKind::String,
            "integer" => WireKind::Integer,
            other => {
                d.error_help(
                    &w.loc,
                    format!("unknown enum wire form `{other}`"),
                    "expected `string` (sent as the variant name) or `integer` (sent as the code)",
                );
                WireKind::String
            }
        };
        At::new(kind, w.loc)
    });
    let mut variants = Vec::new();
    if let Some(n) = e.required("variants", d) {
        let items = list(n, "variants", d);
        if items.is_empty() {
            d.error(&n.loc, "an enum needs at least one variant");
        }
        variants = items.iter().filter_map(|v| variant(v, d)).collect();
    }
    Some(EnumDef {
        description: e.opt_string("description", d),
        invalid_code: {
            e.legacy("invalid_code", "`invalid: {code: N}`", d);
            e.code_of("invalid", d)
        },
        variants,
        loc: node.loc.clone(),
        name: name?,
        wire: wire?,
    })
}

fn variant(node: &Node, d: &mut Diagnostics) -> Option<Variant> {
    let e = entries(node, "an enum variant", VARIANT_KEYS, d)?;
    let name = e.req_string("name", d);
    let code = e.required("code", d).and_then(|n| int(n, "code", d));
    Some(Variant {
        rust: e.opt_string("rust", d),
        description: e.opt_string("description", d),
        loc: node.loc.clone(),
        name: name?,
        code: code?,
    })
}
