//! Builds an uploadShoppingInfo request in Rust (no JSON parsing), validates it against
//! every rule of the doc, and prints the JSON that would be sent.
//!
//! Run it with `cargo run -p mpapi-wechat --example build_request`.

use mpapi_runtime::Validate;
use mpapi_wechat::user_order::{
    JumpLink, LinkType, LogisticsType, OrderItem, OrderKey, OrderNumberType, Payer, ShoppingOrder,
    UploadShoppingInfoRequest,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Every page the order links to is a mini-program page of the same app.
    let page = |path: &str| {
        JumpLink::new(LinkType::MiniProgram)
            .with_appid("wxd678efh567hg6787")
            .with_path(path)
    };
    let item = OrderItem::new(
        "iPhoneX 256G",
        828_800,
        2,
        vec!["https://qpic.cn/phone.jpg".to_owned()],
        page("/pages/item/index?id=1246464644"),
    )
    .with_merchant_item_id("1246464644")
    .with_description("Image形象店-深圳腾大-QQ公仔");
    let order = ShoppingOrder::new("2343454667633", page("/pages/order/index"), vec![item]);
    let request = UploadShoppingInfoRequest::new(
        OrderKey::new(OrderNumberType::WxpayTradeNumber)
            .with_transaction_id("4200001234202105201234567890"),
        vec![order],
        Payer::new("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
        "2021-05-20T13:29:35.120+08:00",
    )
    .with_logistics_type(LogisticsType::VirtualGoods);

    // Local validation applies every limit and rule of the doc, with the platform's codes.
    if let Err(violations) = request.validate() {
        eprintln!("the request breaks the doc's rules:\n{violations}");
        std::process::exit(1);
    }
    println!("{}", serde_json::to_string_pretty(&request)?);

    // The same check catches a mistake before it reaches the platform: a mini-program
    // link without its path.
    let mut broken = request.clone();
    broken.order_list[0].order_detail_jump_link.path = None;
    let violations = broken
        .validate()
        .expect_err("a link without a path is rejected");
    eprintln!("as expected, a broken copy is rejected:\n{violations}");
    Ok(())
}
