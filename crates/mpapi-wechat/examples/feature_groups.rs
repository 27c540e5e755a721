//! Each endpoint group of mpapi-wechat is a cargo feature, and a group that is off is not
//! compiled. This example names two groups, `order_shipping` and `logistics`, which both
//! have a `get_order` endpoint; it builds with both on (as with the default features):
//!
//! ```text
//! cargo run -p mpapi-wechat --example feature_groups
//! cargo run -p mpapi-wechat --no-default-features --features order_shipping,logistics --example feature_groups
//! ```
//!
//! With `--features order_shipping` alone the `logistics` module does not exist and the
//! build fails (`.ci/run` checks that it does).

use mpapi_wechat::{logistics, order_shipping};

fn main() {
    for endpoint in [&order_shipping::GET_ORDER, &logistics::GET_ORDER] {
        println!("{} -> {}{}", endpoint.id, endpoint.base_url, endpoint.path);
    }
    // The registry holds the endpoints of the groups compiled in, and nothing else.
    let groups: std::collections::BTreeSet<&str> = mpapi_wechat::ENDPOINTS
        .iter()
        .filter_map(|e| e.id.split('.').nth(1))
        .collect();
    println!(
        "{} endpoints compiled in, from the groups {groups:?}",
        mpapi_wechat::ENDPOINTS.len()
    );
}
