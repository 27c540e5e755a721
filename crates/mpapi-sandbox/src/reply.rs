//! The answers the sandbox sends, shaped like each platform's.
//!
//! Codes chosen where the docs leave a choice (all in one place, so they are easy to audit):
//!
//! | situation | WeChat (`errcode` envelope) | Baidu (`errno` envelope) |
//! |---|---|---|
//! | token parameter missing | 41001 `access_token missing` | 100 `access_token missing` |
//! | token unknown, or superseded by a newer one | 40001 `invalid credential, access_token is invalid or not latest` | 110 `Access token invalid or no longer valid` |
//! | token expired | 42001 `access_token expired` | 111 `Access token expired` |
//! | body is not JSON | 47001 `data format error` | 100 `data format error` |
//! | path known, fixed URL parameter (e.g. `action`) missing or different | the endpoint's generic parameter error (see [`parameter_error`]) | 100 |
//! | body breaks the spec | code of the first violation that has one, else the endpoint's generic parameter error (see [`parameter_error`]) | same, else 100 |
//! | fault: system busy | -1 `system busy` | -1 `system busy` |
//!
//! Every answer is HTTP 200, as on the real platforms, except Baidu's OAuth errors
//! (400/401, see [the crate docs](crate#token-endpoints)) and unknown routes (404).

use axum::http::StatusCode;
use mpapi_runtime::{EndpointInfo, Envelope, Violations};
use serde_json::{Value, json};

use crate::faults::Malformation;
use crate::tokens::TokenRejection;

/// Baidu's open-API code for an invalid parameter.
pub const BAIDU_INVALID_PARAMETER: i64 = 100;
/// Baidu's open-API code for an invalid or no longer valid access token.
pub const BAIDU_INVALID_TOKEN: i64 = 110;
/// Baidu's open-API code for an expired access token.
pub const BAIDU_EXPIRED_TOKEN: i64 = 111;
/// WeChat's platform-wide "data format error".
pub const WECHAT_DATA_FORMAT_ERROR: i64 = 47001;
/// Code of the injected "system busy" answer on both platforms.
pub const SYSTEM_BUSY: i64 = -1;

/// WeChat generic parameter-error codes, in order of preference: the first one the
/// endpoint's error table lists is its generic parameter error (user orders' "参数错误",
/// mall's "请求参数错误", logistics' "参数错误").
const WECHAT_GENERIC_PARAMETER_CODES: [i64; 3] = [268_435_461, 9_009_098, 930_561];

/// What the server sends back for one call.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reply {
    /// A JSON body with an HTTP status.
    Json(StatusCode, Value),
    /// HTTP 200 with a body that is not valid JSON.
    Malformed(Malformation),
    /// Close the connection, answer nothing.
    Drop,
    /// No endpoint at this method and URL.
    NotFound,
}

impl Reply {
    /// A 200 answer with `body`.
    pub(crate) fn ok(body: Value) -> Self {
        Reply::Json(StatusCode::OK, body)
    }
}

/// An error answer in `envelope`.
pub(crate) fn error(envelope: Envelope, code: i64, message: &str) -> Value {
    match envelope {
        Envelope::Errcode => json!({ "errcode": code, "errmsg": message }),
        Envelope::Errno => json!({ "errno": code, "msg": message, "data": [] }),
    }
}

/// The default success answer in `envelope`.
pub(crate) fn success(envelope: Envelope) -> Value {
    match envelope {
        Envelope::Errcode => json!({ "errcode": 0, "errmsg": "ok" }),
        Envelope::Errno => json!({ "errno": 0, "msg": "success", "data": [] }),
    }
}

/// The answer to a call whose token was rejected.
pub(crate) fn token_rejected(envelope: Envelope, why: TokenRejection) -> Value {
    let (code, message) = match (envelope, why) {
        (Envelope::Errcode, TokenRejection::Missing) => (41001, "access_token missing"),
        (Envelope::Errcode, TokenRejection::Unknown | TokenRejection::Superseded) => (
            40001,
            "invalid credential, access_token is invalid or not latest",
        ),
        (Envelope::Errcode, TokenRejection::Expired) => (42001, "access_token expired"),
        (Envelope::Errno, TokenRejection::Missing) => {
            (BAIDU_INVALID_PARAMETER, "access_token missing")
        }
        (Envelope::Errno, TokenRejection::Unknown | TokenRejection::Superseded) => (
            BAIDU_INVALID_TOKEN,
            "Access token invalid or no longer valid",
        ),
        (Envelope::Errno, TokenRejection::Expired) => (BAIDU_EXPIRED_TOKEN, "Access token expired"),
    };
    error(envelope, code, message)
}

/// The answer to a body that is not JSON (or not a JSON object).
pub(crate) fn data_format_error(envelope: Envelope, detail: &str) -> Value {
    let code = match envelope {
        Envelope::Errcode => WECHAT_DATA_FORMAT_ERROR,
        Envelope::Errno => BAIDU_INVALID_PARAMETER,
    };
    error(envelope, code, &format!("data format error: {detail}"))
}

/// The endpoint's generic parameter-error code and the doc's message for it.
///
/// WeChat: the first of 268435461, 9009098, 930561 that the endpoint's error table lists,
/// else 47001 "data format error". Baidu: 100 "invalid parameter".
pub fn parameter_error(endpoint: &EndpointInfo) -> (i64, &'static str) {
    match endpoint.envelope {
        Envelope::Errcode => WECHAT_GENERIC_PARAMETER_CODES
            .iter()
            .find_map(|&code| endpoint.error_code(code))
            .map(|row| (row.code, row.message))
            .unwrap_or((WECHAT_DATA_FORMAT_ERROR, "data format error")),
        Envelope::Errno => (BAIDU_INVALID_PARAMETER, "invalid parameter"),
    }
}

/// The answer to a body that breaks the spec: the code of the first violation that has
/// one (else [`parameter_error`]), and a message listing every violation.
pub(crate) fn violations(endpoint: &EndpointInfo, found: &Violations) -> Value {
    let (code, doc_message) = match found.iter().find_map(|v| v.code) {
        Some(code) => (
            code,
            endpoint
                .error_code(code)
                .map_or("invalid parameter", |r| r.message),
        ),
        None => parameter_error(endpoint),
    };
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    let n = list.len();
    let message = format!(
        "{doc_message}; {n} violation{}: {}",
        if n == 1 { "" } else { "s" },
        list.join("; ")
    );
    error(endpoint.envelope, code, &message)
}

/// The text of a malformed body.
pub(crate) fn malformed_text(kind: Malformation) -> &'static str {
    match kind {
        Malformation::NotJson => {
            "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"
        }
        Malformation::Truncated => "{\"errcode\":0,\"errmsg\":\"o",
    }
}
