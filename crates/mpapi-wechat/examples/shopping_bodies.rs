//! Writes large uploadShoppingInfo request bodies for timing `mpapi validate`.
//!
//! `cargo run -p mpapi-wechat --example shopping_bodies -- DIR N [N ...]` writes
//! `DIR/upload_shopping_info_N.json` for each N: a body of N orders of one item each, valid
//! under every constraint and rule of `wechat.user_order.upload_shopping_info` (distinct
//! merchant_order_no, item links of their order link's type and appid, URLs matching the
//! docs' pattern, an RFC 3339 upload time). 200,000 orders are about 60 MB.
//! `scripts/validate-scaling.sh` runs it and times the CLI on the files.
//!
//! `--variant invalid` breaks one constraint in every order (an image URL that is not
//! http), so every order reports a violation; `--variant mistyped` gives every item a
//! string quantity, a structural mismatch, so the deep check (`JsonShape::check_deep`)
//! walks the whole document. Both time the paths `mpapi validate` takes on bad input.
//!
//! The text is written directly rather than through `serde_json`, so that generating the
//! largest body takes well under a second; the smallest one is checked with the generated
//! validator before anything is written.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// What the orders of a body break, if anything.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    Valid,
    Invalid,
    Mistyped,
}

/// Writes one body of `orders` orders to `out`.
fn write_body(out: &mut impl Write, orders: usize, variant: Variant) -> std::io::Result<()> {
    let (scheme, quantity) = match variant {
        Variant::Valid => ("https", "1"),
        Variant::Invalid => ("ftp", "1"),
        Variant::Mistyped => ("https", r#""one""#),
    };
    out.write_all(
        br#"{"order_key":{"order_number_type":"MERCHANT_TRADE_NUMBER","mchid":"1230000109","out_trade_no":"1217752501201407033233368018"},"order_list":["#,
    )?;
    for o in 0..orders {
        if o > 0 {
            out.write_all(b",")?;
        }
        // Even orders link to the Mini Program, odd ones to an H5 page; items follow.
        let link = |kind: &str| {
            if o % 2 == 0 {
                format!(
                    r#"{{"type":"MINI_PROGRAM","appid":"wxd678efh567hg6787","path":"/pages/{kind}/index?id={o}"}}"#
                )
            } else {
                format!(r#"{{"type":"URL","url":"https://shop.example.com/{kind}/{o}"}}"#)
            }
        };
        write!(
            out,
            r#"{{"merchant_order_no":"M{o:010}","order_detail_jump_link":{},"item_list":[{{"merchant_item_id":"SKU-{o}","name":"iPhoneX 256G","description":"Image Store - Shenzhen","unit_price":828800,"quantity":{quantity},"image_url":["{scheme}://qpic.cn/{o}.jpg"],"item_detail_jump_link":{}}}]}}"#,
            link("order"),
            link("item"),
        )?;
    }
    out.write_all(
        br#"],"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"logistics_type":"PHYSICAL_LOGISTICS","upload_time":"2024-05-20T13:29:35.120+08:00"}"#,
    )?;
    out.write_all(b"\n")
}

/// The small body must be valid, or the timings would measure error reporting.
fn check_generator() -> Result<(), String> {
    let mut text = Vec::new();
    write_body(&mut text, 40, Variant::Valid).map_err(|e| e.to_string())?;
    let value: serde_json::Value = serde_json::from_slice(&text).map_err(|e| e.to_string())?;
    (mpapi_wechat::user_order::UPLOAD_SHOPPING_INFO.validate_request)(&value)
        .map_err(|v| format!("the generator writes invalid bodies: {v}"))
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut variant = Variant::Valid;
    if args.first().map(String::as_str) == Some("--variant") && args.len() > 1 {
        variant = match args[1].as_str() {
            "valid" => Variant::Valid,
            "invalid" => Variant::Invalid,
            "mistyped" => Variant::Mistyped,
            other => {
                eprintln!("error: unknown variant `{other}` (valid, invalid, mistyped)");
                return ExitCode::from(2);
            }
        };
        args.drain(..2);
    }
    let Some((dir, sizes)) = args.split_first().filter(|(_, s)| !s.is_empty()) else {
        eprintln!("usage: shopping_bodies [--variant valid|invalid|mistyped] DIR N [N ...]");
        return ExitCode::from(2);
    };
    if let Err(e) = check_generator() {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    for size in sizes {
        let Ok(orders) = size.parse::<usize>() else {
            eprintln!("error: `{size}` is not a number of orders");
            return ExitCode::from(2);
        };
        let path = Path::new(dir).join(format!("upload_shopping_info_{orders}.json"));
        let written = std::fs::File::create(&path).and_then(|f| {
            let mut out = BufWriter::new(f);
            write_body(&mut out, orders, variant)?;
            out.flush()
        });
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
