//! What the token tests of `mpapi call` share: a sandbox that retires a superseded token at
//! once, the endpoint's example body, and running the real binary against a base URL.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Duration;

use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::Value;

/// The endpoint every token test calls.
pub const ENDPOINT: &str = "wechat.mall.import_order";

/// A sandbox that knows one app and keeps no overlap (`token_grace` zero), so a token a
/// CLI run retired fails at the servers' very next call.
pub fn sandbox(app: &str, secret: &str) -> SandboxHandle {
    let config = SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec())
        .wechat_app(app, secret)
        .token_grace(Duration::ZERO);
    Sandbox::start(config).expect("the sandbox starts on a free loopback port")
}

/// A current-thread runtime for "the servers" played in this process.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The doc example of [`ENDPOINT`]'s request.
pub fn body() -> Value {
    let ep = mpapi_wechat::endpoint(ENDPOINT).expect("endpoint exists");
    let text = ep
        .examples
        .iter()
        .find_map(|e| e.request)
        .expect("an example request");
    serde_json::from_str(text).expect("example is JSON")
}

/// Writes [`body`] to a file of its own under the temp dir, named by `tag`.
pub fn body_file(tag: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "mpapi-cli-{}-{}.json",
        std::process::id(),
        tag.replace(['/', ':'], "")
    ));
    std::fs::write(&path, body().to_string()).expect("write body");
    path
}

/// Runs `mpapi call ENDPOINT BODY --base-url base --appid app --secret secret args…`.
pub fn mpapi_call(app: &str, secret: &str, base: &str, tag: &str, args: &[&str]) -> Output {
    let file = body_file(tag);
    let out = Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args(["call", ENDPOINT])
        .arg(&file)
        .args(["--base-url", base, "--appid", app, "--secret", secret])
        .args(args)
        .output()
        .expect("mpapi runs");
    let _ = std::fs::remove_file(&file);
    out
}

/// The run exited 0 and printed a platform answer with `errcode` 0.
pub fn assert_success(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).expect("JSON answer");
    assert_eq!(answer["errcode"], 0, "{answer}");
}
