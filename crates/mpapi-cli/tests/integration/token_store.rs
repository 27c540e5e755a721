//! `mpapi call --token-store`: the real binary shares the token of "the servers" (the
//! client crate in this process) through a real `redis-server`, against a real sandbox.
//!
//! Needs `MPAPI_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6379/`); without it these tests
//! fail, saying how to start a server.

use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mpapi_client::{RedisTokenStore, TokenOptions, TokenProvider};
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle, WECHAT_STABLE_TOKEN, WECHAT_TOKEN};
use mpapi_wechat::token::{WechatClientCredential, WechatStableToken};

const APP: &str = "wx_cli_store";
const SECRET: &str = "cli-store-s3cret";

use crate::common;

use common::{ENDPOINT, assert_success, body_file, runtime};

fn sandbox() -> SandboxHandle {
    common::sandbox(APP, SECRET)
}

fn mpapi_call(base: &str, name: &str, args: &[&str]) -> Output {
    common::mpapi_call(APP, SECRET, base, &format!("store-{name}"), args)
}

fn redis_url() -> String {
    std::env::var("MPAPI_TEST_REDIS_URL").unwrap_or_else(|_| {
        panic!(
            "MPAPI_TEST_REDIS_URL is not set. Start a throwaway Redis and point the tests at it:\n  \
             redis-server --port 6391 --bind 127.0.0.1 --save '' --daemonize yes\n  \
             MPAPI_TEST_REDIS_URL=redis://127.0.0.1:6391/ cargo test -p mpapi-cli"
        )
    })
}

/// A key no other test run uses.
fn unique_key(name: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("mpapi-cli-test:{name}:{}:{nanos}", std::process::id())
}

fn shared_options(base: &str, key: &str) -> TokenOptions {
    let store = RedisTokenStore::open(&redis_url()).expect("the Redis URL parses");
    TokenOptions::default()
        .base_url(base)
        .store(Arc::new(store))
        .store_key(key)
}

#[test]
fn client_credential_mode_with_the_servers_store_fetches_nothing() {
    let sandbox = sandbox();
    let base = sandbox.base_url().to_owned();
    let rt = runtime();
    let key = unique_key("client-credential");
    let servers = WechatClientCredential::with_options(APP, SECRET, shared_options(&base, &key))
        .expect("provider builds");
    let token = rt.block_on(servers.token()).expect("the servers' token");
    assert_eq!(sandbox.calls(WECHAT_TOKEN), 1);

    let url = redis_url();
    assert_success(&mpapi_call(
        &base,
        "cc",
        &[
            "--token-mode",
            "client-credential",
            "--token-store",
            &url,
            "--token-store-key",
            &key,
        ],
    ));
    // The CLI used the stored token: no /cgi-bin/token call, nothing retired.
    assert_eq!(sandbox.calls(WECHAT_TOKEN), 1);
    assert_eq!(sandbox.wechat_token_issues(APP), 1);
    assert_eq!(
        rt.block_on(servers.token()).expect("still cached"),
        token,
        "the servers keep their token"
    );
}

#[test]
fn stable_mode_shares_the_default_key_of_the_stable_provider() {
    // Servers on the provider's default key, `mpapi:token:wechat-stable:<appid>`; an app
    // id of its own per run keeps runs apart.
    let app = unique_key("stable").replace(':', "_");
    let config = SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec())
        .wechat_app(&app, SECRET)
        .token_grace(Duration::ZERO);
    let sandbox = Sandbox::start(config).expect("the sandbox starts");
    let base_own = sandbox.base_url().to_owned();
    let rt = runtime();
    let store = RedisTokenStore::open(&redis_url()).expect("the Redis URL parses");
    let servers = WechatStableToken::with_options(
        app.clone(),
        SECRET,
        TokenOptions::default()
            .base_url(&base_own)
            .store(Arc::new(store)),
    )
    .expect("provider builds");
    rt.block_on(servers.token()).expect("the servers' token");
    assert_eq!(sandbox.calls(WECHAT_STABLE_TOKEN), 1);

    let file = body_file("stable");
    let url = redis_url();
    let out = Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args(["call", ENDPOINT])
        .arg(&file)
        .args(["--base-url", &base_own, "--appid", &app, "--secret", SECRET])
        .args(["--token-store", &url])
        .output()
        .expect("mpapi runs");
    let _ = std::fs::remove_file(&file);
    assert_success(&out);
    assert_eq!(
        sandbox.calls(WECHAT_STABLE_TOKEN),
        1,
        "the stored token was used"
    );
}

#[test]
fn an_unreachable_store_is_a_token_failure() {
    let sandbox = sandbox();
    let base = sandbox.base_url().to_owned();
    // Nothing listens on port 9 of loopback.
    let out = mpapi_call(
        &base,
        "unreachable",
        &["--token-store", "redis://127.0.0.1:9/"],
    );
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains(SECRET));
}
