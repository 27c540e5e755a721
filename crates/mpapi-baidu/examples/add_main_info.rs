//! Offline example: starts the in-process sandbox, fetches a Baidu access token with a
//! client id and secret, imports an order built in Rust, and prints the answer.
//!
//! Run it with `cargo run -p mpapi-baidu --example add_main_info`.

use std::sync::Arc;

use mpapi_baidu::client::Client;
use mpapi_baidu::ordercenter::{
    AddMainInfoQuery, AddMainInfoRequest, MainOrder, Order, OrderCategory, OrderExt, Payment,
    PaymentMethod, PaymentSpecInfo, Product,
};
use mpapi_client::{ApiClient, BaiduClientCredentials, TokenOptions};
use mpapi_sandbox::{Sandbox, SandboxConfig};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start(
        SandboxConfig::new(mpapi_baidu::ENDPOINTS.to_vec()).baidu_app("demo_client", "demo-secret"),
    )?;
    println!("sandbox listening on {}", sandbox.base_url());

    let tokens = BaiduClientCredentials::with_options(
        "demo_client",
        "demo-secret",
        TokenOptions::default().base_url(sandbox.base_url()),
    )?;
    let api = ApiClient::builder()
        .base_url(sandbox.base_url())
        .token_provider(Arc::new(tokens))
        .build()?;
    let client = Client::new(api);

    // One physical order: a product at 23.90 yuan, 1.00 off with a coupon and 1.00 of
    // freight, so the amount paid balances as the doc's formula requires.
    let product =
        Product::new("1014093064", "四川大凉山丑苹果", 1, 2390, 2390).with_img_list(vec![
            "https://imagelib.cdn.bcebos.com/apple.jpeg".to_owned(),
        ]);
    let payment = Payment::new(PaymentMethod::Online, 2390, true)
        .with_preferential_info(vec![PaymentSpecInfo::new("优惠券使用", 100, 1)])
        .with_payment_info(vec![PaymentSpecInfo::new("运费", 100, 1)]);
    let order = Order::new(
        "2221554346520",
        "a392qXwK8L5GDUWhFoC01cKwoy7tmehg",
        1_233_212_343,
        1_233_212_343,
        OrderCategory::Physical,
        "test",
        200,
        OrderExt::new(MainOrder::new(vec![product], payment)),
    );
    let request = AddMainInfoRequest::new(vec![order]);
    let query = AddMainInfoQuery::new("demo-scene", 2, "demo-pm-key").with_open_id("demo-open-id");
    let answer = client.add_main_info(&query, &request).await?;
    println!("import succeeded: {}", serde_json::to_string(&answer)?);
    Ok(())
}
