//! Shipping an order, offline: starts the in-process sandbox seeded with three payments,
//! uploads the shipping info of each (built in Rust), reads one back with get_order and
//! lists every order through the paging stream of get_order_list.
//!
//! The seed tells the sandbox which payments exist and who paid them, as the platform
//! knows: shipping a payment it does not list answers 10060001, and a payment of another
//! user 10060031. It then imitates the platform's rules (one re-shipment per order, each
//! upload later than the previous one).
//!
//! Run it with `cargo run -p mpapi-wechat --example ship_order`.

use std::sync::Arc;

use mpapi_client::{ApiClient, TokenOptions};
use mpapi_runtime::Validate;
use mpapi_sandbox::{Sandbox, SandboxConfig, Seed};
use mpapi_wechat::client::Client;
use mpapi_wechat::order_shipping::{
    DeliveryMode, GetOrderListRequest, GetOrderRequest, LogisticsType, OrderKey, OrderNumberType,
    Payer, ShippingInfo, UploadShippingInfoRequest,
};
use mpapi_wechat::token::WechatStableToken;

const PAYER: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

fn transaction_id(n: u32) -> String {
    format!("420000123420240520000000000{n}")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The payments the user made, as `mpapi sandbox --seed FILE` would read them.
    let mut seed = Seed::default();
    for n in 1..=3 {
        seed = seed.entry(
            "payments",
            serde_json::json!({
                "transaction_id": transaction_id(n),
                "mchid": "1230000109",
                "out_trade_no": format!("demo-order-{n}"),
                "openid": PAYER,
                "paid_amount": 1990,
            }),
        );
    }
    let sandbox = Sandbox::start(
        SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec())
            .wechat_app("wx_demo_app", "demo-secret")
            .seed(seed),
    )?;
    let tokens = WechatStableToken::with_options(
        "wx_demo_app",
        "demo-secret",
        TokenOptions::default().base_url(sandbox.base_url()),
    )?;
    let client = Client::new(
        ApiClient::builder()
            .base_url(sandbox.base_url())
            .token_provider(Arc::new(tokens))
            .build()?,
    );

    // One express parcel per payment order, uploaded in unified delivery mode.
    for n in 1..=3 {
        let transaction_id = transaction_id(n);
        let parcel = ShippingInfo::new("微信红包抱枕*1个")
            .with_tracking_no(format!("SF100000000{n}"))
            .with_express_company("SF")
            .with_contact(
                mpapi_wechat::order_shipping::Contact::new().with_receiver_contact("189****1234"),
            );
        let request = UploadShippingInfoRequest::new(
            OrderKey::new(OrderNumberType::WxpayTradeNumber).with_transaction_id(&transaction_id),
            LogisticsType::PhysicalLogistics,
            DeliveryMode::UnifiedDelivery,
            vec![parcel],
            "2024-05-20T13:29:35.120+08:00",
            Payer::new(PAYER),
        );
        // The client validates too; validating here shows every violation before sending.
        request.validate()?;
        client.upload_shipping_info(&request).await?;
        println!("shipped {transaction_id}");
    }

    // Read one back.
    let read = GetOrderRequest::new().with_transaction_id("4200001234202405200000000002");
    let answer = client.order_shipping_get_order(&read).await?;
    let order = answer.order.ok_or("get_order returned no order")?;
    println!(
        "get_order: {} ({}, paid {} fen) is {:?}",
        order.transaction_id.as_deref().unwrap_or("?"),
        order.merchant_trade_no.as_deref().unwrap_or("?"),
        order.paid_amount.unwrap_or_default(),
        order.order_state
    );

    // A payment the seed does not list is refused with the platform's code.
    let unknown = UploadShippingInfoRequest::new(
        OrderKey::new(OrderNumberType::WxpayTradeNumber).with_transaction_id("4200009999"),
        LogisticsType::PhysicalLogistics,
        DeliveryMode::UnifiedDelivery,
        vec![
            ShippingInfo::new("微信红包抱枕*1个")
                .with_tracking_no("YT1000000001")
                .with_express_company("YTO"),
        ],
        "2024-05-20T13:29:35.120+08:00",
        Payer::new(PAYER),
    );
    match client.upload_shipping_info(&unknown).await {
        Err(e) if e.is_platform_code(10_060_001) => println!("unknown payment: {e}"),
        other => return Err(format!("expected 10060001, got {other:?}").into()),
    }

    // List every shipped order, two per page; pages are fetched as the items are used.
    let mut request = GetOrderListRequest::new();
    request.page_size = Some(2);
    let orders = client.get_order_list_pages(request).collect_all().await?;
    for o in &orders {
        println!(
            "listed: {} {:?}",
            o.transaction_id.as_deref().unwrap_or("?"),
            o.order_state
        );
    }
    if orders.len() != 3 {
        return Err(format!("expected 3 listed orders, got {}", orders.len()).into());
    }
    Ok(())
}
