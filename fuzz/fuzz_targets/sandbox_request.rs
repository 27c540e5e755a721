//! Bytes -> the sandbox's request handling, in process: the input is a sequence of calls
//! (see `mpapi_fuzz::calls`), each picking a route (a generated endpoint, from the
//! registries, or a token route), flags (token or not, method), query text and a body.
//! Each input gets a fresh sandbox router serving every endpoint, with one app per
//! platform and their tokens already issued, so calls reach validation and the stored
//! state. An input of odd length also gets a seed: the payment of the upload examples
//! (so that the seeded paths, unknown payments and other users' payments, are reached).
//! The sandbox must answer every call, and every `200` answer must be a JSON object.
#![no_main]

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, Uri};
use libfuzzer_sys::fuzz_target;
use mpapi_fuzz::{BAIDU_APP, NO_TOKEN, OTHER_METHOD, OTHER_TOKEN, Route, WECHAT_APP};
use mpapi_sandbox::{Sandbox, SandboxConfig, Seed};
use serde_json::Value;
use tower::ServiceExt;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a tokio runtime")
    })
}

async fn send(router: &Router, method: Method, uri: Uri, body: Vec<u8>) -> (StatusCode, Vec<u8>) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from(body))
        .expect("a request from a valid URI");
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router is infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("an in-memory body");
    (status, bytes.to_vec())
}

/// The access token a token route answers with.
async fn token(router: &Router, method: Method, uri: &str) -> String {
    let uri: Uri = uri.parse().expect("a valid URI");
    let (_, body) = send(router, method, uri, Vec::new()).await;
    serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("access_token")?.as_str().map(str::to_owned))
        .expect("the sandbox issues a token to its configured app")
}

fn other(method: &str) -> Method {
    if method.eq_ignore_ascii_case("GET") {
        Method::POST
    } else {
        Method::GET
    }
}

/// The payment the doc examples of the shipping uploads name.
fn seed() -> Seed {
    Seed::default().entry(
        "payments",
        serde_json::json!({
            "transaction_id": "fake-transid-20221214190427-1",
            "mchid": "1230000109",
            "out_trade_no": "fake-outtradeno-1",
            "openid": "ogqztkPsejM9MQAFfwCQSCi4oNg3",
            "paid_amount": 100,
        }),
    )
}

fuzz_target!(|data: &[u8]| {
    let mut config = SandboxConfig::new(mpapi_fuzz::endpoints().to_vec())
        .wechat_app(WECHAT_APP.0, WECHAT_APP.1)
        .baidu_app(BAIDU_APP.0, BAIDU_APP.1);
    if data.len() % 2 == 1 {
        config = config.seed(seed());
    }
    let router = Sandbox::router(config).expect("the registries' routes and the seed are sound");
    runtime().block_on(async {
        let wechat = token(
            &router,
            Method::GET,
            &format!(
                "/cgi-bin/token?grant_type=client_credential&appid={}&secret={}",
                WECHAT_APP.0, WECHAT_APP.1
            ),
        )
        .await;
        let baidu = token(
            &router,
            Method::POST,
            &format!(
                "/oauth/2.0/token?grant_type=client_credentials&client_id={}&client_secret={}",
                BAIDU_APP.0, BAIDU_APP.1
            ),
        )
        .await;
        for call in mpapi_fuzz::calls(data) {
            let route = Route::pick(call.route);
            let flip = call.flags & OTHER_METHOD != 0;
            let (method, mut uri) = match route {
                Route::Endpoint(e) => {
                    let mut uri = e.path.as_bytes().to_vec();
                    for (i, (k, v)) in e.fixed_query.iter().enumerate() {
                        uri.push(if i == 0 { b'?' } else { b'&' });
                        uri.extend_from_slice(format!("{k}={v}").as_bytes());
                    }
                    if e.needs_token() && call.flags & NO_TOKEN == 0 {
                        let baidu_endpoint = e.id.starts_with("baidu.");
                        let other_token = call.flags & OTHER_TOKEN != 0;
                        let token = if baidu_endpoint != other_token {
                            &baidu
                        } else {
                            &wechat
                        };
                        uri.push(if e.fixed_query.is_empty() { b'?' } else { b'&' });
                        uri.extend_from_slice(format!("{}={token}", e.token_param).as_bytes());
                    }
                    let method = if flip {
                        other(e.method)
                    } else {
                        Method::from_bytes(e.method.as_bytes()).unwrap_or(Method::POST)
                    };
                    (method, uri)
                }
                Route::WechatToken => (
                    if flip { Method::POST } else { Method::GET },
                    b"/cgi-bin/token".to_vec(),
                ),
                Route::WechatStableToken => (
                    if flip { Method::GET } else { Method::POST },
                    b"/cgi-bin/stable_token".to_vec(),
                ),
                Route::BaiduToken => (
                    if flip { Method::GET } else { Method::POST },
                    b"/oauth/2.0/token".to_vec(),
                ),
            };
            if !call.query.is_empty() {
                uri.push(if uri.contains(&b'?') { b'&' } else { b'?' });
                uri.extend_from_slice(call.query);
            }
            // A request line no HTTP server would accept never reaches the sandbox.
            let Ok(uri) = Uri::try_from(uri) else {
                continue;
            };
            let (status, body) = send(&router, method, uri, call.body.to_vec()).await;
            if status == StatusCode::OK {
                let answer: Value = serde_json::from_slice(&body).unwrap_or_else(|e| {
                    panic!(
                        "a 200 answer that is not JSON ({e}): {}",
                        String::from_utf8_lossy(&body)
                    )
                });
                assert!(
                    answer.is_object(),
                    "a 200 answer that is not an object: {answer}"
                );
            }
        }
    });
});
