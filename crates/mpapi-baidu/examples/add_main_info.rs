//! Offline example: starts the in-process sandbox, fetches a Baidu access token with a
//! client id and secret, imports the doc's order example, and prints the answer.
//!
//! Run it with `cargo run -p mpapi-baidu --example add_main_info`.

use std::sync::Arc;

use mpapi_baidu::client::Client;
use mpapi_baidu::ordercenter::{ADD_MAIN_INFO, AddMainInfoQuery, AddMainInfoRequest};
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

    let example = ADD_MAIN_INFO.examples[0]
        .request
        .ok_or("the spec has an example request")?;
    let request: AddMainInfoRequest = serde_json::from_str(example)?;
    let query = AddMainInfoQuery::new("demo-scene", 2, "demo-pm-key").with_open_id("demo-open-id");
    let answer = client.add_main_info(&query, &request).await?;
    println!("import succeeded: {}", serde_json::to_string(&answer)?);
    Ok(())
}
