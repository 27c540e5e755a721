//! `mpapi call` next to the app's servers: the real binary against a real sandbox on
//! loopback, with "the servers" played by the client crate in this process.
//!
//! The sandbox runs with no overlap (`token_grace` zero), so a token retired by a CLI run
//! would fail at the servers' very next call.

use std::process::Output;
use std::sync::Arc;

use mpapi_client::{ApiClient, Error, StaticToken, TokenOptions, TokenProvider};
use mpapi_sandbox::{SandboxHandle, WECHAT_STABLE_TOKEN, WECHAT_TOKEN};
use mpapi_wechat::token::WechatClientCredential;

const APP: &str = "wx_cli_tokens";
const SECRET: &str = "cli-tokens-s3cret";

use crate::common;

use common::{ENDPOINT, assert_success, body, runtime};

fn sandbox() -> SandboxHandle {
    common::sandbox(APP, SECRET)
}

/// Runs `mpapi call ENDPOINT` with `args` against `base`, the body in a temporary file.
fn mpapi_call(base: &str, args: &[&str]) -> Output {
    common::mpapi_call(
        APP,
        SECRET,
        base,
        &format!("tokens-{}", args.join("_")),
        args,
    )
}

/// The servers' token, fetched as servers do (`client_credential`, their own cache).
fn servers_token(rt: &tokio::runtime::Runtime, base: &str, options: TokenOptions) -> String {
    let provider = WechatClientCredential::with_options(APP, SECRET, options.base_url(base))
        .expect("provider builds");
    rt.block_on(provider.token())
        .expect("the servers get a token")
        .secret()
        .expose()
        .to_owned()
}

/// One call with exactly `token` (no renewal): `Ok` or the platform's code.
fn call_with(rt: &tokio::runtime::Runtime, base: &str, token: &str) -> Result<(), i64> {
    let endpoint = mpapi_wechat::endpoint(ENDPOINT).expect("endpoint exists");
    let api = ApiClient::builder()
        .base_url(base)
        .token_provider(Arc::new(StaticToken::new(token)))
        .build()
        .expect("client builds");
    match rt.block_on(api.call_json(endpoint, &[], &body())) {
        Ok(_) => Ok(()),
        Err(Error::Platform { code, .. }) => Err(code.code()),
        Err(e) => panic!("unexpected failure: {e}"),
    }
}

#[test]
fn the_servers_token_keeps_working_after_mpapi_call_in_the_default_mode() {
    let sandbox = sandbox();
    let base = sandbox.base_url().to_owned();
    let rt = runtime();
    let token = servers_token(&rt, &base, TokenOptions::default());
    assert_eq!(call_with(&rt, &base, &token), Ok(()));

    for _ in 0..2 {
        assert_success(&mpapi_call(&base, &[]));
    }
    // The CLI asked stable_token in normal mode: no new token was issued, and the one the
    // servers hold still works.
    assert_eq!(sandbox.calls(WECHAT_STABLE_TOKEN), 2);
    assert_eq!(sandbox.calls(WECHAT_TOKEN), 1);
    assert_eq!(sandbox.wechat_token_issues(APP), 1);
    assert_eq!(call_with(&rt, &base, &token), Ok(()));
}

#[test]
fn client_credential_mode_retires_the_servers_token_as_documented() {
    let sandbox = sandbox();
    let base = sandbox.base_url().to_owned();
    let rt = runtime();
    let token = servers_token(&rt, &base, TokenOptions::default());

    assert_success(&mpapi_call(&base, &["--token-mode", "client-credential"]));
    assert_eq!(sandbox.calls(WECHAT_TOKEN), 2);
    assert_eq!(sandbox.wechat_token_issues(APP), 2);
    // With no overlap the servers' token is dead at once (the platform's is ~5 minutes).
    assert_eq!(call_with(&rt, &base, &token), Err(40001));
}

#[test]
fn token_options_are_checked() {
    let out = mpapi_call("http://127.0.0.1:9", &["--token-mode", "sometimes"]);
    assert_eq!(out.status.code(), Some(2));
    let out = mpapi_call(
        "http://127.0.0.1:9",
        &["--token-store", "memcached://host/"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--token-store takes a Redis URL"),
        "{stderr}"
    );
    let out = mpapi_call("http://127.0.0.1:9", &["--token-store-key", "k"]);
    assert_eq!(out.status.code(), Some(2));
}
