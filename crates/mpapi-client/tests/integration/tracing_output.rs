//! The client's tracing output: a span per call with what happened, events for retries and
//! for token fetches and invalidations, and never an access token, an app secret or an
//! `access_token=` query value, on success or on any error path. Driven against the
//! in-process sandbox and its faults over loopback, with the output captured by
//! `tracing-subscriber`'s formatter into a buffer.

use crate::common;

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use common::*;
use mpapi_client::{Error, TokenProvider};
use mpapi_sandbox::{Fault, FaultScope, Malformation};
use mpapi_wechat::token::WechatClientCredential;
use serde_json::{Value, json};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

/// Everything the formatter writes, shared with the test.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl io::Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Every level, span closings with their recorded fields, into `buffer`; the default for
/// the current thread (the tests run on a current-thread runtime).
fn capture(buffer: &Buffer) -> tracing::subscriber::DefaultGuard {
    let subscriber = tracing_subscriber::fmt()
        .with_writer(buffer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .finish();
    tracing::subscriber::set_default(subscriber)
}

#[tokio::test]
async fn the_trace_tells_what_happened_and_never_shows_a_secret() {
    let buffer = Buffer::default();
    let _guard = capture(&buffer);
    let sandbox = start(sandbox_config());
    let provider = Arc::new(
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
            .expect("provider builds"),
    );
    let api = client(sandbox.base_url(), provider.clone(), 1);
    let mut tokens = Vec::new();

    // Success (and the first token fetch).
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::numbered(1))
        .await
        .expect("succeeds");
    tokens.push(provider.token().await.expect("cached token"));

    // Platform error: the sandbox's own check of a too-long order id, validation off here.
    let unchecked = mpapi_client::ApiClient::builder()
        .base_url(sandbox.base_url())
        .token_provider(provider.clone())
        .validate_requests(false)
        .build()
        .expect("builds");
    let err = unchecked
        .call::<_, Value>(
            &WAYBILL,
            &[],
            &json!({"order_id": "x".repeat(40), "delivery_id": "SF"}),
        )
        .await
        .expect_err("too long");
    assert!(err.is_platform_code(9_300_526), "{err:?}");

    // A rejected token: invalidated, a new one fetched, the call repeated.
    sandbox.faults().expire_all_tokens();
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::numbered(2))
        .await
        .expect("succeeds with a new token");
    tokens.push(provider.token().await.expect("cached token"));

    // System busy, retried, then reported.
    sandbox
        .faults()
        .inject(FaultScope::endpoint(WAYBILL.id), Fault::SystemBusy, 2);
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::numbered(3))
        .await
        .expect_err("busy twice");
    assert!(matches!(err, Error::Busy { .. }), "{err:?}");

    // Transport error: the connection dropped on every attempt.
    sandbox
        .faults()
        .inject(FaultScope::endpoint(WAYBILL.id), Fault::DropConnection, 2);
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::numbered(4))
        .await
        .expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");

    // Decode error: a page that is not JSON.
    sandbox.faults().inject(
        FaultScope::endpoint(WAYBILL.id),
        Fault::MalformedBody(Malformation::Truncated),
        1,
    );
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::numbered(5))
        .await
        .expect_err("truncated");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    // Token error: a wrong secret, refused by the token endpoint.
    const WRONG_SECRET: &str = "wx-WRONG-secret-0c0c0c";
    let refused = Arc::new(
        WechatClientCredential::with_options(WX_APP, WRONG_SECRET, options(sandbox.base_url()))
            .expect("provider builds"),
    );
    let err = client(sandbox.base_url(), refused, 1)
        .call::<_, Value>(&WAYBILL, &[], &Waybill::numbered(6))
        .await
        .expect_err("no token");
    assert!(matches!(err, Error::Token(_)), "{err:?}");

    let text = buffer.text();
    let mut secrets: Vec<String> = vec![WX_SECRET.to_owned(), WRONG_SECRET.to_owned()];
    secrets.extend(tokens.iter().map(|t| t.secret().expose().to_owned()));
    for s in &secrets {
        assert!(!s.is_empty());
        assert!(!text.contains(s.as_str()), "the trace shows {s:?}:\n{text}");
    }
    assert!(
        !text.contains("access_token="),
        "the trace shows a token parameter:\n{text}"
    );

    // What the trace does tell.
    for expected in [
        "mpapi.call",
        "endpoint=\"wechat.test.waybill\"",
        "idempotent=true",
        "http.status=200",
        "platform.code=9300526",
        "platform.code=42001",
        "platform.code=-1",
        "outcome=\"ok\"",
        "outcome=\"platform_error\"",
        "outcome=\"busy\"",
        "outcome=\"transport_error\"",
        "outcome=\"decode_error\"",
        "outcome=\"token_error\"",
        "attempt=2",
        "duration_ms=",
        "reason=\"system_busy\"",
        "reason=\"connection_interrupted\"",
        "reason=\"token_rejected\"",
        "fetching a new access token",
        "fetched a new access token",
        "access token invalidated",
        "WeChat refused the access token request",
        "errcode=40125",
    ] {
        assert!(
            text.contains(expected),
            "the trace lacks {expected:?}:\n{text}"
        );
    }
}
